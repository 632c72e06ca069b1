package dev.gotchals.model.config;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.Sources;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuntimeMixUsesTest {
    private static List<String> uses(String source) {
        DocumentSnapshot file = Sources.file("config/runtime.exs", source);
        return RuntimeMixUses.of(file).stream()
                .map(use -> use.kind() + " " + file.tree().text(use.node()).replaceAll("\\s+", " ")).toList();
    }

    @Test
    void mixCallsMixConfigAndImportConfigAreFound() {
        assertEquals(List.of("MIX_CONFIG use Mix.Config", "MIX_CALL Mix.env()", "MIX_CALL Mix.Project.config()",
                        "MIX_CALL Mix.target", "IMPORT_CONFIG import_config \"prod.secret.exs\""),
                uses("""
                        use Mix.Config
                        config :shop, env: Mix.env()
                        config :shop, version: Mix.Project.config()[:version]
                        config :shop, target: Mix.target
                        import_config "prod.secret.exs"
                        """));
    }

    @Test
    void aConditionOnMixEnvIsEvaluatedButItsNonProdBranchIsNot() {
        assertEquals(List.of("MIX_CALL Mix.env()"), uses("""
                import Config
                if Mix.env() == :dev do
                  config :shop, root: Mix.Project.build_path()
                end
                """));
    }

    @Test
    void branchesProdSkipsAreLeftOut() {
        assertEquals(List.of(), uses("""
                import Config
                if config_env() == :dev do
                  config :shop, root: Mix.Project.build_path()
                end
                unless config_env() == :test, do: :ok, else: config(:shop, a: Mix.env())
                case config_env() do
                  :test -> config :shop, b: Mix.env()
                  _ -> :ok
                end
                cond do
                  config_env() in [:dev, :test] -> config :shop, c: Mix.env()
                  true -> :ok
                end
                config :shop, d: config_env() == :dev && Mix.env()
                """));
    }

    @Test
    void checksThatMixIsLoadedGuardTheirBranch() {
        assertEquals(List.of(), uses("""
                import Config
                if Code.ensure_loaded?(Mix) do
                  config :shop, env: Mix.env()
                end
                if function_exported?(Mix, :env, 0) and System.get_env("X") do
                  config :shop, env: Mix.env()
                end
                config :shop, target: Code.ensure_loaded?(Mix) and Mix.target()
                """));
    }

    @Test
    void theElseBranchOfAMixCheckAndProdBranchesStillCount() {
        List<String> found = uses("""
                import Config
                if Code.ensure_loaded?(Mix) do
                  :ok
                else
                  config :shop, env: Mix.env()
                end
                if config_env() == :prod do
                  config :shop, version: Mix.Project.config()[:version]
                end
                if System.get_env("SENTRY_DSN") do
                  config :sentry, environment_name: Mix.env()
                end
                """);
        assertEquals(3, found.size(), found.toString());
    }

    @Test
    void mixCallHelpersNameTheCallee() {
        DocumentSnapshot file = Sources.file("config/runtime.exs", "config :shop, a: Mix.env(), b: Mix.env(:x)\n");
        List<RuntimeMixUses.Use> uses = RuntimeMixUses.of(file);
        assertEquals("Mix.env", uses.get(0).callee(file.tree()));
        assertTrue(uses.get(0).isMixCall(file.tree(), "env"));
        assertFalse(uses.get(1).isMixCall(file.tree(), "env"), "an argument: not the no-argument call");
    }

    @Test
    void compileTimeEndpointKeysAreTheDocumentedThree() {
        assertTrue(EndpointKeys.readAtCompileTime("force_ssl"));
        assertTrue(EndpointKeys.readAtCompileTime("debug_errors"));
        assertTrue(EndpointKeys.readAtCompileTime("code_reloader"));
        assertFalse(EndpointKeys.readAtCompileTime("render_errors"), "Phoenix reads render_errors at runtime");
        assertFalse(EndpointKeys.readAtCompileTime(null));
    }
}
