package dev.gotchals.model.deploy;

import dev.gotchals.elixir.ElixirVersion;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeployModelTest {
    private static final String MIX_EXS = """
            defmodule Shop.MixProject do
              use Mix.Project
              def project, do: [app: :shop, version: "0.1.0", elixir: "~> 1.14", deps: []]
            end
            """;
    private static final String BUILDER = """
            ARG ELIXIR_VERSION=1.16.2
            ARG OTP_VERSION=26.2.5
            ARG DEBIAN_VERSION=bookworm-20240513-slim
            ARG BUILDER_IMAGE="hexpm/elixir:${ELIXIR_VERSION}-erlang-${OTP_VERSION}-debian-${DEBIAN_VERSION}"
            ARG RUNNER_IMAGE="debian:${DEBIAN_VERSION}"

            FROM ${BUILDER_IMAGE} AS builder
            ENV MIX_ENV="prod"
            RUN mix deps.get --only $MIX_ENV
            RUN mix assets.deploy && mix compile
            COPY rel rel
            RUN mix release

            """;

    @TempDir
    Path root;

    private DeployModel model(Map<String, String> files) throws IOException {
        Files.writeString(root.resolve("mix.exs"), MIX_EXS);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = root.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        Workspace workspace = new Workspace(List.of(root));
        return DeployModel.of(new ProjectContext(workspace.projects().get(0), workspace));
    }

    private static List<String> launched(DeployModel model) {
        return model.launch(model.productionImages().get(0)).commands().stream()
                .filter(command -> !command.assumed()).map(command -> command.command().text()).toList();
    }

    @Test
    void theStageAProductionBuildTargetsIsTheImageNotTheLastOne() throws IOException {
        String dockerfile = BUILDER + """
                FROM ${RUNNER_IMAGE} AS prod
                COPY --from=builder /app/_build/prod/rel/shop ./
                CMD ["/app/bin/server"]

                FROM builder AS dev
                ENV MIX_ENV=dev
                CMD ["mix", "phx.server"]
                """;
        String prodCompose = "services:\n  app:\n    build:\n      context: .\n      target: prod\n";
        String devCompose = "services:\n  app:\n    build:\n      context: .\n      target: dev\n";
        assertEquals(List.of("mix phx.server"), launched(model(Map.of("Dockerfile", dockerfile))), "no build names one");
        assertEquals(List.of("/app/bin/server"), launched(model(Map.of("Dockerfile", dockerfile,
                "docker-compose.prod.yml", prodCompose, "docker-compose.dev.yml", devCompose))),
                "the development Compose file's target is not production's");
        assertEquals(List.of("/app/bin/server"), launched(model(Map.of("Dockerfile", dockerfile,
                "docker-compose.prod.yml", "services:\n  web:\n    image: shop\n",
                ".github/workflows/deploy.yml", "jobs:\n  push:\n    steps:\n      - run: |\n"
                        + "          docker build \\\n            --target prod -t shop .\n"))),
                "a workflow's docker build --target, over a continued line");
        assertEquals(List.of("mix phx.server"), launched(model(Map.of("Dockerfile", dockerfile,
                "docker-compose.prod.yml", prodCompose, "deploy.sh", "#!/bin/sh\ndocker build -t shop .\n"))),
                "builds that disagree leave the last stage");
        // (the files of the cases above stay in the folder: those that build are emptied)
        assertEquals(List.of("/app/bin/server"), launched(model(Map.of("Dockerfile", dockerfile,
                "deploy.sh", "#!/bin/sh\n", ".github/workflows/deploy.yml", "on: push\n",
                "docker-compose.yml", "services:\n  app:\n    build: .\n    restart: always\n",
                "docker-compose.prod.yml", "services:\n  app:\n    build:\n      target: prod\n"))),
                "the production file adds its target to the base file's build");
        // The development stage in the middle, production's last: a build of the middle one is no production build.
        String devFirst = BUILDER + """
                FROM builder AS development
                CMD ["mix", "phx.server"]

                FROM builder AS tests
                CMD ["mix", "test"]

                FROM ${RUNNER_IMAGE} AS prod
                COPY --from=builder /app/_build/prod/rel/shop ./
                CMD ["/app/bin/server"]
                """;
        assertEquals(List.of("/app/bin/server"), launched(model(Map.of("Dockerfile", devFirst,
                "docker-compose.yml", "services:\n  app:\n    build:\n      context: .\n      target: development\n",
                "docker-compose.prod.yml", "services:\n  app:\n    restart: always\n"))),
                "a target named for development");
        assertEquals(List.of("/app/bin/server"), launched(model(Map.of("Dockerfile", devFirst,
                "docker-compose.yml", "services:\n  app:\n    build:\n      context: .\n      target: tests\n"
                        + "    environment:\n      MIX_ENV: test\n    command: mix test\n"))),
                "a service that runs the tests");
        assertEquals(List.of("/app/bin/server"), launched(model(Map.of("Dockerfile", devFirst,
                "docker-compose.yml", "services:\n  app:\n    build:\n      context: .\n      target: tests\n"
                        + "    volumes:\n      - ./lib:/app/lib\n      - ./uploads:/app/uploads\n"))),
                "a service that mounts the source");
    }

    @Test
    void aWorkflowThatPushesTheLastStageKeepsItThoughAnotherStepBuildsATarget() throws IOException {
        String dockerfile = BUILDER + """
                FROM ${RUNNER_IMAGE} AS app
                COPY --from=builder /app/_build/prod/rel/shop ./
                CMD ["/app/bin/shop", "start"]
                """;
        String workflow = """
                jobs:
                  release:
                    steps:
                      - run: docker build --target builder -t build .
                      - run: docker run build npx semantic-release
                      - name: Build and push
                        uses: docker/build-push-action@v5
                        with:
                          push: true
                          tags: shop:latest
                      - run: echo done
                """;
        assertEquals(List.of("/app/bin/shop start"), launched(model(Map.of("Dockerfile", dockerfile,
                ".github/workflows/release.yml", workflow))), "the image it pushes is the last stage");
        assertEquals(List.of(), launched(model(Map.of(".github/workflows/release.yml",
                        workflow.replace("push: true", "push: true\n          target: builder")))),
                "an action that pushes the builder stage: its image starts nothing");
    }

    @Test
    void ofEntrypointScriptsOfOneNameTheOneKeptForDevelopmentIsNotProductions() throws IOException {
        DeployModel model = model(Map.of("Dockerfile", BUILDER + """
                COPY docker/scripts/production scripts

                FROM ${RUNNER_IMAGE}
                COPY --from=builder /app/_build/prod/rel/shop ./
                COPY --from=builder /app/scripts/*.sh /usr/local/bin/
                ENTRYPOINT "entrypoint.sh"
                """,
                "docker/scripts/development/entrypoint.sh", "#!/bin/sh\nmix ecto.setup\nexec mix phx.server\n",
                "docker/scripts/production/entrypoint.sh", "#!/bin/sh\n/app/bin/shop eval Shop.Release.migrate\n"
                        + "exec /app/bin/shop start\n"));
        assertEquals(List.of("entrypoint.sh", "/app/bin/shop eval Shop.Release.migrate", "/app/bin/shop start"),
                launched(model));
    }

    @Test
    void productionDockerfilesLeaveOutDevelopmentTestAndCiVariants() throws IOException {
        DeployModel model = model(Map.of("Dockerfile", "FROM elixir:1.15\n", "Dockerfile.dev", "FROM elixir:1.15\n",
                "Dockerfile.cloudron.backup", "FROM elixir:1.15\n",
                "ci.Dockerfile", "FROM elixir:1.15\n", "Dockerfile.prod", "FROM elixir:1.15\n"));
        assertEquals(List.of("Dockerfile", "Dockerfile.prod"), model.productionImages().stream()
                .map(image -> image.file().path().getFileName().toString()).sorted().toList());
    }

    @Test
    void dockerfilesInTestOrDevelopmentFoldersRunNoProduction() throws IOException {
        DeployModel model = model(Map.of("docker/tests/Dockerfile", "FROM elixir:1.15\n",
                "docker/development/app/Dockerfile", "FROM elixir:1.15\n",
                "deploy/dev/Dockerfile", "FROM elixir:1.15\n", "devops/local/Dockerfile", "FROM elixir:1.15\n",
                ".devcontainer/Dockerfile", "FROM elixir:1.15\n"));
        assertEquals(List.of("deploy/dev/Dockerfile", "devops/local/Dockerfile"), model.productionImages().stream()
                .map(image -> root.relativize(image.file().path()).toString()).sorted().toList(),
                "a dev or local folder may deploy a development environment, or hold the only release build");
    }

    @Test
    void aStartScriptCopiedFromABuildStageIsFollowedBackToTheRepository() throws IOException {
        DeployModel model = model(Map.of("Dockerfile", """
                FROM elixir:1.11-alpine AS build
                WORKDIR /app
                COPY mix.exs /app/
                COPY . /app/
                ENV MIX_ENV=prod
                RUN mix release

                FROM alpine:3.12
                WORKDIR /app
                COPY --from=build app/_build/prod/rel/shop ./
                COPY --from=build app/bin/ ./bin
                CMD ["./bin/start"]
                """, "bin/start", "#!/bin/sh\nbin/shop eval Shop.Release.migrate\nexec bin/shop start\n"));
        assertEquals(List.of("./bin/start", "bin/shop eval Shop.Release.migrate", "bin/shop start"), launched(model));
        assertNotNull(model.launch(model.productionImages().get(0)).releaseStart());
    }

    @Test
    void aReleaseBuiltInALocalCheckoutIsNotReadAsTheProjectsScript() throws IOException {
        DeployModel model = model(Map.of("Dockerfile", """
                FROM elixir:1.17 AS build
                WORKDIR /app
                COPY . .
                RUN mix release

                FROM debian:bookworm-slim
                WORKDIR /app
                COPY --from=build /app/_build/prod/rel/shop ./
                CMD ["/app/bin/shop", "start"]
                """, "_build/prod/rel/shop/bin/shop", "#!/bin/sh\nexport SECRET=local\nexec erlexec \"$@\"\n"));
        assertEquals(List.of("/app/bin/shop start"), launched(model), "the local build output is not followed");
    }

    @Test
    void aDockerfileWhoseOpeningCommentRetiresItRunsNoProduction() throws IOException {
        DeployModel model = model(Map.of(
                "Dockerfile.caddy1", "# NOTE: this is deprecated as it uses Caddy v1\n\n# The version of Elixir\nFROM elixir:1.15\n",
                "Dockerfile.rel", "# syntax=docker/dockerfile:1\n# Builds the release\nFROM elixir:1.15\n",
                "Dockerfile", "FROM elixir:1.15\n# deprecated flags below are kept for old builds\nRUN mix release\n"));
        assertEquals(List.of("Dockerfile", "Dockerfile.rel"), model.productionImages().stream()
                .map(image -> image.file().path().getFileName().toString()).sorted().toList(),
                "only the opening comment counts, not one further down");
    }

    @Test
    void aDockerfileWhoseOpeningCommentKeepsItForDevelopmentRunsNoProduction() throws IOException {
        for (String header : List.of("# Shop Docker (dev/test only): mix release, logs on stdout.",
                "# For local development only", "# Only for testing the release build", "# NOT FOR PRODUCTION",
                "# Do not use this in production: the secret below is public", "# Obsolete: see Dockerfile.rel",
                "# No longer used by CI")) {
            DeployModel model = model(Map.of("Dockerfile", header + "\nFROM elixir:1.15\nRUN mix release\n"));
            assertEquals(List.of(), model.productionImages(), header);
        }
        DeployModel model = model(Map.of("Dockerfile",
                "# Production image; the dev-only tools stay in the builder\nFROM elixir:1.15\nRUN mix release\n"));
        assertEquals(1, model.productionImages().size(), "a header that only mentions development keeps the image");
    }

    @Test
    void releaseImagesAreThoseThatBuildItThenThoseNamedForProduction() throws IOException {
        String runner = BUILDER + "FROM debian\nCOPY --from=builder /app/_build/prod/rel/shop /app\nCMD [\"/app/bin/server\"]\n";
        DeployModel model = model(Map.of("Dockerfile", runner, "Dockerfile.prod", "FROM elixir:1.15\nCMD mix phx.server\n",
                "Dockerfile.web", "FROM elixir:1.15\nCMD mix phx.server\n", "Dockerfile.dev", runner));
        assertEquals(List.of("Dockerfile", "Dockerfile.prod"), model.releaseImages().stream()
                .map(image -> image.file().path().getFileName().toString()).toList());
    }

    @Test
    void aReleaseBuiltAmongOtherTasksOfAMixDoIsARelease() throws IOException {
        // The Dockerfile `fly launch` wrote for Phoenix 1.5: the release is the last task of a `mix do`.
        String runner = "FROM hexpm/elixir:1.12.2-erlang-24.0.5-alpine-3.14.0 AS build\nENV MIX_ENV=prod\n"
                + "RUN mix do compile, release\n\nFROM alpine:3.14\nCOPY --from=build /app/_build/prod/rel/shop ./\n"
                + "CMD [\"bin/shop\", \"start\"]\n";
        DeployModel model = model(Map.of("Dockerfile", runner, "elixir_buildpack.config", "elixir_version=1.10.4\n"));
        DockerImage image = model.releaseImages().get(0);
        assertTrue(image.buildsRelease());
        assertEquals("prod", image.mixEnv());
        assertEquals(new ElixirVersion(1, 12), image.elixirVersion());
        assertTrue(model(Map.of("Dockerfile", runner.replace("compile, release", "compile + release")))
                .releaseImages().get(0).buildsRelease(), "Elixir 1.14's `mix do a + b`");
        assertFalse(model(Map.of("Dockerfile", runner.replace("compile, release", "compile, release.init")))
                .productionImages().get(0).buildsRelease(), "another task whose name begins alike");
    }

    @Test
    void noReleaseImagesWhenNoProductionImageBuildsTheRelease() throws IOException {
        DeployModel model = model(Map.of("Dockerfile.prod", "FROM elixir:1.15\nCMD mix phx.server\n"));
        assertEquals(List.of(), model.releaseImages());
    }

    @Test
    void fromChainArgSubstitutionAndInheritedEnv() throws IOException {
        DeployModel model = model(Map.of("Dockerfile", BUILDER + """
                FROM ${RUNNER_IMAGE} AS base
                ARG DEBIAN_VERSION
                ENV LANG=en_US.UTF-8 DEBIAN=${DEBIAN_VERSION}
                FROM base
                COPY --from=builder /app/_build/prod/rel/shop /app
                CMD ["/app/bin/server"]
                """));
        DockerImage image = model.productionImages().get(0);
        assertEquals("hexpm/elixir:1.16.2-erlang-26.2.5-debian-bookworm-20240513-slim",
                image.resolvedImage(image.releaseStage()));
        assertEquals(3, image.chain(image.finalStage()).size() + 1);
        assertEquals("bookworm-20240513-slim", image.environment(image.finalStage()).get("DEBIAN"));
        assertEquals("en_US.UTF-8", image.environment(image.finalStage()).get("LANG"));
        assertEquals(new ElixirVersion(1, 16), image.elixirVersion());
        assertEquals("prod", image.mixEnv());
        assertEquals(List.of("mix deps.get --only $MIX_ENV", "mix assets.deploy", "mix compile", "mix release"),
                image.releaseBuild().stream().map(command -> command.text()).toList());
        assertEquals("/app", image.releaseRoot());
        assertFalse(image.finalStageWithoutMix(), "the final stage is built FROM another stage");
    }

    @Test
    void elixirVersionFromToolVersionsAndBuildpackConfig() throws IOException {
        DeployModel model = model(Map.of(".tool-versions", "erlang 26.2\nelixir 1.15.7-otp-26\n",
                "elixir_buildpack.config", "erlang_version=24.3\nelixir_version=1.12.3\n", "Procfile", "web: mix phx.server\n"));
        assertEquals(new ElixirVersion(1, 15), model.toolVersion(false));
        DeployPath buildpack = model.paths().get(0);
        assertEquals(DeployPath.Kind.BUILDPACK, buildpack.kind());
        assertEquals(new ElixirVersion(1, 12), buildpack.elixirVersion());
    }

    @Test
    void inheritedCmdAndTiniInAnExecArray() throws IOException {
        DeployModel model = model(Map.of("Dockerfile", """
                FROM elixir:1.15 AS base
                CMD ["mix", "phx.server"]
                FROM base
                ENTRYPOINT ["/sbin/tini", "--"]
                """));
        Launch launch = model.launch(model.productionImages().get(0));
        assertEquals("CMD", launch.shown().keyword());
        assertEquals(List.of("mix phx.server"), launched(model));
    }

    @Test
    void gosuSuAndShellWrappersInTheCmd() throws IOException {
        assertEquals(List.of("mix ecto.migrate", "/app/bin/server"), launched(model(Map.of("Dockerfile",
                "FROM debian\nCMD gosu app sh -c 'mix ecto.migrate && /app/bin/server'\n"))));
        assertEquals(List.of("/app/bin/shop start"), launched(model(Map.of("Dockerfile",
                "FROM debian\nCMD [\"su\", \"app\", \"-c\", \"exec /app/bin/shop start\"]\n"))));
    }

    @Test
    void followsTheEntrypointScriptTheImageCopiesAndItsExecOfTheCmd() throws IOException {
        DeployModel model = model(Map.of("Dockerfile", BUILDER + """
                FROM debian:bookworm-slim
                COPY --from=builder /app/_build/prod/rel/shop /app
                COPY docker/entrypoint.sh /app/entrypoint.sh
                ENTRYPOINT ["/app/entrypoint.sh"]
                CMD ["/app/bin/shop", "start"]
                """, "docker/entrypoint.sh", """
                #!/bin/sh
                set -e
                /app/bin/shop eval Shop.Release.migrate
                export PHX_SERVER=true
                exec "$@"
                """));
        Launch launch = model.launch(model.productionImages().get(0));
        // Docker hands the CMD to the ENTRYPOINT as arguments; the script runs them at `exec "$@"`.
        assertEquals(List.of("/app/entrypoint.sh /app/bin/shop start", "set -e", "/app/bin/shop eval Shop.Release.migrate",
                "/app/bin/shop start"), launched(model));
        ReleaseStart start = launch.releaseStart();
        assertNotNull(start);
        assertTrue(start.environment().contains("PHX_SERVER"));
        assertEquals("CMD", start.invocation().instruction().keyword());
        assertNull(start.invocation().script(), "the start is written in the CMD");
    }

    @Test
    void anEntrypointThatPassesItsArgumentsToTheReleaseStartsItWithTheCmdsSubcommand() throws IOException {
        DeployModel model = model(Map.of("Dockerfile", BUILDER + """
                FROM debian:bookworm-slim
                COPY --from=builder /app/_build/prod/rel/shop /opt/app
                COPY rel/entrypoint.sh /opt/app/bin/entrypoint.sh
                ENTRYPOINT ["/opt/app/bin/entrypoint.sh"]
                CMD foreground
                """, "rel/entrypoint.sh", """
                #!/usr/bin/env bash
                export VM_NAME=shop
                /opt/app/bin/shop $@
                """));
        assertEquals(List.of("/opt/app/bin/entrypoint.sh", "/opt/app/bin/shop foreground"),
                launched(model));
        ReleaseStart start = model.launch(model.productionImages().get(0)).releaseStart();
        assertNotNull(start, "`$@` is the CMD's `foreground`");
        assertEquals("/opt/app/bin/shop foreground", start.invocation().command().text());
    }

    @Test
    void aCaseOnTheFirstArgumentOrItsDefaultRunsTheItemTheStartPasses() throws IOException {
        String entrypoint = """
                #!/bin/sh
                set -eu
                ./shop eval "Shop.Release.migrate()"
                case "${1:-start}" in
                  start)
                    PHX_SERVER=true exec ./shop start
                    ;;
                  *)
                    exec ./shop "$@"
                    ;;
                esac
                """;
        String dockerfile = BUILDER + """
                FROM debian:bookworm-slim
                WORKDIR /app
                COPY --from=builder /app/_build/prod/rel/shop ./
                ENTRYPOINT ["/app/bin/docker-entrypoint"]
                """;
        Map<String, String> files = Map.of("Dockerfile", dockerfile + "CMD [\"start\"]\n",
                "rel/overlays/bin/docker-entrypoint", entrypoint);
        DeployModel model = model(files);
        ReleaseStart start = model.launch(model.productionImages().get(0)).releaseStart();
        assertNotNull(start);
        assertTrue(start.environment().contains("PHX_SERVER"), "the `start` item, not the default one: " + start);
        model = model(Map.of("Dockerfile", dockerfile + "CMD [\"remote\"]\n", "rel/overlays/bin/docker-entrypoint",
                entrypoint));
        assertTrue(launched(model).stream().anyMatch(line -> line.endsWith("shop remote")),
                "an argument no item names takes the default: " + launched(model));
    }

    @Test
    void anEntrypointsBranchesForItsFirstArgumentRunOnlyWhenTheStartPassesIt() throws IOException {
        String entrypoint = """
                #!/bin/sh
                if [ "$1" = 'mix' ]; then
                  mix do ecto.create, ecto.migrate
                  exec mix "$2"
                elif [ "$1" = 'release' ]; then
                  exec /app/bin/shop start
                elif [ "$1" = 'migrate' ]; then
                  exec /app/bin/shop eval Shop.Release.migrate
                fi
                """;
        String dockerfile = BUILDER + """
                FROM alpine:3.20
                COPY --from=builder /app/_build/prod/rel/shop /app
                COPY docker-entrypoint.sh /app/docker-entrypoint.sh
                ENTRYPOINT ["/app/docker-entrypoint.sh"]
                """;
        assertEquals(List.of("/app/docker-entrypoint.sh", "/app/bin/shop start", "/app/bin/shop eval Shop.Release.migrate"),
                launched(model(Map.of("Dockerfile", dockerfile, "docker-entrypoint.sh", entrypoint))),
                "no CMD: whoever runs the image picks a branch, and the Mix one is a developer's");
        assertEquals(List.of("/app/docker-entrypoint.sh release", "/app/bin/shop start"),
                launched(model(Map.of("Dockerfile", dockerfile + "CMD [\"release\"]\n", "docker-entrypoint.sh",
                        entrypoint))),
                "the CMD passes `release`: that branch alone runs");
        assertEquals(List.of("mix do ecto.create, ecto.migrate", "mix $2"),
                launched(model(Map.of("Dockerfile", dockerfile + "CMD [\"mix\", \"phx.server\"]\n",
                        "docker-entrypoint.sh", entrypoint))).stream().filter(line -> line.startsWith("mix")).toList(),
                "a CMD of `mix` takes the Mix branch");
    }

    @Test
    void aProjectScriptARunRunsBuildsTheReleaseWithWhatItCopies() throws IOException {
        String dockerfile = """
                FROM hexpm/elixir:1.17.3-erlang-27.1-debian-bookworm-20240926-slim AS builder
                WORKDIR /workspace
                ARG PLATFORM=fly
                ENV PLATFORM=$PLATFORM
                COPY . .
                RUN scripts/build-release
                FROM debian:bookworm-slim
                COPY --from=builder /workspace/_build/prod/rel/shop /app
                CMD ["/app/bin/shop", "start"]
                """;
        String script = """
                #!/bin/bash
                set -e
                cd $(dirname "$0")/..
                if [ -f "config/runtime.${PLATFORM}.exs" ]; then
                  cp -f "config/runtime.${PLATFORM}.exs" config/runtime.exs
                fi
                mix assets.deploy
                MIX_ENV=prod mix release --overwrite
                """;
        DockerImage image = model(Map.of("Dockerfile", dockerfile, "scripts/build-release", script))
                .productionImages().get(0);
        assertTrue(image.buildsRelease(), "the script the RUN runs builds the release");
        assertEquals("prod", image.mixEnv());
        assertEquals("config/runtime.fly.exs", image.copiedOnto("config/runtime.exs"),
                "the platform's runtime config, named by the image's variable");

        DockerImage elsewhere = model(Map.of("Dockerfile", dockerfile.replace("COPY . .", "COPY mix.exs ."),
                "scripts/build-release", script)).productionImages().get(0);
        assertFalse(elsewhere.buildsRelease(), "the build context's script is not in the image");
        DockerImage onPath = model(Map.of("Dockerfile", dockerfile.replace("scripts/build-release", "build-release"),
                "scripts/build-release", script)).productionImages().get(0);
        assertFalse(onPath.buildsRelease(), "a bare name is a program on the PATH, not the project's script");
    }

    @Test
    void releaseScriptStartsTheReleaseWithItsVariables() throws IOException {
        DeployModel model = model(Map.of("Dockerfile", "FROM debian\nCMD [\"/app/bin/server\"]\n",
                "rel/overlays/bin/server", "#!/bin/sh\ncd -P -- \"$(dirname -- \"$0\")\"\nPHX_SERVER=true exec ./shop start\n"));
        ReleaseStart start = model.launch(model.productionImages().get(0)).releaseStart();
        assertEquals("/app/bin/server", start.invocation().command().text());
        assertEquals("server", start.script().name());
        assertTrue(start.environment().contains("PHX_SERVER"));
    }

    @Test
    void aToolsImageStartsNoReleaseOfTheProject() throws IOException {
        String tool = "FROM livebook/livebook:0.2.0\nWORKDIR /data\nCOPY . ./lib/shop\nCMD [\"/app/bin/livebook\", \"start\"]\n";
        DeployModel model = model(Map.of("Dockerfile", tool));
        assertNull(model.launch(model.productionImages().get(0)).releaseStart());
        assertFalse(model.paths().get(0).bootsRelease());
        DeployModel own = model(Map.of("Dockerfile", tool.replace("livebook\", \"start", "shop\", \"start")));
        assertNotNull(own.launch(own.productionImages().get(0)).releaseStart(), "the project's release, by its name");
        DeployModel copied = model(Map.of("Dockerfile", BUILDER + "FROM debian\nCOPY --from=builder /app/_build/prod/rel/shop /app\n"
                + "CMD [\"/app/bin/store\", \"start\"]\n"));
        assertNotNull(copied.launch(copied.productionImages().get(0)).releaseStart(), "an image with a release starts it");
    }

    @Test
    void envScriptExportsReachEveryStart() throws IOException {
        DeployModel model = model(Map.of("rel/env.sh.eex", """
                #!/bin/sh
                export PHX_SERVER=true
                export RELEASE_DISTRIBUTION=name
                export RELEASE_NODE=<%= @release.name %>@127.0.0.1
                """));
        assertTrue(model.platformEnvironment().containsAll(List.of("PHX_SERVER", "RELEASE_DISTRIBUTION", "RELEASE_NODE")));
    }

    @Test
    void flyTomlReleaseCommandProcessesEnvAndChecks() throws IOException {
        String toml = """
                app = "shop"

                [build]
                  dockerfile = "Dockerfile.fly"

                [deploy]
                  release_command = "/app/bin/migrate"

                [env]
                  PHX_HOST = "shop.fly.dev"
                  PORT = "8080"

                [processes]
                  app = "/app/bin/server"
                  worker = "mix run --no-halt"

                [[http_service.checks]]
                  path = "/health"
                """;
        FlyToml fly = model(Map.of("fly.toml", toml)).manifests().fly();
        assertEquals("Dockerfile.fly", fly.dockerfile());
        assertEquals(Map.of("PHX_HOST", "shop.fly.dev", "PORT", "8080"), fly.environment());
        assertEquals(List.of(new FlyToml.Check("http", "/health")), fly.checks());
        int migrate = fly.releaseCommand().script().commands().get(0).start();
        assertEquals("/app/bin/migrate", toml.substring(migrate, migrate + "/app/bin/migrate".length()));
        assertEquals(List.of("app", "worker"), fly.processes().stream().map(FlyToml.Command::name).toList());
        int mix = fly.processes().get(1).script().commands().get(0).start();
        assertEquals("mix run", toml.substring(mix, mix + 7));
    }

    @Test
    void flyTomlKeysOfAnotherTypeReadAsAbsent() throws IOException {
        // Older fly.toml files wrote `processes = []`; a key of an unexpected type is not the one the model reads.
        FlyToml fly = model(Map.of("fly.toml", "app = \"shop\"\nprocesses = []\nenv = \"x\"\nchecks = 1\n"
                + "services = \"web\"\n[build]\n  dockerfile = 2\n")).manifests().fly();
        assertEquals(List.of(), fly.processes());
        assertEquals(Map.of(), fly.environment());
        assertEquals(List.of(), fly.checks());
        assertEquals(null, fly.dockerfile());
    }

    @Test
    void procfileProcessesWithTheirCommands() throws IOException {
        String text = "web: bin/shop start\nrelease: MIX_ENV=prod mix ecto.migrate\n";
        Procfile procfile = model(Map.of("Procfile", text)).manifests().procfile();
        assertEquals(List.of("web", "release"), procfile.processes().stream().map(Procfile.Process::name).toList());
        var migrate = procfile.process("release").script().commands().get(0);
        assertTrue(migrate.isMix("ecto.migrate"));
        assertEquals("mix", text.substring(migrate.words().get(0).start(), migrate.words().get(0).end()));
        assertTrue(procfile.startsRelease());
    }

    @Test
    void aNanoboxWebComponentThatStartsMixServesWithMix() throws IOException {
        String boxfile = """
                run.config:
                  engine: elixir
                deploy.config:
                  before_live:
                    web.main:
                      - mix ecto.migrate
                web.main:
                  start: node-start mix phx.server
                """;
        DeployModel model = model(Map.of("boxfile.yml", boxfile, "rel/config.exs", "use Mix.Releases.Config\n"));
        assertTrue(model.startsWithMix() && model.servesProductionWithMix());
        assertFalse(model(Map.of("boxfile.yml", boxfile.replace("node-start mix phx.server", "bin/shop foreground")))
                .startsWithMix(), "a web component that starts the release");
        assertTrue(model(Map.of("boxfile.yml", boxfile.replace("start: node-start mix phx.server",
                "start:\n    app: node-start mix phx.server\n    worker: mix run --no-halt"))).startsWithMix(),
                "one start per process name");
    }

    @Test
    void aProcfileOfMixCommandsDoesNotStartTheRelease() throws IOException {
        Procfile procfile = model(Map.of("Procfile", "web: sh -c 'mix ecto.migrate && exec mix phx.server'\n")).manifests().procfile();
        assertFalse(procfile.startsRelease());
    }

    @Test
    void releaseEnvironmentJoinsThePlatformTheImageAndTheLaunchPath() throws IOException {
        DeployModel model = model(Map.of("Dockerfile", """
                FROM debian
                ENV LANG=C.UTF-8
                COPY entrypoint.sh /entrypoint.sh
                ENTRYPOINT ["/entrypoint.sh"]
                CMD ["/app/bin/shop", "start"]
                """, "entrypoint.sh", "#!/bin/sh\nexport POOL_SIZE=10\nexec \"$@\"\n",
                "fly.toml", "[env]\n  PHX_HOST = \"shop.fly.dev\"\n"));
        DeployPath path = model.paths().get(0);
        assertTrue(path.bootsRelease());
        assertEquals(Set.of("LANG", "POOL_SIZE", "PHX_HOST"), path.releaseEnvironment());
        assertTrue(model.showsDeployment());
        assertFalse(model.platformReplacesLaunch());
    }

    @Test
    void aPathThatRunsMixHasNoReleaseEnvironment() throws IOException {
        DeployModel model = model(Map.of("Dockerfile", "FROM elixir:1.16\nENV PHX_SERVER=true\nCMD mix phx.server\n"));
        assertTrue(model.paths().get(0).releaseEnvironment().isEmpty());
    }

    @Test
    void flyProcessesReplaceTheImagesLaunch() throws IOException {
        assertTrue(model(Map.of("fly.toml", "[processes]\n  app = \"/app/bin/server\"\n")).platformReplacesLaunch());
    }

    @Test
    void aScriptThatBuildsTheReleaseOnAHostOverSshAndCopiesItOnShowsADeployment() throws IOException {
        String script = """
                #!/bin/bash
                ssh -A deploy@build.example.com << EOF
                  cd /srv/shop
                  git pull --rebase
                  MIX_ENV=prod mix release && scp rel/shop/releases/0.1.0/shop.tar.gz deploy@web.example.com:~/shop/
                EOF
                """;
        assertTrue(model(Map.of("deploy.sh", script)).showsDeployment(), "the tarball built there is shipped");
        assertFalse(model(Map.of("deploy.sh", script.replace(" && scp rel/shop/releases/0.1.0/shop.tar.gz "
                + "deploy@web.example.com:~/shop/", ""))).showsDeployment(), "a release built and left where it is");
    }

    @Test
    void kubernetesObjectsThatRunNothingShowNoDeploymentOfTheApp() throws IOException {
        String service = "kind: Service\napiVersion: v1\nmetadata:\n  name: nginx-nodes\nspec:\n  clusterIP: None\n";
        assertFalse(model(Map.of("nginx_kube_test.yaml", service)).showsDeployment(), "a headless Service for a test");
        assertTrue(model(Map.of("k8s/app.yaml", service + "---\napiVersion: apps/v1\nkind: Deployment\n"
                + "metadata:\n  name: shop\n")).showsDeployment(), "a Deployment runs the app");
        Files.delete(root.resolve("k8s/app.yaml"));
        assertTrue(model(Map.of("k8s/knative.yaml", "apiVersion: serving.knative.dev/v1\nkind: Service\n"))
                .showsDeployment(), "Knative's Service runs its container");
    }

    @Test
    void aNixBuiltReleaseShowsADeploymentWhereAPushedImageCarriesIt() throws IOException {
        String release = "{ beamPackages, ... }:\nbeamPackages.mixRelease { pname = \"shop\"; version = \"1.0.0\"; src = ./.; }\n";
        String flake = "{ outputs = { self, nix2container, ... }: { container = nix2container.buildImage { name = \"shop\"; }; }; }\n";
        String workflow = "jobs:\n  image:\n    steps:\n      - run: nix run .#container.copyToDockerDaemon\n"
                + "      - run: docker push ghcr.io/me/shop:latest\n";
        assertFalse(model(Map.of("flake.nix", flake, ".github/workflows/container.yml", workflow)).showsDeployment(),
                "an image of something else than the release");
        Files.delete(root.resolve(".github/workflows/container.yml"));
        assertFalse(model(Map.of("default.nix", release)).showsDeployment(), "an image built on the developer's machine");
        assertTrue(model(Map.of(".github/workflows/container.yml", workflow)).showsDeployment());
    }

    @Test
    void aProjectWithoutDockerfileFlyTomlOrProcfileShowsNoDeployment() throws IOException {
        assertFalse(model(Map.of("rel/env.sh.eex", "export PHX_SERVER=true\n")).showsDeployment());
        // yorunoR/Ariake: a Dockerfile kept for development, with no start of its own, deploys nothing.
        String dev = "FROM elixir:1.14.4\nWORKDIR /api\nRUN mix archive.install hex phx_new 1.7.2\n";
        assertFalse(model(Map.of("containers/development/Dockerfile", dev)).showsDeployment());
        assertTrue(model(Map.of("Dockerfile", dev)).showsDeployment(), "the project's own Dockerfile is production's");
    }

    @Test
    void buildpacksSayWhetherTheAppRunsWithMixOrAsARelease() throws IOException {
        assertEquals(Buildpacks.Mode.MIX, model(Map.of(".buildpacks", """
                https://github.com/HashNuke/heroku-buildpack-elixir
                https://github.com/gigalixir/gigalixir-buildpack-mix.git
                """)).manifests().buildpacks().mode());
        Buildpacks releases = model(Map.of(".buildpacks", """
                # release mode
                https://github.com/HashNuke/heroku-buildpack-elixir
                https://github.com/gigalixir/gigalixir-buildpack-releases.git#v1.2
                https://github.com/jonathanong/heroku-buildpack-ffmpeg-latest.git
                """)).manifests().buildpacks();
        assertEquals(Buildpacks.Mode.RELEASE, releases.mode());
        assertEquals("gigalixir-buildpack-releases", releases.releaseBuildpack());
        String heroku = """
                https://github.com/HashNuke/heroku-buildpack-elixir
                https://github.com/gjaldon/heroku-buildpack-phoenix-static
                """;
        assertNull(model(Map.of(".buildpacks", heroku, "Procfile", "web: mix phx.server\n")).manifests().buildpacks()
                .mode(), "on Heroku the Procfile decides");
        Files.delete(root.resolve("Procfile"));
        assertEquals(Buildpacks.Mode.MIX, model(Map.of(".buildpacks", heroku)).manifests().buildpacks().mode(),
                "without one, the buildpacks' default web process runs `mix phx.server`");
        Files.delete(root.resolve(".buildpacks"));
        assertNull(model(Map.of()).manifests().buildpacks());
    }

    @Test
    void anImageOnlyHerokusContainerRuntimeRunsRunsUnprivileged() throws IOException {
        String heroku = "build:\n  docker:\n    web: Dockerfile\nrelease:\n  image: web\n";
        DeployModel model = model(Map.of("Dockerfile", "FROM elixir:1.15\n", "heroku.yml", heroku));
        assertTrue(model.manifests().heroku().builds(root.resolve("Dockerfile")));
        assertTrue(model.runsOnlyUnprivileged(model.productionImages().get(0)));

        DeployModel longForm = model(Map.of("Dockerfile.prod", "FROM elixir:1.15\n",
                "heroku.yml", "build:\n  docker:\n    web:\n      dockerfile: Dockerfile.prod\n      target: runner\n"));
        assertTrue(longForm.manifests().heroku().builds(root.resolve("Dockerfile.prod")));
        assertFalse(longForm.manifests().heroku().builds(root.resolve("runner")));
    }

    @Test
    void anImageOtherPlatformsMayRunIsNotKnownToRunUnprivileged() throws IOException {
        String heroku = "build:\n  docker:\n    web: Dockerfile\n";
        for (Map.Entry<String, String> other : Map.of("fly.toml", "app = \"shop\"\n",
                "k8s/deployment.yaml", "kind: Deployment\n",
                ".github/workflows/image.yml", "jobs:\n  push:\n    steps:\n      - run: docker push ghcr.io/shop/shop\n")
                .entrySet()) {
            DeployModel model = model(Map.of("Dockerfile", "FROM elixir:1.15\n", "heroku.yml", heroku,
                    other.getKey(), other.getValue()));
            assertFalse(model.runsOnlyUnprivileged(model.productionImages().get(0)), other.getKey());
            Files.delete(root.resolve(other.getKey()));
        }
        DeployModel other = model(Map.of("Dockerfile", "FROM elixir:1.15\n", "heroku.yml", heroku.replace("web: Dockerfile", "web: api/Dockerfile")));
        assertFalse(other.runsOnlyUnprivileged(other.productionImages().get(0)), "heroku.yml builds another image");
    }
}
