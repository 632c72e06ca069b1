package dev.gotchals.edit;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.ElixirVersion;
import dev.gotchals.model.config.ConfigProject;
import dev.gotchals.model.config.RuntimeConfig;
import dev.gotchals.rule.Fix;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.TextDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

class ConfigEditsTest {
    private static final String LINE = "config :shop, Shop.Repo,\n  url: System.fetch_env!(\"DATABASE_URL\")";

    @TempDir
    Path dir;

    private RuntimeConfig runtime(Map<String, String> files, ElixirVersion version) {
        return RuntimeConfig.choose(ConfigProject.open(dir, files), version);
    }

    /** The file's text after the change; the result must parse. */
    private static String applied(Fix.Change change) {
        String text;
        if (change instanceof Fix.Edit edit) {
            String before = edit.file().text().text();
            text = before.substring(0, edit.start()) + edit.newText() + before.substring(edit.end());
        } else {
            text = ((Fix.CreateFile) change).content();
        }
        assertFalse(SyntaxTree.parse(SourceLanguage.ELIXIR, TextDocument.of(text)).hasErrors(), text);
        return text;
    }

    @Test
    void insertsAtTheEndOfTheExistingProdBlockWithItsIndentation() {
        RuntimeConfig runtime = runtime(Map.of("config/runtime.exs", """
                import Config

                if config_env() == :prod do
                    config :shop, :pool, 5
                end
                """), null);
        assertEquals("""
                import Config

                if config_env() == :prod do
                    config :shop, :pool, 5

                    config :shop, Shop.Repo,
                      url: System.fetch_env!("DATABASE_URL")
                end
                """, applied(ConfigEdits.insertIntoProdBlock(runtime, LINE)));
    }

    @Test
    void appendsAProdBlockWhenThereIsNone() {
        RuntimeConfig runtime = runtime(Map.of("config/runtime.exs", "import Config\nconfig :shop, :pool, 5\n"), null);
        assertEquals("""
                import Config
                config :shop, :pool, 5

                if config_env() == :prod do
                  config :shop, Shop.Repo,
                    url: System.fetch_env!("DATABASE_URL")
                end
                """, applied(ConfigEdits.insertIntoProdBlock(runtime, LINE)));
    }

    @Test
    void createsRuntimeExsWhenTheProjectHasNoRuntimeConfig() {
        RuntimeConfig runtime = runtime(Map.of("config/config.exs", "import Config\n"), null);
        Fix.Change change = ConfigEdits.insertIntoProdBlock(runtime, LINE);
        assertInstanceOf(Fix.CreateFile.class, change);
        assertEquals(dir.resolve("config/runtime.exs"), change.path());
        assertEquals("import Config\n\nif config_env() == :prod do\n  config :shop, Shop.Repo,\n"
                + "    url: System.fetch_env!(\"DATABASE_URL\")\nend\n", applied(change));
    }

    @Test
    void neverCreatesRuntimeExsBesideReleasesExs() {
        RuntimeConfig runtime = runtime(Map.of("config/releases.exs", "import Config\n"), null);
        Fix.Change change = ConfigEdits.insertIntoProdBlock(runtime, "config :shop, key: 1");
        assertInstanceOf(Fix.Edit.class, change);
        assertEquals(dir.resolve("config/releases.exs"), change.path());
        // Without a known Elixir 1.11+, config_env() may not exist there: top level, where only releases read it.
        assertEquals("import Config\n\nconfig :shop, key: 1\n", applied(change));
        assertNull(ConfigEdits.insertForEveryEnvironment(runtime, "config :shop, key: 1"), "dev and test never read it");
    }

    @Test
    void usesTheProdBlockOfReleasesExsOnElixir111() {
        RuntimeConfig runtime = runtime(Map.of("config/releases.exs", "import Config\n"), new ElixirVersion(1, 14));
        assertEquals("import Config\n\nif config_env() == :prod do\n  config :shop, key: 1\nend\n",
                applied(ConfigEdits.insertIntoProdBlock(runtime, "config :shop, key: 1")));
    }

    @Test
    void setInProdBlockExtendsTheEndpointConfigThere() {
        RuntimeConfig runtime = runtime(Map.of("config/runtime.exs", """
                import Config

                if config_env() == :prod do
                  config :shop, ShopWeb.Endpoint,
                    url: [host: "shop.example"]
                end
                """), null);
        assertEquals("""
                import Config

                if config_env() == :prod do
                  config :shop, ShopWeb.Endpoint,
                    url: [host: "shop.example"],
                    server: true
                end
                """, applied(ConfigEdits.setInProdBlock(runtime, "shop", "ShopWeb.Endpoint", "server", "true")));
    }

    @Test
    void setInProdBlockAddsAConfigLineWhenTheEndpointHasNoneThere() {
        RuntimeConfig runtime = runtime(Map.of("config/runtime.exs", "import Config\n\nif config_env() == :prod do\nend\n"), null);
        assertEquals("import Config\n\nif config_env() == :prod do\n  config :shop, ShopWeb.Endpoint, server: true\nend\n",
                applied(ConfigEdits.setInProdBlock(runtime, "shop", "ShopWeb.Endpoint", "server", "true")));
    }

    @Test
    void insertForEveryEnvironmentGoesRightAfterImportConfig() {
        RuntimeConfig runtime = runtime(Map.of("config/runtime.exs", "import Config\nconfig :shop, :pool, 5\n"), null);
        assertEquals("import Config\n\nconfig :shop, key: 1\n\nconfig :shop, :pool, 5\n",
                applied(ConfigEdits.insertForEveryEnvironment(runtime, "config :shop, key: 1")));
    }

    @Test
    void anUnparsableRuntimeConfigIsLeftAlone() {
        RuntimeConfig runtime = runtime(Map.of("config/runtime.exs", "import Config\nif config_env() == :prod do\n"), null);
        assertNull(ConfigEdits.insertIntoProdBlock(runtime, "config :shop, key: 1"));
    }

    @Test
    void appendsAPairAndInsertsABindingAboveACall() {
        RuntimeConfig runtime = runtime(Map.of("config/runtime.exs", """
                import Config

                if config_env() == :prod do
                  config :shop, Shop.Repo,
                    url: "ecto://db/shop"

                  config :shop, :pool, size: 5
                end
                """), null);
        DocumentSnapshot file = runtime.file();
        List<Node> calls = new ArrayList<>();
        file.tree().root().forEachDescendant(node -> {
            if ("config".equals(ElixirSyntax.localCallName(file.tree(), node))) {
                calls.add(node);
            }
        });
        Node repo = calls.get(0);
        Fix.Edit pair = ConfigEdits.appendPair(file, repo, ElixirSyntax.keywordPairs(repo), "ssl", "true");
        assertEquals("""
                import Config

                if config_env() == :prod do
                  config :shop, Shop.Repo,
                    url: "ecto://db/shop",
                    ssl: true

                  config :shop, :pool, size: 5
                end
                """, applied(pair));
        Node pool = calls.get(1);
        assertEquals("""
                import Config

                if config_env() == :prod do
                  config :shop, Shop.Repo,
                    url: "ecto://db/shop"

                  size = 5

                  config :shop, :pool, size: 5
                end
                """, applied(ConfigEdits.insertAbove(file, pool, "size = 5")));
        assertEquals("""
                import Config

                if config_env() == :prod do
                  config :shop, Shop.Repo,
                    url: "ecto://db/shop"

                  config :shop, :pool, size: 5, max: 9
                end
                """, applied(ConfigEdits.appendPair(file, pool, ElixirSyntax.keywordPairs(pool), "max", "9")));
    }
}
