package dev.gotchals.engine;

import dev.gotchals.rules.TestWorkspaces;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    @Test
    void aProjectThatComesBackIsAnalysedWhollyAndAnotherProjectOnlyForWhatChangedInIt() throws IOException {
        Path root = TestWorkspaces.copy("path-dependency", dir.resolve("w"));
        Workspace workspace = new Workspace(List.of(root));
        Path appMix = root.resolve("app/mix.exs");
        String mixText = Files.readString(appMix);
        Files.delete(appMix);
        List<MixProject> before = workspace.projects();
        workspace.diskChanged(appMix, true);
        List<MixProject> withoutApp = workspace.projects();
        assertEquals(2, withoutApp.size());
        AffectedProjects.afterDiskChanges(before, withoutApp, List.of(appMix)).values()
                .forEach(changes -> assertEquals(new Changes(Set.of(), false, false), changes,
                        "a mix.exs went: the others are analysed again, though nothing in them changed"));

        // Edits made while app was no project reached no analysis: when it comes back, all of it is new.
        Files.writeString(appMix, mixText);
        workspace.diskChanged(appMix, true);
        Map<MixProject, Changes> back = AffectedProjects.afterDiskChanges(withoutApp, workspace.projects(),
                List.of(appMix));
        assertEquals(3, back.size());
        back.forEach((project, changes) -> assertEquals(project.root().endsWith("app"), changes.everything(),
                project.root().toString()));
    }

    private static List<Path> roots(List<MixProject> projects) {
        return projects.stream().map(MixProject::root).toList();
    }
}
