package dev.gotchals.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Finds test-workspaces/ at the repository root (surefire passes the root; IDEs run inside the tree). */
public final class TestWorkspaces {
    private TestWorkspaces() {
    }

    public static Path root() {
        String configured = System.getProperty("gotcha.repoRoot");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("test-workspaces"))) {
                return dir.resolve("test-workspaces");
            }
        }
        throw new IllegalStateException("no test-workspaces/ above " + start);
    }

    /** Copies the sample workspace {@code name} to {@code target}, which tests may then change. */
    public static Path copy(String name, Path target) throws IOException {
        Path from = root().resolve(name);
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path copied = target.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copied);
                } else {
                    Files.copy(source, copied);
                }
            }
        }
        return target;
    }
}
