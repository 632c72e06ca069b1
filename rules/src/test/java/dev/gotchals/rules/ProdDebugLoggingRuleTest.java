package dev.gotchals.rules;

import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Severity;
import dev.gotchals.rule.Fix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProdDebugLoggingRuleTest {
    private static final String CONFIG_IMPORTING_ENV = """
            import Config

            config :shop, ecto_repos: [Shop.Repo]

            import_config "#{config_env()}.exs"
            """;

    @TempDir
    Path dir;

    private List<Finding> check(ProjectFixture fixture) {
        return fixture.check(new ProdDebugLoggingRule());
    }

    @Test
    void debugInProdExsIsReportedWithAnInPlaceSafeFix() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG_IMPORTING_ENV)
                .with("config/prod.exs", "import Config\n\n# while chasing a bug\nconfig :logger, level: :debug\n");
        List<Finding> findings = check(project);

        assertEquals(1, findings.size());
        Finding finding = findings.get(0);
        assertEquals("GT007", finding.rule().id());
        assertEquals(":debug", ProjectFixture.covered(finding));
        assertTrue(finding.message().contains("config/prod.exs"), finding.message());
        Fix fix = finding.fixes().get(0);
        assertTrue(fix.safe());
        assertEquals("import Config\n\n# while chasing a bug\nconfig :logger, level: :info\n",
                ProjectFixture.afterFix(fix, dir.resolve("config/prod.exs")));
    }

    @Test
    void debugInConfigExsWithoutProdOverrideIsFixedByAnOverrideInProdExs() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", "import Config\n\nconfig :logger, level: :debug\n\nimport_config \"#{config_env()}.exs\"\n")
                .with("config/prod.exs", "import Config\n\nconfig :logger, :console, metadata: [:request_id]\n")
                .with("config/runtime.exs", "import Config\n");
        List<Finding> findings = check(project);

        assertEquals(1, findings.size());
        Finding finding = findings.get(0);
        assertEquals(dir.resolve("config/config.exs"), finding.file().path());
        assertTrue(finding.message().contains("never overridden"), finding.message());
        assertEquals(2, finding.fixes().size());
        Fix override = finding.fixes().get(0);
        assertTrue(override.safe());
        assertEquals("import Config\n\nconfig :logger, :console, metadata: [:request_id]\n\n"
                        + "# Production logs at :info; config.exs sets :debug for development.\n"
                        + "config :logger, level: :info\n",
                ProjectFixture.afterFix(override, dir.resolve("config/prod.exs")));
        assertFalse(finding.fixes().get(1).safe(), "changing config.exs changes dev logging too");
    }

    @Test
    void nervesFirmwareLogsToItsDeviceAndIsNotChecked() {
        // kerryb/nerves_pinger's firmware: RingLogger at :debug on a Raspberry Pi, no web server of its own.
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", "import Config\nconfig :logger, backends: [RingLogger]\n"
                        + "config :logger, level: :debug\n")
                .with("mix.exs", "defmodule Firmware.MixProject do\n  use Mix.Project\n  def project, do: [app: "
                        + ":firmware, version: \"0.1.0\", deps: [{:nerves, \"~> 1.3\", runtime: false}, "
                        + "{:ring_logger, \"~> 0.6\"}]]\nend\n");
        assertEquals(List.of(), project.check(new ProdDebugLoggingRule()));
        project.with("mix.exs", "defmodule Firmware.MixProject do\n  use Mix.Project\n  def project, do: [app: "
                + ":firmware, version: \"0.1.0\", deps: [{:ring_logger, \"~> 0.6\"}]]\nend\n");
        assertEquals(1, project.check(new ProdDebugLoggingRule()).size(), "the same config in a project of a server");
    }

    @Test
    void prodOverrideSilencesConfigExsDebug() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", "import Config\nconfig :logger, level: :debug\nimport_config \"#{config_env()}.exs\"\n")
                .with("config/prod.exs", "import Config\nconfig :logger, level: :info\n");
        assertEquals(List.of(), check(project));
    }

    @Test
    void runtimeOverrideSilencesProdDebug() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG_IMPORTING_ENV)
                .with("config/prod.exs", "import Config\nconfig :logger, level: :debug\n")
                .with("config/runtime.exs", """
                        import Config

                        if config_env() == :prod do
                          config :logger, level: String.to_existing_atom(System.get_env("LOG_LEVEL", "info"))
                        end
                        """);
        assertEquals(List.of(), check(project));
    }

    @Test
    void debugInRuntimeProdBlockIsReported() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG_IMPORTING_ENV)
                .with("config/prod.exs", "import Config\nconfig :logger, level: :info\n")
                .with("config/runtime.exs", "import Config\n\nif config_env() == :prod do\n  config :logger, level: :debug\nend\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size());
        assertEquals(dir.resolve("config/runtime.exs"), findings.get(0).file().path());
    }

    @Test
    void configAfterImportOverridesTheImportedProdFile() {
        // A line below import_config runs after prod.exs: here it wins over prod.exs's :info.
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", "import Config\nimport_config \"#{config_env()}.exs\"\nconfig :logger, level: :debug\n")
                .with("config/prod.exs", "import Config\nconfig :logger, level: :info\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size());
        assertEquals(dir.resolve("config/config.exs"), findings.get(0).file().path());
    }

    @Test
    void devAndTestOnlySettingsAreSilent() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", """
                        import Config

                        if config_env() == :dev do
                          config :logger, level: :debug
                        end

                        if Mix.env() in [:dev, :test], do: config(:logger, level: :debug)

                        unless config_env() == :prod do
                          config :logger, level: :debug
                        end

                        import_config "#{config_env()}.exs"
                        """)
                .with("config/dev.exs", "import Config\nconfig :logger, level: :debug\n")
                .with("config/test.exs", "import Config\nconfig :logger, level: :debug\n")
                .with("config/prod.exs", "import Config\n");
        assertEquals(List.of(), check(project));
    }

    @Test
    void elseBranchOfANonProdConditionRunsInProd() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", """
                        import Config

                        if config_env() != :prod do
                          config :logger, level: :info
                        else
                          config :logger, level: :debug
                        end
                        """);
        List<Finding> findings = check(project);
        assertEquals(1, findings.size());
    }

    @Test
    void conditionalOverrideTheLinterCannotDecideIsGivenTheBenefitOfTheDoubt() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG_IMPORTING_ENV)
                .with("config/prod.exs", "import Config\nconfig :logger, level: :debug\n")
                .with("config/runtime.exs", "import Config\nif System.get_env(\"QUIET\") do\n  config :logger, level: :info\nend\n");
        assertEquals(List.of(), check(project));
    }

    @Test
    void theMessageNamesEctoQueriesOnlyWhereTheProjectHasARepo() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG_IMPORTING_ENV)
                .with("config/prod.exs", "import Config\nconfig :logger, level: :debug\n");
        assertTrue(check(project).get(0).message().endsWith("every debug message is logged there, request params included."),
                "no repo, no queries to log");
        project.with("mix.exs", """
                        defmodule Shop.MixProject do
                          use Mix.Project
                          def project, do: [app: :shop, version: "0.1.0", deps: [{:ecto_sql, "~> 3.10"}, {:postgrex, ">= 0.0.0"}]]
                        end
                        """)
                .with("lib/shop/repo.ex", "defmodule Shop.Repo do\n  use Ecto.Repo, otp_app: :shop, adapter: Ecto.Adapters.Postgres\nend\n");
        assertTrue(check(project).get(0).message().endsWith("Ecto queries and request params included."),
                check(project).get(0).message());
    }

    @Test
    void aBackendsDebugLevelCountsOnlyWhereLoggersOwnLevelIsNotSet() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG_IMPORTING_ENV)
                .with("config/prod.exs", """
                        import Config
                        config :logger, level: :info
                        config :logger, :console, level: :debug, format: "$time $message\\n"
                        config :logger, :default_handler, level: :debug
                        config :my_app, level: :debug
                        """);
        assertEquals(List.of(), check(project), "Logger's own :info filters before the backends");

        project.with("config/config.exs", CONFIG_IMPORTING_ENV.replace("import_config",
                        "config :logger, :console, level: :error\n\nimport_config"))
                .with("config/prod.exs", "import Config\nconfig :logger, :console, level: :debug, format: \"$message\\n\"\n");
        Finding finding = check(project).get(0);
        assertEquals(":debug", ProjectFixture.covered(finding));
        assertEquals("The console level :debug (`config :logger, :console`) in config/prod.exs applies to production, and "
                + "no :logger level filters before it: every debug message is logged there, request params included.",
                finding.message());
        assertEquals(List.of(), check(project.with("config/prod.exs", "import Config\nconfig :my_app, level: :debug\n")),
                "another app's level, and the console's :error");
    }

    @Test
    void brokenConfigStillGetsTheFindingsThatCanBeComputed() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG_IMPORTING_ENV)
                .with("config/prod.exs", "import Config\nconfig :logger, level: :debug\n\nconfig :shop, Shop.Repo, url: [\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size());
        assertEquals(":debug", ProjectFixture.covered(findings.get(0)));
    }

    @Test
    void legacyImportedSecretFileCounts() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG_IMPORTING_ENV)
                .with("config/prod.exs", "import Config\nconfig :logger, level: :info\nimport_config \"prod.secret.exs\"\n")
                .with("config/prod.secret.exs", "import Config\nconfig :logger, level: :debug\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size());
        assertEquals(dir.resolve("config/prod.secret.exs"), findings.get(0).file().path());
    }

    @Test
    void levelAllIsDebugAndMore() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG_IMPORTING_ENV)
                .with("config/prod.exs", "import Config\nconfig :logger, level: :all\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size());
        assertEquals(":all", ProjectFixture.covered(findings.get(0)));
        assertEquals("import Config\nconfig :logger, level: :info\n",
                ProjectFixture.afterFix(findings.get(0).fixes().get(0), dir.resolve("config/prod.exs")));
    }

    @Test
    void anEnvironmentReadThatFallsBackToDebugIsReportedOnTheFallback() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG_IMPORTING_ENV)
                .with("config/prod.exs", "import Config\n")
                .with("config/runtime.exs", """
                        import Config

                        if config_env() == :prod do
                          config :logger, level: String.to_existing_atom(System.get_env("LOG_LEVEL") || "debug")
                        end
                        """);
        List<Finding> findings = check(project);
        assertEquals(1, findings.size());
        Finding finding = findings.get(0);
        assertEquals("\"debug\"", ProjectFixture.covered(finding));
        assertTrue(finding.message().contains("falls back to :debug"), finding.message());
        assertEquals(Severity.INFO, finding.severity(), "the operator sets the level at boot; only the default is debug");
        assertTrue(ProjectFixture.afterFix(finding.fixes().get(0), dir.resolve("config/runtime.exs"))
                .contains("System.get_env(\"LOG_LEVEL\") || \"info\")"));
    }

    @Test
    void aDefaultArgumentOfDebugIsAFallbackToo() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG_IMPORTING_ENV)
                .with("config/prod.exs", "import Config\nconfig :logger, level: String.to_atom(System.get_env(\"LOG_LEVEL\", \"debug\"))\n");
        assertEquals(1, check(project).size());
    }

    @Test
    void anEnvironmentReadWithASaneFallbackIsFine() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG_IMPORTING_ENV)
                .with("config/prod.exs", "import Config\nconfig :logger, level: String.to_existing_atom(System.get_env(\"LOG_LEVEL\", \"info\"))\n");
        assertEquals(List.of(), check(project));
    }

    private static final String RELEASE_DOCKERFILE = """
            FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim AS builder
            ENV MIX_ENV=prod
            COPY . .
            RUN mix deps.get && mix release
            FROM debian:bookworm-slim
            COPY --from=builder /_build/prod/rel/shop /app
            CMD ["/app/bin/shop", "start"]
            """;

    /** A project in its own folder below {@code dir}, deployed by a release Dockerfile, whose config sets no level. */
    private ProjectFixture deployedWithoutALevel(String folder) {
        return undeployedWithoutALevel(folder).with("Dockerfile", RELEASE_DOCKERFILE);
    }

    private static final String PHOENIX_MIX_EXS = """
            defmodule Shop.MixProject do
              use Mix.Project

              def project do
                [app: :shop, version: "0.1.0", elixir: "~> 1.14", deps: [{:phoenix, "~> 1.7"}]]
              end
            end
            """;

    private ProjectFixture undeployedWithoutALevel(String folder) {
        return new ProjectFixture(dir.resolve(folder))
                .with("mix.exs", PHOENIX_MIX_EXS)
                .with("config/config.exs", CONFIG_IMPORTING_ENV
                        + "config :logger, :console, format: \"$time $metadata[$level] $message\\n\"\n")
                .with("config/prod.exs", "import Config\n\nconfig :shop, ShopWeb.Endpoint, cache_static_manifest: "
                        + "\"priv/static/cache_manifest.json\"\n");
    }

    @Test
    void noLevelAtAllInADeployedProjectIsLoggersDefaultDebug() {
        List<Finding> findings = check(deployedWithoutALevel("shop"));

        assertEquals(1, findings.size(), findings.toString());
        Finding finding = findings.get(0);
        assertEquals(dir.resolve("shop/config/prod.exs"), finding.file().path());
        assertEquals("import Config", ProjectFixture.covered(finding));
        assertTrue(finding.message().contains("Logger's default, :debug"), finding.message());
        Fix fix = finding.fixes().get(0);
        assertTrue(fix.safe());
        assertTrue(ProjectFixture.afterFix(fix, dir.resolve("shop/config/prod.exs")).endsWith("config :logger, level: :info\n"));
    }

    @Test
    void noLevelIsSilentWhereTheRepositoryShowsNoDeploymentOrTheProjectIsNoPhoenixApp() {
        assertEquals(List.of(), check(undeployedWithoutALevel("shop")));
        assertEquals(List.of(), check(deployedWithoutALevel("worker").with("mix.exs", PHOENIX_MIX_EXS
                .replace("{:phoenix, \"~> 1.7\"}", "{:broadway, \"~> 1.0\"}"))), "no Phoenix: no request params to log");
    }

    @Test
    void noLevelIsSilentWhereSomethingElseMayChooseIt() {
        assertEquals(List.of(), check(deployedWithoutALevel("case1")
                .with("config/runtime.exs", "import Config\nconfig :logger, :console, level: :info\n")), "a console level");
        assertEquals(List.of(), check(deployedWithoutALevel("case2")
                .with("config/runtime.exs", "import Config\nconfig :logger, backends: [LoggerJSON]\n")), "own backends");
        assertEquals(List.of(), check(deployedWithoutALevel("case3")
                .with("config/runtime.exs", "import Config\nconfig :logger, compile_time_purge_matching: "
                        + "[[level_lower_than: :info]]\n")), "a compile-time purge");
        assertEquals(List.of(), check(deployedWithoutALevel("case4")
                .with("config/prod.exs", "import Config\nimport_config \"prod.secret.exs\"\n")), "a missing import");
        assertEquals(List.of(), check(deployedWithoutALevel("case5")
                .with("lib/shop/application.ex", "defmodule Shop.Application do\n  def start(_, _) do\n"
                        + "    Logger.configure(level: :info)\n  end\nend\n")), "Logger.configure in the code");
        assertEquals(List.of(), check(deployedWithoutALevel("case6")
                .with("lib/shop/application.ex", "defmodule Shop.Application do\n  def start(_, _) do\n"
                        + "    :logger.set_primary_config(:level, :info)\n  end\nend\n")),
                "the level the code sets through :logger");
        assertEquals(1, check(deployedWithoutALevel("case7")
                .with("lib/shop/application.ex", "defmodule Shop.Application do\n  def start(_, _) do\n"
                        + "    :logger.add_handler(:sentry, Sentry.LoggerHandler, %{level: :error})\n"
                        + "    Logger.add_backend(Sentry.LoggerBackend)\n  end\nend\n")).size(),
                "a handler or backend the code adds: the console still logs at :debug");
    }

    @Test
    void withoutAProdExsTheMissingLevelIsReportedOnConfigExsWithoutAFix() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", PHOENIX_MIX_EXS)
                .with("config/config.exs", "import Config\n\nconfig :shop, ecto_repos: [Shop.Repo]\n")
                .with("config/runtime.exs", "import Config\n\nif config_env() == :prod do\n"
                        + "  config :shop, Shop.Repo, url: System.fetch_env!(\"DATABASE_URL\")\nend\n")
                .with("Dockerfile", RELEASE_DOCKERFILE);
        List<Finding> findings = check(project);

        assertEquals(1, findings.size(), findings.toString());
        assertEquals(dir.resolve("config/config.exs"), findings.get(0).file().path());
        assertTrue(findings.get(0).message().contains("no config file evaluated for prod sets one"), findings.get(0).message());
        assertEquals(List.of(), findings.get(0).fixes());
    }
}
