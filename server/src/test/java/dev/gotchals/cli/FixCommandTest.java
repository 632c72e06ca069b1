package dev.gotchals.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code check --fix} and {@code --diff} on a copy of naive-all-gotchas. The files --fix must leave are golden
 * files under server/src/test/resources/golden/fix/naive-all-gotchas/ (every file it changes or creates, nothing
 * else); regenerate with {@code -Dgotcha.updateGolden=true} and review them.
 */
class FixCommandTest {
    private static final String SAMPLE = "naive-all-gotchas";

    @TempDir
    Path temp;

    @Test
    void fixAppliesEverySafeFixAndLeavesTheExpectedFiles() throws Exception {
        Path project = TestCopies.copy(SAMPLE, temp);
        Files.setPosixFilePermissions(project.resolve("config/prod.exs"), PosixFilePermissions.fromString("rw-rw----"));
        Map<String, String> before = contents(project);

        CliRun fix = CliRun.in(project, "check", "--fix");
        assertTrue(fix.err().contains("fixed config/prod.exs: Change :debug to :info"), fix.err());
        assertTrue(fix.err().contains("fixed fly.toml: Replace `mix ecto.migrate` with `/app/bin/migrate`"), fix.err());
        assertEquals(1, fix.exit(), "an error without a safe fix remains (GT005): " + fix.out());
        assertEquals(List.of("GT004", "GT005", "GT006", "GT017"), fix.out().lines().filter(line -> !line.startsWith(" "))
                .map(line -> line.substring(line.indexOf('[') + 1, line.indexOf(']'))).sorted().toList(), fix.out());

        Map<String, String> after = contents(project);
        Map<String, String> changed = new TreeMap<>();
        after.forEach((file, text) -> {
            if (!text.equals(before.get(file))) {
                changed.put(file, text);
            }
        });
        assertTrue(after.keySet().containsAll(before.keySet()), "no file is deleted");
        Path golden = RepoRoot.get().resolve("server/src/test/resources/golden/fix").resolve(SAMPLE);
        if (Boolean.getBoolean("gotcha.updateGolden")) {
            for (Map.Entry<String, String> file : changed.entrySet()) {
                Files.createDirectories(golden.resolve(file.getKey()).getParent());
                Files.writeString(golden.resolve(file.getKey()), file.getValue());
            }
        }
        assertEquals(contents(golden), changed, "the files --fix changed or created");

        // Permissions are kept; the created script is executable; no temporary file is left behind.
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(project.resolve("config/prod.exs"))));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(project.resolve("rel/overlays/bin/migrate"))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(project.resolve("lib/market/release.ex"))));

        // Every Elixir file it wrote is valid Elixir.
        List<Path> elixir = changed.keySet().stream().filter(f -> f.endsWith(".ex") || f.endsWith(".exs"))
                .map(project::resolve).toList();
        assertFalse(elixir.isEmpty());
        checkWithElixir(elixir);

        // A second run has nothing left to fix and writes nothing.
        Map<String, String> stamped = TestCopies.snapshot(project);
        CliRun again = CliRun.in(project, "check", "--fix");
        assertTrue(again.err().contains("nothing to fix"), again.err());
        assertFalse(again.err().contains("fixed "), again.err());
        assertEquals(fix.out(), again.out());
        assertEquals(stamped, TestCopies.snapshot(project));
    }

    @Test
    void diffPrintsWhatFixWouldChangeAndWritesNothing() throws Exception {
        Path project = TestCopies.copy(SAMPLE, temp);
        Map<String, String> stamped = TestCopies.snapshot(project);
        CliRun diff = CliRun.in(project, "check", "--diff");
        assertEquals(stamped, TestCopies.snapshot(project), "--diff writes nothing");
        assertEquals(1, diff.exit(), "the exit code is that of the findings as they are");
        assertTrue(diff.err().contains("would fix config/prod.exs: Change :debug to :info"), diff.err());
        assertTrue(diff.out().contains("--- a/config/prod.exs\n+++ b/config/prod.exs\n"), diff.out());
        assertTrue(diff.out().contains("-config :logger, level: :debug\n+config :logger, level: :info\n"), diff.out());
        assertTrue(diff.out().contains("--- /dev/null\n+++ b/lib/market/release.ex\n"), diff.out());

        // The diff is exactly what --fix then does: applying it with patch(1) gives --fix's files.
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/patch")), "patch is not installed");
        Path patched = temp.resolve("patched");
        Files.createDirectories(patched);
        Path viaPatch = TestCopies.copy(SAMPLE, patched);
        Process patch = new ProcessBuilder("/usr/bin/patch", "-p1", "-s").directory(viaPatch.toFile())
                .redirectErrorStream(true).start();
        patch.getOutputStream().write(diff.out().getBytes(StandardCharsets.UTF_8));
        patch.getOutputStream().close();
        String patchOutput = new String(patch.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(patch.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, patch.exitValue(), patchOutput);
        CliRun.in(project, "check", "--fix");
        assertEquals(contents(project), contents(viaPatch));
    }

    @Test
    void fixLeavesWhatHintsWouldChangeUnlessHintsAreAskedFor() throws IOException {
        Path project = TestCopies.copy("suppressed", temp.resolve("hints"));
        String prod = Files.readString(project.resolve("config/prod.exs"));
        assertTrue(prod.contains("# gotcha:disable-next-line prod-debug-logging"), prod);

        CliRun plain = CliRun.in(project, "check", "--fix", "--fail-on", "never");
        assertEquals(prod, Files.readString(project.resolve("config/prod.exs")), plain.err());
        CliRun hints = CliRun.in(project, "check", "--fix", "--hints", "--fail-on", "never");
        assertFalse(Files.readString(project.resolve("config/prod.exs")).contains("prod-debug-logging"), hints.err());
        assertTrue(hints.err().contains("fixed config/prod.exs"), hints.err());
    }

    @Test
    void writesAreAtomicKeepPermissionsAndNeverOverwriteAFileToCreate() throws IOException {
        Path file = temp.resolve("config.exs");
        Files.writeString(file, "old\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        FileWrites.replace(file, "new\n");
        assertEquals("new\n", Files.readString(file));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        assertThrows(FileAlreadyExistsException.class, () -> FileWrites.create(file, "other\n"));
        assertEquals("new\n", Files.readString(file));
        FileWrites.create(temp.resolve("rel/overlays/bin/migrate"), "#!/bin/sh\n");
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("rel/overlays/bin/migrate"))));
        try (Stream<Path> left = Files.walk(temp)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(), "no temporary file is left");
        }
    }

    private static Map<String, String> contents(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(path).toString().replace('\\', '/'), Files.readString(path));
            }
        }
        return files;
    }

    /** Elixir's own parser on each file, as QuickFixValidityTest does; skipped without elixir unless CI requires it. */
    private static void checkWithElixir(List<Path> files) throws Exception {
        boolean required = "1".equals(System.getenv("GOTCHA_REQUIRE_ELIXIR"));
        boolean available = Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "elixir")));
        if (!available) {
            assertFalse(required, "GOTCHA_REQUIRE_ELIXIR=1 but elixir is not on PATH");
            assumeTrue(false, "elixir is not installed");
        }
        List<String> command = new ArrayList<>(List.of("elixir", "-e",
                "Enum.each(System.argv(), fn f -> Code.string_to_quoted!(File.read!(f), file: f) end)"));
        files.forEach(file -> command.add(file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean done = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(done, "elixir did not finish");
        assertEquals(0, process.exitValue(), "Elixir's parser rejects a fixed file:\n" + output);
    }
}
