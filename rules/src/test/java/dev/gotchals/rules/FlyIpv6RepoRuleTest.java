package dev.gotchals.rules;

import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlyIpv6RepoRuleTest {
    private static final String MIX = """
            defmodule Shop.MixProject do
              use Mix.Project

              def project do
                [app: :shop, version: "0.1.0", elixir: "~> 1.14", deps: deps()]
              end

              defp deps do
                [{:phoenix, "~> 1.7"}, {:ecto_sql, "~> 3.10"}, {:postgrex, ">= 0.0.0"}]
              end
            end
            """;
    private static final String REPO = """
            defmodule Shop.Repo do
              use Ecto.Repo, otp_app: :shop, adapter: Ecto.Adapters.Postgres
            end
            """;
    private static final String CONFIG = """
            import Config

            config :shop, ecto_repos: [Shop.Repo]

            import_config "#{config_env()}.exs"
            """;
    private static final String RUNTIME_WITHOUT_IPV6 = """
            import Config

            if config_env() == :prod do
              database_url = System.fetch_env!("DATABASE_URL")

              config :shop, Shop.Repo,
                url: database_url,
                pool_size: 10
            end
            """;
    private static final String FLY = """
            app = "shop"

            [env]
              PHX_HOST = "shop.fly.dev"
            """;

    @TempDir
    Path dir;

    private int projects;
    private Path root;

    /** A project of its own folder: several per test must not see each other's files. */
    private ProjectFixture project(String runtime, String fly) {
        root = dir.resolve("p" + projects++);
        return new ProjectFixture(root).with("mix.exs", MIX).with("lib/shop/repo.ex", REPO)
                .with("config/config.exs", CONFIG).with("config/prod.exs", "import Config\n")
                .with("config/runtime.exs", runtime).with("fly.toml", fly);
    }

    private List<Finding> check(ProjectFixture fixture) {
        return fixture.check(new FlyIpv6RepoRule());
    }

    @Test
    void repoWithoutSocketOptionsOnFlyIsReportedAndFixedWithTheGeneratedSwitch() {
        List<Finding> findings = check(project(RUNTIME_WITHOUT_IPV6, FLY));
        assertEquals(1, findings.size(), findings.toString());
        Finding finding = findings.get(0);
        assertEquals("GT017", finding.rule().id());
        assertEquals("app = \"shop\"", ProjectFixture.covered(finding));
        assertEquals(root.resolve("fly.toml"), finding.file().path());
        assertTrue(finding.message().contains("IPv6"), finding.message());
        Fix fix = finding.fixes().get(0);
        assertFalse(fix.safe(), "fly.toml does not set ECTO_IPV6: the switch alone changes nothing");
        assertTrue(fix.title().contains("ECTO_IPV6=true"), fix.title());
        assertEquals("""
                import Config

                if config_env() == :prod do
                  database_url = System.fetch_env!("DATABASE_URL")

                  maybe_ipv6 = if System.get_env("ECTO_IPV6") in ~w(true 1), do: [:inet6], else: []

                  config :shop, Shop.Repo,
                    url: database_url,
                    pool_size: 10,
                    socket_options: maybe_ipv6
                end
                """, ProjectFixture.afterFix(fix, root.resolve("config/runtime.exs")));
    }

    @Test
    void fixIsPreferredWhenFlyTomlSetsTheSwitchAndConverges() throws IOException {
        ProjectFixture fixture = project(RUNTIME_WITHOUT_IPV6, FLY + "  ECTO_IPV6 = \"true\"\n");
        Fix fix = check(fixture).get(0).fixes().get(0);
        assertTrue(fix.safe());
        String fixed = ProjectFixture.afterFix(fix, root.resolve("config/runtime.exs"));
        assertEquals(List.of(), check(fixture.with("config/runtime.exs", fixed)));
    }

    @Test
    void literalSocketOptionsWithoutInet6AreReportedAndPrefixedWithTheSwitch() {
        String runtime = """
                import Config

                if config_env() == :prod do
                  config :shop, Shop.Repo,
                    url: System.fetch_env!("DATABASE_URL"),
                    socket_options: [keepalive: true]
                end
                """;
        Finding finding = check(project(runtime, FLY)).get(0);
        String fixed = ProjectFixture.afterFix(finding.fixes().get(0), root.resolve("config/runtime.exs"));
        assertTrue(fixed.contains("socket_options: maybe_ipv6 ++ [keepalive: true]"), fixed);
        assertTrue(fixed.contains("  maybe_ipv6 = if System.get_env(\"ECTO_IPV6\")"), fixed);
    }

    @Test
    void repoConfiguredOnlyInProdExsGetsARuntimeConfigLine() {
        ProjectFixture fixture = project("import Config\n", FLY).with("config/prod.exs", """
                import Config

                config :shop, Shop.Repo, url: System.get_env("DATABASE_URL")
                """);
        Finding finding = check(fixture).get(0);
        String fixed = ProjectFixture.afterFix(finding.fixes().get(0), root.resolve("config/runtime.exs"));
        assertEquals("""
                import Config

                if config_env() == :prod do
                  maybe_ipv6 = if System.get_env("ECTO_IPV6") in ~w(true 1), do: [:inet6], else: []

                  config :shop, Shop.Repo, socket_options: maybe_ipv6
                end
                """, fixed);
    }

    @Test
    void generatedSwitchAndLiteralInet6AreSilent() {
        String generated = """
                import Config

                if config_env() == :prod do
                  maybe_ipv6 = if System.get_env("ECTO_IPV6") in ~w(true 1), do: [:inet6], else: []

                  config :shop, Shop.Repo,
                    url: System.fetch_env!("DATABASE_URL"),
                    socket_options: maybe_ipv6
                end
                """;
        assertEquals(List.of(), check(project(generated, FLY)));
        assertEquals(List.of(), check(project(RUNTIME_WITHOUT_IPV6.replace("pool_size: 10",
                "pool_size: 10,\n    socket_options: [:inet6]"), FLY)));
    }

    @Test
    void socketOptionsTheModelCannotReadAreSilent() {
        assertEquals(List.of(), check(project(RUNTIME_WITHOUT_IPV6.replace("pool_size: 10",
                "pool_size: 10,\n    socket_options: Shop.Config.socket_options()"), FLY)));
        assertEquals(List.of(), check(project(RUNTIME_WITHOUT_IPV6.replace("pool_size: 10",
                "pool_size: 10,\n    socket_options: if(System.get_env(\"FLY_APP_NAME\"), do: [:inet6], else: [])"), FLY)));
    }

    @Test
    void socketOptionsCommentedOutInTheReposConfigAreADecision() {
        assertEquals(List.of(), check(project(RUNTIME_WITHOUT_IPV6.replace("pool_size: 10",
                "# , socket_options: maybe_ipv6\n    pool_size: 10"), FLY)));
        assertEquals(1, check(project(RUNTIME_WITHOUT_IPV6.replace("pool_size: 10",
                "# the pool is sized for the shared cpu\n    pool_size: 10"), FLY)).size(), "another comment decides nothing");
    }

    @Test
    void theGeneratedSwitchCommentedOutAroundTheCallIsADecisionToo() {
        String runtime = RUNTIME_WITHOUT_IPV6.replace("  config :shop, Shop.Repo,",
                "  # maybe_ipv6 = if System.get_env(\"ECTO_IPV6\") in ~w(true 1), do: [:inet6], else: []\n\n"
                        + "  config :shop, Shop.Repo,");
        assertNotEquals(RUNTIME_WITHOUT_IPV6, runtime);
        assertEquals(List.of(), check(project(runtime, FLY)));
    }

    @Test
    void withoutFlyTomlItIsSilent() {
        ProjectFixture fixture = new ProjectFixture(dir).with("mix.exs", MIX).with("lib/shop/repo.ex", REPO)
                .with("config/config.exs", CONFIG).with("config/prod.exs", "import Config\n")
                .with("config/runtime.exs", RUNTIME_WITHOUT_IPV6);
        assertEquals(List.of(), check(fixture));
    }

    @Test
    void embeddedRepoIsSilent() {
        ProjectFixture fixture = project(RUNTIME_WITHOUT_IPV6, FLY)
                .with("mix.exs", MIX.replace("{:postgrex, \">= 0.0.0\"}", "{:ecto_sqlite3, \"~> 0.12\"}"))
                .with("lib/shop/repo.ex", REPO.replace("Ecto.Adapters.Postgres", "Ecto.Adapters.SQLite3"));
        assertEquals(List.of(), check(fixture));
    }

    @Test
    void aRepoWhoseDriverTakesNoSocketOptionsIsSilent() {
        ProjectFixture fixture = project(RUNTIME_WITHOUT_IPV6, FLY)
                .with("mix.exs", MIX.replace("{:postgrex, \">= 0.0.0\"}", "{:postgrex, \">= 0.0.0\"}, {:exandra, \"~> 0.10\"}"))
                .with("lib/shop/repo.ex", REPO.replace("Ecto.Adapters.Postgres", "Exandra"));
        assertEquals(List.of(), check(fixture), "Cassandra's driver: the socket_options advice is Postgrex's");

        fixture.with("lib/shop/repo.ex", REPO.replace("Ecto.Adapters.Postgres", "Ecto.Adapters.MyXQL"));
        assertEquals(1, check(fixture).size(), "MyXQL takes socket_options too");
    }

    @Test
    void databaseOffFlysNetworkIsSilent() {
        assertEquals(List.of(), check(project(RUNTIME_WITHOUT_IPV6,
                FLY + "  DATABASE_URL = \"postgres://app@ep-cool-night-123.eu-central-1.aws.neon.tech/shop\"\n")));
        assertEquals(List.of(), check(project(RUNTIME_WITHOUT_IPV6.replace("url: database_url",
                "hostname: \"db.example.supabase.co\""), FLY)));
    }

    @Test
    void aRepoThatNamesItsServerForTlsConnectsToAHostedDatabase() {
        String sni = RUNTIME_WITHOUT_IPV6.replace("pool_size: 10", """
                pool_size: 10,
                    ssl: true,
                    ssl_opts: [server_name_indication: URI.parse(database_url).host |> String.to_charlist()]""");
        assertEquals(List.of(), check(project(sni, FLY)), "Neon routes by SNI; Fly Postgres needs none");
        assertEquals(1, check(project(RUNTIME_WITHOUT_IPV6.replace("pool_size: 10", "pool_size: 10,\n    ssl: true"),
                FLY)).size(), "TLS alone says nothing of where the database is");
    }

    @Test
    void databaseOnFlysNetworkWrittenDownIsReported() {
        assertEquals(1, check(project(RUNTIME_WITHOUT_IPV6,
                FLY + "  DATABASE_URL = \"postgres://shop:pw@shop-db.flycast:5432/shop\"\n")).size());
    }

    @Test
    void repoWithInitCallbackIsSilent() {
        ProjectFixture fixture = project(RUNTIME_WITHOUT_IPV6, FLY).with("lib/shop/repo.ex", """
                defmodule Shop.Repo do
                  use Ecto.Repo, otp_app: :shop, adapter: Ecto.Adapters.Postgres

                  def init(_type, config), do: {:ok, Keyword.put(config, :socket_options, [:inet6])}
                end
                """);
        assertEquals(List.of(), check(fixture));
    }

    @Test
    void generatedLayoutsDeployedToFlyAreSilent() throws IOException {
        for (String name : List.of("phx-release-clean", "phx18-release-clean")) {
            Path copy = dir.resolve(name);
            Path source = TestWorkspaces.root().resolve(name);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path target = copy.resolve(source.relativize(file).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
            Files.writeString(copy.resolve("fly.toml"), FLY);
            Workspace workspace = new Workspace(List.of(copy));
            for (MixProject project : workspace.projects()) {
                assertEquals(List.of(), new RuleEngine(List.of(new FlyIpv6RepoRule())).analyze(project, workspace), name);
            }
        }
    }
}
