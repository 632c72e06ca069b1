package dev.gotchals.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String workspace(String name) {
        return RepoRoot.get().resolve("test-workspaces").resolve(name).toString();
    }

    @Test
    void printsFindingsLikeACompilerAndExitsZeroForWarnings() {
        CliRun run = CliRun.in(Path.of(workspace("naive-debug-logging")), "check");
        assertEquals(0, run.exit());
        assertEquals("config/prod.exs:19:24: warning [GT007] Logger level :debug in config/prod.exs applies to "
                + "production: every debug message is logged there, Ecto queries and request params included.\n",
                run.out());
        assertTrue(run.err().contains("1 finding in 1 project"), run.err());
    }

    @Test
    void failOnWarningTurnsWarningsIntoExitCodeOne() {
        assertEquals(1, run("check", "--fail-on", "warning", workspace("naive-debug-logging")));
        assertEquals(0, run("check", "--fail-on", "warning", workspace("phx-release-clean")));
    }

    @Test
    void jsonOutputIsAStableDocumentWithRelativePaths() {
        CliRun run = CliRun.in(Path.of(workspace("debug-in-config-no-override")), "check", "--format", "json");
        assertEquals(0, run.exit());
        JsonObject document = JsonParser.parseString(run.out()).getAsJsonObject();
        JsonArray findings = document.getAsJsonArray("findings");
        assertEquals(1, findings.size());
        JsonObject finding = findings.get(0).getAsJsonObject();
        assertEquals("GT007", finding.get("rule").getAsString());
        assertEquals("prod-debug-logging", finding.get("slug").getAsString());
        assertEquals("warning", finding.get("severity").getAsString());
        assertEquals("config/config.exs", finding.get("file").getAsString());
        assertEquals(41, finding.get("line").getAsInt());
        assertEquals(24, finding.get("column").getAsInt());
        assertEquals(41, finding.get("endLine").getAsInt());
        assertEquals(30, finding.get("endColumn").getAsInt());
        assertEquals(2, finding.getAsJsonArray("fixes").size());
    }

    @Test
    void aMonorepoIsCheckedAsSeveralProjects() throws java.io.IOException {
        Path samples = RepoRoot.get().resolve("test-workspaces");
        long projects;
        // Every mix.exs is a project of its own (a path dependency and its examples too), except umbrella apps.
        try (var files = java.nio.file.Files.walk(samples)) {
            projects = files.filter(file -> file.getFileName().toString().equals("mix.exs"))
                    .filter(file -> !file.getParent().getParent().getFileName().toString().equals("apps")).count();
        }
        CliRun run = CliRun.in(samples, "check", "--fail-on", "never");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("naive-debug-logging/config/prod.exs:19:24"), run.out());
        assertTrue(run.out().contains("umbrella/config/prod.exs:20:24"), run.out());
        err.write(run.err().getBytes(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("in " + projects + " projects"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void pathsAreRelativeToTheWorkingDirectoryAndAbsoluteOutsideIt(@org.junit.jupiter.api.io.TempDir Path elsewhere) {
        CliRun fromRoot = CliRun.in(RepoRoot.get(), "check", "test-workspaces/naive-debug-logging");
        assertTrue(fromRoot.out().startsWith("test-workspaces/naive-debug-logging/config/prod.exs:19:24: warning [GT007]"),
                fromRoot.out());
        Path workspace = RepoRoot.get().resolve("test-workspaces/naive-debug-logging");
        CliRun fromElsewhere = CliRun.in(elsewhere, "check", workspace.toString());
        assertTrue(fromElsewhere.out().startsWith(workspace.resolve("config/prod.exs") + ":19:24: warning [GT007]"),
                fromElsewhere.out());
        CliRun fromInside = CliRun.in(workspace.resolve("config"), "check", "..");
        assertTrue(fromInside.out().startsWith("prod.exs:19:24: "), fromInside.out());
    }

    @Test
    void failOnSetsTheThresholdOfTheExitCode() {
        Path workspace = CliRun.workspaces().resolve("naive-all-gotchas"); // errors and warnings
        Path warningsOnly = CliRun.workspaces().resolve("naive-debug-logging");
        assertEquals(1, CliRun.in(workspace, "check").exit());
        assertEquals(1, CliRun.in(workspace, "check", "--fail-on", "error").exit());
        assertEquals(0, CliRun.in(workspace, "check", "--fail-on=never").exit());
        assertEquals(0, CliRun.in(warningsOnly, "check", "--fail-on", "error").exit());
        assertEquals(1, CliRun.in(warningsOnly, "check", "--fail-on", "warning").exit());
        assertEquals(1, CliRun.in(warningsOnly, "check", "--fail-on", "info").exit());
        assertEquals(0, CliRun.in(CliRun.workspaces().resolve("phx-release-clean"), "check", "--fail-on", "info").exit());
    }

    @Test
    void ruleAndIgnoreSelectRulesByIdOrSlug() {
        Path workspace = CliRun.workspaces().resolve("naive-all-gotchas");
        CliRun only = CliRun.in(workspace, "check", "--rule", "GT005,prod-debug-logging", "--fail-on", "never");
        assertEquals(List.of("GT005", "GT007"), rulesIn(only.out()));
        CliRun repeated = CliRun.in(workspace, "check", "--rule", "hardcoded-secret", "--rule", "gt007");
        assertEquals(only.out(), repeated.out());
        CliRun ignored = CliRun.in(workspace, "check", "--ignore", "GT002,GT004", "--ignore=endpoint-not-served", "--fail-on", "never");
        assertEquals(List.of("GT001", "GT005", "GT006", "GT007", "GT017"), rulesIn(ignored.out()));
        CliRun both = CliRun.in(workspace, "check", "--rule", "GT005,GT007", "--ignore", "GT005", "--fail-on", "never");
        assertEquals(List.of("GT007"), rulesIn(both.out()));
        assertEquals(0, both.exit(), "only a warning is left");

        CliRun unknown = CliRun.in(workspace, "check", "--rule", "GT005,no-such-rule");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("--rule: no rule no-such-rule"), unknown.err());
        assertEquals("", unknown.out());
        assertEquals(2, CliRun.in(workspace, "check", "--ignore", "GT099").exit());
        assertEquals(2, CliRun.in(workspace, "check", "--rule", "GT005,,GT007").exit());
    }

    @Test
    void theEnginesOwnUnusedSuppressionRuleCanBeSelectedAndIgnoredToo() {
        Path workspace = CliRun.workspaces().resolve("suppressed");
        CliRun all = CliRun.in(workspace, "check", "--hints", "--fail-on", "never");
        assertEquals(List.of("GT005", "GT101"), rulesIn(all.out()));
        assertEquals(List.of("GT005"), rulesIn(CliRun.in(workspace, "check", "--hints", "--ignore", "unused-suppression").out()));
        assertEquals(List.of("GT101"), rulesIn(CliRun.in(workspace, "check", "--hints", "--rule", "GT101", "--fail-on", "never").out()));
    }

    @Test
    void hintsAreLeftOutUnlessAskedFor() {
        // GT101 is a hint: an editor shows it faded, a CI run only with --hints (or --fail-on hint, which judges them).
        Path workspace = CliRun.workspaces().resolve("suppressed");
        CliRun plain = CliRun.in(workspace, "check", "--fail-on", "never");
        assertEquals(List.of("GT005"), rulesIn(plain.out()));
        long hints = CliRun.in(workspace, "check", "--hints", "--fail-on", "never").out().lines()
                .filter(line -> line.contains(": hint [GT101]")).count();
        assertTrue(hints > 1, "the workspace's unused suppressions");
        assertTrue(plain.err().endsWith("1 finding in 1 project (and " + hints + " hints: --hints shows them)\n"),
                plain.err());
        CliRun json = CliRun.in(workspace, "check", "--format", "json", "--fail-on", "never");
        assertFalse(json.out().contains("GT101"), json.out());
        CliRun failOnHint = CliRun.in(workspace, "check", "--rule", "GT101", "--fail-on", "hint");
        assertEquals(List.of("GT101"), rulesIn(failOnHint.out()));
        assertEquals(1, failOnHint.exit());
        assertEquals(0, CliRun.in(workspace, "check", "--rule", "GT101", "--fail-on", "info").exit(), "nothing shown fails");
        assertEquals(2, CliRun.in(workspace, "check", "--hints=yes").exit());
    }

    private static List<String> rulesIn(String text) {
        // Indented lines are a finding's related locations.
        return text.lines().filter(line -> !line.startsWith(" "))
                .map(line -> line.substring(line.indexOf('[') + 1, line.indexOf(']'))).distinct().sorted().toList();
    }

    @Test
    void usageErrorsExitTwo() {
        Path workspace = CliRun.workspaces().resolve("naive-debug-logging");
        for (String[] args : List.of(new String[] {"check", "--fail-on", "sometimes"}, new String[] {"check", "--format"},
                new String[] {"check", "--rule"}, new String[] {"check", "--fix=yes"},
                new String[] {"check", "--write-baseline", "b.json", "--fix"})) {
            CliRun run = CliRun.in(workspace, args);
            assertEquals(2, run.exit(), String.join(" ", args));
            assertTrue(run.err().startsWith("gotcha-ls check: ") && run.err().contains("Usage"), run.err());
            assertEquals("", run.out());
        }
        assertEquals(2, run("check", "--format", "yaml"));
        assertEquals(2, run("check", "--bogus"));
        assertEquals(2, run("check", Path.of("does-not-exist").toString()));
        assertEquals(2, run("frobnicate"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Usage"));
    }

    @Test
    void rulesListsEveryRuleAndExplainPrintsItsPage() {
        assertEquals(0, run("rules"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("GT007   prod-debug-logging"), out.toString(StandardCharsets.UTF_8));
        out.reset();
        assertEquals(0, run("explain", "prod-debug-logging"));
        String page = out.toString(StandardCharsets.UTF_8);
        assertTrue(page.startsWith("# GT007 prod-debug-logging"), page);
        assertTrue(page.contains("## Reported") && page.contains("## Accepted"), page);
        assertEquals(2, run("explain", "GT999"));
    }

    @Test
    void helpAndVersion() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("gotcha-ls "));
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("check [PATH...]"));
    }
}
