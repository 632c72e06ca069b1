package dev.gotchals.document;

import dev.gotchals.syntax.Deadline;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.TextDocument;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One version of one file, as the rules see it: its text and, for Elixir and Dockerfiles, its syntax tree.
 * {@code version} is the editor's version for open documents and -1 for files read from disk.
 *
 * <p>A file read from disk is parsed when its tree is first asked for ({@link #parsedOnDemand}): most of a
 * project's lib/ files hold nothing any model asks about, and a model that looks for a word in the text first
 * never needs their tree. Equal like a record of its path, version, text and tree.
 */
public final class DocumentSnapshot {
    public static final int ON_DISK = -1;

    private final Path path;
    private final int version;
    private final TextDocument text;
    /** The grammar the tree is parsed with on first demand; null when the tree was given (or there is none). */
    private final SourceLanguage onDemand;
    private volatile SyntaxTree tree;

    /** A snapshot with its tree already parsed, or with none ({@code tree} null: plain text). */
    public DocumentSnapshot(Path path, int version, TextDocument text, SyntaxTree tree) {
        this(path, version, text, tree, null);
    }

    private DocumentSnapshot(Path path, int version, TextDocument text, SyntaxTree tree, SourceLanguage onDemand) {
        this.path = path;
        this.version = version;
        this.text = text;
        this.tree = tree;
        this.onDemand = onDemand;
    }

    /** A snapshot whose text is parsed with {@code language} when its tree is first asked for (null: plain text). */
    public static DocumentSnapshot parsedOnDemand(Path path, int version, TextDocument text, SourceLanguage language) {
        return new DocumentSnapshot(path, version, text, null, language);
    }

    public Path path() {
        return path;
    }

    public int version() {
        return version;
    }

    public TextDocument text() {
        return text;
    }

    /**
     * The syntax tree, parsed now if it was not yet; null for plain text. Parsing is off the rule's clock
     * ({@link Deadline#paused}), as it is when the file is read: every rule of the analysis shares the tree.
     */
    public SyntaxTree tree() {
        SyntaxTree parsed = tree;
        if (parsed == null && onDemand != null) {
            synchronized (this) {
                parsed = tree;
                if (parsed == null) {
                    parsed = Deadline.paused(() -> SyntaxTree.parse(onDemand, text));
                    tree = parsed;
                }
            }
        }
        return parsed;
    }

    /** Whether the file has a syntax tree (parsed already, or on first demand): whether it is not plain text. */
    public boolean isParsed() {
        return tree != null || onDemand != null;
    }

    /** Whether the tree has been parsed already; a file parsed on demand says false until first asked for it. */
    public boolean treeParsed() {
        return tree != null;
    }

    /**
     * Whether {@code other} holds this very text and tree: an opened file whose text was its disk copy's reuses that
     * copy's parse ({@link OpenDocument#reuseParse}), and what was found in one holds for the other. Compares
     * identities, never the texts: a keystroke's new text is a new object.
     */
    public boolean sameContentAs(DocumentSnapshot other) {
        if (other == this) {
            return true;
        }
        if (other == null || text != other.text || !path.equals(other.path)) {
            return false;
        }
        SyntaxTree mine = tree;
        SyntaxTree theirs = other.tree;
        if (mine != null || theirs != null) {
            return mine == theirs;
        }
        return onDemand == other.onDemand; // neither parsed yet: the same text parses the same with the same grammar
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        // A tree parsed on demand is a function of the text and the grammar: it is not parsed to compare.
        return other instanceof DocumentSnapshot that && version == that.version && path.equals(that.path)
                && text.equals(that.text) && onDemand == that.onDemand
                && (onDemand != null || Objects.equals(tree, that.tree));
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, version, text, onDemand != null ? onDemand : tree);
    }

    @Override
    public String toString() {
        return "DocumentSnapshot[path=" + path + ", version=" + version + "]";
    }
}
