package dev.gotchals.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertEquals(0, run("check", workspace("naive-debug-logging")));
        assertEquals("config/prod.exs:19:24: warning [GT007] Logger level :debug in config/prod.exs applies to "
                + "production: every debug message is logged there, Ecto queries and request params included.\n",
                out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("1 finding in 1 project"));
    }

    @Test
    void failOnWarningTurnsWarningsIntoExitCodeOne() {
        assertEquals(1, run("check", "--fail-on", "warning", workspace("naive-debug-logging")));
        assertEquals(0, run("check", "--fail-on", "warning", workspace("phx-release-clean")));
    }

    @Test
    void jsonOutputIsAStableDocumentWithRelativePaths() {
        assertEquals(0, run("check", "--format", "json", workspace("debug-in-config-no-override")));
        JsonObject document = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
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
        try (var folders = java.nio.file.Files.list(samples)) {
            projects = folders.filter(java.nio.file.Files::isDirectory).count();
        }
        // Some samples have error-severity findings (GT002 in mix-in-release): exit code 1.
        assertEquals(1, run("check", samples.toString()));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("naive-debug-logging/config/prod.exs:19:24"), printed);
        assertTrue(printed.contains("umbrella/config/prod.exs:20:24"), printed);
        assertTrue(printed.contains("mix-in-release/Dockerfile:98:19: error [GT002]"), printed);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("in " + projects + " projects"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void usageErrorsExitTwo() {
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
