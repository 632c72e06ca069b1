package dev.gotchals.model.deploy;

import dev.gotchals.docker.Stage;
import dev.gotchals.mix.MixExs;
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
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssetPipelineTest {
    private static final String MIX_EXS = """
            defmodule Shop.MixProject do
              use Mix.Project
              def project, do: [app: :shop, version: "0.1.0", aliases: aliases(), deps: []]
              defp aliases do
                ["assets.deploy": ["tailwind default --minify", "esbuild default --minify", "phx.digest"],
                 "build.release": ["compile", "assets.deploy", "release"],
                 "release.late": ["release", "phx.digest"]]
              end
            end
            """;

    @TempDir
    Path root;

    private DockerImage image(String dockerfile) throws IOException {
        Files.writeString(root.resolve("mix.exs"), MIX_EXS);
        Files.writeString(root.resolve("Dockerfile"), dockerfile);
        Workspace workspace = new Workspace(List.of(root));
        return DeployModel.of(new ProjectContext(workspace.projects().get(0), workspace)).images().get(0);
    }

    private static List<MixExs> mixfiles() {
        return List.of(MixExs.parse(Path.of("mix.exs"), MIX_EXS));
    }

    private AssetPipeline only(String dockerfile) throws IOException {
        List<AssetPipeline> pipelines = AssetPipeline.of(image(dockerfile), mixfiles());
        assertEquals(1, pipelines.size());
        return pipelines.get(0);
    }

    @Test
    void stepsRunInChainOrderWithTheProjectsAliasesExpanded() throws IOException {
        AssetPipeline pipeline = only("""
                FROM elixir:1.18 AS base
                COPY . .
                RUN mix deps.get && mix assets.deploy

                FROM base AS builder
                RUN mix do compile, release
                RUN echo done
                """);
        assertEquals("builder", pipeline.stage().alias());
        assertEquals(List.of("compile", "release"), pipeline.release().tasks());
        assertEquals(List.of(List.of(), List.of("deps.get"), List.of("tailwind", "esbuild", "phx.digest")),
                pipeline.beforeRelease().stream().map(BuildStep::tasks).toList());
        assertTrue(pipeline.beforeRelease().get(0).copy().bringsAnyOf("assets"));
        assertEquals("echo done", pipeline.afterRelease().get(0).command().text());
        assertTrue(pipeline.digestsBeforeRelease());
    }

    @Test
    void onlyStagesThatReleaseThemselvesArePipelines() throws IOException {
        DockerImage image = image("""
                FROM elixir:1.18 AS deps
                RUN mix deps.get
                FROM deps AS builder
                RUN mix do compile + release
                FROM debian:bookworm-slim
                COPY --from=builder /app/_build/prod/rel/shop ./
                """);
        List<AssetPipeline> pipelines = AssetPipeline.of(image, mixfiles());
        assertEquals(List.of("builder"), pipelines.stream().map(AssetPipeline::stage).map(Stage::alias).toList());
        assertFalse(pipelines.get(0).digestsBeforeRelease());
        assertFalse(pipelines.get(0).copiesFromContext("assets"));
    }

    @Test
    void theRulesThatAskForAnImagesPipelinesWithTheSameMixFilesShareOneFinding() throws IOException {
        DockerImage image = image("FROM elixir:1.18\nCOPY assets assets\nRUN mix assets.deploy && mix release\n");
        List<MixExs> mixfiles = mixfiles();
        List<AssetPipeline> first = AssetPipeline.of(image, mixfiles);
        assertSame(first, AssetPipeline.of(image, mixfiles));
        List<MixExs> others = mixfiles();
        assertFalse(first == AssetPipeline.of(image, others), "found again for other mix.exs files");
        assertEquals(1, AssetPipeline.of(image, others).size());
    }

    @Test
    void anAliasThatRunsTheReleaseIsTheReleaseAndItsEarlierTasksCount() throws IOException {
        AssetPipeline pipeline = only("FROM elixir:1.18\nCOPY assets assets\nRUN MIX_ENV=prod mix build.release\n");
        assertEquals(List.of("compile", "tailwind", "esbuild", "phx.digest", "release"), pipeline.release().tasks());
        assertTrue(pipeline.digestsBeforeRelease());
        assertNull(pipeline.digestAfterRelease());
    }

    @Test
    void digestAfterTheReleaseIsFoundInTheSameAliasOrALaterRun() throws IOException {
        AssetPipeline alias = only("FROM elixir:1.18\nRUN mix release.late\n");
        assertSame(alias.release(), alias.digestAfterRelease());

        AssetPipeline later = only("FROM elixir:1.18\nRUN mix release\nRUN mix compile && mix phx.digest\n");
        assertFalse(later.digestsBeforeRelease());
        assertEquals("mix phx.digest", later.digestAfterRelease().command().text());

        AssetPipeline copied = only("FROM elixir:1.18\nRUN mix release\nRUN mix phx.digest\n"
                + "RUN cp -r priv/static _build/prod/rel/shop/lib/shop-0.1.0/priv/\n");
        assertFalse(copied.digestsBeforeRelease());
        assertTrue(copied.shipsDigestedAssets());
        assertFalse(later.shipsDigestedAssets());
    }

    @Test
    void scriptsTheModelCannotReadMayBuildTheAssets() throws IOException {
        for (String step : List.of("RUN ./bin/build-assets\n", "RUN bash scripts/assets\n", "RUN make assets\n",
                "RUN bash scripts/assets.sh\n")) {
            assertTrue(only("FROM elixir:1.18\n" + step + "RUN mix release\n").digestsBeforeRelease(), step);
        }
        assertFalse(only("FROM elixir:1.18\nRUN curl -fsSL https://example.com/x | bash -\nRUN mix release\n")
                .digestsBeforeRelease());
    }

    @Test
    void copiesFromAStageThatDigestsOrPrivStaticFromAnOutsideImageBringTheAssets() throws IOException {
        String assets = "FROM elixir:1.18 AS assets\nRUN mix assets.deploy\n";
        assertTrue(only(assets + "FROM elixir:1.18\nCOPY --from=assets /app/priv priv\nRUN mix release\n")
                .digestsBeforeRelease());
        assertTrue(only(assets + "FROM elixir:1.18\nCOPY --from=0 /app/priv priv\nRUN mix release\n")
                .digestsBeforeRelease());
        assertTrue(only("FROM elixir:1.18\nCOPY --from=acme/static:2 /out priv/static\nRUN mix release\n")
                .digestsBeforeRelease());
        assertFalse(only("FROM elixir:1.18\nCOPY --from=acme/tools:2 /bin/tool /bin/\nRUN mix release\n")
                .digestsBeforeRelease());
    }

    @Test
    void anyBuilderBuildsTheAssetsButOnlyADigestingTaskDigestsThem() throws IOException {
        for (String step : List.of("RUN npm run deploy --prefix assets\n", "RUN yarn --cwd assets build\n",
                "RUN pnpm run build\n", "RUN npx vite build\n", "RUN mix tailwind default --minify\n",
                "RUN mix esbuild default\n", "RUN mix assets.build\n", "RUN mix bun default\n")) {
            AssetPipeline pipeline = only("FROM elixir:1.18\n" + step + "RUN mix release\n");
            assertTrue(pipeline.buildsBeforeRelease(), step);
            assertFalse(pipeline.digestsBeforeRelease(), step);
        }
        for (String step : List.of("RUN npm ci --prefix assets\n", "RUN yarn install\n", "RUN npm install -g npm\n")) {
            assertFalse(only("FROM elixir:1.18\n" + step + "RUN mix release\n").buildsBeforeRelease(), step);
        }
        AssetPipeline late = only("FROM elixir:1.18\nRUN mix release\nRUN yarn build\n");
        assertEquals("yarn build", late.buildAfterRelease().command().text());
        assertFalse(late.shipsBuiltAssets());
        assertTrue(only("FROM elixir:1.18\nRUN mix do assets.deploy, release\n").shipsBuiltAssets());
    }
}
