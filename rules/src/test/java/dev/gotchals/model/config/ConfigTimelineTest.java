package dev.gotchals.model.config;

import dev.gotchals.elixir.Truth;

import dev.gotchals.model.config.ConfigProject;
import dev.gotchals.rule.ProjectContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigTimelineTest {
    @TempDir
    Path dir;

    private ProjectContext project(String... pathsAndContents) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return ConfigProject.open(dir, files);
    }

    /** The effective value as written, or its state when there is no value. */
    private static String effective(ConfigTimeline timeline, String app, String subject, String... keys) {
        ConfigValue value = timeline.effective(app, subject, keys);
        return value.isSet() ? value.call().tree().text(value.value()) : value.state().name();
    }

    private static List<String> fileOrder(ConfigTimeline timeline, Path root) {
        return timeline.calls().stream().map(call -> root.relativize(call.file().path()).toString().replace('\\', '/'))
                .distinct().toList();
    }

    @Test
    void aFileTheImageCopiesOntoAnImportedConfigIsProdsOnlyDevAndTestReadTheCheckout() {
        ProjectContext project = project(
                "Dockerfile", """
                        FROM hexpm/elixir:1.17.3-erlang-27.1-debian-bookworm-20240926-slim AS builder
                        WORKDIR /app
                        COPY . .
                        COPY config/local.example.exs /app/config/local.exs
                        RUN MIX_ENV=prod mix release
                        """,
                "config/config.exs", "import Config\nimport_config \"local.exs\"\n",
                "config/local.exs", "import Config\nconfig :shop, origin: :checkout\n",
                "config/local.example.exs", "import Config\nconfig :shop, origin: :image\n");

        assertEquals(":image", effective(ConfigTimeline.forEnv(project, "prod"), "shop", null, "origin"));
        assertEquals(":checkout", effective(ConfigTimeline.forEnv(project, "dev"), "shop", null, "origin"));
        assertEquals(":checkout", effective(ConfigTimeline.forEnv(project, "test"), "shop", null, "origin"));
    }

    @Test
    void configInsideCaseAndCondClausesAppliesInTheEnvironmentTheClauseRunsIn() {
        ProjectContext project = project(
                "config/config.exs", "import Config\nconfig :shop, Endpoint, secret_key_base: \"literal\"\n",
                "config/runtime.exs", """
                        import Config
                        case config_env() do
                          :prod ->
                            secret_key_base = System.get_env("SECRET_KEY_BASE") || raise "missing"
                            config :shop, Endpoint, secret_key_base: secret_key_base
                          _ ->
                            nil
                        end
                        cond do
                          config_env() == :test -> config :shop, level: :warning
                          System.get_env("QUIET") -> config :shop, level: :error
                          true -> config :shop, level: :info
                        end
                        case System.get_env("MODE") do
                          "a" -> config :shop, mode: :a
                          _ -> config :shop, mode: :b
                        end
                        """);
        ConfigTimeline prod = ConfigTimeline.of(project, "prod");
        assertEquals("System.get_env(\"SECRET_KEY_BASE\") || raise \"missing\"",
                effective(prod, "shop", "Endpoint", "secret_key_base"), "bound inside the clause");
        assertEquals("literal", effective(ConfigTimeline.of(project, "dev"), "shop", "Endpoint", "secret_key_base")
                .replace("\"", ""), "the :prod clause does not run in dev");
        assertEquals(":warning", effective(ConfigTimeline.of(project, "test"), "shop", null, "level"));
        assertEquals("UNKNOWN", effective(prod, "shop", null, "level"), "QUIET may or may not be set");
        assertEquals("UNKNOWN", effective(prod, "shop", null, "mode"));
        assertTrue(prod.envReads().stream().anyMatch(read -> "SECRET_KEY_BASE".equals(read.variable()) && read.prodOnly()));
    }

    @Test
    void aCommentBetweenTheAppAndItsKeywordsIsNoSubject() {
        ProjectContext project = project("config/config.exs", """
                import Config
                config :token_auth,
                  # change me if in use
                  token: "my-token"
                config :shop, Shop.Repo,
                  # the pool
                  pool_size: 10
                """);
        ConfigTimeline prod = ConfigTimeline.of(project, "prod");
        assertEquals("\"my-token\"", effective(prod, "token_auth", null, "token"));
        assertEquals("10", effective(prod, "shop", "Shop.Repo", "pool_size"));
    }

    // ---- import chains ----

    @Test
    void evaluatesConfigThenTheEnvFileItsImportsAndTheRuntimeConfig() {
        ProjectContext project = project(
                "config/config.exs", "import Config\nconfig :shop, a: 1\nimport_config \"#{config_env()}.exs\"\n",
                "config/prod.exs", "import Config\nconfig :shop, b: 1\nimport_config \"prod.secret.exs\"\n",
                "config/prod.secret.exs", "import Config\nconfig :shop, c: 1\n",
                "config/dev.exs", "import Config\nconfig :shop, d: 1\n",
                "config/runtime.exs", "import Config\nconfig :shop, e: 1\n");
        ConfigTimeline prod = ConfigTimeline.of(project, "prod");
        assertEquals(List.of("config/config.exs", "config/prod.exs", "config/prod.secret.exs", "config/runtime.exs"),
                fileOrder(prod, dir));
        assertEquals(ConfigPhase.RUNTIME, prod.calls().get(3).phase());
        assertEquals(List.of("config/config.exs", "config/dev.exs", "config/runtime.exs"),
                fileOrder(ConfigTimeline.of(project, "dev"), dir));
    }

    @Test
    void anImportedFileThatIsNotThereLeavesWhatComesBeforeItUnknown() {
        ProjectContext project = project(
                "config/config.exs", "import Config\nconfig :shop, a: 1\nimport_config \"#{config_env()}.exs\"\n",
                "config/prod.exs", """
                        import Config
                        config :shop, b: 1
                        import_config "#{config_env()}.secret.exs"
                        config :shop, c: 1
                        """,
                "config/dev.exs", "import Config\nimport_config \"dev.secret.exs\"\n",
                "config/dev.secret.exs", "import Config\nconfig :shop, d: 1\n",
                "config/runtime.exs", "import Config\nconfig :shop, e: 1\n");
        ConfigTimeline prod = ConfigTimeline.of(project, "prod");
        assertEquals(List.of(dir.resolve("config/prod.secret.exs")),
                prod.missingImports().stream().map(ConfigTimeline.UnseenConfig::missing).toList());
        List<ConfigCall> calls = prod.calls();
        assertEquals(List.of(true, true, false, false),
                calls.stream().map(call -> prod.unseenConfigAfter(call) != null).toList(),
                "a and b may be replaced by the file; c and the runtime config come after it");
        assertEquals(List.of(), ConfigTimeline.of(project, "dev").missingImports(), "dev.secret.exs is committed");
    }

    @Test
    void aConfigFileRequiredFromTheRuntimeConfigIsEvaluatedWhereItIsRequired() {
        ProjectContext project = project(
                "config/config.exs", "import Config\nconfig :shop, a: :build\n",
                "config/runtime.exs", """
                        import Config
                        Code.require_file(Path.expand("host_runtime.exs", __DIR__))
                        Code.require_file("dotenv.exs", __DIR__)
                        Code.require_file("config/late.exs")
                        """,
                "config/host_runtime.exs", "import Config\nconfig :shop, a: :boot\n",
                "config/dotenv.exs", "defmodule Dotenv do\n  def load, do: config(:shop, a: :helper)\nend\n",
                "config/late.exs", "import Config\nconfig :shop, b: :late\n");
        ConfigTimeline prod = ConfigTimeline.of(project, "prod");

        assertEquals(":boot", effective(prod, "shop", null, "a"));
        assertEquals(ConfigPhase.RUNTIME, prod.effective("shop", null, "a").call().phase());
        assertEquals(":late", effective(prod, "shop", null, "b"), "a bare path is the project's, where Mix runs");
        assertEquals(List.of(), prod.unseenConfig(), "a required module of helpers writes no config where required");
    }

    @Test
    void configWrittenInALoopOverWhatAFunctionReturnsMaySetAnyKeyOfAnyApp() {
        ProjectContext project = project(
                "config/config.exs", "import Config\nconfig :shop, ShopWeb.Endpoint, url: [host: \"localhost\"]\n",
                "config/runtime.exs", """
                        import Config
                        for entry <- ShopWeb.HostRuntime.config(config_env()) do
                          case entry do
                            {app, opts} -> config app, opts
                            {app, key, value} -> config app, key, value
                          end
                        end
                        """);
        ConfigTimeline prod = ConfigTimeline.of(project, "prod");

        ConfigCall host = prod.effective("shop", "ShopWeb.Endpoint", "url", "host").call();
        assertEquals(1, prod.unseenConfig().size());
        assertNull(prod.unseenConfig().get(0).apps(), "what the function returns is not known");
        project = project("config/config.exs", "import Config\n", "config/runtime.exs",
                "import Config\nfor {app, kv} <- Config.Reader.read!(\"/etc/shop.exs\"), do: config(app, kv)\n");
        assertEquals(List.of(), ConfigTimeline.of(project, "prod").unseenConfig(),
                "a file the runtime config reads is the operator's, whose template may say what it sets");
        assertEquals(ConfigPhase.RUNTIME, prod.unseenConfigAfter(host).phase());
        assertTrue(prod.maySetUnseenAfter(host));
    }

    @Test
    void configWrittenForEachEntryOfALiteralListMaySetOnlyTheAppsTheListNames() {
        ProjectContext project = project(
                "config/config.exs", """
                        import Config
                        config :logger, level: :debug
                        config :core, Core.Repo, pool_size: 2
                        config :core, Core.Mailer, adapter: Swoosh.Adapters.Local
                        import_config "#{config_env()}.exs"
                        """,
                "config/prod.exs", """
                        import Config
                        repos = [{:admin, Admin.Repo}, {:core, Core.Repo}]
                        repos
                        |> Enum.each(fn {otp_app, repo} ->
                          config otp_app, repo, url: System.get_env("DATABASE_URL")
                        end)
                        for {app, key} <- [{:web, :port}], do: config(app, [{key, 4000}])
                        otp_app = :store
                        config otp_app, Store.Repo, pool_size: 10
                        """);
        ConfigTimeline prod = ConfigTimeline.of(project, "prod");

        assertEquals(List.of(java.util.Set.of("admin", "core"), java.util.Set.of("web", "port")),
                prod.unseenConfig().stream().map(ConfigTimeline.UnseenConfig::apps).toList());
        assertEquals(java.util.Set.of("admin", "Admin.Repo", "core", "Core.Repo"), prod.unseenConfig().get(0).subjects(),
                "the repo each entry names");
        assertNull(prod.unseenConfig().get(1).subjects(), "config(app, opts) may set any key of the app");
        List<ConfigCall> calls = prod.calls();
        assertNull(prod.unseenConfigAfter(calls.get(0)), "no loop names :logger");
        assertEquals(ConfigPhase.BUILD, prod.unseenConfigAfter(calls.get(1)).phase(), "the first loop may set Core.Repo's");
        assertNull(prod.unseenConfigAfter(calls.get(2)), "the loops set the repos of :core, not its mailer");
        assertEquals("10", effective(prod, "store", "Store.Repo", "pool_size"), "a variable bound to an atom is that app");
    }

    @Test
    void aCaseOverATupleWithTheEnvironmentSkipsTheClausesOfOtherEnvironments() {
        ProjectContext project = project(
                "config/config.exs", "import Config\n",
                "config/runtime.exs", """
                        import Config
                        missing = Enum.reject(["API_KEY", "API_ORG"], &System.get_env/1)
                        case {length(missing), config_env()} do
                          {0, _env} -> config :shop, api: [key: System.get_env("API_KEY")]
                          {2, :dev} -> config :shop, api: [key: "mock"]
                          {_count, :prod} -> config :shop, api: [key: "partial"]
                          {_count, _env} -> raise "incomplete API configuration"
                        end
                        """);
        java.util.function.Function<String, List<String>> keys = env -> ConfigTimeline.of(project, env).calls().stream()
                .map(call -> call.tree().text(call.call())).filter(text -> text.contains("api:"))
                .map(text -> text.substring(text.indexOf("key: ") + 5, text.length() - 1)).toList();

        assertEquals(List.of("System.get_env(\"API_KEY\")", "\"partial\""), keys.apply("prod"),
                "the :dev clause never runs in prod");
        assertEquals(List.of("System.get_env(\"API_KEY\")", "\"mock\""), keys.apply("dev"));
    }

    @Test
    void anEmptyKeywordListSetsNothing() {
        ProjectContext project = project(
                "config/config.exs", """
                        import Config
                        config :shop, ShopWeb.Endpoint, url: [host: "localhost"]
                        config :shop, ShopWeb.Endpoint, []
                        config :shop, ShopWeb.Endpoint, options_from_elsewhere
                        """);
        ConfigTimeline dev = ConfigTimeline.of(project, "dev");
        List<ConfigCall> calls = dev.calls();

        assertNull(KeyPath.lookup(calls.get(1), "shop", "ShopWeb.Endpoint", List.of("url", "host")));
        assertNull(KeyPath.lookup(calls.get(1), "shop", "ShopWeb.Endpoint", List.of("cache_static_manifest")));
        assertEquals(ConfigValue.State.UNKNOWN,
                KeyPath.lookup(calls.get(2), "shop", "ShopWeb.Endpoint", List.of("url", "host")).state(),
                "a variable's list may hold it");
    }

    @Test
    void anIfWrittenWithKeywordsHasBranchesLikeADoBlock() {
        ProjectContext project = project(
                "config/config.exs", "import Config\n",
                "config/runtime.exs", """
                        import Config
                        if config_env() == :test, do: config(:shop, Shop.Repo, pool: Ecto.Adapters.SQL.Sandbox)
                        if config_env() == :prod do
                          if System.get_env("PHX_SERVER") == "true", do: config(:shop, ShopWeb.Endpoint, server: true)
                          unless System.get_env("LOCAL"), do: config(:shop, a: 1), else: config(:shop, a: 2)
                        end
                        """);
        ConfigTimeline prod = ConfigTimeline.of(project, "prod");
        assertEquals(List.of("ShopWeb.Endpoint", "shop", "shop"),
                prod.calls().stream().map(call -> call.subject() == null ? call.app() : call.subject()).toList(),
                "the test branch is not taken in prod; both keyword branches of the unless are config calls");
        assertEquals(List.of(Truth.UNKNOWN, Truth.UNKNOWN, Truth.UNKNOWN),
                prod.calls().stream().map(ConfigCall::applies).toList());
        assertEquals(List.of("PHX_SERVER", "LOCAL"), prod.envReads().stream().map(EnvRead::variable).toList());
    }

    @Test
    void anImportOfAPathJoinedToTheConfigFolderIsFollowed() {
        ProjectContext project = project(
                "config/config.exs", """
                        import Config
                        config :shop, a: 1
                        config_dir = Path.dirname(__ENV__.file)
                        env_specific_config_file = Path.join(config_dir, "#{Mix.env()}.exs")
                        if File.exists?(env_specific_config_file), do: import_config(env_specific_config_file)
                        local_file = Path.join(config_dir, "env.exs")
                        if File.exists?(local_file), do: import_config(local_file)
                        import_config Path.expand("extra.exs", __DIR__)
                        """,
                "config/prod.exs", "import Config\nconfig :shop, ShopWeb.Endpoint, server: true\n",
                "config/extra.exs", "import Config\nconfig :shop, b: 2\n");
        ConfigTimeline prod = ConfigTimeline.of(project, "prod");
        assertEquals(List.of("config/config.exs", "config/prod.exs", "config/extra.exs"), fileOrder(prod, dir));
        assertEquals(Truth.TRUE, prod.calls().get(1).applies(), "the repository holds the file the if looks for");
        assertEquals(List.of(), prod.missingImports(), "env.exs is loaded only where it exists: nothing needs it");
        ConfigTimeline dev = ConfigTimeline.of(project, "dev");
        assertEquals(List.of("config/config.exs", "config/extra.exs"), fileOrder(dev, dir));
    }

    @Test
    void aFileTheImageCopiesOntoAnImportIsNotMissing() {
        ProjectContext project = project(
                "Dockerfile", """
                        FROM hexpm/elixir:1.17.3-erlang-27.1-debian-bookworm-20240926-slim AS builder
                        WORKDIR /app
                        COPY . .
                        COPY config/prod.secret.example.exs config/prod.secret.exs
                        RUN MIX_ENV=prod mix release
                        """,
                "config/config.exs", "import Config\nconfig :shop, a: 1\nimport_config \"prod.secret.exs\"\n",
                "config/prod.secret.example.exs", "import Config\nconfig :shop, a: 2\n");
        assertEquals(List.of(), ConfigTimeline.of(project, "prod").missingImports());
        assertEquals(1, ConfigTimeline.of(project, "dev").missingImports().size(), "dev builds from the checkout");
    }

    @Test
    void aFileEdeliversBuildCopiesFromTheCheckoutIsTheOneTheReleaseImports() {
        ProjectContext project = project(
                ".deliver/config", """
                        APP="shop"
                        BUILD_HOST="build.example.org"
                        pre_erlang_get_and_update_deps() {
                          if [ "$TARGET_MIX_ENV" = "prod" ]; then
                            __sync_remote "
                              cp '$BUILD_AT/config/prod.aws.exs' '$BUILD_AT/config/prod.override.exs'
                            "
                          fi
                        }
                        """,
                "config/config.exs", """
                        use Mix.Config
                        config :shop, a: 1
                        if File.exists?(File.cwd! <> "/config/#{Mix.env}.override.exs") do
                          import_config "#{Mix.env}.override.exs"
                        else
                          import_config "#{Mix.env}.exs"
                        end
                        """,
                "config/prod.exs", "use Mix.Config\nconfig :shop, a: 2\n",
                "config/prod.aws.exs", "use Mix.Config\nconfig :shop, a: 3\n");
        ConfigTimeline prod = ConfigTimeline.of(project, "prod");
        assertEquals(List.of("config/config.exs", "config/prod.aws.exs"), fileOrder(prod, dir),
                "the build copies prod.aws.exs onto the override, which then exists: prod.exs is not loaded");
        assertEquals(Truth.TRUE, prod.calls().get(1).applies());
        assertEquals(List.of(), prod.missingImports());
    }

    @Test
    void mixEnvImportsResolveLikeConfigEnv() {
        ProjectContext project = project(
                "config/config.exs", "use Mix.Config\nimport_config \"#{Mix.env()}.exs\"\n",
                "config/prod.exs", "use Mix.Config\nconfig :shop, b: 1\n");
        assertEquals("1", effective(ConfigTimeline.of(project, "prod"), "shop", null, "b"));
    }

    @Test
    void umbrellaWildcardImportsLoadEveryAppConfigInSortedOrder() {
        ProjectContext project = project(
                "mix.exs", """
                        defmodule Umbrella.MixProject do
                          use Mix.Project
                          def project, do: [apps_path: "apps", deps: []]
                        end
                        """,
                "config/config.exs", """
                        import Config
                        for config <- "../apps/*/config/config.exs" |> Path.expand(__DIR__) |> Path.wildcard() do
                          import_config config
                        end
                        import_config "../apps/*/config/extra.exs"
                        """,
                "apps/web/mix.exs", "defmodule Web.MixProject do\n  use Mix.Project\nend\n",
                "apps/core/mix.exs", "defmodule Core.MixProject do\n  use Mix.Project\nend\n",
                "apps/web/config/config.exs", "import Config\nconfig :web, x: 1\n",
                "apps/core/config/config.exs", "import Config\nconfig :core, x: 1\n",
                "apps/core/config/extra.exs", "import Config\nconfig :core, y: 1\n");
        ConfigTimeline prod = ConfigTimeline.of(project, "prod");
        assertEquals(List.of("apps/core/config/config.exs", "apps/web/config/config.exs", "apps/core/config/extra.exs"),
                fileOrder(prod, dir));
    }

    @Test
    void aListAppendedToABoundKeywordListConfiguresBoth() {
        // mftlabs/amps: config :master_proxy, mp_config ++ [https: [port: …]]
        ProjectContext project = project("config/config.exs", """
                import Config
                base = [http: [port: 4080], log_requests: false]
                config :master_proxy, base ++ [https: [port: 4443]]
                config :shop, Shop.Repo, base ++ [pool_size: 2]
                """);
        ConfigTimeline prod = ConfigTimeline.of(project, "prod");
        assertEquals("4080", effective(prod, "master_proxy", null, "http", "port"));
        assertEquals("4443", effective(prod, "master_proxy", null, "https", "port"));
        assertEquals("Shop.Repo", prod.calls().get(1).subject(), "the three-argument form keeps its subject");
    }

    @Test
    void anUmbrellaLoopWhosePatternNamesTheEnvironmentLoadsEachAppsConfigForIt() {
        // mpraski/dein-apotheker-be: each app's config.exs and prod.exs, through one loop.
        ProjectContext project = project(
                "mix.exs", "defmodule Umbrella.MixProject do\n  use Mix.Project\n  def project, do: [apps_path: \"apps\", deps: []]\nend\n",
                "config/config.exs", """
                        import Config
                        for config <-
                              "../apps/*/config/{config,#{Mix.env()}}.exs" |> Path.expand(__DIR__) |> Path.wildcard() do
                          import_config config
                        end
                        """,
                "apps/proxy/mix.exs", "defmodule Proxy.MixProject do\n  use Mix.Project\nend\n",
                "apps/proxy/config/config.exs", "import Config\nconfig :proxy, x: 1\n",
                "apps/proxy/config/dev.exs", "import Config\nconfig :proxy, x: 2\n",
                "apps/proxy/config/prod.exs", "import Config\nconfig :proxy, x: 3\n");
        assertEquals(List.of("apps/proxy/config/config.exs", "apps/proxy/config/prod.exs"),
                fileOrder(ConfigTimeline.of(project, "prod"), dir));
        assertEquals("3", effective(ConfigTimeline.of(project, "prod"), "proxy", null, "x"));
    }

    @Test
    void anOldUmbrellasWildcardImportReachesEachAppsEnvironmentConfig() {
        ProjectContext project = project(
                "mix.exs", "defmodule Umbrella.MixProject do\n  use Mix.Project\n  def project, do: [apps_path: \"apps\", deps: []]\nend\n",
                "config/config.exs", "use Mix.Config\nimport_config \"../apps/*/config/config.exs\"\nimport_config \"#{Mix.env}.exs\"\n",
                "apps/web/mix.exs", "defmodule Web.MixProject do\n  use Mix.Project\nend\n",
                "apps/web/config/config.exs", "use Mix.Config\nconfig :web, x: 1\nimport_config \"#{Mix.env}.exs\"\n",
                "apps/web/config/prod.exs", "use Mix.Config\nconfig :logger, level: :debug\n");
        ConfigTimeline prod = ConfigTimeline.of(project, "prod");
        assertEquals(List.of("apps/web/config/config.exs", "apps/web/config/prod.exs"), fileOrder(prod, dir));
    }

    @Test
    void theRuntimeFileIsTheOneGiven() {
        ProjectContext project = project(
                "config/config.exs", "import Config\n",
                "config/runtime.exs", "import Config\nconfig :shop, from: :runtime\n",
                "config/releases.exs", "import Config\nconfig :shop, from: :releases\n");
        assertEquals(":runtime", effective(ConfigTimeline.of(project, "prod"), "shop", null, "from"));
        assertEquals(":releases", effective(ConfigTimeline.of(project, "prod", project.configFile("releases.exs")),
                "shop", null, "from"));
        assertEquals("UNSET", effective(ConfigTimeline.of(project, "prod", null), "shop", null, "from"));
    }

    /** Both runtime config files, each setting {@code from}, in a project whose release is built with {@code elixir}. */
    private ProjectContext bothRuntimeFilesBuiltWith(String elixir) {
        return ConfigProject.open(dir.resolve(elixir), Map.of(
                "Dockerfile", "FROM elixir:" + elixir + "\nRUN mix release\n",
                "config/config.exs", "import Config\n",
                "config/runtime.exs", "import Config\nconfig :shop, from: :runtime\n",
                "config/releases.exs", "import Config\nconfig :shop, from: :releases\n"));
    }

    @Test
    void prodEndsWithTheRuntimeConfigTheReleasesElixirReads() {
        assertEquals(":runtime", effective(ConfigTimeline.prod(bothRuntimeFilesBuiltWith("1.16")), "shop", null, "from"));
        assertEquals(":releases", effective(ConfigTimeline.prod(bothRuntimeFilesBuiltWith("1.10")), "shop", null, "from"));
        assertEquals("UNSET", effective(ConfigTimeline.prod(bothRuntimeFilesBuiltWith("1.8")), "shop", null, "from"));
    }

    @Test
    void mixEnvironmentsReadRuntimeExsButNeverReleasesExs() {
        assertEquals(":runtime", effective(ConfigTimeline.forEnv(bothRuntimeFilesBuiltWith("1.16"), "dev"),
                "shop", null, "from"));
        assertEquals("UNSET", effective(ConfigTimeline.forEnv(bothRuntimeFilesBuiltWith("1.10"), "dev"),
                "shop", null, "from"), "Elixir 1.10 has no runtime.exs, and Mix never reads releases.exs");
        ProjectContext releasesOnly = project(
                "config/config.exs", "import Config\n",
                "config/releases.exs", "import Config\nconfig :shop, from: :releases\n");
        assertEquals("UNSET", effective(ConfigTimeline.forEnv(releasesOnly, "test"), "shop", null, "from"));
        assertEquals(":releases", effective(ConfigTimeline.prod(releasesOnly), "shop", null, "from"));
    }

    // ---- effective values ----

    @Test
    void keywordListsDeepMergeAndTheLastSettingWins() {
        ProjectContext project = project(
                "config/config.exs", """
                        import Config
                        config :shop, Shop.Endpoint, url: [host: "localhost", port: 4000]
                        import_config "#{config_env()}.exs"
                        """,
                "config/prod.exs", "import Config\nconfig :shop, Shop.Endpoint, url: [port: 443]\n",
                "config/runtime.exs", "import Config\nconfig :shop, Shop.Endpoint, url: [scheme: \"https\"]\n");
        ConfigTimeline prod = ConfigTimeline.of(project, "prod");
        assertEquals("\"localhost\"", effective(prod, "shop", "Shop.Endpoint", "url", "host"));
        assertEquals("443", effective(prod, "shop", "Shop.Endpoint", "url", "port"));
        ConfigValue port = prod.effective("shop", "Shop.Endpoint", "url", "port");
        assertEquals(dir.resolve("config/prod.exs"), port.file().path());
        assertEquals(ConfigPhase.BUILD, port.phase());
    }

    @Test
    void aFunctionOfTheProjectThatRuntimeExsCallsWritesRuntimeConfig() {
        ProjectContext project = project(
                "config/config.exs", "import Config\nconfig :shop, Shop.Endpoint, url: [host: \"localhost\"], http: [port: 4000]\n",
                "config/runtime.exs", "import Config\nShop.config_runtime()\nSystem.put_env(\"A\", \"b\")\n",
                "lib/shop.ex", """
                        defmodule Shop do
                          def config_runtime do
                            import Config

                            if hostname = System.get_env("SHOP_HOSTNAME") do
                              config :shop, Shop.Endpoint, url: [host: hostname]
                            end

                            config :shop, Shop.Endpoint, http: [port: 8080]
                          end
                        end
                        """);
        ConfigTimeline prod = ConfigTimeline.of(project, "prod");
        assertEquals(ConfigValue.State.UNKNOWN, prod.effective("shop", "Shop.Endpoint", "url", "host").state(),
                "set at boot when SHOP_HOSTNAME is");
        ConfigValue port = prod.effective("shop", "Shop.Endpoint", "http", "port");
        assertEquals("8080", port.call().tree().text(port.value()));
        assertEquals(ConfigPhase.RUNTIME, port.phase());
        assertEquals(dir.resolve("lib/shop.ex"), port.file().path());
    }

    @Test
    void configInsideATryBlockMayHaveRunSoItsValueIsUnknown() {
        ProjectContext project = project(
                "config/config.exs", "import Config\nconfig :shop, Shop.Endpoint, secret_key_base: \"dev\"\n",
                "config/runtime.exs", """
                        import Config
                        try do
                          config :shop, Shop.Endpoint, secret_key_base: System.fetch_env!("SECRET_KEY_BASE")
                        rescue
                          _ -> :ok
                        end
                        """);
        ConfigTimeline prod = ConfigTimeline.of(project, "prod");
        assertEquals(ConfigValue.State.UNKNOWN, prod.effective("shop", "Shop.Endpoint", "secret_key_base").state());
    }

    @Test
    void aSubjectAsFirstKeyAndAsSecondArgumentIsTheSameSetting() {
        ProjectContext project = project("config/config.exs", """
                import Config
                config :phoenix, :serve_endpoints, false
                config :phoenix, serve_endpoints: true
                config :logger, :console, format: "a"
                """);
        ConfigTimeline prod = ConfigTimeline.of(project, "prod");
        assertEquals("true", effective(prod, "phoenix", "serve_endpoints"));
        assertEquals("\"a\"", effective(prod, "logger", "console", "format"));
    }

    @Test
    void localBindingsResolveToTheirExpressions() {
        ProjectContext project = project("config/runtime.exs", """
                import Config
                if config_env() == :prod do
                  host = System.get_env("PHX_HOST") || "example.com"
                  endpoint_config = [url: [host: host, port: 443]]
                  config :shop, Shop.Endpoint, endpoint_config
                end
                """);
        ConfigTimeline prod = ConfigTimeline.of(project, "prod");
        assertEquals("System.get_env(\"PHX_HOST\") || \"example.com\"", effective(prod, "shop", "Shop.Endpoint", "url", "host"));
        assertEquals("443", effective(prod, "shop", "Shop.Endpoint", "url", "port"));
        assertFalse(prod.calls().get(0).pairsInline());
    }

    @Test
    void bindingsInsideABranchDoNotLeakOut() {
        ProjectContext project = project("config/config.exs", """
                import Config
                if config_env() == :prod do
                  level = :debug
                end
                config :logger, level: level
                """);
        assertEquals("UNKNOWN", effective(ConfigTimeline.of(project, "prod"), "logger", null, "level"));
    }

    @Test
    void whatTheModelCannotFollowIsUnknownNeverAGuess() {
        ProjectContext project = project("config/config.exs", """
                import Config
                config :logger, level: :info
                if System.get_env("VERBOSE"), do: nil
                if System.get_env("VERBOSE") do
                  config :logger, level: :debug
                end
                config :shop, Shop.Endpoint, url: [host: "a"]
                config :shop, Shop.Endpoint, url: Application.get_env(:shop, :url)
                config :shop, Shop.Repo, options_from_elsewhere
                """);
        ConfigTimeline prod = ConfigTimeline.of(project, "prod");
        assertEquals("UNKNOWN", effective(prod, "logger", null, "level"));
        assertEquals("UNKNOWN", effective(prod, "shop", "Shop.Endpoint", "url", "host"));
        assertEquals("UNKNOWN", effective(prod, "shop", "Shop.Repo", "url"));
        assertEquals("UNSET", effective(prod, "shop", "Shop.Other", "url"));
    }

    @Test
    void aSureSettingAfterAConditionalOneIsKnownAgain() {
        ProjectContext project = project("config/config.exs", """
                import Config
                if System.get_env("VERBOSE") do
                  config :logger, level: :debug
                end
                config :logger, level: :warning
                if config_env() == :dev do
                  config :logger, level: :debug
                end
                """);
        assertEquals(":warning", effective(ConfigTimeline.of(project, "prod"), "logger", null, "level"));
        assertEquals(":debug", effective(ConfigTimeline.of(project, "dev"), "logger", null, "level"));
    }

    @Test
    void setLaterTellsWhetherALaterCallSurelyReplacesAKeyPath() {
        ProjectContext project = project(
                "config/config.exs", "import Config\nconfig :shop, :stripe, api_key: \"dev\", region: \"eu\"\n",
                "config/runtime.exs", "import Config\nconfig :shop, stripe: [api_key: \"x\"]\n");
        ConfigTimeline prod = ConfigTimeline.of(project, "prod");
        ConfigCall first = prod.calls().get(0);
        assertTrue(prod.setLater(first, "stripe", List.of("api_key")));
        assertFalse(prod.setLater(first, "stripe", List.of("region")));
        assertTrue(prod.touchedLater(first));
    }

    @Test
    void aKeyGivenAsAKeywordIsSetLaterByACallThatNamesItAsItsSubject() {
        ProjectContext project = project(
                "config/config.exs", "import Config\nconfig :shop, api_token: \"secret\", region: \"eu\"\n",
                "config/runtime.exs", "import Config\nif config_env() == :prod do\n"
                        + "  config :shop, :api_token, System.get_env(\"API_TOKEN\")\nend\n");
        ConfigTimeline prod = ConfigTimeline.of(project, "prod");
        ConfigCall first = prod.calls().get(0);
        assertTrue(prod.setLater(first, null, List.of("api_token")));
        assertFalse(prod.setLater(first, null, List.of("region")));
        assertFalse(ConfigTimeline.of(project, "dev").setLater(first, null, List.of("api_token")),
                "the runtime config sets it for prod only");
    }

    // ---- environment-variable reads ----

    @Test
    void envReadsCarryFilePhasePositionAndProdOnly() {
        ProjectContext project = project(
                "config/config.exs", """
                        import Config
                        config :shop, a: System.get_env("A")
                        if config_env() == :prod do
                          config :shop, b: System.fetch_env!("B")
                        end
                        if config_env() == :dev, do: config(:shop, c: System.get_env("C"))
                        config :shop, f: fn -> System.get_env("LATER") end
                        import_config "#{config_env()}.exs"
                        """,
                "config/prod.exs", "import Config\nport = System.get_env(\"PORT\")\n",
                "config/runtime.exs", "import Config\nconfig :shop, d: System.fetch_env(\"D\")\n");
        List<EnvRead> reads = ConfigTimeline.of(project, "prod").envReads();
        assertEquals(List.of("A", "B", "PORT", "D"), reads.stream().map(EnvRead::variable).toList());
        EnvRead a = reads.get(0);
        assertTrue(a.topLevel());
        assertFalse(a.prodOnly());
        assertEquals(ConfigPhase.BUILD, a.phase());
        EnvRead b = reads.get(1);
        assertFalse(b.topLevel());
        assertTrue(b.prodOnly());
        assertTrue(reads.get(2).prodOnly(), "prod.exs is imported for prod only");
        assertEquals(ConfigPhase.RUNTIME, reads.get(3).phase());
        assertNull(reads.stream().filter(read -> "C".equals(read.variable())).findFirst().orElse(null));
    }

    @Test
    void theProjectsWrappersOfSystemReadsAreEnvReadsWhereverTheyAreCalledFrom() {
        ProjectContext project = project(
                "lib/shop/env.ex", """
                        defmodule Shop.Env do
                          def get(name, type \\\\ :string), do: name |> System.get_env() |> cast(type)
                          def fetch!(name), do: System.fetch_env!(name)
                          def other(prefix, name), do: System.get_env(name)
                          defp hidden(name), do: System.get_env(name)
                          def cast(value, _type), do: value
                        end
                        """,
                "config/runtime.exs", """
                        import Config
                        import Shop.Env, only: [get: 2]
                        alias Shop.Env, as: E
                        config :shop, a: get("A", :integer), b: get("NOT_IMPORTED_AT_ARITY_1")
                        config :shop, c: E.fetch!("C"), d: Shop.Env.get("D"), e: E.other("X", "E"), f: E.cast("F", 1)
                        """);
        List<EnvRead> reads = ConfigTimeline.of(project, "prod").envReads();
        assertEquals(List.of("A", "C", "D"), reads.stream().map(EnvRead::variable).toList());
    }

    // ---- what a read's value becomes ----

    private static EnvRead read(ConfigTimeline timeline, String variable) {
        return timeline.envReads().stream().filter(read -> variable.equals(read.variable())).findFirst().orElseThrow();
    }

    /** The keys a read feeds, each "app subject keys replaced?", or null when the model cannot follow it. */
    private static List<String> fed(ConfigTimeline timeline, String variable) {
        List<ConfigTimeline.FedKey> keys = timeline.keysFedBy(read(timeline, variable));
        return keys == null ? null : keys.stream().map(key -> key.call().app() + " " + key.call().subject() + " "
                + String.join(".", key.keys()) + (timeline.replacedLater(key) ? " replaced" : " kept")).toList();
    }

    @Test
    void aReadInAKeywordListBoundToAVariableFeedsTheKeyItHoldsThere() {
        ConfigTimeline prod = ConfigTimeline.of(project(
                "config/config.exs", """
                        import Config
                        database_username = System.get_env("DB_USER") || "shop"
                        database_options = [
                          username: database_username,
                          password: System.get_env("DB_PASSWORD", nil)
                        ]
                        config :shop, Shop.Repo, database_options
                        """), "prod");
        assertEquals(List.of("shop Shop.Repo username kept"), fed(prod, "DB_USER"));
        assertEquals(List.of("shop Shop.Repo password kept"), fed(prod, "DB_PASSWORD"));
    }

    @Test
    void aReadFeedsTheInnermostKeyOfItsCallAndIsReplacedOnlyWhenThatKeyIsSetAgain() {
        ConfigTimeline prod = ConfigTimeline.of(project(
                "config/config.exs", """
                        import Config
                        config :shop, Shop.Graph,
                          applications: [entra: [client_id: System.get_env("ENTRA_ID"), secret: System.get_env("ENTRA_SECRET")]],
                          token_url: System.get_env("TOKEN_URL")
                        config :shop, :stripe, api_key: System.get_env("STRIPE")
                        config :shop, :region, System.get_env("REGION")
                        config :logger, level: System.get_env("LOG_LEVEL", "info") |> String.to_atom()
                        import_config "#{config_env()}.exs"
                        """,
                "config/prod.exs", "import Config\nconfig :logger, level: :info\nconfig :shop, stripe: [api_key: nil]\n",
                "config/runtime.exs", """
                        import Config
                        if config_env() == :prod do
                          config :shop, Shop.Graph, applications: [entra: [client_id: System.fetch_env!("ID")]]
                          config :shop, :region, "eu"
                        end
                        if System.get_env("OVERRIDE") do
                          config :shop, Shop.Graph, token_url: "x"
                        end
                        """), "prod");
        assertEquals(List.of("shop Shop.Graph applications.entra.client_id replaced"), fed(prod, "ENTRA_ID"));
        assertEquals(List.of("shop Shop.Graph applications.entra.secret kept"), fed(prod, "ENTRA_SECRET"));
        assertEquals(List.of("shop Shop.Graph token_url kept"), fed(prod, "TOKEN_URL"), "set again only maybe");
        assertEquals(List.of("shop stripe api_key replaced"), fed(prod, "STRIPE"));
        assertEquals(List.of("shop region  replaced"), fed(prod, "REGION"));
        assertEquals(List.of("logger null level replaced"), fed(prod, "LOG_LEVEL"));
    }

    @Test
    void aBoundReadFeedsTheKeysOfTheCallsThatUseTheVariable() {
        ConfigTimeline prod = ConfigTimeline.of(project(
                "config/config.exs", "import Config\nimport_config \"#{config_env()}.exs\"\n",
                "config/prod.exs", """
                        import Config
                        database_url = System.get_env("DATABASE_URL")
                        pool = String.to_integer(System.get_env("POOL") || "10")
                        ssl = System.get_env("SSL")
                        debug = System.get_env("DEBUG")
                        unused = System.get_env("UNUSED")
                        config :shop, Shop.Repo, url: database_url, pool_size: pool
                        config :shop, :cache, size: pool
                        if ssl, do: config(:shop, :ssl, true)
                        if config_env() == :dev do
                          config :shop, :debug, debug
                        end
                        """,
                "config/runtime.exs", "import Config\nconfig :shop, Shop.Repo, url: System.fetch_env!(\"DATABASE_URL\")\n"),
                "prod");
        assertEquals(List.of("shop Shop.Repo url replaced"), fed(prod, "DATABASE_URL"));
        assertEquals(List.of("shop Shop.Repo pool_size kept", "shop cache size kept"), fed(prod, "POOL"));
        assertNull(fed(prod, "SSL"), "a condition decides with it");
        assertEquals(List.of(), fed(prod, "DEBUG"), "used only in a branch prod never takes");
        assertEquals(List.of(), fed(prod, "UNUSED"));
    }

    @Test
    void systemReachedThroughImportOrAliasAndApplicationConfigAreReads() {
        ConfigTimeline prod = ConfigTimeline.of(project(
                "config/config.exs", """
                        import Config
                        import System, only: [get_env: 1]
                        alias System, as: Sys
                        config :shop, a: get_env("A"), b: Sys.fetch_env!("B"), c: fetch_env("C")
                        config :shop, from: Application.get_env(:shop, :mailer_from)
                        """), "prod");
        assertEquals(List.of("get_env(\"A\")", "Sys.fetch_env!(\"B\")", "Application.get_env(:shop, :mailer_from)"),
                prod.envReads().stream().map(read -> read.file().tree().text(read.call())).toList());
        assertEquals(List.of(false, false, true), prod.envReads().stream().map(EnvRead::readsAppConfig).toList());
    }

    @Test
    void buildTimeTimelineStopsBeforeTheRuntimeConfig() {
        ProjectContext project = project(
                "config/config.exs", "import Config\nconfig :shop, ShopWeb.Endpoint, force_ssl: [hsts: true]\n",
                "config/runtime.exs", "import Config\nconfig :shop, ShopWeb.Endpoint, force_ssl: [hsts: false]\n");
        ConfigTimeline build = ConfigTimeline.buildTime(project, "prod");
        assertEquals("true", effective(build, "shop", "ShopWeb.Endpoint", "force_ssl", "hsts"));
        assertEquals("false", effective(ConfigTimeline.prod(project), "shop", "ShopWeb.Endpoint", "force_ssl", "hsts"));
    }

    @Test
    void aWholeKeySetWithAValueOtherThanAKeywordListIsTheCallsKeyedValue() {
        ConfigTimeline prod = ConfigTimeline.forEnv(project("config/config.exs", """
                import Config
                config :shop, :token_signing_secret, System.get_env("TOKEN_SIGNING_SECRET") || "dev"
                config :shop, :repos, [Shop.Repo]
                config :shop, Shop.Mailer, adapter: Swoosh.Adapters.Local
                config :shop, :limits, max: 3
                """), "prod");
        List<ConfigCall> calls = prod.calls();
        assertEquals("System.get_env(\"TOKEN_SIGNING_SECRET\") || \"dev\"",
                calls.get(0).tree().text(calls.get(0).keyedValue()));
        assertNull(calls.get(1).keyedValue(), "a list");
        assertNull(calls.get(2).keyedValue(), "keyword pairs of a module");
        assertNull(calls.get(3).keyedValue(), "keyword pairs of a key");
    }
}
