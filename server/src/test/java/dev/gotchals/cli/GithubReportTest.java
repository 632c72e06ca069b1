package dev.gotchals.cli;

import dev.gotchals.rule.Severity;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GithubReportTest {
    @Test
    void escapesDataAndPropertiesAsTheRunnerDecodesThem() {
        assertEquals("100%25 sure%0D%0Anext: a, b", GithubReport.data("100% sure\r\nnext: a, b"));
        assertEquals("a%3A b%2C c%25%0A", GithubReport.property("a: b, c%\n"));
    }

    @Test
    void infoAndHintAreNotices() {
        assertEquals("error", GithubReport.command(Severity.ERROR));
        assertEquals("warning", GithubReport.command(Severity.WARNING));
        assertEquals("notice", GithubReport.command(Severity.INFO));
        assertEquals("notice", GithubReport.command(Severity.HINT));
    }

    @Test
    void printsOneAnnotationPerFinding() {
        CliRun run = CliRun.in(CliRun.workspaces().resolve("naive-debug-logging"), "check", "--format", "github");
        assertEquals(0, run.exit(), run.err());
        assertEquals("::warning file=config/prod.exs,line=19,col=24,endLine=19,endColumn=30,"
                + "title=GT007 prod-debug-logging::Logger level :debug in config/prod.exs applies to production: every "
                + "debug message is logged there, Ecto queries and request params included.\n", run.out());
        assertTrue(run.err().isEmpty(), run.err());
    }
}
