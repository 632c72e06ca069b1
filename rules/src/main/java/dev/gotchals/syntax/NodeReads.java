package dev.gotchals.syntax;

import org.treesitter.TSNode;
import org.treesitter.TSParser;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A tree-sitter node's symbol, span and MISSING flag with the fewest JNI calls: the copy of every parsed file asks
 * these of each of its nodes. {@link TSNode}'s getters first ask natively whether the node is null, a second call
 * each, which a cursor's nodes never are; the statics they call are reachable from a subclass of {@link TSParser}.
 * The start byte is a field of the node itself (tree-sitter's {@code context[0]}), read without a native call when
 * the binding lets us.
 */
final class NodeReads extends TSParser {
    /** TSNode's copy of {@code context[0]}, or null when the binding's class hides it: then it is asked natively. */
    private static final VarHandle START_BYTE = startByteField();

    private NodeReads() {
    }

    static int symbol(TSNode node) {
        return ts_node_symbol(node);
    }

    static int startByte(TSNode node) {
        return START_BYTE != null ? (int) START_BYTE.get(node) : ts_node_start_byte(node);
    }

    static int endByte(TSNode node) {
        return ts_node_end_byte(node);
    }

    static boolean isMissing(TSNode node) {
        return ts_node_is_missing(node);
    }

    /** Whether the start byte is read from the node's own field: a newer binding may have renamed it. */
    static boolean readsStartByteFromTheNode() {
        return START_BYTE != null;
    }

    private static VarHandle startByteField() {
        try {
            return MethodHandles.privateLookupIn(TSNode.class, MethodHandles.lookup())
                    .findVarHandle(TSNode.class, "context0", int.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
