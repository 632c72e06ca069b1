package dev.gotchals.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Copies of sample workspaces to change, and snapshots of folders to compare. */
public final class TestCopies {
    private TestCopies() {
    }

    /** Copies test-workspaces/NAME (without its expected-diagnostics.txt) into {@code parent}. */
    public static Path copy(String name, Path parent) throws IOException {
        Path from = CliRun.workspaces().resolve(name);
        Path to = parent.resolve(name);
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!source.getFileName().toString().equals(GoldenWorkspacesTest.EXPECTED)) {
                    Files.copy(source, target);
                }
            }
        }
        return to;
    }

    /** Every file under {@code folder}: relative path → content, size and modification time, sorted. */
    static Map<String, String> snapshot(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(path).toString().replace('\\', '/'), Files.readString(path) + "\n@"
                        + Files.getLastModifiedTime(path).toMillis() + " " + Files.getPosixFilePermissions(path));
            }
        }
        return files;
    }
}
