package dev.gotchals.ecosystem;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * One finding of {@code gotcha-ls check --hints} on a repository: rule, file relative to the repository, 1-based
 * position, the message on a single line, and whether it is a hint (which {@code check} leaves out without
 * {@code --hints}: it is counted apart).
 */
record Finding(String rule, String file, int line, int column, String message, boolean hint) {
    /** The order of the CLI's report: file, line, column, rule, message. */
    static final Comparator<Finding> REPORT_ORDER = Comparator.comparing(Finding::file)
            .thenComparingInt(Finding::line)
            .thenComparingInt(Finding::column)
            .thenComparing(Finding::rule)
            .thenComparing(Finding::message);

    /** {@code path:12} or {@code path:12:5} inside a message; the position goes, the path stays. */
    private static final Pattern POSITION_IN_MESSAGE = Pattern.compile("(?<=[\\w.)\\]])(:\\d+){1,2}\\b");
    private static final Pattern LINE_WORD = Pattern.compile("\\b(lines?) \\d+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    Finding {
        message = WHITESPACE.matcher(message).replaceAll(" ").strip();
    }

    Finding(String rule, String file, int line, int column, String message) {
        this(rule, file, line, column, message, false);
    }

    /**
     * What identifies this finding across edits of the repository: rule, file and message without the line numbers
     * it mentions, since lines move when unrelated code changes above them.
     */
    String matchKey() {
        String withoutPositions = POSITION_IN_MESSAGE.matcher(message).replaceAll("");
        return label() + " " + file + " " + LINE_WORD.matcher(withoutPositions).replaceAll("$1 #");
    }

    /** {@code RULE path:line:col message} ({@code RULE hint path:…} for a hint), the way a snapshot line starts. */
    String describe() {
        return label() + " " + file + ":" + line + ":" + column + " " + message;
    }

    /** The rule, and for a hint the word {@code hint}: a finding that becomes a hint or stops being one changes. */
    private String label() {
        return hint ? rule + " hint" : rule;
    }
}
