package dev.gotchals.server;

import com.google.gson.JsonNull;
import com.google.gson.JsonParser;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.RuleSettings;
import dev.gotchals.rule.Settings;
import dev.gotchals.rule.Severity;
import dev.gotchals.rules.Rules;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EditorSettingsTest {
    private static final List<RuleInfo> KNOWN = Rules.all().stream().map(Rule::info).toList();

    private static EditorSettings read(String json) {
        return EditorSettings.read(JsonParser.parseString(json), KNOWN);
    }

    @Test
    void readsRulesByIdOrSlugAndExclusions() {
        EditorSettings read = read("""
                {"rules": {"GT007": {"enabled": false},
                           "Hardcoded-Secret": {"severity": "warning", "secret_keys": ["stripe_key"]}},
                 "exclude": ["apps/legacy/**"]}
                """);
        assertEquals(List.of(), read.warnings());
        assertEquals(new Settings(Map.of(
                "GT007", new RuleSettings(false, null, Map.of()),
                "GT005", new RuleSettings(null, Severity.WARNING, Map.of("secret_keys", List.of("stripe_key")))),
                List.of("apps/legacy/**")), read.settings());
    }

    @Test
    void theSectionMayComeWrappedAndClientSideKeysAreIgnoredSilently() {
        EditorSettings read = read("""
                {"gotcha": {"rules": {"shallow-health-check": {"health_paths": ["/ping"]}},
                            "server": {"path": "/opt/gotcha-ls"}, "java": {"home": "/usr/lib/jvm/17"},
                            "trace": {"server": "verbose"}}}
                """);
        assertEquals(List.of(), read.warnings());
        assertEquals(List.of("/ping"), read.settings().rules().get("GT006").options().get("health_paths"));
    }

    @Test
    void nothingSetMeansDefaults() {
        assertEquals(EditorSettings.NONE, EditorSettings.read(null, KNOWN));
        assertEquals(EditorSettings.NONE, EditorSettings.read(JsonNull.INSTANCE, KNOWN));
        assertEquals(Settings.DEFAULT, read("{}").settings());
        assertEquals(Settings.DEFAULT, read("{\"rules\": null, \"exclude\": null}").settings());
        assertEquals(new RuleSettings(null, null, Map.of()),
                read("{\"rules\": {\"GT001\": {\"enabled\": null}}}").settings().rules().get("GT001"));
    }

    @Test
    void wrongValuesAreSkippedWithAWarningAndTheRestApplies() {
        EditorSettings read = read("""
                {"rules": {
                   "GT999": {"enabled": false},
                   "GT007": {"enabled": "no", "severity": "warn"},
                   "GT005": {"severity": "info", "secret_keys": ["stripe_key", 7], "colour": ["red"]},
                   "GT006": {"health_paths": "/ping"},
                   "GT001": false,
                   "compile-time-env": {"enabled": true}
                 },
                 "exclude": ["apps/legacy/**", "/etc/**", 3]}
                """);
        assertEquals(List.of(
                "editor settings: unknown rule \"GT999\" in gotcha.rules, skipped",
                "editor settings: gotcha.rules.GT007.enabled takes true or false, got \"no\", skipped",
                "editor settings: gotcha.rules.GT007.severity takes \"error\", \"warning\", \"info\" or \"hint\", got "
                        + "\"warn\", skipped",
                "editor settings: gotcha.rules.GT005.secret_keys takes a list of strings; 7 is skipped",
                "editor settings: GT005 (hardcoded-secret) has no setting \"colour\", skipped",
                "editor settings: gotcha.rules.GT006.health_paths takes a list of strings, got \"/ping\", skipped",
                "editor settings: gotcha.rules.GT001 takes an object such as {\"enabled\": false}, got false, skipped",
                "editor settings: gotcha.exclude takes a list of strings; 3 is skipped",
                "editor settings: gotcha.exclude: \"/etc/**\" is not relative to the project root: write paths like "
                        + "\"apps/legacy/**\", with /, skipped"), read.warnings());
        assertEquals(new Settings(Map.of(
                "GT007", new RuleSettings(null, null, Map.of()),
                "GT005", new RuleSettings(null, Severity.INFO, Map.of("secret_keys", List.of("stripe_key"))),
                "GT006", new RuleSettings(null, null, Map.of()),
                "GT001", new RuleSettings(true, null, Map.of())),
                List.of("apps/legacy/**")), read.settings());
    }

    @Test
    void aRuleNamedTwiceKeepsItsFirstEntry() {
        EditorSettings read = read("{\"rules\": {\"GT007\": {\"enabled\": false}, \"prod-debug-logging\": {\"enabled\": true}}}");
        assertEquals(List.of("editor settings: GT007 (prod-debug-logging) is set twice in gotcha.rules; "
                + "\"prod-debug-logging\" is skipped"), read.warnings());
        assertEquals(false, read.settings().rules().get("GT007").enabled());
    }

    @Test
    void theDiagnosticsScopeIsTheWorkspaceUnlessOpenFilesIsAsked() {
        assertEquals(DiagnosticScope.WORKSPACE, read("{}").scope());
        assertEquals(DiagnosticScope.WORKSPACE, read("{\"diagnostics\": {\"scope\": \"workspace\"}}").scope());
        EditorSettings openFiles = read("{\"gotcha\": {\"diagnostics\": {\"scope\": \"openFiles\"}}}");
        assertEquals(DiagnosticScope.OPEN_FILES, openFiles.scope());
        assertEquals(List.of(), openFiles.warnings());

        EditorSettings wrong = read("{\"diagnostics\": {\"scope\": \"everything\"}}");
        assertEquals(DiagnosticScope.WORKSPACE, wrong.scope());
        assertEquals(List.of("editor settings: gotcha.diagnostics.scope takes \"workspace\" or \"openFiles\", got "
                + "\"everything\", skipped"), wrong.warnings());
        assertEquals(1, read("{\"diagnostics\": \"openFiles\"}").warnings().size());
    }

    @Test
    void aValueThatIsNotAnObjectIsAWarning() {
        EditorSettings read = read("[1, 2]");
        assertEquals(Settings.DEFAULT, read.settings());
        assertEquals(1, read.warnings().size());
    }
}
