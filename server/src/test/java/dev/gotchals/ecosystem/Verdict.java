package dev.gotchals.ecosystem;

import java.util.Locale;

/**
 * A reviewer's judgement of one finding: {@code right} (a reason optional), {@code wrong: why}, {@code arguable: why}
 * or {@code unreviewed}.
 */
record Verdict(Kind kind, String reason) {
    /** The four judgements; every one but {@link #UNREVIEWED} counts towards precision. */
    enum Kind {
        RIGHT, WRONG, ARGUABLE, UNREVIEWED;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean needsReason() {
            return this == WRONG || this == ARGUABLE;
        }
    }

    static final Verdict UNREVIEWED = new Verdict(Kind.UNREVIEWED, "");

    /** Parses the text after a snapshot line's {@code " | "}. */
    static Verdict parse(String text) {
        String trimmed = text.strip();
        int colon = trimmed.indexOf(':');
        String word = colon < 0 ? trimmed : trimmed.substring(0, colon).strip();
        String reason = colon < 0 ? "" : trimmed.substring(colon + 1).strip();
        Kind kind = kindOf(word);
        if (kind.needsReason() && reason.isEmpty()) {
            throw new IllegalArgumentException("\"" + word + "\" needs a reason: \"" + word + ": why\"");
        }
        if (kind == Kind.UNREVIEWED && colon >= 0) {
            throw new IllegalArgumentException("\"" + word + "\" takes no reason");
        }
        return new Verdict(kind, reason);
    }

    private static Kind kindOf(String word) {
        for (Kind kind : Kind.values()) {
            if (kind.word().equals(word)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown verdict \"" + word + "\" (right, wrong: why, arguable: why, unreviewed)");
    }

    String text() {
        return reason.isEmpty() ? kind.word() : kind.word() + ": " + reason;
    }
}
