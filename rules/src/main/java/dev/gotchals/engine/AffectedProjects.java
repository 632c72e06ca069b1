package dev.gotchals.engine;

import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * What files changed on disk mean for each project, given the projects before and after the workspace took the
     * changes in: a project's changed files, and whether its listing changed; everything for a project that was not
     * there before (what changed while it was gone was never told), and for every project when a mix.exs changed.
     */
    public static Map<MixProject, Changes> afterDiskChanges(List<MixProject> before, List<MixProject> after,
                                                            Collection<Path> changed) {
        Set<Path> rootsBefore = new HashSet<>();
        before.forEach(project -> rootsBefore.add(project.root()));
        boolean everyProject = reachEveryProject(changed);
        Map<MixProject, Changes> result = new LinkedHashMap<>();
        for (MixProject project : after) {
            Set<Path> inProject = new HashSet<>();
            changed.stream().filter(path -> path.startsWith(project.root())).forEach(inProject::add);
            boolean listingChanged = !before.contains(project);
            if (!rootsBefore.contains(project.root())) {
                result.put(project, Changes.EVERYTHING);
            } else if (!inProject.isEmpty() || listingChanged || everyProject) {
                result.put(project, new Changes(inProject, listingChanged, false));
            }
        }
        return result;
    }

    /** Whether a change of these files may change the findings of every project: one of them is a mix.exs. */
    public static boolean reachEveryProject(Collection<Path> files) {
        return files.stream().anyMatch(file -> file.getFileName() != null
                && file.getFileName().toString().equals("mix.exs"));
    }
}
