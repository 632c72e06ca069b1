package dev.gotchals.text;

import java.util.Arrays;

/**
 * Where each line starts, in UTF-16 chars and in UTF-8 bytes. Lines end at {@code \n}, {@code \r\n} or a lone
 * {@code \r}, as the LSP specification says. Immutable; {@link #afterEdit} builds the index of the edited text
 * by rescanning only the edited window and shifting the rest.
 */
final class LineIndex {
    private final int[] charStarts;
    private final int[] byteStarts;
    private final int lineCount;

    private LineIndex(int[] charStarts, int[] byteStarts, int lineCount) {
        this.charStarts = charStarts;
        this.byteStarts = byteStarts;
        this.lineCount = lineCount;
    }

    /**
     * The index of a text from its UTF-8 form, in one pass over the bytes: a file opened or read whole is indexed
     * before the JIT has compiled anything, and a loop over a byte array is what runs fastest in the interpreter.
     * A line break is an ASCII byte, never part of a longer character; a char starts at every byte but a
     * continuation byte, and a four-byte character is two chars (a surrogate pair).
     */
    static LineIndex of(byte[] utf8) {
        IntList chars = new IntList(64);
        IntList bytes = new IntList(64);
        chars.add(0);
        bytes.add(0);
        int charOffset = 0;
        for (int i = 0; i < utf8.length; i++) {
            byte b = utf8[i];
            if (b >= 0) {
                charOffset++;
                if (b == '\n' || (b == '\r' && (i + 1 == utf8.length || utf8[i + 1] != '\n'))) {
                    chars.add(charOffset);
                    bytes.add(i + 1);
                }
            } else if ((b & 0xC0) != 0x80) {
                charOffset += (b & 0xF8) == 0xF0 ? 2 : 1;
            }
        }
        return new LineIndex(chars.toArray(), bytes.toArray(), chars.size());
    }

    int lineCount() {
        return lineCount;
    }

    int lineStartChar(int line) {
        return charStarts[line];
    }

    int lineStartByte(int line) {
        return byteStarts[line];
    }

    /** The line holding the char at {@code charOffset} (the last line for the end of the text). */
    int lineOfChar(int charOffset) {
        return lineOf(charStarts, charOffset);
    }

    int lineOfByte(int byteOffset) {
        return lineOf(byteStarts, byteOffset);
    }

    private int lineOf(int[] starts, int offset) {
        int found = Arrays.binarySearch(starts, 0, lineCount, offset);
        return found >= 0 ? found : -found - 2;
    }

    /**
     * The index of {@code newText}, which is {@code oldText} with chars {@code [start, oldEnd)} replaced by
     * {@code newEnd - start} new chars, whose UTF-8 form starts at {@code startByte} and grows the text by
     * {@code byteDelta} bytes.
     */
    LineIndex afterEdit(String newText, int start, int oldEnd, int newEnd, int startByte, int byteDelta) {
        int charDelta = newEnd - oldEnd;
        // A break at start-1 may change (a kept "\r" gains or loses the "\n" after it); breaks before it can't.
        int rescanFrom = Math.max(0, start - 1);
        // Old line starts up to rescanFrom (a line starts right after its break) are kept as they are.
        int keepBefore = upperBound(charStarts, rescanFrom);
        // Old breaks at or after oldEnd keep their chars and successors: their line starts are > oldEnd.
        int keepAfter = upperBound(charStarts, oldEnd);
        IntList chars = new IntList(lineCount + 8);
        IntList bytes = new IntList(lineCount + 8);
        for (int i = 0; i < keepBefore; i++) {
            chars.add(charStarts[i]);
            bytes.add(byteStarts[i]);
        }
        int rescanFromByte = rescanFrom == start ? startByte : startByte - Utf8.length(newText, rescanFrom, start);
        scanBreaks(newText, rescanFrom, newEnd, rescanFromByte, chars, bytes);
        for (int i = keepAfter; i < lineCount; i++) {
            int shifted = charStarts[i] + charDelta;
            if (shifted > chars.last()) {
                chars.add(shifted);
                bytes.add(byteStarts[i] + byteDelta);
            }
        }
        return new LineIndex(chars.toArray(), bytes.toArray(), chars.size());
    }

    /** First index whose start is greater than {@code offset}. */
    private int upperBound(int[] starts, int offset) {
        int line = lineOf(starts, offset);
        return line + 1;
    }

    /**
     * Appends the line starts that follow the breaks among chars {@code [from, to)}; a {@code \r} at the end of the
     * window is judged by the char after it.
     */
    private static void scanBreaks(String text, int from, int to, int fromByte, IntList chars, IntList bytes) {
        int byteOffset = fromByte;
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            int width = Utf8.charWidth(text, i, text.length());
            int step = Utf8.startsPair(text, i, text.length()) ? 2 : 1;
            byteOffset += width;
            i += step;
            boolean isBreak = c == '\n' || (c == '\r' && (i >= text.length() || text.charAt(i) != '\n'));
            if (isBreak && i > chars.last()) {
                chars.add(i);
                bytes.add(byteOffset);
            }
        }
    }

    /** A growable int array, to avoid boxing on every keystroke. */
    private static final class IntList {
        private int[] values;
        private int size;

        IntList(int capacity) {
            values = new int[Math.max(capacity, 4)];
        }

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int last() {
            return values[size - 1];
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
