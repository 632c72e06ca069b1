package dev.gotchals.engine;

import dev.gotchals.rule.Dependencies;
import dev.gotchals.workspace.FileRole;
import dev.gotchals.workspace.MixProject;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed in a project since its last analysis: which files (edited, created or deleted, on disk or in the
 * editor), and whether the project's file listing changed (a file of some role appeared or vanished). The engine
 * reruns the rules whose recorded {@link Dependencies} they touch.
 *
 * @param files          absolute, normalized paths
 * @param listingChanged whether a file was added to or removed from the project's files
 * @param everything     whether every rule must run again (a first analysis, new settings, a new project layout)
 */
public record Changes(Set<Path> files, boolean listingChanged, boolean everything) {
    public static final Changes EVERYTHING = new Changes(Set.of(), true, true);
    public static final Changes NOTHING = new Changes(Set.of(), false, false);

    public Changes {
        files = Set.copyOf(files);
    }

    /** Files whose content changed; the project's listing did not. */
    public static Changes edited(Collection<Path> paths) {
        return new Changes(normalized(paths), false, false);
    }

    /** Files created or deleted: their content and the project's listing changed. */
    public static Changes createdOrDeleted(Collection<Path> paths) {
        return new Changes(normalized(paths), true, false);
    }

    /** Both changes, as one: what a burst of edits adds up to before the next analysis. */
    public Changes and(Changes other) {
        if (everything || other.everything) {
            return EVERYTHING;
        }
        Set<Path> both = new HashSet<>(files);
        both.addAll(other.files);
        return new Changes(both, listingChanged || other.listingChanged, false);
    }

    /** These changes but for {@code unchanged}, files found to be as they were after all; the listing's change stays. */
    public Changes without(Set<Path> unchanged) {
        if (everything || unchanged.isEmpty()) {
            return this;
        }
        Set<Path> rest = new HashSet<>(files);
        rest.removeAll(unchanged);
        return new Changes(rest, listingChanged, false);
    }

    /** Whether what a rule read, in {@code project} as it is now, is touched by these changes. */
    public boolean affect(Dependencies read, MixProject project) {
        if (everything) {
            return true;
        }
        for (Path file : files) {
            if (read.files().contains(file)) {
                return true;
            }
        }
        if (listingChanged) {
            for (Map.Entry<FileRole, List<Path>> listed : read.listings().entrySet()) {
                if (!project.files(listed.getKey()).equals(listed.getValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<Path> normalized(Collection<Path> paths) {
        Set<Path> result = new HashSet<>();
        paths.forEach(path -> result.add(path.toAbsolutePath().normalize()));
        return result;
    }
}
