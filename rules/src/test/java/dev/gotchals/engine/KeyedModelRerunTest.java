package dev.gotchals.engine;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.model.config.EnvCalls;
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
 * A model keyed by the file it was handed (the env reads of one config file) depends on that file: once the file
 * changes, the next analysis builds it again instead of inheriting the one of the old text.
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
