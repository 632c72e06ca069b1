package dev.gotchals.rules;

import dev.gotchals.engine.Changes;
import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.RuleSettings;
import dev.gotchals.rule.Settings;
import dev.gotchals.rule.Severity;
import dev.gotchals.text.PositionEncoding;
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

/**
 * A project's {@code .gotcha.exs} through the engine: it turns rules off, re-levels them and leaves paths out; an
 * open buffer of it wins over the disk; settings from outside the project win over it; and its invalid entries are
 * GT100 findings.
 */
class ProjectSettingsTest {
    @TempDir
    Path dir;

    private final RuleEngine engine = new RuleEngine(Rules.all());

    private void write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** A project with a GT007 finding in config/prod.exs and a GT005 finding in apps-like lib/legacy. */
    private void project(String settings) throws IOException {
        write("mix.exs", """
                defmodule Shop.MixProject do
                  use Mix.Project
                  def project, do: [app: :shop, version: "0.1.0", releases: [shop: []]]
                end
                """);
        write("config/config.exs", "import Config\nimport_config \"#{config_env()}.exs\"\n");
        write("config/prod.exs", "import Config\nconfig :logger, level: :debug\n");
        write("Dockerfile", "FROM debian:bookworm-slim\nENV SECRET_KEY_BASE=Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3o\n");
        // An image of the app (it runs Elixir), kept in a subfolder that settings may exclude.
        write("legacy/Dockerfile", "FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim\n"
                + "ENV SECRET_KEY_BASE=Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3o\n");
        if (settings != null) {
            write(".gotcha.exs", settings);
        }
    }

    private List<String> findings(Workspace workspace, Settings overrides) {
        MixProject project = workspace.projects().get(0);
        return shown(engine.analyze(new ProjectContext(project, workspace, overrides), null), project);
    }

    private static List<String> shown(List<Finding> findings, MixProject project) {
        return findings.stream().map(f -> f.rule().id() + " " + f.severity().label() + " "
                + project.relativize(f.file().path())).sorted().toList();
    }

    @Test
    void withoutASettingsFileEveryRuleRunsAtItsDefault() throws IOException {
        project(null);
        assertEquals(List.of("GT005 error Dockerfile", "GT005 error legacy/Dockerfile", "GT007 warning config/prod.exs"),
                findings(new Workspace(List.of(dir)), Settings.DEFAULT));
    }

    @Test
    void theSettingsFileTurnsOffReLevelsAndExcludes() throws IOException {
        project("""
                [
                  rules: [{"prod-debug-logging", enabled: false}, {"GT005", severity: :warning}],
                  exclude: ["legacy/**"]
                ]
                """);
        assertEquals(List.of("GT005 warning Dockerfile"), findings(new Workspace(List.of(dir)), Settings.DEFAULT));
    }

    @Test
    void settingsFromOutsideTheProjectWinOverItsFile() throws IOException {
        project("[rules: [{\"GT007\", enabled: false}, {\"GT005\", severity: :warning}]]\n");
        Settings editor = new Settings(Map.of("GT007", new RuleSettings(true, Severity.INFO, Map.of())), List.of());
        assertEquals(List.of("GT005 warning Dockerfile", "GT005 warning legacy/Dockerfile", "GT007 info config/prod.exs"),
                findings(new Workspace(List.of(dir)), editor));
    }

    @Test
    void anOpenBufferOfTheSettingsFileWinsAndRerunsTheRules() throws IOException {
        project("[]\n");
        Workspace workspace = new Workspace(List.of(dir));
        MixProject project = workspace.projects().get(0);
        assertEquals(3, findings(workspace, Settings.DEFAULT).size());

        // Unsaved: only the editor has it. The engine sees new settings and reruns every rule.
        workspace.open(dir.resolve(".gotcha.exs"), 2, "[rules: [{\"GT005\", enabled: false}]]\n", PositionEncoding.UTF16);
        assertEquals(List.of("GT007 warning config/prod.exs"), shown(engine.analyze(
                new ProjectContext(project, workspace, Settings.DEFAULT), Changes.edited(Set.of(dir.resolve(".gotcha.exs")))), project));

        workspace.close(dir.resolve(".gotcha.exs"));
        assertEquals(3, shown(engine.analyze(new ProjectContext(project, workspace, Settings.DEFAULT),
                Changes.edited(Set.of(dir.resolve(".gotcha.exs")))), project).size());
    }

    @Test
    void invalidEntriesAreReportedOnTheSettingsFileAndTheOthersApply() throws IOException {
        project("[rules: [{\"GT007\", enabled: false}, {\"GT042\", enabled: false}], exclude: [\"legacy/**\"]]\n");
        Workspace workspace = new Workspace(List.of(dir));
        MixProject project = workspace.projects().get(0);
        List<Finding> findings = engine.analyze(new ProjectContext(project, workspace, Settings.DEFAULT), null);
        assertEquals(List.of("GT005 error Dockerfile", "GT100 error .gotcha.exs"), shown(findings, project));
        Finding invalid = findings.stream().filter(f -> f.rule().id().equals("GT100")).findFirst().orElseThrow();
        assertEquals("\"GT042\"", ProjectFixture.covered(invalid));
        assertEquals("unknown rule \"GT042\" (`gotcha-ls rules` lists them)", invalid.message());
    }
}
