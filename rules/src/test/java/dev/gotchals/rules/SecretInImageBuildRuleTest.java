package dev.gotchals.rules;

import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Settings;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretInImageBuildRuleTest {
    private static final String BUILDER = "FROM hexpm/elixir:1.18.4-erlang-27.3.4-debian-trixie-20251117-slim AS builder\n";
    private static final String RUNNER = """

            FROM debian:trixie-20251117-slim
            WORKDIR "/app"
            COPY --from=builder /app/_build/prod/rel/shop ./
            CMD ["/app/bin/server"]
            """;

    @TempDir
    Path dir;

    private List<Finding> check(String dockerfile) {
        return new ProjectFixture(dir).with("Dockerfile", dockerfile).check(new SecretInImageBuildRule());
    }

    private static List<String> covered(List<Finding> findings) {
        return findings.stream().map(ProjectFixture::covered).toList();
    }

    @Test
    void phoenix17And18GeneratedLayoutsAreSilent() {
        for (String name : List.of("phx-release-clean", "phx18-release-clean")) {
            Workspace workspace = new Workspace(List.of(TestWorkspaces.root().resolve(name)));
            for (MixProject project : workspace.projects()) {
                assertEquals(List.of(), new RuleEngine(List.of(new SecretInImageBuildRule())).analyze(project, workspace), name);
            }
        }
    }

    @Test
    void aSecretBuildArgIsReported() {
        List<Finding> findings = check(BUILDER + """
                ARG HEX_API_KEY
                ARG DATABASE_PASSWORD=""
                RUN mix hex.organization auth acme --key "$HEX_API_KEY"
                """ + RUNNER);
        assertEquals(List.of("HEX_API_KEY", "DATABASE_PASSWORD=\"\""), covered(findings));
        assertTrue(findings.get(0).message().contains("the build stage's history keeps it"), findings.get(0).message());
    }

    @Test
    void anEnvCopyingASecretBuildArgIsReportedOnceAtTheEnv() {
        List<Finding> findings = check(BUILDER + """
                ARG STRIPE_SECRET
                ENV STRIPE_SECRET=$STRIPE_SECRET
                ARG AUTH_TOKEN
                ENV AUTH_TOKEN="${AUTH_TOKEN}"
                """ + RUNNER);
        assertEquals(List.of("STRIPE_SECRET=$STRIPE_SECRET", "AUTH_TOKEN=\"${AUTH_TOKEN}\""), covered(findings));
        assertTrue(findings.get(0).message().contains("copies the build arg STRIPE_SECRET"));
    }

    @Test
    void aBuildStageSecretSaysWhatTheReleaseConfigDoesWithIt() {
        String dockerfile = BUILDER + """
                ARG STRIPE_SECRET
                ARG SECRET_KEY_BASE
                ENV MIX_ENV=prod
                RUN mix release
                """ + RUNNER;
        ProjectFixture project = new ProjectFixture(dir).with("Dockerfile", dockerfile)
                .with("config/config.exs", "import Config\nimport_config \"#{config_env()}.exs\"\n")
                .with("config/prod.exs", "import Config\nconfig :shop, :stripe, secret: System.get_env(\"STRIPE_SECRET\")\n")
                .with("config/runtime.exs", "import Config\nconfig :shop, ShopWeb.Endpoint, "
                        + "secret_key_base: System.fetch_env!(\"SECRET_KEY_BASE\")\n");
        List<Finding> findings = project.check(new SecretInImageBuildRule());
        assertEquals(List.of("STRIPE_SECRET", "SECRET_KEY_BASE"), covered(findings));
        assertTrue(findings.get(0).message().endsWith("Worse, config/prod.exs reads STRIPE_SECRET while the release is "
                + "built, so `mix release` writes its value into the release's sys.config, which the running image ships: "
                + "whoever can pull the image reads it there. Read it in the runtime config instead, at boot."),
                findings.get(0).message());
        assertTrue(findings.get(1).message().endsWith("Only the runtime config reads SECRET_KEY_BASE, at boot: no config "
                + "the build evaluates needs it, so drop the argument unless a build step uses it, and give the running "
                + "app the platform's secret."), findings.get(1).message());
        project.with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, "
                + "version: \"0.1.0\", deps: deps()]\n  defp deps, do: [{:vendor, System.get_env(\"SECRET_KEY_BASE\")}]\nend\n");
        assertTrue(project.check(new SecretInImageBuildRule()).get(1).message().endsWith("give the step that needs it "
                + "a secret mount (`RUN --mount=type=secret,id=…`) instead."), "mix.exs uses it while the project is built");
        project.with("Dockerfile", dockerfile.replace("RUN mix release", "RUN mix compile"));
        assertTrue(project.check(new SecretInImageBuildRule()).get(0).message().endsWith("give the step that needs it "
                + "a secret mount (`RUN --mount=type=secret,id=…`) instead."), "an image that builds no release");
    }

    @Test
    void aBuildStageSecretThatOnlyALibraryReadsWhenTheAppRunsIsNotNeededByTheBuild() {
        ProjectFixture project = new ProjectFixture(dir).with("Dockerfile", BUILDER + """
                ARG AWS_SECRET_ACCESS_KEY
                ENV MIX_ENV=prod
                RUN mix release
                """ + RUNNER)
                .with("config/config.exs", "import Config\nimport_config \"#{config_env()}.exs\"\n")
                .with("config/prod.exs", "import Config\nconfig :ex_aws,\n  secret_access_key: "
                        + "[{:system, \"AWS_SECRET_ACCESS_KEY\"}, :instance_role]\n");
        Finding finding = project.check(new SecretInImageBuildRule()).get(0);
        assertTrue(finding.message().endsWith("Only a library reads AWS_SECRET_ACCESS_KEY, when the app runs "
                + "(`{:system, \"AWS_SECRET_ACCESS_KEY\"}` in config): no config the build evaluates needs it, so drop "
                + "the argument unless a build step uses it, and give the running app the platform's secret."),
                finding.message());
        project.with("config/prod.exs", "import Config\nconfig :ex_aws, secret_access_key: {:system, :other}\n");
        assertTrue(project.check(new SecretInImageBuildRule()).get(0).message().endsWith("instead."),
                "a tuple that names no variable reads none, but the AWS CLI reads it of itself in a build step");
    }

    @Test
    void aBuildStageSecretThatNothingOfTheAppReadsIsToBeDropped() {
        ProjectFixture project = new ProjectFixture(dir).with("Dockerfile", BUILDER + """
                ARG DISCORD_TOKEN
                ENV MIX_ENV=prod
                RUN mix release
                """ + RUNNER)
                .with("config/config.exs", "import Config\n");
        assertTrue(project.check(new SecretInImageBuildRule()).get(0).message().endsWith("Neither the project's config "
                + "nor its code reads DISCORD_TOKEN: drop the argument unless a build step uses it."));
        project.with("config/config.exs", "import Config\nimport_config \"prod.secret.exs\"\n");
        assertTrue(project.check(new SecretInImageBuildRule()).get(0).message().endsWith("instead."),
                "the prod.secret.exs the repository does not hold may read it");
        project.with("config/config.exs", "import Config\n");
        project.with("lib/shop/bot.ex", "defmodule Shop.Bot do\n  def token, do: System.get_env(\"DISCORD_TOKEN\")\nend\n");
        assertTrue(project.check(new SecretInImageBuildRule()).get(0).message().endsWith("instead."),
                "the code reads it when the app runs, in ways config does not show");
        project.with("lib/shop/bot.ex", "").with("Dockerfile", BUILDER + """
                ARG DISCORD_TOKEN
                RUN curl -H "Authorization: Bot ${DISCORD_TOKEN}" https://discord.com/api/v10/applications/@me
                RUN mix release
                """ + RUNNER);
        assertTrue(project.check(new SecretInImageBuildRule()).get(0).message().endsWith("instead."),
                "a build step uses it");
        project.with("Dockerfile", BUILDER + """
                ARG DISCORD_TOKEN
                ENV BOT_URL=https://bot:${DISCORD_TOKEN}@discord.example
                RUN mix release
                """ + RUNNER);
        assertTrue(project.check(new SecretInImageBuildRule()).stream().allMatch(f -> !f.message().contains("drop the argument")),
                "another variable of the build is made from it");
        project.with("Dockerfile", BUILDER + "ARG DISCORD_TOKEN\nRUN mix release\n" + RUNNER)
                .with("config/test.exs", "import Config\nconfig :shop, :bot, token: System.fetch_env!(\"DISCORD_TOKEN\")\n");
        assertTrue(project.check(new SecretInImageBuildRule()).get(0).message().endsWith("instead."),
                "the test config reads it: a test stage of the same Dockerfile may need it");
    }

    @Test
    void aSecretPassedToTheBuildStageAndToTheRunningImageIsReportedOnceWhereTheImageShowsIt() {
        String dockerfile = BUILDER + """
                ARG DATABASE_URL
                ARG HEX_API_KEY
                RUN mix release

                FROM debian:trixie-20251117-slim
                ARG DATABASE_URL
                COPY --from=builder /app/_build/prod/rel/shop ./
                CMD ["/app/bin/server"]
                """;
        List<Finding> findings = check(dockerfile);
        assertEquals(List.of("HEX_API_KEY", "DATABASE_URL"), covered(findings));
        assertEquals(dockerfile.lastIndexOf("DATABASE_URL"), findings.get(1).start(), "the running image's ARG");
        assertTrue(findings.get(1).message().contains("`docker history` of the image shows it"), findings.get(1).message());
        assertEquals(dev.gotchals.rule.Severity.WARNING, findings.get(0).severity(), "only the build stage keeps HEX_API_KEY");
        assertEquals(dev.gotchals.rule.Severity.ERROR, findings.get(1).severity(), "the running image keeps DATABASE_URL");
    }

    @Test
    void aDatabaseUrlPassedByTheBuildCarriesThePassword() {
        List<Finding> findings = check(BUILDER + """
                ARG DATABASE_URL
                ENV DATABASE_URL=$DATABASE_URL
                ARG READ_REPLICA_DATABASE_URL
                ARG DATABASE_URL_FILE
                ARG REDIS_HOST
                ENV TEST_DATABASE_URL="ecto://postgres:postgres@localhost/shop_test"
                """ + RUNNER);
        assertEquals(List.of("DATABASE_URL=$DATABASE_URL", "READ_REPLICA_DATABASE_URL"), covered(findings));
    }

    @Test
    void inTheRunningImageTheMessageSaysSo() {
        List<Finding> findings = check("""
                FROM elixir:1.18
                ARG SECRET_KEY_BASE
                ENV SECRET_KEY_BASE=$SECRET_KEY_BASE
                CMD ["mix", "phx.server"]
                """);
        assertEquals(1, findings.size());
        assertTrue(findings.get(0).message().contains("`docker inspect` shows it"), findings.get(0).message());
    }

    @Test
    void literalsDummiesFileIndirectionsAndUnsetNamesAreSilent() {
        assertEquals(List.of(), check(BUILDER + """
                ARG SECRET_KEY_BASE=nokey
                ENV SECRET_KEY_BASE=$SECRET_KEY_BASE
                ENV DATABASE_PASSWORD=postgres
                ENV API_TOKEN=sk_live_abcdef123456
                ARG DB_PASSWORD_FILE
                ENV DB_PASSWORD_FILE=/run/secrets/db_password
                ENV AUTH_API_KEY=$AUTH_API_KEY
                ARG MIX_ENV
                ARG APP_VERSION
                ENV APP_VERSION=$APP_VERSION
                RUN --mount=type=secret,id=hex_api_key HEX_API_KEY=$(cat /run/secrets/hex_api_key) mix deps.get
                """ + RUNNER));
    }

    @Test
    void globalArgsDevelopmentImagesAndCompanionServicesAreSilent() {
        assertEquals(List.of(), check("ARG GITHUB_TOKEN\n" + BUILDER + "RUN mix release\n" + RUNNER));
        assertEquals(List.of(), new ProjectFixture(dir).with("Dockerfile", "FROM elixir:1.18\n")
                .with("Dockerfile.dev", "FROM elixir:1.18\nARG SECRET_KEY_BASE\n")
                .with("grafana/Dockerfile", "FROM grafana/grafana\nARG GF_ADMIN_PASSWORD\n")
                .check(new SecretInImageBuildRule()));
    }

    @Test
    void neverReportsAnInstructionHardcodedSecretReports() {
        ProjectFixture fixture = new ProjectFixture(dir).with("Dockerfile", BUILDER + """
                ARG SECRET_KEY_BASE=p0BH3kq7c8Vd0Zq1Ldx9
                ENV SECRET_KEY_BASE=$SECRET_KEY_BASE
                ARG HEX_API_KEY
                ENV GITHUB_TOKEN=ghp_abcdefabcdefabcdef
                ENV REPO_URL=postgres://shop:hunter22@db/shop
                """ + RUNNER);
        List<Finding> all = fixture.checkAll(Settings.DEFAULT);
        Set<String> seen = new HashSet<>();
        for (Finding finding : all) {
            if (Set.of("GT005", "GT016").contains(finding.rule().id())) {
                assertTrue(seen.add(finding.start() + ":" + finding.end()), all.toString());
            }
        }
        assertEquals(List.of("HEX_API_KEY"), covered(all.stream().filter(f -> f.rule().id().equals("GT016")).toList()));
    }

    @Test
    void theSecretKeysOptionOfHardcodedSecretCoversBuildArgs() {
        ProjectFixture fixture = new ProjectFixture(dir).with(".gotcha.exs", """
                [rules: [{"hardcoded-secret", secret_keys: ["stripe_key"]}]]
                """).with("Dockerfile", BUILDER + "ARG STRIPE_KEY\n" + RUNNER);
        List<Finding> findings = fixture.checkAll(Settings.DEFAULT);
        assertEquals(List.of("STRIPE_KEY"), covered(findings.stream().filter(f -> f.rule().id().equals("GT016")).toList()));
    }
}
