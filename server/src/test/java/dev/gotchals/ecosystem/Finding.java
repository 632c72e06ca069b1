package dev.gotchals.ecosystem;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * One finding of {@code gotcha-ls check} on a repository: rule, file relative to the repository, 1-based position
 * and the message on a single line.
 */
record Finding(String rule, String file, int line, int column, String message) {
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

    /**
     * What identifies this finding across edits of the repository: rule, file and message without the line numbers
     * it mentions, since lines move when unrelated code changes above them.
     */
    String matchKey() {
        String withoutPositions = POSITION_IN_MESSAGE.matcher(message).replaceAll("");
        return rule + " " + file + " " + LINE_WORD.matcher(withoutPositions).replaceAll("$1 #");
    }

    /** {@code RULE path:line:col message}, the way a snapshot line starts. */
    String describe() {
        return rule + " " + file + ":" + line + ":" + column + " " + message;
    }
}
