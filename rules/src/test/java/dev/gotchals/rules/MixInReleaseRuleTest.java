package dev.gotchals.rules;

import dev.gotchals.edit.ReleaseFiles;
import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MixInReleaseRuleTest {
    private static final String MIX_EXS_ECTO = """
            defmodule Shop.MixProject do
              use Mix.Project

              def project do
                [app: :shop, version: "0.1.0", elixir: "~> 1.14", deps: deps()]
              end

              def application do
                [mod: {Shop.Application, []}, extra_applications: [:logger]]
              end

              defp deps do
                [{:phoenix, "~> 1.7.21"}, {:ecto_sql, "~> 3.10"}, {:postgrex, ">= 0.0.0"}]
              end
            end
            """;
    private static final String MIX_EXS_RELEASES = """
            defmodule Shop.MixProject do
              use Mix.Project

              def project do
                [
                  app: :shop,
                  version: "0.1.0",
                  elixir: "~> 1.14",
                  deps: deps(),
                  releases: [
                    shop_web: [include_executables_for: [:unix]]
                  ]
                ]
              end

              def application do
                [mod: {Shop.Application, []}, extra_applications: [:logger]]
              end

              defp deps do
                [{:ecto_sql, "~> 3.10"}, {:postgrex, ">= 0.0.0"}]
              end
            end
            """;
    private static final String CONFIG = """
            import Config

            config :shop, ecto_repos: [Shop.Repo]

            import_config "#{config_env()}.exs"
            """;
    private static final String REPO = """
            defmodule Shop.Repo do
              use Ecto.Repo,
                otp_app: :shop,
                adapter: Ecto.Adapters.Postgres
            end
            """;
    /** The shape of the Dockerfile `mix phx.gen.release --docker` writes, with a start command to vary. */
    private static final String BUILDER = """
            ARG ELIXIR_VERSION=1.18.3
            ARG OTP_VERSION=27.3
            ARG DEBIAN_VERSION=bullseye-20250317-slim

            ARG BUILDER_IMAGE="hexpm/elixir:${ELIXIR_VERSION}-erlang-${OTP_VERSION}-debian-${DEBIAN_VERSION}"
            ARG RUNNER_IMAGE="debian:${DEBIAN_VERSION}"

            FROM ${BUILDER_IMAGE} AS builder
            WORKDIR /app
            RUN mix local.hex --force && mix local.rebar --force
            ENV MIX_ENV="prod"
            COPY mix.exs mix.lock ./
            RUN mix deps.get --only $MIX_ENV
            COPY config/config.exs config/${MIX_ENV}.exs config/
            RUN mix deps.compile
            COPY priv priv
            COPY lib lib
            RUN mix compile
            COPY config/runtime.exs config/
            COPY rel rel
            RUN mix release

            FROM ${RUNNER_IMAGE}
            RUN apt-get update -y && apt-get install -y libstdc++6 openssl libncurses5 locales ca-certificates
            WORKDIR "/app"
            RUN chown nobody /app
            ENV MIX_ENV="prod" LANG="C.UTF-8"
            COPY --from=builder --chown=nobody:root /app/_build/${MIX_ENV}/rel/shop ./
            USER nobody
            """;
    private static final String RELEASE_EX = ReleaseFiles.releaseModule("Shop", "shop");
    private static final String MIGRATE = ReleaseFiles.migrateScript("shop", "Shop");

    @TempDir
    Path dir;

    private static final String MIGRATION = """
            defmodule Shop.Repo.Migrations.CreateProducts do
              use Ecto.Migration

              def change do
                create table(:products) do
                  add :name, :string
                end
              end
            end
            """;

    private ProjectFixture ectoRelease() {
        return ectoReleaseWithoutMigrations().with("priv/repo/migrations/20240101000000_create_products.exs", MIGRATION);
    }

    private ProjectFixture ectoReleaseWithoutMigrations() {
        return new ProjectFixture(dir)
                .with("mix.exs", MIX_EXS_ECTO)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", "import Config\n\nconfig :logger, level: :info\n")
                .with("lib/shop/repo.ex", REPO);
    }

    private static List<Finding> check(ProjectFixture fixture) {
        return fixture.check(new MixInReleaseRule());
    }

    // ---- the start path of the release Dockerfile --------------------------------------------------------------

    private static Finding single(List<Finding> findings) {
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }

    @Test
    void mixBehindTiniInAnExecArrayIsReported() {
        ProjectFixture project = ectoRelease().with("lib/shop/release.ex", RELEASE_EX)
                .with("Dockerfile", BUILDER + "ENTRYPOINT [\"/sbin/tini\", \"--\", \"mix\", \"phx.server\"]\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size());
        assertEquals("mix\", \"phx.server", ProjectFixture.covered(findings.get(0)));
        assertTrue(findings.get(0).message().contains("in the ENTRYPOINT of Dockerfile"), findings.get(0).message());
    }

    @Test
    void mixEctoMigrateInTheRunnerCmdIsReportedAndFixedWithTheReleaseMigrateScript() throws IOException {
        ProjectFixture project = ectoRelease()
                .with("Dockerfile", BUILDER + "CMD [\"sh\", \"-c\", \"mix ecto.migrate && /app/bin/server\"]\n");
        List<Finding> findings = check(project);

        assertEquals(2, findings.size(), findings.toString());
        Finding cmd = findings.stream().filter(f -> f.message().contains("CMD")).findFirst().orElseThrow();
        assertEquals("GT002", cmd.rule().id());
        assertEquals("mix ecto.migrate", ProjectFixture.covered(cmd));
        assertEquals("`mix ecto.migrate` in the CMD of Dockerfile cannot run: the final stage holds only the "
                + "release (Dockerfile runs `mix release`) and a release has no Mix, so the container fails to "
                + "start; migrate with the release's bin/migrate (Ecto.Migrator through `bin/shop eval`) instead.",
                cmd.message());
        Finding migrator = findings.stream().filter(f -> f != cmd).findFirst().orElseThrow();
        assertEquals("RUN mix release", ProjectFixture.covered(migrator));
        assertTrue(migrator.message().contains("no module in lib/ calls Ecto.Migrator"), migrator.message());

        assertEquals(1, cmd.fixes().size());
        Fix fix = cmd.fixes().get(0);
        assertEquals("Replace `mix ecto.migrate` with `/app/bin/migrate` (creates rel/overlays/bin/migrate: chmod +x it)",
                fix.title());
        assertFalse(fix.safe(), "the new script must be made executable by hand");
        assertTrue(ProjectFixture.afterFix(fix, dir.resolve("Dockerfile"))
                .endsWith("CMD [\"sh\", \"-c\", \"/app/bin/migrate && /app/bin/server\"]\n"));
        assertEquals(RELEASE_EX, created(fix, dir.resolve("lib/shop/release.ex")));
        assertEquals(MIGRATE, created(fix, dir.resolve("rel/overlays/bin/migrate")));

        assertConverges(fix);
    }

    @Test
    void theGeneratedReleaseModuleIsWhatPhoenix17Writes() throws IOException {
        Path generated = TestWorkspaces.root().resolve("phx-release-clean");
        assertEquals(Files.readString(generated.resolve("lib/shop/release.ex")), RELEASE_EX);
        assertEquals(Files.readString(generated.resolve("rel/overlays/bin/migrate")), MIGRATE);
        assertFalse(SyntaxTree.parse(SourceLanguage.ELIXIR, TextDocument.of(RELEASE_EX)).hasErrors());
    }

    @Test
    void theMigratorFixAloneCreatesTheModuleAndScript() throws IOException {
        ProjectFixture project = ectoRelease().with("Dockerfile", BUILDER + "CMD [\"/app/bin/server\"]\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        Finding migrator = findings.get(0);
        assertEquals("The project uses Ecto and builds a release (Dockerfile runs `mix release`), but no module in "
                + "lib/ calls Ecto.Migrator, so production can only migrate with `mix ecto.migrate`, which a release "
                + "does not contain; add a Shop.Release.migrate/0 run by bin/migrate.", migrator.message());
        Fix fix = migrator.fixes().get(0);
        assertTrue(fix.safe());
        assertEquals(2, fix.changes().size());
        assertConverges(fix);
    }

    @Test
    void aMigratorMayLiveInCodeCompiledFromOutsideLib() {
        String compiled = MIX_EXS_ECTO.replace("deps: deps()]", "deps: deps(), elixirc_paths: elixirc_paths(Mix.env())]")
                .replace("  defp deps do", "  defp elixirc_paths(:test), do: [\"lib\", \"test/support\"]\n"
                        + "  defp elixirc_paths(_), do: [\"lib\", \"priv/tasks\"]\n\n  defp deps do");
        ProjectFixture project = ectoRelease().with("Dockerfile", BUILDER + "CMD [\"/app/bin/server\"]\n")
                .with("mix.exs", compiled);
        assertEquals(List.of(), check(project), "priv/tasks is compiled too, and not read here");

        project.with("mix.exs", compiled.replace("\"lib\", \"priv/tasks\"", "\"lib\""));
        assertEquals(1, check(project).size(), "only test support besides lib/");

        project.with("mix.exs", compiled.replace("\"lib\", \"priv/tasks\"", "\"lib\", \"web\""))
                .with("web/router.ex", "defmodule ShopWeb.Router do\n  use Phoenix.Router\nend\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), "Phoenix 1.2's web/ is read: no migrator there either");
        assertTrue(findings.get(0).message().contains("no module in lib/ or web/ calls Ecto.Migrator"),
                findings.get(0).message());
        project.with("web/release.ex", "defmodule Shop.Release do\n  def migrate, do: Ecto.Migrator.run(Shop.Repo, :up, all: true)\nend\n");
        assertEquals(List.of(), check(project), "a migrator in web/ counts");
    }

    @Test
    void aReleaseOnlyGigalixirDeploysIsMigratedByGigalixir() {
        // manusajith/with-me.live: Gigalixir builds the release (config/releases.exs beside the buildpack config).
        ProjectFixture project = ectoRelease().with("config/releases.exs", "import Config\n")
                .with("mix.exs", MIX_EXS_ECTO.replace("deps: deps()]", "deps: deps(), releases: [shop: []]]"))
                .with("elixir_buildpack.config", "elixir_version=1.10.3\nerlang_version=22.3.4\n");
        assertEquals(List.of(), check(project), "`gigalixir ps:migrate` runs Ecto.Migrator in the release");
        project.with("Dockerfile", BUILDER + "CMD [\"/app/bin/shop\", \"start\"]\n");
        assertEquals(1, check(project).size(), "an image of the release may run anywhere");
    }

    @Test
    void aDeployScriptThatBuildsAndMigratesWithMixNeedsNoMigrator() {
        String deploy = "#!/bin/sh\nset -e\ncd ~/build/shop && git pull\nexport MIX_ENV=prod\nmix deps.get --only prod\n"
                + "mix release --overwrite\n_build/prod/rel/shop/bin/shop restart\n";
        ProjectFixture project = ectoRelease().with("deploy.sh", deploy);
        List<Finding> built = check(project);
        assertEquals(1, built.size(), built.toString());
        Finding local = built.get(0);
        assertTrue(local.message().contains("from a checkout where Mix is at hand, but nothing migrates the database")
                && local.message().contains("Run `MIX_ENV=prod mix ecto.migrate` in the script"),
                "built by the script where it runs, with nothing that migrates: " + local.message());
        assertEquals(List.of(), check(project.with("deploy.sh", deploy + "mix ecto.migrate\n")),
                "the script migrates with Mix from the checkout it builds in");
        String unpacked = "#!/bin/sh\nexport MIX_ENV=prod\nmix release\nmkdir -p ~/www/shop\n"
                + "(cd ~/www/shop && tar xzvf ~/src/shop/_build/prod/rel/shop/releases/0.1.0/shop.tar.gz)\n";
        assertTrue(single(check(project.with("deploy.sh", unpacked))).message().contains("where Mix is at hand"),
                "a release unpacked where it was built ships nothing");
        assertFalse(single(check(project.with("deploy.sh", unpacked.replace("tar xzvf", "tar czf shop.tgz")
                + "scp shop.tgz deploy@203.0.113.7:\n"))).message().contains("where Mix is at hand"),
                "a release packaged and copied elsewhere runs without Mix");
        List<Finding> remote = check(project.with("deploy.sh",
                "ssh deploy@203.0.113.7 -p 5123 \"cd shop && MIX_ENV=prod mix release --overwrite\"\n"));
        assertEquals(1, remote.size(), "built on the server over ssh, with nothing that migrates");
        assertTrue(remote.get(0).message().contains("deploy.sh runs `mix release` from a checkout where Mix is at hand"),
                remote.get(0).message());
    }

    @Test
    void aScriptsMixReleaseOnAnElixirWithoutTheTaskAndNoReleaseToolBuildsNothing() {
        // An exrm-era script left behind: Elixir 1.6 has no `mix release`, and neither exrm nor Distillery is there.
        String script = "#!/bin/sh\nmix release.clean --implode\nSERVER=1 MIX_ENV=prod mix release\n";
        ProjectFixture project = ectoRelease().with("release.sh", script).with(".tool-versions", "elixir 1.6.1\n");
        assertEquals(List.of(), check(project));
        assertEquals(1, check(project.with(".tool-versions", "elixir 1.9.4\n")).size(), "Elixir 1.9 builds it");
        assertEquals(1, check(project.with(".tool-versions", "elixir 1.6.1\n")
                .with("mix.lock", "%{\n  \"mix_docker\": {:hex, :mix_docker, \"0.5.0\", \"c7ad\", [:mix], "
                        + "[{:distillery, \"~> 1.2\", [hex: :distillery, repo: \"hexpm\", optional: false]}], \"hexpm\"},\n}\n")
                .with("mix.exs", MIX_EXS_ECTO.replace("{:ecto_sql", "{:mix_docker, \"~> 0.5\"}, {:ecto_sql"))).size(),
                "a dependency that needs Distillery brings its `mix release`");
    }

    @Test
    void aMigrationJobImageThatMigratesWithMixNeedsNoMigrator() {
        ProjectFixture project = ectoRelease()
                .with("Dockerfile", BUILDER + "CMD [\"/app/bin/server\"]\n")
                .with("MigrationDockerfile", "FROM elixir:1.17\nWORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\n"
                        + "RUN mix deps.get\nCMD [\"mix\", \"ecto.setup\"]\n");
        assertEquals(List.of(), check(project), "the migration job's image migrates with Mix");
        project.with("MigrationDockerfile", "FROM elixir:1.17\nWORKDIR /app\nCOPY . .\nCMD [\"mix\", \"test\"]\n");
        assertEquals(1, check(project).size(), "an image that does not migrate leaves the release without a way to");
    }

    @Test
    void aDeployScriptMigratesWithMixAfterTheBuildScriptItRuns() {
        ProjectFixture project = ectoRelease()
                .with("bin/build", "#!/usr/bin/env bash\nset -e\nexport MIX_ENV=prod\nmix deps.get --only prod\nmix release\n")
                .with("bin/build-deploy", "#!/bin/sh\nset -e\ncd $HOME/build/shop\nbin/build\nbin/deploy-release\n"
                        + "mix ecto.migrate\nsudo bin/deploy-restart\n");
        assertEquals(List.of(), check(project), "bin/build builds the release, then the checkout migrates with Mix");
        project.with("bin/build-deploy", "#!/bin/sh\nset -e\nbin/deploy-release\nmix ecto.migrate\n");
        assertEquals(1, check(project).size(), "migrating in a script that builds nothing says nothing of the release");
        project.with("bin/build-deploy", "#!/bin/sh\nset -e\nsh ./bin/build\nmix ecto.migrate\n");
        assertEquals(List.of(), check(project), "the build script run through a shell");
    }

    @Test
    void aDistilleryMigrateCommandMigratesThroughWhateverModuleItEvaluates() {
        String relConfig = "use Distillery.Releases.Config\nenvironment :prod do\n  set include_erts: true\n"
                + "  set commands: [migrate: \"rel/commands/migrate.sh\"]\nend\nrelease :shop do\n  set version: \"0.1.0\"\nend\n";
        ProjectFixture project = ectoRelease()
                .with("mix.exs", MIX_EXS_ECTO.replace("{:ecto_sql", "{:distillery, \"~> 2.1\"},\n      {:ecto_sql"))
                .with("Dockerfile", "FROM elixir:1.10-alpine AS builder\nENV MIX_ENV=prod\nWORKDIR /app\nCOPY . .\n"
                        + "RUN mix do deps.get, distillery.release\n\nFROM alpine:3.11\n"
                        + "COPY --from=builder /app/_build/prod/rel/shop /app\nCMD [\"/app/bin/shop\", \"foreground\"]\n")
                .with("rel/config.exs", relConfig.replace("  set commands: [migrate: \"rel/commands/migrate.sh\"]\n", ""));
        assertEquals(1, check(project).size(), "the image builds Distillery's release, which cannot migrate");
        project.with("rel/config.exs", relConfig)
                .with("rel/commands/migrate.sh", "#!/bin/sh\nrelease_ctl eval --mfa \"Shared.ReleaseTasks.migrate/1\" --argv -- \"$@\"\n");
        assertEquals(List.of(), check(project), "`bin/shop migrate` runs a dependency's release task");
    }

    @Test
    void aRepoWithNoMigrationNeedsNoMigrator() {
        ProjectFixture project = ectoReleaseWithoutMigrations()
                .with("Dockerfile", BUILDER + "CMD [\"/app/bin/server\"]\n")
                .with("priv/repo/migrations/.formatter.exs", "[import_deps: [:ecto_sql], inputs: [\"*.exs\"]]\n");
        assertEquals(List.of(), check(project), "the generated folder holds no migration: nothing to run");

        project.with("priv/repo/tenant_migrations/20240101000000_create_orders.exs", MIGRATION);
        assertEquals(1, check(project).size(), "any repo's migrations need running");
    }

    @Test
    void existingMigrateScriptIsReusedAndOnlyTheModuleIsAdded() throws IOException {
        ProjectFixture project = ectoRelease()
                .with("rel/overlays/bin/migrate", MIGRATE)
                .with("Dockerfile", BUILDER + "CMD /app/bin/migrate && mix ecto.migrate && /app/bin/server\n");
        Finding cmd = check(project).stream().filter(f -> f.message().contains("CMD")).findFirst().orElseThrow();
        Fix fix = cmd.fixes().get(0);
        assertEquals("Replace `mix ecto.migrate` with `/app/bin/migrate` (adds Shop.Release)", fix.title());
        assertTrue(fix.safe());
        assertEquals(2, fix.changes().size());
        assertConverges(fix);
    }

    @Test
    void aDockerfileThatDoesNotCopyRelGetsCopyRelFromTheFix() throws IOException {
        ProjectFixture project = ectoRelease()
                .with("Dockerfile", BUILDER.replace("COPY rel rel\n", "") + "CMD [\"sh\", \"-c\", \"mix ecto.migrate && /app/bin/server\"]\n");
        Finding cmd = check(project).stream().filter(f -> f.message().contains("CMD")).findFirst().orElseThrow();
        String fixed = ProjectFixture.afterFix(cmd.fixes().get(0), dir.resolve("Dockerfile"));
        assertTrue(fixed.contains("COPY config/runtime.exs config/\nCOPY rel rel\nRUN mix release\n"), fixed);
        assertConverges(cmd.fixes().get(0));
    }

    @Test
    void theGeneratedLayoutIsSilent() {
        ProjectFixture project = ectoRelease()
                .with("lib/shop/release.ex", RELEASE_EX)
                .with("rel/overlays/bin/migrate", MIGRATE)
                .with("rel/overlays/bin/server", "#!/bin/sh\nset -eu\n\ncd -P -- \"$(dirname -- \"$0\")\"\nPHX_SERVER=true exec ./shop start\n")
                .with("Dockerfile", BUILDER + "CMD [\"/app/bin/server\"]\n")
                .with("fly.toml", "app = \"shop\"\n\n[deploy]\n  release_command = \"/app/bin/migrate\"\n\n[env]\n  PHX_HOST = \"shop.fly.dev\"\n");
        assertEquals(List.of(), check(project));
    }

    @Test
    void aBranchOfTheEntrypointForAnotherValueOfAVariableTheImageFixesNeverRuns() {
        String dockerfile = """
                FROM hexpm/elixir:1.17.3-erlang-27.1-alpine-3.20.3 AS build
                ENV MIX_ENV=prod
                WORKDIR /build
                COPY . .
                RUN mix deps.get --only prod && mix release

                FROM alpine:3.20.3
                ENV MIX_ENV=prod
                WORKDIR /app
                COPY --from=build /build/_build/prod/rel/shop ./
                COPY priv/docker-entrypoint.sh /usr/local/bin/
                USER nobody
                ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
                CMD ["start"]
                """;
        String entrypoint = """
                #!/bin/bash
                if [ "${MIX_ENV}" == "prod" ]; then
                    /app/bin/shop eval "Shop.Release.migrate" && exec /app/bin/shop "$@"
                else
                    mix deps.get && mix ecto.setup && exec mix phx.server
                fi
                """;
        ProjectFixture project = ectoRelease().with("lib/shop/release.ex", RELEASE_EX)
                .with("Dockerfile", dockerfile).with("priv/docker-entrypoint.sh", entrypoint);
        assertEquals(List.of(), check(project), "the image's MIX_ENV=prod takes the release's branch");
        List<Finding> findings = check(project.with("priv/docker-entrypoint.sh",
                entrypoint.replace("\"${MIX_ENV}\" == \"prod\"", "\"${MIX_ENV}\" != \"prod\"")));
        assertEquals(List.of("mix deps.get", "mix ecto.setup", "mix phx.server"),
                findings.stream().map(ProjectFixture::covered).toList(), "the test turned round: Mix runs in prod");
    }

    @Test
    void anImageThatServesWithMixIsAMixDeploymentThoughItAlsoBuildsARelease() {
        String dockerfile = """
                FROM elixir:1.17
                WORKDIR /app
                ENV MIX_ENV=prod
                COPY . .
                RUN mix deps.get --only prod && mix compile
                RUN mix release
                COPY entrypoint.sh /app/entrypoint.sh
                CMD ["/app/entrypoint.sh"]
                """;
        String entrypoint = "#!/bin/bash\nmix ecto.migrate\nmix run priv/repo/seeds.exs\nexec mix phx.server\n";
        ProjectFixture project = ectoRelease().with("lib/shop/release.ex", RELEASE_EX)
                .with("Dockerfile", dockerfile).with("entrypoint.sh", entrypoint);
        assertEquals(List.of(), check(project), "the release it builds is never started: Mix serves production");
        // The same script starting the release instead puts its Mix calls on a release's start path.
        List<Finding> findings = check(ectoRelease().with("lib/shop/release.ex", RELEASE_EX).with("Dockerfile", dockerfile)
                .with("entrypoint.sh", entrypoint.replace("exec mix phx.server", "exec /app/_build/prod/rel/shop/bin/shop start")));
        assertEquals(List.of("mix ecto.migrate", "mix run"), findings.stream().map(ProjectFixture::covered).toList());
        // Served in dev (no MIX_ENV=prod), it is a development image that leaves the release it builds unused.
        assertEquals(3, check(ectoRelease().with("lib/shop/release.ex", RELEASE_EX).with("Dockerfile",
                dockerfile.replace("ENV MIX_ENV=prod\n", "")).with("entrypoint.sh", entrypoint)).size());
        // A final stage without Elixir cannot serve with Mix: the start fails, and that is reported.
        assertEquals(1, check(ectoRelease().with("lib/shop/release.ex", RELEASE_EX).with("Dockerfile",
                "FROM elixir:1.17 AS build\nENV MIX_ENV=prod\nRUN mix release\n\nFROM debian:bookworm-slim\n"
                        + "CMD [\"mix\", \"phx.server\"]\n")).size());
    }

    @Test
    void aSingleStageImageMayRunMixToBuildBeforeStartingTheRelease() {
        ProjectFixture project = ectoRelease()
                .with("lib/shop/release.ex", RELEASE_EX)
                .with("Dockerfile", """
                        FROM hexpm/elixir:1.17.3-erlang-27.1-debian-bookworm-20240926-slim
                        WORKDIR /app
                        ENV MIX_ENV=prod
                        COPY . .
                        RUN mix local.hex --force && mix deps.get --only prod
                        RUN mix compile && mix release
                        CMD ["/app/_build/prod/rel/shop/bin/shop", "start"]
                        """);
        assertEquals(List.of(), check(project));
    }

    @Test
    void runMixInTheRunnerStageCannotWork() {
        ProjectFixture project = ectoRelease()
                .with("lib/shop/release.ex", RELEASE_EX)
                .with("Dockerfile", BUILDER + "RUN mix phx.digest\nCMD [\"/app/bin/server\"]\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("mix phx.digest", ProjectFixture.covered(findings.get(0)));
        assertTrue(findings.get(0).message().contains("starts from debian:bullseye-20250317-slim"), findings.get(0).message());
    }

    @Test
    void aRunnerStageThatInstallsElixirHasMix() {
        ProjectFixture project = ectoRelease()
                .with("lib/shop/release.ex", RELEASE_EX)
                .with("Dockerfile", BUILDER.replace("RUN apt-get update -y && apt-get install -y libstdc++6",
                        "RUN apt-get update -y && apt-get install -y elixir libstdc++6") + "RUN mix local.hex --force\nCMD [\"/app/bin/server\"]\n");
        assertEquals(List.of(), check(project));
    }

    @Test
    void anExistingReleaseModuleWithoutMigratorIsNotOverwritten() {
        ProjectFixture project = ectoRelease()
                .with("lib/shop/release.ex", "defmodule Shop.Release do\n  def seed, do: :ok\nend\n")
                .with("Dockerfile", BUILDER + "CMD [\"/app/bin/server\"]\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals(List.of(), findings.get(0).fixes());
    }

    @Test
    void migratingInABuilderRunStepIsReported() {
        ProjectFixture project = ectoRelease()
                .with("lib/shop/release.ex", RELEASE_EX)
                .with("Dockerfile", BUILDER.replace("RUN mix release\n", "RUN mix ecto.migrate && mix release\n")
                        + "CMD [\"/app/bin/server\"]\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("mix ecto.migrate", ProjectFixture.covered(findings.get(0)));
        assertTrue(findings.get(0).message().startsWith("`RUN mix ecto.migrate` in Dockerfile touches the database while the image is built"),
                findings.get(0).message());
        assertEquals(List.of(), findings.get(0).fixes());
    }

    @Test
    void aCommentLineInsideARunContinuationKeepsTheFindingAndTheSuppressActionsDirectiveThereHidesIt() {
        String continued = BUILDER.replace("RUN mix release\n", "RUN mix deps.get && \\\n    mix ecto.migrate && mix release\n")
                + "CMD [\"/app/bin/server\"]\n";
        ProjectFixture project = ectoRelease().with("lib/shop/release.ex", RELEASE_EX);
        List<Finding> plain = check(project.with("Dockerfile",
                continued.replace("    mix ecto.migrate", "    # migrate while building\n    mix ecto.migrate")));
        assertEquals(List.of("mix ecto.migrate"), plain.stream().map(ProjectFixture::covered).toList(),
                "Docker drops comment lines inside a continuation, and so does the rule");

        List<Finding> findings = project.with("Dockerfile", continued).checkAll(dev.gotchals.rule.Settings.DEFAULT);
        assertEquals(List.of("GT002"), findings.stream().map(f -> f.rule().id()).toList());
        Fix suppress = dev.gotchals.suppress.SuppressAction.fix(findings.get(0), Rules.catalog()).orElseThrow();
        String suppressed = ProjectFixture.afterFix(suppress, dir.resolve("Dockerfile"));
        assertTrue(suppressed.contains("RUN mix deps.get && \\\n    # gotcha:disable-next-line GT002\n    mix ecto.migrate"),
                suppressed);

        assertEquals(List.of(), project.with("Dockerfile", suppressed).checkAll(dev.gotchals.rule.Settings.DEFAULT));
    }

    @Test
    void aStartScriptOfAnImageThatKeepsMixIsAWarningThatSaysWhyItWorks() {
        ProjectFixture project = ectoRelease().with("lib/shop/release.ex", RELEASE_EX)
                .with("start.sh", "#!/bin/bash\nmix ecto.migrate\nexec /app/_build/prod/rel/shop/bin/shop start\n")
                .with("Dockerfile", """
                        FROM elixir:1.17
                        ENV MIX_ENV=prod
                        WORKDIR /app
                        COPY . .
                        RUN mix deps.get && mix release
                        COPY start.sh /app/start.sh
                        CMD ["/app/start.sh"]
                        """);
        List<Finding> findings = check(project);
        assertEquals(List.of("mix ecto.migrate"), findings.stream().map(ProjectFixture::covered).toList());
        assertEquals(dev.gotchals.rule.Severity.WARNING, findings.get(0).severity());
        assertTrue(findings.get(0).message().contains("it works only because this image keeps the build toolchain and "
                + "sources"), findings.get(0).message());
    }

    @Test
    void inheritedCmdOfAStageBuiltFromAnotherIsTheStartPath() {
        ProjectFixture project = ectoRelease()
                .with("lib/shop/release.ex", RELEASE_EX)
                .with("Dockerfile", """
                        FROM elixir:1.17 AS base
                        WORKDIR /app
                        COPY . .
                        RUN mix deps.get && mix release
                        CMD ["mix", "phx.server"]

                        FROM base AS final
                        ENV PORT=4000
                        """.replace("CMD [\"mix\", \"phx.server\"]", "CMD [\"mix\", \"ecto.migrate\"]"));
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("mix\", \"ecto.migrate", ProjectFixture.covered(findings.get(0)));
    }

    // ---- other Dockerfiles -------------------------------------------------------------------------------------

    @Test
    void aProdNamedDockerfileStartingWithMixIsReportedAlongsideTheReleaseDockerfile() {
        String prod = "FROM elixir:1.17\nWORKDIR /app\nCOPY . .\nRUN mix deps.get\nCMD mix ecto.migrate && exec /app/_build/prod/rel/shop/bin/shop start\n";
        ProjectFixture project = ectoRelease()
                .with("lib/shop/release.ex", RELEASE_EX)
                .with("Dockerfile", BUILDER + "CMD [\"/app/bin/server\"]\n")
                .with("Dockerfile.prod", prod);
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals(dir.resolve("Dockerfile.prod"), findings.get(0).file().path());
        assertTrue(findings.get(0).message().startsWith("`mix ecto.migrate` in the CMD of Dockerfile.prod runs Mix"),
                findings.get(0).message());
        // One that serves with Mix is a Mix deployment beside the release's: its Mix is where it belongs.
        assertEquals(List.of(), check(ectoRelease().with("lib/shop/release.ex", RELEASE_EX)
                .with("Dockerfile", BUILDER + "CMD [\"/app/bin/server\"]\n")
                .with("Dockerfile.prod", prod.replace("CMD mix ecto.migrate && exec /app/_build/prod/rel/shop/bin/shop start",
                        "ENV MIX_ENV=prod\nCMD mix ecto.migrate && mix phx.server"))));
    }

    @Test
    void developmentDockerfilesRunMixLegitimately() {
        ProjectFixture project = ectoRelease()
                .with("lib/shop/release.ex", RELEASE_EX)
                .with("Dockerfile", BUILDER + "CMD [\"/app/bin/server\"]\n")
                .with("Dockerfile.dev", "FROM elixir:1.17\nWORKDIR /app\nCOPY . .\nRUN mix deps.get && mix ecto.create\nCMD mix ecto.migrate && mix phx.server\n")
                .with("docker/test.Dockerfile", "FROM elixir:1.17\nCMD [\"mix\", \"test\"]\n");
        assertEquals(List.of(), check(project));
        // Named for production, but it serves dev over a mounted checkout (bonfire-networks/CommonsPub-Server).
        project.with("Dockerfile.prod", "FROM elixir:1.11-alpine\nENV MIX_ENV=dev HOME=/opt/app/\n"
                + "CMD trap 'exit' INT; iex -S mix phx.server\n");
        assertEquals(List.of(), check(project), "a container that serves dev is a developer's");
        project.with("Dockerfile.prod", "FROM elixir:1.11-alpine\nENV HOME=/opt/app/\nCOPY . .\n"
                + "CMD trap 'exit' INT; iex -S mix phx.server\n");
        assertEquals(1, check(project).size(), "a production image that does not say which environment it serves");
        // stephenszpak/market-chatbot: the release is built, but the last stage (the one built) serves dev.
        project.with("Dockerfile.prod", BUILDER + "\nFROM builder AS dev\nENV MIX_ENV=dev\nCMD [\"mix\", \"phx.server\"]\n");
        assertEquals(1, check(project).size(), "an image that builds the release and starts dev instead");
    }

    @Test
    void anUnnamedSecondDockerfileWithoutReleaseIsNotGuessedToBeProduction() {
        ProjectFixture project = ectoRelease()
                .with("lib/shop/release.ex", RELEASE_EX)
                .with("Dockerfile.prod", BUILDER + "CMD [\"/app/bin/server\"]\n")
                .with("Dockerfile", "FROM elixir:1.17\nCMD [\"mix\", \"phx.server\"]\n");
        assertEquals(List.of(), check(project));
    }

    // ---- scripts ----------------------------------------------------------------------------------------------

    @Test
    void anEntrypointScriptRunByTheImageIsOnTheStartPath() throws IOException {
        ProjectFixture project = ectoRelease()
                .with("Dockerfile", BUILDER + "COPY entrypoint.sh /app/entrypoint.sh\nENTRYPOINT [\"/app/entrypoint.sh\"]\nCMD [\"/app/bin/server\"]\n")
                .with("entrypoint.sh", "#!/bin/sh\nset -e\n\n# migrate before start\nif [ \"$RUN_MIGRATIONS\" = 1 ]; then\n  MIX_ENV=prod mix ecto.migrate\nfi\n\nexec \"$@\"\n");
        List<Finding> findings = check(project);
        Finding script = findings.stream().filter(f -> f.file().path().equals(dir.resolve("entrypoint.sh")))
                .findFirst().orElseThrow();
        assertEquals("mix ecto.migrate", ProjectFixture.covered(script));
        assertTrue(script.message().startsWith("`mix ecto.migrate` in the script entrypoint.sh that the ENTRYPOINT of "
                + "Dockerfile runs, although the project ships as a release (Dockerfile runs `mix release`): "), script.message());
        Fix fix = script.fixes().get(0);
        assertEquals("#!/bin/sh\nset -e\n\n# migrate before start\nif [ \"$RUN_MIGRATIONS\" = 1 ]; then\n  /app/bin/migrate\nfi\n\nexec \"$@\"\n",
                ProjectFixture.afterFix(fix, dir.resolve("entrypoint.sh")));
        assertConverges(fix);
    }

    @Test
    void anEntrypointScriptNoImageRunsIsNotTheStartPath() {
        ProjectFixture project = ectoRelease()
                .with("lib/shop/release.ex", RELEASE_EX)
                .with("Dockerfile", BUILDER + "CMD [\"/app/bin/server\"]\n")
                .with("dev-entrypoint.sh", "#!/bin/sh\nmix ecto.migrate\nexec mix phx.server\n");
        assertEquals(List.of(), check(project));
    }

    @Test
    void releaseOverlayScriptsRunningMixAreReported() {
        ProjectFixture project = ectoRelease()
                .with("lib/shop/release.ex", RELEASE_EX)
                .with("Dockerfile", BUILDER + "CMD [\"/app/bin/server\"]\n")
                .with("rel/overlays/bin/server", "#!/bin/sh\nset -eu\ncd -P -- \"$(dirname -- \"$0\")\"\nmix ecto.migrate\nPHX_SERVER=true exec ./shop start\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("mix ecto.migrate", ProjectFixture.covered(findings.get(0)));
        assertTrue(findings.get(0).message().startsWith("`mix ecto.migrate` in the release script rel/overlays/bin/server, "
                + "which runs inside the release where Mix does not exist: "), findings.get(0).message());
        assertEquals(1, check(project.with("rel/overlays/bin/entrypoint.sh",
                "#!/bin/sh\nMIX_ENV=dev mix do deps.get, ecto.migrate\nexec mix phx.server\n")).size(),
                "a leftover script that nothing starts, runs or documents is never run");
    }

    @Test
    void aReleaseScriptOnlyItsWindowsTwinNamesIsNeverRun() {
        ProjectFixture project = ectoRelease()
                .with("lib/shop/release.ex", RELEASE_EX)
                .with("Dockerfile", BUILDER + "CMD [\"/app/bin/server\"]\n")
                .with("rel/overlays/bin/seed", "#!/bin/sh\ncd -P -- \"$(dirname -- \"$0\")\"\nexec ./shop eval Shop.Release.seed\n")
                .with("rel/overlays/bin/seed.bat", "call \"%~dp0\\shop\" eval Shop.Release.seed\n");
        assertEquals(List.of(), check(project), "generated, then its function deleted, and run by nothing");
        List<Finding> findings = check(project.with("fly.toml", "app = \"shop\"\n[deploy]\n  release_command = \"/app/bin/seed\"\n"));
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().contains("calls Shop.Release.seed, but Shop.Release defines no public seed"),
                findings.get(0).message());
    }

    // ---- platform manifests -----------------------------------------------------------------------------------

    @Test
    void flyReleaseCommandRunningMixIsReportedAndFixed() throws IOException {
        ProjectFixture project = ectoRelease()
                .with("lib/shop/release.ex", RELEASE_EX)
                .with("rel/overlays/bin/migrate", MIGRATE)
                .with("Dockerfile", BUILDER + "CMD [\"/app/bin/server\"]\n")
                .with("fly.toml", "app = \"shop\"\nprimary_region = \"ams\"\n\n[deploy]\n  release_command = \"mix ecto.migrate\"\n\n"
                        + "[[services]]\n  protocol = \"tcp\"\n\n[processes]\n  app = \"/app/bin/server\"\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        Finding finding = findings.get(0);
        assertEquals("mix ecto.migrate", ProjectFixture.covered(finding));
        assertTrue(finding.message().startsWith("`mix ecto.migrate` in the fly.toml release_command runs Mix although the "
                + "project ships as a release (Dockerfile runs `mix release`) and a release has no Mix"), finding.message());
        Fix fix = finding.fixes().get(0);
        assertTrue(fix.safe());
        assertTrue(ProjectFixture.afterFix(fix, dir.resolve("fly.toml")).contains("release_command = \"/app/bin/migrate\"\n"));
        assertConverges(fix);
    }

    @Test
    void flyProcessRunningMixIsReported() {
        ProjectFixture project = ectoRelease()
                .with("lib/shop/release.ex", RELEASE_EX)
                .with("Dockerfile", BUILDER + "CMD [\"/app/bin/server\"]\n")
                .with("fly.toml", "app = \"shop\"\n\n[processes]\n  app = \"/app/bin/server\"\n  worker = \"mix run --no-halt\"\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().startsWith("`mix run` in the `worker` process of fly.toml"), findings.get(0).message());
    }

    @Test
    void procfileOfAReleaseProjectIsReportedWithTheBuildPathOfTheRelease() throws IOException {
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", MIX_EXS_RELEASES)
                .with("config/config.exs", CONFIG)
                .with("lib/shop/repo.ex", REPO)
                .with("lib/shop/release.ex", RELEASE_EX)
                .with("Procfile", "release: MIX_ENV=prod mix ecto.migrate\nweb: _build/prod/rel/shop_web/bin/shop_web start\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().contains("the Procfile `release:` line"), findings.get(0).message());
        assertTrue(findings.get(0).message().contains("(mix.exs declares `releases:`)"), findings.get(0).message());
        Fix fix = findings.get(0).fixes().get(0);
        assertEquals("release: _build/prod/rel/shop_web/bin/migrate\nweb: _build/prod/rel/shop_web/bin/shop_web start\n",
                ProjectFixture.afterFix(fix, dir.resolve("Procfile")));
        assertEquals(ReleaseFiles.migrateScript("shop_web", "Shop"), created(fix, dir.resolve("rel/overlays/bin/migrate")));
        assertConverges(fix);
    }

    @Test
    void aProcfileInASlugTheElixirBuildpackBuiltHasMix() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", MIX_EXS_RELEASES)
                .with("config/config.exs", CONFIG)
                .with("lib/shop/repo.ex", REPO)
                .with("lib/shop/release.ex", RELEASE_EX)
                .with("elixir_buildpack.config", "elixir_version=1.12.0\nerlang_version=23.3.1\nrelease=true\n")
                .with("Procfile", "release: mix ecto.migrate && mix run priv/repo/seeds.exs\n"
                        + "web: _build/prod/rel/shop_web/bin/shop_web start\n");
        assertEquals(List.of(), check(project), "the buildpack puts Mix on the PATH of every process of the slug");

        project.with("heroku.yml", "build:\n  docker:\n    web: Dockerfile\n");
        assertEquals(2, check(project).size(), "a container build has no buildpack slug");
        project.with("heroku.yml", null).with(".buildpacks", "https://github.com/gigalixir/gigalixir-buildpack-releases.git\n");
        assertEquals(2, check(project).size(), "Gigalixir's release buildpack ships the release alone");
    }

    @Test
    void aReleaseLineOfAProcfileNextToAReleaseDockerfileIsADeployStep() throws IOException {
        ProjectFixture project = ectoRelease()
                .with("lib/shop/release.ex", RELEASE_EX)
                .with("rel/overlays/bin/migrate", MIGRATE)
                .with("Dockerfile", BUILDER + "CMD [\"/app/bin/server\"]\n")
                .with("Procfile", "release: mix ecto.migrate\nweb: /app/bin/server\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        Fix fix = findings.get(0).fixes().get(0);
        assertEquals("release: /app/bin/migrate\nweb: /app/bin/server\n", ProjectFixture.afterFix(fix, dir.resolve("Procfile")));
        assertConverges(fix);
    }

    @Test
    void everyMixLineOfAProcfileThatStartsTheReleaseIsReported() {
        ProjectFixture project = ectoRelease()
                .with("lib/shop/release.ex", RELEASE_EX)
                .with("Dockerfile", BUILDER + "CMD [\"/app/bin/server\"]\n")
                .with("Procfile", "web: bin/server\nworker: mix run --no-halt priv/worker.exs\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("mix run", ProjectFixture.covered(findings.get(0)));
        assertTrue(findings.get(0).message().contains("the Procfile `worker:` line"), findings.get(0).message());
    }

    @Test
    void aDevelopmentProcfileNextToAReleaseDockerfileIsSilent() {
        ProjectFixture project = ectoRelease()
                .with("lib/shop/release.ex", RELEASE_EX)
                .with("Dockerfile", BUILDER + "CMD [\"/app/bin/server\"]\n")
                .with("Procfile", "web: mix phx.server\nassets: mix tailwind shop --watch\n");
        assertEquals(List.of(), check(project));
    }

    @Test
    void anEvalOfAFunctionTheProjectDoesNotDefineFailsAtDeployTime() {
        ProjectFixture project = ectoRelease()
                .with("lib/shop/release.ex", RELEASE_EX)
                .with("Dockerfile", BUILDER + "CMD [\"/app/bin/server\"]\n")
                .with("fly.toml", "[deploy]\n  release_command = \"/app/bin/shop eval Shop.Release.migrate_all\"\n")
                .with("rel/overlays/bin/migrate", "#!/bin/sh\ncd -P -- \"$(dirname -- \"$0\")\"\n"
                        + "exec ./shop eval \"Shop.Tasks.migrate()\"\n");
        List<Finding> findings = check(project);
        assertEquals(2, findings.size(), findings.toString());
        assertEquals("Shop.Release.migrate_all", ProjectFixture.covered(findings.get(0)));
        assertTrue(findings.get(0).message().contains("calls Shop.Release.migrate_all, but Shop.Release defines no "
                + "public migrate_all/0"), findings.get(0).message());
        assertEquals("Shop.Tasks.migrate()", ProjectFixture.covered(findings.get(1)));
        assertTrue(findings.get(1).message().contains("no module Shop.Tasks is defined in the project"),
                findings.get(1).message());

        project.with("fly.toml", "[deploy]\n  release_command = \"/app/bin/shop eval Shop.Release.migrate\"\n")
                .with("rel/overlays/bin/migrate", MIGRATE)
                .with("rel/overlays/bin/seed", "#!/bin/sh\nexec ./shop eval 'Ecto.Migrator.run(Shop.Repo, :up, all: true)'\n");
        assertEquals(List.of(), check(project), "defined, or not the project's own module");

        project.with("rel/overlays/bin/migrate", "#!/bin/sh\nexec ./shop eval Shop.Common.Repo.migrate\n");
        assertEquals(List.of(), check(project), "a namespace no module of the project uses: a dependency's "
                + "(shop_common defining Shop.Common.Repo)");
        project.with("lib/shop/common/cache.ex", "defmodule Shop.Common.Cache do\nend\n");
        assertEquals(List.of("Shop.Common.Repo.migrate"), check(project).stream().map(ProjectFixture::covered).toList(),
                "the project's own namespace: the module is missing");
    }

    @Test
    void aCiWorkflowThatRunsMixReleaseMakesTheProjectARelease() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", MIX_EXS_ECTO)
                .with("config/config.exs", CONFIG)
                .with("lib/shop/repo.ex", REPO)
                .with("lib/shop/release.ex", RELEASE_EX)
                .with("fly.toml", "[deploy]\n  release_command = \"mix ecto.migrate\"\n");
        assertEquals(List.of(), check(project), "nothing shows a release");
        project.with(".github/workflows/deploy.yml", "jobs:\n  build:\n    steps:\n      - run: mix deps.get\n"
                + "      - run: MIX_ENV=prod mix release --overwrite\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().contains("(.github/workflows/deploy.yml runs `mix release`)"),
                findings.get(0).message());
        project.with(".github/workflows/deploy.yml", "jobs:\n  build:\n    steps:\n      - run: mix release.init\n");
        assertEquals(List.of(), check(project), "release.init builds nothing");
    }

    @Test
    void aBuildScriptThatRunsMixReleaseMakesTheProjectARelease() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", MIX_EXS_ECTO)
                .with("config/config.exs", CONFIG)
                .with("lib/shop/repo.ex", REPO)
                .with("lib/shop/release.ex", RELEASE_EX)
                .with("fly.toml", "[deploy]\n  release_command = \"mix ecto.migrate\"\n");
        // Render's native Elixir environment builds with a script of the project.
        project.with("build.sh", "#!/usr/bin/env bash\nset -o errexit\nmix deps.get --only prod\n"
                + "MIX_ENV=prod mix compile\nMIX_ENV=prod mix release --overwrite\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().contains("(build.sh runs `mix release`)"), findings.get(0).message());
    }

    @Test
    void aProcfileThatServesWithMixIsAMixDeploymentNextToAReleaseDockerfile() {
        ProjectFixture project = ectoRelease()
                .with("lib/shop/release.ex", RELEASE_EX)
                .with("Dockerfile", BUILDER + "CMD [\"/app/bin/server\"]\n")
                .with("Procfile", "release: POOL_SIZE=2 mix ecto.migrate\nweb: mix phx.server\n");
        assertEquals(List.of(), check(project));
        assertEquals(List.of(), check(project.with("Procfile", "web: ./.platform_tools/elixir/bin/mix phx.server\n")),
                "Mix where the Elixir buildpack installs it is Mix, not a release's bin/");
        assertEquals(List.of(), check(project.with("Procfile", "web: MIX_ENV=prod mix phoenix.server\n")),
                "Phoenix 1.2 named the task phoenix.server");
    }

    @Test
    void aProdDockerfileIsOnlyJudgedNextToADockerfileThatBuildsTheRelease() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", MIX_EXS_RELEASES)
                .with("config/config.exs", CONFIG)
                .with("lib/shop/repo.ex", REPO)
                .with("lib/shop/release.ex", RELEASE_EX)
                .with("Dockerfile.prod", "FROM elixir:1.17\nWORKDIR /app\nCOPY . .\nRUN mix deps.get\nCMD [\"mix\", \"phx.server\"]\n");
        assertEquals(List.of(), check(project));
    }

    @Test
    void theMigratePathFollowsWhereTheRunnerCopiesTheRelease() {
        ProjectFixture project = ectoRelease()
                .with("lib/shop/release.ex", RELEASE_EX)
                .with("rel/overlays/bin/migrate", MIGRATE)
                .with("Dockerfile", BUILDER.replace("WORKDIR \"/app\"", "WORKDIR /srv").replace("rel/shop ./", "rel/shop ./shop/")
                        + "CMD /srv/shop/bin/server\n")
                .with("fly.toml", "[deploy]\nrelease_command = 'mix ecto.migrate'\n");
        Finding finding = check(project).get(0);
        assertEquals("[deploy]\nrelease_command = '/srv/shop/bin/migrate'\n",
                ProjectFixture.afterFix(finding.fixes().get(0), dir.resolve("fly.toml")));
    }

    @Test
    void herokuStyleProjectsMigrateWithMixLegitimately() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", MIX_EXS_ECTO)
                .with("config/config.exs", CONFIG)
                .with("lib/shop/repo.ex", REPO)
                .with("Procfile", "release: mix ecto.migrate\nweb: mix phx.server\n")
                .with("elixir_buildpack.config", "elixir_version=1.17.3\n");
        assertEquals(List.of(), check(project));
    }

    @Test
    void aRelFolderAloneDoesNotMakeAMixDeployAReleaseForItsProcfile() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", MIX_EXS_ECTO)
                .with("config/config.exs", CONFIG)
                .with("lib/shop/repo.ex", REPO)
                .with("rel/env.sh.eex", "#!/bin/sh\n")
                .with("Procfile", "release: mix ecto.migrate\nweb: mix phx.server\n");
        assertEquals(List.of(), check(project));
    }

    @Test
    void aRenderServiceStartedWithMixIsAMixDeployWhateverMixExsDeclares() {
        String blueprint = """
                services:
                  - type: web
                    name: shop
                    runtime: elixir
                    buildCommand: mix deps.get --only prod && MIX_ENV=prod mix compile
                    startCommand: START
                """;
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", MIX_EXS_ECTO.replace("deps: deps()]", "deps: deps(), releases: [shop: []]]"))
                .with("config/config.exs", CONFIG)
                .with("lib/shop/repo.ex", REPO)
                .with("priv/repo/migrations/20240101000000_create_users.exs",
                        "defmodule Shop.Repo.Migrations.CreateUsers do\n  use Ecto.Migration\nend\n")
                .with("render.yaml", blueprint.replace("START", "MIX_ENV=prod mix phx.server"));
        assertEquals(List.of(), check(project), "Render runs the app with Mix: `mix ecto.migrate` is there to migrate");
        assertEquals(1, check(project.with("render.yaml", blueprint.replace("START", "_build/prod/rel/shop/bin/shop start")
                .replace("MIX_ENV=prod mix compile", "MIX_ENV=prod mix release"))).size(),
                "a release built and started there needs a migrator");
    }

    @Test
    void aDockerfileThatDoesNotBuildAReleaseIsAMixDeploy() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", MIX_EXS_ECTO)
                .with("config/config.exs", CONFIG)
                .with("lib/shop/repo.ex", REPO)
                .with("Dockerfile", "FROM elixir:1.17\nWORKDIR /app\nCOPY . .\nRUN mix deps.get && mix compile\nCMD mix ecto.migrate && mix phx.server\n");
        assertEquals(List.of(), check(project));
    }

    // ---- Ecto.Migrator ----------------------------------------------------------------------------------------

    @Test
    void releaseDeclaredInMixExsWithoutMigratorIsReportedOnTheReleasesKey() throws IOException {
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", MIX_EXS_RELEASES)
                .with("config/config.exs", CONFIG)
                .with("lib/shop/repo.ex", REPO)
                .with("priv/repo/migrations/20240101000000_create_products.exs", MIGRATION);
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("releases:", ProjectFixture.covered(findings.get(0)).strip());
        assertTrue(findings.get(0).message().contains("(mix.exs declares `releases:`)"), findings.get(0).message());
        assertConverges(findings.get(0).fixes().get(0));
    }

    @Test
    void aReleaseOnlyTheBuildScriptBuildsIsReportedOnItsCommand() {
        // Render's build.sh: no image, no `releases:` in mix.exs; the script's `mix release` is the evidence.
        String build = "mix deps.get --only prod\nMIX_ENV=prod mix release\n_build/prod/rel/shop/bin/shop eval \"Shop.Release.migrate\"\n";
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", MIX_EXS_ECTO)
                .with("config/config.exs", CONFIG)
                .with("lib/shop/repo.ex", REPO)
                .with("priv/repo/migrations/20240101000000_create_products.exs", MIGRATION)
                .with("build.sh", build);
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("mix release", ProjectFixture.covered(findings.get(0)));
        assertTrue(findings.get(0).message().contains("(build.sh runs `mix release`)"), findings.get(0).message());

        // A build that runs `mix phx.gen.release` first writes Shop.Release and bin/migrate itself.
        project.with("build.sh", build.replace("MIX_ENV=prod mix release", "MIX_ENV=prod mix phx.gen.release\nMIX_ENV=prod mix release"));
        assertEquals(List.of(), check(project));
        project.with("build.sh", "echo no build here\n")
                .with("Dockerfile", BUILDER.replace("RUN mix release", "RUN mix phx.gen.release && mix release")
                        + "CMD [\"/app/bin/server\"]\n");
        assertTrue(BUILDER.contains("RUN mix release"), "the image's release build");
        assertEquals(List.of(), check(project), "so does an image's stage before its release");
    }

    @Test
    void aMigratorCalledFromAnyModuleCounts() {
        ProjectFixture project = ectoRelease()
                .with("Dockerfile", BUILDER + "CMD [\"/app/bin/server\"]\n")
                .with("lib/shop/tasks/migrate.ex", """
                        defmodule Shop.Tasks.Migrate do
                          alias Ecto.Migrator

                          def run do
                            {:ok, _} = Application.ensure_all_started(:ssl)
                            Application.load(:shop)
                            for repo <- Application.fetch_env!(:shop, :ecto_repos) do
                              {:ok, _, _} = Migrator.with_repo(repo, &Migrator.run(&1, :up, all: true))
                            end
                          end
                        end
                        """);
        assertEquals(List.of(), check(project));
    }

    @Test
    void aMigratorReachedThroughAMultiAliasCounts() {
        ProjectFixture project = ectoRelease()
                .with("Dockerfile", BUILDER + "CMD [\"/app/bin/server\"]\n")
                .with("lib/shop/release_tasks.ex", """
                        defmodule Shop.ReleaseTasks do
                          alias Ecto.{Migrator, Repo}

                          def migrate do
                            Application.load(:shop)
                            for repo <- Application.fetch_env!(:shop, :ecto_repos) do
                              {:ok, _, _} = Migrator.with_repo(repo, &Migrator.run(&1, :up, all: true))
                            end
                          end
                        end
                        """);
        assertEquals(List.of(), check(project));
    }

    @Test
    void anEntrypointThatHasTheReleaseEvaluateTheMigratorCounts() {
        String entrypoint = """
                #!/usr/bin/env bash
                # Waits for the database, migrates, then starts.
                RELEASE=$1
                $RELEASE eval 'Application.ensure_all_started(:shop); \\
                  Ecto.Migrator.run(Shop.Repo, :up, all: true)'
                exec $*
                """;
        ProjectFixture project = ectoRelease()
                .with("Dockerfile", BUILDER + "ENTRYPOINT [\"./entrypoint.sh\", \"/app/bin/shop\"]\nCMD [\"start\"]\n")
                .with("entrypoint.sh", entrypoint);
        assertEquals(List.of(), check(project));
        project.with("entrypoint.sh", "#!/bin/sh\n# TODO: $1 eval 'Ecto.Migrator.run(Shop.Repo, :up, all: true)'\nexec $*\n");
        assertEquals(1, check(project).size(), "a commented-out migration migrates nothing");

        project.with("entrypoint.sh", entrypoint.replace("RELEASE=$1", "RELEASE=$1\nexport SECRET_KEY_BASE=$(mix phx.gen.secret)"));
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), "Mix in a command substitution on the start path runs at every start");
        assertTrue(findings.get(0).message().startsWith("`mix phx.gen.secret` in the script entrypoint.sh"),
                findings.get(0).message());
    }

    @Test
    void aMigratorOnlyMentionedInACommentDoesNotCount() {
        ProjectFixture project = ectoRelease()
                .with("Dockerfile", BUILDER + "CMD [\"/app/bin/server\"]\n")
                .with("lib/shop/tasks.ex", "defmodule Shop.Tasks do\n  # later: call Ecto.Migrator here\n  def migrate, do: :ok\nend\n");
        assertEquals(1, check(project).size());
    }

    @Test
    void aReleaseWithoutARepoNeedsNoMigrator() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", MIX_EXS_ECTO.replace("{:ecto_sql, \"~> 3.10\"}, ", ""))
                .with("lib/shop/schema.ex", "defmodule Shop.Schema do\n  use Ecto.Schema\n\n  embedded_schema do\n    field :name, :string\n  end\nend\n")
                .with("Dockerfile", BUILDER + "CMD [\"/app/bin/server\"]\n");
        assertEquals(List.of(), check(project));
    }

    @Test
    void umbrellaReleasesGetTheFindingWithoutAGuessedFix() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", "defmodule Core.Umbrella.MixProject do\n  use Mix.Project\n\n  def project do\n"
                        + "    [apps_path: \"apps\", version: \"0.1.0\", deps: [], releases: [core: [applications: [core: :permanent]]]]\n  end\nend\n")
                .with("apps/core/mix.exs", MIX_EXS_ECTO.replace("Shop", "Core").replace(":shop", ":core"))
                .with("apps/core/lib/core/repo.ex", REPO.replace("Shop", "Core").replace(":shop", ":core"))
                .with("apps/core/priv/repo/migrations/20240101000000_create_products.exs", MIGRATION)
                .with("config/config.exs", "import Config\n\nconfig :core, ecto_repos: [Core.Repo]\n")
                .with("Procfile", "release: mix ecto.migrate\n");
        List<Finding> findings = check(project);
        assertEquals(2, findings.size(), findings.toString());
        assertTrue(findings.stream().allMatch(f -> f.fixes().isEmpty()), findings.toString());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static String created(Fix fix, Path path) {
        for (Fix.Change change : fix.changes()) {
            if (change instanceof Fix.CreateFile create && create.path().equals(path)) {
                return create.content();
            }
        }
        throw new AssertionError("fix does not create " + path);
    }

    /**
     * Applies the fix on disk and analyses the project again with every rule: no GT002 is left and no other rule
     * reports anything new; the Elixir files it writes parse.
     */
    private void assertConverges(Fix fix) throws IOException {
        List<String> before = describe(analyse(dir));
        List<Path> touched = new ArrayList<>();
        for (Fix.Change change : fix.changes()) {
            if (change instanceof Fix.CreateFile create) {
                assertFalse(Files.exists(create.path()), "creates an existing file " + create.path());
                Files.createDirectories(create.path().getParent());
                Files.writeString(create.path(), create.content());
                touched.add(create.path());
            }
        }
        for (Path file : fix.changes().stream().filter(c -> c instanceof Fix.Edit).map(Fix.Change::path).distinct().toList()) {
            Files.writeString(file, ProjectFixture.afterFix(fix, file));
            touched.add(file);
        }
        for (Path file : touched) {
            if (file.toString().endsWith(".ex") || file.toString().endsWith(".exs")) {
                assertFalse(SyntaxTree.parse(SourceLanguage.ELIXIR, TextDocument.of(Files.readString(file))).hasErrors(),
                        "syntax error in " + file);
            }
        }
        List<Finding> after = analyse(dir);
        assertTrue(after.stream().noneMatch(f -> f.rule().id().equals("GT002")), after.toString());
        for (String finding : describe(after)) {
            assertTrue(before.contains(finding), "new finding after the fix: " + finding);
        }
    }

    private static List<Finding> analyse(Path root) {
        Workspace workspace = new Workspace(List.of(root));
        RuleEngine engine = new RuleEngine(Rules.all());
        List<Finding> findings = new ArrayList<>();
        for (MixProject project : workspace.projects()) {
            findings.addAll(engine.analyze(project, workspace));
        }
        findings.sort(Comparator.comparing((Finding f) -> f.file().path()).thenComparingInt(Finding::start));
        return findings;
    }

    private static List<String> describe(List<Finding> findings) {
        return findings.stream().map(f -> f.rule().id() + " " + f.file().path() + " " + f.message()).toList();
    }
}
