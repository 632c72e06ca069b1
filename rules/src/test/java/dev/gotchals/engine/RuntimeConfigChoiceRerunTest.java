package dev.gotchals.engine;

import dev.gotchals.model.config.RuntimeConfig;
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
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The choice of runtime config file depends on which files exist: creating one reruns the rules that chose. */
class RuntimeConfigChoiceRerunTest {
    @TempDir
    Path dir;

    @Test
    void creatingRuntimeExsBesideReleasesExsRerunsARuleThatChoseReleasesExs() throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("mix.exs"), "defmodule Shop.MixProject do\n  def project, do: [app: :shop]\nend\n");
        Files.writeString(dir.resolve("config/config.exs"), "import Config\n");
        Files.writeString(dir.resolve("config/releases.exs"), "import Config\n");
        Workspace workspace = new Workspace(List.of(dir));
        RuleInfo info = new RuleInfo("GT901", "gt901", "test rule", Severity.INFO, "explained", "bad", "good");
        Rule chooser = new Rule() {
            @Override
            public RuleInfo info() {
                return info;
            }

            @Override
            public List<Finding> check(ProjectContext project) {
                RuntimeConfig chosen = RuntimeConfig.choose(project, null);
                var mix = project.file(project.project().root().resolve("mix.exs"));
                return List.of(new Finding(info, Severity.INFO, mix, 0, 1, chosen.name(), List.of()));
            }
        };
        RuleEngine engine = new RuleEngine(List.of(chooser));
        List<Finding> first = engine.analyze(workspace.projects().get(0), workspace);
        assertEquals("releases.exs", first.get(0).message());

        Path runtime = dir.resolve("config/runtime.exs");
        Files.writeString(runtime, "import Config\n");
        workspace.diskChanged(runtime, true);
        List<Finding> after = engine.analyze(new ProjectContext(workspace.projects().get(0), workspace),
                Changes.createdOrDeleted(Set.of(runtime)));
        assertEquals("runtime.exs", after.get(0).message(), "Elixir reads runtime.exs once it exists");
    }
}
