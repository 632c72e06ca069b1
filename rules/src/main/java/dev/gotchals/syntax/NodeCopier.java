package dev.gotchals.syntax;

import dev.gotchals.text.TextDocument;
import org.treesitter.TSNode;
import org.treesitter.TSTreeCursor;

import java.util.ArrayList;
import java.util.List;

/**
 * Copies tree-sitter subtrees into {@link Node}s with one cursor walk. Each JNI call costs about half a
 * microsecond, so names come from the grammar's symbol table by number and only zero-width nodes are asked
 * whether tree-sitter inserted them.
 */
final class NodeCopier {
    private final TextDocument text;
    private final SourceLanguage.Symbols symbols;

    NodeCopier(SourceLanguage language, TextDocument text) {
        this.text = text;
        this.symbols = language.symbols();
    }

    Node copy(TSNode subtree) {
        try (TSTreeCursor cursor = new TSTreeCursor(subtree)) {
            return copyCurrent(cursor, null);
        }
    }

    private Node copyCurrent(TSTreeCursor cursor, String field) {
        TSNode node = cursor.currentNode();
        int symbol = node.getSymbol();
        String type = symbols.name(symbol);
        boolean named;
        if (type == null) { // ERROR and other built-in symbols are not in the grammar's table
            type = node.getType().intern();
            named = node.isNamed();
        } else {
            named = symbols.isNamed(symbol);
        }
        int start = node.getStartByte();
        int end = node.getEndByte();
        boolean missing = start == end && node.isMissing();
        List<Node> children;
        String leafText = null;
        if (cursor.gotoFirstChild()) {
            List<Node> copied = new ArrayList<>();
            do {
                copied.add(copyCurrent(cursor, symbols.field(cursor.currentFieldId())));
            } while (cursor.gotoNextSibling());
            cursor.gotoParent();
            children = List.copyOf(copied);
        } else {
            children = List.of();
            leafText = text.textOfBytes(start, end);
        }
        return new Node(type, named, missing, field, start, end, children, leafText);
    }
}
