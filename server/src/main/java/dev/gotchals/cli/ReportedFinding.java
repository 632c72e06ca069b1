package dev.gotchals.cli;

import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.text.PositionEncoding;
import dev.gotchals.text.TextPosition;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * A finding as the command line reports it: a '/'-separated path relative to the checked folder and 1-based
 * lines and columns (columns count UTF-16 code units, as LSP and SARIF do by default).
 */
record ReportedFinding(String rule, String slug, String severity, String file, int line, int column, int endLine,
                       int endColumn, String message, List<String> fixes) {

    static final Comparator<ReportedFinding> ORDER = Comparator.comparing(ReportedFinding::file)
            .thenComparingInt(ReportedFinding::line).thenComparingInt(ReportedFinding::column)
            .thenComparing(ReportedFinding::rule).thenComparing(ReportedFinding::message);

    static ReportedFinding of(Finding finding, Path base) {
        TextPosition start = finding.file().text().positionAt(finding.start(), PositionEncoding.UTF16);
        TextPosition end = finding.file().text().positionAt(finding.end(), PositionEncoding.UTF16);
        String file = base.relativize(finding.file().path()).toString().replace('\\', '/');
        return new ReportedFinding(finding.rule().id(), finding.rule().slug(), finding.severity().label(), file,
                start.line() + 1, start.character() + 1, end.line() + 1, end.character() + 1, finding.message(),
                finding.fixes().stream().map(Fix::title).toList());
    }

    /** {@code path:line:col: severity [id] message}, as compilers print. */
    String asText() {
        return file + ":" + line + ":" + column + ": " + severity + " [" + rule + "] " + message;
    }
}
