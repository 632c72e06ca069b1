package dev.gotchals.model.config;

import dev.gotchals.rule.ProjectContext;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.TextDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeptSettingsTest {
    private static final String CONFIG = """
            import Config
            config :shop, ShopWeb.Endpoint, secret_key_base: "dev-key", url: [host: "localhost"]
            config :shop, token_secret: "dev-token"
            """;

    @TempDir
    Path dir;

    private KeptSettings.Kept kept(String runtime, String subject, String key) {
        ProjectContext project = ConfigProject.open(dir, Map.of("config/config.exs", CONFIG, "config/runtime.exs", runtime));
        ConfigTimeline prod = ConfigTimeline.forEnv(project, "prod");
        ConfigCall first = prod.calls().stream()
                .filter(call -> java.util.Objects.equals(call.subject(), subject) && call.value(key) != null)
                .findFirst().orElseThrow();
        return KeptSettings.after(project, prod, first, key);
    }

    @Test
    void aFallbackThatReadsTheConfiguredValueBackKeepsIt() {
        KeptSettings.Kept kept = kept("""
                import Config
                defaults = Application.get_env(:shop, ShopWeb.Endpoint)
                config :shop, ShopWeb.Endpoint, secret_key_base: System.get_env("KEY_BASE", defaults[:secret_key_base])
                """, "ShopWeb.Endpoint", "secret_key_base");
        assertEquals("KEY_BASE", kept.variable());
        assertEquals(KeptSettings.How.READ_BACK, kept.how());

        kept = kept("""
                import Config
                config :shop, ShopWeb.Endpoint,
                  secret_key_base: System.get_env("KEY_BASE") || (Application.get_env(:shop, ShopWeb.Endpoint) |> Keyword.get(:secret_key_base))
                """, "ShopWeb.Endpoint", "secret_key_base");
        assertEquals("KEY_BASE", kept.variable());

        kept = kept("""
                import Config
                config :shop, token_secret: System.get_env("TOKEN_SECRET") || Application.get_env(:shop, :token_secret)
                """, null, "token_secret");
        assertEquals("TOKEN_SECRET", kept.variable());

        assertNull(kept("""
                import Config
                config :shop, token_secret: Map.fetch(System.get_env(), "TOKEN_SECRET") || Application.get_env(:shop, :token_secret)
                """, null, "token_secret"), "Map.fetch answers {:ok, value} or :error: the read-back is never taken");
    }

    @Test
    void aPairDroppedWhenItsReadIsNilKeepsIt() {
        KeptSettings.Kept kept = kept("""
                import Config
                compact = fn pairs -> Enum.reject(pairs, fn {_, v} -> is_nil(v) end) end
                config :shop, ShopWeb.Endpoint, compact.(secret_key_base: System.get_env("KEY_BASE"), server: true)
                """, "ShopWeb.Endpoint", "secret_key_base");
        assertEquals("KEY_BASE", kept.variable());
        assertEquals(KeptSettings.How.NIL_DROPPED, kept.how());

        kept = kept("""
                import Config
                compact = fn pairs -> Enum.reject(pairs, fn {_, v} -> is_nil(v) end) end
                config :shop, ShopWeb.Endpoint, [secret_key_base: System.fetch_env!("KEY_BASE")] |> compact.()
                """, "ShopWeb.Endpoint", "secret_key_base");
        assertNull(kept, "fetch_env! never yields nil: the pair replaces the value");
    }

    @Test
    void aReplacementAnywhereAfterwardsOrNoSettingAtAllKeepsNothing() {
        assertNull(kept("""
                import Config
                defaults = Application.get_env(:shop, ShopWeb.Endpoint)
                config :shop, ShopWeb.Endpoint, secret_key_base: System.get_env("KEY_BASE", defaults[:secret_key_base])
                config :shop, ShopWeb.Endpoint, secret_key_base: System.fetch_env!("SECRET_KEY_BASE")
                """, "ShopWeb.Endpoint", "secret_key_base"));
        assertNull(kept("""
                import Config
                config :shop, ShopWeb.Endpoint, url: [host: System.get_env("PHX_HOST")]
                """, "ShopWeb.Endpoint", "secret_key_base"), "nothing sets it again");
        assertNull(kept("""
                import Config
                defaults = Application.get_env(:shop, Other.Endpoint)
                config :shop, ShopWeb.Endpoint, secret_key_base: System.get_env("KEY_BASE", defaults[:secret_key_base])
                """, "ShopWeb.Endpoint", "secret_key_base"), "another module's value");
    }

    @Test
    void onlyFunctionsThatFilterOutNilValuesDropPairs() {
        assertTrue(dropsNil("fn pairs when is_list(pairs) -> Enum.filter(pairs, fn {_k, v} -> v !== nil end) end"));
        assertTrue(dropsNil("fn kw -> Keyword.reject(kw, fn {_, value} -> value == nil end) end"));
        assertTrue(dropsNil("fn kw -> kw |> Enum.reject(&is_nil(elem(&1, 1))) end"));
        assertFalse(dropsNil("fn kw -> Enum.filter(kw, fn {k, _} -> k in [:a] end) end"));
        assertFalse(dropsNil("fn kw -> Enum.reject(other, fn {_, v} -> is_nil(v) end) end"));
        assertFalse(dropsNil("fn kw -> Enum.map(kw, fn {k, v} -> {k, v || 1} end) end"));
    }

    private static boolean dropsNil(String function) {
        SyntaxTree tree = SyntaxTree.parse(SourceLanguage.ELIXIR, TextDocument.of(function + "\n"));
        Node node = tree.statements().get(0);
        return KeptSettings.dropsNilValues(tree, node);
    }
}
