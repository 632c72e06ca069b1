package dev.gotchals.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, where test-workspaces/ lives; surefire passes it, IDEs run from inside the tree. */
public final class RepoRoot {
    private RepoRoot() {
    }

    public static Path get() {
        String configured = System.getProperty("gotcha.repoRoot");
        if (configured != null && Files.isDirectory(Path.of(configured, "test-workspaces"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("test-workspaces"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (no test-workspaces/ above " + Path.of("").toAbsolutePath() + ")");
    }
}
