package dev.gotchals.document;

import dev.gotchals.text.TextPosition;

/**
 * One content change as an editor sends it: a replacement of {@code [start, end)} or, when the range is null,
 * the whole text.
 */
public record TextChange(TextPosition start, TextPosition end, String text) {
    public static TextChange full(String text) {
        return new TextChange(null, null, text);
    }

    public static TextChange replace(TextPosition start, TextPosition end, String text) {
        return new TextChange(start, end, text);
    }

    public boolean isFull() {
        return start == null;
    }
}
