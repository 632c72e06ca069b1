package dev.gotchals.settings;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.RuleSettings;
import dev.gotchals.rule.Settings;
import dev.gotchals.rule.SettingsFile;
import dev.gotchals.rule.Severity;
import dev.gotchals.rules.Rules;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.TextDocument;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsFileParserTest {
    private static final List<RuleInfo> KNOWN = Rules.all().stream().map(Rule::info).toList();

    private static SettingsFile parse(String text) {
        TextDocument document = TextDocument.of(text);
        return SettingsFileParser.parse(new DocumentSnapshot(Path.of("/p/.gotcha.exs"), DocumentSnapshot.ON_DISK,
                document, SyntaxTree.parse(SourceLanguage.ELIXIR, document)), KNOWN);
    }

    /** Each problem as "the text it covers => its message". */
    private static List<String> problems(SettingsFile file) {
        List<String> shown = new ArrayList<>();
        for (SettingsFile.Problem problem : file.problems()) {
            shown.add(file.file().text().text().substring(problem.start(), problem.end()) + " => " + problem.message());
        }
        return shown;
    }

    private static RuleSettings rule(SettingsFile file, String id) {
        return file.settings().rules().get(id);
    }

    @Test
    void readsTheDocumentedExample() {
        SettingsFile file = parse("""
                # Gotcha LS settings for this project
                [
                  rules: [
                    {"GT007", enabled: false},
                    # a comment between entries
                    {"hardcoded-secret", severity: :warning, secret_keys: ["stripe_key"]}
                  ],
                  exclude: ["apps/legacy/**"]
                ]
                """);
        assertEquals(List.of(), problems(file));
        assertEquals(new Settings(Map.of(
                "GT007", new RuleSettings(false, null, Map.of()),
                "GT005", new RuleSettings(null, Severity.WARNING, Map.of("secret_keys", List.of("stripe_key")))),
                List.of("apps/legacy/**")), file.settings());
        assertTrue(file.settings().excludes("apps/legacy/lib/old.ex"));
        assertTrue(!file.settings().enabled(dev.gotchals.rules.ProdDebugLoggingRule.INFO));
    }

    @Test
    void anEmptyOrCommentOnlyFileSetsNothing() {
        for (String text : List.of("", "# nothing yet\n", "[]\n", "[rules: [], exclude: []]\n")) {
            SettingsFile file = parse(text);
            assertEquals(List.of(), problems(file), text);
            assertEquals(Settings.DEFAULT, file.settings(), text);
        }
    }

    @Test
    void rulesAreNamedByIdOrSlugInAnyCase() {
        SettingsFile file = parse("[rules: [{\"gt001\", severity: :hint}, {\"Shallow-Health-Check\", enabled: true}]]");
        assertEquals(List.of(), problems(file));
        assertEquals(Severity.HINT, rule(file, "GT001").severity());
        assertEquals(true, rule(file, "GT006").enabled());
    }

    @Test
    void wordListSigilsWithoutInterpolationAreStringLists() {
        SettingsFile file = parse("""
                [
                  rules: [{"GT005", secret_keys: ~w(stripe_key sendgrid_key)}, {"GT006", health_paths: ~W[/ping /internal/ready]}],
                  exclude: ~w(apps/legacy/** priv/**)
                ]
                """);
        assertEquals(List.of(), problems(file));
        assertEquals(List.of("stripe_key", "sendgrid_key"), rule(file, "GT005").options().get("secret_keys"));
        assertEquals(List.of("/ping", "/internal/ready"), rule(file, "GT006").options().get("health_paths"));
        assertEquals(List.of("apps/legacy/**", "priv/**"), file.settings().exclude());
    }

    @Test
    void sigilsThatInterpolateOrMakeAtomsAreRejected() {
        SettingsFile file = parse("[rules: [{\"GT005\", secret_keys: ~w(a_key #{other})}, {\"GT006\", health_paths: ~w(up)a}]]");
        List<String> problems = problems(file);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("~w(a_key #{other}) => `secret_keys` takes a list of strings"), problems.get(0));
        assertTrue(problems.get(1).startsWith("~w(up)a => `health_paths` takes a list of strings"), problems.get(1));
        // The entries still apply, without the option.
        assertEquals(Map.of(), rule(file, "GT005").options());
    }

    @Test
    void oneBadEntryAmongGoodOnesLeavesTheGoodOnesApplied() {
        SettingsFile file = parse("""
                [
                  rules: [
                    {"GT007", enabled: false},
                    {"GT999", enabled: false},
                    {"hardcoded-secret", severity: :warn, secret_keys: ["stripe_key", 42, "mailgun_key"]},
                    {"GT006", enabled: "no", health_paths: ["/ping"], timeout: ["5"]},
                    {"GT001", colour: ["red"]},
                    "GT002"
                  ],
                  exclude: ["apps/legacy/**", "/etc/**", "apps/[broken", "../other/**", ""],
                  include: ["lib/**"]
                ]
                """);
        assertEquals(List.of(
                "\"GT999\" => unknown rule \"GT999\" (`gotcha-ls rules` lists them)",
                ":warn => `severity` takes :error, :warning, :info or :hint, found `:warn`",
                "42 => `secret_keys` takes a list of strings; this item is `42` and is ignored",
                "\"no\" => `enabled` takes true or false, found `\"no\"`",
                "timeout: => unknown setting `timeout`: GT006 (shallow-health-check) takes `enabled`, `severity` and "
                        + "`health_paths`",
                "colour: => unknown setting `colour`: GT001 (compile-time-env) takes `enabled` and `severity`, and no "
                        + "options",
                "\"GT002\" => a rule entry is a tuple of the rule's id or slug and its settings, such as "
                        + "{\"GT007\", enabled: false}; found `\"GT002\"`",
                "\"/etc/**\" => \"/etc/**\" is not relative to the project root: write paths like \"apps/legacy/**\", "
                        + "with /",
                "\"apps/[broken\" => \"apps/[broken\" is not a valid glob: Missing ']",
                "\"../other/**\" => \"../other/**\" leaves the project root; exclusions apply to the project's own files",
                "\"\" => an empty glob matches nothing",
                "include: => unknown key `include`: .gotcha.exs takes `rules` and `exclude`"), problems(file));
        assertEquals(false, rule(file, "GT007").enabled());
        assertEquals(new RuleSettings(null, null, Map.of("secret_keys", List.of("stripe_key", "mailgun_key"))),
                rule(file, "GT005"));
        assertEquals(new RuleSettings(null, null, Map.of("health_paths", List.of("/ping"))), rule(file, "GT006"));
        assertEquals(List.of("apps/legacy/**"), file.settings().exclude());
        assertNull(rule(file, "GT002"));
    }

    @Test
    void valuesMustBeLiteralsBecauseTheFileIsNeverRun() {
        SettingsFile file = parse("""
                [
                  rules: [
                    {"GT007", enabled: System.get_env("CI") == "true"},
                    {"GT005", secret_keys: [key, @key, "#{prefix}_key", String.downcase("X_KEY")]},
                    {name, enabled: false}
                  ],
                  exclude: Path.wildcard("apps/*")
                ]
                """);
        List<String> problems = problems(file);
        assertEquals(7, problems.size(), String.join("\n", problems));
        assertTrue(problems.get(0).startsWith("System.get_env(\"CI\") == \"true\" => `enabled` takes true or false,"
                + " found `System.get_env(\"CI\") == \"true\"`, an expression (.gotcha.exs is read, never run"), problems.get(0));
        assertTrue(problems.get(1).startsWith("key => `secret_keys` takes a list of strings; this item is `key`, a variable"),
                problems.get(1));
        assertTrue(problems.get(2).contains("`@key`, a module attribute"), problems.get(2));
        assertTrue(problems.get(3).contains("an interpolated string"), problems.get(3));
        assertTrue(problems.get(4).contains("`String.downcase(\"X_KEY\")`, a function call"), problems.get(4));
        assertTrue(problems.get(5).startsWith("name => a rule is named by a string"), problems.get(5));
        assertTrue(problems.get(6).startsWith("Path.wildcard(\"apps/*\") => `exclude` takes a list of strings"),
                problems.get(6));
        assertEquals(List.of(), file.settings().exclude());
        assertNull(rule(file, "GT007").enabled());
        assertEquals(List.of(), rule(file, "GT005").options().get("secret_keys"));
    }

    @Test
    void aRuleConfiguredTwiceKeepsItsFirstEntry() {
        SettingsFile file = parse("""
                [rules: [
                  {"GT005", severity: :warning},
                  {"hardcoded-secret", severity: :info}
                ], rules: [{"GT007", enabled: false}]]
                """);
        assertEquals(List.of(
                "\"hardcoded-secret\" => GT005 (hardcoded-secret) is already configured on line 2; this entry is ignored",
                "rules: => `rules` is set twice; this one is ignored"), problems(file));
        assertEquals(Severity.WARNING, rule(file, "GT005").severity());
        assertNull(rule(file, "GT007"));
    }

    @Test
    void aSyntaxErrorIsReportedAndTheReadablePartsStillApply() {
        SettingsFile file = parse("""
                [
                  rules: [
                    {"GT007", enabled: false},
                    {"GT005", severity: :warning}
                  ],
                  exclude: ["apps/legacy/**"
                """);
        List<String> problems = problems(file);
        assertTrue(!problems.isEmpty() && problems.get(0).contains("syntax error"), problems.toString());
        assertEquals(false, rule(file, "GT007").enabled());
        assertEquals(Severity.WARNING, rule(file, "GT005").severity());
    }

    @Test
    void theFileMustBeOneKeywordList() {
        assertEquals(List.of("%{rules: []} => expected a keyword list such as [rules: [...], exclude: [...]], "
                + "found `%{rules: []}`"), problems(parse("%{rules: []}\n")));
        assertEquals(List.of("[rules: []] => only one keyword list is read from .gotcha.exs; what follows it is ignored"),
                problems(parse("[exclude: []]\n[rules: []]\n[more: 1]\n")));
        assertEquals(List.of("\"rules\" => expected `key: value` entries in the top-level list, found `\"rules\"`"),
                problems(parse("[\"rules\"]\n")));
    }

    @Test
    void aFileFullOfMistakesGetsABoundedNumberOfProblems() {
        String items = "\"GT007\",".repeat(5_000);
        SettingsFile file = parse("[rules: [" + items + "], exclude: [" + "1,".repeat(5_000) + "]]\n");
        assertEquals(SettingsFileParser.MAX_PROBLEMS, file.problems().size());
    }

    @Test
    void noFileMeansNoSettingsAndNoProblems() {
        assertEquals(SettingsFile.NONE, SettingsFileParser.parse(null, KNOWN));
    }
}
