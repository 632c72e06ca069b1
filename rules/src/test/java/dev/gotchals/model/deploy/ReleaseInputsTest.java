package dev.gotchals.model.deploy;

import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReleaseInputsTest {
    private static final String RUNTIME = "config/runtime.exs";

    @TempDir
    Path root;
    /** The project's folder: the temporary folder, or one inside it named as the context writes it. */
    private Path project;

    private ReleaseInputs inputs(String dockerfile, DockerIgnore ignore) throws IOException {
        project = project == null ? root : project;
        Files.createDirectories(project);
        Files.writeString(project.resolve("mix.exs"), "defmodule Shop.MixProject do\n  use Mix.Project\n"
                + "  def project, do: [app: :shop, version: \"0.1.0\", deps: []]\nend\n");
        Files.writeString(project.resolve("Dockerfile"), dockerfile);
        Workspace workspace = new Workspace(List.of(project));
        DockerImage image = DeployModel.of(new ProjectContext(workspace.projects().get(0), workspace)).images().get(0);
        List<AssetPipeline> pipelines = AssetPipeline.of(image, List.of());
        assertEquals(1, pipelines.size());
        return ReleaseInputs.of(image, pipelines.get(0), ignore);
    }

    private ReleaseInputs inputs(String dockerfile) throws IOException {
        return inputs(dockerfile, DockerIgnore.NONE);
    }

    @Test
    void theGeneratedLayoutCopiesTheRuntimeConfigBeforeTheRelease() throws IOException {
        ReleaseInputs inputs = inputs("""
                FROM elixir:1.18 AS builder
                ENV MIX_ENV="prod"
                COPY config/config.exs config/${MIX_ENV}.exs config/
                RUN mix deps.compile
                COPY config/runtime.exs config/
                RUN mix release
                """);
        assertEquals("", inputs.configCopy(project).prefix());
        assertTrue(inputs.configCopy(project).copy().sources().contains("config/${MIX_ENV}.exs"));
        assertEquals(ReleaseInputs.Reach.COPIED, inputs.reach(RUNTIME));
    }

    @Test
    void aConfigCopyWithoutTheRuntimeConfigOrAfterTheReleaseMissesIt() throws IOException {
        project = root.resolve("app");
        ReleaseInputs inputs = inputs("""
                FROM elixir:1.18 AS builder
                COPY app/config/config.exs app/config/prod.exs app/config/
                RUN mix release
                COPY app/config/runtime.exs app/config/
                """);
        assertEquals("app/", inputs.configCopy(project).prefix());
        assertEquals(ReleaseInputs.Reach.MISSING, inputs.reach("app/" + RUNTIME));
    }

    @Test
    void wholeFoldersGlobsAndTheStagesBuiltFromCount() throws IOException {
        for (String copy : List.of("COPY . .", "COPY ./ /app/", "COPY config config", "COPY config/ ./config/",
                "COPY config/*.exs config/", "ADD [\"config\", \"config\"]")) {
            ReleaseInputs inputs = inputs("FROM elixir:1.18 AS base\n" + copy + "\n\nFROM base\nRUN mix release\n");
            assertEquals(ReleaseInputs.Reach.COPIED, inputs.reach(RUNTIME), copy);
            assertEquals("", inputs.configCopy(project).prefix(), copy);
        }
    }

    @Test
    void dockerignoreLeavesTheFileOut() throws IOException {
        ReleaseInputs inputs = inputs("FROM elixir:1.18\nCOPY . .\nRUN mix release\n",
                DockerIgnore.parse("config/runtime.exs\n"));
        assertEquals(ReleaseInputs.Reach.IGNORED, inputs.reach(RUNTIME));
    }

    @Test
    void copiesFromOtherStagesScriptsAndDownloadsMayBringIt() throws IOException {
        assertEquals(ReleaseInputs.Reach.UNKNOWN, inputs("""
                FROM elixir:1.18 AS source
                COPY . /src
                FROM elixir:1.18
                COPY config/config.exs config/
                COPY --from=source /src /app
                RUN mix release
                """).reach(RUNTIME));
        assertEquals(ReleaseInputs.Reach.MISSING, inputs("""
                FROM node:20 AS assets
                RUN npm run deploy
                FROM elixir:1.18
                COPY config/config.exs config/
                COPY --from=assets /app/priv/static priv/static
                RUN mix release
                """).reach(RUNTIME));
        assertEquals(ReleaseInputs.Reach.UNKNOWN, inputs("""
                FROM elixir:1.18
                COPY config/config.exs config/
                RUN ./scripts/fetch-config.sh
                RUN mix release
                """).reach(RUNTIME));
    }

    @Test
    void noConfigCopiedIsNoConfigCopy() throws IOException {
        ReleaseInputs inputs = inputs("FROM elixir:1.18\nCOPY mix.exs mix.lock ./\nCOPY lib lib\nRUN mix release\n");
        assertNull(inputs.configCopy(project));
        assertFalse(inputs.reach(RUNTIME) == ReleaseInputs.Reach.COPIED);
    }

    @Test
    void eachCopySeesTheVariablesWhereItIsWrittenAcrossTheChainAndThousandsOfSteps() throws IOException {
        StringBuilder dockerfile = new StringBuilder("FROM elixir:1.18 AS base\nENV CONF=settings\n");
        dockerfile.append("FROM base AS builder\n");
        for (int i = 0; i < 3_000; i++) {
            dockerfile.append("ENV DIR=bundle-").append(i).append("\nCOPY ${DIR} ${DIR}\n");
        }
        dockerfile.append("COPY ${CONF}/runtime.exs config/\nENV CONF=elsewhere\nRUN mix release\n");
        ReleaseInputs inputs = inputs(dockerfile.toString());
        assertEquals(ReleaseInputs.Reach.COPIED, inputs.reach("bundle-0/app.js"));
        assertEquals(ReleaseInputs.Reach.COPIED, inputs.reach("bundle-2999/app.js"));
        assertEquals(ReleaseInputs.Reach.MISSING, inputs.reach("bundle-3000/app.js"));
        assertEquals(ReleaseInputs.Reach.COPIED, inputs.reach("settings/runtime.exs"));
        assertEquals(ReleaseInputs.Reach.MISSING, inputs.reach("elsewhere/runtime.exs"));
    }
}
