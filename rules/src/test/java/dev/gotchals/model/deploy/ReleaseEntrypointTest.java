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
import static org.junit.jupiter.api.Assertions.assertNull;

class ReleaseEntrypointTest {
    private static final String RUNNER = """
            FROM elixir:1.16 AS builder
            WORKDIR /app
            COPY . .
            RUN mix release
            FROM debian:bookworm-slim
            WORKDIR /app
            COPY --from=builder /app/_build/prod/rel/shop ./
            """;

    @TempDir
    Path root;

    private String entrypoint(String start) throws IOException {
        Files.writeString(root.resolve("mix.exs"), "defmodule Shop.MixProject do\n  use Mix.Project\n"
                + "  def project, do: [app: :shop, version: \"0.1.0\", releases: [store: []]]\nend\n");
        Files.writeString(root.resolve("Dockerfile"), RUNNER + start);
        Workspace workspace = new Workspace(List.of(root));
        ProjectContext project = new ProjectContext(workspace.projects().get(0), workspace);
        DeployModel model = DeployModel.of(project);
        DockerImage image = model.images().get(0);
        LaunchCommand command = ReleaseEntrypoint.of(project, image, model.launch(image));
        return command == null ? null : command.command().word(0) + " " + command.command().word(1);
    }

    @Test
    void theReleaseScriptOfAnAppOrANamedReleaseWithoutSubcommand() throws IOException {
        assertEquals("/app/bin/shop ", entrypoint("ENTRYPOINT [\"/app/bin/shop\"]\n"));
        assertEquals("bin/store ", entrypoint("ENTRYPOINT [\"bin/store\"]\n"));
    }

    @Test
    void aStartSubcommandFromCmdOrWrittenInTheEntrypoint() throws IOException {
        assertEquals("/app/bin/shop foreground", entrypoint("ENTRYPOINT [\"/app/bin/shop\"]\nCMD [\"foreground\"]\n"));
        assertEquals("/app/bin/shop start", entrypoint("ENTRYPOINT /app/bin/shop start\n"));
    }

    @Test
    void aLinkTheImageMakesToTheReleaseScript() throws IOException {
        assertEquals("/app/entrypoint start",
                entrypoint("RUN ln -sf /app/bin/shop /app/entrypoint\nENTRYPOINT /app/entrypoint start\n"));
        assertNull(entrypoint("RUN ln -s /usr/bin/tini /app/entrypoint\nENTRYPOINT /app/entrypoint start\n"));
    }

    @Test
    void aTaskThatRunsAndStopsOrAnotherProgramIsNoReleaseEntrypoint() throws IOException {
        assertNull(entrypoint("ENTRYPOINT [\"/app/bin/shop\", \"eval\", \"Shop.Release.migrate\"]\n"));
        assertNull(entrypoint("ENTRYPOINT [\"/app/bin/shop\"]\nCMD [\"remote\"]\n"));
        assertNull(entrypoint("ENTRYPOINT [\"/usr/local/bin/docker-entrypoint.sh\"]\n"));
        assertNull(entrypoint("CMD [\"/app/bin/shop\", \"start\"]\n"), "a start in CMD alone is the launch's own");
    }
}
