package dev.gotchals.rules;

import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.Severity;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.TextDocument;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HardcodedSecretRuleTest {
    private static final String CONFIG = """
            import Config

            config :shop, ecto_repos: [Shop.Repo]

            config :shop, ShopWeb.Endpoint,
              url: [host: "localhost"],
              live_view: [signing_salt: "E2qJ2kQ6"]

            import_config "#{config_env()}.exs"
            """;

    private static final String RUNTIME = """
            import Config

            if System.get_env("PHX_SERVER") do
              config :shop, ShopWeb.Endpoint, server: true
            end

            if config_env() == :prod do
              database_url =
                System.get_env("DATABASE_URL") ||
                  raise \"""
                  environment variable DATABASE_URL is missing.
                  For example: ecto://USER:PASS@HOST/DATABASE
                  \"""

              config :shop, Shop.Repo, url: database_url

              secret_key_base =
                System.get_env("SECRET_KEY_BASE") ||
                  raise \"""
                  environment variable SECRET_KEY_BASE is missing.
                  You can generate one by calling: mix phx.gen.secret
                  \"""

              config :shop, ShopWeb.Endpoint, secret_key_base: secret_key_base
            end
            """;

    private static final String RUNTIME_WITHOUT_SECRET_KEY_BASE = """
            import Config

            if config_env() == :prod do
              config :shop, Shop.Repo, url: System.fetch_env!("DATABASE_URL")
            end
            """;

    /** A deployment in sight: literals shared with dev and test only count where something is deployed. */
    private static final String FLY = "app = \"shop\"\n";

    @TempDir
    Path dir;

    private static Finding only(List<Finding> findings) {
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }

    private List<Finding> check(ProjectFixture fixture) {
        return fixture.check(new HardcodedSecretRule());
    }

    // ------------------------------------------------------------------ literals in config

    @Test
    void aLiteralJoinedWithTheMixEnvironmentIsAsCommittedAsTheLiteral() {
        // Guardian signs the app's tokens with "prodSuPerseCret_aBraCadabrA" in production: the build fixes Mix.env.
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG.replace("import_config",
                        "config :guardian, Guardian, secret_key: to_string(Mix.env) <> \"SuPerseCret_aBraCadabrA\"\n\nimport_config"))
                .with("config/prod.exs", "import Config\n")
                .with("fly.toml", FLY);
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("to_string(Mix.env) <> \"SuPerseCret_aBraCadabrA\"", ProjectFixture.covered(findings.get(0)));
        assertTrue(findings.get(0).message().contains("is a literal joined with the Mix environment"),
                findings.get(0).message());

        project.with("config/config.exs", CONFIG.replace("import_config", "config :guardian, Guardian, "
                + "secret_key: to_string(Mix.env) <> System.get_env(\"GUARDIAN_SUFFIX\", \"\")\n\nimport_config"));
        assertEquals(List.of(), check(project), "a part read from the environment is not fixed");
    }

    @Test
    void aTestModeKeyIsReportedForTheProductionThatRunsWithItNotAsALeak() {
        // A Stripe test key reaches the account's test data only; what goes wrong is a production that keeps it.
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG.replace("import_config",
                        "config :stripity_stripe, api_key: \"sk_test_4eC39HqLyjWDarjtT1zdp7dc\"\n\nimport_config"))
                .with("config/prod.exs", "import Config\n");
        assertEquals(List.of(), check(project), "a demo that shows no production: nothing real behind the key");

        project.with("fly.toml", FLY);
        Finding finding = only(check(project));
        assertEquals("\"sk_test_4eC39HqLyjWDarjtT1zdp7dc\"", ProjectFixture.covered(finding));
        assertEquals("`api_key` of :stripity_stripe in config/config.exs is Stripe's test-mode key, and nothing replaces "
                + "it for production: the app runs against the test mode, where no payment is real, instead of with "
                + "the live key.", finding.message());

        project.with("config/config.exs", CONFIG.replace("import_config",
                "config :stripity_stripe, api_key: \"sk_live_4eC39HqLyjWDarjtT1zdp7dc\"\n\nimport_config"));
        assertTrue(only(check(project)).message().contains("so the production secret lives in the source tree"),
                "a live key is the production secret");
    }

    @Test
    void aValueThatSaysTheSettingNeedsNoSecretIsNoFindingUnlessTheAppSignsWithIt() {
        // elpassion/buildel: `config :qdrant, api_key: "doesntmatter"` for a Qdrant that takes no key.
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\n")
                .with("config/runtime.exs", RUNTIME + """

                        if config_env() == :prod do
                          config :qdrant, port: 6333, database_url: System.get_env("QDRANT_DATABASE_URL"),
                            api_key: "doesntmatter"
                          config :shop, :search, token: "Unused"
                        end
                        """);
        assertEquals(List.of(), check(project));

        project.with("config/runtime.exs", RUNTIME + """

                if config_env() == :prod do
                  config :shop, Shop.Guardian, secret_key: "doesntmatter"
                end
                """).with("lib/shop/guardian.ex", "defmodule Shop.Guardian do\n  use Guardian, otp_app: :shop\nend\n");
        assertTrue(only(check(project)).message().contains("placeholder `doesntmatter`"),
                "a key the app signs with is forged with the value anyone reads");
    }

    @Test
    void aSecretInsideAMapOfTheConfigIsAsCommitted() {
        String config = CONFIG.replace("import_config", """
                config :shop, :routing_api,
                  routing: %{api_key: "bdde8760-90de-48a9-8d9d-bc61b25ffb56", max_walk_distance: "500"},
                  base_url: "https://api.example.net"

                import_config""");
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", config)
                .with("config/prod.exs", "import Config\n")
                .with("lib/shop/routing.ex", "defmodule Shop.Routing do\n"
                        + "  def key, do: Application.get_env(:shop, :routing_api)[:routing].api_key\nend\n")
                .with("fly.toml", FLY);
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("\"bdde8760-90de-48a9-8d9d-bc61b25ffb56\"", ProjectFixture.covered(findings.get(0)));

        project.with("config/dev.exs", "import Config\n").with("config/prod.exs",
                "import Config\nconfig :shop, :routing_api, routing: %{api_key: System.fetch_env!(\"ROUTING_KEY\")}\n");
        assertEquals(List.of(), check(project), "prod config replaces the whole map: a development default");
    }

    @Test
    void aSecretTheBuildScriptGivesMixReleaseIsCommittedAndBakedIn() {
        String secretExs = "import Config\nconfig :shop, ShopWeb.Endpoint, secret_key_base: System.get_env(\"SECRET_KEY_BASE\")\n";
        String build = "mix phx.digest\nSECRET_KEY_BASE=RxqEYVZt32vZSeOvkFxqla6N0tZG7XlZRh3uioCu8+p2suUMck93Lo6Y7JTaXyS7 \\\n"
                + "MIX_ENV=prod PORT=3456 mix release --overwrite\n";
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", secretExs)
                .with("build.sh", build);
        Finding finding = only(check(project));
        assertEquals("SECRET_KEY_BASE=RxqEYVZt32vZSeOvkFxqla6N0tZG7XlZRh3uioCu8+p2suUMck93Lo6Y7JTaXyS7",
                ProjectFixture.covered(finding));
        assertTrue(finding.message().startsWith("SECRET_KEY_BASE in build.sh is a literal value that `mix release` is "
                + "built with, and config/prod.exs reads it while the release is built"), finding.message());

        project.with("config/prod.exs", "import Config\n").with("config/runtime.exs", "import Config\n"
                + "config :shop, ShopWeb.Endpoint, secret_key_base: System.fetch_env!(\"SECRET_KEY_BASE\")\n");
        assertEquals(List.of(), check(project), "no config the build evaluates reads it: the literal reaches no release");
    }

    @Test
    void secretKeyBaseOfAnEndpointThatSignsNothingIsNoLeak() {
        String apiEndpoint = """
                defmodule ShopWeb.Endpoint do
                  use Phoenix.Endpoint, otp_app: :shop
                  plug Plug.Parsers, parsers: [:json], json_decoder: Jason
                  plug ShopWeb.Router
                end
                """;
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", """
                        import Config
                        config :shop, ShopWeb.Endpoint,
                          secret_key_base: "Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3oQ6iV0yN2xW4rS7tC9lJ5hP1d"
                        """)
                .with("config/runtime.exs", RUNTIME_WITHOUT_SECRET_KEY_BASE)
                .with("lib/shop_web/endpoint.ex", apiEndpoint);
        assertEquals(List.of(), check(project), "a JSON API: no session, LiveView or token signs with the key");

        project.with("lib/shop_web/endpoint.ex", apiEndpoint.replace("  plug ShopWeb.Router",
                "  plug Plug.Session, store: :cookie, key: \"_shop_key\", signing_salt: \"salt\"\n  plug ShopWeb.Router"));
        assertEquals(1, check(project).size(), "the cookie session is signed with the committed key");
    }

    @Test
    void aCommittedSecretKeyBaseOfAnAppThatKeepsNothingOfItsVisitorsIsInformation() {
        String endpoint = """
                defmodule ShopWeb.Endpoint do
                  use Phoenix.Endpoint, otp_app: :shop
                  plug Plug.Session, store: :cookie, key: "_shop_key", signing_salt: "salt"
                  plug ShopWeb.Router
                end
                """;
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", """
                        import Config
                        config :shop, ShopWeb.Endpoint,
                          secret_key_base: "Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3oQ6iV0yN2xW4rS7tC9lJ5hP1d"
                        """)
                .with("config/runtime.exs", RUNTIME_WITHOUT_SECRET_KEY_BASE)
                .with("lib/shop_web/endpoint.ex", endpoint);
        Finding finding = check(project).get(0);
        assertEquals(Severity.INFO, finding.severity(), "the session holds only its CSRF token");
        assertTrue(finding.message().contains("keeps nothing of its visitors in the session"), finding.message());

        project.with("lib/shop_web/user_auth.ex", "defmodule ShopWeb.UserAuth do\n"
                + "  def log_in(conn, user), do: Plug.Conn.put_session(conn, :user_id, user.id)\nend\n");
        assertEquals(Severity.ERROR, check(project).get(0).severity(), "the session says who the visitor is");

        project.with("lib/shop_web/user_auth.ex", "defmodule ShopWeb.UserAuth do\n"
                + "  def user_id(conn), do: get_session(conn, :user_id)\nend\n");
        assertEquals(Severity.ERROR, check(project).get(0).severity(), "what the app reads from it, it trusts");

        project.with("lib/shop_web/user_auth.ex", "defmodule ShopWeb.UserAuth do\nend\n")
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [app: :shop, version: \"0.1.0\", deps: [{:ueberauth_github, \"~> 0.8\"}]]\nend\n");
        assertEquals(Severity.ERROR, check(project).get(0).severity(), "a sign-in package writes the session itself");
    }

    @Test
    void secretKeyBaseOfAnEndpointProductionNeverServesSignsOnlyWhatIsSignedWithoutRequests() {
        String endpoint = """
                defmodule ShopWeb.EmailEndpoint do
                  use Phoenix.Endpoint, otp_app: :shop
                  plug Plug.Session, store: :cookie, key: "_mail_key", signing_salt: "salt"
                end
                """;
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", """
                        import Config
                        config :shop, ShopWeb.EmailEndpoint,
                          server: false,
                          secret_key_base: "Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3oQ6iV0yN2xW4rS7tC9lJ5hP1d"
                        """)
                .with("config/runtime.exs", RUNTIME)
                .with("lib/shop_web/email_endpoint.ex", endpoint);
        assertEquals(List.of(), check(project), "server: false: its session never sees a request");

        project.with("lib/shop/mailer.ex", "defmodule Shop.Mailer do\n"
                + "  def link(id), do: Phoenix.Token.sign(ShopWeb.EmailEndpoint, \"unsubscribe\", id)\nend\n");
        assertEquals(1, check(project).size(), "a token signed with its key needs no request");

        project.with("lib/shop/mailer.ex", "defmodule Shop.Mailer do\nend\n")
                .with("config/prod.exs", """
                        import Config
                        config :shop, ShopWeb.EmailEndpoint,
                          secret_key_base: "Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3oQ6iV0yN2xW4rS7tC9lJ5hP1d"
                        """);
        assertEquals(1, check(project).size(), "nothing says it is not served");
    }

    @Test
    void literalSecretKeyBaseInProdExsMovesIntoTheRuntimeProdBlock() throws IOException {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", """
                        import Config

                        config :shop, ShopWeb.Endpoint,
                          cache_static_manifest: "priv/static/cache_manifest.json",
                          secret_key_base: "Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3oQ6iV0yN2xW4rS7tC9lJ5hP1d"

                        config :logger, level: :info
                        """)
                .with("config/runtime.exs", RUNTIME_WITHOUT_SECRET_KEY_BASE);
        List<Finding> findings = check(project);

        assertEquals(1, findings.size(), findings.toString());
        Finding finding = findings.get(0);
        assertEquals("GT005", finding.rule().id());
        assertTrue(ProjectFixture.covered(finding).startsWith("\"Zq8v"));
        assertEquals("`secret_key_base` for ShopWeb.Endpoint in config/prod.exs is a literal value, so the production "
                + "secret lives in the source tree and ships with every build.", finding.message());
        assertFalse(finding.message().contains("Zq8v"), "the message never shows the secret");
        Fix fix = finding.fixes().get(0);
        assertFalse(fix.safe(), "the variable must be set where the app runs");
        assertEquals("""
                import Config

                config :shop, ShopWeb.Endpoint,
                  cache_static_manifest: "priv/static/cache_manifest.json"

                config :logger, level: :info
                """, ProjectFixture.afterFix(fix, dir.resolve("config/prod.exs")));
        assertEquals("""
                import Config

                if config_env() == :prod do
                  config :shop, Shop.Repo, url: System.fetch_env!("DATABASE_URL")

                  config :shop, ShopWeb.Endpoint, secret_key_base: System.fetch_env!("SECRET_KEY_BASE")
                end
                """, ProjectFixture.afterFix(fix, dir.resolve("config/runtime.exs")));
        assertConverges(fix);
    }

    @Test
    void aCallHoldingOnlyTheSecretMovesWholeWithItsCommentAndCreatesRuntimeExs() throws IOException {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", """
                        import Config

                        config :logger, level: :info

                        # Payments provider
                        config :shop, :stripe,
                          api_key: "sk_live_abcdefghijklmnop"

                        config :shop, :feature_flags, beta: false
                        """);
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        Fix fix = findings.get(0).fixes().get(0);
        assertEquals("Move `api_key` to config/runtime.exs and read STRIPE_API_KEY with System.fetch_env!/1", fix.title());
        assertEquals("""
                import Config

                config :logger, level: :info

                config :shop, :feature_flags, beta: false
                """, ProjectFixture.afterFix(fix, dir.resolve("config/prod.exs")));
        Fix.CreateFile created = fix.changes().stream().filter(Fix.CreateFile.class::isInstance)
                .map(Fix.CreateFile.class::cast).findFirst().orElseThrow();
        assertEquals(dir.resolve("config/runtime.exs"), created.path());
        assertEquals("""
                import Config

                if config_env() == :prod do
                  # Payments provider
                  config :shop, :stripe,
                    api_key: System.fetch_env!("STRIPE_API_KEY")
                end
                """, created.content());
        assertConverges(fix);
    }

    @Test
    void repoPasswordAndCredentialUrlsAreNamedAfterTheDatabase() throws IOException {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", """
                        import Config

                        config :shop, Shop.Repo,
                          username: "shop",
                          password: "hunter2",
                          hostname: "db.internal"

                        config :shop, Shop.Cache, url: "redis://:s3cr3t@cache.internal:6379/0"
                        """)
                .with("config/runtime.exs", RUNTIME);
        List<Finding> findings = check(project);
        assertEquals(2, findings.size(), findings.toString());
        Finding password = findings.get(0);
        assertEquals("\"hunter2\"", ProjectFixture.covered(password));
        assertTrue(password.fixes().get(0).title().contains("DATABASE_PASSWORD"), password.fixes().get(0).title());
        assertEquals("""
                import Config

                config :shop, Shop.Repo,
                  username: "shop",
                  hostname: "db.internal"

                config :shop, Shop.Cache, url: "redis://:s3cr3t@cache.internal:6379/0"
                """, ProjectFixture.afterFix(password.fixes().get(0), dir.resolve("config/prod.exs")));
        assertTrue(ProjectFixture.afterFix(password.fixes().get(0), dir.resolve("config/runtime.exs"))
                .contains("  config :shop, ShopWeb.Endpoint, secret_key_base: secret_key_base\n\n"
                        + "  config :shop, Shop.Repo, password: System.fetch_env!(\"DATABASE_PASSWORD\")\nend\n"));

        Finding url = findings.get(1);
        assertEquals("`url` for Shop.Cache in config/prod.exs is a literal URL with an inline password, so the "
                + "production credentials live in the source tree and ship with every build.", url.message());
        assertTrue(url.fixes().get(0).title().contains("CACHE_URL"), url.fixes().get(0).title());
        assertConverges(password.fixes().get(0), 1);
    }

    @Test
    void ectoUrlWithCredentialsInProdIsReportedButNotWithoutAPassword() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", """
                        import Config
                        config :shop, Shop.Repo, url: "ecto://shop:pa55word@db.internal/shop_prod"
                        config :shop, Shop.ReadRepo, url: "ecto://shop@db.internal/shop_prod"
                        config :shop, :docs, url: "https://example.com/docs"
                        config :shop, Shop.Queue, url: "amqp://shop:shop@localhost:5672"
                        """);
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), "a login to a service on the machine itself is a local one: " + findings);
        assertTrue(findings.get(0).fixes().get(0).title().contains("DATABASE_URL"));
    }

    @Test
    void literalInRuntimeExsIsReplacedInPlaceWithANameFromTheEnclosingKey() throws IOException {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG)
                .with("config/runtime.exs", """
                        import Config

                        if config_env() == :prod do
                          config :ex_aws,
                            s3: [
                              access_key_id: "AKIAZQ8V3L0WYW1NX6KR",
                              secret_access_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8v3L0wYw1"
                            ]
                        end
                        """);
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), "access_key_id is an identifier, not a secret: " + findings);
        Finding finding = findings.get(0);
        assertEquals("`secret_access_key` under `s3` in config/runtime.exs is a literal value, so the production "
                + "secret lives in the source tree and ships with every build.", finding.message());
        Fix fix = finding.fixes().get(0);
        assertEquals("Read S3_SECRET_ACCESS_KEY with System.fetch_env!/1", fix.title());
        assertFalse(fix.safe());
        assertTrue(ProjectFixture.afterFix(fix, dir.resolve("config/runtime.exs"))
                .contains("      secret_access_key: System.fetch_env!(\"S3_SECRET_ACCESS_KEY\")\n"));
        assertConverges(fix);

        project.with("config/runtime.exs", """
                import Config
                config :ex_aws, secret_access_key: System.get_env("AWS_SECRET", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
                """);
        assertEquals(List.of(), check(project), "the example key of AWS's documentation is no one's secret");
    }

    @Test
    void aTokenModuleThatAcceptsOnlyPublicKeyAlgorithmsHasNoStringSecret() {
        String config = """
                import Config

                config :shop, Shop.Auth.TokenHandler,
                  issuer: "shop",
                  secret_key: "this_is_a_secret_Zq8v3L0wYw1nX6kR"

                import_config "#{config_env()}.exs"
                """;
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY).with("config/config.exs", config)
                .with("config/prod.exs", "import Config\n")
                .with("config/runtime.exs", RUNTIME + "\nconfig :shop, Shop.Auth.TokenHandler, allowed_algos: [\"RS256\"]\n");
        assertEquals(List.of(), check(project), "RS256 verifies with a public key: a string signs nothing");
        project.with("config/runtime.exs", RUNTIME + "\nconfig :shop, Shop.Auth.TokenHandler, allowed_algos: [\"HS512\", \"RS256\"]\n");
        assertEquals(1, check(project).size(), "HS512 takes the string as its key");
    }

    @Test
    void configExsLiteralWithoutProdOverrideGetsAnOverrideInRuntimeExs() throws IOException {
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("config/config.exs", """
                        import Config

                        config :shop, Shop.Guardian,
                          issuer: "shop",
                          secret_key: "M3kqDUpQvPZFdQ9pPNHWoWcg8X4gvE0k"

                        import_config "#{config_env()}.exs"
                        """)
                .with("config/prod.exs", "import Config\n\nconfig :logger, level: :info\n")
                .with("config/runtime.exs", RUNTIME);
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        Fix fix = findings.get(0).fixes().get(0);
        assertEquals("Set `secret_key` from GUARDIAN_SECRET_KEY in config/runtime.exs for production "
                + "(dev and test keep the literal)", fix.title());
        assertEquals(1, fix.changes().size(), "config.exs stays as it is for dev and test");
        assertTrue(ProjectFixture.afterFix(fix, dir.resolve("config/runtime.exs")).endsWith("""
                  config :shop, ShopWeb.Endpoint, secret_key_base: secret_key_base

                  config :shop, Shop.Guardian, secret_key: System.fetch_env!("GUARDIAN_SECRET_KEY")
                end
                """));
        assertConverges(fix);
    }

    @Test
    void prodExsLiteralThatRuntimeExsOverridesIsSafelyRemoved() throws IOException {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", """
                        import Config

                        config :logger, level: :info

                        config :shop, ShopWeb.Endpoint, secret_key_base: "Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3oQ6iV0yN2"
                        """)
                .with("config/runtime.exs", RUNTIME);
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), "a committed prod secret, even when runtime.exs replaces it: " + findings);
        Fix fix = findings.get(0).fixes().get(0);
        assertTrue(fix.safe(), "production already reads it from runtime.exs");
        assertEquals("import Config\n\nconfig :logger, level: :info\n",
                ProjectFixture.afterFix(fix, dir.resolve("config/prod.exs")));
        assertConverges(fix);
    }

    @Test
    void aCommittedProdSecretExsThatEdeliversBuildReplacesWithTheBuildHostsOwnIsAStandIn() {
        String deliver = """
                APP="shop"
                BUILD_HOST="build.example.com"
                BUILD_USER="deploy"
                PRODUCTION_HOSTS="web.example.com"

                pre_erlang_get_and_update_deps() {
                  local _prod_secret_path="/home/deploy/secret/prod.secret.exs"
                  if [ "$TARGET_MIX_ENV" = "prod" ]; then
                    __sync_remote "
                      ln -sfn '$_prod_secret_path' '$BUILD_AT/config/prod.secret.exs'
                    "
                  fi
                }
                """;
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [app: :shop, version: \"0.1.0\", deps: [{:edeliver, \"~> 1.8\"}, {:distillery, \"~> 2.0\"}]]\nend\n")
                .with("rel/config.exs", "use Distillery.Releases.Config\nrelease :shop do\nend\n")
                .with("config/config.exs", "import Config\nimport_config \"#{config_env()}.exs\"\n")
                .with("config/prod.exs", "import Config\n\nimport_config \"prod.secret.exs\"\n")
                .with("config/prod.secret.exs", "import Config\nconfig :shop, ShopWeb.Endpoint, secret_key_base: "
                        + "\"kL9xQ2vB7nM4pR8sT1wY5zA3cD6fG0hJ2kL9xQ2vB7nM4pR8sT1wY5zA3cD6fG0h\"\n");
        assertEquals(1, check(project.with(".deliver/config", deliver.replace("ln -sfn", "echo"))).size(),
                "the committed file is what the build compiles");
        assertEquals(List.of(), check(project.with(".deliver/config", deliver)),
                "the build links the build host's own prod.secret.exs over it");
        assertEquals(1, check(project.with("Dockerfile", "FROM elixir:1.10 AS build\nCOPY . .\nRUN mix release\n"
                + "FROM debian:buster-slim\nCOPY --from=build /_build/prod/rel/shop ./\nCMD [\"bin/shop\", \"start\"]\n"))
                .size(), "an image built from the checkout compiles the committed file");
    }

    @Test
    void aPlaceholderTheSysConfigEdeliverLinksOnEachHostReplacesIsNoProductionValue() {
        String deliver = """
                APP="shop"
                BUILD_HOST="build.example.com"
                PRODUCTION_HOSTS="shop.example.com"
                DELIVER_TO="/home/shop"
                LINK_SYS_CONFIG="$DELIVER_TO/$APP/$APP.config"
                """;
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [app: :shop, version: \"0.1.0\", "
                        + "deps: [{:edeliver, \"~> 1.4\"}, {:distillery, \"~> 1.4\"}]]\nend\n")
                .with("rel/config.exs", "use Mix.Releases.Config\nenvironment :prod do\n"
                        + "  plugin Releases.Plugin.LinkConfig\nend\nrelease :shop do\nend\n")
                .with("config/config.exs", "import Config\nimport_config \"#{config_env()}.exs\"\n")
                .with("config/prod.exs", "import Config\n# FILL_IN_HERE is replaced in /home/shop/shop/shop.config\n"
                        + "config :shop, ShopWeb.Endpoint, secret_key_base: \"FILL_IN_HERE\"\n")
                .with(".deliver/config", deliver.replace("LINK_SYS_CONFIG=", "# LINK_SYS_CONFIG="));
        assertEquals(1, check(project).size(), "without the link, production runs with the placeholder");
        assertEquals(List.of(), check(project.with(".deliver/config", deliver)),
                "each host's own sys.config, linked into the release, replaces it");
    }

    @Test
    void aCommittedProdSecretExsHoldingPlaceholdersIsTheTemplateTheBuildHostFillsIn() {
        String secrets = """
                import Config

                config :shop, ShopWeb.Endpoint, secret_key_base: "YOUR REAL KEY BASE HERE"
                config :shop, Shop.Guardian, issuer: "shop", secret_key: "SECRET"
                """;
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("config/config.exs", "import Config\nimport_config \"#{config_env()}.exs\"\n")
                .with("config/prod.exs", "import Config\n\nimport_config \"prod.secret.exs\"\n")
                .with("config/prod.secret.exs", secrets);
        assertEquals(List.of(), check(project), "placeholders in the file the build host fills in");
        assertEquals(List.of(), check(project.with("config/prod.secret.exs", secrets
                        .replace("\"YOUR REAL KEY BASE HERE\"", "\"{{ secret_key_base }}\"")
                        .replace("\"SECRET\"", "\"{{ guardian_secret | default('') }}\""))),
                "an Ansible or Jinja template's placeholders hold no secret");
        // lukeledet/quick-chat: AwsParameterStoreConfigProvider resolves "secret:/…" at boot.
        for (String reference : List.of("secret:/shop/postgres_password", "ssm:/shop/prod/guardian",
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop-key-AbCdEf",
                "projects/shop-prod/secrets/guardian-key/versions/latest", "op://Production/Shop/guardian")) {
            assertEquals(List.of(), check(project.with("config/prod.secret.exs", secrets
                    .replace("\"SECRET\"", "\"" + reference + "\"").replace("YOUR REAL KEY BASE HERE", reference))),
                    reference + " names where a secrets store keeps the secret");
        }
        List<Finding> findings = check(project.with("config/prod.secret.exs",
                secrets.replace("YOUR REAL KEY BASE HERE", "kL9xQ2vB7nM4pR8sT1wY5zA3cD6fG0hJ2kL9xQ2vB7nM4pR8sT1wY5zA3cD6fG0h")));
        assertEquals(1, findings.size(), "a real key in it is committed");
        project.with("config/prod.secret.exs", "import Config\n").with("config/prod.exs",
                "import Config\nconfig :shop, ShopWeb.Endpoint, secret_key_base: \"YOUR REAL KEY BASE HERE\"\n");
        List<Finding> kept = check(project);
        assertEquals(1, kept.size());
        assertTrue(kept.get(0).message().contains("is the placeholder `YOUR REAL KEY BASE HERE`"),
                "elsewhere, a placeholder production keeps is said to be one");
    }

    @Test
    void legacyProdSecretExsIsReadAndAProdBlockIsAppendedToARuntimeExsWithoutOne() throws IOException {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\n\nimport_config \"prod.secret.exs\"\n")
                .with("config/prod.secret.exs", """
                        import Config

                        config :shop, Shop.Repo,
                          url: "postgres://shop:Zk29fj3@db.internal:5432/shop",
                          pool_size: 10
                        """)
                .with("config/runtime.exs", "import Config\n\nconfig :shop, :region, System.get_env(\"FLY_REGION\")\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().contains("config/prod.secret.exs"), findings.get(0).message());
        Fix fix = findings.get(0).fixes().get(0);
        assertEquals("""
                import Config

                config :shop, :region, System.get_env("FLY_REGION")

                if config_env() == :prod do
                  config :shop, Shop.Repo, url: System.fetch_env!("DATABASE_URL")
                end
                """, ProjectFixture.afterFix(fix, dir.resolve("config/runtime.exs")));
        assertEquals("import Config\n\nconfig :shop, Shop.Repo,\n  pool_size: 10\n",
                ProjectFixture.afterFix(fix, dir.resolve("config/prod.secret.exs")));
        assertConverges(fix);
    }

    // ------------------------------------------------------------------ fallbacks

    @Test
    void aFallbackInTheRuntimeConfigThatProdExsImportsTooIsReportedThere() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [app: :shop, version: \"0.1.0\", elixir: \"~> 1.10\", deps: []]\nend\n")
                .with("Dockerfile", "FROM elixir:1.10 AS build\nRUN mix release\nFROM debian:buster-slim\n"
                        + "COPY --from=build /app/_build/prod/rel/shop ./\nCMD [\"bin/shop\", \"start\"]\n")
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\nimport_config \"releases.exs\"\n")
                .with("config/releases.exs", """
                        import Config

                        secret_key_base = System.get_env("SECRET_KEY_BASE", "/NJrhNtbyCVAsTyvtk1ZYCwfm981Vpo/0XrVwjJvemDaKC/vsvBRevLwsc6u8RCg")

                        config :shop, ShopWeb.Endpoint, secret_key_base: secret_key_base
                        """);
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().startsWith("`secret_key_base` for ShopWeb.Endpoint in config/releases.exs falls "
                + "back to a literal value when SECRET_KEY_BASE is unset"), findings.get(0).message());
    }

    @Test
    void aFallbackInAFileAConfigProviderEvaluatesAndConfigExsImportsTooIsReportedOnceAsBootTimeConfig() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [app: :shop, version: \"0.1.0\", deps: [{:distillery, \"~> 2.1\"}]]\nend\n")
                .with("rel/config.exs", ProjectFixture.DISTILLERY_PROVIDER_REL_CONFIG)
                .with("config/config.exs", CONFIG.replace("import_config", "import_config \"../runtime/shop.exs\"\nimport_config"))
                .with("runtime/shop.exs", """
                        use Mix.Config

                        config :shop, ShopWeb.Endpoint,
                          secret_key_base: System.get_env("SECRET_KEY_BASE") || "/NJrhNtbyCVAsTyvtk1ZYCwfm981Vpo/0XrVwjJvemDaKC/vsvBRevLwsc6u8RCg"
                        """);
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().contains("falls back to a literal value when SECRET_KEY_BASE is unset"),
                findings.get(0).message());
    }

    @Test
    void literalFallbacksInRuntimeBecomeFetchEnvOfTheSameVariable() throws IOException {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG)
                .with("config/runtime.exs", """
                        import Config

                        if config_env() == :prod do
                          config :stripity_stripe,
                            api_key: System.get_env("STRIPE_KEY") || "sk_test_4eC39HqLyjWDarjtT1zdp7dc"

                          config :shop, :mailgun, api_key: System.get_env("MAILGUN_KEY", "key-3ax6xnjp29jd6fds4gc373sgvjxteol0")
                        end
                        """);
        List<Finding> findings = check(project);
        assertEquals(2, findings.size(), findings.toString());
        Finding stripe = findings.get(0);
        assertEquals("System.get_env(\"STRIPE_KEY\") || \"sk_test_4eC39HqLyjWDarjtT1zdp7dc\"", ProjectFixture.covered(stripe));
        assertEquals("`api_key` of :stripity_stripe in config/runtime.exs falls back to Stripe's test-mode key when "
                + "STRIPE_KEY is unset: production then runs against the test mode, where no payment is real, instead "
                + "of failing at boot.", stripe.message());
        assertEquals("Read STRIPE_KEY with System.fetch_env!/1", stripe.fixes().get(0).title());
        assertTrue(ProjectFixture.afterFix(stripe.fixes().get(0), dir.resolve("config/runtime.exs"))
                .contains("    api_key: System.fetch_env!(\"STRIPE_KEY\")\n"));
        assertTrue(ProjectFixture.afterFix(findings.get(1).fixes().get(0), dir.resolve("config/runtime.exs"))
                .contains("config :shop, :mailgun, api_key: System.fetch_env!(\"MAILGUN_KEY\")\n"));
        assertConverges(stripe.fixes().get(0), 1);
    }

    @Test
    void aLiteralAfterMapFetchIsNeverTheValue() {
        String runtime = """
                import Config
                config :shop, :mailgun, api_key: Map.get(System.get_env(), "MAILGUN_KEY") || "key-3ax6xnjp29jd6fds4gc373sgvjxteol0"
                """;
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY).with("config/config.exs", CONFIG)
                .with("config/runtime.exs", runtime);
        assertEquals(1, check(project).size(), "Map.get answers nil for an unset variable");
        project.with("config/runtime.exs", runtime.replace("Map.get(", "Map.fetch("));
        assertEquals(List.of(), check(project), "Map.fetch answers :error, which || does not replace");
    }

    @Test
    void fallbackThroughAVariableIsFoundAndFixedWhereItIsAssigned() throws IOException {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG)
                .with("config/runtime.exs", """
                        import Config

                        if config_env() == :prod do
                          secret_key_base = System.get_env("SECRET_KEY_BASE") || "Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3o"
                          database_url = System.get_env("DATABASE_URL") || "ecto://shop:Kd93mQ2x@db.internal/shop"

                          config :shop, Shop.Repo, url: database_url
                          config :shop, ShopWeb.Endpoint, secret_key_base: secret_key_base
                        end
                        """);
        List<Finding> findings = check(project);
        assertEquals(2, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().startsWith("`url` for Shop.Repo"), findings.get(0).message());
        Fix fix = findings.get(1).fixes().get(0);
        assertTrue(ProjectFixture.afterFix(fix, dir.resolve("config/runtime.exs"))
                .contains("  secret_key_base = System.fetch_env!(\"SECRET_KEY_BASE\")\n"));
        assertConverges(fix, 1);
    }

    @Test
    void aLiteralALocalFunctionReturnsWhenWhatItReadsIsMissingIsAFallback() {
        String runtime = """
                import Config

                if config_env() == :prod do
                  file_read = fn path, default ->
                    case File.read(path) do
                      {:ok, data} -> String.trim(data)
                      _ -> default
                    end
                  end

                  secret_key_base = file_read.("/etc/shop/secret", "Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3o")
                  config :shop, ShopWeb.Endpoint, secret_key_base: secret_key_base,
                    live_view: [signing_salt: file_read.("/etc/shop/salt", "aB3dE5gH")]
                end
                """;
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("config/config.exs", CONFIG)
                .with("config/runtime.exs", runtime);
        List<Finding> findings = check(project);
        assertEquals(List.of("\"Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3o\""),
                findings.stream().map(ProjectFixture::covered).toList(), "a salt is no secret");
        assertTrue(findings.get(0).message().contains("falls back to a literal value: `file_read` returns it when what "
                + "it reads is missing"), findings.get(0).message());
        assertEquals(List.of(), findings.get(0).fixes(), "no variable to read instead");
        assertEquals(List.of(), check(project.with("config/runtime.exs", runtime.replace("_ -> default", "_ -> raise \"no secret\""))),
                "a function that fails without its input returns no literal");
    }

    // ------------------------------------------------------------------ System.get_env!

    @Test
    void getEnvBangIsAnErrorEverywhereWithASafeRename() throws IOException {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG)
                .with("config/dev.exs", "import Config\nconfig :shop, :token_ttl, System.get_env!(\"TOKEN_TTL\")\n")
                .with("config/runtime.exs", """
                        import Config

                        if config_env() == :prod do
                          config :shop, Shop.Repo, url: System.get_env!("DATABASE_URL")
                        end
                        """)
                .with("lib/shop/client.ex", """
                        defmodule Shop.Client do
                          def token, do: "SHOP_TOKEN" |> System.get_env!()
                        end
                        """);
        List<Finding> findings = check(project);
        assertEquals(3, findings.size(), findings.toString());
        for (Finding finding : findings) {
            assertEquals("System.get_env!", ProjectFixture.covered(finding));
            assertTrue(finding.message().startsWith("System.get_env!/1 does not exist (Elixir has System.fetch_env!/1)"));
            assertTrue(finding.fixes().get(0).safe());
        }
        Finding runtime = findings.stream().filter(f -> f.file().path().endsWith("runtime.exs")).findFirst().orElseThrow();
        assertTrue(runtime.message().endsWith("evaluating config/runtime.exs raises UndefinedFunctionError, so the "
                + "release crashes at boot."), runtime.message());
        assertTrue(ProjectFixture.afterFix(runtime.fixes().get(0), dir.resolve("config/runtime.exs"))
                .contains("url: System.fetch_env!(\"DATABASE_URL\")"));
        Finding lib = findings.stream().filter(f -> f.file().path().endsWith("client.ex")).findFirst().orElseThrow();
        assertEquals("""
                defmodule Shop.Client do
                  def token, do: "SHOP_TOKEN" |> System.fetch_env!()
                end
                """, ProjectFixture.afterFix(lib.fixes().get(0), dir.resolve("lib/shop/client.ex")));
        assertConverges(runtime.fixes().get(0), 2);
    }

    // ------------------------------------------------------------------ the Elixir the release is built with

    /** A literal in prod.exs that runtime.exs overrides, next to an empty releases.exs, released with {@code elixir}. */
    private List<Finding> overriddenInRuntimeExsBuiltWith(String elixir) {
        return check(new ProjectFixture(dir).requiringElixir("~> 1.8")
                .with("Dockerfile", "FROM hexpm/elixir:" + elixir + "-erlang-24.3-debian-bullseye-slim\n"
                        + "ENV MIX_ENV=prod\nRUN mix release\n")
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\nconfig :shop, :stripe, api_key: \"sk_live_51H8xQv\"\n")
                .with("config/runtime.exs", "import Config\nconfig :shop, :stripe, api_key: System.fetch_env!(\"STRIPE_API_KEY\")\n")
                .with("config/releases.exs", "import Config\n"));
    }

    @Test
    void onElixir116RuntimeExsReplacesTheLiteral() {
        List<Finding> findings = overriddenInRuntimeExsBuiltWith("1.16.2");
        assertEquals("Remove the literal `api_key` from config/prod.exs (a later setting replaces it in production)",
                findings.get(0).fixes().get(0).title());
    }

    @Test
    void onElixir110ReleasesExsIsReadInsteadSoTheLiteralReachesProduction() {
        List<Finding> findings = overriddenInRuntimeExsBuiltWith("1.10.4");
        Fix fix = findings.get(0).fixes().get(0);
        assertEquals("Move `api_key` to config/releases.exs and read STRIPE_API_KEY with System.fetch_env!/1", fix.title());
        assertEquals("import Config\n\nconfig :shop, :stripe, api_key: System.fetch_env!(\"STRIPE_API_KEY\")\n",
                ProjectFixture.afterFix(fix, dir.resolve("config/releases.exs")));
    }

    @Test
    void onElixir18NoRuntimeConfigIsReadSoNothingIsMoved() {
        List<Finding> findings = overriddenInRuntimeExsBuiltWith("1.8.2");
        assertEquals(List.of("\"sk_live_51H8xQv\""), findings.stream().map(ProjectFixture::covered).toList());
        assertEquals(List.of(), findings.get(0).fixes());
    }

    @Test
    void aLoginWhoseServerFallsBackToLoopbackIsADevelopersInAContainer() {
        // semaphoreio/semaphore: every service's Repo falls back to a local Postgres, host and password alike.
        String repo = """
                import Config

                config :shop, Shop.Repo,
                  hostname: System.get_env("POSTGRES_DB_HOST") || "127.0.0.1",
                  password: System.get_env("POSTGRES_DB_PASSWORD") || "the-cake-is-a-lie"
                """;
        ProjectFixture project = new ProjectFixture(dir).requiringElixir("~> 1.15")
                .with("config/config.exs", CONFIG).with("config/runtime.exs", repo)
                .with("Dockerfile", "FROM elixir:1.15\nENV MIX_ENV=prod\nRUN mix release\nCMD [\"_build/prod/rel/shop/bin/shop\", \"start\"]\n");
        assertEquals(List.of(), check(project), "no Postgres runs in the container: production names its server");
        project.with("config/runtime.exs", repo.replace("127.0.0.1", "0.0.0.0"));
        assertEquals(List.of(), check(project), "0.0.0.0 is the machine itself to a client");
        project.with("config/runtime.exs", repo.replace("|| \"127.0.0.1\"", "|| \"db\""));
        assertEquals(1, check(project).size(), "a server the stack may run with that very password");
        project.with("config/runtime.exs", repo).with("Dockerfile", null)
                .with("rel/overlays/bin/server", "#!/bin/sh\ncd -P -- \"$(dirname -- \"$0\")\"\nPHX_SERVER=true exec ./shop start\n")
                .with("deploy/shop.service", "[Service]\nExecStart=/srv/shop/bin/server\n");
        assertEquals(1, check(project).size(), "on a host of its own, its local Postgres may be production's");
    }

    @Test
    void aBuildTimeFallbackThatTheRuntimeConfigSurelySetsAgainIsNotWhatProductionKeeps() {
        String repo = "config :shop, Shop.Repo, username: \"shop\", password: System.get_env(\"DB_PASS\") || \"verysecure123\"\n";
        ProjectFixture project = new ProjectFixture(dir).requiringElixir("~> 1.9")
                .with("Dockerfile", "FROM elixir:1.9.1-alpine\nENV MIX_ENV=prod\nRUN mix release\n")
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\n" + repo)
                .with("config/releases.exs", "import Config\n"
                        + "config :shop, Shop.Repo, password: System.get_env(\"DB_PASS\", \"verysecure123\")\n");
        List<Finding> findings = check(project);
        assertEquals(List.of("config/releases.exs"), findings.stream()
                .map(finding -> dir.relativize(finding.file().path()).toString()).toList(),
                "releases.exs is this release's runtime config and always sets the password again: its fallback is the one production keeps");

        project.with("config/releases.exs", "import Config\n");
        assertEquals(List.of("config/prod.exs"), check(project).stream()
                .map(finding -> dir.relativize(finding.file().path()).toString()).toList());
    }

    @Test
    void aLiteralOnlyReleasesExsReplacesStandsWhereTheAppAlsoStartsWithMix() {
        ProjectFixture project = new ProjectFixture(dir).requiringElixir("~> 1.13")
                .with("Dockerfile", "FROM elixir:1.13-alpine\nENV MIX_ENV=prod\n"
                        + "COPY config/config.exs config/prod.exs config/releases.exs config/\nRUN mix release\n")
                .with("config/config.exs", """
                        import Config

                        config :shop, ShopWeb.Endpoint,
                          secret_key_base: "GxtfaDIKOkay5x2k0cxuJYQPX4BEyeo9fHynynmVqtiJoDgZqM8gvXT8dSMXekhI"

                        import_config "#{config_env()}.exs"
                        """)
                .with("config/dev.exs", "import Config\n")
                .with("config/test.exs", "import Config\n")
                .with("config/prod.exs", "import Config\n"
                        + "config :shop, ShopWeb.Endpoint, url: [host: \"example.com\", port: 80]\n")
                .with("config/releases.exs", "import Config\n"
                        + "config :shop, ShopWeb.Endpoint, secret_key_base: System.fetch_env!(\"SECRET_KEY_BASE\")\n");
        assertEquals(List.of(), check(project), "the release reads releases.exs at boot");
        project.with("docker-compose.yml", "services:\n  web:\n    build: .\n    command: mix phx.server\n"
                + "    volumes:\n      - .:/app\n");
        assertEquals(List.of(), check(project), "a Compose service that runs Mix over the checkout is development");

        project.with("Procfile", "web: MIX_ENV=prod mix phx.server\n");
        Finding finding = only(check(project));
        assertEquals("config/config.exs", dir.relativize(finding.file().path()).toString());
        assertTrue(finding.message().contains("only a release reads that file"), finding.message());
        assertEquals(List.of(), finding.fixes(), "a move to the release's runtime config would not reach Mix");

        // The image builds with a prod.exs of its own; the repository's, which Mix reads, sets the key again.
        project.with("Dockerfile", "FROM elixir:1.13-alpine\nENV MIX_ENV=prod\nCOPY config config\n"
                        + "RUN mv config/prod-docker.exs config/prod.exs\nRUN mix release\n")
                .with("config/prod-docker.exs", "import Config\n")
                .with("config/prod.exs", "import Config\n"
                        + "config :shop, ShopWeb.Endpoint, secret_key_base: System.fetch_env!(\"SECRET_KEY_BASE\")\n");
        assertEquals(List.of(), check(project), "Mix's prod.exs is not the image's");

        // A fallback, taken where its variable is unset when Mix starts, is judged as any fallback read at boot.
        project.with("Dockerfile", "FROM elixir:1.13-alpine\nENV MIX_ENV=prod\nRUN mix release\n")
                .with("config/prod.exs", "import Config\n")
                .with("config/config.exs", "import Config\n\nconfig :shop, ShopWeb.Endpoint,\n  secret_key_base: "
                        + "System.get_env(\"SECRET_KEY_BASE\") || \"GxtfaDIKOkay5x2k0cxuJYQPX4BEyeo9fHynynmVqtiJoDgZqM8gvXT8dSMXekhI\"\n"
                        + "\nimport_config \"#{config_env()}.exs\"\n");
        assertTrue(check(project).stream().noneMatch(each -> each.message().contains("only a release reads")),
                "no word of releases.exs for a fallback");
    }

    @Test
    void aSecretTheEnvScriptGeneratesWhenTheReleaseIsAssembledIsSharedByEveryCopy() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("Dockerfile", "FROM elixir:1.17-alpine\nENV MIX_ENV=prod\nRUN mix release\n")
                .with("config/config.exs", CONFIG)
                .with("rel/env.sh.eex", """
                        #!/bin/sh
                        # export RELEASE_DISTRIBUTION=name
                        export DATABASE_PATH=/var/lib/shop/shop.db
                        export SECRET_KEY_BASE=<%= Base.encode16(:crypto.strong_rand_bytes(32), case: :lower) %>
                        export SIGNING_TOKEN=${SIGNING_TOKEN:-<%= Base.encode64(:crypto.strong_rand_bytes(16)) %>}
                        export RELEASE_NODE=<%= @release.name %>
                        """);
        List<Finding> findings = check(project);
        assertEquals(List.of("<%= Base.encode16(:crypto.strong_rand_bytes(32), case: :lower) %>",
                "${SIGNING_TOKEN:-<%= Base.encode64(:crypto.strong_rand_bytes(16)) %>}"),
                findings.stream().map(ProjectFixture::covered).toList());
        assertTrue(findings.get(0).message().contains("replaces the SECRET_KEY_BASE the platform sets"),
                findings.get(0).message());
        assertFalse(findings.get(1).message().contains("replaces"), "it falls back to the environment's value");
    }

    @Test
    void secretsCommittedInKubernetesManifestsAreFound() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("Dockerfile", "FROM elixir:1.17-alpine\nENV MIX_ENV=prod\nRUN mix release\n")
                .with("config/config.exs", CONFIG)
                .with("k8s/app-secret.yaml", """
                        apiVersion: v1
                        kind: Secret
                        metadata:
                          name: app-secret
                        type: Opaque
                        data:
                          # phx.gen.secret, base64
                          SECRET_KEY_BASE: "M0FXcThwWDB2VjdrMlljOW1ONGJUNnJMMXNENWZHOGhKMGtaM3hDN3ZCOW5NMnFXNGVSNnRZOHVJMG9QMWFTNQ=="
                          ADMIN_PASSWORD: Y2hhbmdlbWU=
                          db-pass: VHE4clcyelg5dkxtUDRrZA==
                          PHX_HOST: c2hvcC5leGFtcGxlLmNvbQ==
                          # a word meant for stringData: as base64, three bytes that are no text
                          POSTGRES_PASSWORD: pass
                        stringData:
                          DATABASE_URL: ecto://shop:Hunter2Hunter2@db.internal/shop
                        ---
                        apiVersion: v1
                        kind: ConfigMap
                        data:
                          API_TOKEN: not-a-secret-manifest
                        """)
                .with("k8s/deployment.yaml", """
                        apiVersion: apps/v1
                        kind: Deployment
                        spec:
                          template:
                            spec:
                              containers:
                                - name: shop
                                  env:
                                    - name: STRIPE_API_KEY
                                      value: "sk_live_51HxAbCdEfGhIjKlMnOpQr"
                                    - name: SECRET_KEY_BASE
                                      value: "SECRET_KEY_HERE"
                                    - name: POOL_SIZE
                                      value: "10"
                                    - name: WEBHOOK_TOKEN
                                      value: "webhook-token"
                                    - name: MAILER_PASSWORD
                                      value: "$(MAILER_PASSWORD_FROM_VAULT)"
                        """);
        List<Finding> findings = check(project);
        assertEquals(List.of("sk_live_51HxAbCdEfGhIjKlMnOpQr",
                        "M0FXcThwWDB2VjdrMlljOW1ONGJUNnJMMXNENWZHOGhKMGtaM3hDN3ZCOW5NMnFXNGVSNnRZOHVJMG9QMWFTNQ==",
                        "VHE4clcyelg5dkxtUDRrZA==", "ecto://shop:Hunter2Hunter2@db.internal/shop"),
                findings.stream().map(ProjectFixture::covered).toList(),
                "a hyphenated key is read in words; a placeholder, a value that spells its name, a setting "
                + "that is no secret, a ConfigMap and a value taken from elsewhere are not");
        assertTrue(findings.get(0).message().startsWith("STRIPE_API_KEY in k8s/deployment.yaml is a live Stripe secret key"),
                findings.get(0).message());
        assertTrue(findings.get(1).message().startsWith("SECRET_KEY_BASE in the Secret k8s/app-secret.yaml is a literal"),
                findings.get(1).message());
    }

    @Test
    void aKustomizeSecretGeneratorsLiteralsAreCommittedSecrets() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("Dockerfile", "FROM elixir:1.17-alpine\nENV MIX_ENV=prod\nRUN mix release\n")
                .with("config/config.exs", CONFIG)
                .with("deployments/base/kustomization.yaml", """
                        apiVersion: kustomize.config.k8s.io/v1beta1
                        kind: Kustomization
                        resources:
                          - deployment.yaml
                        configMapGenerator:
                          - name: app-config
                            literals:
                              - APP_NAME=shop
                        secretGenerator:
                          - name: app-secret
                            literals:
                              - SECRET_KEY_BASE=ZTRGWHRWQ3Z3MXl0VDZMWnllQkxrdlFZZHBoUmNKUkMwTE9RbjNlSDlDckZEa0hE
                              - "ADMIN_PASSWORD=changeme"
                            envs:
                              - secrets.env
                        images:
                          - name: shop
                            newTag: "1.0"
                        """);
        List<Finding> findings = check(project);
        assertEquals(List.of("ZTRGWHRWQ3Z3MXl0VDZMWnllQkxrdlFZZHBoUmNKUkMwTE9RbjNlSDlDckZEa0hE"),
                findings.stream().map(ProjectFixture::covered).toList(),
                "kustomize makes the Secret from the literal; a placeholder and a file of the cluster's are not");
        assertTrue(findings.get(0).message().startsWith(
                "SECRET_KEY_BASE in the secretGenerator of deployments/base/kustomization.yaml is a literal"),
                findings.get(0).message());
    }

    @Test
    void aManifestSecretKeyBaseTooShortToBeOneIsReportedAsNoWorkingKey() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("Dockerfile", "FROM elixir:1.17-alpine\nENV MIX_ENV=prod\nRUN mix release\n")
                .with("config/config.exs", CONFIG)
                .with("k8s/deployment.yaml", """
                        apiVersion: apps/v1
                        kind: Deployment
                        spec:
                          template:
                            spec:
                              containers:
                                - name: shop
                                  env:
                                    - name: SECRET_KEY_BASE
                                      value: "super-secret-key-base"
                        """);
        List<Finding> findings = check(project);
        assertEquals(List.of("super-secret-key-base"), findings.stream().map(ProjectFixture::covered).toList());
        assertEquals("SECRET_KEY_BASE in k8s/deployment.yaml is a literal 21 bytes long, committed with the manifest: "
                + "no working key (Plug's cookie store refuses a secret_key_base under 64 bytes, so each request that "
                + "uses the session fails), and a value anyone can read. Keep one from `mix phx.gen.secret` in a "
                + "Secret made outside the repository and take it with `valueFrom.secretKeyRef`.",
                findings.get(0).message());
        assertEquals(dev.gotchals.rule.Severity.WARNING, findings.get(0).severity());
    }

    @Test
    void aSecretTheBuildStageAndTheRunningImageBothSetIsReportedOnceWhereItShips() {
        String dockerfile = """
                FROM elixir:1.17-alpine AS build
                ENV MIX_ENV=prod
                ENV SECRET_KEY_BASE=Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3oQ2vT7pLm4Rw9sY3
                ENV MAILER_API_KEY=build-only-9f8e7d6c5b4a
                RUN mix release

                FROM alpine:3.20
                ENV SECRET_KEY_BASE=Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3oQ2vT7pLm4Rw9sY3
                COPY --from=build /app/_build/prod/rel/shop ./
                CMD ["bin/shop", "start"]
                """;
        List<Finding> findings = check(new ProjectFixture(dir).with("Dockerfile", dockerfile).with("config/config.exs", CONFIG));
        assertEquals(2, findings.size(), findings.toString());
        assertEquals(dockerfile.indexOf("MAILER_API_KEY"), findings.get(0).start());
        assertEquals(dockerfile.lastIndexOf("SECRET_KEY_BASE="), findings.get(1).start(), "the running image's ENV");
    }

    @Test
    void jokensDefaultSignerGivenAsAStringIsItsSigningKey() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("Dockerfile", "FROM elixir:1.17-alpine\nENV MIX_ENV=prod\nRUN mix release\n")
                .with("config/config.exs", CONFIG + "\nconfig :joken, default_signer: \"q8Vd2LkR7sTw0nBx4MzY6pHc1JgF9aE3\"\n");
        List<Finding> findings = check(project);
        assertEquals(List.of("\"q8Vd2LkR7sTw0nBx4MzY6pHc1JgF9aE3\""), findings.stream().map(ProjectFixture::covered).toList());
        project.with("config/config.exs", CONFIG + "\nconfig :joken, default_signer: \"some-secret-key-change-this-in-production\"\n");
        assertTrue(check(project).get(0).message().contains("is the placeholder `some-secret-key-change-this-in-production`, "
                + "and nothing replaces it for production"), "a placeholder production keeps is said to be one");
    }

    @Test
    void anErrorNotifiersKeyThatShipsToBrowsersIsPublicByDesign() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("Dockerfile", "FROM elixir:1.17-alpine\nENV MIX_ENV=prod\nRUN mix release\n")
                .with("config/config.exs", CONFIG + "\nconfig :bugsnag,\n  api_key: \"0f3c9a7e5b1d4c2a8e6f0b9d7c5a3e1f\"\n");
        assertEquals(List.of(), check(project));
        project.with("config/config.exs", CONFIG + "\nconfig :bugsnag, :api_key, \"0f3c9a7e5b1d4c2a8e6f0b9d7c5a3e1f\"\n");
        assertEquals(List.of(), check(project));
        project.with("config/config.exs", CONFIG + "\nconfig :honeybadger,\n  api_key: \"2e30e799\",\n  environment_name: :prod\n");
        assertEquals(List.of(), check(project), "Honeybadger's project key goes into the page for honeybadger.js too");
        project.with("config/config.exs", CONFIG + "\nconfig :mailgun,\n  api_key: \"0f3c9a7e5b1d4c2a8e6f0b9d7c5a3e1f\"\n");
        assertEquals(1, check(project).size(), "another service's API key is a credential");
    }

    @Test
    void aSecretWrittenInTheEnvScriptIsCommittedWithIt() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("Dockerfile", "FROM elixir:1.17-alpine\nENV MIX_ENV=prod\nRUN mix release\n")
                .with("config/config.exs", CONFIG)
                .with("rel/env.sh.eex", """
                        #!/bin/sh
                        export PHX_SERVER=true
                        export SECRET_KEY_BASE=3AWq8pX0vV7k2Yc9mN4bT6rL1sD5fG8hJ0kZ3xC7vB9nM2qW4eR6tY8uI0oP1aS5
                        export PGHOSTADDR=database.example.com
                        export DATABASE_URL="ecto://admin:Hunter2Hunter2@$PGHOSTADDR/shop"
                        export API_TOKEN=${API_TOKEN:-changeme}
                        export MAILER_PASSWORD=$MAILER_PASSWORD_FROM_VAULT
                        export LOCAL_URL=ecto://postgres:postgres@localhost/shop
                        """);
        List<Finding> findings = check(project);
        assertEquals(List.of("3AWq8pX0vV7k2Yc9mN4bT6rL1sD5fG8hJ0kZ3xC7vB9nM2qW4eR6tY8uI0oP1aS5",
                "\"ecto://admin:Hunter2Hunter2@$PGHOSTADDR/shop\""), findings.stream().map(ProjectFixture::covered).toList(),
                "a placeholder fallback, a value read from another variable and a local login are no committed secret");
        assertTrue(findings.get(0).message().startsWith("SECRET_KEY_BASE in rel/env.sh.eex is a literal value"),
                findings.get(0).message());
        assertTrue(findings.get(1).message().contains("a URL with an inline password"), findings.get(1).message());
    }

    @Test
    void aVendorsCredentialIsASecretWhateverItsNameSays() {
        // Generated for this test in the vendors' formats; none of them was ever issued.
        String google = "AIzaSyB3xQ9vLmN2pR7tK0wYc5dF8gH1jZ4aE6u";
        String stripe = "sk_live_4eC39HqLyjWDarjtT1zdp7dcXq";
        ProjectFixture project = new ProjectFixture(dir)
                .with("Dockerfile", "FROM elixir:1.17-alpine\nENV MIX_ENV=prod\nRUN mix release\n"
                        + "ENV GEMINI=" + google + "\nENV STRIPE_PUBLISHABLE=pk_live_51Hx0ABCDEFGHIJKLMNOPQRSTUV\n")
                .with("config/config.exs", CONFIG + "\nconfig :shop, :gemini, \"" + google + "\"\n"
                        + "config :shop, :billing, stripe: System.get_env(\"STRIPE\") || \"" + stripe + "\",\n"
                        + "  stripe_test: \"sk_test_4eC39HqLyjWDarjtT1zdp7dc\",\n"
                        + "  maps: \"AIzaSyDUMMY-KEY-REPLACE-ME-000000000000\",\n"
                        + "  note: \"see AIzaSyB3xQ9vLmN2pR7tK0wYc5dF8gH1jZ4aE6u in the docs\"\n")
                .with("lib/shop/billing.ex", """
                        defmodule Shop.Billing do
                          def keys, do: {Application.get_env(:shop, :gemini), Application.get_env(:shop, :billing)}
                        end
                        """)
                .with("rel/env.sh.eex", "#!/bin/sh\nexport API_KEY_GEMINI=\"" + google + "\"\n");
        List<Finding> findings = check(project);
        assertEquals(List.of("\"" + google + "\"", "System.get_env(\"STRIPE\") || \"" + stripe + "\"",
                        "GEMINI=" + google, "\"" + google + "\""),
                findings.stream().map(ProjectFixture::covered).toList(),
                "a test key, a placeholder in a key's shape and a key quoted in a sentence are no credential");
        assertTrue(findings.get(0).message().contains("is a Google API key written as a literal"), findings.get(0).message());
        assertTrue(findings.get(2).message().contains("is a Google API key written as a literal"), findings.get(2).message());
        assertTrue(findings.get(3).message().contains("API_KEY_GEMINI in rel/env.sh.eex is a Google API key"),
                findings.get(3).message());
    }

    @Test
    void aBasicAuthPairOfADefaultLoginIsAPlaceholder() {
        // tmr08c/setlistify: PromEx uploads dashboards to the local Grafana with Grafana's first login.
        String runtime = """
                import Config

                if config_env() == :prod do
                  config :shop, Shop.PromEx,
                    grafana: [host: "http://localhost:3000", auth_token: "admin:admin"]
                end
                """;
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("Dockerfile", "FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim\n"
                        + "WORKDIR /app\nCOPY . .\nRUN mix release\nCMD [\"/app/_build/prod/rel/shop/bin/shop\", \"start\"]\n")
                .with("config/config.exs", "import Config\n")
                .with("config/runtime.exs", runtime);
        assertEquals(List.of(), check(project), "the default login of a server on the container itself, where none runs");
        assertEquals(List.of(), check(project.with("config/runtime.exs", runtime.replace("admin:admin", "guest:guest"))),
                "RabbitMQ's default login");
        assertEquals(1, check(project.with("config/runtime.exs", runtime.replace("admin:admin", "admin:Zq8v3L0wYw1n")))
                .size(), "a real password after the user leaks, wherever the server runs");
        assertEquals(1, check(project.with("config/runtime.exs", runtime.replace("http://localhost:3000",
                "https://grafana.shop.example"))).size(), "production logs in to its own Grafana with a default login");
        // quantu-app/quantu-app-api: prod.exs names the cluster's database after config.exs's localhost.
        project.with("config/runtime.exs", "import Config\n")
                .with("config/config.exs", "import Config\nconfig :shop, Shop.Repo, username: \"postgres\", "
                        + "password: \"postgres\", hostname: \"localhost\"\nimport_config \"#{config_env()}.exs\"\n")
                .with("config/prod.exs", "import Config\nconfig :shop, Shop.Repo, hostname: \"shop-postgresql.api\"\n");
        assertEquals(1, check(project).size(), "production's database takes the default login");
        assertEquals(List.of(), check(project.with("config/prod.exs", "import Config\n")),
                "a database on the container itself, where none runs");
    }

    @Test
    void aLicenseKeyIsASecretAndATestKeyAPlaceholder() {
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("config/config.exs", CONFIG + """

                        config :new_relic_agent, app_name: "shop", license_key: "a88f416e2c1d9b7f3e5a6c4b2d8e0f1a3c5bNRAL"
                        config :ex_aws, secret_access_key: System.get_env("AWS_SECRET_ACCESS_KEY", "testsecret")
                        config :shop, Shop.Mailer, api_key: System.get_env("SENDGRID_API_KEY", "testkey")
                        config :ueberauth, Ueberauth.Strategy.Google.OAuth, client_secret: System.get_env("GOOGLE_CLIENT_SECRET", "somesecret")
                        """);
        assertEquals(List.of("\"a88f416e2c1d9b7f3e5a6c4b2d8e0f1a3c5bNRAL\""),
                check(project).stream().map(ProjectFixture::covered).toList());
    }

    @Test
    void aValueThePagesScriptsCarryTooIsPublicByDesign() {
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("config/config.exs", CONFIG + """

                        config :shop, email_encryption_key: "4rXTFAJnDzhMEqdaF269tV/5I3Omd7oKXK063qMiAYI="
                        config :shop, webhook_secret: "whsec_9Kq2LmV7tX4pR8nB3dF6"
                        """)
                .with("lib/shop/email.ex", "defmodule Shop.Email do\n  def key, do: Application.get_env(:shop, "
                        + ":email_encryption_key)\n  def hook, do: Application.get_env(:shop, :webhook_secret)\nend\n")
                .with("assets/js/hooks/email-link.js", "const EMAIL_KEY = '4rXTFAJnDzhMEqdaF269tV/5I3Omd7oKXK063qMiAYI=';\n");
        assertEquals(List.of("\"whsec_9Kq2LmV7tX4pR8nB3dF6\""), check(project).stream().map(ProjectFixture::covered).toList(),
                "the browser decrypts the addresses with the same key: every visitor has it");
    }

    @Test
    void aSettingOfAKeyWhoseCodeReadsOnlyAnotherSettingReachesNoCode() {
        String config = CONFIG + """

                config :shop, users: [admin: [password: "Zx8#kq2LmV7tX4pR"], length: [password: 8]]
                """;
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("config/config.exs", config)
                .with("lib/shop/user.ex", "defmodule Shop.User do\n"
                        + "  @min Application.compile_env(:shop, [:users, :length, :password])\n  def min, do: @min\nend\n");
        assertEquals(List.of(), check(project), "only users.length is read: the admin password is a dev seed's");
        project.with("lib/shop/user.ex", "defmodule Shop.User do\n"
                + "  def admin, do: Application.get_env(:shop, :users)[:admin]\nend\n");
        assertEquals(1, check(project).size(), "the code reads users.admin");
        project.with("lib/shop/user.ex", "defmodule Shop.User do\n  def all, do: Application.get_env(:shop, :users)\nend\n");
        assertEquals(1, check(project).size(), "the code reads the whole key");
    }

    @Test
    void aSettingBelowAnAtomSubjectThatTheCodeNeverTakesReachesNoCode() {
        String config = CONFIG + "\nconfig :shop, :llm, api_key: \"sk-live-9Kq2LmV7tX4pR8nB3dF6\", base_url: \"https://llm.example\"\n";
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("config/config.exs", config)
                .with("lib/shop/llm.ex", "defmodule Shop.LLM do\n"
                        + "  def url, do: Application.get_env(:shop, :llm, []) |> Keyword.get(:base_url)\nend\n");
        assertEquals(List.of(), check(project), "only llm.base_url is taken: the key beside it reaches no code");
        project.with("lib/shop/llm.ex", "defmodule Shop.LLM do\n"
                + "  def key, do: Application.get_env(:shop, :llm)[:api_key]\nend\n");
        assertEquals(1, check(project).size(), "the code takes llm.api_key");
    }

    @Test
    void aVendorsCredentialLeaksWhetherOrNotTheCodeTakesTheSetting() {
        String config = CONFIG + "\nconfig :shop, :ex_aws, access_key_id: \"AKIAT5VKLWBUIMRZQ7ZU\",\n"
                + "  secret_access_key: \"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\", region: \"us-east-2\"\n";
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("config/config.exs", config)
                .with("lib/shop/media.ex", "defmodule Shop.Media do\n"
                        + "  def region, do: Application.get_env(:shop, :ex_aws) |> Keyword.get(:region)\nend\n");
        assertEquals(List.of("\"3HvY7dk6NDTqgeCnTGn0vX1DMWCw2gyGmYUg8w+o\""),
                check(project).stream().map(ProjectFixture::covered).toList(),
                "an AWS key pair signs requests to the account wherever it is read from");
        project.with("config/config.exs", config.replace("AKIAT5VKLWBUIMRZQ7ZU", "my-key-id"));
        assertEquals(List.of(), check(project), "without a real key id beside it, a setting no code takes");
    }

    @Test
    void aVendorsCredentialThatProductionReplacesIsLeakedAllTheSame() {
        String config = CONFIG + "\nconfig :ex_aws, access_key_id: \"AKIAT5VKLWBUIMRZQ7ZU\",\n"
                + "  secret_access_key: \"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\"\n";
        String runtime = "import Config\nif config_env() == :prod do\n"
                + "  config :ex_aws, access_key_id: System.fetch_env!(\"AWS_ACCESS_KEY_ID\"),\n"
                + "    secret_access_key: System.fetch_env!(\"AWS_SECRET_ACCESS_KEY\")\nend\n";
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("config/config.exs", config).with("config/runtime.exs", runtime);
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), "dev and test sign requests to the account with it, and anyone can");
        assertEquals("`secret_access_key` of :ex_aws in config/config.exs is an AWS secret access key beside its key "
                + "id, committed with the repository: whoever reads it can use it, whatever production runs with. "
                + "Rotate it, and keep it out of the repository.", findings.get(0).message());
        assertEquals(List.of(), findings.get(0).fixes(), "production already reads its own");
        project.with("config/config.exs", config.replace("AKIAT5VKLWBUIMRZQ7ZU", "dev-key-id")
                .replace("3HvY7dk6NDTqgeCnTGn0vX1DMWCw2gyGmYUg8w+o", "minio-dev-secret-1234"));
        assertEquals(List.of(), check(project), "a local MinIO's login that production replaces is a dev default");
    }

    @Test
    void aLoginUnderANamedServiceThatProductionDoesNotSelectIsNotUsedThere() {
        String services = """
                import Config

                config :storage, :services,
                  amazon: [service: "S3", secret_access_key: System.get_env("AWS_SECRET_ACCESS_KEY")],
                  minio: [service: "S3", secret_access_key: "minio_test_secret", host: "localhost"]
                """;
        ProjectFixture project = new ProjectFixture(dir)
                .with("Dockerfile", "FROM elixir:1.17-alpine\nENV MIX_ENV=prod\nRUN mix release\n")
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\nconfig :storage, :service, :amazon\n")
                .with("config/runtime.exs", services);
        assertEquals(List.of(), check(project), "production selects the amazon service");

        project.with("config/prod.exs", "import Config\nconfig :storage, :service, :minio\n");
        assertEquals(List.of("\"minio_test_secret\""), check(project).stream().map(ProjectFixture::covered).toList());

        project.with("config/prod.exs", "import Config\n");
        assertEquals(1, check(project).size(), "nothing says which service production uses");
    }

    @Test
    void aLiteralTheCodeReplacesWithPutEnvWhenItStartsIsADevelopmentDefault() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("Dockerfile", "FROM elixir:1.17-alpine\nENV MIX_ENV=prod\nRUN mix release\n")
                .with("config/config.exs", CONFIG.replace("import_config", """
                        config :ueberauth, Ueberauth.Strategy.Auth0.OAuth, client_secret: "Zq8v3L0wYw1nX6kR2pT9"

                        import_config"""))
                .with("config/prod.exs", "import Config\n");
        assertEquals(1, check(project).size(), "nothing replaces it");

        project.with("lib/shop/temp_env.ex", """
                defmodule Shop.TempEnv do
                  def put(entry, value), do: Application.put_env(entry.app, entry.key, value)
                end
                """);
        assertEquals(1, check(project).size(), "a helper that puts what it is given names no key");

        project.with("lib/shop/application.ex", """
                defmodule Shop.Application do
                  def start(_type, _args) do
                    Application.put_env(:ueberauth, Ueberauth.Strategy.Auth0.OAuth, client_secret: Shop.Secrets.fetch!("auth0"))
                  end
                end
                """);
        assertEquals(List.of(), check(project), "the app sets it from its secrets manager when it starts");
    }

    // ------------------------------------------------------------------ Dockerfiles

    @Test
    void dockerfileSecretsAreReportedWithoutAFix() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("Dockerfile", """
                        ARG HEX_API_KEY=3f8a9c0d1e2b
                        FROM hexpm/elixir:1.18.3-erlang-27.3-debian-bookworm-20250317-slim AS builder
                        ARG GITHUB_TOKEN
                        ENV MIX_ENV="prod"
                        RUN mix release

                        FROM debian:bookworm-20250317-slim
                        ENV SECRET_KEY_BASE=Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3o PHX_HOST=shop.example.com
                        ENV DATABASE_PASSWORD "correct horse battery staple"
                        ENV DATABASE_URL=ecto://shop:pa55@db.internal/shop
                        ENV SECRET_KEY_BASE_FILE=/run/secrets/secret_key_base
                        ENV STRIPE_API_KEY=$STRIPE_API_KEY
                        ENV SENTRY_TOKEN=""
                        CMD ["/app/bin/server"]
                        """)
                .with("Dockerfile.dev", "FROM elixir:1.18\nENV SECRET_KEY_BASE=dev-only-secret-key-base-value\n");
        List<Finding> findings = check(project);
        List<String> covered = findings.stream().map(ProjectFixture::covered).toList();
        assertEquals(List.of("HEX_API_KEY=3f8a9c0d1e2b",
                "SECRET_KEY_BASE=Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3o",
                "DATABASE_PASSWORD \"correct horse battery staple\"",
                "DATABASE_URL=ecto://shop:pa55@db.internal/shop"), covered);
        for (Finding finding : findings) {
            assertEquals(List.of(), finding.fixes());
            assertFalse(finding.message().contains("Zq8v") || finding.message().contains("pa55"), finding.message());
        }
        assertEquals("ARG HEX_API_KEY in Dockerfile has a literal value as its default, committed with the Dockerfile "
                + "and recorded in the image's build history; pass it at runtime from the platform's secrets instead.",
                findings.get(0).message());
        assertEquals("ENV SECRET_KEY_BASE in Dockerfile is a literal value, baked into the image where `docker inspect` "
                + "shows it to anyone who can pull it; pass it at runtime from the platform's secrets instead.",
                findings.get(1).message());
    }

    @Test
    void aLiteralInABuildStageIsCommittedButNotInTheImagesEnvironment() {
        ProjectFixture project = new ProjectFixture(dir).with("config/config.exs", CONFIG)
                .with("Dockerfile", """
                        FROM elixir:1.11.2-alpine AS build
                        ENV MIX_ENV=prod
                        ENV SECRET_KEY_BASE=34PA0jqGQLok1NXTLqNkXCBjRemHgmt/lc25MRMFBHD7tFy02newjvPLQ1gOAyiV
                        RUN mix do compile, release

                        FROM alpine:3.9 AS app
                        COPY --from=build /app/_build/prod/rel/shop ./
                        CMD ["bin/shop", "start"]
                        """);
        Finding finding = check(project).get(0);
        assertEquals("ENV SECRET_KEY_BASE in Dockerfile is a literal value in a build stage: it is committed with the "
                + "Dockerfile, and what the build's config reads of it goes into the release; pass it at runtime from "
                + "the platform's secrets instead.", finding.message(), "`docker inspect` of the image does not show it");
    }

    @Test
    void aBuildStageValueGivenToANonSecretTooIsFiller() {
        String dockerfile = """
                FROM elixir:1.17 AS build
                ENV MIX_ENV=prod \\
                    DASHBOARD_USER=build \\
                    DASHBOARD_PASS=%s \\
                    BEARER_TOKEN=build
                RUN mix do compile, release

                FROM debian:bookworm-slim AS app
                COPY --from=build /app/_build/prod/rel/shop ./
                CMD ["bin/shop", "start"]
                """;
        ProjectFixture project = new ProjectFixture(dir).with("config/config.exs", CONFIG)
                .with("Dockerfile", dockerfile.formatted("build"));
        assertEquals(List.of(), check(project), "the build's filler for the user name and both secrets");
        List<Finding> real = check(project.with("Dockerfile", dockerfile.formatted("Xk29fLq0pZ7w")));
        assertEquals(1, real.size(), real.toString());
        assertTrue(real.get(0).message().startsWith("ENV DASHBOARD_PASS in Dockerfile"), real.get(0).message());
    }

    @Test
    void onlyProductionDockerfilesCount() {
        String secret = "FROM hexpm/elixir:1.18.3-erlang-27.3-debian-bookworm-20250317-slim\n"
                + "ENV SECRET_KEY_BASE=Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3o\n";
        List<Finding> findings = check(new ProjectFixture(dir)
                .with("Dockerfile.dev", secret)
                .with("test.Dockerfile", secret)
                .with("ci.Dockerfile", secret)
                .with("Dockerfile.local", secret)
                .with("Dockerfile.prod", secret));
        assertEquals(List.of("Dockerfile.prod"), findings.stream()
                .map(finding -> finding.file().path().getFileName().toString()).toList());
    }

    @Test
    void secretKeysFromTheProjectSettingsAreSecretInConfigAndDockerfiles() {
        String prod = """
                import Config

                config :stripity_stripe, stripe_key: "sk_live_51H8x"
                config :shop, Shop.Mailer, mailgun_domain: "mg.shop.example"
                """;
        String dockerfile = "FROM debian:bookworm-slim\nENV STRIPE_KEY=sk_live_51H8x\nENV MAILGUN_DOMAIN=mg.shop.example\n";
        // Without the option neither key name looks secret.
        assertEquals(List.of(), check(new ProjectFixture(dir).with("config/config.exs", CONFIG)
                .with("config/prod.exs", prod).with("Dockerfile", dockerfile)));

        List<Finding> findings = check(new ProjectFixture(dir)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", prod)
                .with("Dockerfile", dockerfile)
                .with(".gotcha.exs", "[rules: [{\"hardcoded-secret\", secret_keys: [\"Stripe_Key\"]}]]\n"));
        assertEquals(List.of("\"sk_live_51H8x\"", "STRIPE_KEY=sk_live_51H8x"),
                findings.stream().map(ProjectFixture::covered).toList());
        assertTrue(findings.get(0).message().startsWith("`stripe_key` of :stripity_stripe in config/prod.exs is a literal"),
                findings.get(0).message());
    }

    @Test
    void systemReachedThroughImportOrAliasIsTheSameCall() {
        for (String read : List.of("get_env(\"SECRET_KEY_BASE\")", "Env.get_env(\"SECRET_KEY_BASE\")")) {
            List<Finding> findings = check(new ProjectFixture(dir)
                    .with("config/config.exs", CONFIG)
                    .with("config/runtime.exs", """
                            import Config
                            import System, only: [get_env: 1]
                            alias System, as: Env

                            if config_env() == :prod do
                              config :shop, ShopWeb.Endpoint,
                                secret_key_base: %s || "Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3o"
                            end
                            """.formatted(read)));
            assertEquals(1, findings.size(), read);
        assertTrue(findings.get(0).message().contains("falls back to a literal value when SECRET_KEY_BASE is unset"),
                    findings.get(0).message());
        }
    }

    @Test
    void theProjectsOwnWrapperOfSystemGetEnvIsTheSameCall() {
        String wrapper = """
                defmodule Shop.Env do
                  def get_env(key, type \\\\ :string) do
                    value = System.get_env(key)
                    parse(value, type)
                  end

                  def fetch!(key), do: key |> System.fetch_env!() |> String.trim()

                  def parse(value, _type), do: value
                end
                """;
        for (String read : List.of("get_env(\"SECRET_KEY_BASE\")", "get_env(\"SECRET_KEY_BASE\", :string)",
                "Env.get_env(\"SECRET_KEY_BASE\")", "Shop.Env.get_env(\"SECRET_KEY_BASE\")")) {
            ProjectFixture project = new ProjectFixture(dir)
                    .with("config/config.exs", CONFIG)
                    .with("lib/shop/env.ex", wrapper)
                    .with("config/runtime.exs", """
                            import Config
                            import Shop.Env
                            alias Shop.Env

                            if config_env() == :prod do
                              config :shop, ShopWeb.Endpoint,
                                secret_key_base: %s || "Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3o"
                            end
                            """.formatted(read));
            List<Finding> findings = check(project);
            assertEquals(1, findings.size(), read);
        assertTrue(findings.get(0).message().contains("falls back to a literal value when SECRET_KEY_BASE is unset"),
                    findings.get(0).message());

            project.with("lib/shop/env.ex", wrapper.replace("System.get_env(key)", "Application.get_env(:shop, key)"));
            assertEquals(List.of(), check(project), "a function that reads no environment variable: " + read);
        }
    }

    @Test
    void aBranchProductionMayTakeThatYieldsALiteralIsReported() {
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("config/config.exs", CONFIG)
                .with("config/runtime.exs", """
                        import Config

                        secret_key_base =
                          if System.get_env("DEMO_MODE") == "true" do
                            "Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3o"
                          else
                            System.fetch_env!("SECRET_KEY_BASE")
                          end

                        signing_key =
                          case config_env() do
                            :prod -> System.fetch_env!("SIGNING_KEY")
                            _ -> "dev-only-signing-key-8f2k"
                          end

                        config :shop, ShopWeb.Endpoint,
                          secret_key_base: secret_key_base,
                          live_view: [signing_key: if(config_env() == :prod, do: System.fetch_env!("LV_KEY"), else: "dev-lv-key")]

                        config :shop, Shop.Tokens, signing_key: signing_key

                        api_secret =
                          cond do
                            config_env() == :dev -> System.get_env("API_SECRET") || "dev-api-secret-3kd8f0s"
                            config_env() == :test -> "test-api-secret-8f2k0d"
                            true -> System.get_env("API_SECRET") || raise "API_SECRET is missing"
                          end

                        config :shop, Shop.Api, api_secret: api_secret
                        """);
        List<Finding> findings = check(project);
        assertEquals(List.of("\"Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3o\""),
                findings.stream().map(ProjectFixture::covered).toList(), "the dev branches are never taken in prod");
        assertTrue(findings.get(0).message().startsWith("`secret_key_base` for ShopWeb.Endpoint in config/runtime.exs is a literal"),
                findings.get(0).message());
    }

    @Test
    void anUmbrellaAppNoReleaseShipsHasNoProductionSecrets() {
        String releases = "releases: [shop: [applications: [shop: :permanent]]], ";
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("mix.exs", "defmodule Umbrella.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [apps_path: \"apps\", " + releases + "deps: []]\nend\n")
                .with("apps/shop/mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [app: :shop, version: \"0.1.0\", deps: []]\nend\n")
                .with("apps/template/mix.exs", "defmodule Template.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [app: :template, version: \"0.1.0\", deps: []]\nend\n")
                .with("config/config.exs", """
                        import Config
                        config :template, TemplateWeb.Endpoint, secret_key_base: "q8Vx2LmR0cT9wYb3NfKs7HdJ4pEa6UzG"
                        """);
        assertEquals(List.of(), check(project), "the skeleton new services are copied from");
        project.with("mix.exs", "defmodule Umbrella.MixProject do\n  use Mix.Project\n"
                + "  def project, do: [apps_path: \"apps\", deps: []]\nend\n");
        assertEquals(1, check(project).size(), "without listed applications every app ships");
    }

    @Test
    void placeholdersAreNotLeakedSecretsButSaySoWhenProductionKeepsThem() {
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("config/config.exs", CONFIG + """

                        config :shop, Shop.Captcha, secret_key: "0x0000000000000000000000000000000000000000"
                        config :shop, Shop.Weather, api_key: "my_api_key"
                        config :shop, Shop.Admin, password: "changeme"
                        """)
                .with("config/runtime.exs", """
                        import Config

                        if config_env() == :prod do
                          config :shop, Shop.Repo,
                            password: System.get_env("DB_PASSWORD", "postgres"),
                            url: System.get_env("DATABASE_URL") || "ecto://postgres:postgres@localhost/shop_dev"

                          config :shop, Shop.Admin, password: System.get_env("ADMIN_PASSWORD") || "changeme"
                          config :shop, Shop.Recaptcha,
                            secret_key: System.get_env("RECAPTCHA_SECRET") || "6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe"

                          if System.get_env("CAPTCHA_SECRET") do
                            config :shop, Shop.Captcha, secret_key: System.get_env("CAPTCHA_SECRET")
                          end
                        end
                        """);
        List<Finding> findings = check(project);
        assertEquals(List.of("\"my_api_key\""), findings.stream().map(ProjectFixture::covered).toList(),
                "replaced, maybe replaced, or a default fallback: silent");
        assertEquals("`api_key` for Shop.Weather in config/config.exs is the placeholder `my_api_key`, and nothing "
                + "replaces it for production: the app runs with a value anyone can read instead of a real secret.",
                findings.get(0).message());
    }

    @Test
    void theLoginOfAMailerNothingDeliversThroughIsNeverUsed() {
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("config/config.exs", CONFIG + "\nconfig :shop, Shop.Mailer, adapter: Bamboo.MandrillAdapter, "
                        + "api_key: \"my_api_key\"\n")
                .with("lib/shop/mailer.ex", "defmodule Shop.Mailer do\n  use Bamboo.Mailer, otp_app: :shop\nend\n");
        assertEquals(List.of(), check(project), "no module sends mail through Shop.Mailer");
        project.with("lib/shop/user_notifier.ex", "defmodule Shop.UserNotifier do\n  alias Shop.Mailer\n"
                + "  def deliver(email), do: Mailer.deliver_now(email)\nend\n");
        assertEquals(1, check(project).size(), "the notifier delivers through it: production sends with the placeholder");
    }

    @Test
    void aValueThatSaysNotToUseItInProductionIsAPlaceholder() {
        for (String value : List.of("ShopLocalKeyDoNotUseInProduction2025abcdef1234567890", "not-for-prod-8f2a9c")) {
            ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY).with("config/config.exs",
                    "import Config\nconfig :shop, Shop.Weather, api_key: \"" + value + "\"\n");
            List<Finding> findings = check(project);
            assertEquals(1, findings.size(), value);
            assertTrue(findings.get(0).message().contains("is the placeholder `" + value + "`"), findings.get(0).message());
        }
    }

    @Test
    void aRepoPasswordTheProductionUrlCarriesCredentialsForIsReplacedWhereverTheUrlIsSet() {
        // config.exs sets the Repo after importing prod.exs, whose url Ecto still reads the credentials from.
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("config/config.exs", """
                        import Config
                        import_config "#{config_env()}.exs"
                        config :shop, Shop.Repo, username: "shop", password: "Xk29sLqP0wZr7", port: "5434"
                        """)
                .with("config/dev.exs", "import Config\n")
                .with("config/test.exs", "import Config\n")
                .with("config/prod.exs", "import Config\nconfig :shop, Shop.Repo, url: System.get_env(\"DATABASE_URL\")\n");
        assertEquals(List.of(), check(project).stream().filter(f -> f.message().contains("Shop.Repo")).toList());
        project.with("config/prod.exs", "import Config\n");
        assertEquals(1, check(project).size(), "without a url the literal is the password");
    }

    @Test
    void aSecretLikeKeyAddedToAnEndpointThatNothingReadsIsNoSecretAnythingUses() {
        String endpoint = "defmodule ShopWeb.Endpoint do\n  use Phoenix.Endpoint, otp_app: :shop\nend\n";
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("lib/shop_web/endpoint.ex", endpoint)
                .with("config/config.exs", """
                        import Config
                        config :shop, ShopWeb.Endpoint,
                          url: [host: "localhost"],
                          secret_key_activation_token: "MwO5VMD4nt6KE8GU+ZJhfVtz1oDPnhxQ/ZYXJ381kAlOv5Cut3SxMHh6"
                        """);
        assertEquals(List.of(), check(project));
        project.with("lib/shop/accounts.ex", "defmodule Shop.Accounts do\n  def salt, do: ShopWeb.Endpoint.config(:secret_key_activation_token)\nend\n");
        assertEquals(1, check(project).size(), "read through Endpoint.config/1");
    }

    @Test
    void aNoteWrittenWhereThePasswordWouldBeIsAPlaceholder() {
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", """
                        import Config
                        config :shop, Shop.Repo, username: "shop", password: "see runtime config"
                        config :shop, Shop.Mailer, api_key: "correct horse battery staple"
                        """)
                .with("config/runtime.exs", """
                        import Config
                        config :shop, Shop.Repo, password: System.fetch_env!("DB_PASSWORD")
                        config :shop, Shop.Mailer, api_key: System.fetch_env!("MAILER_API_KEY")
                        """);
        assertEquals(List.of("\"correct horse battery staple\""),
                check(project).stream().map(ProjectFixture::covered).toList(),
                "a note that points elsewhere is no secret; a passphrase of plain words may be one");
    }

    @Test
    void whatAnImportedFileTheRepositoryDoesNotHoldMaySetIsNotKnownToReachProduction() {
        // The Phoenix 1.5 and older layout: prod.exs ends importing the gitignored prod.secret.exs.
        ProjectFixture project = new ProjectFixture(dir).with("Procfile", "web: mix phx.server\n")
                .with("config/config.exs", """
                        import Config

                        config :shop, ShopWeb.Endpoint,
                          secret_key_base: "GxtfaDIKOkay5x2k0cxuJYQPX4BEyeo9fHynynmVqtiJoDgZqM8gvXT8dSMXekhI"

                        import_config "#{config_env()}.exs"
                        """)
                .with("config/dev.exs", "import Config\n")
                .with("config/test.exs", "import Config\n")
                .with("config/prod.exs", """
                        import Config

                        config :shop, Shop.Repo, username: "postgres", password: "postgres", hostname: "localhost"
                        config :shop, Shop.Weather, api_key: "Zq8v3L0wYw1nX6kR2pT9"

                        import_config "prod.secret.exs"

                        config :shop, Shop.Maps, api_key: "Hc4mB7jD5fG1aE8uK3oQ"
                        """);
        assertEquals(List.of("\"Hc4mB7jD5fG1aE8uK3oQ\""), check(project).stream().map(ProjectFixture::covered).toList(),
                "only what is set after the file it cannot see");

        project.with("config/prod.secret.exs", "import Config\nconfig :shop, Shop.Repo, pool_size: 10\n");
        assertEquals(List.of("\"GxtfaDIKOkay5x2k0cxuJYQPX4BEyeo9fHynynmVqtiJoDgZqM8gvXT8dSMXekhI\"",
                        "\"postgres\"", "\"Zq8v3L0wYw1nX6kR2pT9\"", "\"Hc4mB7jD5fG1aE8uK3oQ\""),
                check(project).stream().map(ProjectFixture::covered).toList(), "a committed file is read as it is");
    }

    @Test
    void aKeyOfTheAppsOwnConfigThatNothingReadsIsNoSecretAnythingUses() {
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, version: \"0.1.0\"]\nend\n")
                .with("config/config.exs", CONFIG)
                .with("config/runtime.exs", """
                        import Config
                        config :shop, bot_token: System.get_env("BOT_TOKEN", "Zq8v3L0wYw1nX6"),
                          api_token: System.get_env("API_TOKEN", "Pw4r7Tn2Vb9Kx1")
                        """)
                .with("lib/shop/api.ex", "defmodule Shop.Api do\n  def token, do: Application.fetch_env!(:shop, :api_token)\nend\n");
        assertEquals(List.of("System.get_env(\"API_TOKEN\", \"Pw4r7Tn2Vb9Kx1\")"),
                check(project).stream().map(ProjectFixture::covered).toList());
        project.with("lib/shop.ex", "defmodule Shop do\n  def get_env!(key), do: Application.fetch_env!(:shop, key)\nend\n");
        assertEquals(1, check(project).size(), "a function the code passes keys to reads the keys the code names");
        project.with("lib/shop/bot.ex", "defmodule Shop.Bot do\n  def key(name), do: String.to_atom(name <> \"_token\")\nend\n");
        assertEquals(2, check(project).size(), "where the code makes atoms of text, any key may be read");
    }

    @Test
    void aKeyAConformSchemaMapsIsSetFromTheReleasesConfFileAtBoot() {
        String schema = """
                [
                  extends: [],
                  import: [],
                  mappings: [
                    "guardian.Elixir.Guardian.secret_key": [
                      commented: false,
                      datatype: :binary,
                      env_var: "SECRET_KEY",
                      hidden: false
                    ]
                  ],
                  transforms: [],
                  validators: []
                ]
                """;
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, "
                        + "version: \"0.1.0\", deps: [{:distillery, \"~> 1.5\"}, {:conform, \"~> 2.3\"}]]\nend\n")
                .with("config/config.exs", CONFIG + "config :guardian, Guardian, secret_key: \"Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG\"\n")
                .with("config/shop.schema.exs", schema);
        assertEquals(List.of(), check(project), "Conform translates the operator's shop.conf into config at boot");
        assertEquals(1, check(project.with("config/shop.schema.exs", schema.replace("guardian.Elixir.Guardian.secret_key",
                "guardian.Elixir.Guardian.issuer"))).size(), "a schema that maps another key");
        // The mapping's own name is a short one; `to:` says which key it sets.
        String named = schema.replace("\"guardian.Elixir.Guardian.secret_key\": [", "\"shop.guardian_key\": [")
                .replace("hidden: false", "hidden: false,\n      to: \"guardian.Elixir.Guardian.secret_key\"");
        assertEquals(List.of(), check(project.with("config/shop.schema.exs", named)), "the key it maps to is set at boot");
        assertEquals(1, check(project.with("config/shop.schema.exs", named.replace("to: \"guardian.Elixir.Guardian.secret_key\"",
                "to: \"guardian.Elixir.Guardian.issuer\""))).size(), "a mapping to another key");
    }

    @Test
    void aRuntimeConfigTheBuildWritesFromASecretReplacesWhatItsTemplateSets() {
        String workflow = """
                on: push
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - run: |
                          echo '${{ secrets.RELEASES_SECRETS }}' >> config/releases.exs
                          docker build --tag shop .
                """;
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, "
                        + "version: \"0.1.0\", elixir: \"~> 1.10\"]\nend\n")
                .with("Dockerfile", "FROM hexpm/elixir:1.10.4-erlang-23.0.2-alpine-3.12.0\nCOPY . .\n"
                        + "RUN MIX_ENV=prod mix release\nCMD [\"_build/prod/rel/shop/bin/shop\", \"start\"]\n")
                .with("config/config.exs", CONFIG.replace("url: [host: \"localhost\"],",
                        "url: [host: \"localhost\"],\n  secret_key_base: \"opws1EmgzMXcvizL4aa4yjIHQ5sn4iLXv/5oW5Q3MEW4KnOOJR3GJ\","))
                .with("config/prod.exs", "import Config\n");
        assertEquals(1, check(project).size(), "nothing replaces the committed key");
        project.with(".github/workflows/deploy.yml", workflow);
        assertEquals(List.of(), check(project), "a releases.exs nobody can read may set it");
        project.with("config/releases.sample.exs", "import Config\n\nconfig :shop, ShopWeb.Endpoint,\n"
                + "  http: [port: 4000],\n  secret_key_base: \"add_secret_key_base\"\n");
        assertEquals(List.of(), check(project), "its template sets it");
        project.with("config/releases.sample.exs", "import Config\n\nconfig :shop, Shop.Repo, password: \"\"\n");
        assertEquals(1, check(project).size(), "its template sets only the database");
    }

    @Test
    void configOfAnAppTheBuildDoesNotHaveReachesNothing() {
        String runtime = """
                import Config
                config :shopp, Shop.Repo, password: "Pw4r7Tn2Vb9Kx1"
                config :ex_aws, secret_access_key: "Zq8v3L0wYw1nX6kR2pT9"
                """;
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [app: :shop, version: \"0.1.0\", "
                        + "deps: [{:ecto_sql, \"~> 3.10\"}, {:postgrex, \">= 0.0.0\"}, {:ex_aws, \"~> 2.5\"}]]\nend\n")
                .with("config/config.exs", CONFIG)
                .with("config/runtime.exs", runtime)
                .with("lib/shop/repo.ex", "defmodule Shop.Repo do\n  use Ecto.Repo, otp_app: :shop, adapter: Ecto.Adapters.Postgres\nend\n");
        assertEquals(2, check(project).size(), "without a mix.lock nothing says which apps the build has");
        project.with("mix.lock", "%{\n  \"ex_aws\": {:hex, :ex_aws, \"2.5.0\", \"abc\", [:mix], [], \"hexpm\", \"def\"},\n}\n");
        assertEquals(List.of("\"Zq8v3L0wYw1nX6kR2pT9\""), check(project).stream().map(ProjectFixture::covered).toList(),
                ":shopp is no app of the build (the repo's otp_app is :shop); ex_aws is locked");
    }

    @Test
    void aSecretKeyBaseTheEndpointsInitCallbackReplacesAtBootIsNotWhatProductionSignsWith() {
        String init = """
                defmodule ShopWeb.Endpoint do
                  use Phoenix.Endpoint, otp_app: :shop
                  plug Plug.Session, store: :cookie, key: "_shop_key", signing_salt: "abc"

                  def init(_type, config) do
                    if config[:load_from_system_env] do
                      {:ok, Keyword.put(config, :secret_key_base, System.fetch_env!("SECRET_KEY_BASE"))}
                    else
                      {:ok, config}
                    end
                  end
                end
                """;
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("config/config.exs", CONFIG.replace("url: [host: \"localhost\"],", "url: [host: \"localhost\"],\n"
                        + "  secret_key_base: \"Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3oQ6iV0yN2xW4rS7tC9lJ5hP1d\","))
                .with("config/prod.exs", "import Config\nconfig :shop, ShopWeb.Endpoint, load_from_system_env: true\n");
        assertEquals(1, check(project.with("lib/shop_web/endpoint.ex", init.replace(":secret_key_base", ":http"))).size(),
                "an init/2 that sets something else leaves the committed key in effect");
        assertEquals(List.of(), check(project.with("lib/shop_web/endpoint.ex", init)));
    }

    @Test
    void aSymmetricJsonWebKeyWrittenAsAMapIsALiteralSecret() {
        String guardian = """
                import Config
                config :shop, Shop.Guardian,
                  allowed_algos: ["HS512"],
                  secret_key: %{
                    "k" => "_AbBL082GKlPjoY9o-KM78PhyALavJRtZXOW7D-ZyqE",
                    "kty" => "oct"
                  }
                """;
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY).with("config/config.exs", guardian)
                .with("lib/shop/guardian.ex", "defmodule Shop.Guardian do\n  use Guardian, otp_app: :shop\nend\n");
        assertEquals(List.of("\"_AbBL082GKlPjoY9o-KM78PhyALavJRtZXOW7D-ZyqE\""),
                check(project).stream().map(ProjectFixture::covered).toList(), "the HMAC key's material");
        assertEquals(List.of(), check(project.with("config/config.exs", guardian.replace("\"oct\"", "\"RSA\""))),
                "another kind of key says nothing of a \"k\"");
    }

    @Test
    void aSecretKeyBaseTheEndpointsInitHandsToAProjectModuleThatReplacesItIsNotWhatProductionSignsWith() {
        String endpoint = """
                defmodule ShopWeb.Endpoint do
                  use Phoenix.Endpoint, otp_app: :shop
                  alias Shop.EnvConfig
                  plug Plug.Session, store: :cookie, key: "_shop_key", signing_salt: "abc"

                  def init(:supervisor, opts) do
                    {:ok, EnvConfig.override_endpoint(System.get_env(), opts)}
                  end
                end
                """;
        String envConfig = """
                defmodule Shop.EnvConfig do
                  def override_endpoint(env, opts) do
                    apply_config(:secret_key_base, env["SECRET_KEY_BASE"], opts)
                  end

                  defp apply_config(_key, nil, opts), do: opts
                  defp apply_config(key, value, opts), do: Keyword.put(opts, key, value)
                end
                """;
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("config/config.exs", CONFIG.replace("url: [host: \"localhost\"],", "url: [host: \"localhost\"],\n"
                        + "  secret_key_base: \"Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3oQ6iV0yN2xW4rS7tC9lJ5hP1d\","))
                .with("config/prod.exs", "import Config\n")
                .with("lib/shop_web/endpoint.ex", endpoint);
        assertEquals(1, check(project.with("lib/shop/env_config.ex", envConfig.replace(":secret_key_base", ":http")
                .replace("SECRET_KEY_BASE", "PORT"))).size(), "the module it hands the config to sets something else");
        assertEquals(List.of(), check(project.with("lib/shop/env_config.ex", envConfig)));
        assertEquals(1, check(project.with("lib/shop_web/endpoint.ex", endpoint.replace("System.get_env(), opts",
                "System.get_env(), []"))).size(), "a call that is not given the config cannot change it");
    }

    @Test
    void whatAnEnvironmentOfAnotherNameThatProductionRunsInEndsWithIsProductions() {
        String literal = "kL9xQ2vB7nM4pR8sT1wY5zA3cD6fG0hJ2kL9xQ2vB7nM4pR8sT1wY5zA3cD6fG0h";
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG.replace("url: [host: \"localhost\"],", "url: [host: \"localhost\"],\n"
                        + "  secret_key_base: \"" + literal + "\","))
                .with("config/prod.exs", "import Config\nconfig :shop, ShopWeb.Endpoint, secret_key_base: "
                        + "System.fetch_env!(\"SECRET_KEY_BASE\")\n")
                .with("config/docker.exs", "import Config\nconfig :shop, ShopWeb.Endpoint, http: [port: 8000]\n")
                .with("Dockerfile", "FROM elixir:1.16\nENV MIX_ENV=prod\nCOPY . .\nCMD [\"mix\", \"phx.server\"]\n");
        assertEquals(List.of(), check(project), "prod replaces the literal config.exs shares with dev and test");
        List<Finding> findings = check(project.with("docker-compose.yml",
                "services:\n  web:\n    build: .\n    restart: always\n    environment:\n      MIX_ENV: docker\n"));
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("\"" + literal + "\"", ProjectFixture.covered(findings.get(0)));
        assertTrue(findings.get(0).message().endsWith(" MIX_ENV=docker ends with it, and production runs in that "
                + "environment (docker-compose.yml gives the app MIX_ENV=docker)."), findings.get(0).message());
        assertEquals(List.of(), findings.get(0).fixes(), "prod's runtime config is not read in that environment");
    }

    @Test
    void anImageThatServesWithMixInDevelopmentShowsNoDeployment() {
        String dockerfile = "FROM elixir:latest\nWORKDIR /app\nCOPY . /app\nRUN mix deps.get && mix compile\n"
                + "CMD [\"/app/entrypoint.sh\"]\n";
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG + "\nconfig :shop, Shop.Guardian,\n  issuer: \"shop\",\n"
                        + "  secret_key: System.get_env(\"GUARDIAN_SECRET_KEY\") || \"some_secret_key\"\n")
                .with("lib/shop/guardian.ex", "defmodule Shop.Guardian do\n  use Guardian, otp_app: :shop\nend\n")
                .with("entrypoint.sh", "#!/bin/bash\nmix ecto.migrate\nmix phx.server\n")
                .with("Dockerfile", dockerfile);
        assertEquals(List.of(), check(project), "Mix runs dev there: a developer's container, and nothing else deploys");
        assertEquals(1, check(project.with("Dockerfile", dockerfile.replace("WORKDIR /app\n",
                "WORKDIR /app\nENV MIX_ENV=prod\n"))).size(), "the same image serving prod is a deployment");
        assertEquals(1, check(project.with("Dockerfile", dockerfile.replace("mix deps.get", "mix deps.get --only prod")))
                .size(), "an image prepared for prod, which a scheduler starts with prod's environment");
    }

    @Test
    void theConfigOfAModuleTheProjectNeitherDefinesNorMentionsSignsNothing() {
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, version: \"0.1.0\"]\nend\n")
                .with("config/config.exs", CONFIG + "\nconfig :shop, Shop.UserManager.Guardian,\n  issuer: \"shop\",\n"
                        + "  secret_key: \"Zq8v3L0wYw1nX6kR2pT9sV4bN7mQ1xC5\"\n")
                .with("lib/shop/accounts.ex", "defmodule Shop.Accounts do\n  def list, do: []\nend\n");
        assertEquals(List.of(), check(project), "left behind: no module of that name, nothing reads its config");
        assertEquals(1, check(project.with("config/prod.exs", "import Config\nconfig :shop, Shop.Billing, "
                + "stripe_key: \"sk_live_51HqLyjWDarjtT1zdp7dcXm1\"\n")).size(),
                "an API key gives its service away whether or not the code uses it");
        assertEquals(1, check(project.with("config/prod.exs", "import Config\n").with("lib/shop/user_manager/guardian.ex",
                "defmodule Shop.UserManager.Guardian do\n  use Guardian, otp_app: :shop\nend\n")).size());
    }

    @Test
    void aHelperThatReadsTheKeysItIsGivenReadsNoModuleTheCodeDoesNotName() {
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, version: \"0.1.0\"]\nend\n")
                .with("config/config.exs", CONFIG + "\nconfig :shop, ShopWeb.Guardian,\n  issuer: \"shop\",\n"
                        + "  secret_key: \"Zq8v3L0wYw1nX6kR2pT9sV4bN7mQ1xC5\"\n")
                .with("lib/shop/defaults.ex", "defmodule Shop.Defaults do\n  def default(:max_rooms), do: value(:max_rooms, 16)\n"
                        + "  defp value(key, default), do: Application.get_env(:shop, key, default)\nend\n");
        assertEquals(List.of(), check(project), "the helper reads :max_rooms, the one key the code gives it");
        assertEquals(1, check(project.with("lib/shop/plugins.ex", "defmodule Shop.Plugins do\n"
                + "  def config(name), do: Application.get_env(:shop, Module.concat(ShopWeb, name))\nend\n")).size(),
                "code that makes module names may read any module's key");
    }

    @Test
    void theSecretKeyBaseOfAnEndpointTheProjectDoesNotHaveSignsNothing() {
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, version: \"0.1.0\"]\nend\n")
                .with("config/config.exs", "import Config\nconfig :shop, Shop.Endpoint, url: [host: \"localhost\"]\n"
                        + "import_config \"#{config_env()}.exs\"\n")
                .with("config/prod.exs", "import Config\nconfig :shop, ShopWeb.Endpoint,\n"
                        + "  secret_key_base: \"Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3oQ6iV0yN2xW4rS7tC9lJ5hP1d\"\n")
                .with("lib/shop/endpoint.ex", "defmodule Shop.Endpoint do\n  use Phoenix.Endpoint, otp_app: :shop\n"
                        + "  plug Plug.Session, store: :cookie, key: \"_shop_key\", signing_salt: \"abc\"\n"
                        + "  plug Shop.Router\nend\n");
        assertEquals(List.of(), check(project), "ShopWeb.Endpoint is a misspelt name: Shop.Endpoint never reads it");
        assertEquals(1, check(project.with("lib/shop_web/broadcast.ex", "defmodule Shop.Broadcast do\n"
                + "  alias ShopWeb.Endpoint\n  def send(topic), do: Endpoint.broadcast(topic, \"new\", %{})\nend\n")).size(),
                "a module that aliases it names it");
    }

    @Test
    void aFillerThatTheSameListGivesSettingsThatAreNoSecretsIsNoCredential() {
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("config/config.exs", CONFIG)
                .with("lib/shop/guardian.ex", "defmodule Shop.Guardian do\n  use Guardian, otp_app: :shop\nend\n")
                .with("lib/shop/payments.ex", "defmodule Shop.Payments do\n"
                        + "  def config, do: Application.fetch_env!(:shop, :payments)\nend\n")
                .with("lib/shop/twitter.ex", "defmodule Shop.Twitter do\n"
                        + "  def config, do: Application.fetch_env!(:shop, :twitter)\nend\n")
                .with("config/runtime.exs", """
                        import Config

                        if config_env() == :prod do
                          config :shop, :oauth,
                            github_client_id: System.get_env("GITHUB_CLIENT_ID", "ASFD"),
                            github_client_secret: System.get_env("GITHUB_CLIENT_SECRET", "ASFD"),
                            auth_url: System.get_env("AUTH_URL") || "ASFD"

                          config :shop, :twitter,
                            bearer_token: System.get_env("BEARER_TOKEN", "bearer-token"),
                            oauth_token_secret: System.get_env("TW_SECRET", "oauth-token-secret"),
                            consumer_secret: System.get_env("TWITTER_CONSUMER_SECRET") || "twitter_consumer_secret"

                          config :shop, :payments,
                            client_id: System.get_env("PAYMENTS_ID", "shop"),
                            client_secret: System.get_env("PAYMENTS_SECRET", "Zq8v3L0wYw1nX6kR2pT9")

                          config :shop, Shop.Guardian,
                            issuer: System.get_env("GUARDIAN_ISSUER", "ASFD"),
                            secret_key: System.get_env("GUARDIAN_SECRET_KEY", "ASFD")
                        end
                        """);
        List<Finding> findings = check(project);
        assertEquals(List.of("System.get_env(\"PAYMENTS_SECRET\", \"Zq8v3L0wYw1nX6kR2pT9\")",
                        "System.get_env(\"GUARDIAN_SECRET_KEY\", \"ASFD\")"),
                findings.stream().map(ProjectFixture::covered).toList(),
                "a third party's secret with the ids' filler, or its own name spelled out, protects and exposes "
                + "nothing; a signing key does");
        assertEquals("`secret_key` for Shop.Guardian in config/runtime.exs falls back to the placeholder `ASFD` when "
                + "GUARDIAN_SECRET_KEY is unset: the app then signs with a value anyone can read instead of failing "
                + "without its key.", findings.get(1).message());
    }

    @Test
    void aPlaceholderPasswordOfTheAppsOwnLoginThatProductionKeepsIsSaidToBeOne() {
        String runtime = """
                import Config
                config :shop, :admin_password, System.get_env("ADMIN_PASSWORD") || "changeme"
                config :shop, :basic_auth, username: "ops", password: System.get_env("BASIC_AUTH_PASSWORD", "changeme")
                config :shop, Shop.Mailer, password: System.get_env("SMTP_PASSWORD") || "changeme"
                config :shop, :weather, api_key: System.get_env("WEATHER_API_KEY") || "changeme"
                config :shop, :metadb, hostname: System.get_env("METADB_HOST", "postgres"),
                  password: System.get_env("METADB_PASSWORD", "postgres")
                """;
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY).with("config/config.exs", CONFIG)
                .with("config/runtime.exs", runtime)
                .with("lib/shop/admin.ex", "defmodule Shop.Admin do\n  def password, do: {Application.get_env(:shop, "
                        + ":admin_password), Application.get_env(:shop, :basic_auth), Application.get_env(:shop, :weather),"
                        + " Application.get_env(:shop, :metadb)}\nend\n");
        List<Finding> findings = check(project);
        assertEquals(List.of("System.get_env(\"ADMIN_PASSWORD\") || \"changeme\"",
                        "System.get_env(\"BASIC_AUTH_PASSWORD\", \"changeme\")"),
                findings.stream().map(ProjectFixture::covered).toList(),
                "a mailer's or a database's login fails to connect with a placeholder, and an API key opens nothing of "
                        + "the app");
        assertEquals("`admin_password` of :shop in config/runtime.exs falls back to the placeholder `changeme` when "
                + "ADMIN_PASSWORD is unset, and no deployment of this repository sets ADMIN_PASSWORD: production runs "
                + "with a value anyone can guess instead of failing at boot.", findings.get(0).message());
        project.with("docker_compose/shop_compose.yml", "services:\n  shop:\n    image: shop\n    environment:\n"
                + "      - ADMIN_PASSWORD\n      - BASIC_AUTH_PASSWORD\n");
        assertEquals(List.of(), check(project), "a Compose file by another name passes the variables through");
        project.with("docker_compose/shop_compose.yml", "services: {}\n")
                .with("fly.toml", FLY + "[env]\n  ADMIN_PASSWORD_FILE = \"/run/x\"\n")
                .with("README.md", "Set ADMIN_PASSWORD and BASIC_AUTH_PASSWORD with `fly secrets set`.\n");
        assertEquals(List.of(), check(project), "a deployment that names the variables sets them");
    }

    @Test
    void aConnectionStringPastedWhereTheVariablesNameGoesIsCommitted() {
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY).with("config/config.exs", CONFIG)
                .with("config/prod.exs", """
                        import Config
                        config :shop, Shop.Repo,
                          url: System.get_env("postgresql://shop_user:Xq81vLmZ0p@dpg-cq1a2b3c.oregon-postgres.render.com/shop"),
                          pool_size: String.to_integer(System.get_env("POOL_SIZE") || "10")
                        """);
        Finding finding = only(check(project));
        assertEquals("\"postgresql://shop_user:Xq81vLmZ0p@dpg-cq1a2b3c.oregon-postgres.render.com/shop\"",
                ProjectFixture.covered(finding));
        assertTrue(finding.message().startsWith("The connection string itself, password included, is written where "
                + "the read expects the name of a variable in config/prod.exs"), finding.message());
        project.with("config/prod.exs", "import Config\nconfig :shop, Shop.Repo, url: System.get_env(\"DATABASE_URL\", "
                + "\"ecto://postgres:postgres@localhost/shop\")\n");
        assertEquals(List.of(), check(project), "a local fallback URL is no pasted secret");
    }

    @Test
    void thePublishedExampleLoginOfAnIntegrationThatIsOffIsNoSecret() {
        String config = CONFIG + """
                config :shop, Shop.Logging.ObserveBackend,
                  default: [enabled: %s, endpoint: "http://localhost:5080", username: "root@example.com",
                    password: "Complexpass#123"]
                """;
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("config/config.exs", config.formatted("false"))
                .with("lib/shop/logging.ex", "defmodule Shop.Logging do\n  def config, do: "
                        + "Application.get_env(:shop, Shop.Logging.ObserveBackend)\nend\n");
        assertEquals(List.of(), check(project), "OpenObserve's quickstart login, for a backend that is off");
        List<Finding> on = check(project.with("config/config.exs", config.formatted("true")));
        assertEquals(1, on.size(), on.toString());
        assertTrue(on.get(0).message().contains("is the placeholder `Complexpass#123`"), on.get(0).message());
    }

    @Test
    void aLoginToTheMachineItselfOrToTheDevelopersMachineIsALocalServices() {
        String runtime = """
                import Config
                config :shop, Shop.Repo, hostname: "host.docker.internal", username: "root", password: "Kq8vT3zW9pLx"
                config :shop, Shop.Cache, host: "cache.internal", password: "Kq8vT3zW9pLx"
                """;
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY).with("config/config.exs", CONFIG)
                .with("config/runtime.exs", runtime);
        assertEquals(List.of("\"Kq8vT3zW9pLx\""), check(project).stream().map(ProjectFixture::covered).toList(),
                "only the login to another machine is production's");
    }

    @Test
    void aPlaceholderInAConfigFileGitLeavesOutIsTheTemplateOfTheOneFilledInWhereItIsBuilt() {
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY).with("config/config.exs", CONFIG)
                .with("config/runtime.exs", "import Config\nconfig :shop, :mineskin, api_key: \"your mineskin api key\"\n"
                        + "config :shop, :stripe, secret: \"sk_live_4eC39HqLyjWDarjtT1zdp7dc\"\n");
        assertEquals(2, check(project).size());
        project.with(".gitignore", "/_build/\n# Ignore configs so we can change them locally\n/config/\n");
        assertEquals(List.of("\"sk_live_4eC39HqLyjWDarjtT1zdp7dc\""),
                check(project).stream().map(ProjectFixture::covered).toList(),
                "a committed secret still leaks; a placeholder there is filled in where the release is built");
    }

    @Test
    void aPlaceholderOrDefaultLoginIsProductionsOnlyWhereADeploymentIsInSight() {
        ProjectFixture project = new ProjectFixture(dir).with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\nconfig :shop, Shop.Repo, username: \"postgres\", "
                        + "password: \"postgres\", database: \"shop_prod\"\n"
                        + "config :shop, :stripe, secret: \"sk_live_4eC39HqLyjWDarjtT1zdp7dc\"\n");
        assertEquals(List.of("\"sk_live_4eC39HqLyjWDarjtT1zdp7dc\""),
                check(project).stream().map(ProjectFixture::covered).toList(),
                "a committed secret leaks anyway; a default login harms no production that nothing shows");
        project.with("fly.toml", FLY);
        assertEquals(2, check(project).size(), "deployed, production runs with the default login");
    }

    @Test
    void theLoginOfARepoInAProjectThatTalksToNoDatabaseIsLeftoverConfig() {
        String prod = "import Config\nconfig :shop, Shop.Repo, username: \"postgres\", password: \"postgres\"\n"
                + "config :shop, :stripe, secret: \"sk_live_4eC39HqLyjWDarjtT1zdp7dc\"\n";
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY).with("config/config.exs", CONFIG)
                .with("config/prod.exs", prod)
                .with("lib/shop/application.ex", """
                        defmodule Shop.Application do
                          use Application
                          def start(_type, _args), do: Supervisor.start_link([ShopWeb.Endpoint], strategy: :one_for_one)
                        end
                        """);
        assertEquals(List.of("\"sk_live_4eC39HqLyjWDarjtT1zdp7dc\""),
                check(project).stream().map(ProjectFixture::covered).toList(),
                "no repo module and no adapter: the repo was removed and its login connects nothing; a vendor's key "
                + "leaks all the same");

        ProjectFixture withRepo = new ProjectFixture(dir.resolve("with-repo")).with("fly.toml", FLY)
                .with("config/config.exs", CONFIG).with("config/prod.exs", prod)
                .with("lib/shop/repo.ex", "defmodule Shop.Repo do\n  use Ecto.Repo, otp_app: :shop, "
                        + "adapter: Ecto.Adapters.Postgres\nend\n")
                .with("mix.exs", """
                        defmodule Shop.MixProject do
                          use Mix.Project
                          def project do
                            [app: :shop, version: "0.1.0", deps: [{:ecto_sql, "~> 3.10"}, {:postgrex, ">= 0.0.0"}]]
                          end
                        end
                        """);
        assertEquals(2, check(withRepo).size(), "the repo connects with the default login");

        ProjectFixture dependencysRepo = new ProjectFixture(dir.resolve("dependency-repo")).with("fly.toml", FLY)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", prod.replace(":shop, Shop.Repo", ":core, Core.Repo"))
                .with("lib/shop/application.ex", "defmodule Shop.Application do\n  use Application\nend\n");
        assertEquals(2, check(dependencysRepo).size(), "the repo of another app, a dependency's: defined out of sight");
    }

    @Test
    void theDefaultLoginOfTheStacksOwnDatabaseThatNoPortPublishesReachesNothingOutside() {
        String compose = """
                services:
                  db:
                    image: postgres:16
                  web:
                    build: .
                    restart: always
                    ports: ["80:4000"]
                """;
        ProjectFixture project = new ProjectFixture(dir).with("config/config.exs", CONFIG).with("fly.toml", FLY)
                .with("config/prod.exs", "import Config\nconfig :shop, Shop.Repo, username: \"postgres\", "
                        + "password: \"postgres\", hostname: \"db\"\n"
                        + "config :shop, Shop.Cache, username: \"admin\", password: \"admin\", hostname: \"cache\"\n"
                        + "config :shop, Shop.Legacy, password: \"R7xq2Lm9Vt4K\", hostname: \"db\"\n")
                .with("docker-compose.yml", compose);
        assertEquals(List.of("\"admin\"", "\"R7xq2Lm9Vt4K\""), check(project).stream().map(ProjectFixture::covered).toList(),
                "a host the stack does not run, and a real password, are still reported");
        project.with("docker-compose.prod.yml", "services:\n  db:\n    ports: [\"5432:5432\"]\n");
        assertEquals(3, check(project).size(), "a published database port lets anyone who can reach the host try it");
    }

    @Test
    void aDistilleryPlaceholderThatNothingReplacesIsTheSecretItself() {
        ProjectFixture project = new ProjectFixture(dir).with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\nconfig :shop, ShopWeb.Endpoint, secret_key_base: \"${SECRET_KEY_BASE}\"\n")
                .with("Dockerfile", "FROM elixir:1.15\nENV MIX_ENV=prod\nCOPY . .\nCMD [\"mix\", \"phx.server\"]\n");
        Finding finding = check(project).get(0);
        assertEquals("\"${SECRET_KEY_BASE}\"", ProjectFixture.covered(finding));
        assertTrue(finding.message().contains("is the text `${SECRET_KEY_BASE}`: only Distillery and exrm releases "
                + "replace such placeholders at boot (REPLACE_OS_VARS), and this project runs with Mix"), finding.message());
        project.with("Dockerfile", "FROM elixir:1.15\nENV MIX_ENV=prod\nCOPY . .\nRUN envsubst < config/prod.exs > config/prod.exs.new\n"
                + "CMD [\"mix\", \"phx.server\"]\n");
        assertEquals(List.of(), check(project), "the deployment fills the placeholders in itself");
        project.with("Dockerfile", "FROM elixir:1.15\nCOPY . .\nCMD [\"mix\", \"phx.server\"]\n");
        assertEquals(List.of(), check(project), "an image that serves dev never reads prod.exs");
        project.with("Dockerfile", "FROM elixir:1.15\nCOPY . .\nRUN mix deps.get --only prod\nCMD [\"mix\", \"phx.server\"]\n");
        assertEquals(1, check(project).size(), "an image prepared for prod, whose scheduler gives it MIX_ENV "
                + "(mikenomitch/platemail)");
        project.with("Dockerfile", "FROM elixir:1.15\nENV MIX_ENV=prod\nCOPY . .\nCMD [\"mix\", \"phx.server\"]\n")
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, "
                        + "version: \"0.1.0\", deps: [{:distillery, \"~> 2.0\"}]]\nend\n")
                .with("rel/config.exs", "use Mix.Releases.Config\nrelease :shop do\nend\n");
        assertEquals(1, check(project).size(), "a rel/config.exs beside an image that serves with Mix replaces nothing");
        project.with("Dockerfile", "FROM elixir:1.8\nCOPY . .\nRUN MIX_ENV=prod mix release --env=prod\n"
                + "CMD [\"_build/prod/rel/shop/bin/shop\", \"foreground\"]\n");
        assertEquals(List.of(), check(project), "a Distillery release replaces it at boot");
        project.with("Procfile", "web: MIX_ENV=heroku mix phx.server\n")
                .with("Dockerfile", "FROM elixir:1.10\nENV MIX_ENV=prod\nCOPY . .\n"
                        + "RUN MIX_ENV=prod mix distillery.release --env=prod\nCMD [\"_build/prod/rel/shop/bin/shop\", \"foreground\"]\n");
        assertEquals(List.of(), check(project), "the image builds the Distillery release beside a Heroku Mix path "
                + "(AlloyCI/alloy_ci)");
        project.with("Procfile", null);
        project.with("mix.lock", "%{\n  \"distillery\": {:hex, :distillery, \"2.0.14\", \"f933\", [:mix], [], \"hexpm\"},\n}\n")
                .with("Dockerfile", "FROM elixir:1.15\nCOPY . .\nRUN MIX_ENV=prod mix release\n"
                        + "CMD [\"_build/prod/rel/shop/bin/shop\", \"start\"]\n");
        assertTrue(check(project).get(0).message().contains("and this project builds Elixir's own release"),
                "Elixir 1.15's own mix release shadows Distillery 2.0's, and replaces nothing");
    }

    @Test
    void gigalixirBuildsDistilleryWhereRelConfigExsIsWhateverMixExsDeclares() {
        // soanseng/TgNewsBot: Distillery 2.1 and rel/config.exs beside mix.exs `releases:`, deployed to Gigalixir.
        ProjectFixture project = new ProjectFixture(dir).with("config/config.exs", CONFIG)
                .with("config/prod.exs", "use Mix.Config\nconfig :shop, ShopWeb.Endpoint, "
                        + "secret_key_base: \"${SECRET_KEY_BASE}\"\n")
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, "
                        + "version: \"0.1.0\", deps: [{:distillery, \"~> 2.1\"}], releases: [shop: []]]\nend\n")
                .with("rel/config.exs", "use Distillery.Releases.Config\nrelease :shop do\nend\n")
                .with("elixir_buildpack.config", "elixir_version=1.9.4\nerlang_version=22.2\n");
        assertEquals(List.of(), check(project), "Gigalixir's Distillery build replaces the placeholder at boot");
        project.with("build.release.sh", "#!/usr/bin/env bash\nMIX_ENV=prod mix release --overwrite\n");
        assertEquals(1, check(project).size(),
                "a script of the project builds Elixir's release (TomGrozev/SAD-Badges)");
        project.with("build.release.sh", null);
        project.with(".buildpacks", "https://github.com/HashNuke/heroku-buildpack-elixir\n"
                + "https://github.com/gigalixir/gigalixir-buildpack-releases.git\n");
        assertEquals(1, check(project).size(), "its releases buildpack, named, builds Elixir's release");
    }

    @Test
    void aSecretInTheEnvironmentOfAProductionComposeServiceThatRunsTheReleaseIsCommitted() {
        String compose = """
                services:
                  web:
                    build: .
                    command: /app/bin/shop start
                    ports:
                      - "80:4000"
                    environment:
                      SECRET_KEY_BASE: "UDWLdQ4flBCR2W7j1ECKj4VZUtop6st4+OBoCXjJMIn0TPDO++xyxbzOR1qN7pK7"
                      DATABASE_URL: ${DATABASE_URL:-ecto://postgres:example@db/shop}
                      STRIPE_SECRET: ${STRIPE_SECRET}
                """;
        ProjectFixture project = new ProjectFixture(dir).with("config/config.exs", CONFIG)
                .with("docker-compose.yml", compose);
        Finding finding = check(project).get(0);
        assertEquals("UDWLdQ4flBCR2W7j1ECKj4VZUtop6st4+OBoCXjJMIn0TPDO++xyxbzOR1qN7pK7", ProjectFixture.covered(finding));
        assertTrue(finding.message().startsWith("SECRET_KEY_BASE in docker-compose.yml is a literal value, committed with "
                + "the Compose file that runs the release"), finding.message());
        assertEquals(1, check(project).size(), "values Compose takes from its own environment are not written here");
        project.with("docker-compose.yml", compose.replace("/app/bin/shop start", "mix phx.server"));
        assertEquals(List.of(), check(project), "a service that runs Mix is a development one");
        project.with("docker-compose.yml", compose.replace("\"80:4000\"", "\"4000:4000\""));
        assertEquals(List.of(), check(project), "a release tried out locally: nothing serves the public");
        project.with("docker-compose.yml", compose.replace("STRIPE_SECRET: ${STRIPE_SECRET}",
                "PHX_URL: http://localhost:4000"));
        assertEquals(List.of(), check(project), "set up for the developer's machine");
        String onItsDomain = compose.replace("\"80:4000\"", "\"6000:6000\"")
                .replace("STRIPE_SECRET: ${STRIPE_SECRET}", "PHX_HOST: shop-online.fr");
        project.with("docker-compose.yml", onItsDomain);
        assertEquals(1, check(project).size(), "PHX_HOST names the public domain it serves");
        for (String host : List.of("example.com", "shop.example.org", "shop.local", "shop.test")) {
            project.with("docker-compose.yml", onItsDomain.replace("shop-online.fr", host));
            assertEquals(List.of(), check(project), host + " says nothing of production");
        }
        // shipoclu/egregoros: a federation test stack that restarts its services, at egregoros.test, beside others
        // that give no host.
        project.with("docker-compose.yml", compose.replace("\"80:4000\"", "\"6000:6000\"")
                .replace("    ports:", "    restart: unless-stopped\n    ports:")
                .replace("STRIPE_SECRET: ${STRIPE_SECRET}", "PHX_HOST: shop.test") + """
                  worker:
                    build: .
                    command: /app/bin/shop start
                    restart: unless-stopped
                    environment:
                      DB_PASS: Kd93mQ2xRealLooking
                """);
        assertEquals(List.of(), check(project), "a host of no public domain: a stack for tests, all of it");
        // AgilS121/LearnElixir serves its server's private address: an IP is no test domain.
        project.with("docker-compose.yml", compose.replace("\"80:4000\"", "\"6000:6000\"")
                .replace("    ports:", "    restart: unless-stopped\n    ports:")
                .replace("STRIPE_SECRET: ${STRIPE_SECRET}", "PHX_HOST: \"10.10.10.11\""));
        assertEquals(1, check(project).size(), "a host given as an address");
        project.with("docker-compose.yml", onItsDomain.replace("UDWLdQ4flBCR2W7j1ECKj4VZUtop6st4+OBoCXjJMIn0TPDO++xyxbzOR1qN7pK7",
                "generate-a-real-secret-with-mix-phx-gen-secret-at-least-64-bytes-long-here"));
        assertEquals(List.of(), check(project), "a placeholder asks whoever deploys to replace it, as in a manifest");
    }

    @Test
    void aPasswordEqualToTheUserNameBesideItIsADefaultLoginNotALeak() {
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("config/config.exs", CONFIG)
                .with("config/runtime.exs", """
                        import Config

                        if config_env() == :prod do
                          config :boltx, Bolt, uri: System.fetch_env!("GRAPH_DB_URL"), auth: [username: "memgraph", password: "memgraph"]
                          config :shop, Shop.Queue, user: "guest", password: "guest"
                          config :shop, Shop.Search, username: "elastic", password: "Zq8v3L0wYw1nX6"
                        end
                        """);
        List<Finding> findings = check(project);
        assertEquals(List.of("\"memgraph\"", "\"guest\"", "\"Zq8v3L0wYw1nX6\""),
                findings.stream().map(ProjectFixture::covered).toList());
        assertEquals("`password` under `auth` in config/runtime.exs is the default login `memgraph` (the user name too), "
                + "and nothing replaces it for production: the app runs with a value anyone can read instead of a real "
                + "secret.", findings.get(0).message());
        assertTrue(findings.get(2).message().contains("is a literal value, so the production secret lives in the source"),
                findings.get(2).message());
    }

    @Test
    void publicClientKeysAreNotSecrets() {
        assertEquals(List.of(), check(new ProjectFixture(dir)
                .with("config/config.exs", CONFIG)
                .with("config/runtime.exs", """
                        import Config

                        config :shop, Shop.Posthog,
                          api_key: "phc_i9k28nZwjjJG9DzUK0gDGASxXtGNusdI1zdaz9cuA7h",
                          frontend_api_key: "phc_i9k28nZwjjJG9DzUK0gDGASxXtGNusdI1zdaz9cuA7h"

                        config :stripity_stripe, publishable_api_key: "pk_live_51H8xAbCdEf"
                        """)));
    }

    @Test
    void aSharedLiteralCountsOnlyWhereTheRepositoryShowsADeployment() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG + """

                        config :shop, ShopWeb.Endpoint, secret_key_base: "Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3o"
                        config :simple_auth, token: "my-token"
                        """)
                .with("config/prod.exs", """
                        import Config

                        config :shop, Shop.Mailer, api_key: "SG.q3Zx81bLkE0wPz6RtYd4"
                        """)
                .with("config/runtime.exs", "import Config\n");
        assertEquals(List.of("\"SG.q3Zx81bLkE0wPz6RtYd4\""), check(project).stream().map(ProjectFixture::covered).toList(),
                "a demo run on its author's machine: only what is written for production counts");

        project.with("Procfile", "web: mix phx.server\n");
        assertEquals(List.of("\"SG.q3Zx81bLkE0wPz6RtYd4\"", "\"Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3o\"", "\"my-token\""),
                check(project).stream().map(ProjectFixture::covered).toList());
    }

    @Test
    void aPublicDomainThatProdConfigServesShowsProductionToo() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("lib/shop_web/endpoint.ex", "defmodule ShopWeb.Endpoint do\n  use Phoenix.Endpoint, otp_app: :shop\nend\n")
                .with("config/config.exs", CONFIG + """

                        config :shop, Shop.Guardian, secret_key: "Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3o"
                        """)
                .with("lib/shop/guardian.ex", "defmodule Shop.Guardian do\n  use Guardian, otp_app: :shop\nend\n")
                .with("config/prod.exs", "import Config\nconfig :shop, ShopWeb.Endpoint, url: [host: \"example.com\", port: 80]\n");
        assertEquals(List.of(), check(project), "the generators' placeholder host: nothing says where it runs");

        project.with("config/prod.exs", "import Config\n"
                + "config :shop, ShopWeb.Endpoint, server: true, url: [host: \"api.rollforguild.com\", port: 80]\n");
        assertEquals(List.of("\"Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3o\""),
                check(project).stream().map(ProjectFixture::covered).toList(), "production serves that domain");
    }

    @Test
    void edeliverAndADistilleryReleaseThatLoadsServerConfigAtBootShowADeployment() {
        String config = CONFIG + "\nconfig :shop, ShopWeb.Endpoint, secret_key_base: "
                + "\"Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3o\"\n";
        String relConfig = """
                use Mix.Releases.Config
                release :shop do
                  set version: current_version(:shop)
                end
                """;
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, "
                        + "version: \"0.1.0\", deps: [{:distillery, \"~> 2.0\"}]]\nend\n")
                .with("config/config.exs", config).with("rel/config.exs", relConfig);
        assertEquals(List.of(), check(project), "a release made, not shown where it runs");
        project.with("rel/config.exs", relConfig.replace("  set version", """
                  set(
                    config_providers: [{Mix.Releases.Config.Providers.Elixir, ["${RELEASE_ROOT_DIR}/etc/config.exs"]}]
                  )
                  set overlays: [{:copy, "rel/config/config.exs", "etc/config.exs"}]
                  set version"""))
                .with("rel/config/config.exs", "use Mix.Config\nconfig :shop, Shop.Repo, pool_size: 10\n");
        assertEquals(1, check(project).size(), "config written for the servers it boots on");
        project.with("rel/config.exs", relConfig.replace("  set version", "  # set config_providers: []\n  set version"));
        assertEquals(List.of(), check(project), "a provider commented out loads nothing");
        project.with(".deliver/config", "APP=\"shop\"\nBUILD_HOST=\"build.example.com\"\n");
        assertEquals(1, check(project).size(), "edeliver delivers it to its hosts");
    }

    @Test
    void aDevelopmentLiteralThatTheRuntimeConfigMayReplaceIsSilent() {
        String config = """
                import Config

                config :shop, ShopWeb.Endpoint,
                  secret_key_base: "Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3o",
                  live_view: [signing_salt: "E2qJ2kQ6"]

                import_config "#{config_env()}.exs"
                """;
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("config/config.exs", config)
                .with("config/prod.exs", "import Config\n")
                .with("config/runtime.exs", """
                        import Config

                        if config_env() == :prod do
                          listener = if System.get_env("PLAIN_HTTP"), do: [http: [port: 4000]], else: []

                          if url = System.get_env("EXTERNAL_URL") do
                            config :shop, ShopWeb.Endpoint,
                              listener ++ [url: [host: URI.parse(url).host], secret_key_base: System.fetch_env!("SECRET_KEY_BASE")]
                          end
                        end
                        """);
        assertEquals(List.of(), check(project));

        project.with("config/runtime.exs", "import Config\n");
        assertEquals(1, check(project).size(), "nothing replaces it");

        project.with("mix.exs", """
                defmodule Shop.MixProject do
                  use Mix.Project

                  def project do
                    [app: :shop, version: "0.1.0", deps: [], releases: [shop: [config_providers: [{Shop.ConfigProvider, "/etc/shop/config.exs"}]]]]
                  end
                end
                """);
        assertEquals(List.of(), check(project), "a config provider replaces config at boot");

        project.with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, version: \"0.1.0\", deps: []]\nend\n")
                .with("config/runtime.exs", "import Config\n\"SHOP_CONFIG\" |> System.get_env(\"/etc/shop.exs\") |> Code.eval_file()\n");
        assertEquals(List.of(), check(project), "an operator's file evaluated at boot may replace it");

        project.with("config/shop.exs.example", "import Config\nconfig :shop, Shop.Repo, pool_size: 10\n");
        assertEquals(1, check(project).size(), "the template the operator's file is written from sets no secret");
        project.with("config/shop.exs.example",
                "import Config\nconfig :shop, ShopWeb.Endpoint, secret_key_base: \"fill me in\"\n");
        assertEquals(List.of(), check(project), "the operator's file sets the secret, as its template does");
    }

    @Test
    void aDistilleryProviderFileNamedAfterEachReleaseReplacesTheLiteralAtBoot() {
        String endpoint = """
                defmodule NAMEWeb.Endpoint do
                  use Phoenix.Endpoint, otp_app: :APP
                  plug Plug.Session, store: :cookie, key: "_key", signing_salt: "salt"
                end
                """;
        String relConfig = """
                use Distillery.Releases.Config, default_release: :default, default_environment: Mix.env()
                environment :prod do
                  set config_providers: [
                    {Distillery.Releases.Config.Providers.Elixir, ["${RELEASE_ROOT_DIR}/etc/app.exs"]}
                  ]
                  set overlays: [{:copy, "rel/config/<%= release_name %>.exs", "etc/app.exs"}]
                end
                release :api do
                  set applications: [:api]
                end
                release :rtc do
                  set applications: [:rtc]
                end
                """;
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", "defmodule Umbrella.MixProject do\n  use Mix.Project\n  def project, do: [apps_path: \"apps\", deps: [{:distillery, \"~> 2.1\"}]]\nend\n")
                .with("apps/api/mix.exs", "defmodule Api.MixProject do\n  use Mix.Project\n  def project, do: [app: :api, version: \"0.1.0\", deps: []]\nend\n")
                .with("apps/rtc/mix.exs", "defmodule Rtc.MixProject do\n  use Mix.Project\n  def project, do: [app: :rtc, version: \"0.1.0\", deps: []]\nend\n")
                .with("apps/api/lib/api_web/endpoint.ex", endpoint.replace("NAME", "Api").replace("APP", "api"))
                .with("apps/rtc/lib/rtc_web/endpoint.ex", endpoint.replace("NAME", "Rtc").replace("APP", "rtc"))
                .with("Dockerfile", "FROM elixir:1.14\nCOPY . .\nRUN MIX_ENV=prod mix distillery.release\nCMD bin/api foreground\n")
                .with("config/config.exs", """
                        import Config
                        config :api, ApiWeb.Endpoint,
                          secret_key_base: "Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3oQ6iV0yN2xW4rS7tC9lJ5hP1d"
                        config :rtc, RtcWeb.Endpoint,
                          secret_key_base: "Wq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3oQ6iV0yN2xW4rS7tC9lJ5hP1d"
                        """)
                .with("rel/config/api.exs", "import Config\nconfig :api, ApiWeb.Endpoint, secret_key_base: System.get_env(\"SECRET_KEY_BASE\")\n")
                .with("rel/config/rtc.exs", "import Config\nconfig :rtc, RtcWeb.Endpoint, secret_key_base: System.get_env(\"SECRET_KEY_BASE\")\n");
        assertEquals(2, check(project).size(), "without the provider nothing replaces them");

        project.with("rel/config.exs", relConfig);
        assertEquals(List.of(), check(project), "each release evaluates its own file at boot");
    }

    @Test
    void aRepoUrlTheProviderSetsAtBootMayReplaceTheLiteralPassword() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, version: \"0.1.0\", deps: [{:distillery, \"~> 2.1\"}]]\nend\n")
                .with("Dockerfile", "FROM elixir:1.14\nCOPY . .\nRUN MIX_ENV=prod mix distillery.release\nCMD bin/shop foreground\n")
                .with("config/config.exs", """
                        import Config
                        config :shop, Shop.Repo, database: "shop", username: "user", password: "s3cr3t-Pa55", hostname: "localhost"
                        """)
                .with("rel/config.exs", """
                        use Mix.Releases.Config
                        release :shop do
                          set config_providers: [{Mix.Releases.Config.Providers.Elixir, ["${RELEASE_ROOT_DIR}/etc/config.exs"]}]
                          set overlays: [{:copy, "rel/config/config.exs", "etc/config.exs"}]
                        end
                        """)
                .with("rel/config/config.exs", "import Config\nconfig :shop, Shop.Repo, pool_size: 10\n");
        assertEquals(1, check(project).size(), "the provider sets no credentials");

        project.with("rel/config/config.exs", "import Config\nconfig :shop, Shop.Repo, url: System.get_env(\"DATABASE_URL\")\n");
        assertEquals(List.of(), check(project), "Ecto takes the credentials of the url over the keyword ones");
    }

    @Test
    void aLiteralTheRuntimeConfigReadsBackAsItsFallbackIsWhatProductionKeeps() {
        String config = """
                import Config

                config :shop, ShopWeb.Endpoint,
                  secret_key_base: "Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3o",
                  live_view: [signing_salt: "E2qJ2kQ6"]

                config :shop, Shop.Guardian, issuer: "shop", secret_key: "9vJcJOYwsjdIQ9IhfOI5F9GQMykuNjBW"
                """;
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("config/config.exs", config)
                .with("config/runtime.exs", """
                        import Config

                        endpoint_defaults = Application.get_env(:shop, ShopWeb.Endpoint)

                        config :shop, ShopWeb.Endpoint,
                          url: [host: System.get_env("PHX_HOST", "localhost")],
                          secret_key_base: System.get_env("SHOP_SECRET_KEY_BASE", endpoint_defaults[:secret_key_base])

                        config :shop, Shop.Guardian,
                          secret_key: System.get_env("GUARDIAN_SECRET_KEY") || Keyword.get(Application.get_env(:shop, Shop.Guardian), :secret_key)
                        """);
        List<Finding> findings = check(project);
        assertEquals(List.of("\"Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3o\"", "\"9vJcJOYwsjdIQ9IhfOI5F9GQMykuNjBW\""),
                findings.stream().map(ProjectFixture::covered).toList());
        assertEquals("`secret_key_base` for ShopWeb.Endpoint in config/config.exs is a literal value, and "
                + "config/runtime.exs reads it back as the fallback for an unset SHOP_SECRET_KEY_BASE: production then "
                + "runs with the committed secret instead of failing at boot.", findings.get(0).message());
        assertEquals(List.of(), findings.get(0).fixes(), "the runtime setting is the one to change");

        project.with("config/runtime.exs", """
                import Config

                endpoint_defaults = Application.get_env(:shop, ShopWeb.Endpoint)

                config :shop, ShopWeb.Endpoint,
                  secret_key_base: System.get_env("SHOP_SECRET_KEY_BASE", endpoint_defaults[:secret_key_base])

                config :shop, Shop.Guardian, secret_key: System.fetch_env!("GUARDIAN_SECRET_KEY")

                if config_env() == :prod do
                  config :shop, ShopWeb.Endpoint, secret_key_base: System.fetch_env!("SECRET_KEY_BASE")
                end
                """);
        assertEquals(List.of(), check(project), "a later setting replaces both for production");
    }

    @Test
    void aLiteralTheRuntimeConfigKeepsByDroppingNilValuesIsWhatProductionKeeps() {
        String config = """
                import Config

                config :shop, ShopWeb.Endpoint,
                  secret_key_base: "Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG1aE8uK3o",
                  live_view: [signing_salt: "E2qJ2kQ6"]
                """;
        String runtime = """
                import Config

                filter_nil_kv_pairs = fn pairs when is_list(pairs) ->
                  Enum.filter(pairs, fn {_k, v} -> v !== nil end)
                end

                config :shop, ShopWeb.Endpoint,
                       filter_nil_kv_pairs.(
                         url: [host: System.get_env("PHX_HOST")],
                         secret_key_base: System.get_env("PHX_SECRET_KEY_BASE")
                       )
                """;
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("config/config.exs", config)
                .with("config/runtime.exs", runtime);
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("`secret_key_base` for ShopWeb.Endpoint in config/config.exs is a literal value, and "
                + "config/runtime.exs keeps it when PHX_SECRET_KEY_BASE is unset (the nil the read yields is dropped "
                + "before `config`): production then runs with the committed secret instead of failing at boot.",
                findings.get(0).message());

        project.with("config/runtime.exs", runtime.replace("System.get_env(\"PHX_SECRET_KEY_BASE\")",
                "System.fetch_env!(\"PHX_SECRET_KEY_BASE\")"));
        assertEquals(List.of(), check(project), "a read that cannot be nil replaces it");

        project.with("config/runtime.exs", runtime.replace("Enum.filter(pairs, fn {_k, v} -> v !== nil end)",
                "Enum.map(pairs, fn {k, v} -> {k, v || \"\"} end)"));
        assertEquals(List.of(), check(project), "a helper that keeps every pair replaces it (or may)");
    }

    @Test
    void mapGetOnTheWholeEnvironmentIsAGetEnvWithADefault() {
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", """
                        import Config

                        config :shop, ShopWeb.Endpoint,
                          secret_key_base:
                            Map.get(
                              System.get_env(),
                              "SECRET_KEY_BASE",
                              "IGuZPUcM7Vuq1iPemg6pc7EMwLLmMiVA4stbfDstZPshJ8QDqxBBcVqNnQI6clxi"
                            )
                        """)
                .with("config/runtime.exs", RUNTIME_WITHOUT_SECRET_KEY_BASE);
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().startsWith("`secret_key_base` for ShopWeb.Endpoint in config/prod.exs "
                + "falls back to a literal value when SECRET_KEY_BASE is unset"), findings.get(0).message());

        project.with("mix.exs", """
                        defmodule Shop.MixProject do
                          use Mix.Project
                          def project, do: [app: :shop, version: "0.1.0", deps: [], releases: [shop: []]]
                        end
                        """)
                .with("config/runtime.exs", """
                        import Config

                        if config_env() == :prod and System.get_env("APP_NAME") do
                          config :shop, ShopWeb.Endpoint, secret_key_base: System.fetch_env!("SECRET_KEY_BASE")
                        end
                        """);
        assertEquals(List.of("`secret_key_base` for ShopWeb.Endpoint in config/prod.exs falls back to a literal value "
                + "when SECRET_KEY_BASE is unset where the release is built, and nothing is sure to set it again at "
                + "boot: unless the build sets SECRET_KEY_BASE, production may run with a committed secret."),
                check(project).stream().map(Finding::message).toList());
    }

    /** A two-stage image that builds the release and starts it with bin/server. */
    private static final String RELEASE_IMAGE = """
            FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim AS build
            ENV MIX_ENV=prod
            WORKDIR /app
            COPY . .
            RUN mix deps.get && mix release

            FROM debian:bookworm-slim
            COPY --from=build /app/_build/prod/rel/shop ./
            CMD ["/app/bin/server"]
            """;

    @Test
    void aBuildTimeFallbackOfAWholeKeyThatNothingSetsAtBootIsWhatTheReleaseShips() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("Dockerfile", RELEASE_IMAGE)
                .with("config/config.exs", CONFIG + """

                        config :shop, :token_signing_secret, System.get_env("TOKEN_SIGNING_SECRET") || "Lu8xpRC9"
                        config :shop, :api_secret, "Zq8v3L0wYw1nX6kR2pT9"
                        """)
                .with("config/runtime.exs", """
                        import Config

                        if config_env() == :prod do
                          config :shop, api_secret: System.fetch_env!("API_SECRET")
                        end
                        """);
        List<Finding> findings = check(project);
        assertEquals(List.of("System.get_env(\"TOKEN_SIGNING_SECRET\") || \"Lu8xpRC9\""),
                findings.stream().map(ProjectFixture::covered).toList(), "the runtime config replaces :api_secret");
        assertEquals("`token_signing_secret` of :shop in config/config.exs falls back to a literal value when "
                + "TOKEN_SIGNING_SECRET is unset where the release is built, and the runtime config does not set it "
                + "again: unless the build sets TOKEN_SIGNING_SECRET, production runs with a committed secret.",
                findings.get(0).message());
    }

    @Test
    void aFallbackAfterAVariableProductionCannotStartWithoutIsNeverTaken() {
        String runtime = """
                import Config

                config :shop, :alias_secret,
                  System.get_env("ALIAS_SECRET") || System.get_env("SECRET_KEY_BASE") || "shop-local-alias-v1"

                config :shop, Shop.Tokens, secret: System.get_env("TOKEN_SECRET", "Lu8xpRC9zQ")

                if config_env() == :prod do
                  secret_key_base =
                    System.get_env("SECRET_KEY_BASE") ||
                      raise "environment variable SECRET_KEY_BASE is missing."

                  config :shop, ShopWeb.Endpoint, secret_key_base: secret_key_base
                  config :shop, :token_audience, System.fetch_env!("TOKEN_SECRET")
                end
                """;
        ProjectFixture project = new ProjectFixture(dir)
                .with("Dockerfile", RELEASE_IMAGE)
                .with("config/config.exs", CONFIG)
                .with("config/runtime.exs", runtime);
        assertEquals(List.of(), check(project), "production always has SECRET_KEY_BASE and TOKEN_SECRET");

        project.with("config/runtime.exs", runtime.replace("System.fetch_env!(\"TOKEN_SECRET\")", "\"shop\""));
        assertEquals(List.of("System.get_env(\"TOKEN_SECRET\", \"Lu8xpRC9zQ\")"),
                check(project).stream().map(ProjectFixture::covered).toList(), "nothing requires TOKEN_SECRET any more");

        project.with("config/runtime.exs", runtime.replace("||\n      raise \"environment variable SECRET_KEY_BASE is missing.\"",
                "|| \"\""));
        assertEquals(List.of("System.get_env(\"ALIAS_SECRET\") || System.get_env(\"SECRET_KEY_BASE\") || \"shop-local-alias-v1\""),
                check(project).stream().map(ProjectFixture::covered).filter(covered -> covered.contains("ALIAS"))
                        .toList(), "production may start without SECRET_KEY_BASE");

        project.with("config/runtime.exs", runtime).with("config/config.exs", CONFIG + """

                config :shop, :build_secret, System.get_env("SECRET_KEY_BASE") || "shop-build-secret-v1"
                """);
        assertEquals(List.of("System.get_env(\"SECRET_KEY_BASE\") || \"shop-build-secret-v1\""),
                check(project).stream().map(ProjectFixture::covered).toList(),
                "where the release is built, nothing requires the variable: the literal may be what it keeps");
    }

    @Test
    void aPlaceholderFallbackOfASigningKeyIsWhatAnInstanceWithoutTheVariableSignsWith() {
        ProjectFixture project = new ProjectFixture(dir).with("fly.toml", FLY)
                .with("config/config.exs", CONFIG)
                .with("lib/shop/guardian.ex", """
                        defmodule Shop.Guardian do
                          use Guardian, otp_app: :shop
                        end
                        """)
                .with("config/runtime.exs", """
                        import Config

                        if config_env() == :prod do
                          config :shop, ShopWeb.Endpoint,
                            secret_key_base: System.get_env("SHOP_SECRET_KEY_BASE", "changethis")

                          config :shop, Shop.Guardian, secret_key: System.get_env("SHOP_SECRET_KEY", "changethis")
                          config :shop, Shop.Weather, secret_key: System.get_env("WEATHER_SECRET_KEY", "changethis")
                          config :shop, Shop.Repo, password: System.get_env("DB_PASSWORD", "password")
                          config :shop, jwt_secret: System.get_env("JWT_SECRET_KEY") || "your_jwt_secret_key"
                        end
                        """)
                .with("lib/shop/auth.ex", """
                        defmodule Shop.Auth do
                          def signer, do: Joken.Signer.create("HS256", Application.fetch_env!(:shop, :jwt_secret))
                        end
                        """);
        List<Finding> findings = check(project);
        assertEquals(List.of("System.get_env(\"SHOP_SECRET_KEY_BASE\", \"changethis\")",
                        "System.get_env(\"SHOP_SECRET_KEY\", \"changethis\")",
                        "System.get_env(\"JWT_SECRET_KEY\") || \"your_jwt_secret_key\""),
                findings.stream().map(ProjectFixture::covered).toList(), "only keys that sign: not an API key, not a password");
        assertEquals("`secret_key_base` for ShopWeb.Endpoint in config/runtime.exs falls back to the placeholder "
                + "`changethis` when SHOP_SECRET_KEY_BASE is unset: the app then signs with a value anyone can read "
                + "instead of failing without its key.", findings.get(0).message());
        assertEquals(List.of(), findings.get(0).fixes());
        assertTrue(findings.get(2).message().contains("falls back to the placeholder `your_jwt_secret_key` when "
                + "JWT_SECRET_KEY is unset: the app then signs with"), "a JWT secret signs: " + findings.get(2).message());
    }

    @Test
    void buildStageDummiesAreSilentAndARuntimeImageThatKeepsOneSaysSo() throws IOException {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG)
                .with("config/runtime.exs", """
                        import Config

                        if config_env() == :prod do
                          secret_key_base =
                            System.get_env("SECRET_KEY_BASE") ||
                              raise "environment variable SECRET_KEY_BASE is missing."

                          config :shop, ShopWeb.Endpoint, secret_key_base: secret_key_base
                        end
                        """)
                .with("Dockerfile", """
                        FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim AS build
                        ENV MIX_ENV=prod
                        ENV SECRET_KEY_BASE=nokey
                        RUN mix release

                        FROM debian:bookworm-slim
                        COPY --from=build /app/_build/prod/rel/shop ./
                        ENV SECRET_KEY_BASE=nokey
                        CMD ["bin/shop", "start"]
                        """)
                .with("grafana/Dockerfile", """
                        FROM grafana/grafana:11.0.0
                        ENV GF_SECURITY_ADMIN_PASSWORD=Kd93mQ2xRealLooking
                        """);
        List<Finding> findings = check(project);
        assertEquals(List.of("SECRET_KEY_BASE=nokey"), findings.stream().map(ProjectFixture::covered).toList());
        assertTrue(findings.get(0).start() > findings.get(0).file().text().text().indexOf("FROM debian"),
                "the runtime stage's ENV, not the build stage's");
        assertEquals("ENV SECRET_KEY_BASE in Dockerfile is the placeholder `nokey`, and the running image keeps it: a "
                + "deployment that does not set SECRET_KEY_BASE starts with it instead of failing at boot, and then fails "
                + "every request that uses the session (Plug's cookie store refuses a secret_key_base under 64 bytes); "
                + "set it only in the build stage that needs it.", findings.get(0).message());
        assertEquals(dev.gotchals.rule.Severity.WARNING, findings.get(0).severity(), "a placeholder, not a leak");
        // A key base in words, too short for Plug's cookie store, stands in for one too; a random one that short leaks.
        String dockerfile = java.nio.file.Files.readString(project.root().resolve("Dockerfile"));
        project.with("Dockerfile", dockerfile.replace("nokey", "nokeyyet"));
        assertTrue(check(project).get(0).message().contains("is the placeholder `nokeyyet`"), check(project).toString());
        // FreedomBen/malan: `ARG SECRET_KEY_BASE=124` so that the build compiles.
        project.with("Dockerfile", dockerfile.replace("nokey", "124"));
        assertTrue(check(project).get(0).message().contains("is the placeholder `124`"), check(project).toString());
        project.with("Dockerfile", dockerfile.replace("nokey", "Zq8v3L0wYw1nX6kR2pT9sHc4mB7jD5fG"));
        assertTrue(check(project).get(0).message().contains("is a literal value, baked into the image"),
                check(project).toString());
        // An image that starts nothing (a build environment whose release is copied out) runs with no placeholder.
        project.with("Dockerfile", dockerfile.replace("CMD [\"bin/shop\", \"start\"]\n", ""));
        assertEquals(List.of(), check(project), "no start: the placeholder reaches no running app");
        // An image that builds no release and has no CMD is given its command where it runs (a manifest's).
        project.with("Dockerfile", "FROM elixir:1.13.1\nENV MIX_ENV=prod\nENV SECRET_KEY_BASE=nokey\nCOPY . ./\n"
                + "RUN mix deps.get --only prod\n");
        assertEquals(1, check(project).size(), "a Mix image a manifest starts keeps its placeholder");
        // A release whose config reads the variable only while it is built: the running image's value reaches nothing
        // (the build stage's placeholder, baked into the release, is GT001's finding).
        project.with("Dockerfile", dockerfile).with("config/runtime.exs", "import Config\n")
                .with("config/prod.exs", "import Config\nconfig :shop, ShopWeb.Endpoint, secret_key_base: "
                        + "System.get_env(\"SECRET_KEY_BASE\") || raise(\"SECRET_KEY_BASE is missing\")\n");
        assertEquals(List.of(), check(project), "nothing reads SECRET_KEY_BASE when the release boots");
    }

    @Test
    void aPlaceholderTheRunningImageKeepsMattersOnlyAsTheAppReadsIt() {
        String dockerfile = """
                FROM elixir:1.17 AS build
                ENV MIX_ENV=prod
                RUN mix release

                FROM debian:bookworm-slim
                COPY --from=build /app/_build/prod/rel/shop ./
                ENV POSTGRES_PASSWORD=postgres
                CMD ["bin/shop", "start"]
                """;
        ProjectFixture unread = new ProjectFixture(dir.resolve("unread")).with("config/config.exs", CONFIG)
                .with("Dockerfile", dockerfile);
        assertEquals(List.of(), check(unread), "nothing in the app reads POSTGRES_PASSWORD");
        ProjectFixture read = new ProjectFixture(dir.resolve("read")).with("config/config.exs", CONFIG)
                .with("config/runtime.exs", "import Config\nconfig :shop, Shop.Repo, password: System.get_env(\"POSTGRES_PASSWORD\")\n")
                .with("Dockerfile", dockerfile);
        List<Finding> findings = check(read);
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().endsWith("a deployment that does not set POSTGRES_PASSWORD runs with it "
                + "instead of a real value; set it only in the build stage that needs it."), findings.get(0).message());
    }

    // ------------------------------------------------------------------ silent

    @Test
    void whatPhoenixGeneratesAndDevelopmentValuesAreSilent() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", """
                        import Config

                        config :shop, ShopWeb.Endpoint,
                          url: [host: "localhost"],
                          live_view: [signing_salt: "E2qJ2kQ6"]

                        config :shop, ShopWeb.Session, signing_salt: "a1b2c3", encryption_salt: "d4e5f6", token_salt: "x"

                        if config_env() in [:dev, :test] do
                          config :shop, :stripe, api_key: "sk_test_dev_only"
                        end

                        unless config_env() == :prod do
                          config :shop, Shop.Repo, url: "ecto://postgres:postgres@localhost/shop_dev"
                        end

                        import_config "#{config_env()}.exs"
                        """)
                .with("config/dev.exs", """
                        import Config
                        config :shop, Shop.Repo, username: "postgres", password: "postgres", hostname: "localhost"
                        config :shop, ShopWeb.Endpoint, secret_key_base: "A8xFFulbsuFw1BKu2I5d7efpMXG2B4rgMSNnWVrmULLB2F6tt0kVWSm"
                        config :shop, Shop.Repo, url: "ecto://postgres:postgres@localhost/shop_dev"
                        """)
                .with("config/test.exs", """
                        import Config
                        config :shop, Shop.Repo, password: "postgres", database: "shop_test#{System.get_env("MIX_TEST_PARTITION")}"
                        config :shop, ShopWeb.Endpoint, secret_key_base: "okVWa796Bx1tbghdKweRPuLaDak+2o+ylmFsWXl7a7VZC92vuY"
                        """)
                .with("config/prod.exs", """
                        import Config
                        config :shop, ShopWeb.Endpoint, cache_static_manifest: "priv/static/cache_manifest.json"
                        config :shop, :mailer, api_key: "", password: nil, token: {:system, "MAILER_TOKEN"}
                        config :shop, :legacy, secret: "${LEGACY_SECRET}"
                        config :shop, :auth, token_ttl: "3600", public_key: "ssh-ed25519 AAAA", access_key_id: "AKIAEXAMPLE"
                        """)
                .with("config/runtime.exs", RUNTIME + """

                        if config_env() == :prod do
                          config :shop, :stripe,
                            api_key: System.fetch_env!("STRIPE_API_KEY"),
                            webhook_secret: System.get_env("STRIPE_WEBHOOK_SECRET"),
                            password: System.get_env("SMTP_PASSWORD") || raise("SMTP_PASSWORD is missing")
                        end
                        """)
                .with("Dockerfile", """
                        FROM debian:bookworm-slim
                        ARG SECRET
                        ENV SECRET_KEY_BASE_FILE=/run/secrets/secret_key_base
                        ENV MIX_ENV=prod
                        """);
        assertEquals(List.of(), check(project));
    }

    @Test
    void configExsLiteralThatProductionOverridesIsADevelopmentDefault() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", """
                        import Config
                        config :shop, ShopWeb.Endpoint, secret_key_base: "only-for-dev-and-test-0123456789abcdef"
                        config :shop, :stripe, api_key: "sk_test_shared_default"
                        import_config "#{config_env()}.exs"
                        """)
                .with("config/prod.exs", "import Config\n")
                .with("config/runtime.exs", RUNTIME + """

                        if config_env() == :prod do
                          config :shop, stripe: [api_key: System.fetch_env!("STRIPE_API_KEY")]
                        end
                        """);
        assertEquals(List.of(), check(project));
    }

    @Test
    void bothGeneratedPhoenixLayoutsAreSilent() {
        for (String name : List.of("phx-release-clean", "phx18-release-clean")) {
            Path folder = TestWorkspaces.root().resolve(name);
            assertEquals(List.of(), analyse(folder, new RuleEngine(List.of(new HardcodedSecretRule()))), name);
        }
    }

    @Test
    void secretNamesAreMatchedOnTheirLastWords() {
        for (String name : List.of("secret_key_base", "password", "db_password", "secret", "client_secret", "api_key",
                "token", "auth_token", "private_key", "access_key", "secret_access_key", "encryption_key",
                "signing_key", "SECRET_KEY_BASE", "DATABASE_PASSWORD", "GITHUB_TOKEN", "STRIPE_API_KEY", "apikey",
                "GITHUB_PAT", "PGPASSWORD", "CIPHER_KEYPHRASE", "ivphrase")) {
            assertTrue(HardcodedSecretRule.isSecretName(name), name);
        }
        for (String name : List.of("signing_salt", "encryption_salt", "token_salt", "token_ttl", "access_key_id",
                "public_key", "key", "SECRET_KEY_BASE_FILE", "password_hash", "username", "secret_name",
                "path", "url_path")) {
            assertFalse(HardcodedSecretRule.isSecretName(name), name);
        }
        assertEquals("MY_MAILER", SecretValues.macroCase("MyMailer"));
    }

    // ------------------------------------------------------------------ helpers

    /** Applies the fix on disk, re-runs every rule: no GT005 finding remains, edited Elixir files parse. */
    private void assertConverges(Fix fix) throws IOException {
        assertConverges(fix, 0);
    }

    /** … leaving {@code remaining} other findings (of this fixture, not made by the fix). */
    private void assertConverges(Fix fix, int remaining) throws IOException {
        Map<Path, String> written = apply(fix);
        for (Map.Entry<Path, String> file : written.entrySet()) {
            Files.createDirectories(file.getKey().getParent());
            Files.writeString(file.getKey(), file.getValue());
            if (file.getKey().toString().endsWith(".exs") || file.getKey().toString().endsWith(".ex")) {
                assertFalse(SyntaxTree.parse(SourceLanguage.ELIXIR, TextDocument.of(file.getValue())).hasErrors(),
                        "syntax error in\n" + file.getValue());
            }
        }
        List<Finding> after = analyse(dir, new RuleEngine(Rules.all()));
        assertEquals(remaining, after.size(), "after the fix: " + after);
    }

    private static Map<Path, String> apply(Fix fix) {
        Map<Path, String> texts = new LinkedHashMap<>();
        Map<Path, List<Fix.Edit>> edits = new LinkedHashMap<>();
        for (Fix.Change change : fix.changes()) {
            if (change instanceof Fix.Edit edit) {
                edits.computeIfAbsent(edit.path(), p -> new ArrayList<>()).add(edit);
            } else if (change instanceof Fix.CreateFile create) {
                texts.put(create.path(), create.content());
            }
        }
        for (Map.Entry<Path, List<Fix.Edit>> entry : edits.entrySet()) {
            texts.put(entry.getKey(), ProjectFixture.afterFix(fix, entry.getKey()));
        }
        return texts;
    }

    private static List<Finding> analyse(Path folder, RuleEngine engine) {
        Workspace workspace = new Workspace(List.of(folder));
        List<Finding> findings = new ArrayList<>();
        for (MixProject project : workspace.projects()) {
            findings.addAll(engine.analyze(project, workspace));
        }
        findings.sort(Comparator.comparing((Finding f) -> f.file().path()).thenComparingInt(Finding::start));
        return findings;
    }
}
