package dev.gotchals.engine;

import dev.gotchals.rule.Finding;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Models of one analysis are handed on to the next when nothing they read changed, and built again otherwise. */
class ModelReuseTest {
    @TempDir
    Path dir;

    private final AtomicInteger imagesBuilt = new AtomicInteger();
    private final AtomicInteger configsBuilt = new AtomicInteger();

    /** A model of the Dockerfile's text. */
    private record Image(String text) {
    }

    /** A model of the config, which builds the image model lazily through its own view, as ProjectModel does. */
    private final class Config {
        final ProjectContext view;
        final String text;

        Config(ProjectContext view) {
            configsBuilt.incrementAndGet();
            this.view = view;
            this.text = view.configFile("config.exs").text().text();
        }

        Image image() {
            // The factory ignores its own view and reads through this model's: the image still depends on it.
            return view.model(Image.class, unused -> {
                imagesBuilt.incrementAndGet();
                return new Image(view.file(dir.resolve("Dockerfile")).text().text());
            });
        }
    }

    private Config config(ProjectContext project) {
        return project.model(Config.class, Config::new);
    }

    /** A rule reporting, on mix.exs, what {@code seen} makes of the project's models. */
    private static Rule rule(String id, Function<ProjectContext, String> seen) {
        RuleInfo info = new RuleInfo(id, id.toLowerCase(), "test rule", Severity.INFO, "explained", "bad", "good");
        return new Rule() {
            @Override
            public RuleInfo info() {
                return info;
            }

            @Override
            public List<Finding> check(ProjectContext project) {
                var mix = project.file(project.project().root().resolve("mix.exs"));
                return List.of(new Finding(info, Severity.INFO, mix, 0, 1, seen.apply(project), List.of()));
            }
        };
    }

    private Workspace project() throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("mix.exs"), "defmodule Shop.MixProject do\n  def project, do: [app: :shop]\nend\n");
        Files.writeString(dir.resolve("config/config.exs"), "import Config\n");
        Files.writeString(dir.resolve("Dockerfile"), "FROM debian\n");
        Files.writeString(dir.resolve("fly.toml"), "app = \"shop\"\n");
        return new Workspace(List.of(dir));
    }

    private static List<String> messages(List<Finding> findings) {
        List<String> messages = new ArrayList<>();
        findings.forEach(finding -> messages.add(finding.message()));
        return messages;
    }

    @Test
    void aModelBuiltThroughAnotherModelsViewIsBuiltAgainWhenWhatItReadThereChanges() throws IOException {
        Workspace workspace = project();
        RuleEngine engine = new RuleEngine(List.of(rule("GT901", project -> config(project).image().text())));
        var project = workspace.projects().get(0);
        assertEquals(List.of("FROM debian\n"), messages(engine.analyze(new ProjectContext(project, workspace),
                Changes.EVERYTHING)));

        Path dockerfile = dir.resolve("Dockerfile");
        Files.writeString(dockerfile, "FROM alpine\n");
        workspace.diskChanged(dockerfile, false);
        assertEquals(List.of("FROM alpine\n"), messages(engine.analyze(new ProjectContext(project, workspace),
                Changes.edited(Set.of(dockerfile)))));
        assertEquals(2, imagesBuilt.get());
        assertEquals(2, configsBuilt.get(), "the config model asked for the image: it used what changed");
    }

    @Test
    void aModelWhoseReadsDidNotChangeIsInheritedByTheNextAnalysis() throws IOException {
        Workspace workspace = project();
        Rule usesConfig = rule("GT901", project -> config(project).text);
        Rule usesBoth = rule("GT902", project -> {
            project.file(dir.resolve("fly.toml"));
            return config(project).text + config(project).image().text();
        });
        RuleEngine engine = new RuleEngine(List.of(usesConfig, usesBoth));
        var project = workspace.projects().get(0);
        engine.analyze(new ProjectContext(project, workspace), Changes.EVERYTHING);
        assertEquals(List.of("GT901", "GT902"), engine.lastRecomputed(project.root()).rulesRun());

        Path fly = dir.resolve("fly.toml");
        Files.writeString(fly, "app = \"shop2\"\n");
        workspace.diskChanged(fly, false);
        engine.analyze(new ProjectContext(project, workspace), Changes.edited(Set.of(fly)));

        Recomputed recomputed = engine.lastRecomputed(project.root());
        assertEquals(List.of("GT902"), recomputed.rulesRun(), "only the rule that read fly.toml runs again");
        assertEquals(1, recomputed.rulesKept());
        assertEquals(1, configsBuilt.get(), "the config model read nothing that changed: inherited");
        assertEquals(1, imagesBuilt.get());
        assertEquals(List.of("SettingsFile", "Settings"), recomputed.modelsBuilt(),
                "only the settings, which every analysis merges with the settings from outside the project");
    }

    @Test
    void newSettingsBuildEveryModelAgain() throws IOException {
        Workspace workspace = project();
        RuleEngine engine = new RuleEngine(List.of(rule("GT901", project -> config(project).image().text())));
        var project = workspace.projects().get(0);
        engine.analyze(new ProjectContext(project, workspace), Changes.EVERYTHING);
        Files.writeString(dir.resolve(".gotcha.exs"), "[rules: [{\"GT901\", severity: :warning}]]\n");
        workspace.diskChanged(dir.resolve(".gotcha.exs"), true);
        engine.analyze(new ProjectContext(workspace.projects().get(0), workspace), Changes.NOTHING);
        assertEquals(2, configsBuilt.get());
        assertEquals(2, imagesBuilt.get());
    }
}
