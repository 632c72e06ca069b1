package dev.gotchals.rule;

import java.util.Locale;

/** How loudly a finding is reported; ordered from the most to the least severe. */
public enum Severity {
    ERROR, WARNING, INFO, HINT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The severity whose {@link #label()} is {@code label} ("warning"), or null. */
    public static Severity fromLabel(String label) {
        for (Severity severity : values()) {
            if (severity.label().equals(label)) {
                return severity;
            }
        }
        return null;
    }

    public boolean atLeast(Severity threshold) {
        return compareTo(threshold) <= 0;
    }
}
