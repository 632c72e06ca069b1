package dev.gotchals.cli;

import dev.gotchals.rule.Finding;
import dev.gotchals.text.PositionEncoding;
import dev.gotchals.text.TextPosition;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * A finding as the command line reports it: a '/'-separated path relative to the working directory (absolute
 * outside it), 1-based lines and columns (columns count UTF-16 code units, as LSP and SARIF do by default, and
 * the end column is the one after the last character), the fingerprint of its line, and its related locations
 * (which play no part in the order or the fingerprint).
 */
record ReportedFinding(Finding finding, String file, int line, int column, int endLine, int endColumn,
                       String lineHash, List<ReportedLocation> related) {

    static final Comparator<ReportedFinding> ORDER = Comparator.comparing(ReportedFinding::file)
            .thenComparingInt(ReportedFinding::line).thenComparingInt(ReportedFinding::column)
            .thenComparing(ReportedFinding::rule).thenComparing(ReportedFinding::message);

    static ReportedFinding of(Finding finding, Path workingDirectory) {
        TextPosition start = finding.file().text().positionAt(finding.start(), PositionEncoding.UTF16);
        TextPosition end = finding.file().text().positionAt(finding.end(), PositionEncoding.UTF16);
        return new ReportedFinding(finding, DisplayPath.of(finding.file().path(), workingDirectory),
                start.line() + 1, start.character() + 1, end.line() + 1, end.character() + 1,
                LineFingerprint.of(finding),
                finding.related().stream().map(location -> ReportedLocation.of(location, workingDirectory)).toList());
    }

    String rule() {
        return finding.rule().id();
    }

    String slug() {
        return finding.rule().slug();
    }

    String severity() {
        return finding.severity().label();
    }

    String message() {
        return finding.message();
    }
}
