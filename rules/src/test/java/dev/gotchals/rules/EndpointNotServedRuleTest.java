package dev.gotchals.rules;

import dev.gotchals.engine.Changes;
import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.ProjectContext;
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

class EndpointNotServedRuleTest {
    private static final String ENDPOINT = """
            defmodule ShopWeb.Endpoint do
              use Phoenix.Endpoint, otp_app: :shop

              socket "/socket", ShopWeb.UserSocket, websocket: true

              plug ShopWeb.Router
            end
            """;

    private static final String CONFIG = """
            import Config

            config :shop, ShopWeb.Endpoint,
              url: [host: "localhost"],
              adapter: Bandit.PhoenixAdapter,
              pubsub_server: Shop.PubSub

            config :logger, :console, format: "$time $metadata[$level] $message\\n"

            import_config "#{config_env()}.exs"
            """;

    private static final String PROD = """
            import Config

            config :shop, ShopWeb.Endpoint, cache_static_manifest: "priv/static/cache_manifest.json"

            config :logger, level: :info
            """;

    private static final String PHX_SERVER_BLOCK = """
            if System.get_env("PHX_SERVER") do
              config :shop, ShopWeb.Endpoint, server: true
            end

            """;

    private static final String PROD_BLOCK = """
            if config_env() == :prod do
              secret_key_base =
                System.get_env("SECRET_KEY_BASE") ||
                  raise "environment variable SECRET_KEY_BASE is missing."

              host = System.get_env("PHX_HOST") || "example.com"
              port = String.to_integer(System.get_env("PORT") || "4000")

              config :shop, ShopWeb.Endpoint,
                url: [host: host, port: 443, scheme: "https"],
                http: [ip: {0, 0, 0, 0, 0, 0, 0, 0}, port: port],
                secret_key_base: secret_key_base
            end
            """;

    private static final String RUNTIME = "import Config\n\n" + PHX_SERVER_BLOCK + PROD_BLOCK;

    private static final String SERVER_SCRIPT = """
            #!/bin/sh
            set -eu

            cd -P -- "$(dirname -- "$0")"
            PHX_SERVER=true exec ./shop start
            """;

    private static final String MIGRATE_SCRIPT = """
            #!/bin/sh
            set -eu

            cd -P -- "$(dirname -- "$0")"
            exec ./shop eval Shop.Release.migrate
            """;

    @TempDir
    Path dir;

    @TempDir
    Path other;

    private static String dockerfile(String runnerTail) {
        return """
                ARG RUNNER_IMAGE="debian:bookworm-slim"

                FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim AS builder
                WORKDIR /app
                ENV MIX_ENV="prod"
                COPY . .
                RUN mix deps.get --only $MIX_ENV && mix compile
                RUN mix release

                FROM ${RUNNER_IMAGE}
                WORKDIR "/app"
                RUN chown nobody /app

                # set runner ENV
                ENV MIX_ENV="prod" LANG="C.UTF-8"

                COPY --from=builder --chown=nobody:root /app/_build/${MIX_ENV}/rel/shop ./

                USER nobody

                """ + runnerTail;
    }

    private ProjectFixture release(String runtime, String runnerTail) {
        return release("runtime.exs", runtime, runnerTail);
    }

    /** A release whose runtime config is {@code config/<runtimeName>}. */
    private ProjectFixture release(String runtimeName, String runtime, String runnerTail) {
        return new ProjectFixture(dir)
                .with("lib/shop_web/endpoint.ex", ENDPOINT)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", PROD)
                .with("config/" + runtimeName, runtime)
                .with("rel/overlays/bin/server", SERVER_SCRIPT)
                .with("rel/overlays/bin/migrate", MIGRATE_SCRIPT)
                .with("Dockerfile", dockerfile(runnerTail));
    }

    private List<Finding> check(ProjectFixture fixture) {
        return fixture.check(new EndpointNotServedRule());
    }

    // ------------------------------------------------------------ part A: reported

    @Test
    void anImageThatStartsAScriptTheReleaseDoesNotHaveIsReported() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("lib/shop_web/endpoint.ex", ENDPOINT)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", PROD)
                .with("config/runtime.exs", RUNTIME)
                .with("rel/env.sh.eex", "#!/bin/sh\n")
                .with("Dockerfile", dockerfile("CMD [\"/app/bin/server\"]\n"));
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("CMD [\"/app/bin/server\"]", ProjectFixture.covered(findings.get(0)));
        assertEquals("The image starts `/app/bin/server`, which the release does not have: no rel/overlays/bin/server "
                + "puts it in the release's bin/ (`mix phx.gen.release` writes rel/overlays/bin/server) and the image "
                + "copies nothing there, so the container exits as it starts and the app is never served.",
                findings.get(0).message());

