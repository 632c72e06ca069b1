package dev.gotchals.rules;

import dev.gotchals.rule.Finding;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleEngine;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;
import dev.gotchals.settings.RuleSettings;
import dev.gotchals.settings.Settings;
import dev.gotchals.workspace.FileRole;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class RuleEngineTest {
    @TempDir
    Path dir;

    private Workspace debugProject() throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("mix.exs"), "defmodule Shop.MixProject do\n  def project, do: [app: :shop]\nend\n");
        Files.writeString(dir.resolve("config/config.exs"), "import Config\nconfig :logger, level: :debug\n");
        Files.writeString(dir.resolve("Dockerfile"), "FROM debian\n");
        return new Workspace(List.of(dir));
    }

    private static Rule mockRule(String id, Set<FileRole> reads) {
        Rule rule = mock(Rule.class);
        when(rule.info()).thenReturn(new RuleInfo(id, id.toLowerCase(), "test rule", Severity.ERROR, "explained", "bad", "good"));
        when(rule.reads()).thenReturn(reads);
        return rule;
    }

    @Test
    void aRuleThatThrowsIsIsolatedAndTheOthersStillReport() throws IOException {
        Workspace workspace = debugProject();
        Rule broken = mockRule("GT999", Set.of(FileRole.CONFIG));
        when(broken.check(any())).thenThrow(new IllegalStateException("boom"));
        Rule overflowing = mockRule("GT998", Set.of(FileRole.CONFIG));
        when(overflowing.check(any())).thenThrow(new StackOverflowError());
        RuleEngine engine = new RuleEngine(List.of(broken, new ProdDebugLoggingRule(), overflowing));

        List<Finding> findings = engine.analyze(workspace.projects().get(0), workspace);

        assertEquals(List.of("GT007"), findings.stream().map(f -> f.rule().id()).toList());
    }

    @Test
    void aSuppressionOfARuleThatThrewIsNotReportedUnusedButOneOfARuleThatRanIs() throws IOException {
        Workspace workspace = debugProject();
        Files.writeString(dir.resolve("config/config.exs"), """
                import Config
                # gotcha:disable-next-line GT999 the broken rule
                # gotcha:disable-next-line GT901 the quiet rule
                config :logger, level: :info
                """);
        Rule broken = mockRule("GT999", Set.of(FileRole.CONFIG));
        when(broken.check(any())).thenThrow(new IllegalStateException("boom"));
        Rule quiet = mockRule("GT901", Set.of(FileRole.CONFIG));
        when(quiet.check(any())).thenReturn(List.of());
        RuleEngine engine = new RuleEngine(List.of(broken, quiet));

        List<Finding> findings = engine.analyze(workspace.projects().get(0), workspace);

        assertEquals(List.of("GT101"), findings.stream().map(f -> f.rule().id()).toList());
        assertEquals(2, findings.get(0).file().text().positionAt(findings.get(0).start(),
                dev.gotchals.text.PositionEncoding.UTF16).line(), "on the quiet rule's directive");
    }

    @Test
    void onlyRulesReadingAChangedRoleRunAgain() throws IOException {
        Workspace workspace = debugProject();
        Rule configRule = mockRule("GT901", Set.of(FileRole.CONFIG));
        Rule dockerRule = mockRule("GT902", Set.of(FileRole.DOCKERFILE));
        when(configRule.check(any())).thenReturn(List.of());
        when(dockerRule.check(any())).thenReturn(List.of());
        RuleEngine engine = new RuleEngine(List.of(configRule, dockerRule));
        MixProject project = workspace.projects().get(0);

        engine.analyze(new ProjectContext(project, workspace), null);
        engine.analyze(new ProjectContext(project, workspace), Set.of(FileRole.DOCKERFILE));
        engine.analyze(new ProjectContext(project, workspace), Set.of(FileRole.DOCKERFILE));

        verify(configRule, times(1)).check(any());
        verify(dockerRule, times(3)).check(any());
    }

    @Test
    void remembersFindingsOfRulesThatDidNotRunAgain() throws IOException {
        Workspace workspace = debugProject();
        RuleEngine engine = new RuleEngine(List.of(new ProdDebugLoggingRule()));
        MixProject project = workspace.projects().get(0);
        assertEquals(1, engine.analyze(new ProjectContext(project, workspace), null).size());
        assertEquals(1, engine.analyze(new ProjectContext(project, workspace), Set.of(FileRole.DOCKERFILE)).size());
    }

    @Test
    void settingsTurnRulesOffChangeTheirSeverityAndDropExcludedFiles() throws IOException {
        Workspace workspace = debugProject();
        MixProject project = workspace.projects().get(0);
        RuleEngine engine = new RuleEngine(List.of(new ProdDebugLoggingRule()));

        Settings warning = new Settings(Map.of("GT007", new RuleSettings(null, Severity.HINT, Map.of())), List.of());
        List<Finding> demoted = engine.analyze(new ProjectContext(project, workspace, warning), Set.of());
        Settings off = new Settings(Map.of("GT007", new RuleSettings(false, null, Map.of())), List.of());
        List<Finding> disabled = engine.analyze(new ProjectContext(project, workspace, off), Set.of());
        Settings excluded = new Settings(Map.of(), List.of("config/*.exs"));
        List<Finding> inExcludedFile = engine.analyze(new ProjectContext(project, workspace, excluded), Set.of());
        List<Finding> defaults = engine.analyze(new ProjectContext(project, workspace, Settings.DEFAULT), Set.of());

        assertEquals(List.of(Severity.HINT), demoted.stream().map(Finding::severity).toList());
        assertEquals(List.of(), disabled);
        assertEquals(List.of(), inExcludedFile);
        assertEquals(List.of(Severity.WARNING), defaults.stream().map(Finding::severity).toList());
    }

    @Test
    void changedSettingsRunEveryRuleAgain() throws IOException {
        Workspace workspace = debugProject();
        Rule configRule = mockRule("GT901", Set.of(FileRole.CONFIG));
        when(configRule.check(any())).thenReturn(List.of());
        RuleEngine engine = new RuleEngine(List.of(configRule));
        MixProject project = workspace.projects().get(0);
        Settings withOption = new Settings(Map.of("GT901",
                new RuleSettings(null, null, Map.of("secret_keys", List.of("stripe_key")))), List.of());

        engine.analyze(new ProjectContext(project, workspace), null);
        engine.analyze(new ProjectContext(project, workspace), Set.of(FileRole.DOCKERFILE));
        engine.analyze(new ProjectContext(project, workspace, withOption), Set.of(FileRole.DOCKERFILE));
        engine.analyze(new ProjectContext(project, workspace, withOption), Set.of(FileRole.DOCKERFILE));

        verify(configRule, times(2)).check(any());
    }

    @Test
    void layeredSettingsLetTheUpperLayerWinAndAddUpExclusions() {
        Settings project = new Settings(Map.of("GT005", new RuleSettings(false, Severity.WARNING,
                Map.of("secret_keys", List.of("stripe_key")))), List.of("apps/legacy/**"));
        Settings editor = new Settings(Map.of("GT005", new RuleSettings(true, null, Map.of())), List.of("tmp/**"));

        Settings merged = project.overriddenBy(editor);

        assertEquals(new RuleSettings(true, Severity.WARNING, Map.of("secret_keys", List.of("stripe_key"))),
                merged.rules().get("GT005"));
        assertEquals(List.of("apps/legacy/**", "tmp/**"), merged.exclude());
        assertEquals(true, merged.excludes("apps/legacy/lib/old.ex"));
        assertEquals(false, merged.excludes("apps/shop/lib/new.ex"));
    }
}
