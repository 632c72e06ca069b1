package dev.gotchals.document;

/**
 * An editor sent a change that cannot apply to the text we hold (a range past the end, an inverted range).
 * The document keeps its last good text and waits for a full-text change to resynchronise.
 */
public final class InvalidChangeException extends Exception {
    public InvalidChangeException(String message) {
        super(message);
    }
}
