package dev.gotchals.text;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable text with its UTF-8 bytes (what tree-sitter reads) and a line index. Owns every conversion
 * between char offsets, byte offsets, LSP positions (UTF-16 or UTF-8 columns) and tree-sitter points.
 * {@link #withEdit} returns the edited text and the tree-sitter edit that describes it, touching only the
 * lines the edit spans.
 */
public final class TextDocument {
    private final String text;
    private final byte[] utf8;
    private final LineIndex lines;
    /** A lone '\r' ends an LSP line but not a tree-sitter row; such texts take the slow path for points. */
    private final boolean hasLoneCarriageReturn;
    /** Whether every char is ASCII, so that the text is its UTF-8 bytes read as Latin-1 (see {@link #withEdit}). */
    private final boolean ascii;
    /**
     * The words looked for in this text so far, in any case ({@link #occurrences}) or as written ({@link #contains}):
     * an edited text finds them again only around the edit.
     */
    private final Map<WordOccurrences.Wanted, WordOccurrences> occurrences = new ConcurrentHashMap<>(2);

    private TextDocument(String text, byte[] utf8, LineIndex lines, boolean hasLoneCarriageReturn, boolean ascii) {
        this.text = text;
        this.utf8 = utf8;
        this.lines = lines;
        this.hasLoneCarriageReturn = hasLoneCarriageReturn;
        this.ascii = ascii;
    }

    public static TextDocument of(String text) {
        Objects.requireNonNull(text, "text");
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        // Each char is one byte or more, so only a text of as many bytes as chars can be ASCII.
        return new TextDocument(text, utf8, LineIndex.of(utf8),
                text.indexOf('\r') >= 0 && hasLoneCarriageReturn(text, 0, text.length()),
                utf8.length == text.length() && isAscii(text));
    }

    /** Not a byte count: a lone surrogate is one char and one byte ('?') but no ASCII. */
    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    public String text() {
        return text;
    }

    /**
     * The char offsets where {@code word} starts, in any case, in order. A word must end with a char without case
     * (such as ':'). Worked out once per text, and for an edited text from the occurrences in the text it was made
     * from when they were asked for there.
     */
    public int[] occurrences(String word) {
        return occurrences.computeIfAbsent(new WordOccurrences.Wanted(word, true),
                wanted -> WordOccurrences.in(text, word)).offsets();
    }

    /**
     * Whether {@code word} occurs in the text exactly as written. Worked out like {@link #occurrences}: a keystroke in
     * a long file searches only around the edit for a word asked of the text before it.
     */
    public boolean contains(String word) {
        return occurrences.computeIfAbsent(new WordOccurrences.Wanted(word, false),
                wanted -> WordOccurrences.exactlyIn(text, word)).count() > 0;
    }

    /** The UTF-8 form of the text. Shared, not copied: callers must not modify it. */
    public byte[] utf8() {
        return utf8;
    }

    public int length() {
        return text.length();
    }

    public int byteLength() {
        return utf8.length;
    }

    public int lineCount() {
        return lines.lineCount();
    }

    /** The text of a line without its line break. */
    public String lineText(int line) {
        return text.substring(lines.lineStartChar(line), lineContentEnd(line));
    }

    public int lineStartOffset(int line) {
        return lines.lineStartChar(line);
    }

    /** Char offset of the end of the line's content, before its line break. */
    public int lineContentEnd(int line) {
        int end = line + 1 < lines.lineCount() ? lines.lineStartChar(line + 1) : text.length();
        while (end > lines.lineStartChar(line) && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return end;
    }

    /**
     * The char offset of a position. Like LSP, a column past the end of its line means the end of the line, and a
     * line past the end of the text means the end of the text; a negative coordinate is an error.
     */
    public int offsetAt(TextPosition position, PositionEncoding encoding) {
        if (position.line() < 0 || position.character() < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        if (position.line() >= lines.lineCount()) {
            return text.length();
        }
        int start = lines.lineStartChar(position.line());
        int end = lineContentEnd(position.line());
        if (encoding == PositionEncoding.UTF16) {
            int offset = Math.min(start + position.character(), end);
            // A column between the halves of a surrogate pair points at the pair.
            if (offset > start && offset < end && Character.isLowSurrogate(text.charAt(offset))
                    && Character.isHighSurrogate(text.charAt(offset - 1))) {
                offset--;
            }
            return offset;
        }
        int remaining = position.character();
        int offset = start;
        while (offset < end && remaining > 0) {
            int width = Utf8.charWidth(text, offset, end);
            if (width > remaining) {
                break;
            }
            remaining -= width;
            offset += Utf8.startsPair(text, offset, end) ? 2 : 1;
        }
        return offset;
    }

    /** True when the position names a place inside the text (no clamping needed). */
    public boolean isValid(TextPosition position, PositionEncoding encoding) {
        if (position.line() < 0 || position.character() < 0 || position.line() >= lines.lineCount()) {
            return false;
        }
        int start = lines.lineStartChar(position.line());
        int end = lineContentEnd(position.line());
        int width = encoding == PositionEncoding.UTF16 ? end - start : Utf8.length(text, start, end);
        return position.character() <= width;
    }

    public TextPosition positionAt(int offset, PositionEncoding encoding) {
        int clamped = Math.max(0, Math.min(offset, text.length()));
        int line = lines.lineOfChar(clamped);
        int start = lines.lineStartChar(line);
        int column = encoding == PositionEncoding.UTF16 ? clamped - start : Utf8.length(text, start, clamped);
        return new TextPosition(line, column);
    }

    public int byteOffsetAt(int offset) {
        int line = lines.lineOfChar(offset);
        if (singleByte(line)) {
            return lines.lineStartByte(line) + offset - lines.lineStartChar(line);
        }
        return lines.lineStartByte(line) + Utf8.length(text, lines.lineStartChar(line), offset);
    }

    /** The char offset of a UTF-8 byte offset (a byte inside a character maps to that character's end). */
    public int offsetAtByte(int byteOffset) {
        int clamped = Math.max(0, Math.min(byteOffset, utf8.length));
        int line = lines.lineOfByte(clamped);
        int offset = lines.lineStartChar(line);
        int remaining = clamped - lines.lineStartByte(line);
        if (singleByte(line)) {
            // Every char of the line is one byte: no walk along a line that may be megabytes long.
            return offset + remaining;
        }
        while (remaining > 0 && offset < text.length()) {
            remaining -= Utf8.charWidth(text, offset, text.length());
            offset += Utf8.startsPair(text, offset, text.length()) ? 2 : 1;
        }
        return offset;
    }

    /** Whether every char of the line (its break included) is one UTF-8 byte: char and byte columns agree. */
    private boolean singleByte(int line) {
        boolean last = line + 1 >= lines.lineCount();
        int chars = (last ? text.length() : lines.lineStartChar(line + 1)) - lines.lineStartChar(line);
        int bytes = (last ? utf8.length : lines.lineStartByte(line + 1)) - lines.lineStartByte(line);
        return chars == bytes;
    }

    /** The text between two UTF-8 byte offsets, as tree-sitter nodes give them. */
    public String textOfBytes(int startByte, int endByte) {
        int start = Math.max(0, Math.min(startByte, utf8.length));
        int end = Math.max(start, Math.min(endByte, utf8.length));
        return new String(utf8, start, end - start, StandardCharsets.UTF_8);
    }

    /** The tree-sitter point of a char offset. */
    public InputEdit.Point pointAt(int offset) {
        int byteOffset = byteOffsetAt(offset);
        if (!hasLoneCarriageReturn) {
            int line = lines.lineOfChar(offset);
            return new InputEdit.Point(line, byteOffset - lines.lineStartByte(line));
        }
        int row = 0;
        int rowStart = 0;
        for (int i = 0; i < byteOffset; i++) {
            if (utf8[i] == '\n') {
                row++;
                rowStart = i + 1;
            }
        }
        return new InputEdit.Point(row, byteOffset - rowStart);
    }

    /** The result of one edit: the new text and the tree-sitter edit to apply to the old tree. */
    public record Edited(TextDocument document, InputEdit edit) {
    }

    /**
     * Replaces chars {@code [start, end)} with {@code replacement}. An edit next to a surrogate is widened to
     * include it (a pair it would split, or a lone one it could join into a pair), so the UTF-8 bytes stay an
     * exact encoding of the text.
     */
    public Edited withEdit(int start, int end, String replacement) {
        if (start < 0 || end < start || end > text.length()) {
            throw new IndexOutOfBoundsException("edit [" + start + ", " + end + ") outside text of length " + text.length());
        }
        if (start > 0 && Character.isHighSurrogate(text.charAt(start - 1))) {
            replacement = text.charAt(start - 1) + replacement;
            start--;
        }
        if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
            replacement = replacement + text.charAt(end);
            end++;
        }
        int startByte = byteOffsetAt(start);
        int oldEndByte = byteOffsetAt(end);
        byte[] inserted = replacement.getBytes(StandardCharsets.UTF_8);
        int newEndByte = startByte + inserted.length;

        byte[] newUtf8 = new byte[utf8.length - (oldEndByte - startByte) + inserted.length];
        System.arraycopy(utf8, 0, newUtf8, 0, startByte);
        System.arraycopy(inserted, 0, newUtf8, startByte, inserted.length);
        System.arraycopy(utf8, oldEndByte, newUtf8, newEndByte, utf8.length - oldEndByte);
        int newLength = text.length() - (end - start) + replacement.length();
        // Copied once per keystroke, not three times: an ASCII text from its new bytes, another built in place.
        boolean newAscii = ascii && isAscii(replacement);
        String newText = newAscii ? new String(newUtf8, StandardCharsets.ISO_8859_1)
                : new StringBuilder(newLength).append(text, 0, start).append(replacement).append(text, end, text.length())
                        .toString();
        int newEnd = start + replacement.length();
        LineIndex newLines = lines.afterEdit(newText, start, end, newEnd, startByte, newEndByte - oldEndByte);
        // Without a lone '\r' before, one can only appear where the edit touched the text.
        boolean loneCr = hasLoneCarriageReturn
                ? hasLoneCarriageReturn(newText, 0, newText.length())
                : hasLoneCarriageReturn(newText, Math.max(0, start - 1), Math.min(newText.length(), newEnd + 1));
        TextDocument edited = new TextDocument(newText, newUtf8, newLines, loneCr, newAscii);
        for (Map.Entry<WordOccurrences.Wanted, WordOccurrences> known : occurrences.entrySet()) {
            edited.occurrences.put(known.getKey(), known.getValue().afterEdit(newText, start, end, newEnd));
        }

        InputEdit edit = new InputEdit(startByte, oldEndByte, newEndByte,
                pointAt(start), pointAt(end), edited.pointAt(newEnd));
        return new Edited(edited, edit);
    }

    private static boolean hasLoneCarriageReturn(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                return true;
            }
        }
        return false;
    }
}
