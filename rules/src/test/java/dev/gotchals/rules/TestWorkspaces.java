package dev.gotchals.rules;

import java.nio.file.Files;
import java.nio.file.Path;

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
}
