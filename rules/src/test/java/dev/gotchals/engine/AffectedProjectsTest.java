package dev.gotchals.engine;

import dev.gotchals.rules.TestWorkspaces;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AffectedProjectsTest {
    @TempDir
    Path dir;

    @Test
    void aFileReachesItsOwnProjectAndAMixExsReachesEveryProject() throws IOException {
        Path root = TestWorkspaces.copy("path-dependency", dir.resolve("w"));
        Workspace workspace = new Workspace(List.of(root));
        assertEquals(3, workspace.projects().size(), "app, its path dependency shared_ui, and shared_ui's example");

        assertEquals(List.of(root.resolve("app")), roots(AffectedProjects.of(workspace,
                root.resolve("app/config/prod.exs"))));
        // Whether the example is deployed for itself depends on shared_ui's mix.exs.
        assertEquals(roots(workspace.projects()), roots(AffectedProjects.of(workspace,
                root.resolve("shared_ui/mix.exs"))));
        assertEquals(List.of(), AffectedProjects.of(workspace, dir.resolve("elsewhere/notes.txt")));
    }

    @Test
    void onlyAMixExsAmongTheChangesReachesEveryProject() {
        assertTrue(AffectedProjects.reachEveryProject(List.of(Path.of("/w/a/config/prod.exs"), Path.of("/w/b/mix.exs"))));
        assertFalse(AffectedProjects.reachEveryProject(List.of(Path.of("/w/a/config/prod.exs"), Path.of("/w/mix.exs.bak"))));
    }

    private static List<Path> roots(List<MixProject> projects) {
        return projects.stream().map(MixProject::root).toList();
    }
}
