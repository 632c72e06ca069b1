package dev.gotchals.document;

import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.InputEdit;
import dev.gotchals.text.PositionEncoding;
import dev.gotchals.text.TextDocument;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A document an editor has open: its text, applied change by change as the editor sends them, and its syntax
 * tree, reparsed incrementally when a {@link #snapshot()} is asked for. Edits are applied on the thread that
 * receives them; snapshots are taken by the analysis thread; both lock this object.
 */
public final class OpenDocument {
    private static final Logger LOG = Logger.getLogger(OpenDocument.class.getName());
    /**
     * Texts longer than this (in UTF-8 bytes) are neither parsed nor analysed: the rules see the file as absent,
     * as they see a file on disk over {@code Workspace.MAX_FILE_BYTES} (the same limit). No config file, script or
     * Dockerfile is this big, and parsing and scanning one would hold up every other file's diagnostics.
     */
    public static final long MAX_ANALYSED_BYTES = 4L * 1024 * 1024;

    private final Path path;
    private SourceLanguage language;
    private final PositionEncoding encoding;

    private TextDocument text;
    private int version;
    /** The last parsed tree and the edits made since; null tree for plain text files. */
    private SyntaxTree parsed;
    private final List<InputEdit> editsSinceParse = new ArrayList<>();
    private DocumentSnapshot snapshot;
    /** Set when an invalid change left the text out of step with the editor's; cleared by a full change. */
    private String outOfSync;
    /** Whether the text was over {@link #MAX_ANALYSED_BYTES} at the last snapshot (logged once per crossing). */
    private boolean oversized;

    public OpenDocument(Path path, SourceLanguage language, PositionEncoding encoding, int version, String content) {
        this.path = path;
        this.language = language;
        this.encoding = encoding;
        this.version = version;
        this.text = TextDocument.of(content);
    }

    /**
     * Starts from the text and parse of the same text read before (the file as read from disk, when the editor opens
     * it unchanged), so that opening a large file does not parse it again, and an analysis sees the very content the
     * last one read ({@link DocumentSnapshot#sameContentAs}) and reruns nothing for it. Ignored when the text or
     * grammar differs, or when the file on disk was not parsed (nothing asked for its tree): the document parses it
     * then.
     */
    public synchronized void reuseParse(DocumentSnapshot sameText) {
        if (sameText == null || parsed != null || !editsSinceParse.isEmpty()
                || !sameText.text().text().equals(text.text())) {
            return;
        }
        if (language == null && !sameText.isParsed()) {
            text = sameText.text(); // plain text on both sides
            snapshot = null;
        } else if (language != null && sameText.treeParsed() && sameText.tree().language() == language) {
            text = sameText.text();
            parsed = sameText.tree();
            snapshot = null;
        }
    }

    public Path path() {
        return path;
    }

    /** The grammar the text is parsed with; null for plain text. */
    public synchronized SourceLanguage language() {
        return language;
    }

    /**
     * Parses the text with {@code newLanguage} from the next snapshot on (null: plain text): for a document opened
     * while no project gave its path a role (its mix.exs was missing), once one does, and the other way round. The
     * same document changes, so that an edit arriving meanwhile is not lost.
     */
    public synchronized void parseAs(SourceLanguage newLanguage) {
        if (newLanguage != language) {
            language = newLanguage;
            parsed = null;
            editsSinceParse.clear();
            snapshot = null;
        }
    }

    public synchronized int version() {
        return version;
    }

    public synchronized String text() {
        return text.text();
    }

    /**
     * Whether the document's text now is this very text object: the one its latest snapshot holds, or the disk copy's
     * it took when opened unchanged ({@link #reuseParse}). An edit computed on that text applies to this version.
     */
    public synchronized boolean holds(TextDocument other) {
        return text == other;
    }

    /** Why the text may differ from the editor's, or null when it is in step. */
    public synchronized String outOfSync() {
        return outOfSync;
    }

    /**
     * Applies the changes of one {@code didChange}, in order. A change that does not fit the text is rejected with
     * the earlier changes of the same batch applied; the document then waits for a full-text change.
     */
    public synchronized void apply(int newVersion, List<TextChange> changes) throws InvalidChangeException {
        version = newVersion;
        for (TextChange change : changes) {
            if (change.isFull()) {
                text = TextDocument.of(change.text());
                parsed = null;
                editsSinceParse.clear();
                outOfSync = null;
                continue;
            }
            if (outOfSync != null) {
                throw new InvalidChangeException("ignoring a ranged change until a full-text change: " + outOfSync);
            }
            if (!text.isValid(change.start(), encoding) || !text.isValid(change.end(), encoding)
                    || change.end().compareTo(change.start()) < 0) {
                outOfSync = "change " + change.start() + "-" + change.end() + " does not fit a text of "
                        + text.lineCount() + " lines (version " + newVersion + ")";
                throw new InvalidChangeException(outOfSync);
            }
            int start = text.offsetAt(change.start(), encoding);
            int end = text.offsetAt(change.end(), encoding);
            TextDocument.Edited edited = text.withEdit(start, end, change.text());
            text = edited.document();
            editsSinceParse.add(edited.edit());
        }
        snapshot = null;
    }

    /** The current text, version and tree, parsing what changed since the last snapshot. */
    public synchronized DocumentSnapshot snapshot() {
        if (snapshot == null) {
            boolean tooBig = text.byteLength() > MAX_ANALYSED_BYTES;
            if (tooBig != oversized) {
                oversized = tooBig;
                LOG.log(tooBig ? Level.WARNING : Level.INFO, tooBig
                        ? "not analysing " + path + ": " + text.byteLength() + " bytes is over the limit of "
                                + MAX_ANALYSED_BYTES + " (until it is smaller)"
                        : "analysing " + path + " again: it is back under " + MAX_ANALYSED_BYTES + " bytes");
            }
            if (tooBig) {
                parsed = null;
                editsSinceParse.clear();
            } else if (language != null) {
                if (parsed == null) {
                    parsed = SyntaxTree.parse(language, text);
                } else if (!editsSinceParse.isEmpty()) {
                    parsed = parsed.reparse(text, List.copyOf(editsSinceParse));
                }
                editsSinceParse.clear();
            }
            snapshot = new DocumentSnapshot(path, version, text, parsed);
        }
        return snapshot;
    }
}
