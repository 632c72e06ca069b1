package dev.gotchals.ecosystem;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reviewed snapshot of one repository's findings ({@code ecosystem/expected/OWNER+NAME.txt}): one line per finding,
 * {@code RULE path:line:col message | verdict}, and {@code #} comment lines.
 */
record Snapshot(List<String> comments, List<Entry> entries) {
    /** A finding as the snapshot recorded it, with its verdict. */
    record Entry(Finding finding, Verdict verdict) {
        String line() {
            return finding.describe() + " | " + verdict.text();
        }
    }

    /** The last {@code " | "} followed by a verdict word ends the message: a reason may itself hold {@code " | "}. */
    private static final Pattern VERDICT_SEPARATOR = Pattern.compile(" \\| (?=(right|wrong|arguable|unreviewed)\\b)");
    private static final Pattern LOCATION = Pattern.compile("(.+):(\\d+):(\\d+)");

    static final Snapshot EMPTY = new Snapshot(List.of(), List.of());

    Snapshot {
        comments = List.copyOf(comments);
        entries = List.copyOf(entries);
    }

    /** Parses a snapshot's lines; a malformed line is an {@link IllegalArgumentException} naming its number. */
    static Snapshot parse(List<String> lines) {
        List<String> comments = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                comments.add(line);
                continue;
            }
            try {
                entries.add(parseEntry(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (index + 1) + ": " + e.getMessage(), e);
            }
        }
        return new Snapshot(comments, entries);
    }

    private static Entry parseEntry(String line) {
        Matcher separator = VERDICT_SEPARATOR.matcher(line);
        int verdictStart = -1;
        while (separator.find()) {
            verdictStart = separator.start();
        }
        if (verdictStart < 0) {
            throw new IllegalArgumentException("no \" | verdict\" at the end");
        }
        String[] parts = line.substring(0, verdictStart).split(" ", 3);
        if (parts.length < 3) {
            throw new IllegalArgumentException("expected \"RULE path:line:col message | verdict\"");
        }
        Matcher location = LOCATION.matcher(parts[1]);
        if (!location.matches()) {
            throw new IllegalArgumentException("\"" + parts[1] + "\" is not path:line:col");
        }
        Finding finding = new Finding(parts[0], location.group(1), Integer.parseInt(location.group(2)),
                Integer.parseInt(location.group(3)), parts[2]);
        return new Entry(finding, Verdict.parse(line.substring(verdictStart + 3)));
    }

    /** The snapshot's text: comments first, then the findings in report order, one per line. */
    List<String> render() {
        List<String> lines = new ArrayList<>(comments);
        entries.stream()
                .sorted((a, b) -> Finding.REPORT_ORDER.compare(a.finding(), b.finding()))
                .map(Entry::line)
                .forEach(lines::add);
        return lines;
    }
}
