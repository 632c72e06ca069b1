package dev.gotchals.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.gotchals.product.Version;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code check --format F} prints for two sample workspaces, run from test-workspaces/ (so paths carry the
 * workspace's folder), compared with server/src/test/resources/golden/check/WORKSPACE.F. The version and the
 * absolute URI of the working directory (SARIF) are replaced by placeholders. Regenerate with
 * {@code -Dgotcha.updateGolden=true} and review the diff.
 */
class OutputFormatsGoldenTest {
    private static final List<String> WORKSPACES = List.of("naive-all-gotchas", "naive-debug-logging");
    private static final List<String> FORMATS = List.of("text", "json", "sarif", "github");

    @TestFactory
    Stream<DynamicTest> eachFormatMatchesItsGoldenFile() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String workspace : WORKSPACES) {
            for (String format : FORMATS) {
                tests.add(DynamicTest.dynamicTest(workspace + " " + format, () -> check(workspace, format)));
            }
        }
        return tests.stream();
    }

    /**
     * SARIF with each rule descriptor cut down to its id: the descriptors carry the rules' documentation, which
     * changes on its own; SarifReportTest checks them against the rules.
     */
    private static String withRuleIdsOnly(String sarif) {
        JsonObject log = JsonParser.parseString(sarif).getAsJsonObject();
        JsonObject driver = log.getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonObject("tool").getAsJsonObject("driver");
        JsonArray ids = new JsonArray();
        driver.getAsJsonArray("rules").forEach(rule -> ids.add(rule.getAsJsonObject().get("id")));
        driver.add("rules", ids);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(log) + "\n";
    }

    private static void check(String workspace, String format) throws IOException {
        Path workingDirectory = CliRun.workspaces();
        CliRun run = CliRun.in(workingDirectory, "check", "--format", format, "--fail-on", "never", workspace);
        assertEquals(0, run.exit(), run.err());
        String actual = (format.equals("sarif") ? withRuleIdsOnly(run.out()) : run.out()).replace(Version.get(), "@VERSION@")
                .replace(workingDirectory.toUri().toString(), "file:///@WORKDIR@/");
        Path golden = RepoRoot.get().resolve("server/src/test/resources/golden/check").resolve(workspace + "." + format);
        if (Boolean.getBoolean("gotcha.updateGolden")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual);
            return;
        }
        assertTrue(Files.exists(golden), "missing " + golden + "; run with -Dgotcha.updateGolden=true");
        assertEquals(Files.readString(golden), actual, workspace + " as " + format);
    }
}
