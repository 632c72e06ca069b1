package dev.gotchals.text;

/**
 * One edit described the way tree-sitter wants it: UTF-8 byte offsets and (row, byte column) points, where a
 * row is ended by {@code \n} alone.
 */
public record InputEdit(int startByte, int oldEndByte, int newEndByte,
                        Point startPoint, Point oldEndPoint, Point newEndPoint) {

    /** A tree-sitter point: row counted in {@code \n}, column in bytes since the last {@code \n}. */
    public record Point(int row, int column) {
    }
}
