package dev.gotchals.cli;

/** A command line the command cannot run: the message says what is wrong; the command exits 2. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
