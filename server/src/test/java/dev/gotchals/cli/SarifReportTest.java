package dev.gotchals.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code check --format sarif} against the official SARIF 2.1.0 schema (a test resource; see PROVENANCE.md there). */
class SarifReportTest {
    @TempDir
    Path elsewhere;

    private static Schema schema() throws IOException {
        try (InputStream in = SarifReportTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        }
    }

    private static List<Error> violations(String sarif) throws IOException {
        return schema().validate(sarif, InputFormat.JSON);
    }

    @Test
    void theSchemaRejectsWhatIsNotSarif() throws IOException {
        // The validator and schema really check: a result without a message and a bad level are caught.
        String broken = "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\"}},"
                + " \"results\": [{\"ruleId\": \"GT001\", \"level\": \"fatal\"}]}]}";
        assertFalse(violations(broken).isEmpty());
    }

    @Test
    void everySampleWorkspaceGivesValidSarif() throws IOException {
        CliRun run = CliRun.in(RepoRoot.get(), "check", "--format", "sarif", "--fail-on", "never", "test-workspaces");
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of(), violations(run.out()));
        JsonObject sarifRun = JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("runs").get(0).getAsJsonObject();
        JsonArray rules = sarifRun.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules");
        JsonArray results = sarifRun.getAsJsonArray("results");
        assertTrue(results.size() > 20, "the samples have many findings: " + results.size());
        boolean sawFix = false;
        for (var element : results) {
            JsonObject result = element.getAsJsonObject();
            JsonObject rule = rules.get(result.get("ruleIndex").getAsInt()).getAsJsonObject();
            assertEquals(result.get("ruleId").getAsString(), rule.get("id").getAsString(), "ruleIndex points at its rule");
            JsonObject location = result.getAsJsonArray("locations").get(0).getAsJsonObject()
                    .getAsJsonObject("physicalLocation").getAsJsonObject("artifactLocation");
            assertTrue(location.get("uri").getAsString().startsWith("test-workspaces/"), location.toString());
            assertEquals("%SRCROOT%", location.get("uriBaseId").getAsString());
            assertEquals(32, result.getAsJsonObject("partialFingerprints").get(SarifReport.FINGERPRINT).getAsString().length());
            sawFix |= result.has("fixes");
        }
        assertTrue(sawFix, "fixes are carried");
        assertEquals(RepoRoot.get().toUri().toString(), sarifRun.getAsJsonObject("originalUriBaseIds")
                .getAsJsonObject("%SRCROOT%").get("uri").getAsString());
    }

    @Test
    void everyRuleIsDescribedWithItsDocumentation() {
        CliRun run = CliRun.in(CliRun.workspaces().resolve("naive-debug-logging"), "check", "--format", "sarif");
        JsonArray descriptors = JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("runs").get(0)
                .getAsJsonObject().getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules");
        List<dev.gotchals.rule.RuleInfo> catalog = dev.gotchals.rules.Rules.catalog();
        assertTrue(catalog.stream().anyMatch(info -> info.id().equals("GT101")), "the engine's own GT101 is described too");
        assertEquals(catalog.size(), descriptors.size());
        for (int i = 0; i < catalog.size(); i++) {
            dev.gotchals.rule.RuleInfo info = catalog.get(i);
            JsonObject descriptor = descriptors.get(i).getAsJsonObject();
            assertEquals(info.id(), descriptor.get("id").getAsString());
            assertEquals(info.slug(), descriptor.get("name").getAsString());
            assertEquals(info.title(), descriptor.getAsJsonObject("shortDescription").get("text").getAsString());
            String full = descriptor.getAsJsonObject("fullDescription").get("text").getAsString();
            String firstLine = info.explanation().strip().lines().findFirst().orElseThrow().replace("**", "").strip();
            assertTrue(full.startsWith(firstLine) && !full.contains("**"), full);
            assertEquals(info.explanation().strip(), descriptor.getAsJsonObject("help").get("text").getAsString());
            assertEquals(dev.gotchals.rule.RuleDocs.markdown(info), descriptor.getAsJsonObject("help").get("markdown").getAsString());
            assertEquals(SarifReport.level(info.defaultSeverity()),
                    descriptor.getAsJsonObject("defaultConfiguration").get("level").getAsString());
        }
    }

    @Test
    void aFileOutsideTheWorkingDirectoryGetsAnAbsoluteUri() throws IOException {
        Path workspace = RepoRoot.get().resolve("test-workspaces/naive-debug-logging");
        CliRun run = CliRun.in(elsewhere, "check", "--format", "sarif", workspace.toString());
        assertEquals(List.of(), violations(run.out()));
        JsonObject location = JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("runs").get(0)
                .getAsJsonObject().getAsJsonArray("results").get(0).getAsJsonObject().getAsJsonArray("locations")
                .get(0).getAsJsonObject().getAsJsonObject("physicalLocation").getAsJsonObject("artifactLocation");
        assertEquals(workspace.resolve("config/prod.exs").toUri().toString(), location.get("uri").getAsString());
        assertFalse(location.has("uriBaseId"));
    }

    @Test
    void severitiesMapToSarifLevels() {
        assertEquals("error", SarifReport.level(dev.gotchals.rule.Severity.ERROR));
        assertEquals("warning", SarifReport.level(dev.gotchals.rule.Severity.WARNING));
        assertEquals("note", SarifReport.level(dev.gotchals.rule.Severity.INFO));
        assertEquals("note", SarifReport.level(dev.gotchals.rule.Severity.HINT));
        assertEquals("with%20space/a.exs", SarifReport.relativeUri("with space/a.exs"));
    }
}
