package dev.gotchals.syntax;

import dev.gotchals.text.InputEdit;
import dev.gotchals.text.TextDocument;
import org.treesitter.TSNode;
import org.treesitter.TSRange;
import org.treesitter.TSTree;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed text: the tree-sitter tree, the exact text it was parsed from, and a {@link Node} copy of each
 * top-level statement. Never edited after construction. {@link #reparse} builds the next version
 * incrementally: tree-sitter reuses the old tree, and only the statements an edit or a structural change
 * touched are copied again; the others are reused, moved by the edit's length.
 */
public final class SyntaxTree {
    private final SourceLanguage language;
    private final TSTree tree;
    private final TextDocument text;
    private final Node root;

    private SyntaxTree(SourceLanguage language, TSTree tree, TextDocument text, Node root) {
        this.language = language;
        this.tree = tree;
        this.text = text;
        this.root = root;
    }

    /** Parses {@code text} from scratch. */
    public static SyntaxTree parse(SourceLanguage language, TextDocument text) {
        TSTree tree = Parsers.parse(language, text, null);
        return new SyntaxTree(language, tree, text, copyWhole(tree, text));
    }

    private static Node copyWhole(TSTree tree, TextDocument text) {
        TSNode tsRoot = tree.getRootNode();
        NodeCopier copier = new NodeCopier(text);
        List<Node> statements = new ArrayList<>();
        for (TSNode child = tsRoot.getChild(0); child != null && !child.isNull(); child = child.getNextSibling()) {
            statements.add(copier.copy(child));
        }
        return rootOf(tsRoot, statements);
    }

    /**
     * A complete new copy of this tree's tree-sitter nodes, ignoring the statements reused from the previous
     * version: what {@link #root()} must equal. For tests and self-checks; it is slow.
     */
    public Node copyWithoutReuse() {
        return copyWhole(tree, text);
    }

    /** Parses {@code newText}, which is this tree's text after {@code edits} (in the order they were made). */
    public SyntaxTree reparse(TextDocument newText, List<InputEdit> edits) {
        TSTree edited = tree.copy();
        for (InputEdit edit : edits) {
            Parsers.applyEdit(edited, edit);
        }
        TSTree newTree = Parsers.parse(language, newText, edited);

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
        NodeCopier copier = new NodeCopier(newText);
        List<Node> fresh = new ArrayList<>();
        for (int[] range : dirty) {
            copyStatementsTouching(tsRoot, range[0], range[1], fresh, copier);
        }
        List<Node> statements = merge(kept, fresh);
        if (statements.size() != tsRoot.getChildCount()) {
            // Error recovery can move a token out of the top level without a reported structural change;
            // the count shows it, and a full copy is always right.
            return new SyntaxTree(language, newTree, newText, copyWhole(newTree, newText));
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

    /** Copies every top-level node that touches {@code [start, end]}, once. */
    private static void copyStatementsTouching(TSNode root, int start, int end, List<Node> out, NodeCopier copier) {
        TSNode child = root.getFirstChildForByte(Math.max(0, start - 1));
        while (child != null && !child.isNull() && child.getStartByte() <= end) {
            int childStart = child.getStartByte();
            boolean seen = false;
            for (Node copied : out) {
                if (copied.startByte() == childStart && copied.endByte() == child.getEndByte()) {
                    seen = true;
                    break;
                }
            }
            if (!seen) {
                out.add(copier.copy(child));
            }
            child = child.getNextSibling();
        }
    }

    /** The kept statements that no fresh copy overlaps, plus the fresh copies, in document order. */
    private static List<Node> merge(List<Node> kept, List<Node> fresh) {
        List<Node> merged = new ArrayList<>(kept.size() + fresh.size());
        for (Node statement : kept) {
            boolean replaced = false;
            for (Node copy : fresh) {
                if (copy.startByte() < statement.endByte() && statement.startByte() < copy.endByte()
                        || copy.startByte() == statement.startByte()) {
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

    /** Char offset (into {@link #text()}) where a node starts. */
    public int startOffset(Node node) {
        return text.offsetAtByte(node.startByte());
    }

    public int endOffset(Node node) {
        return text.offsetAtByte(node.endByte());
    }

    /** Whether tree-sitter found a syntax error anywhere in the text. */
    public boolean hasErrors() {
        return tree.getRootNode().hasError();
    }

    /** tree-sitter's own s-expression of the whole tree, for tests that compare trees. */
    public String treeSitterSexp() {
        return tree.getRootNode().toString();
    }
}
