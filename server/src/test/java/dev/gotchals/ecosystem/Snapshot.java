package dev.gotchals.ecosystem;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reviewed snapshot of one repository's findings ({@code ecosystem/expected/OWNER+NAME.txt}): one line per finding,
 * {@code RULE path:line:col message | verdict} ({@code RULE hint path:…} for a hint); one line per real problem a review found that no finding reports,
 * {@code missed RULE path:line what}; and {@code #} comment lines.
 */
record Snapshot(List<String> comments, List<Missed> missed, List<Entry> entries) {
    /** A real problem of a rule's kind that the review found and the checker does not report. */
    record Missed(String rule, String location, String what) {
        String line() {
            return "missed " + rule + " " + location + " " + what;
        }
    }

    /** A finding as the snapshot recorded it, with its verdict. */
    record Entry(Finding finding, Verdict verdict) {
        String line() {
            return finding.describe() + " | " + verdict.text();
        }
    }

    /** The last {@code " | "} followed by a verdict word ends the message: a reason may itself hold {@code " | "}. */
    private static final Pattern VERDICT_SEPARATOR = Pattern.compile(" \\| (?=(right|wrong|arguable|unreviewed)\\b)");
    private static final Pattern LOCATION = Pattern.compile("(.+):(\\d+):(\\d+)");

    static final Snapshot EMPTY = new Snapshot(List.of(), List.of(), List.of());

    Snapshot {
        comments = List.copyOf(comments);
        missed = List.copyOf(missed);
        entries = List.copyOf(entries);
    }

    /** Parses a snapshot's lines; a malformed line is an {@link IllegalArgumentException} naming its number. */
    static Snapshot parse(List<String> lines) {
        List<String> comments = new ArrayList<>();
        List<Missed> missed = new ArrayList<>();
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
                if (line.startsWith("missed ")) {
                    missed.add(parseMissed(line));
                    continue;
                }
                entries.add(parseEntry(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (index + 1) + ": " + e.getMessage(), e);
            }
        }
        return new Snapshot(comments, missed, entries);
    }

    private static Missed parseMissed(String line) {
        String[] parts = line.split(" ", 4);
        if (parts.length < 4 || !parts[2].matches(".+:\\d+")) {
            throw new IllegalArgumentException("expected \"missed RULE path:line what\"");
        }
        return new Missed(parts[1], parts[2], parts[3]);
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
        String described = line.substring(0, verdictStart);
        boolean hint = described.matches("\\S+ hint .*");
        String[] parts = (hint ? described.replaceFirst(" hint ", " ") : described).split(" ", 3);
        if (parts.length < 3) {
            throw new IllegalArgumentException("expected \"RULE path:line:col message | verdict\"");
        }
        Matcher location = LOCATION.matcher(parts[1]);
        if (!location.matches()) {
            throw new IllegalArgumentException("\"" + parts[1] + "\" is not path:line:col");
        }
        Finding finding = new Finding(parts[0], location.group(1), Integer.parseInt(location.group(2)),
                Integer.parseInt(location.group(3)), parts[2], hint);
        return new Entry(finding, Verdict.parse(line.substring(verdictStart + 3)));
    }

    /** The snapshot's text: comments first, then what was missed, then the findings in report order. */
    List<String> render() {
        List<String> lines = new ArrayList<>(comments);
        missed.forEach(item -> lines.add(item.line()));
        entries.stream()
                .sorted((a, b) -> Finding.REPORT_ORDER.compare(a.finding(), b.finding()))
                .map(Entry::line)
                .forEach(lines::add);
        return lines;
    }
}
