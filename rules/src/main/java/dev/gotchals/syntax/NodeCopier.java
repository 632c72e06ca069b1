package dev.gotchals.syntax;

import dev.gotchals.text.TextDocument;
import org.treesitter.TSNode;
import org.treesitter.TSTreeCursor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies tree-sitter subtrees into {@link Node}s with one cursor walk. Each JNI call that takes a node costs
 * about half a microsecond, so names come from the grammar's symbol table by number, {@link NodeReads} asks the
 * rest with one call each, and only zero-width nodes are asked whether tree-sitter inserted them. An inner node's
 * end is asked only when the text does not settle it: a node ends where its last child ends or later (after a
 * token the grammar hides, such as an unnamed pattern), and where the next node starts (or its parent ends) or
 * earlier; when the two meet, that is the end. A Dockerfile's instructions, and the nodes that end with them, are
 * followed by their newline at once; a script's last command ends where the script does.
 */
final class NodeCopier {
    /** A subtree's bound when the caller cannot say. */
    static final int UNKNOWN = -1;

    private final TextDocument text;
    private final SourceLanguage.Symbols symbols;
    /** Where in {@link #text} the parsed bytes start: a part of a text parsed alone is copied to where it stands. */
    private final int byteOffset;

    NodeCopier(SourceLanguage language, TextDocument text) {
        this(language, text, 0);
    }

    NodeCopier(SourceLanguage language, TextDocument text, int byteOffset) {
        this.text = text;
        this.symbols = language.symbols();
        this.byteOffset = byteOffset;
    }

    Node copy(TSNode subtree) {
        return copy(subtree, UNKNOWN);
    }

    /**
     * Copies {@code subtree}; {@code bound} is where in {@link #text} the node after it starts, or its parent ends:
     * no later than which it ends.
     */
    private Node copy(TSNode subtree, int bound) {
        try (TSTreeCursor cursor = new TSTreeCursor(subtree)) {
            return copyFrom(cursor, subtree, bound);
        }
    }

    /**
     * The root's children, each copied whole. A cursor visits every child, zero-width MISSING ones included, which
     * getNextSibling can skip. Each child is told where the next one starts, and the last where the root ends.
     */
    List<Node> copyChildren(TSNode root) {
        List<Node> statements = new ArrayList<>();
        try (TSTreeCursor cursor = new TSTreeCursor(root)) {
            if (cursor.gotoFirstChild()) {
                TSNode statement = cursor.currentNode();
                while (statement != null) {
                    TSNode next = cursor.gotoNextSibling() ? cursor.currentNode() : null;
                    statements.add(copy(statement, next != null ? start(next) : NodeReads.endByte(root) + byteOffset));
                    statement = next;
                }
            }
        }
        return statements;
    }

    /** A node whose children are still being copied. */
    private static final class Open {
        /** Asked for its end only when the node after it does not start where its last child ends. */
        final TSNode node;
        final String type;
        final boolean named;
        final String field;
        final int start;
        final List<Node> children = new ArrayList<>();

        Open(TSNode node, String type, boolean named, String field, int start) {
            this.node = node;
            this.type = type;
            this.named = named;
            this.field = field;
            this.start = start;
        }
    }

    /**
     * Copies the cursor's node ({@code node}) and everything under it in one pre-order walk, keeping the chain of
     * unfinished ancestors on an explicit stack: any nesting depth fits the default thread stack.
     */
    private Node copyFrom(TSTreeCursor cursor, TSNode node, int bound) {
        ArrayDeque<Open> ancestors = new ArrayDeque<>();
        String field = null;
        while (true) {
            int symbol = NodeReads.symbol(node);
            String type = symbols.name(symbol);
            boolean named;
            if (type == null) { // ERROR and other built-in symbols are not in the grammar's table
                type = node.getType().intern();
                named = node.isNamed();
            } else {
                named = symbols.isNamed(symbol);
            }
            int start = start(node);
            if (cursor.gotoFirstChild()) {
                ancestors.push(new Open(node, type, named, field, start));
                field = symbols.field(cursor.currentFieldId());
                node = cursor.currentNode();
                continue;
            }
            int end = NodeReads.endByte(node) + byteOffset;
            boolean missing = start == end && NodeReads.isMissing(node);
            Node done = new Node(type, named, missing, field, start, end, List.of(), text.textOfBytes(start, end));
            if (ancestors.isEmpty()) {
                return done;
            }
            ancestors.peek().children.add(done);
            // Climb past every ancestor whose last child this was, to the next node and where it starts.
            int finished = 0;
            int limit = bound; // where the next node starts: no node closed below ends later
            while (finished < ancestors.size()) {
                if (cursor.gotoNextSibling()) {
                    field = symbols.field(cursor.currentFieldId());
                    node = cursor.currentNode();
                    limit = start(node);
                    break;
                }
                cursor.gotoParent();
                finished++;
            }
            for (int closed = 0; closed < finished; closed++) {
                Node copied = close(ancestors.pop(), limit);
                if (ancestors.isEmpty()) {
                    return copied;
                }
                ancestors.peek().children.add(copied);
            }
        }
    }

    /** The node of {@code open}, whose children are all copied; it ends at {@code bound} or earlier. */
    private Node close(Open open, int bound) {
        int lastChildEnd = open.children.get(open.children.size() - 1).endByte();
        int end = lastChildEnd == bound ? lastChildEnd : NodeReads.endByte(open.node) + byteOffset;
        boolean missing = open.start == end && NodeReads.isMissing(open.node);
        return new Node(open.type, open.named, missing, open.field, open.start, end, List.copyOf(open.children), null);
    }

    private int start(TSNode node) {
        return NodeReads.startByte(node) + byteOffset;
    }
}
