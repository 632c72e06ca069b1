package dev.gotchals.syntax;

import dev.gotchals.text.InputEdit;
import dev.gotchals.text.TextDocument;
import org.treesitter.TSNode;
import org.treesitter.TSRange;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed text: the tree-sitter tree, the exact text it was parsed from, and a {@link Node} copy of each
 * top-level statement. Never edited after construction. {@link #reparse} builds the next version
 * incrementally: tree-sitter reuses the old tree, and only the statements an edit or a structural change
 * touched are copied again; the others are reused, moved by the edit's length. A Dockerfile is reparsed by
 * parsing only the instructions around the change ({@link InstructionSplice}); such a tree has no tree-sitter tree
 * of the whole text, and its next reparse that cannot splice parses the text afresh.
 */
public final class SyntaxTree {
    private final SourceLanguage language;
    /** tree-sitter's tree of the whole text; null for a spliced Dockerfile. */
    private final TSTree tree;
    private final boolean hasErrors;
    private final TextDocument text;
    private final Node root;
    /** Where sets of needles occur, for {@link #mentions}; filled on demand. */
    private final java.util.Map<List<String>, int[][]> occurrences = new java.util.concurrent.ConcurrentHashMap<>();

    private SyntaxTree(SourceLanguage language, TSTree tree, TextDocument text, Node root) {
        this.language = language;
        this.tree = tree;
        this.hasErrors = tree != null && tree.getRootNode().hasError();
        this.text = text;
        this.root = root;
    }

    /** Parses {@code text} from scratch. */
    public static SyntaxTree parse(SourceLanguage language, TextDocument text) {
        TSTree tree = Parsers.parse(language, text, null);
        return new SyntaxTree(language, tree, text, copyWhole(language, tree, text));
    }

    /**
     * Parses {@code text} from scratch unless tree-sitter takes longer than {@code nanos} (a grammar's error
     * recovery can be quadratic in nesting depth); null when it gave up.
     */
    public static SyntaxTree parseWithin(SourceLanguage language, TextDocument text, long nanos) {
        TSTree tree = Parsers.parseWithin(language, text, nanos);
        return tree == null ? null : new SyntaxTree(language, tree, text, copyWhole(language, tree, text));
    }

    private static Node copyWhole(SourceLanguage language, TSTree tree, TextDocument text) {
        TSNode tsRoot = tree.getRootNode();
        return rootOf(tsRoot, new NodeCopier(language, text).copyChildren(tsRoot));
    }

    /**
     * A complete new copy of this tree's tree-sitter nodes, ignoring the statements reused from the previous
     * version: what {@link #root()} must equal. For tests and self-checks; it is slow.
     */
    public Node copyWithoutReuse() {
        return copyWhole(language, tree != null ? tree : Parsers.parse(language, text, null), text);
    }

    /**
     * Beyond these, statements are not reused: tree-sitter's changed-range comparison costs about nodes × depth and
     * ran for many minutes on 50,000-deep nesting and on a multi-megabyte line. Such texts (or a paste that may
     * bring one) are parsed and copied whole, which is slow but bounded.
     */
    static final int MAX_REUSE_HEIGHT = 1_000;
    static final int MAX_REUSE_BYTES = 1024 * 1024;
    static final int MAX_REUSE_INSERTED_BYTES = 64 * 1024;

    /** Parses {@code newText}, which is this tree's text after {@code edits} (in the order they were made). */
    public SyntaxTree reparse(TextDocument newText, List<InputEdit> edits) {
        long inserted = 0;
        for (InputEdit edit : edits) {
            inserted += edit.newEndByte() - edit.startByte();
        }
        if (language == SourceLanguage.DOCKERFILE) {
            InstructionSplice.Spliced spliced = InstructionSplice.reparse(this, newText);
            if (spliced != null) {
                return new SyntaxTree(language, null, newText, spliced.root());
            }
        }
        if (tree == null || root.height() > MAX_REUSE_HEIGHT || newText.byteLength() > MAX_REUSE_BYTES
                || inserted > MAX_REUSE_INSERTED_BYTES) {
            return parse(language, newText);
        }
        TSTree edited = tree.copy();
        for (InputEdit edit : edits) {
            Parsers.applyEdit(edited, edit);
        }
        TSTree newTree = Parsers.parse(language, newText, edited);
        if (newTree.getRootNode().hasError()) {
            // Error recovery depends on the old tree tree-sitter reuses; a broken text is parsed afresh so the
            // editor sees the same tree, and the same findings, as `gotcha-ls check`.
            newTree = Parsers.parse(language, newText, null);
        }

        // Where the text changed (in new byte offsets), and where tree-sitter says the structure changed.
        List<int[]> dirty = new ArrayList<>();
        List<Node> kept = new ArrayList<>(root.children());
        for (InputEdit edit : edits) {
            kept = moveAcross(kept, edit);
            shiftRanges(dirty, edit);
            dirty.add(new int[] {edit.startByte(), edit.newEndByte()});
        }
        for (TSRange changed : TSTree.getChangedRanges(edited, newTree)) {
            dirty.add(new int[] {changed.getStartByte(), changed.getEndByte()});
        }

        TSNode tsRoot = newTree.getRootNode();
        NodeCopier copier = new NodeCopier(language, newText);
        List<Node> fresh = new ArrayList<>();
        List<int[]> windows = new ArrayList<>();
        for (int[] range : dirty) {
            copyStatementsAround(tsRoot, range[0], range[1], fresh, windows, copier);
        }
        List<Node> statements = merge(kept, fresh, windows);
        if (statements.size() != tsRoot.getChildCount()) {
            // A safety net: should reuse ever disagree with the tree's shape, a full copy is always right.
            return new SyntaxTree(language, newTree, newText, copyWhole(language, newTree, newText));
        }
        return new SyntaxTree(language, newTree, newText, rootOf(tsRoot, statements));
    }

    /** Keeps statements clear of the edit (shifting those after it); drops those it touches. */
    private static List<Node> moveAcross(List<Node> statements, InputEdit edit) {
        int delta = edit.newEndByte() - edit.oldEndByte();
        List<Node> moved = new ArrayList<>(statements.size());
        for (Node statement : statements) {
            if (statement.endByte() < edit.startByte()) {
                moved.add(statement);
            } else if (statement.startByte() > edit.oldEndByte()) {
                moved.add(statement.shifted(delta));
            }
        }
        return moved;
    }

    private static void shiftRanges(List<int[]> ranges, InputEdit edit) {
        int delta = edit.newEndByte() - edit.oldEndByte();
        for (int[] range : ranges) {
            range[0] = mapOffset(range[0], edit, delta);
            range[1] = Math.max(range[0], mapOffset(range[1], edit, delta));
        }
    }

    private static int mapOffset(int offset, InputEdit edit, int delta) {
        if (offset <= edit.startByte()) {
            return offset;
        }
        return offset >= edit.oldEndByte() ? offset + delta : edit.newEndByte();
    }

    /**
     * Copies the run of top-level nodes that touch {@code [start, end]}, widened by one sibling on each side
     * (error recovery can fold a neighbouring token in or out without a reported change), and records the
     * span the run covers: within it, the new tree's statements replace every old one.
     */
    private static void copyStatementsAround(TSNode root, int start, int end, List<Node> out, List<int[]> windows,
                                             NodeCopier copier) {
        try (TSTreeCursor cursor = new TSTreeCursor(root)) {
            // The first child ending after start-1 (found natively, without walking the children before it);
            // past the last child, the one before it. Then one sibling back.
            if (cursor.gotoFirstChildForByte(Math.max(0, start - 1)) < 0) {
                int count = root.getChildCount();
                if (count == 0) {
                    return;
                }
                TSNode last = root.getChild(count - 1);
                if (cursor.gotoFirstChildForByte(Math.max(0, last.getStartByte() - 1)) < 0 && !cursor.gotoFirstChild()) {
                    return;
                }
            }
            cursor.gotoPreviousSibling();
            int windowStart = cursor.currentNode().getStartByte();
            int windowEnd = windowStart;
            boolean pastEnd = false;
            do {
                TSNode child = cursor.currentNode();
                int childStart = child.getStartByte();
                int childEnd = child.getEndByte();
                if (out.stream().noneMatch(copied -> copied.startByte() == childStart && copied.endByte() == childEnd
                        && copied.type().equals(child.getType()))) {
                    out.add(copier.copy(child));
                }
                windowEnd = Math.max(windowEnd, childEnd);
                if (pastEnd) {
                    break; // the one sibling after the run
                }
                pastEnd = childStart > end || childEnd > end;
            } while (cursor.gotoNextSibling());
            windows.add(new int[] {windowStart, windowEnd});
        }
    }

    /** The kept statements outside every re-copied window, plus the fresh copies, in document order. */
    private static List<Node> merge(List<Node> kept, List<Node> fresh, List<int[]> windows) {
        List<Node> merged = new ArrayList<>(kept.size() + fresh.size());
        for (Node statement : kept) {
            boolean replaced = false;
            for (int[] window : windows) {
                boolean overlaps = statement.startByte() < window[1] && statement.endByte() > window[0];
                boolean inside = statement.startByte() >= window[0] && statement.endByte() <= window[1];
                if (overlaps || inside) {
                    replaced = true;
                    break;
                }
            }
            if (!replaced) {
                merged.add(statement);
            }
        }
        merged.addAll(fresh);
        merged.sort((a, b) -> a.startByte() != b.startByte()
                ? Integer.compare(a.startByte(), b.startByte()) : Integer.compare(a.endByte(), b.endByte()));
        return List.copyOf(merged);
    }

    private static Node rootOf(TSNode tsRoot, List<Node> statements) {
        return new Node(tsRoot.getType(), true, false, null, tsRoot.getStartByte(), tsRoot.getEndByte(),
                List.copyOf(statements), null);
    }

    public SourceLanguage language() {
        return language;
    }

    /** The root (the whole file); its children are the top-level statements. */
    public Node root() {
        return root;
    }

    public List<Node> statements() {
        return root.children();
    }

    public TextDocument text() {
        return text;
    }

    /** The source text a node covers. */
    public String text(Node node) {
        return node.leafText() != null ? node.leafText() : text.textOfBytes(node.startByte(), node.endByte());
    }

    /**
     * Whether the node's source contains any of the needles, compared without regard to ASCII case. Lets rules skip
     * statements that cannot hold what they look for before walking their nodes. The first question for a set of
     * needles finds all their places in the text (one scan); each question after that is a binary search.
     */
    public boolean mentions(Node node, String... lowerCaseNeedles) {
        int[][] places = occurrences.computeIfAbsent(List.of(lowerCaseNeedles), this::findAll);
        for (int n = 0; n < lowerCaseNeedles.length; n++) {
            int first = java.util.Arrays.binarySearch(places[n], node.startByte());
            int index = first >= 0 ? first : -first - 1;
            if (index < places[n].length && places[n][index] + lowerCaseNeedles[n].length() <= node.endByte()) {
                return true;
            }
        }
        return false;
    }

    /** For each needle, the sorted start bytes of its occurrences in the text. */
    private int[][] findAll(List<String> needles) {
        byte[] bytes = text.utf8();
        byte[] lower = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            lower[i] = b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
        }
        // Latin-1 keeps one char per byte, so indexes stay byte offsets.
        String haystack = new String(lower, java.nio.charset.StandardCharsets.ISO_8859_1);
        int[][] places = new int[needles.size()][];
        for (int n = 0; n < needles.size(); n++) {
            int count = 0;
            int[] found = new int[8];
            for (int at = haystack.indexOf(needles.get(n)); at >= 0; at = haystack.indexOf(needles.get(n), at + 1)) {
                if (count == found.length) {
                    found = java.util.Arrays.copyOf(found, count * 2);
                }
                found[count++] = at;
            }
            places[n] = java.util.Arrays.copyOf(found, count);
        }
        return places;
    }

    /** Char offset (into {@link #text()}) where a node starts. */
    public int startOffset(Node node) {
        return text.offsetAtByte(node.startByte());
    }

    public int endOffset(Node node) {
        return text.offsetAtByte(node.endByte());
    }

    /** Whether only part of the text was parsed again to make this tree ({@link InstructionSplice}). */
    boolean isSpliced() {
        return tree == null;
    }

    /** Whether tree-sitter found a syntax error anywhere in the text. */
    public boolean hasErrors() {
        return hasErrors;
    }

    /**
     * tree-sitter's own s-expression of the whole tree, for tests that compare trees; for a spliced Dockerfile (which
     * has no errors) that of the node copy, the same.
     */
    public String treeSitterSexp() {
        return tree != null ? tree.getRootNode().toString() : root.sexp();
    }
}
