package dev.gotchals.text;

/** How the {@code character} of a line/column position is counted (LSP 3.17 {@code PositionEncodingKind}). */
public enum PositionEncoding {
    /** UTF-16 code units: the LSP default, and what Java strings index. */
    UTF16,
    /** UTF-8 bytes: offered to clients that announce support for it. */
    UTF8
}
