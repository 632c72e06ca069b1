package dev.gotchals.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkspaceTest {
    @TempDir
    Path dir;

    @Test
    void aFileNotOnDiskYetBelongsToTheProjectThatWouldListIt() throws IOException {
        Files.writeString(dir.resolve("mix.exs"), "defmodule Shop.MixProject do\nend\n");
        Files.createDirectories(dir.resolve("apps/web"));
        Workspace workspace = new Workspace(List.of(dir));
        MixProject project = workspace.projects().get(0);

        assertEquals(Optional.of(project), workspace.projectOf(dir.resolve("rel/env.sh.eex")));
        assertEquals(Optional.of(project), workspace.projectOf(dir.resolve("config/staging.exs")));
        assertEquals(Optional.empty(), workspace.projectOf(dir.resolve("notes/todo.txt")), "a file of no kind");
        assertEquals(Optional.empty(), workspace.projectOf(dir.resolve("deps/x/rel/env.sh.eex")), "a skipped folder");
        assertTrue(workspace.roleOf(dir.resolve("rel/env.sh.eex")).isEmpty(), "no role until the scan lists it");
    }

    @Test
    void theNewKindsAreListedAndReadAsPlainText() throws IOException {
        Files.writeString(dir.resolve("mix.exs"), "defmodule Shop.MixProject do\nend\n");
        Files.createDirectories(dir.resolve("rel"));
        Files.writeString(dir.resolve("rel/env.sh.eex"), "export PHX_SERVER=true\n");
        Files.writeString(dir.resolve(".tool-versions"), "elixir 1.17.3-otp-27\n");
        Workspace workspace = new Workspace(List.of(dir));

        assertEquals(Optional.of(FileRole.RELEASE_ENV_SCRIPT), workspace.roleOf(dir.resolve("rel/env.sh.eex")));
        assertEquals(Optional.of(FileRole.TOOL_VERSIONS), workspace.roleOf(dir.resolve(".tool-versions")));
        assertEquals(null, workspace.snapshot(dir.resolve("rel/env.sh.eex")).tree());
    }
}
