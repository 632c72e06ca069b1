package dev.gotchals.rule;

import java.util.Locale;

/** How loudly a finding is reported; ordered from the most to the least severe. */
public enum Severity {
    ERROR, WARNING, INFO, HINT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Severity threshold) {
        return compareTo(threshold) <= 0;
    }
}
