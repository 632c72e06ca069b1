package dev.gotchals.rule;

import dev.gotchals.workspace.FileRole;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a rule (or a shared model) read through its {@link ProjectContext} during one analysis: the files it asked
 * for, whether or not they existed, and the file listing of each role it enumerated. The engine runs the rule
 * again when one of them changes.
 *
 * @param files    every path asked for, including paths that did not exist then (creating one must rerun the rule)
 * @param listings the project's files of each role enumerated, as they were listed then
 */
public record Dependencies(Set<Path> files, Map<FileRole, List<Path>> listings) {
    public static final Dependencies NONE = new Dependencies(Set.of(), Map.of());

    public Dependencies {
        files = Set.copyOf(files);
        listings = listings.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(listings));
    }

    /** Collects the reads of one rule or model while it runs. Not thread-safe: the context locks around it. */
    static final class Recorder {
        private final Set<Path> files = new HashSet<>();
        private final Map<FileRole, List<Path>> listings = new EnumMap<>(FileRole.class);

        void file(Path path) {
            files.add(path);
        }

        void listing(FileRole role, List<Path> paths) {
            listings.put(role, List.copyOf(paths));
        }

        void all(Dependencies other) {
            files.addAll(other.files());
            listings.putAll(other.listings());
        }

        Dependencies done() {
            return new Dependencies(files, listings);
        }
    }
}
