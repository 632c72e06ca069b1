package dev.gotchals.cli;

import dev.gotchals.rule.RuleInfo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code path:line:col: severity [id] message}, one finding a line, as compilers print; each related location
 * follows on its own line, indented: {@code     path:line:col: message}.
 */
final class TextReport implements ReportWriter {
    @Override
    public void write(List<ReportedFinding> findings, List<RuleInfo> catalog, Path workingDirectory, PrintStream out) {
        for (ReportedFinding finding : findings) {
            out.println(finding.file() + ":" + finding.line() + ":" + finding.column() + ": " + finding.severity()
                    + " [" + finding.rule() + "] " + finding.message());
            for (ReportedLocation related : finding.related()) {
                out.println("    " + related.describe());
            }
        }
    }
}
