package dev.gotchals.workspace;

import dev.gotchals.document.OpenDocument;
import dev.gotchals.document.TextChange;
import dev.gotchals.text.TextPosition;
import dev.gotchals.text.PositionEncoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkspaceTest {
    private static final String DOCKERFILE_TEXT = "FROM elixir:1.17 AS build\nRUN mix release\n";

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

    @Test
    void openingAFileAsItIsOnDiskReusesItsParseAndAnEditReparsesFromIt() throws Exception {
        Path dockerfile = dir.resolve("Dockerfile");
        Path other = dir.resolve("Dockerfile.prod");
        Workspace workspace = twoDockerfilesOnDisk(dockerfile, other);
        var onDisk = workspace.snapshot(dockerfile);
        var otherOnDisk = workspace.snapshot(other);
        assertFalse(onDisk.treeParsed(), "a file on disk is parsed when a model first asks for its tree");
        onDisk.tree();
        otherOnDisk.tree();

        OpenDocument opened = workspace.open(dockerfile, 1, DOCKERFILE_TEXT, PositionEncoding.UTF16);
        OpenDocument changedSinceSaved = workspace.open(other, 1, DOCKERFILE_TEXT + "USER nobody\n", PositionEncoding.UTF16);

        assertSame(onDisk.tree(), opened.snapshot().tree(), "the same text is not parsed again");
        assertEquals(1, opened.snapshot().version());
        assertNotSame(otherOnDisk.tree(), changedSinceSaved.snapshot().tree());
        assertEquals(3, instructions(changedSinceSaved));
        opened.apply(2, List.of(TextChange.replace(new TextPosition(1, 0), new TextPosition(1, 0), "USER nobody\n")));
        assertEquals(3, instructions(opened));
        assertEquals(opened.snapshot().tree().copyWithoutReuse(), opened.snapshot().tree().root());
    }

    @Test
    void aFileOpenedBeforeItsDiskCopyIsParsedTakesThatParse() throws Exception {
        Path dockerfile = dir.resolve("Dockerfile");
        Path other = dir.resolve("Dockerfile.prod");
        Workspace workspace = twoDockerfilesOnDisk(dockerfile, other);
        // The first analysis reads both files from disk; the editor opens them meanwhile, one with unsaved text.
        var onDisk = workspace.snapshot(dockerfile);
        var otherOnDisk = workspace.snapshot(other);
        OpenDocument opened = workspace.open(dockerfile, 1, DOCKERFILE_TEXT, PositionEncoding.UTF16);
        OpenDocument changedSinceSaved = workspace.open(other, 1, DOCKERFILE_TEXT + "USER nobody\n", PositionEncoding.UTF16);
        onDisk.tree();
        otherOnDisk.tree();

        assertSame(onDisk.tree(), workspace.snapshot(opened).tree(), "the same text is not parsed again");
        assertEquals(1, workspace.snapshot(opened).version());
        assertNotSame(otherOnDisk.tree(), workspace.snapshot(changedSinceSaved).tree());
        assertEquals(3, instructions(changedSinceSaved));
    }

    /** The same text, {@link #DOCKERFILE_TEXT}, in both Dockerfiles of a project on disk. */
    private Workspace twoDockerfilesOnDisk(Path dockerfile, Path other) throws Exception {
        Files.writeString(dir.resolve("mix.exs"), "defmodule Shop.MixProject do\nend\n");
        Files.writeString(dockerfile, DOCKERFILE_TEXT);
        Files.writeString(other, DOCKERFILE_TEXT);
        return new Workspace(List.of(dir));
    }

    private static long instructions(OpenDocument document) {
        return document.snapshot().tree().statements().stream().filter(statement -> statement.isNamed()).count();
    }

    @Test
    void preloadReadsTheFilesNotReadYetAsSnapshotWould() throws IOException {
        Files.writeString(dir.resolve("mix.exs"), "defmodule Shop.MixProject do\nend\n");
        Files.createDirectories(dir.resolve("lib/shop"));
        List<Path> sources = IntStream.range(0, 40).mapToObj(i -> dir.resolve("lib/shop/m" + i + ".ex")).toList();
        for (Path source : sources) {
            Files.writeString(source, "defmodule Shop.M do\n  def run, do: :ok\nend\n");
        }
        Workspace workspace = new Workspace(List.of(dir));
        Path first = sources.get(0);
        var readBefore = workspace.snapshot(first);
        workspace.open(sources.get(1), 7, "defmodule Shop.Open do\nend\n", PositionEncoding.UTF16);
        Path missing = dir.resolve("lib/shop/gone.ex");

        List<Path> asked = new ArrayList<>(sources);
        asked.add(missing);
        workspace.preload(asked);

        assertSame(readBefore, workspace.snapshot(first), "a file read before is not read again");
        assertEquals(7, workspace.snapshot(sources.get(1)).version(), "an open buffer wins");
        assertNull(workspace.snapshot(missing));
        for (Path source : sources.subList(2, sources.size())) {
            var snapshot = workspace.snapshot(source);
            assertSame(snapshot, workspace.snapshot(source), "kept once read");
            assertTrue(snapshot.tree().statements().get(0).is("call"), "parsed as Elixir");
        }
    }

    @Test
    void filesThatAppearedAreListedAtTheNextQuestionAfterTheBurst() throws IOException {
        Files.writeString(dir.resolve("mix.exs"), "defmodule Shop.MixProject do\nend\n");
        Workspace workspace = new Workspace(List.of(dir));
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/prod.exs"), "import Config\n");
        Files.writeString(dir.resolve("Dockerfile"), "FROM elixir\n");
        workspace.diskChanged(dir.resolve("config/prod.exs"), true);
        workspace.diskChanged(dir.resolve("Dockerfile"), true);

        MixProject project = workspace.projects().get(0);
        assertEquals(List.of(dir.resolve("config/prod.exs")), project.files(FileRole.CONFIG));
        assertEquals(Optional.of(FileRole.DOCKERFILE), workspace.roleOf(dir.resolve("Dockerfile")));

        Files.delete(dir.resolve("Dockerfile"));
        workspace.diskChanged(dir.resolve("Dockerfile"), true);
        assertEquals(Optional.empty(), workspace.roleOf(dir.resolve("Dockerfile")));
        assertTrue(workspace.projects().get(0).files(FileRole.DOCKERFILE).isEmpty());
    }
}
