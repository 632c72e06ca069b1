package dev.gotchals.edit;

import dev.gotchals.model.deploy.DeployModel;
import dev.gotchals.model.deploy.DockerImage;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReleaseFilesTest {
    private static final String MIX_EXS = """
            defmodule Shop.MixProject do
              use Mix.Project
              def project, do: [app: :shop, version: "0.1.0", deps: []]
              def application, do: [mod: {Shop.Application, []}]
            end
            """;
    private static final String DOCKERFILE = """
            FROM hexpm/elixir:1.16.2-erlang-26.2.5-debian-bookworm-20240513-slim AS builder
            COPY lib lib
            RUN mix release
            FROM debian:bookworm-slim
            COPY --from=builder /app/_build/prod/rel/shop /app
            CMD ["/app/bin/server"]
            """;

    @TempDir
    Path root;

    private ProjectContext project(Map<String, String> files) throws IOException {
        Files.writeString(root.resolve("mix.exs"), MIX_EXS);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = root.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        Workspace workspace = new Workspace(List.of(root));
        return new ProjectContext(workspace.projects().get(0), workspace);
    }

    private static DockerImage releaseImage(ProjectContext project) {
        return DeployModel.of(project).images().get(0);
    }

    @Test
    void aProjectWithoutMigratorGetsTheModuleTheScriptAndCopyRel() throws IOException {
        ProjectContext project = project(Map.of("Dockerfile", DOCKERFILE));
        List<Fix.Change> changes = ReleaseFiles.migrateSetup(project, false, "shop", releaseImage(project));
        assertEquals(3, changes.size());
        Fix.CreateFile module = (Fix.CreateFile) changes.get(0);
        assertEquals(root.resolve("lib/shop/release.ex"), module.path());
        assertEquals(ReleaseFiles.releaseModule("Shop", "shop"), module.content());
        Fix.CreateFile script = (Fix.CreateFile) changes.get(1);
        assertTrue(script.content().contains("exec ./shop eval Shop.Release.migrate"));
        Fix.Edit copy = (Fix.Edit) changes.get(2);
        assertEquals("COPY rel rel\n", copy.newText());
        assertTrue(ReleaseFiles.createsMigrateScript(changes));
    }

    @Test
    void whatExistsIsReused() throws IOException {
        ProjectContext project = project(Map.of("Dockerfile", DOCKERFILE.replace("COPY lib lib", "COPY rel rel"),
                "rel/overlays/bin/migrate", ReleaseFiles.migrateScript("shop", "Shop")));
        List<Fix.Change> changes = ReleaseFiles.migrateSetup(project, true, "shop", releaseImage(project));
        assertEquals(List.of(), changes);
        assertFalse(ReleaseFiles.createsMigrateScript(changes));
    }

    @Test
    void noSetupWithoutAReleaseNameOrOverAReleaseModuleWithoutMigrator() throws IOException {
        ProjectContext project = project(Map.of("lib/shop/release.ex", "defmodule Shop.Release do\nend\n"));
        assertNull(ReleaseFiles.migrateSetup(project, false, "shop", null));
        assertNull(ReleaseFiles.migrateSetup(project, true, null, null));
    }
}
