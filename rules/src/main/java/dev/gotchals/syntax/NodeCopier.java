package dev.gotchals.syntax;

import dev.gotchals.text.TextDocument;
import org.treesitter.TSNode;
import org.treesitter.TSTreeCursor;

import java.util.ArrayList;
import java.util.List;

/** Copies tree-sitter subtrees into {@link Node}s with one cursor walk, the cheapest way across JNI. */
final class NodeCopier {
    private final TextDocument text;

    NodeCopier(TextDocument text) {
        this.text = text;
    }

    Node copy(TSNode subtree) {
        try (TSTreeCursor cursor = new TSTreeCursor(subtree)) {
            return copyCurrent(cursor, null);
        }
    }

    private Node copyCurrent(TSTreeCursor cursor, String field) {
        TSNode node = cursor.currentNode();
        String type = node.getType();
        boolean named = node.isNamed();
        boolean missing = node.isMissing();
        int start = node.getStartByte();
        int end = node.getEndByte();
        List<Node> children;
        String leafText = null;
        if (cursor.gotoFirstChild()) {
            List<Node> copied = new ArrayList<>();
            do {
                copied.add(copyCurrent(cursor, cursor.currentFieldName()));
            } while (cursor.gotoNextSibling());
            cursor.gotoParent();
            children = List.copyOf(copied);
        } else {
            children = List.of();
            leafText = text.textOfBytes(start, end);
        }
        return new Node(type.intern(), named, missing, field, start, end, children, leafText);
    }
}
