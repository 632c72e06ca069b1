package dev.gotchals.rule;

import dev.gotchals.document.DocumentSnapshot;

import java.nio.file.Path;
import java.util.List;

/**
 * A quick fix: a title and the file changes that make it. {@code safe} fixes keep the program's meaning apart from
 * the gotcha they remove, and may be applied without review ({@code check --fix}).
 */
public record Fix(String title, boolean safe, List<Change> changes) {
    public Fix {
        changes = List.copyOf(changes);
    }

    /** One file change of a fix. */
    public sealed interface Change permits Edit, CreateFile {
        Path path();
    }

    /** Replace chars {@code [start, end)} of the version of a file the rule read. */
    public record Edit(DocumentSnapshot file, int start, int end, String newText) implements Change {
        @Override
        public Path path() {
            return file.path();
        }
    }

    /** Create a file that does not exist yet. */
    public record CreateFile(Path path, String content) implements Change {
    }
}
