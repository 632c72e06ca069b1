package dev.gotchals.text;

/** A zero-based line and column; what the column counts depends on a {@link PositionEncoding}. */
public record TextPosition(int line, int character) implements Comparable<TextPosition> {
    @Override
    public int compareTo(TextPosition other) {
        return line != other.line ? Integer.compare(line, other.line) : Integer.compare(character, other.character);
    }

    @Override
    public String toString() {
        return line + ":" + character;
    }
}
