package dev.gotchals.engine;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.model.config.EnvCalls;
import dev.gotchals.model.project.ProjectModel;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;
import dev.gotchals.syntax.Node;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A model built from what its caller handed it (the env reads of one config file, the repos from the project model's
 * mix.exs files) depends on it: once it changes, the next analysis builds the model again instead of inheriting it.
 */
class KeyedModelRerunTest {
    @TempDir
    Path dir;

    /** Reports, on prod.exs, how many calls of it read an environment variable. */
    private static final class EnvReadsRule implements Rule {
        private static final RuleInfo INFO = new RuleInfo("GT901", "gt901", "test rule", Severity.INFO, "explained",
                "bad", "good");

        @Override
        public RuleInfo info() {
            return INFO;
        }

        @Override
        public List<Finding> check(ProjectContext project) {
            DocumentSnapshot prod = project.configFile("prod.exs");
            EnvCalls calls = EnvCalls.of(project, prod);
            List<Node> reads = new ArrayList<>();
            prod.tree().root().forEachDescendant(node -> {
                if (node.is("call") && calls.readsVariable(node)) {
                    reads.add(node);
                }
            });
            return List.of(new Finding(INFO, Severity.INFO, prod, 0, 1, reads.size() + " env reads", List.of()));
        }
    }

    @Test
    void theReposAdapterDependencyIsReadAgainOnceTheMixExsChanges() throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.createDirectories(dir.resolve("lib/shop"));
        Path mix = dir.resolve("mix.exs");
        String withoutAdapter = "defmodule Shop.MixProject do\n  def project, do: [app: :shop, deps: deps()]\n"
                + "  defp deps, do: [{:ecto_sql, \"~> 3.10\"}]\nend\n";
        Files.writeString(mix, withoutAdapter);
        Files.writeString(dir.resolve("config/config.exs"), "import Config\n");
        Files.writeString(dir.resolve("lib/shop/repo.ex"),
                "defmodule Shop.Repo do\n  use Ecto.Repo, otp_app: :shop, adapter: Ecto.Adapters.Postgres\nend\n");
        Workspace workspace = new Workspace(List.of(dir));
        RuleInfo info = new RuleInfo("GT902", "gt902", "test rule", Severity.INFO, "explained", "bad", "good");
        Rule adapterRule = new Rule() {
            @Override
            public RuleInfo info() {
                return info;
            }

            @Override
            public List<Finding> check(ProjectContext project) {
                var repos = ProjectModel.of(project).repos();
                return List.of(new Finding(info, Severity.INFO, project.file(mix), 0, 1,
                        "adapter " + repos.adapterDependency(), List.of()));
            }
        };
        RuleEngine engine = new RuleEngine(List.of(adapterRule));
        var project = workspace.projects().get(0);
        assertEquals("adapter FALSE", engine.analyze(project, workspace).get(0).message());

        Files.writeString(mix, withoutAdapter.replace("[{:ecto_sql, \"~> 3.10\"}]",
                "[{:ecto_sql, \"~> 3.10\"}, {:postgrex, \">= 0.0.0\"}]"));
        workspace.diskChanged(mix, false);
        String after = engine.analyze(new ProjectContext(workspace.projects().get(0), workspace),
                Changes.edited(Set.of(mix))).get(0).message();
        assertEquals("adapter TRUE", after, "postgrex is a dependency now");
    }

    @Test
    void theEnvReadsOfAConfigFileAreReadAgainOnceItChanges() throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("mix.exs"), "defmodule Shop.MixProject do\n  def project, do: [app: :shop]\nend\n");
        Path prod = dir.resolve("config/prod.exs");
        Files.writeString(prod, "import Config\nimport System\nconfig :shop, key: get_env(\"KEY\")\n");
        Workspace workspace = new Workspace(List.of(dir));
        RuleEngine engine = new RuleEngine(List.of(new EnvReadsRule()));
        var project = workspace.projects().get(0);
        assertEquals("1 env reads", engine.analyze(project, workspace).get(0).message());

        // Without `import System`, get_env/1 is no read of System's.
        Files.writeString(prod, "import Config\nconfig :shop, key: get_env(\"KEY\")\n");
        workspace.diskChanged(prod, false);
        List<Finding> after = engine.analyze(new ProjectContext(project, workspace), Changes.edited(Set.of(prod)));
        assertEquals("0 env reads", after.get(0).message());
    }
}
