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
 * rest with one call each, and only zero-width nodes are asked whether tree-sitter inserted them.
 */
final class NodeCopier {
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
        try (TSTreeCursor cursor = new TSTreeCursor(subtree)) {
            return copyFrom(cursor);
        }
    }

    /**
     * The root's children, each copied whole. A cursor visits every child, zero-width MISSING ones included, which
     * getNextSibling can skip.
     */
    List<Node> copyChildren(TSNode root) {
        List<Node> statements = new ArrayList<>();
        try (TSTreeCursor cursor = new TSTreeCursor(root)) {
            if (cursor.gotoFirstChild()) {
                do {
                    statements.add(copy(cursor.currentNode()));
                } while (cursor.gotoNextSibling());
            }
        }
        return statements;
    }

    /** A node whose children are still being copied. */
    private static final class Open {
        final String type;
        final boolean named;
        final String field;
        final int start;
        final int end;
        final List<Node> children = new ArrayList<>();

        Open(String type, boolean named, String field, int start, int end) {
            this.type = type;
            this.named = named;
            this.field = field;
            this.start = start;
            this.end = end;
        }
    }

    /**
     * Copies the cursor's node and everything under it in one pre-order walk, keeping the chain of unfinished
     * ancestors on an explicit stack: any nesting depth fits the default thread stack.
     */
    private Node copyFrom(TSTreeCursor cursor) {
        ArrayDeque<Open> ancestors = new ArrayDeque<>();
        String field = null;
        while (true) {
            TSNode node = cursor.currentNode();
            int symbol = NodeReads.symbol(node);
            String type = symbols.name(symbol);
            boolean named;
            if (type == null) { // ERROR and other built-in symbols are not in the grammar's table
                type = node.getType().intern();
                named = node.isNamed();
            } else {
                named = symbols.isNamed(symbol);
            }
            int start = NodeReads.startByte(node) + byteOffset;
            int end = NodeReads.endByte(node) + byteOffset;
            if (cursor.gotoFirstChild()) {
                ancestors.push(new Open(type, named, field, start, end));
                field = symbols.field(cursor.currentFieldId());
                continue;
            }
            boolean missing = start == end && NodeReads.isMissing(node);
            Node done = new Node(type, named, missing, field, start, end, List.of(), text.textOfBytes(start, end));
            // Close every ancestor whose last child this was, then move on to the next sibling.
            while (true) {
                if (ancestors.isEmpty()) {
                    return done;
                }
                ancestors.peek().children.add(done);
                if (cursor.gotoNextSibling()) {
                    field = symbols.field(cursor.currentFieldId());
                    break;
                }
                cursor.gotoParent();
                Open parent = ancestors.pop();
                boolean parentMissing = parent.start == parent.end && NodeReads.isMissing(cursor.currentNode());
                done = new Node(parent.type, parent.named, parentMissing, parent.field, parent.start, parent.end,
                        List.copyOf(parent.children), null);
            }
        }
    }
}
