package dev.gotchals.engine;

import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * The projects whose findings a changed file may change: the project the file belongs to and, when the file is a
 * {@code mix.exs}, every project of the workspace. The mix.exs files together decide which projects are deployed
 * for themselves and which are only another's path dependency or example (those are not analysed), so a mix.exs
 * written, created or deleted in one project can start or stop the analysis of another.
 */
public final class AffectedProjects {
    private AffectedProjects() {
    }

    /** The projects to analyse again after {@code file} changed, was created or deleted. */
    public static List<MixProject> of(Workspace workspace, Path file) {
        if (reachEveryProject(List.of(file))) {
            return workspace.projects();
        }
        return workspace.projectOf(file).map(List::of).orElse(List.of());
    }

    /** Whether a change of these files may change the findings of every project: one of them is a mix.exs. */
    public static boolean reachEveryProject(Collection<Path> files) {
        return files.stream().anyMatch(file -> file.getFileName() != null
                && file.getFileName().toString().equals("mix.exs"));
    }
}
