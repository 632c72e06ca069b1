package dev.gotchals.cli;

import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * GitHub Actions workflow commands, one a finding: {@code ::error file=…,line=…,col=…,endLine=…,endColumn=…,
 * title=GT005 hardcoded-secret::message}, which the job log turns into annotations on the pull request. Info and
 * hint findings become notices. Related locations follow the message, one a line, as annotations cannot link them.
 */
final class GithubReport implements ReportWriter {
    @Override
    public void write(List<ReportedFinding> findings, List<RuleInfo> catalog, Path workingDirectory, PrintStream out) {
        for (ReportedFinding finding : findings) {
            out.println("::" + command(finding.finding().severity())
                    + " file=" + property(finding.file())
                    + ",line=" + finding.line() + ",col=" + finding.column()
                    + ",endLine=" + finding.endLine() + ",endColumn=" + finding.endColumn()
                    + ",title=" + property(finding.rule() + " " + finding.slug())
                    + "::" + data(message(finding)));
        }
    }

    private static String message(ReportedFinding finding) {
        StringBuilder message = new StringBuilder(finding.message());
        finding.related().forEach(related -> message.append('\n').append(related.describe()));
        return message.toString();
    }

    static String command(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO, HINT -> "notice";
        };
    }

    /** A command's message: '%', CR and LF are percent-encoded, as the runner decodes them. */
    static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A property value: as data, and ':' and ',' too, which would end the value. */
    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
