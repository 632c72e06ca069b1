package dev.gotchals.document;

import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.TextDocument;

import java.nio.file.Path;

/**
 * One version of one file, as the rules see it: its text and, for Elixir and Dockerfiles, its syntax tree.
 * {@code version} is the editor's version for open documents and -1 for files read from disk.
 */
public record DocumentSnapshot(Path path, int version, TextDocument text, SyntaxTree tree) {
    public static final int ON_DISK = -1;

    public boolean isParsed() {
        return tree != null;
    }
}
