package dev.gotchals.model.project;

import dev.gotchals.model.config.ConfigProject;
import dev.gotchals.model.project.AppEnvReads.Kind;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.FileRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppEnvReadsTest {
    @TempDir
    Path dir;

    private ProjectContext project() {
        return ConfigProject.open(dir, Map.of(
                "lib/shop/feature.ex", """
                        defmodule Shop.Feature do
                          @enabled Application.compile_env(:shop, [:feature, :enabled], false)
                          @endpoint Application.compile_env!(:shop, ShopWeb.Endpoint)

                          def enabled?, do: @enabled
                          def repos, do: Application.fetch_env!(:shop, :ecto_repos)
                          def key, do: Application.get_env(:stripity_stripe, :api_key) || System.get_env!("STRIPE_KEY")
                          def app, do: Application.get_env(app_name(), :key)
                        end
                        """,
                "config/runtime.exs", "import Config\nconfig :shop, key: System.get_env!(\"KEY\")\n"));
    }

    private static String describe(AppEnvReads.Read read) {
        return read.app() + " " + read.key() + " " + read.kind();
    }

    @Test
    void readsAreFoundInTextOrderWithTheirAppKeyAndTime() {
        assertEquals(List.of("shop feature COMPILE_TIME", "shop ShopWeb.Endpoint COMPILE_TIME", "shop ecto_repos RUNTIME",
                        "stripity_stripe api_key RUNTIME", "null key RUNTIME"),
                AppEnvReads.of(project()).reads().stream().map(AppEnvReadsTest::describe).toList());
    }

    @Test
    void compileTimeReadsAreToldApartPerApp() {
        AppEnvReads reads = AppEnvReads.of(project());
        assertTrue(reads.readsAtCompileTime("shop"));
        assertFalse(reads.readsAtCompileTime("stripity_stripe"));
        assertTrue(reads.reads().stream().allMatch(read -> read.kind() == Kind.COMPILE_TIME
                == read.call().tree().text(read.call().node()).contains("compile_env")));
    }

    @Test
    void remoteCallsAreFoundPerFileRole() {
        RemoteCalls calls = RemoteCalls.of(project());
        assertEquals(List.of("System.get_env!(\"STRIPE_KEY\")"), calls.find(FileRole.ELIXIR_SOURCE, "System", "get_env!")
                .stream().map(call -> call.tree().text(call.node())).toList());
        assertEquals(List.of("System.get_env!(\"KEY\")"), calls.find(FileRole.CONFIG, "System", "get_env!")
                .stream().map(call -> call.tree().text(call.node())).toList());
        assertEquals(List.of(), calls.find(FileRole.CONFIG, "Application", "compile_env"));
    }

    @Test
    void compileTimeReadsAreToldApartPerKey() {
        AppEnvReads reads = AppEnvReads.of(project());
        assertTrue(reads.readsAtCompileTime("shop", "feature", null));
        assertTrue(reads.readsAtCompileTime("shop", "ShopWeb.Endpoint", null));
        assertFalse(reads.readsAtCompileTime("shop", "ecto_repos", null), "read when the code runs");
    }

    @Test
    void aModuleKeyIsReadByNothingWhereNoCodeNamesTheModuleItself() {
        Map<String, String> files = new java.util.HashMap<>(Map.of(
                "mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [app: :shop, version: \"0.1.0\"]\nend\n",
                "lib/shop_web/endpoint.ex", """
                        defmodule ShopWeb.Endpoint do
                          use Phoenix.Endpoint, otp_app: :shop
                          plug Phoenix.Ecto.CheckRepoStatus, otp_app: :shop, repo: Shop.Repo
                        end
                        """));
        assertTrue(AppEnvReads.of(ConfigProject.open(dir, files)).moduleKeyReadByNothing("shop", "Shop.Endpoint"),
                "Shop. and Endpoint apart, in ShopWeb.Endpoint and Shop.Repo, do not name Shop.Endpoint");
        files.put("lib/shop/tasks.ex", "defmodule Shop.Tasks do\n  alias Shop.{Repo, Endpoint}\n"
                + "  def url, do: Endpoint.url()\nend\n");
        assertFalse(AppEnvReads.of(ConfigProject.open(dir, files)).moduleKeyReadByNothing("shop", "Shop.Endpoint"),
                "a multi-alias names it");
        files.put("lib/shop/tasks.ex", "defmodule Shop.Tasks do\n  # Shop.Endpoint.broadcast(\"users_socket:1\", \"disconnect\", %{})\n"
                + "  def url, do: ShopWeb.Endpoint.url()\nend\n");
        assertTrue(AppEnvReads.of(ConfigProject.open(dir, files)).moduleKeyReadByNothing("shop", "Shop.Endpoint"),
                "a comment names nothing");
        files.remove("lib/shop/tasks.ex");
        files.put("lib/shop/endpoint.ex", "defmodule Shop do\n  defmodule Endpoint do\n  end\nend\n");
        assertFalse(AppEnvReads.of(ConfigProject.open(dir, files)).moduleKeyReadByNothing("shop", "Shop.Endpoint"),
                "a nested definition defines it");
    }

    @Test
    void keysOfTheOwnAppThatOnlyMixTasksAndMixExsReadAreBuildToolKeys() {
        AppEnvReads reads = AppEnvReads.of(ConfigProject.open(dir, Map.of(
                "lib/mix/tasks/shop.seed.ex", """
                        defmodule Mix.Tasks.Shop.Seed do
                          use Mix.Task
                          def run(_), do: {Application.get_env(:shop, :seed_count), Application.get_env(:shop, :region),
                                           Application.get_env(:sentry, :dsn), Application.get_env(:shop, :pow)}
                        end
                        """,
                "lib/shop/region.ex", "defmodule Shop.Region do\n  def name, do: Application.get_env(:shop, :region)\nend\n")));
        assertTrue(reads.readOnlyByBuildTools("shop", "seed_count"));
        assertFalse(reads.readOnlyByBuildTools("shop", "region"), "lib/shop/region.ex reads it in the release");
        assertFalse(reads.readOnlyByBuildTools("sentry", "dsn"), "the library reads its own config at runtime");
        assertFalse(reads.readOnlyByBuildTools("shop", "other"), "no Mix task reads it: nothing says it is a build key");
    }

    @Test
    void aReadWhoseAppIsNotLiteralReadsOnlyTheKeyItNames() {
        AppEnvReads reads = AppEnvReads.of(ConfigProject.open(dir, Map.of(
                "mix.exs", """
                        defmodule Shop.MixProject do
                          use Mix.Project
                          def project, do: [app: :shop, version: "0.1.0", aliases: [deploy: &deploy/1]]

                          def deploy(_) do
                            Mix.Task.run("app.config")
                            Mix.Shell.IO.cmd("flyctl deploy --build-secret KEY=#{Application.get_env(:shop, :license_key)}")
                          end
                        end
                        """,
                "lib/shop/release.ex", """
                        defmodule Shop.Release do
                          @app :shop
                          def repos, do: Application.fetch_env!(@app, :ecto_repos)
                        end
                        """)));
        assertTrue(reads.readOnlyByBuildTools("shop", "license_key"), "Shop.Release reads only :ecto_repos");
        assertFalse(reads.readOnlyByBuildTools("shop", "ecto_repos"));
    }

    @Test
    void aReadWhoseAppOrKeyIsNotLiteralMayReadAnyKey() {
        AppEnvReads reads = AppEnvReads.of(ConfigProject.open(dir, Map.of(
                "lib/mix/tasks/shop.seed.ex", """
                        defmodule Mix.Tasks.Shop.Seed do
                          def run(_), do: Application.get_env(:shop, :seed_count)
                        end
                        """,
                "lib/shop/settings.ex", "defmodule Shop.Settings do\n  def get(key), do: Application.get_env(:shop, key)\nend\n")));
        assertFalse(reads.readOnlyByBuildTools("shop", "seed_count"));
    }

    @Test
    void aKeyOfTheOwnAppThatNoCodeReadsNamesOrCouldReadIsReadByNothing() {
        AppEnvReads reads = AppEnvReads.of(ConfigProject.open(dir, Map.of(
                "mix.exs", """
                        defmodule Shop.MixProject do
                          use Mix.Project
                          def project, do: [app: :shop, version: "0.1.0", deps: [{:pow, "~> 1.0"}]]
                        end
                        """,
                "config/config.exs", """
                        import Config
                        config :shop, bot_token: "x", region: "eu", basic_auth: [], pow: [], mailer: nil
                        config :shop, :copy, Application.get_env(:shop, :mailer)
                        config :shop, :hubspot, client_id: "x"
                        """,
                "lib/shop/region.ex", """
                        defmodule Shop.Region do
                          def name, do: Application.get_env(:shop, :region)
                          plug BasicAuth, use_config: {:shop, :basic_auth}
                          plug Pow.Plug.Session, otp_app: :shop
                        end
                        """,
                "lib/shop_web/router.ex", """
                        defmodule ShopWeb.Router do
                          use Phoenix.Router
                          post "/webhooks/hubspot", ShopWeb.WebhookController, :hubspot
                          live("/bot", BotLive, :bot_token)
                        end
                        """)));
        assertTrue(reads.readByNothing("shop", "bot_token"), "a live action of that name is no key");
        assertTrue(reads.readByNothing("shop", "hubspot"), "a route's action names a controller function");
        assertFalse(reads.readByNothing("shop", "region"), "lib/shop/region.ex reads it");
        assertFalse(reads.readByNothing("shop", "basic_auth"), "named in the code: the plug reads it");
        assertFalse(reads.readByNothing("shop", "pow"), "the pow dependency reads it through otp_app");
        assertFalse(reads.readByNothing("shop", "mailer"), "config.exs reads it");
        assertFalse(reads.readByNothing("sentry", "dsn"), "a library's own config is read where it cannot be seen");
    }

    @Test
    void aDependencyCalledLikeTheKeyReadsItOnlyWhereTheCodeUsesIt() {
        Map<String, String> files = new java.util.HashMap<>(Map.of(
                "mix.exs", """
                        defmodule Shop.MixProject do
                          use Mix.Project
                          def project, do: [app: :shop, version: "0.1.0", deps: [{:basic_auth, "~> 2.2"}, {:httpoison, "~> 2.0"}]]
                        end
                        """,
                "config/config.exs", "import Config\nconfig :shop, basic_auth: [password: \"p\"], httpoison: [timeout: 5]\n",
                "lib/shop_web/router.ex", """
                        defmodule ShopWeb.Router do
                          use Phoenix.Router
                          # plug Plug.BasicAuth could protect the dashboard
                          def fetch(url), do: HTTPoison.get(url)
                        end
                        """));
        AppEnvReads reads = AppEnvReads.of(ConfigProject.open(dir.resolve("unused"), files));
        assertTrue(reads.readByNothing("shop", "basic_auth"), "no code calls the basic_auth library (Plug.BasicAuth is Plug's)");
        assertFalse(reads.readByNothing("shop", "httpoison"), "the code calls HTTPoison, which may be told the key");
        files.put("lib/shop_web/router.ex", "defmodule ShopWeb.Router do\n  import BasicAuth\nend\n");
        assertFalse(AppEnvReads.of(ConfigProject.open(dir.resolve("used"), files)).readByNothing("shop", "basic_auth"));
    }

    @Test
    void aHelperReadsTheKeysTheCodeNamesAndAnyWhereItMakesAtomsOrIsOutOfSight() {
        String mix = "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop]\nend\n";
        String helper = "defmodule Shop.Settings do\n  def get(key), do: Application.get_env(:shop, key)\nend\n";
        assertTrue(AppEnvReads.of(ConfigProject.open(dir.resolve("helper"), Map.of("mix.exs", mix,
                "lib/shop/settings.ex", helper))).readByNothing("shop", "bot_token"), "nothing passes :bot_token to it");
        assertFalse(AppEnvReads.of(ConfigProject.open(dir.resolve("named"), Map.of("mix.exs", mix,
                "lib/shop/settings.ex", helper, "lib/shop/bot.ex",
                "defmodule Shop.Bot do\n  def token, do: Shop.Settings.get(:bot_token)\nend\n")))
                .readByNothing("shop", "bot_token"));
        assertFalse(AppEnvReads.of(ConfigProject.open(dir.resolve("atoms"), Map.of("mix.exs", mix,
                "lib/shop/settings.ex", helper, "lib/shop/bot.ex",
                "defmodule Shop.Bot do\n  def value(name), do: Shop.Settings.get(String.to_atom(name))\nend\n")))
                .readByNothing("shop", "bot_token"), "atoms made of text may name any key");
        assertFalse(AppEnvReads.of(ConfigProject.open(dir.resolve("unseen"), Map.of("mix.exs", mix)))
                .readByNothing("shop", "bot_token"), "no code in sight");
    }

    @Test
    void aPipedAppIsTheFirstArgumentAndWholeConfigReadsCountForTheAppTheyName() {
        AppEnvReads reads = AppEnvReads.of(ConfigProject.open(dir, Map.of(
                "mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop]\nend\n",
                "lib/shop/oauth.ex", """
                        defmodule Shop.OAuth do
                          def config, do: :shop |> Application.get_env(:oauth) |> Keyword.fetch!(:client_id)
                          def tags, do: Application.get_all_env(:phoenix_meta_tags)
                          def own(app), do: app |> Application.get_env(__MODULE__, [])
                        end
                        """)));
        assertEquals(List.of("shop oauth RUNTIME", "null Shop.OAuth RUNTIME"),
                reads.reads().stream().map(AppEnvReadsTest::describe).toList());
        assertFalse(reads.readByNothing("shop", "oauth"));
        assertTrue(reads.readByNothing("shop", "bot_token"),
                "get_all_env reads only :phoenix_meta_tags, and __MODULE__ names a module, not this key");
    }

    @Test
    void aReadOfTheModulesOwnNameIsOfThatKey() {
        ProjectContext project = ConfigProject.open(dir, Map.of("lib/shop_web/oauth/discord.ex", """
                defmodule ShopWeb.OAuth.Discord do
                  @client_id Application.get_env(:shop, __MODULE__)[:client_id]

                  def authorize_url, do: "https://discord.com/oauth2/authorize?client_id=#{@client_id}"
                end
                """, "config/config.exs", "import Config\n"));
        AppEnvReads reads = AppEnvReads.of(project);
        assertEquals(List.of("shop ShopWeb.OAuth.Discord RUNTIME"), reads.reads().stream().map(AppEnvReadsTest::describe).toList());
        assertEquals("into @client_id", AppEnvReads.compiledIn(
                reads.onlyReadWhenCompiling("shop", "ShopWeb.OAuth.Discord").call()));
    }
    @Test
    void anOptionOfAUseIsReadWhereverItsMacroPutsIt() {
        ProjectContext project = ConfigProject.open(dir, Map.of("lib/shop/consumer.ex", """
                defmodule Shop.Consumer do
                  use Tackle.Consumer,
                    url: Application.get_env(:shop, :amqp_url),
                    exchange: "orders"

                  plug Shop.Limit, per_minute: Application.fetch_env!(:shop, :limit)
                end
                """, "config/config.exs", "import Config\n"));
        AppEnvReads reads = AppEnvReads.of(project);
        assertNull(reads.onlyReadWhenCompiling("shop", "amqp_url"),
                "the macro may place the option in a function it defines (Tackle's init/1 does)");
        assertEquals("in the body of Shop.Consumer (outside any function)", AppEnvReads.compiledIn(
                reads.onlyReadWhenCompiling("shop", "limit").call()), "a plug's options are fixed when it compiles");
    }

    @Test
    void aReadBoundToAVariableTakesTheSettingsTheFunctionLooksUpInIt() {
        String mix = """
                defmodule Shop.MixProject do
                  use Mix.Project
                  def project, do: [app: :shop, version: "0.1.0", deps: [{:bamboo, "~> 2.0"}]]
                end
                """;
        String code = """
                defmodule Shop.Emails do
                  def from do
                    conf = Application.get_env(:shop, Shop.Mailer)
                    {conf[:from], Keyword.get(conf, :name, "Shop")}
                  end

                  def token(opts) do
                    case Application.get_env(:shop, Shop.Instagram) do
                      nil -> {:error, :unconfigured}
                      config -> Keyword.fetch(config, :access_token)
                    end
                  end
                end
                """;
        AppEnvReads reads = AppEnvReads.of(ConfigProject.open(dir, Map.of("mix.exs", mix,
                "config/config.exs", "import Config\n", "lib/shop/emails.ex", code)));
        assertTrue(reads.settingReadByNothing("shop", "Shop.Mailer", List.of("reply_to")));
        assertFalse(reads.settingReadByNothing("shop", "Shop.Mailer", List.of("from")));
        assertFalse(reads.settingReadByNothing("shop", "Shop.Mailer", List.of("name")));
        assertTrue(reads.settingReadByNothing("shop", "Shop.Instagram", List.of("client_id")));
        assertFalse(reads.settingReadByNothing("shop", "Shop.Instagram", List.of("access_token")));

        reads = AppEnvReads.of(ConfigProject.open(dir, Map.of("mix.exs", mix, "config/config.exs", "import Config\n",
                "lib/shop/emails.ex", code.replace("{conf[:from], Keyword.get(conf, :name, \"Shop\")}",
                        "Shop.Sender.with(conf)"),
                "lib/shop/mailer.ex", "defmodule Shop.Instagram do\n  use Shop.Client, otp_app: :shop\nend\n")));
        assertFalse(reads.settingReadByNothing("shop", "Shop.Mailer", List.of("reply_to")),
                "the whole list is passed on: any setting may be read");
        assertFalse(reads.settingReadByNothing("shop", "Shop.Instagram", List.of("client_id")),
                "a library is handed the module's config");
    }
}
