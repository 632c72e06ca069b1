package dev.gotchals.rules;

import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MixInRuntimeConfigRuleTest {
    private static final String RELEASE_DOCKERFILE = """
            FROM hexpm/elixir:1.16.2-erlang-26.2.5-debian-bookworm-20240513-slim AS builder
            WORKDIR /app
            COPY . .
            RUN mix release
            FROM debian:bookworm-slim
            COPY --from=builder /app/_build/prod/rel/shop ./
            CMD ["/app/bin/shop", "start"]
            """;

    @TempDir
    Path dir;

    private ProjectFixture release(String runtime) {
        return new ProjectFixture(dir).with("Dockerfile", RELEASE_DOCKERFILE)
                .with("config/config.exs", "import Config\n").with("config/runtime.exs", runtime);
    }

    private List<Finding> check(ProjectFixture fixture) {
        return fixture.check(new MixInRuntimeConfigRule());
    }

    @Test
    void mixEnvInRuntimeExsIsAnErrorFixedWithConfigEnv() {
        ProjectFixture fixture = release("""
                import Config

                if System.get_env("SENTRY_DSN") do
                  config :sentry, environment_name: Mix.env()
                end
                """);
        List<Finding> findings = check(fixture);

        assertEquals(1, findings.size());
        Finding finding = findings.get(0);
        assertEquals("GT010", finding.rule().id());
        assertEquals("Mix.env()", ProjectFixture.covered(finding));
        assertTrue(finding.message().contains("UndefinedFunctionError"), finding.message());
        Fix fix = finding.fixes().get(0);
        assertTrue(fix.safe());
        String after = ProjectFixture.afterFix(fix, dir.resolve("config/runtime.exs"));
        assertTrue(after.contains("environment_name: config_env()"), after);
        assertEquals(List.of(), check(release(after)), "the fix converges");
    }

    @Test
    void otherMixCallsMixConfigAndImportConfig() {
        ProjectFixture fixture = release("""
                use Mix.Config
                config :shop, version: Mix.Project.config()[:version], target: Mix.target()
                import_config "prod.secret.exs"
                """);
        List<Finding> findings = check(fixture);

        assertEquals(List.of("use Mix.Config", "Mix.Project.config()", "Mix.target()",
                "import_config \"prod.secret.exs\""), findings.stream().map(ProjectFixture::covered).toList());
        assertEquals("import Config", findings.get(0).fixes().get(0).changes().stream()
                .map(change -> ((Fix.Edit) change).newText()).findFirst().orElseThrow());
        assertEquals(List.of(), findings.get(1).fixes());
        assertTrue(findings.get(2).fixes().get(0).title().contains("config_target()"));
        assertEquals(List.of(), findings.get(3).fixes());
    }

    @Test
    void branchesAReleaseNeverTakesAreSilent() {
        ProjectFixture fixture = release("""
                import Config
                if config_env() == :dev do
                  config :shop, root: Mix.Project.build_path()
                end
                if Code.ensure_loaded?(Mix) and Mix.env() == :test do
                  config :shop, sandbox: true
                end
                """);
        assertEquals(List.of(), check(fixture));
    }

    @Test
    void aMixDeployedProjectMayCallMixButNeverImportConfig() {
        ProjectFixture fixture = new ProjectFixture(dir).with("config/config.exs", "import Config\n")
                .with("Procfile", "web: mix phx.server\n")
                .with("config/runtime.exs", "import Config\nconfig :shop, env: Mix.env()\nimport_config \"x.exs\"\n");
        List<Finding> findings = check(fixture);
        assertEquals(List.of("import_config \"x.exs\""), findings.stream().map(ProjectFixture::covered).toList());
    }

    @Test
    void inReleasesExsOnAnUnknownElixirMixEnvGetsNoConfigEnvFix() {
        ProjectFixture fixture = new ProjectFixture(dir).requiringElixir("~> 1.9")
                .with("config/config.exs", "import Config\n").with("rel/overlays/bin/server", "#!/bin/sh\nexec ./shop start\n")
                .with("config/releases.exs", "import Config\nconfig :shop, env: Mix.env()\n");
        List<Finding> findings = check(fixture);
        assertEquals(1, findings.size());
        assertEquals(List.of(), findings.get(0).fixes(), "config_env() needs Elixir 1.11");
    }

    @Test
    void aRuntimeExsThatDistillerysElixirProviderEvaluatesMayAskMix() {
        ProjectFixture fixture = release("use Mix.Config\n\nif Mix.env() == :prod do\n"
                + "  config :shop, ShopWeb.Endpoint, secret_key_base: System.fetch_env!(\"SECRET_KEY_BASE\")\nend\n")
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [app: :shop, version: \"0.1.0\", deps: [{:distillery, \"~> 2.1\"}]]\nend\n");
        assertEquals(2, check(fixture).size(), "Elixir's release has no Mix");
        fixture.with("rel/config.exs", """
                use Distillery.Releases.Config
                release :shop do
                  set config_providers: [{Distillery.Releases.Config.Providers.Elixir, ["${RELEASE_ROOT_DIR}/etc/config.exs"]}]
                  set overlays: [{:copy, "config/runtime.exs", "etc/config.exs"}]
                end
                """);
        assertEquals(2, check(fixture).size(), "the image's `mix release` on Elixir 1.16 is Elixir's: no provider runs");
        fixture.with("Dockerfile", RELEASE_DOCKERFILE.replace("RUN mix release", "RUN mix distillery.release"));
        assertEquals(List.of(), check(fixture), "the provider starts Mix before it evaluates the file");
    }

    @Test
    void generatedProjectsAreSilent() {
        assertEquals(List.of(), GeneratedSamples.check(new MixInRuntimeConfigRule()));
    }
}
