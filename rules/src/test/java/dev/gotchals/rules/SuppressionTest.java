package dev.gotchals.rules;

import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.RuleSettings;
import dev.gotchals.rule.Settings;
import dev.gotchals.rule.Severity;
import dev.gotchals.suppress.UnusedSuppression;
import dev.gotchals.text.PositionEncoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Directives in real files through the engine with every shipped rule, as `check` and the editor run them. */
class SuppressionTest {
    private static final String CONFIG = "import Config\n\nimport_config \"#{config_env()}.exs\"\n";

    @TempDir
    Path dir;

    private ProjectFixture project() {
        return new ProjectFixture(dir).with("config/config.exs", CONFIG);
    }

    /** Each finding as "file:line id", 1-based lines. */
    private static List<String> located(List<Finding> findings) {
        return findings.stream().map(f -> f.file().path().getFileName() + ":"
                + (f.file().text().positionAt(f.start(), PositionEncoding.UTF16).line() + 1) + " " + f.rule().id())
                .sorted().toList();
    }

    @Test
    void withoutDirectivesTheFixtureReportsWhatTheTestsSuppress() {
        List<Finding> findings = project()
                .with("config/prod.exs", "import Config\n\nconfig :logger, level: :debug\n")
                .with("Dockerfile", "FROM debian\nENV SECRET_KEY_BASE=Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3oQ6iV0yN2\n")
                .checkAll(Settings.DEFAULT);

        assertEquals(List.of("Dockerfile:2 GT005", "prod.exs:3 GT007"), located(findings));
    }

    @Test
    void inAnElixirConfigFileAUsedSuppressionHidesItsFindingAndAnUnusedOneIsAHint() {
        List<Finding> findings = project().with("config/prod.exs", """
                import Config

                # gotcha:disable-next-line GT007 chasing a production bug this week
                config :logger, level: :debug

                # gotcha:disable-next-line GT005
                config :shop, ShopWeb.Endpoint, cache_static_manifest: "priv/static/cache_manifest.json"
                """).checkAll(Settings.DEFAULT);

        assertEquals(List.of("prod.exs:6 GT101"), located(findings));
        Finding unused = findings.get(0);
        assertEquals(Severity.HINT, unused.severity());
        assertEquals(Set.of(Finding.Tag.UNNECESSARY), unused.tags());
        assertEquals("# gotcha:disable-next-line GT005", ProjectFixture.covered(unused));
        assertEquals("This suppression suppresses nothing: GT005 reports nothing on the next line", unused.message());
    }

    @Test
    void inADockerfileAUsedSuppressionHidesItsFindingAndAnUnusedNameOfAListIsReportedAlone() {
        List<Finding> findings = project().with("config/prod.exs", "import Config\nconfig :logger, level: :info\n").with("Dockerfile", """
                FROM debian
                # gotcha:disable-next-line hardcoded-secret, GT004 demo image only
                ENV SECRET_KEY_BASE=Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3oQ6iV0yN2
                # gotcha:disable-next-line GT099
                CMD ["/app/bin/server"]
                """).checkAll(Settings.DEFAULT);

        assertEquals(List.of("Dockerfile:2 GT101", "Dockerfile:4 GT101"), located(findings));
        assertEquals("GT004", ProjectFixture.covered(findings.get(0)));
        Fix removeName = findings.get(0).fixes().get(0);
        assertTrue(removeName.safe());
        assertTrue(ProjectFixture.afterFix(removeName, dir.resolve("Dockerfile"))
                .contains("\n# gotcha:disable-next-line hardcoded-secret demo image only\nENV SECRET_KEY_BASE="));
        assertEquals("This suppression suppresses nothing: GT099 is not a Gotcha LS rule", findings.get(1).message());
    }

    @Test
    void disableSuppressesTheRuleFromItsLineToTheEndOfTheFileOnly() {
        String prod = """
                import Config

                config :shop, Shop.Repo, password: "hunter2-but-longer"

                # gotcha:disable GT005 the staging keys below are public sandbox keys
                config :shop, :sandbox, api_key: "d6c1e0b2a5f84c7e9b3a1f2e4d5c6b7a"
                config :shop, :mailgun, api_key: "key-3ax6xnjp29jd6fds4gc373sgvjxteol0"
                """;
        assertEquals(List.of("prod.exs:3 GT005", "prod.exs:6 GT005", "prod.exs:7 GT005"),
                located(project().with("config/prod.exs", prod.replace("# gotcha:", "# ")).checkAll(Settings.DEFAULT)));

        List<Finding> findings = project().with("config/prod.exs", prod).checkAll(Settings.DEFAULT);

        assertEquals(List.of("prod.exs:3 GT005"), located(findings));
    }