        project.with("Dockerfile", dockerfile("COPY scripts/server /app/bin/server\nCMD [\"/app/bin/server\"]\n"));
        assertTrue(check(project).stream().noneMatch(f -> f.message().contains("does not have")),
                "the image copies a script there");
        project.with("Dockerfile", dockerfile("COPY --chmod=755 <<EOF /app/bin/server\n#!/bin/sh\nexec /app/bin/shop start\n"
                + "EOF\nCMD [\"/app/bin/server\"]\n"));
        assertTrue(check(project).stream().noneMatch(f -> f.message().contains("does not have")),
                "the image writes the script there from a heredoc");
        project.with("Dockerfile", dockerfile("CMD [\"bin/shop\", \"start\"]\n"));
        assertTrue(check(project).stream().noneMatch(f -> f.message().contains("does not have")),
                "the release's own script");
        project.with("Dockerfile", dockerfile("CMD [\"/app/bin/server\"]\n")).with(".gitignore", "/rel\n");
        assertEquals(List.of(), check(project), "git leaves rel/ out: the checkout the image is built from has it");
        ProjectFixture noRel = new ProjectFixture(other)
                .with("lib/shop_web/endpoint.ex", ENDPOINT).with("config/config.exs", CONFIG)
                .with("config/prod.exs", PROD).with("config/runtime.exs", RUNTIME)
                .with("Dockerfile", dockerfile("CMD [\"/app/bin/server\"]\n").replace("RUN mix release",
                        "COPY rel rel\nRUN mix release"));
        assertTrue(check(noRel).stream().noneMatch(f -> f.message().contains("does not have")),
                "it copies a rel/ the repository does not hold: the checkout it is built from has one");
        project.with(".gitignore", "/_build\n")
                .with("Dockerfile", dockerfile("CMD [\"/app/bin/server\"]\n").replace("RUN mix release",
                        "RUN mix phx.gen.release && mix release"));
        assertEquals(List.of(), check(project), "the build writes the overlays itself");
        project.with("mix.exs", """
                        defmodule Shop.MixProject do
                          use Mix.Project

                          def project do
                            [app: :shop, version: "0.1.0", elixir: "~> 1.14", deps: [], aliases: aliases()]
                          end

                          defp aliases do
                            ["release.files": ["phx.gen.release"]]
                          end
                        end
                        """)
                .with("Dockerfile", dockerfile("CMD [\"/app/bin/server\"]\n").replace("RUN mix release",
                        "RUN mix release.files && mix release"));
        assertEquals(List.of(), check(project), "a project alias runs mix phx.gen.release before the release");
        project.with("Dockerfile", dockerfile("CMD [\"/app/bin/server\"]\n").replace("RUN mix release",
                "COPY deploy/rel rel\nRUN mix release")).with("deploy/rel/env.sh.eex", "#!/bin/sh\n");
        assertEquals(1, check(project).size(), "the rel/ copied in from elsewhere has no such overlay either");
        project.with("deploy/rel/overlays/bin/server", SERVER_SCRIPT);
        assertEquals(List.of(), check(project), "the rel/ the build copies in from another folder puts it there");
        project.with("Dockerfile", dockerfile("CMD [\"/app/bin/server\"]\n").replace("RUN mix release",
                "COPY deploy/rel/overlays/ rel/overlays/\nRUN mix release"));
        assertEquals(List.of(), check(project), "so do its overlays copied into rel/overlays");
        project.with("Dockerfile", dockerfile("CMD [\"/app/bin/server\"]\n")).with("rel/overlays/bin/server", SERVER_SCRIPT);
        assertEquals(List.of(), check(project), "the overlay puts it there");
    }

    @Test
    void aScriptTheEntrypointStartsIsLookedForToo() {
        String entrypoint = """
                #!/bin/sh
                /app/bin/shop eval "Shop.Release.migrate"
                /app/bin/server
                """;
        ProjectFixture project = new ProjectFixture(dir)
                .with("lib/shop_web/endpoint.ex", ENDPOINT)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", PROD)
                .with("config/runtime.exs", RUNTIME)
                .with("entrypoint.sh", entrypoint)
                .with("Dockerfile", dockerfile("""
                        COPY entrypoint.sh /app
                        RUN chmod +x /app/entrypoint.sh /app/bin/server
                        CMD ["/app/entrypoint.sh"]
                        """));
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("CMD [\"/app/entrypoint.sh\"]", ProjectFixture.covered(findings.get(0)));
        assertEquals("The image starts `/app/bin/server` (through entrypoint.sh), which the release does not have: no "
                + "rel/overlays/bin/server puts it in the release's bin/ (`mix phx.gen.release` writes "
                + "rel/overlays/bin/server) and the image copies nothing there, so the build fails at "
                + "`RUN chmod +x /app/entrypoint.sh /app/bin/server` and the app is never served.",
                findings.get(0).message());

        project.with("entrypoint.sh", entrypoint.replace("/app/bin/server", "if [ -x /app/bin/server ]; then\n"
                + "  exec /app/bin/server\nfi\nexec /app/bin/shop start"));
        assertTrue(check(project).stream().noneMatch(f -> f.message().contains("does not have")),
                "a start in a branch is not taken for granted");
        project.with("entrypoint.sh", entrypoint.replace("/app/bin/server", "exec /app/bin/shop start"));
        assertTrue(check(project).stream().noneMatch(f -> f.message().contains("does not have")),
                "the release's own start");
        project.with("entrypoint.sh", entrypoint).with("Dockerfile", dockerfile("""
                COPY entrypoint.sh /app
                COPY rel/overlays /app
                CMD ["/app/entrypoint.sh"]
                """));
        assertTrue(check(project).stream().noneMatch(f -> f.message().contains("does not have")),
                "a folder copied over the release may hold it");
        project.with("Dockerfile", dockerfile("""
                COPY entrypoint.sh /app
                RUN printf '#!/bin/sh\\nexec /app/bin/shop start\\n' > /app/bin/server && chmod +x /app/bin/server
                CMD ["/app/entrypoint.sh"]
                """));
        assertTrue(check(project).stream().noneMatch(f -> f.message().contains("does not have")),
                "the image writes the script itself");
    }

    @Test
    void aRenderStartOfAScriptTheReleaseDoesNotHaveIsReported() {
        String blueprint = """
                services:
                  - type: web
                    name: shop
                    runtime: elixir
                    buildCommand: mix deps.get --only prod && MIX_ENV=prod mix release
                    startCommand: _build/prod/rel/shop/bin/server
                """;
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", """
                        defmodule Shop.MixProject do
                          use Mix.Project

                          def project do
                            [app: :shop, version: "0.1.0", elixir: "~> 1.14", deps: [], releases: [shop: []]]
                          end
                        end
                        """)
                .with("lib/shop_web/endpoint.ex", ENDPOINT)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", PROD)
                .with("config/runtime.exs", RUNTIME)
                .with("bin/server", SERVER_SCRIPT)
                .with("render.yaml", blueprint);
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("_build/prod/rel/shop/bin/server", ProjectFixture.covered(findings.get(0)));
        assertEquals("Render starts `_build/prod/rel/shop/bin/server`, which the release does not have: no "
                + "rel/overlays/bin/server puts it in the release's bin/ (`mix phx.gen.release` writes "
                + "rel/overlays/bin/server); the project's bin/server is not part of the release, which takes only "
                + "rel/overlays, so the service fails as it starts and the app is never served.",
                findings.get(0).message());

        project.with("render.yaml", blueprint.replace("bin/server", "bin/shop eval Shop.Release.migrate && "
                + "_build/prod/rel/shop/bin/shop start"));
        assertTrue(check(project).stream().noneMatch(f -> f.message().contains("does not have")),
                "the release's own start: " + check(project));
        project.with("render.yaml", blueprint.replace("MIX_ENV=prod mix release", "mix phx.gen.release && mix release"));
        assertTrue(check(project).stream().noneMatch(f -> f.message().contains("does not have")),
                "the build writes the overlays");
        project.with("render.yaml", blueprint.replace("runtime: elixir", "runtime: docker"));
        assertTrue(check(project).stream().noneMatch(f -> f.message().contains("does not have")),
                "a Docker service starts its image");
        project.with("render.yaml", blueprint).with("rel/overlays/bin/server", SERVER_SCRIPT);
        assertTrue(check(project).stream().noneMatch(f -> f.message().contains("does not have")),
                "the overlay puts it there");
    }

    @Test
    void anImageThatCopiesTheWholeRelFolderStartsNothingAtItsBin() {
        ProjectFixture project = release(RUNTIME, "CMD [\"/app/bin/server\"]\n");
        project.with("Dockerfile", dockerfile("CMD [\"/app/bin/server\"]\n")
                .replace("/app/_build/${MIX_ENV}/rel/shop ./", "/app/_build/${MIX_ENV}/rel ./"));
        List<Finding> findings = check(project).stream().filter(f -> f.message().contains("does not have")).toList();
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("The image starts `/app/bin/server`, which the release does not have: the image copies the "
                + "build's whole rel/ folder, so the release is in /app/shop/ and nothing is at `/app/bin/server`, so "
                + "the container exits as it starts and the app is never served.", findings.get(0).message());

        project.with("Dockerfile", dockerfile("CMD [\"/app/shop/bin/server\"]\n")
                .replace("/app/_build/${MIX_ENV}/rel/shop ./", "/app/_build/${MIX_ENV}/rel/ ./"));
        assertTrue(check(project).stream().noneMatch(f -> f.message().contains("does not have")),
                "the start names the release's own folder");
    }

    @Test
    void releaseStartedWithBinAppStartWithoutPhxServerIsReportedOnTheCmd() {
        ProjectFixture project = release(RUNTIME, "CMD [\"/app/bin/shop\", \"start\"]\n");
        List<Finding> findings = check(project);

        assertEquals(1, findings.size());
        Finding finding = findings.get(0);
        assertEquals("GT003", finding.rule().id());
        assertEquals(dir.resolve("Dockerfile"), finding.file().path());
        assertEquals("CMD [\"/app/bin/shop\", \"start\"]", ProjectFixture.covered(finding));
        assertEquals("The image starts the release with `/app/bin/shop start`, which does not set PHX_SERVER, so "
                + "ShopWeb.Endpoint boots without listening for HTTP.", finding.message());
        assertEquals(List.of("config/runtime.exs: config :shop, ShopWeb.Endpoint, server: true: serves "
                + "ShopWeb.Endpoint only when PHX_SERVER is set"), project.related(finding));
        assertEquals(2, finding.fixes().size());

        Fix env = finding.fixes().get(0);
        assertTrue(env.safe());
        assertEquals(dockerfile("CMD [\"/app/bin/shop\", \"start\"]\n")
                        .replace("LANG=\"C.UTF-8\"\n\nCOPY", "LANG=\"C.UTF-8\"\nENV PHX_SERVER=\"true\"\n\nCOPY"),
                ProjectFixture.afterFix(env, dir.resolve("Dockerfile")));

        Fix runtime = finding.fixes().get(1);
        assertFalse(runtime.safe(), "serving unconditionally also changes other ways of starting the release");
        assertEquals(RUNTIME.replace("secret_key_base: secret_key_base\n",
                        "secret_key_base: secret_key_base,\n    server: true\n"),
                ProjectFixture.afterFix(runtime, dir.resolve("config/runtime.exs")));
    }

    @Test
    void aSuppressionAtARelatedLocationSuppressesNothing() {
        String suppressedThere = RUNTIME.replace("  config :shop, ShopWeb.Endpoint, server: true\n",
                "  # gotcha:disable-next-line GT003 the switch is deliberate\n  config :shop, ShopWeb.Endpoint, server: true\n");
        List<Finding> findings = release(suppressedThere, "CMD [\"/app/bin/shop\", \"start\"]\n")
                .checkAll(dev.gotchals.rule.Settings.DEFAULT);
        List<String> rules = findings.stream().map(finding -> finding.rule().id()).sorted().toList();
        assertTrue(rules.contains("GT003"), "still reported on the CMD: " + rules);
        assertTrue(rules.contains("GT101"), "the directive above the related location is unused: " + rules);

        String suppressedOnTheCmd = "# gotcha:disable-next-line GT003 started by the platform\nCMD [\"/app/bin/shop\", \"start\"]\n";
        List<String> onCmd = release(RUNTIME, suppressedOnTheCmd).checkAll(dev.gotchals.rule.Settings.DEFAULT).stream()
                .map(finding -> finding.rule().id()).toList();
        assertFalse(onCmd.contains("GT003"), onCmd.toString());
        assertFalse(onCmd.contains("GT101"), onCmd.toString());
    }

    @Test
    void aReleaseBuiltWithoutAnImageWhoseEndpointNothingServesIsReportedOnItsConfig() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("lib/shop_web/endpoint.ex", ENDPOINT)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", PROD)
                .with("config/runtime.exs", "import Config\n\n" + PROD_BLOCK)
                .with("build.sh", "#!/bin/sh\nset -e\nMIX_ENV=prod mix release --overwrite\ntar czf shop.tar.gz _build/prod/rel/shop\n");
        Finding finding = check(project).get(0);
        assertEquals(dir.resolve("config/runtime.exs"), finding.file().path());
        assertEquals("No prod config gives ShopWeb.Endpoint `server: true`, and none reads a switch such as PHX_SERVER, "
                + "so the release (build.sh runs `mix release`) boots without listening for HTTP however it is started.",
                finding.message());
        assertEquals(1, finding.fixes().size(), "server: true in the prod block of runtime.exs");
        project.with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, "
                + "version: \"0.1.0\", releases: [shop: [config_providers: [{Config.Reader, \"/etc/shop/config.exs\"}]]]]\nend\n");
        assertEquals(List.of(), check(project), "the operator's config, loaded at boot, may serve it");
        project.with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, "
                + "version: \"0.1.0\"]\nend\n").with("config/runtime.exs", RUNTIME);
        assertEquals(List.of(), check(project), "a start may set PHX_SERVER: the build alone does not say it does not");
        // adamcstephens/sower: each release names its own runtime config; Nix builds two of them.
        project.with("config/runtime.exs", "import Config\n\n" + PROD_BLOCK)
                .with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, "
                        + "version: \"0.1.0\", releases: [worker: [runtime_config_path: \"config/runtime_worker.exs\"], "
                        + "web: [runtime_config_path: \"config/runtime_web.exs\"]]]\nend\n")
                .with("config/runtime_web.exs", "import Config\nShop.Config.load()\n")
                .with("config/runtime_worker.exs", "import Config\n");
        assertEquals(List.of(), check(project), "which runtime config the deployed release reads cannot be told");
    }

    @Test
    void aReleaseTheImageBuildsButServesWithMixInsteadIsNotTheDeployment() {
        String image = "FROM elixir:1.17\nWORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\nRUN mix deps.get && mix release\n";
        ProjectFixture project = new ProjectFixture(dir)
                .with("lib/shop_web/endpoint.ex", ENDPOINT)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", PROD)
                .with("config/runtime.exs", "import Config\n\n" + PROD_BLOCK)
                .with("Dockerfile", image + "CMD [\"mix\", \"phx.server\"]\n");
        assertEquals(List.of(), check(project), "`mix phx.server` serves the endpoint; the release is never started");
        project.with("Dockerfile", image + "CMD [\"mix\", \"ecto.migrate\"]\n");
        assertEquals(1, check(project).size(), "an image that only migrates with Mix serves nothing: the release must");
    }

    @Test
    void shellFormCmdAndTiniWrappedStartsAreReadToo() {
        assertEquals(1, check(release(RUNTIME, "CMD /app/bin/shop start\n")).size());
        assertEquals(1, check(release(RUNTIME, "ENTRYPOINT [\"/tini\", \"--\"]\nCMD [\"/app/bin/shop\", \"start\"]\n")).size());
        assertEquals(1, check(release(RUNTIME, "CMD [\"sh\", \"-c\", \"/app/bin/migrate && /app/bin/shop start\"]\n")).size());
        assertEquals(1, check(release(RUNTIME, "ENTRYPOINT [\"/usr/bin/tini\", \"-s\", \"-g\", \"--\", \"/app/bin/shop\", \"start\"]\n")).size());
    }

    @Test
    void phxServerSetOnlyInTheBuilderStageDoesNotReachTheRunner() {
        String dockerfile = dockerfile("CMD [\"/app/bin/shop\", \"start\"]\n")
                .replace("WORKDIR /app\nENV MIX_ENV", "WORKDIR /app\nENV PHX_SERVER=true\nENV MIX_ENV");
        ProjectFixture project = release(RUNTIME, "").with("Dockerfile", dockerfile);
        assertEquals(1, check(project).size());
    }

    @Test
    void releaseScriptThatDoesNotSetPhxServerIsARelatedLocation() {
        ProjectFixture project = release(RUNTIME, "CMD [\"/app/bin/server\"]\n")
                .with("rel/overlays/bin/server", "#!/bin/sh\nset -eu\ncd -P -- \"$(dirname -- \"$0\")\"\nexec ./shop start\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size());
        assertTrue(findings.get(0).message().startsWith(
                "The image starts the release with `/app/bin/server`, which does not set PHX_SERVER"),
                findings.get(0).message());
        assertEquals(List.of("rel/overlays/bin/server: ./shop start: starts the node",
                "config/runtime.exs: config :shop, ShopWeb.Endpoint, server: true: serves ShopWeb.Endpoint only "
                        + "when PHX_SERVER is set"), project.related(findings.get(0)));
    }

    @Test
    void noServerSwitchAtAllIsReportedEvenThroughBinServer() {
        // bin/server sets PHX_SERVER, but nothing in the config reads it (the umbrella generator's runtime.exs).
        ProjectFixture project = release("import Config\n\n" + PROD_BLOCK, "CMD [\"/app/bin/server\"]\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size());
        Finding finding = findings.get(0);
        assertTrue(finding.message().contains("no prod config gives ShopWeb.Endpoint `server: true`"), finding.message());
        List<String> related = project.related(finding);
        assertEquals(2, related.size(), "where bin/server starts the node, and the endpoint's runtime config");
        assertEquals("rel/overlays/bin/server: ./shop start: starts the node", related.get(0));
        assertTrue(related.get(1).startsWith("config/runtime.exs: config :shop, ShopWeb.Endpoint,\n"), related.get(1));
        assertTrue(related.get(1).endsWith(": configures ShopWeb.Endpoint for production without "
                + "`server: true` (nor does `:phoenix, :serve_endpoints`)"), related.get(1));
        assertEquals(1, finding.fixes().size(), "an ENV cannot help when no config reads it");
        Fix fix = finding.fixes().get(0);
        assertTrue(fix.safe());
        assertEquals("import Config\n\n" + PROD_BLOCK.replace("secret_key_base: secret_key_base\n",
                        "secret_key_base: secret_key_base,\n    server: true\n"),
                ProjectFixture.afterFix(fix, dir.resolve("config/runtime.exs")));
    }

    @Test
    void anUmbrellaReleaseIsAskedOnlyAboutTheEndpointsItShipsAndServes() {
        // Phathdt/Shin: releases admin and worker; admin forwards /api to the API app's router.
        String endpoint = "defmodule %sWeb.Endpoint do\n  use Phoenix.Endpoint, otp_app: :%s\n"
                + "  plug %sWeb.Router\nend\n";
        String router = "defmodule %sWeb.Router do\n  use Phoenix.Router\n%send\n";
        String dockerfile = "FROM hexpm/elixir:1.14.0-erlang-25.0-alpine-3.16.0 AS build\nWORKDIR /app\n"
                + "ENV MIX_ENV=prod\nCOPY . .\nRUN mix release RELEASE\n\nFROM alpine:3.16\nWORKDIR /app\n"
                + "COPY --from=build /app/_build/prod/rel/RELEASE ./\nUSER nobody\nCMD [\"bin/RELEASE\", \"start\"]\n";
        ProjectFixture project = new ProjectFixture(dir)
                .with("mix.exs", """
                        defmodule Umbrella.MixProject do
                          use Mix.Project
                          def project, do: [apps_path: "apps", deps: [],
                            releases: [admin: [applications: [admin: :permanent]],
                                       worker: [applications: [worker: :permanent]]]]
                        end
                        """)
                .with("config/config.exs", "import Config\n")
                .with("config/runtime.exs", "import Config\nconfig :admin, AdminWeb.Endpoint, server: true\n")
                .with("apps/api/mix.exs", "defmodule Api.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [app: :api, deps: []]\nend\n")
                .with("apps/admin/mix.exs", "defmodule Admin.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [app: :admin, deps: [{:api, in_umbrella: true}]]\nend\n")
                .with("apps/worker/mix.exs", "defmodule Worker.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [app: :worker, deps: []]\nend\n")
                .with("apps/shop/mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [app: :shop, deps: []]\nend\n")
                .with("apps/api/lib/api_web/endpoint.ex", endpoint.formatted("Api", "api", "Api"))
                .with("apps/api/lib/api_web/router.ex", router.formatted("Api", ""))
                .with("apps/admin/lib/admin_web/endpoint.ex", endpoint.formatted("Admin", "admin", "Admin"))
                .with("apps/admin/lib/admin_web/router.ex",
                        router.formatted("Admin", "  forward \"/api\", ApiWeb.Router\n"))
                .with("apps/shop/lib/shop_web/endpoint.ex", endpoint.formatted("Shop", "shop", "Shop"))
                .with("apps/shop/lib/shop_web/router.ex", router.formatted("Shop", ""))
                .with("apps/shop/lib/shop/application.ex", "defmodule Shop.Application do\n  def start(_, _) do\n"
                        + "    Supervisor.start_link([ShopWeb.Endpoint], strategy: :one_for_one)\n  end\nend\n")
                .with("apps/api/lib/api/application.ex", "defmodule Api.Application do\n  def start(_, _) do\n"
                        + "    Supervisor.start_link([ApiWeb.Endpoint], strategy: :one_for_one)\n  end\nend\n")
                .with("Dockerfile", dockerfile.replace("RELEASE", "admin"));
        assertEquals(List.of(), check(project), "the admin release holds admin and api, whose routes admin serves");
        project.with("apps/admin/lib/admin_web/router.ex", router.formatted("Admin", ""));
        assertEquals(List.of("ApiWeb.Endpoint"), check(project).stream()
                .map(f -> f.message().replaceAll(".* gives (\\S+) .*", "$1")).toList(), "nothing serves api's routes");

        // The worker release holds a mailer app whose endpoint only renders: the generated config_change/3 names it,
        // no supervision tree starts it.
        project.with("apps/worker/mix.exs", "defmodule Worker.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [app: :worker, deps: [{:mailer, in_umbrella: true}]]\nend\n")
                .with("apps/mailer/mix.exs", "defmodule Mailer.MixProject do\n  use Mix.Project\n"
                        + "  def project, do: [app: :mailer, deps: []]\nend\n")
                .with("apps/mailer/lib/mailer_web/endpoint.ex", endpoint.formatted("Mailer", "mailer", "Mailer"))
                .with("apps/mailer/lib/mailer_web/router.ex", router.formatted("Mailer", ""))
                .with("apps/mailer/lib/mailer/application.ex", "defmodule Mailer.Application do\n"
                        + "  def start(_, _), do: Supervisor.start_link([], strategy: :one_for_one)\n"
                        + "  def config_change(changed, _new, removed) do\n"
                        + "    MailerWeb.Endpoint.config_change(changed, removed)\n    :ok\n  end\nend\n")
                .with("Dockerfile", dockerfile.replace("RELEASE", "worker"));
        assertEquals(List.of(), check(project), "the worker release starts no endpoint");
    }

    @Test
    void aServeOfAMisspeltEndpointIsNamed() {
        // matheusheck/multiplayer_game: `config :multiplayer_game, MulztiplayerGameWeb.Endpoint, server: true`.
        ProjectFixture project = release(
                RUNTIME.replace("ShopWeb.Endpoint, server: true", "ShpWeb.Endpoint, server: true"),
                "CMD [\"/app/bin/server\"]\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().endsWith("so the release boots without listening for HTTP: "
                + "config/runtime.exs gives it to ShpWeb.Endpoint, a module the project does not define."),
                findings.get(0).message());
        assertTrue(project.related(findings.get(0)).stream()
                .anyMatch(related -> related.endsWith(": serves ShpWeb.Endpoint, which is not ShopWeb.Endpoint")));

        project.with("lib/shp_web/endpoint.ex",
                "defmodule ShpWeb.Endpoint do\n  use Phoenix.Endpoint, otp_app: :shop\nend\n");
        assertTrue(check(project).stream().noneMatch(f -> f.message().contains("does not define")),
                "a second endpoint of that name is served on purpose");
        assertTrue(EndpointNotServedRule.withinTwoEdits("MulztiplayerGameWeb.Endpoint", "MultiplayerGameWeb.Endpoint"));
        assertFalse(EndpointNotServedRule.withinTwoEdits("AdminWeb.Endpoint", "ShopWeb.Endpoint"));
    }

    @Test
    void otherVariableNamesAreFollowed() {
        String runtime = RUNTIME.replace("System.get_env(\"PHX_SERVER\")", "System.get_env(\"START_WEB\") == \"true\"");
        List<Finding> findings = check(release(runtime, "CMD [\"/app/bin/server\"]\n"));
        assertEquals(1, findings.size());
        assertTrue(findings.get(0).message().contains("does not set START_WEB"), findings.get(0).message());
        assertEquals("Add `ENV START_WEB=true` to the final stage", findings.get(0).fixes().get(0).title());
    }

    // ------------------------------------------------------------ part A: silent

    @Test
    void whatProdConfigLeavesOutIsUnknownWhileOneOfItsFilesDoesNotParse() {
        ProjectFixture project = release("import Config\n\n" + PROD_BLOCK, "CMD [\"/app/bin/server\"]\n");
        assertEquals(1, check(project).size());
        project.with("config/prod.exs", "import Config\nconfig :shop, ShopWeb.Endpoint,\n  cache_static_manifest: "
                + "\"priv/static/cache_manifest.json\",\nconfig :logger, level: :info\n");
        assertEquals(List.of(), check(project), "a trailing comma before the next call: the build stops there");
    }

    @Test
    void aConfigFileTheRepositoryDoesNotHoldMayServeTheEndpoint() {
        ProjectFixture project = release("import Config\n\n" + PROD_BLOCK, "CMD [\"/app/bin/server\"]\n");
        assertEquals(1, check(project).size());
        project.with("config/prod.exs", "import Config\nconfig :logger, level: :info\nimport_config \"prod.secret.exs\"\n");
        assertEquals(List.of(), check(project), "the gitignored prod.secret.exs the build supplies may set server: true");
        project.with("config/prod.secret.exs", "import Config\nconfig :shop, Shop.Repo, pool_size: 10\n");
        assertEquals(1, check(project).size(), "a prod.secret.exs the repository holds says what it sets");
    }

    @Test
    void aSwitchThatAlsoStartsTheRestOfTheAppIsLeftToThePlatform() {
        // Without PHX_SERVER this release would run no worker either: whatever starts it sets the variable.
        String runtime = RUNTIME.replace("  config :shop, ShopWeb.Endpoint, server: true\n",
                "  config :shop, Shop.Poller, start: true\n  config :shop, ShopWeb.Endpoint, server: true\n");
        assertTrue(runtime.contains("Shop.Poller"), runtime);
        assertEquals(List.of(), check(release(runtime, "CMD [\"/app/bin/shop\", \"start\"]\n")));
        assertEquals(1, check(release(RUNTIME, "CMD [\"/app/bin/shop\", \"start\"]\n")).size(),
                "a switch that only serves the endpoint");
    }

    @Test
    void generatedBinServerLaunchIsSilent() {
        assertEquals(List.of(), check(release(RUNTIME, "CMD [\"/app/bin/server\"]\n")));
        assertEquals(List.of(), check(release(RUNTIME, "ENTRYPOINT [\"/tini\", \"--\"]\nCMD [\"/app/bin/server\"]\n")));
        assertEquals(List.of(), check(release(RUNTIME, "ENTRYPOINT [\"/usr/bin/tini\", \"-s\", \"-g\", \"--\", \"/app/bin/server\"]\n")));
    }

    @Test
    void phxServerSetOnTheLaunchPathIsSilent() {
        assertEquals(List.of(), check(release(RUNTIME, "ENV PHX_SERVER=true\nCMD [\"/app/bin/shop\", \"start\"]\n")));
        assertEquals(List.of(), check(release(RUNTIME, "CMD PHX_SERVER=true /app/bin/shop start\n")));
        assertEquals(List.of(), check(release(RUNTIME,
                "CMD [\"sh\", \"-c\", \"export PHX_SERVER=1 && exec /app/bin/shop start\"]\n")));
    }

    @Test
    void flyTomlEnvSetsItForEveryLaunch() {
        ProjectFixture project = release(RUNTIME, "CMD [\"/app/bin/shop\", \"start\"]\n")
                .with("fly.toml", "app = \"shop\"\n\n[env]\n  PHX_HOST = \"shop.fly.dev\"\n  PHX_SERVER = \"true\"\n\n[http_service]\n  internal_port = 4000\n");
        assertEquals(List.of(), check(project));
    }

    @Test
    void kamalsEnvSetsItForEveryContainer() {
        ProjectFixture project = release(RUNTIME, "CMD [\"/app/bin/shop\", \"start\"]\n")
                .with("config/deploy.yml", "service: shop\nimage: acme/shop\nenv:\n  clear:\n    PHX_HOST: shop.example.com\n"
                        + "  secret:\n    - SECRET_KEY_BASE\n");
        assertEquals(1, check(project).size(), "Kamal gives the container only the variables its env: names");
        assertEquals(List.of(), check(project.with("config/deploy.yml", "service: shop\nimage: acme/shop\nenv:\n  clear:\n"
                + "    PHX_HOST: shop.example.com\n    PHX_SERVER: true\n  secret:\n    - SECRET_KEY_BASE\n")));
    }

    @Test
    void aComposeFileForProductionMaySetTheSwitch() {
        ProjectFixture project = release(RUNTIME, "CMD [\"/app/bin/shop\", \"start\"]\n");
        String compose = "services:\n  web:\n    build: .\n    restart: always\n    environment:\n"
                + "      PHX_SERVER: \"true\"\n";
        assertEquals(1, check(project.with("docker-compose.dev.yml", compose)).size(),
                "a Compose file for development says nothing of production's start");
        assertEquals(List.of(), check(project.with("docker-compose.yml", compose)));
    }

    @Test
    void aRenderServiceOnTheNativeRuntimeSetsTheSwitchForItsOwnStartNotTheImages() {
        String render = "services:\n  - type: web\n    name: shop\n    runtime: elixir\n    buildCommand: ./build.sh\n"
                + "    startCommand: mix phx.server\n    envVars:\n      - key: PHX_SERVER\n        value: true\n";
        ProjectFixture project = release(RUNTIME, "CMD [\"/app/bin/shop\", \"start\"]\n").with("render.yaml", render);
        assertEquals(1, check(project).size(), "Render builds and starts that service itself: the image gets nothing");
        assertEquals(List.of(), check(project.with("render.yaml", render.replace("runtime: elixir", "runtime: docker"))),
                "a Docker service runs the image with it");
    }

    @Test
    void aKubernetesConfigMapOfProductionMaySetTheSwitch() {
        ProjectFixture cluster = release(RUNTIME, "CMD [\"/app/bin/shop\", \"start\"]\n")
                .with("k8s/dev/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop\n"
                        + "data:\n  PHX_SERVER: \"true\"\n");
        assertEquals(1, check(cluster).size(), "a local cluster's manifest is not production's");
        assertEquals(List.of(), check(cluster.with("k8s/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\n"
                + "metadata:\n  name: shop\ndata:\n  PHX_SERVER: \"true\"\n")));
    }

    @Test
    void aHelmChartsDeploymentTemplateThatNamesTheSwitchSetsIt() {
        ProjectFixture cluster = release(RUNTIME, "CMD [\"/app/bin/shop\", \"start\"]\n");
        assertEquals(1, check(cluster).size(), "nothing sets PHX_SERVER");
        cluster.with("chart/Chart.yaml", "apiVersion: v2\nname: shop\nversion: 0.1.0\n")
                .with("chart/templates/deployment.yaml", """
                        apiVersion: apps/v1
                        kind: Deployment
                        spec:
                          template:
                            spec:
                              containers:
                                - name: {{ .Chart.Name }}
                                  env:
                                    - name: "PHX_SERVER"
                                      value: {{ .Values.app.server | quote }}
                        """);
        assertEquals(List.of(), check(cluster), "the chart gives the Deployment the variable, whatever value it templates");
    }

    @Test
    void serverTrueInConfigIsSilent() {
        String runtime = "import Config\n\n" + PROD_BLOCK.replace("secret_key_base: secret_key_base\n",
                "secret_key_base: secret_key_base,\n    server: true\n");
        assertEquals(List.of(), check(release(runtime, "CMD [\"/app/bin/shop\", \"start\"]\n")));
        ProjectFixture inProdExs = release(RUNTIME, "CMD [\"/app/bin/shop\", \"start\"]\n")
                .with("config/prod.exs", PROD + "\nconfig :shop, ShopWeb.Endpoint, server: true\n");
        assertEquals(List.of(), check(inProdExs));
    }

    @Test
    void anEndpointServedWithoutHttpOrHttpsConfigListensNowhere() {
        // The http: settings are left in a file the release does not read (release.exs, not releases.exs).
        String runtime = "import Config\n\n" + PROD_BLOCK.replace("    http: [ip: {0, 0, 0, 0, 0, 0, 0, 0}, port: port],\n", "");
        ProjectFixture project = release(runtime, "CMD [\"/app/bin/shop\", \"start\"]\n")
                .with("config/prod.exs", PROD + "\nconfig :shop, ShopWeb.Endpoint, server: true\n");
        List<Finding> findings = check(project);
        assertEquals(List.of("true"), findings.stream().map(ProjectFixture::covered).toList());
        assertEquals("ShopWeb.Endpoint is served in production (`server: true` in config/prod.exs) but no prod config "
                + "gives it `http:` or `https:`, so Phoenix starts no listener and the release answers nothing; set "
                + "`http: [ip: {0, 0, 0, 0, 0, 0, 0, 0}, port: String.to_integer(System.get_env(\"PORT\") || \"4000\")]` "
                + "in the runtime config.", findings.get(0).message());
        assertEquals(List.of(), check(project.with("config/prod.exs", PROD
                        + "\nconfig :shop, ShopWeb.Endpoint, server: true, https: [port: 443, cipher_suite: :strong]\n")),
                "https alone listens");
        assertEquals(List.of(), check(project.with("config/prod.exs", PROD + "\nconfig :shop, ShopWeb.Endpoint, server: true\n")
                        .with("lib/shop_web/endpoint.ex", ENDPOINT.replace("  plug ShopWeb.Router\n", """
                                  plug ShopWeb.Router

                                  def init(_key, config) do
                                    {:ok, Keyword.put(config, :http, [:inet6, port: System.fetch_env!("PORT")])}
                                  end
                                """))),
                "the endpoint's init/2 may add it at boot");
        assertEquals(List.of(), check(project.with("lib/shop_web/endpoint.ex", ENDPOINT)
                        .with("config/runtime.exs", runtime + "\nconfig :shop, ShopWeb.Endpoint, listeners()\n")),
                "an endpoint config the model cannot read may give it");
        assertEquals(List.of(), check(project.with("config/runtime.exs", runtime
                        + "\nCode.eval_file(\"/etc/shop/runtime.exs\")\n")),
                "an operator's file evaluated at boot may give it");
        assertEquals(List.of(), check(project.with("config/runtime.exs", runtime).with("lib/shop/application.ex", """
                        defmodule Shop.Application do
                          use Application

                          def start(_type, _args) do
                            children = [{ShopWeb.Endpoint, http: [port: 4000]}]
                            Supervisor.start_link(children, strategy: :one_for_one)
                          end
                        end
                        """)), "the supervision tree gives it http:");
    }

    @Test
    void serveEndpointsIsSilent() {
        ProjectFixture project = release(RUNTIME, "CMD [\"/app/bin/shop\", \"start\"]\n")
                .with("config/prod.exs", PROD + "\nconfig :phoenix, :serve_endpoints, true\n");
        assertEquals(List.of(), check(project));
    }

    @Test
    void anEndpointAProxyDispatchesToIsServedThroughIt() {
        String proxy = "\nconfig :master_proxy,\n  http: [:inet6, port: 4000],\n  backends: [\n"
                + "    %{host: ~r/shop/, phoenix_endpoint: ShopWeb.Endpoint}\n  ]\n";
        ProjectFixture project = release(RUNTIME, "CMD [\"/app/bin/shop\", \"start\"]\n")
                .with("config/prod.exs", PROD + proxy);
        assertEquals(List.of(), check(project), "master_proxy listens and hands the endpoint its requests");
        project.with("config/prod.exs", PROD + proxy.replace("ShopWeb.Endpoint}", "ShopWeb.Endpoint.Admin}"));
        assertEquals(1, check(project).size(), "a backend of another module serves nothing of this one");
    }

    @Test
    void serverTrueGivenToTheEndpointChildIsSilent() {
        ProjectFixture project = release(RUNTIME, "CMD [\"/app/bin/shop\", \"start\"]\n")
                .with("lib/shop/application.ex", """
                        defmodule Shop.Application do
                          use Application

                          @impl true
                          def start(_type, _args) do
                            children = [
                              {Phoenix.PubSub, name: Shop.PubSub},
                              {ShopWeb.Endpoint, server: true}
                            ]

                            Supervisor.start_link(children, strategy: :one_for_one, name: Shop.Supervisor)
                          end
                        end
                        """);
        assertEquals(List.of(), check(project));
    }

    @Test
    void followsTheEntrypointScriptToTheReleaseStart() {
        String tail = "COPY entrypoint.sh /app/entrypoint.sh\nENTRYPOINT [\"/app/entrypoint.sh\"]\n"
                + "CMD [\"/app/bin/shop\", \"start\"]\n";
        ProjectFixture unset = release(RUNTIME, tail)
                .with("entrypoint.sh", "#!/bin/sh\nset -e\n/app/bin/shop eval Shop.Release.migrate\nexec \"$@\"\n");
        List<Finding> findings = check(unset);
        assertEquals(1, findings.size());
        assertTrue(findings.get(0).message().contains("`/app/bin/shop start`"), findings.get(0).message());
        ProjectFixture exported = release(RUNTIME, tail)
                .with("entrypoint.sh", "#!/bin/sh\nexport PHX_SERVER=true\nexec \"$@\"\n");
        assertEquals(List.of(), check(exported));
    }

    @Test
    void phxServerExportedInEnvShEexCountsAsSet() {
        ProjectFixture project = release(RUNTIME, "CMD [\"/app/bin/shop\", \"start\"]\n")
                .with("rel/env.sh.eex", "#!/bin/sh\nexport PHX_SERVER=true\n");
        assertEquals(List.of(), check(project));
    }

    @Test
    void noLaunchEvidenceIsSilent() {
        // A release (rel/ exists) with no Dockerfile: how it is started is unknown.
        ProjectFixture project = new ProjectFixture(dir)
                .with("lib/shop_web/endpoint.ex", ENDPOINT)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", PROD)
                .with("config/runtime.exs", RUNTIME)
                .with("rel/overlays/bin/server", SERVER_SCRIPT);
        assertEquals(List.of(), check(project));
        // A custom entrypoint script the rules cannot follow.
        assertEquals(List.of(), check(release(RUNTIME, "ENTRYPOINT [\"/app/entrypoint.sh\"]\n")));
        // fly.toml's [processes] replace the image's CMD.
        ProjectFixture processes = release(RUNTIME, "CMD [\"/app/bin/shop\", \"start\"]\n")
                .with("fly.toml", "app = \"shop\"\n\n[processes]\n  app = \"/app/bin/server\"\n");
        assertEquals(List.of(), check(processes));
    }

    @Test
    void projectThatIsNotAReleaseIsSilent() {
        ProjectFixture project = new ProjectFixture(dir)
                .with("lib/shop_web/endpoint.ex", ENDPOINT)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", PROD)
                .with("config/runtime.exs", RUNTIME)
                .with("Dockerfile", "FROM elixir:1.17\nWORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\nRUN mix deps.get\nCMD [\"mix\", \"phx.server\"]\n");
        assertEquals(List.of(), check(project));
    }

    @Test
    void deliberateOrUndecidableSwitchesAreSilent() {
        ProjectFixture off = release(RUNTIME.replace("server: true", "server: false"), "CMD [\"/app/bin/shop\", \"start\"]\n");
        assertEquals(List.of(), check(off), "server: false is a choice, e.g. a worker node");
        ProjectFixture unless = release(RUNTIME.replace("if System.get_env(\"PHX_SERVER\") do", "unless System.get_env(\"NO_WEB\") do"),
                "CMD [\"/app/bin/shop\", \"start\"]\n");
        assertEquals(List.of(), check(unless), "served unless NO_WEB is set");
        ProjectFixture computed = release(RUNTIME.replace("server: true", "server: web_node?()"), "CMD [\"/app/bin/shop\", \"start\"]\n");
        assertEquals(List.of(), check(computed));
    }

    @Test
    void explicitServerFalseOnASecondEndpointIsSilent() {
        // An internal endpoint mounted behind the public one: `server: false` is its owner's choice.
        ProjectFixture project = release(RUNTIME, "CMD [\"/app/bin/server\"]\n")
                .with("lib/shop_web/internal_endpoint.ex", ENDPOINT.replace("ShopWeb.Endpoint", "ShopWeb.InternalEndpoint"))
                .with("config/prod.exs", PROD + "\nconfig :shop, ShopWeb.InternalEndpoint, server: false\n");
        assertEquals(List.of(), check(project));
        project.with("Dockerfile", dockerfile("CMD [\"/app/bin/shop\", \"start\"]\n"));
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), "only the public endpoint waits for PHX_SERVER");
        assertTrue(findings.get(0).message().contains("so ShopWeb.Endpoint boots"), findings.get(0).message());
        assertEquals(1, project.related(findings.get(0)).size(), "the public endpoint's switch only");
    }

    @Test
    void aSecondEndpointModuleThatNothingStartsIsLeftOver() {
        String application = """
                defmodule Shop.Application do
                  use Application

                  def start(_type, _args) do
                    children = [Shop.Repo, ShopWeb.Endpoint]
                    Supervisor.start_link(children, strategy: :one_for_one)
                  end
                end
                """;
        ProjectFixture project = release(RUNTIME, "CMD [\"/app/bin/server\"]\n")
                .with("lib/shop/application.ex", application)
                .with("lib/shop_web/endpoint_metrics.ex", ENDPOINT.replace("ShopWeb.Endpoint", "ShopWeb.EndpointMetrics"));
        assertEquals(List.of(), check(project), "ShopWeb.EndpointMetrics is named by nothing: no release starts it");
        project.with("lib/shop/application.ex", application.replace("ShopWeb.Endpoint]", "ShopWeb.Endpoint, ShopWeb.EndpointMetrics]"));
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), "started beside the public one, it waits for a server: true nothing gives");
        assertTrue(findings.get(0).message().contains("ShopWeb.EndpointMetrics `server: true`"), findings.get(0).message());
    }

    @Test
    void anEndpointOfADependencyThatConfigOnlyGivesErrorViewsIsNotOneTheAppServes() {
        // The endpoint modules live in dependencies: config names them. One is the app's, served by its prod config;
        // the other belongs to a library whose error views the app configures, and the app never serves it itself.
        ProjectFixture project = new ProjectFixture(dir)
                .with("config/config.exs", CONFIG.replace("ShopWeb.Endpoint", "Shop.Web.Endpoint") + """

                        config :activity_pub, ActivityPub.Web.Endpoint,
                          render_errors: [view: ActivityPub.Web.ErrorView, accepts: ~w(json), layout: false]
                        """)
                .with("config/prod.exs", "import Config\n\nconfig :shop, Shop.Web.Endpoint, server: true\n")
                .with("config/runtime.exs", "import Config\n\n" + PROD_BLOCK.replace("ShopWeb.Endpoint", "Shop.Web.Endpoint"))
                .with("Dockerfile", dockerfile("CMD [\"/app/bin/shop\", \"start\"]\n"));
        assertEquals(List.of(), check(project));

        project.with("config/prod.exs", "import Config\n");
        assertEquals(List.of("Shop.Web.Endpoint"), check(project).stream()
                .map(finding -> finding.message().replaceAll(".* gives (\\S+) .*", "$1")).toList());
    }

    @Test
    void serverTrueInReleasesExsOfAProjectWithoutRuntimeExsIsSilent() {
        String releases = "import Config\n\nconfig :shop, ShopWeb.Endpoint,\n  server: true,\n"
                + "  url: [host: System.fetch_env!(\"PHX_HOST\")],\n  http: [port: 4000]\n";
        assertEquals(List.of(), check(release("releases.exs", releases, "CMD [\"/app/bin/shop\", \"start\"]\n")));
    }

    @Test
    void endpointConfigFromAHelperCallIsSilent() {
        String runtime = "import Config\n\nconfig :shop, ShopWeb.Endpoint, Shop.Deploy.endpoint_config()\n";
        assertEquals(List.of(), check(release(runtime, "CMD [\"/app/bin/shop\", \"start\"]\n")),
                "the helper may set server: and url:, the linter cannot tell");
    }

    // ------------------------------------------------------------ part A: fixes

    @Test
    void envFixGoesBeforeTheCmdWhenTheFinalStageHasNoEnv() {
        String dockerfile = "FROM elixir:1.17 AS build\nENV MIX_ENV=prod\nRUN mix release\n\nFROM debian:bookworm-slim\n"
                + "COPY --from=build /app/_build/prod/rel/shop /app\nCMD [\"/app/bin/shop\", \"start\"]\n";
        ProjectFixture project = release(RUNTIME, "").with("Dockerfile", dockerfile);
        Finding finding = check(project).get(0);
        assertEquals(dockerfile.replace("CMD [", "ENV PHX_SERVER=true\n\nCMD ["),
                ProjectFixture.afterFix(finding.fixes().get(0), dir.resolve("Dockerfile")));
    }

    @Test
    void envFixUsesTheUnquotedFormWhenTheLastEnvDoes() {
        String dockerfile = dockerfile("ENV LANG=C.UTF-8\n\nCMD [\"/app/bin/shop\", \"start\"]\n");
        ProjectFixture project = release(RUNTIME, "").with("Dockerfile", dockerfile);
        Finding finding = check(project).get(0);
        assertEquals(dockerfile.replace("ENV LANG=C.UTF-8\n", "ENV LANG=C.UTF-8\nENV PHX_SERVER=true\n"),
                ProjectFixture.afterFix(finding.fixes().get(0), dir.resolve("Dockerfile")));
    }

    @Test
    void runtimeFixAddsAConfigLineOrABlockWhenTheProdBlockHasNoEndpointConfig() {
        String runtime = "import Config\n\nif config_env() == :prod do\n  config :shop, Shop.Repo, url: System.fetch_env!(\"DATABASE_URL\")\nend\n";
        Finding finding = onDockerfile(check(release(runtime, "CMD [\"/app/bin/server\"]\n")));
        assertEquals("import Config\n\nif config_env() == :prod do\n  config :shop, Shop.Repo, url: System.fetch_env!(\"DATABASE_URL\")\n"
                        + "\n  config :shop, ShopWeb.Endpoint, server: true\nend\n",
                ProjectFixture.afterFix(finding.fixes().get(0), dir.resolve("config/runtime.exs")));

        Finding noBlock = onDockerfile(check(release("import Config\n\nconfig :shop, :feature, true\n", "CMD [\"/app/bin/server\"]\n")));
        assertEquals("import Config\n\nconfig :shop, :feature, true\n\nif config_env() == :prod do\n"
                        + "  config :shop, ShopWeb.Endpoint, server: true\nend\n",
                ProjectFixture.afterFix(noBlock.fixes().get(0), dir.resolve("config/runtime.exs")));
    }

    @Test
    void runtimeFixTargetsReleasesExsWhenThatIsTheRuntimeConfig() {
        String releases = "import Config\n\n" + PHX_SERVER_BLOCK + "config :shop, Shop.Repo, pool_size: 10\n";
        ProjectFixture project = release("releases.exs", releases, "CMD [\"/app/bin/shop\", \"start\"]\n");
        Finding finding = onDockerfile(check(project));
        assertEquals(List.of("config/releases.exs: config :shop, ShopWeb.Endpoint, server: true: serves "
                + "ShopWeb.Endpoint only when PHX_SERVER is set"), project.related(finding));
        Fix fix = finding.fixes().get(1);
        assertEquals("Give ShopWeb.Endpoint `server: true` in the prod block of config/releases.exs", fix.title());
        assertEquals(1, fix.changes().size());
        assertTrue(fix.changes().get(0) instanceof Fix.Edit, "never creates runtime.exs beside releases.exs");
        assertEquals(releases + "\nif config_env() == :prod do\n  config :shop, ShopWeb.Endpoint, server: true\nend\n",
                ProjectFixture.afterFix(fix, dir.resolve("config/releases.exs")));
    }

    @Test
    void runtimeFixIsNotOfferedWhenTheReleaseReadsNoRuntimeConfig() {
        // Elixir 1.8 releases (Distillery era) read neither runtime.exs nor releases.exs: the PHX_SERVER switch in
        // runtime.exs never runs, so neither setting PHX_SERVER nor editing runtime config would serve the endpoint.
        String dockerfile = dockerfile("CMD [\"/app/bin/shop\", \"start\"]\n")
                .replace("hexpm/elixir:1.17.3-erlang-27.1.2", "hexpm/elixir:1.8.2-erlang-22.0.7");
        ProjectFixture project = release(RUNTIME, "").requiringElixir("~> 1.8").with("Dockerfile", dockerfile);
        Finding finding = onDockerfile(check(project));
        assertEquals(List.of("config/prod.exs: config :shop, ShopWeb.Endpoint, cache_static_manifest: "
                + "\"priv/static/cache_manifest.json\": configures ShopWeb.Endpoint for production without "
                + "`server: true` (nor does `:phoenix, :serve_endpoints`)"), project.related(finding),
                "runtime.exs is not read by this release: the last prod config of the endpoint is");
        assertEquals(List.of(), finding.fixes().stream().map(Fix::title).toList());
    }

    @Test
    void everyFixConvergesWithAllRules() throws IOException {
        List<String> runtimes = List.of(RUNTIME, "import Config\n\n" + PROD_BLOCK,
                "import Config\n\nconfig :shop, ShopWeb.Endpoint, url: [host: System.get_env(\"PHX_HOST\")], http: [port: 4000]\n\n"
                        + "if config_env() == :prod do\n  config :shop, Shop.Repo, pool_size: 10\nend\n");
        int checked = 0;
        for (int r = 0; r < runtimes.size(); r++) {
            for (String cmd : List.of("CMD [\"/app/bin/shop\", \"start\"]\n", "CMD [\"/app/bin/server\"]\n")) {
                Path root = dir.resolve("p" + r + cmd.length());
                ProjectFixture project = new ProjectFixture(root)
                        .with("lib/shop_web/endpoint.ex", ENDPOINT)
                        .with("config/config.exs", CONFIG)
                        .with("config/prod.exs", PROD)
                        .with("config/runtime.exs", runtimes.get(r))
                        .with("rel/overlays/bin/server", SERVER_SCRIPT)
                        .with("Dockerfile", dockerfile(cmd));
                List<Finding> findings = project.check(new EndpointNotServedRule());
                for (int f = 0; f < findings.size(); f++) {
                    for (int x = 0; x < findings.get(f).fixes().size(); x++) {
                        Path copy = dir.resolve("fixed-" + r + "-" + cmd.length() + "-" + f + "-" + x);
                        copyTree(root, copy);
                        Finding finding = analyseAll(copy).stream()
                                .filter(found -> found.rule().id().equals("GT003")).toList().get(f);
                        Fix fix = finding.fixes().get(x);
                        for (Path written : apply(fix)) {
                            SourceLanguage language = written.getFileName().toString().equals("Dockerfile")
                                    ? SourceLanguage.DOCKERFILE : SourceLanguage.ELIXIR;
                            String text = Files.readString(written);
                            assertFalse(SyntaxTree.parse(language, TextDocument.of(text)).hasErrors(), text);
                        }
                        assertEquals(List.of(), analyseAll(copy), fix.title());
                        checked++;
                    }
                }
            }
        }
        assertEquals(6, checked, "fixes checked");
    }

    // ------------------------------------------------------------ part B: URL host

    @Test
    void localhostHardCodedInProdExsIsReportedWithoutAFix() {
        ProjectFixture project = release(RUNTIME, "CMD [\"/app/bin/server\"]\n")
                .with("config/prod.exs", PROD + "\nconfig :shop, ShopWeb.Endpoint, url: [host: \"localhost\", port: 443]\n")
                .with("config/runtime.exs", RUNTIME.replace("url: [host: host, port: 443, scheme: \"https\"],\n    ", ""));
        List<Finding> findings = check(project);
        assertEquals(1, findings.size());
        Finding finding = findings.get(0);
        assertEquals(dir.resolve("config/prod.exs"), finding.file().path());
        assertEquals("\"localhost\"", ProjectFixture.covered(finding));
        assertEquals("The production URL host of ShopWeb.Endpoint stays the loopback address \"localhost\" "
                + "(config/prod.exs, not overridden later), so with the default check_origin its sockets reject "
                + "LiveView and channel connections from the real domain.", finding.message());
        assertEquals(List.of(), finding.fixes());
    }

    @Test
    void anInitCallbackThatSetsTheUrlAtBootDecidesTheHost() {
        ProjectFixture project = release(RUNTIME, "CMD [\"/app/bin/server\"]\n")
                .with("config/prod.exs", PROD + "\nconfig :shop, ShopWeb.Endpoint, url: [host: \"localhost\", port: 443]\n")
                .with("config/runtime.exs", RUNTIME.replace("url: [host: host, port: 443, scheme: \"https\"],\n    ", ""));
        String init = """
                  plug ShopWeb.Router

                  def init(_key, config) do
                    if config[:load_from_system_env] do
                      {:ok, Keyword.put(config, :http, [:inet6, port: System.get_env("PORT") || "4000"])KEEP}
                    else
                      {:ok, config}
                    end
                  end
                """;
        project.with("lib/shop_web/endpoint.ex", ENDPOINT.replace("  plug ShopWeb.Router\n", init.replace("KEEP", "")));
        assertEquals(1, check(project).size(), "the generated init/2 sets the port only");
        project.with("lib/shop_web/endpoint.ex", ENDPOINT.replace("  plug ShopWeb.Router\n",
                init.replace("KEEP", " |> Keyword.put(:url, host: System.get_env(\"HOST\"))")));
        assertEquals(List.of(), check(project), "init/2 replaces the url when the endpoint starts");
    }

    @Test
    void runtimeConfigWrittenInALoopOverAFunctionsEntriesMayDecideTheHost() {
        ProjectFixture project = release(RUNTIME, "CMD [\"/app/bin/server\"]\n")
                .with("config/prod.exs", PROD + "\nconfig :shop, ShopWeb.Endpoint, url: [host: \"localhost\", port: 443]\n")
                .with("config/runtime.exs", RUNTIME.replace("url: [host: host, port: 443, scheme: \"https\"],\n    ", "")
                        + "\nfor {app, opts} <- [{:shop_mailer, adapter: Swoosh.Adapters.Local}], do: config(app, opts)\n");
        assertEquals(1, check(project).size(), "a loop over a list that names another app leaves the host as it is");
        // The loop moved into a required file, over what a function of the project returns: any app's keys.
        project.with("config/runtime.exs", RUNTIME.replace("url: [host: host, port: 443, scheme: \"https\"],\n    ", "")
                        + "\nCode.require_file(\"host_runtime.exs\", __DIR__)\n")
                .with("config/host_runtime.exs", "import Config\n\nfor {app, opts} <- ShopWeb.HostRuntime.entries() do\n"
                        + "  config app, opts\nend\n");
        assertEquals(List.of(), check(project), "what the function returns may set the url");
    }

    @Test
    void configAReleaseProviderLoadsAtBootDecidesTheHost() {
        ProjectFixture project = release(RUNTIME, "CMD [\"/app/bin/server\"]\n")
                .with("config/prod.exs", PROD + "\nconfig :shop, ShopWeb.Endpoint, url: [host: \"localhost\", port: 443]\n")
                .with("config/runtime.exs", RUNTIME.replace("url: [host: host, port: 443, scheme: \"https\"],\n    ", ""));
        assertEquals(1, check(project).size());
        // The self-hosted layout: each instance's own config.exs, read at boot from beside the release.
        project.with("mix.exs", "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, "
                + "version: \"0.1.0\", releases: [shop: [config_providers: "
                + "[{Config.Reader, {:system, \"RELEASE_ROOT\", \"/config.exs\"}}]]]]\nend\n");
        assertEquals(List.of(), check(project), "the instance's config may set the url");
    }

    @Test
    void runtimeUrlWithoutHostDoesNotOverrideTheHost() {
        ProjectFixture project = release(RUNTIME.replace("url: [host: host, port: 443, scheme: \"https\"]",
                "url: [port: 443, scheme: \"https\"]"), "CMD [\"/app/bin/server\"]\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), "config.exs's localhost survives the keyword merge");
        assertEquals(dir.resolve("config/config.exs"), findings.get(0).file().path());
    }

    @Test
    void aUrlListThatIsNotAllKeywordsReplacesTheHostInsteadOfMerging() {
        // [nil, port: 80] is no keyword list: Config replaces the url with it, and the host is gone.
        ProjectFixture project = release(RUNTIME.replace("url: [host: host, port: 443, scheme: \"https\"]",
                "url: [nil, port: 80]"), "CMD [\"/app/bin/server\"]\n");
        assertEquals(List.of(), check(project), "config.exs's localhost is replaced");
        project = release(RUNTIME.replace("url: [host: host, port: 443, scheme: \"https\"]",
                "url: [\n      # the scheme and port the proxy serves\n      port: 443, scheme: \"https\"]"),
                "CMD [\"/app/bin/server\"]\n");
        assertEquals(1, check(project).size(), "a comment in a keyword list does not make it another list");
    }

    @Test
    void hostVariablesAreFollowedInTheirBlock() {
        ProjectFixture literal = release(RUNTIME.replace("host = System.get_env(\"PHX_HOST\") || \"example.com\"",
                "host = \"example.com\""), "CMD [\"/app/bin/server\"]\n");
        List<Finding> findings = check(literal);
        assertEquals(1, findings.size());
        assertEquals("\"example.com\"", ProjectFixture.covered(findings.get(0)));
        assertTrue(findings.get(0).message().contains("the generators' placeholder \"example.com\""));

        ProjectFixture fetched = release(RUNTIME.replace("System.get_env(\"PHX_HOST\") || \"example.com\"",
                "System.fetch_env!(\"PHX_HOST\")"), "CMD [\"/app/bin/server\"]\n");
        assertEquals(List.of(), check(fetched));
    }

    @Test
    void loopbackInRuntimeProdBlockIsReported() {
        ProjectFixture project = release(RUNTIME.replace("url: [host: host,", "url: [host: \"127.0.0.1\","),
                "CMD [\"/app/bin/server\"]\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size());
        assertEquals(dir.resolve("config/runtime.exs"), findings.get(0).file().path());
        assertEquals("\"127.0.0.1\"", ProjectFixture.covered(findings.get(0)));
    }

    @Test
    void generatedAndUndecidableHostsAreSilent() {
        // The generated layout: config.exs localhost, overridden by runtime.exs's PHX_HOST read.
        assertEquals(List.of(), check(release(RUNTIME, "CMD [\"/app/bin/server\"]\n")));
        // A host that only sometimes overrides: the linter cannot tell.
        String conditional = "import Config\n\n" + PHX_SERVER_BLOCK
                + "if host = System.get_env(\"PHX_HOST\") do\n  config :shop, ShopWeb.Endpoint, url: [host: host]\nend\n";
        assertEquals(List.of(), check(release(conditional, "CMD [\"/app/bin/server\"]\n")));
        // A real domain.
        ProjectFixture real = release(RUNTIME, "CMD [\"/app/bin/server\"]\n")
                .with("config/prod.exs", PROD + "\nconfig :shop, ShopWeb.Endpoint, url: [host: \"shop.example.org\"]\n");
        assertEquals(List.of(), check(real));
    }

    @Test
    void hostBoundToAVariableThatReadsPhxHostIsSilent() {
        String runtime = "import Config\n\n" + PHX_SERVER_BLOCK
                + "host = System.get_env(\"PHX_HOST\") || \"localhost\"\n\n"
                + "config :shop, ShopWeb.Endpoint, url: [host: host, port: 443]\n";
        assertEquals(List.of(), check(release(runtime, "CMD [\"/app/bin/server\"]\n")), "read at boot: configurable");
    }

    @Test
    void hostBoundToALiteralIsReportedAtTheLiteral() {
        ProjectFixture project = release(RUNTIME.replace("url: [host: host, port: 443, scheme: \"https\"],\n    ", ""),
                "CMD [\"/app/bin/server\"]\n")
                .with("config/prod.exs", PROD + "\nhost = \"localhost\"\n\nconfig :shop, ShopWeb.Endpoint, url: [host: host]\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size());
        assertEquals(dir.resolve("config/prod.exs"), findings.get(0).file().path());
        assertEquals("\"localhost\"", ProjectFixture.covered(findings.get(0)));
    }

    @Test
    void aPlaceholderHostIsReportedOnlyWhereSomethingUsesIt() {
        String prod = PROD + "\nconfig :shop, ShopWeb.Endpoint, url: [host: \"localhost\"]\n";
        String runtime = RUNTIME.replace("url: [host: host, port: 443, scheme: \"https\"],\n    ", "");
        String api = ENDPOINT.replace("socket \"/socket\", ShopWeb.UserSocket, websocket: true\n\n", "");
        ProjectFixture project = release(runtime, "CMD [\"/app/bin/server\"]\n")
                .with("config/prod.exs", prod).with("lib/shop_web/endpoint.ex", api);
        assertEquals(List.of(), check(project), "no socket, no URL built from the endpoint");

        project.with("lib/shop/notifier.ex", "defmodule Shop.Notifier do\n  use ShopWeb, :verified_routes\n"
                + "  def link(token), do: url(~p\"/confirm/#{token}\")\nend\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().endsWith("so the absolute URLs the code builds from the endpoint "
                + "(url/1, `*_url` helpers, emails) point at it."), findings.get(0).message());
    }

    @Test
    void anEndpointProdDeclaresUnservedRejectsNoConnectionWhateverItsHost() {
        String emailEndpoint = ENDPOINT.replace("ShopWeb.Endpoint", "ShopWeb.EmailEndpoint")
                .replace("ShopWeb.Router", "ShopWeb.EmailRouter");
        ProjectFixture project = release(RUNTIME, "CMD [\"/app/bin/server\"]\n")
                .with("lib/shop_web/email_endpoint.ex", emailEndpoint)
                .with("config/config.exs", CONFIG + "\nconfig :shop, ShopWeb.EmailEndpoint, url: [host: \"localhost\"]\n")
                .with("config/prod.exs", PROD + "\nconfig :shop, ShopWeb.EmailEndpoint, server: false\n");
        assertEquals(List.of(), check(project), "server: false: nobody connects to its sockets");

        project.with("lib/shop_web/router.ex", "defmodule ShopWeb.Router do\n  use Phoenix.Router\n\n"
                + "  forward \"/mail\", ShopWeb.EmailEndpoint\nend\n");
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), "mounted behind the served endpoint, it is reached after all");
        assertTrue(findings.get(0).message().startsWith("The production URL host of ShopWeb.EmailEndpoint stays"));
    }

    @Test
    void anOriginPolicyOfItsOwnOrALiveViewSocketWithoutLiveRoutesLeavesTheHostUnused() {
        String prod = PROD + "\nconfig :shop, ShopWeb.Endpoint, url: [host: \"localhost\"]\n";
        String runtime = RUNTIME.replace("url: [host: host, port: 443, scheme: \"https\"],\n    ", "");
        ProjectFixture disabled = release(runtime, "CMD [\"/app/bin/server\"]\n")
                .with("config/prod.exs", prod + "config :shop, ShopWeb.Endpoint, check_origin: false\n");
        assertEquals(List.of(), check(disabled), "check_origin: false: reached under any host");

        String ownOptions = ENDPOINT.replace("socket \"/socket\", ShopWeb.UserSocket, websocket: true",
                "@websocket_options [check_origin: false]\n\n  socket \"/socket\", ShopWeb.UserSocket, "
                        + "websocket: @websocket_options");
        ProjectFixture sockets = release(runtime, "CMD [\"/app/bin/server\"]\n")
                .with("config/prod.exs", prod).with("lib/shop_web/endpoint.ex", ownOptions);
        assertEquals(List.of(), check(sockets), "every socket sets its own check_origin");

        String liveOnly = ENDPOINT.replace("ShopWeb.UserSocket, websocket: true", "Phoenix.LiveView.Socket, websocket: true");
        ProjectFixture live = release(runtime, "CMD [\"/app/bin/server\"]\n")
                .with("config/prod.exs", prod).with("lib/shop_web/endpoint.ex", liveOnly)
                .with("lib/shop_web/router.ex", "defmodule ShopWeb.Router do\n  use Phoenix.Router\n\n"
                        + "  get \"/health\", ShopWeb.HealthController, :show\nend\n");
        assertEquals(List.of(), check(live), "a LiveView socket with no live route");
        live.with("lib/shop_web/router.ex", "defmodule ShopWeb.Router do\n  use Phoenix.Router\n\n"
                + "  live \"/\", ShopWeb.HomeLive\nend\n");
        assertEquals(1, check(live).size(), "live routes connect through the socket");

        // lambdaclass/mirra_backend: an API endpoint keeps the generator's /live socket beside another app's LiveViews.
        String admin = ENDPOINT.replace("ShopWeb.Endpoint", "ShopWeb.AdminEndpoint").replace("ShopWeb.Router",
                "ShopWeb.AdminRouter").replace("ShopWeb.UserSocket, websocket: true", "Phoenix.LiveView.Socket, websocket: true");
        live.with("lib/shop_web/router.ex", "defmodule ShopWeb.Router do\n  use Phoenix.Router\n\n"
                        + "  get \"/health\", ShopWeb.HealthController, :show\nend\n")
                .with("lib/shop_web/admin_endpoint.ex", admin)
                .with("lib/shop_web/admin_router.ex", "defmodule ShopWeb.AdminRouter do\n  use Phoenix.Router\n\n"
                        + "  live \"/\", ShopWeb.AdminLive\nend\n")
                .with("config/runtime.exs", runtime + "\nconfig :shop, ShopWeb.AdminEndpoint, url: [host: "
                        + "System.get_env(\"ADMIN_HOST\")], http: [port: 4001], server: true\n");
        assertEquals(List.of(), check(live), "the admin endpoint's live routes use its own socket, not the API's");
    }

    @Test
    void aChannelSocketIsAConsequenceOnlyWhenThePagesOpenASocket() {
        String prod = PROD + "\nconfig :shop, ShopWeb.Endpoint, url: [host: \"localhost\"]\n";
        String runtime = RUNTIME.replace("url: [host: host, port: 443, scheme: \"https\"],\n    ", "");
        String appJs = "import \"phoenix_html\"\n\n// import socket from \"./socket\"\n";
        ProjectFixture project = release(runtime, "CMD [\"/app/bin/server\"]\n").with("config/prod.exs", prod)
                .with("assets/js/app.js", appJs)
                .with("assets/js/socket.js", "import {Socket} from \"phoenix\"\n\n"
                        + "let socket = new Socket(\"/socket\", {params: {token: window.userToken}})\n"
                        + "socket.connect()\n\nexport default socket\n");
        assertEquals(List.of(), check(project), "socket.js is imported only in a comment: no browser connects");

        project.with("assets/js/app.js", appJs.replace("// import socket", "import socket"));
        List<Finding> findings = check(project);
        assertEquals(1, findings.size(), "the page connects to the channel socket");
        assertTrue(findings.get(0).message().endsWith("so with the default check_origin its sockets reject LiveView "
                + "and channel connections from the real domain."), findings.get(0).message());
    }

    @Test
    void aSocketModuleInPhoenixOneTwosWebFolderIsInSight() {
        String prod = PROD + "\nconfig :shop, ShopWeb.Endpoint, url: [host: \"example.com\"]\n";
        String runtime = RUNTIME.replace("url: [host: host, port: 443, scheme: \"https\"],\n    ", "");
        ProjectFixture project = release(runtime, "CMD [\"/app/bin/server\"]\n").with("config/prod.exs", prod)
                .with("web/channels/user_socket.ex", "defmodule ShopWeb.UserSocket do\n  use Phoenix.Socket\n"
                        + "  transport :websocket, Phoenix.Transports.WebSocket\n"
                        + "  def connect(_params, socket), do: {:ok, socket}\n  def id(_socket), do: nil\nend\n");
        assertEquals(List.of(), check(project), "a socket that routes no channel has nothing for a browser to join");
        project.with("web/channels/user_socket.ex", "defmodule ShopWeb.UserSocket do\n  use Phoenix.Socket\n"
                + "  channel \"room:*\", ShopWeb.RoomChannel\n  def connect(_params, socket), do: {:ok, socket}\n"
                + "  def id(_socket), do: nil\nend\n");
        assertEquals(1, check(project).size(), "a channel a browser may join, from pages not in sight");
    }

    @Test
    void uncommentingTheSocketImportRerunsTheRule() throws IOException {
        String appJs = "import \"phoenix_html\"\n\n// import socket from \"./socket\"\n";
        ProjectFixture project = release(RUNTIME.replace("url: [host: host, port: 443, scheme: \"https\"],\n    ", ""),
                "CMD [\"/app/bin/server\"]\n")
                .with("config/prod.exs", PROD + "\nconfig :shop, ShopWeb.Endpoint, url: [host: \"localhost\"]\n")
                .with("assets/js/app.js", appJs)
                .with("assets/js/socket.js", "import {Socket} from \"phoenix\"\nnew Socket(\"/socket\").connect()\n");
        project.write();
        Workspace workspace = new Workspace(List.of(dir));
        RuleEngine engine = new RuleEngine(List.of(new EndpointNotServedRule()));
        assertEquals(List.of(), engine.analyze(workspace.projects().get(0), workspace));

        Path app = dir.resolve("assets/js/app.js");
        Files.writeString(app, appJs.replace("// import socket", "import socket"));
        workspace.diskChanged(app, false);
        List<Finding> after = engine.analyze(new ProjectContext(workspace.projects().get(0), workspace),
                Changes.edited(List.of(app)));
        assertEquals(1, after.size(), "the edit of a page script reaches the rule");
    }

    @Test
    void hostFromAHelperCallIsSilent() {
        for (String url : List.of("url: [host: Shop.Deploy.host()]", "url: Shop.Deploy.url()")) {
            String runtime = "import Config\n\n" + PHX_SERVER_BLOCK + "config :shop, ShopWeb.Endpoint, " + url + "\n";
            assertEquals(List.of(), check(release(runtime, "CMD [\"/app/bin/server\"]\n")), url);
        }
    }

    @Test
    void hostOfAProjectWithNoDeploymentInSightIsSilent() {
        // What `mix phx.new --umbrella` writes in prod.exs, before anyone prepared a deploy.
        ProjectFixture project = new ProjectFixture(dir)
                .with("lib/shop_web/endpoint.ex", ENDPOINT)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", PROD + "\nconfig :shop, ShopWeb.Endpoint, url: [host: \"example.com\", port: 80]\n");
        assertEquals(List.of(), check(project));
        project.with("rel/config.exs", "use Distillery.Releases.Config\n");
        assertEquals(List.of(), check(project), "a rel/ folder alone does not say where the release runs");
        project.with("mix.exs", """
                defmodule Shop.MixProject do
                  use Mix.Project
                  def project, do: [app: :shop, version: "0.1.0", releases: [shop: []], deps: []]
                end
                """);
        assertEquals(List.of(), check(project), "nor does mix.exs releases: (a talk demo started on localhost)");
        project.with("Procfile", "web: MIX_ENV=prod mix phx.server\n");
        assertEquals(1, check(project).size(), "a Procfile shows the app is deployed");
    }

    @Test
    void aHostThatAnImportedFileTheRepositoryDoesNotHoldMaySetIsNotKnown() {
        String host = "\nconfig :shop, ShopWeb.Endpoint, url: [host: \"example.com\", port: 80]\n";
        String secretImport = "\nimport_config \"prod.secret.exs\"\n";
        ProjectFixture project = new ProjectFixture(dir).with("Procfile", "web: MIX_ENV=prod mix phx.server\n")
                .with("lib/shop_web/endpoint.ex", ENDPOINT)
                .with("config/config.exs", CONFIG)
                .with("config/prod.exs", PROD + host + secretImport);
        assertEquals(List.of(), check(project), "the gitignored prod.secret.exs may set the host");
        project.with("config/prod.exs", PROD + secretImport + host);
        assertEquals(1, check(project).size(), "set after it");
    }

    // ------------------------------------------------------------ generated layouts

    @Test
    void generatedLayoutsAndTheUmbrellaSampleAreSilent() {
        for (String sample : List.of("phx-release-clean", "phx18-release-clean", "umbrella")) {
            Workspace workspace = new Workspace(List.of(TestWorkspaces.root().resolve(sample)));
            RuleEngine engine = new RuleEngine(List.of(new EndpointNotServedRule()));
            for (MixProject project : workspace.projects()) {
                assertEquals(List.of(), engine.analyze(project, workspace), sample);
            }
        }
    }

    // ------------------------------------------------------------ helpers

    private Finding onDockerfile(List<Finding> findings) {
        List<Finding> found = findings.stream().filter(f -> f.file().path().equals(dir.resolve("Dockerfile"))).toList();
        assertEquals(1, found.size(), findings.toString());
        return found.get(0);
    }

    private static List<Finding> analyseAll(Path root) {
        Workspace workspace = new Workspace(List.of(root));
        RuleEngine engine = new RuleEngine(Rules.all());
        List<Finding> findings = new ArrayList<>();
        for (MixProject project : workspace.projects()) {
            findings.addAll(engine.analyze(project, workspace));
        }
        findings.sort(Comparator.comparing((Finding f) -> f.file().path()).thenComparingInt(Finding::start));
        return findings;
    }

    /** Writes a fix to disk; returns the files it wrote. */
    private static List<Path> apply(Fix fix) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Fix.Change change : fix.changes()) {
            if (change instanceof Fix.CreateFile create) {
                Files.createDirectories(create.path().getParent());
                Files.writeString(create.path(), create.content());
                written.add(create.path());
            } else if (!written.contains(change.path())) {
                Files.writeString(change.path(), ProjectFixture.afterFix(fix, change.path()));
                written.add(change.path());
            }
        }
        return written;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
