package dev.gotchals.rule;

import java.nio.file.Path;
import java.util.AbstractSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The files a rule read: its own reads and those of each model it used, as one unmodifiable set that shares the
 * models' sets instead of copying them. Every rule of a project uses the models that read all its sources, so a
 * copy per rule would cost the project's size once per rule and keep as many copies.
 */
final class ReadFiles extends AbstractSet<Path> {
    private final List<Set<Path>> parts;
    private int size = -1;

    private ReadFiles(List<Set<Path>> parts) {
        this.parts = parts;
    }

    /** The union of unmodifiable sets, which must not change afterwards. */
    static Set<Path> union(List<Set<Path>> parts) {
        List<Set<Path>> nonEmpty = parts.stream().filter(part -> !part.isEmpty()).toList();
        return switch (nonEmpty.size()) {
            case 0 -> Set.of();
            case 1 -> nonEmpty.get(0);
            default -> new ReadFiles(nonEmpty);
        };
    }

    @Override
    public boolean contains(Object path) {
        for (Set<Path> part : parts) {
            if (part.contains(path)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int size() {
        if (size < 0) {
            Set<Path> all = new HashSet<>();
            parts.forEach(all::addAll);
            size = all.size();
        }
        return size;
    }

    /** Each path once: a path of a part is skipped when an earlier part holds it. */
    @Override
    public Iterator<Path> iterator() {
        return new Iterator<>() {
            private int part;
            private Iterator<Path> current = parts.get(0).iterator();
            private Path next = advance();

            private Path advance() {
                while (true) {
                    while (current.hasNext()) {
                        Path candidate = current.next();
                        if (!inEarlierPart(candidate)) {
                            return candidate;
                        }
                    }
                    if (++part >= parts.size()) {
                        return null;
                    }
                    current = parts.get(part).iterator();
                }
            }

            private boolean inEarlierPart(Path path) {
                for (int earlier = 0; earlier < part; earlier++) {
                    if (parts.get(earlier).contains(path)) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Path next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Path result = next;
                next = advance();
                return result;
            }
        };
    }
}
