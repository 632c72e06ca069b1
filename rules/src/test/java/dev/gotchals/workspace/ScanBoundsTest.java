package dev.gotchals.workspace;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workspace reads only what is inside its folders and within bounds: symbolic links out of a workspace folder
 * are neither followed by the scan nor read, oversized files are skipped, and the scan stops at its file limit;
 * each refusal is logged once.
 */
class ScanBoundsTest {
    @TempDir
    Path temp;

    private Path ws;
    private Path outside;
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            warnings.add(record.getLevel() + " " + record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void setUp() throws IOException {
        Path real = temp.toRealPath();
        ws = real.resolve("ws");
        outside = real.resolve("outside");
        write(ws.resolve("mix.exs"), "defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop]\nend\n");
        write(ws.resolve("config/config.exs"), "import Config\nconfig :shop, key: 1\n");
        write(outside.resolve("config/stolen.exs"), "import Config\nconfig :outside, secret: \"do not read me\"\n");
        write(outside.resolve("lib/outside.ex"), "defmodule Outside do\nend\n");
        write(outside.resolve("app/mix.exs"), "defmodule Outside.MixProject do\n  use Mix.Project\n  def project, do: [app: :outside]\nend\n");
        write(outside.resolve("app/config/config.exs"), "import Config\n");
        write(outside.resolve("prod.exs"), "import Config\nconfig :outside, password: \"hunter2\"\n");
        for (String name : List.of(ProjectScanner.class.getName(), Workspace.class.getName())) {
            Logger.getLogger(name).addHandler(capture);
        }
    }

    @AfterEach
    void tearDown() {
        for (String name : List.of(ProjectScanner.class.getName(), Workspace.class.getName())) {
            Logger.getLogger(name).removeHandler(capture);
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private List<String> warningsAbout(String text) {
        return warnings.stream().filter(w -> w.contains(text)).toList();
    }

    @Test
    void theScanDoesNotFollowSymlinkedFoldersOutOfTheWorkspace() throws IOException {
        Files.createSymbolicLink(ws.resolve("config/linked"), outside.resolve("config"));
        Files.createSymbolicLink(ws.resolve("lib"), outside.resolve("lib"));
        Files.createSymbolicLink(ws.resolve("vendored_app"), outside.resolve("app"));
        // Control: the same tree reached without links is scanned, so the links are what keep it out.
        write(ws.resolve("config/inside/extra.exs"), "import Config\n");

        List<MixProject> projects = ProjectScanner.scan(ws);

        assertEquals(1, projects.size(), "the linked Mix project outside is not a project of the workspace: " + projects);
        MixProject project = projects.get(0);
        assertEquals(List.of(ws.resolve("config/config.exs"), ws.resolve("config/inside/extra.exs")),
                project.files(FileRole.CONFIG));
        assertEquals(List.of(), project.files(FileRole.ELIXIR_SOURCE));
        for (List<Path> files : project.files().values()) {
            for (Path file : files) {
                assertTrue(file.toRealPath().startsWith(ws), file + " is inside the workspace");
            }
        }
    }

    @Test
    void aSymlinkedFileInsideTheWorkspacePointingOutsideIsRefusedWithOneLogLine() throws IOException {
        Path link = ws.resolve("config/prod.exs");
        Files.createSymbolicLink(link, outside.resolve("prod.exs"));
        // Control: a link to a file inside the workspace is read.
        write(ws.resolve("shared/dev.exs"), "import Config\nconfig :shop, dev: true\n");
        Path insideLink = ws.resolve("config/dev.exs");
        Files.createSymbolicLink(insideLink, ws.resolve("shared/dev.exs"));
        Workspace workspace = new Workspace(List.of(ws));

        assertNull(workspace.snapshot(link), "a link out of the workspace is not read");
        assertNull(workspace.snapshot(link), "nor on the next analysis");
        assertEquals(1, warningsAbout(link.toString()).size(), "one log line: " + warnings);
        assertTrue(warningsAbout(link.toString()).get(0).contains("outside the workspace"), warnings.toString());

        assertNotNull(workspace.snapshot(insideLink));
        assertTrue(workspace.snapshot(insideLink).text().text().contains("dev: true"));
        assertEquals(List.of(), warningsAbout(insideLink.toString()));
    }

    @Test
    void aFileOverTheSizeLimitIsSkippedWithOneLogLine() throws IOException {
        Path big = ws.resolve("config/big.exs");
        byte[] content = new byte[(int) Workspace.MAX_FILE_BYTES + 1];
        java.util.Arrays.fill(content, (byte) '#');
        try (OutputStream out = Files.newOutputStream(big)) {
            out.write(content);
        }
        Path atLimit = ws.resolve("config/at_limit.exs");
        try (OutputStream out = Files.newOutputStream(atLimit)) {
            out.write(content, 0, (int) Workspace.MAX_FILE_BYTES);
        }
        Workspace workspace = new Workspace(List.of(ws));
        assertTrue(workspace.projects().get(0).files(FileRole.CONFIG).contains(big), "the scan lists it");

        assertNull(workspace.snapshot(big));
        assertNull(workspace.snapshot(big));
        assertNull(workspace.snapshot(big));
        List<String> logged = warningsAbout(big.toString());
        assertEquals(1, logged.size(), "one log line: " + warnings);
        assertTrue(logged.get(0).contains("over the limit of " + Workspace.MAX_FILE_BYTES), logged.get(0));

        assertNotNull(workspace.snapshot(atLimit), "a file of exactly the limit is read");
        assertEquals(List.of(), warningsAbout(atLimit.toString()));

        // Once the file changes on disk it is looked at again (and refused again, once).
        workspace.diskChanged(big, false);
        assertNull(workspace.snapshot(big));
        assertEquals(2, warningsAbout(big.toString()).size(), warnings.toString());
    }

    @Test
    void theScanStopsAtItsFileLimitSayingSo() throws IOException {
        for (int i = 0; i < 30; i++) {
            write(ws.resolve(String.format("config/c%02d.exs", i)), "import Config\n");
        }

        List<MixProject> all = ProjectScanner.scan(ws, 1_000);
        assertEquals(31, all.get(0).files(FileRole.CONFIG).size(), "config.exs and the 30 above");
        assertEquals(List.of(), warningsAbout("stopped scanning"), "under the limit, nothing is said");

        List<MixProject> limited = ProjectScanner.scan(ws, 10);
        int seen = limited.stream().mapToInt(p -> p.files().values().stream().mapToInt(List::size).sum()).sum();
        assertTrue(seen <= 10, "at most 10 files are taken, got " + seen);
        List<String> said = warningsAbout("stopped scanning");
        assertEquals(1, said.size(), warnings.toString());
        assertTrue(said.get(0).contains(ws.toString()) && said.get(0).contains("after 10 files"), said.get(0));
        assertTrue(said.get(0).startsWith("WARNING"), said.get(0));
        assertTrue(ProjectScanner.MAX_FILES >= 10_000, "the real limit leaves room for large monorepos");
    }

    @Test
    void isInsideResolvesDotDotAndSymlinks() throws IOException {
        Files.createSymbolicLink(ws.resolve("lib"), outside.resolve("lib"));
        Files.createSymbolicLink(ws.resolve("dangling"), outside.resolve("does/not/exist"));
        Workspace workspace = new Workspace(List.of(ws));

        assertTrue(workspace.isInside(ws.resolve("config/config.exs")));
        assertTrue(workspace.isInside(ws.resolve("lib_real/shop/release.ex")), "a file to create in new folders");
        assertTrue(workspace.isInside(ws.resolve("config/../rel/overlays/bin/migrate")));
        assertFalse(workspace.isInside(ws.resolve("../outside.ex")));
        assertFalse(workspace.isInside(ws.resolve("config/../../outside/prod.exs")));
        assertFalse(workspace.isInside(ws.resolve("lib/shop/release.ex")), "through a linked folder");
        assertFalse(workspace.isInside(ws.resolve("lib/outside.ex")), "an existing file through a linked folder");
        assertFalse(workspace.isInside(ws.resolve("dangling")), "a dangling link could create a file outside");
        assertFalse(workspace.isInside(ws.resolve("dangling/x.ex")));
        assertFalse(workspace.isInside(outside.resolve("prod.exs")));
    }

    @Test
    void aWorkspaceFolderOpenedThroughALinkIsScannedUnderTheLinksPath() throws IOException {
        // Editors open folders by the path the user typed: ~/code may be a link to another disk.
        Path alias = Files.createSymbolicLink(ws.resolveSibling("alias"), ws);
        Files.createSymbolicLink(ws.resolve("lib"), outside.resolve("lib"));

        List<MixProject> projects = ProjectScanner.scan(alias);

        assertEquals(1, projects.size(), projects.toString());
        assertEquals(alias, projects.get(0).root());
        assertEquals(List.of(alias.resolve("config/config.exs")), projects.get(0).files(FileRole.CONFIG));
        assertEquals(List.of(), projects.get(0).files(FileRole.ELIXIR_SOURCE), "links inside are still not followed");
        Workspace workspace = new Workspace(List.of(alias));
        assertNotNull(workspace.snapshot(alias.resolve("config/config.exs")));
        assertTrue(workspace.isInside(alias.resolve("config/new.exs")));
        assertFalse(workspace.isInside(alias.resolve("lib/x.ex")));
    }
}
