package dev.gotchals.rule;

import dev.gotchals.workspace.FileRole;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a rule (or a shared model) read through its {@link ProjectContext} during one analysis: the files it asked
 * for, whether or not they existed, the file listing of each role it enumerated, and the {@link ValueModel}s it used
 * with the values they had. The engine runs the rule again when a file or listing changes, or a value model built
 * again has another value.
 *
 * @param files    every path asked for, including paths that did not exist then (creating one must rerun the rule)
 * @param listings the project's files of each role enumerated, as they were listed then
 * @param values   the value models used, by model id, as they were
 */
public record Dependencies(Set<Path> files, Map<FileRole, List<Path>> listings, Map<Object, ValueRead> values) {
    public static final Dependencies NONE = new Dependencies(Set.of(), Map.of(), Map.of());

    /** A value model as it was used, and how to get it as it is now. */
    public record ValueRead(Object value, Class<?> type, Object key, Function<ProjectContext, ?> factory) {
    }

    public Dependencies {
        files = files instanceof ReadFiles ? files : Set.copyOf(files);
        listings = listings.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(listings));
        values = values.isEmpty() ? Map.of() : Map.copyOf(values);
    }

    public Dependencies(Set<Path> files, Map<FileRole, List<Path>> listings) {
        this(files, listings, Map.of());
    }

    /**
     * Collects the reads of one rule or model, and the models it used, whose reads count as its own. Not
     * thread-safe: the context locks around it.
     */
    static final class Recorder {
        private final Set<Path> files = new HashSet<>();
        /** {@link #files} as of the last {@link #done()}, shared by every rule that used this model since. */
        private Set<Path> frozenFiles = Set.of();
        private final Map<FileRole, List<Path>> listings = new EnumMap<>(FileRole.class);
        private final Set<Recorder> models = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Map<Object, ValueRead> values = new HashMap<>();

        void file(Path path) {
            files.add(path);
        }

        void listing(FileRole role, List<Path> paths) {
            listings.put(role, List.copyOf(paths));
        }

        /** Counts what a model has read, and will read, as read here too. */
        void uses(Recorder model) {
            if (model != this) {
                models.add(model);
            }
        }

        /** Counts a value model's value, not what it read, as read here. */
        void usesValue(Object id, ValueRead value) {
            values.putIfAbsent(id, value);
        }

        /** Everything read so far, here and by the models used (and the models they used). */
        Dependencies done() {
            List<Set<Path>> allFiles = new ArrayList<>();
            Map<FileRole, List<Path>> allListings = new EnumMap<>(FileRole.class);
            Map<Object, ValueRead> allValues = new HashMap<>();
            Set<Recorder> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            ArrayDeque<Recorder> pending = new ArrayDeque<>(List.of(this));
            while (!pending.isEmpty()) {
                Recorder next = pending.pop();
                if (seen.add(next)) {
                    allFiles.add(next.frozenFiles());
                    allListings.putAll(next.listings);
                    next.values.forEach(allValues::putIfAbsent);
                    pending.addAll(next.models);
                }
            }
            return new Dependencies(ReadFiles.union(allFiles), allListings, allValues);
        }

        /** A copy of the files read so far, made again only when more were read: a recorder only ever grows. */
        private Set<Path> frozenFiles() {
            if (frozenFiles.size() != files.size()) {
                frozenFiles = Set.copyOf(files);
            }
            return frozenFiles;
        }
    }
}
