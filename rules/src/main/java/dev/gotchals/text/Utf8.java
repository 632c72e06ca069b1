package dev.gotchals.text;

/**
 * UTF-8 lengths of UTF-16 text, counted exactly as {@link String#getBytes(java.nio.charset.Charset)} encodes it:
 * a surrogate pair is 4 bytes and a lone surrogate becomes the one-byte replacement {@code '?'}.
 */
final class Utf8 {
    private Utf8() {
    }

    static int length(CharSequence text, int from, int to) {
        int bytes = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Width in bytes of the character starting at {@code i}; a surrogate pair counts as one character of 4. */
    static int charWidth(CharSequence text, int i, int limit) {
        return length(text, i, Math.min(limit, i + (startsPair(text, i, limit) ? 2 : 1)));
    }

    static boolean startsPair(CharSequence text, int i, int limit) {
        return i + 1 < limit && Character.isHighSurrogate(text.charAt(i)) && Character.isLowSurrogate(text.charAt(i + 1));
    }
}