    @Test
    void theDocumentedExamplesBehaveAsDocumented() {
        String bad = UnusedSuppression.INFO.bad().replaceAll("```\\w*\n", "");
        String good = UnusedSuppression.INFO.good().replaceAll("```\\w*\n", "");

        assertEquals(List.of("prod.exs:2 GT101"), located(project().with("config/prod.exs", bad).checkAll(Settings.DEFAULT)));
        assertEquals(List.of(), located(project().with("config/prod.exs", good).checkAll(Settings.DEFAULT)));
        assertEquals(List.of("prod.exs:3 GT005"), located(project()
                .with("config/prod.exs", good.replace("# gotcha:", "# ")).checkAll(Settings.DEFAULT)));
    }

    @Test
    void stackedDirectivesAllCoverTheLineBelowTheStack() {
        List<Finding> findings = project().with("config/prod.exs", """
                import Config
                # gotcha:disable-next-line GT005 the sandbox key is public
                # gotcha:disable-next-line GT007 chasing a bug
                config :logger, level: :debug
                """).checkAll(Settings.DEFAULT);

        assertEquals(List.of("prod.exs:2 GT101"), located(findings), "GT005 reports nothing on line 4");
    }

    @Test
    void aSuppressionOfARuleTheSettingsTurnedOffIsNotUnused() {
        String prod = "import Config\n# gotcha:disable-next-line GT007\nconfig :logger, level: :debug\n";
        Settings gt007Off = new Settings(Map.of("GT007", new RuleSettings(false, null, Map.of())), List.of());

        assertEquals(List.of(), located(project().with("config/prod.exs", prod).checkAll(gt007Off)));
    }

    @Test
    void settingsTurnOffOrReLevelTheUnusedSuppressionRuleLikeAnyOther() {
        String prod = "import Config\n# gotcha:disable-next-line GT007\nconfig :logger, level: :info\n";
        Settings off = new Settings(Map.of("GT101", new RuleSettings(false, null, Map.of())), List.of());
        Settings loud = new Settings(Map.of("GT101", new RuleSettings(null, Severity.WARNING, Map.of())), List.of());

        assertEquals(List.of(), project().with("config/prod.exs", prod).checkAll(off));
        List<Finding> findings = project().with("config/prod.exs", prod).checkAll(loud);
        assertEquals(List.of(Severity.WARNING), findings.stream().map(Finding::severity).toList());
    }

    @Test
    void excludedFilesReportNeitherFindingsNorUnusedSuppressions() {
        String prod = "import Config\n# gotcha:disable-next-line GT005\nconfig :logger, level: :debug\n";
        Settings excluded = new Settings(Map.of(), List.of("config/prod.exs"));

        assertEquals(List.of(), project().with("config/prod.exs", prod).checkAll(excluded));
    }

    @Test
    void aDirectiveThatNamesNoRuleSuppressesNothingAndIsReported() {
        List<Finding> findings = project().with("config/prod.exs", """
                import Config
                # gotcha:disable-next-line prod-debug-loging while we chase a bug
                config :logger, level: :debug
                """).checkAll(Settings.DEFAULT);

        assertEquals(List.of("prod.exs:2 GT101", "prod.exs:3 GT007"), located(findings));
        assertTrue(findings.stream().anyMatch(f -> f.message().contains("names no rule")));
    }

    @Test
    void removingAnUnusedDirectiveTakesItsWholeLine() {
        List<Finding> findings = project().with("config/prod.exs", """
                import Config
                  # gotcha:disable-next-line GT005 old
                config :logger, level: :info
                """).checkAll(Settings.DEFAULT);

        Fix remove = findings.get(0).fixes().get(0);
        assertEquals("Remove the unused suppression", remove.title());
        assertEquals("import Config\nconfig :logger, level: :info\n",
                ProjectFixture.afterFix(remove, dir.resolve("config/prod.exs")));
    }

    @Test
    void aDirectiveCanSilenceTheUnusedSuppressionRuleItself() {
        List<Finding> findings = project().with("config/prod.exs", """
                import Config
                # gotcha:disable GT101 kept for the next debugging session
                # gotcha:disable-next-line GT007
                config :logger, level: :info
                """).checkAll(Settings.DEFAULT);

        assertEquals(List.of(), located(findings));
    }
}
