package dev.gotchals.syntax;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An immutable Java copy of a tree-sitter node. Rules read these instead of tree-sitter's JNI nodes: every JNI
 * call costs microseconds, so each top-level statement is copied once when it changes and then read freely.
 * Offsets are UTF-8 byte offsets into the text the tree was parsed from; leaves keep their text.
 *
 * <p>An edit moves every statement after it. A moved node ({@link #shifted}) is made in constant time: its children
 * are moved only when first asked for, so of the thousands of statements after an edit in a long file only those
 * whose insides are read again cost more than one object.
 */
public final class Node {
    private final int height;
    private final String type;
    private final boolean named;
    private final boolean missing;
    private final String field;
    private final int startByte;
    private final int endByte;
    private final int childCount;
    /** The children, once known: null for a moved node until first asked for. */
    private volatile List<Node> children;
    /**
     * For a moved node whose children are not known yet, the node it was moved from, whose children are; dropped once
     * they are known, so that no chain of older trees is kept. Read before {@link #children}, written after it.
     */
    private volatile Node movedFrom;
    private final String text;
    /**
     * What a reader worked out from this node's text and shape alone ({@link #textReading}), shared with the copies an
     * edit moves it to: they have the same text and the same children. Null until first asked for.
     */
    private Object textReading;

    Node(String type, boolean named, boolean missing, String field, int startByte, int endByte,
         List<Node> children, String text) {
        int tallest = 0;
        for (Node child : children) {
            tallest = Math.max(tallest, child.height);
        }
        this.height = tallest + 1;
        this.type = type;
        this.named = named;
        this.missing = missing;
        this.field = field;
        this.startByte = startByte;
        this.endByte = endByte;
        this.childCount = children.size();
        this.children = children;
        this.movedFrom = null;
        this.text = text;
    }

    /**
     * {@code original} moved by {@code delta} bytes; its children are moved when first asked for. {@code textReading}:
     * that of the node being moved, which may be a moved copy of {@code original}.
     */
    private Node(Node original, int delta, Object textReading) {
        this.height = original.height;
        this.type = original.type;
        this.named = original.named;
        this.missing = original.missing;
        this.field = original.field;
        this.startByte = original.startByte + delta;
        this.endByte = original.endByte + delta;
        this.childCount = original.childCount;
        this.children = original.childCount == 0 ? List.of() : null;
        this.movedFrom = this.children == null ? original : null;
        this.text = original.text;
        this.textReading = textReading;
    }

    public String type() {
        return type;
    }

    /** 1 for a leaf; one more than the tallest child otherwise. */
    public int height() {
        return height;
    }

    public boolean is(String nodeType) {
        return type.equals(nodeType);
    }

    public boolean isNamed() {
        return named;
    }

    /** A node tree-sitter inserted to recover from a syntax error; it has no text. */
    public boolean isMissing() {
        return missing;
    }

    public boolean isError() {
        return type.equals("ERROR");
    }

    /** The field this node fills in its parent ({@code target}, {@code left}, {@code key} …), or null. */
    public String field() {
        return field;
    }

    public int startByte() {
        return startByte;
    }

    public int endByte() {
        return endByte;
    }

    public List<Node> children() {
        List<Node> known = children;
        return known != null ? known : moveChildren();
    }

    /** Moves a moved node's children once: every reader must get the same child objects (paths are found by identity). */
    private synchronized List<Node> moveChildren() {
        if (children == null) {
            Node original = movedFrom;
            int delta = startByte - original.startByte;
            Node[] moved = new Node[childCount];
            List<Node> originals = original.children();
            for (int i = 0; i < moved.length; i++) {
                moved[i] = originals.get(i).shifted(delta);
            }
            children = List.of(moved);
            movedFrom = null;
        }
        return children;
    }

    /**
     * What {@code read} works out from this node's text and shape alone, made on first use and kept with the node and
     * the copies that later edits move it to, so that a statement an edit only moves is not read again. {@code read}
     * must give what depends on nothing else (no offsets in the file, no node: a moved copy has its own). One reading
     * per node: asked for another kind, this reads afresh without keeping it.
     */
    public synchronized <T> T textReading(Class<T> kind, Supplier<T> read) {
        if (textReading == null) {
            textReading = read.get();
        }
        return kind.isInstance(textReading) ? kind.cast(textReading) : read.get();
    }

    private synchronized Object sharedTextReading() {
        return textReading;
    }

    /** The text of a leaf (a node without children); null for inner nodes, whose text the tree gives. */
    public String leafText() {
        return text;
    }

    public List<Node> namedChildren() {
        List<Node> result = new ArrayList<>(childCount);
        for (Node child : children()) {
            if (child.named) {
                result.add(child);
            }
        }
        return result;
    }

    /** The first child filling {@code fieldName}, or null. */
    public Node child(String fieldName) {
        for (Node child : children()) {
            if (fieldName.equals(child.field)) {
                return child;
            }
        }
        return null;
    }

    /** The first named child of the given type, or null. */
    public Node firstOfType(String nodeType) {
        for (Node child : children()) {
            if (child.named && child.type.equals(nodeType)) {
                return child;
            }
        }
        return null;
    }

    public boolean contains(int byteOffset) {
        return startByte <= byteOffset && byteOffset < endByte;
    }

    /**
     * The descendants that contain {@code byteOffset}, outermost first: the path from this node down to the
     * innermost node at that byte (this node itself not included; empty when no child contains it).
     */
    public List<Node> pathTo(int byteOffset) {
        List<Node> path = new ArrayList<>();
        Node node = this;
        while (true) {
            Deadline.check();
            Node inner = null;
            for (Node child : node.children()) {
                if (child.contains(byteOffset)) {
                    inner = child;
                    break;
                }
            }
            if (inner == null) {
                return path;
            }
            path.add(inner);
            node = inner;
        }
    }

    /**
     * The path from this node down to {@code target}, both included, found by identity (the same node object:
     * {@link #equals} compares whole subtrees); empty when {@code target} is not this node or below it.
     */
    public List<Node> pathDownTo(Node target) {
        List<Node> path = new ArrayList<>();
        path.add(this);
        path.addAll(pathTo(target.startByte()));
        for (int i = 0; i < path.size(); i++) {
            if (path.get(i) == target) {
                return path.subList(0, i + 1);
            }
        }
        return List.of();
    }

    /**
     * Visits this node and its descendants in document order. Iterative, so any nesting depth fits the default
     * stack; checks the current {@link Deadline} at every node.
     */
    public void forEachDescendant(Consumer<Node> visitor) {
        ArrayDeque<Node> pending = new ArrayDeque<>();
        pending.push(this);
        while (!pending.isEmpty()) {
            Deadline.check();
            Node node = pending.pop();
            visitor.accept(node);
            List<Node> children = node.children();
            for (int i = children.size() - 1; i >= 0; i--) {
                pending.push(children.get(i));
            }
        }
    }

    /**
     * This node moved by {@code delta} bytes, for a statement that an edit before it pushed along. Constant time: a
     * node already moved is moved again from the node it came from, so no chain of moves builds up over edits.
     */
    Node shifted(int delta) {
        if (delta == 0) {
            return this;
        }
        Node from = movedFrom;
        Node original = children == null ? from : this;
        return new Node(original, startByte + delta - original.startByte, sharedTextReading());
    }

    /** The s-expression of named nodes, in tree-sitter's own format, for tests that compare trees. */
    public String sexp() {
        StringBuilder out = new StringBuilder();
        // Each entry is a node to open, or null for a closing parenthesis.
        ArrayDeque<Node> pending = new ArrayDeque<>();
        pending.push(this);
        boolean first = true;
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (node == CLOSE) {
                out.append(')');
                continue;
            }
            if (!first) {
                out.append(' ');
                if (node.field != null) {
                    out.append(node.field).append(": ");
                }
            }
            first = false;
            out.append('(').append(node.missing ? "MISSING " : "").append(node.type);
            pending.push(CLOSE);
            List<Node> children = node.children();
            for (int i = children.size() - 1; i >= 0; i--) {
                if (children.get(i).named) {
                    pending.push(children.get(i));
                }
            }
        }
        return out.toString();
    }

    /** Marks a closing parenthesis in {@link #sexp()}'s work list. */
    private static final Node CLOSE = new Node("", false, false, null, 0, 0, List.of(), null);

    @Override
    public String toString() {
        return type + "[" + startByte + ".." + endByte + "]" + (text != null ? " '" + text + "'" : "");
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Node other) || !sameOwnFields(other)) {
            return false; // most unequal nodes differ at the top: told apart before allocating the walk
        }
        // Pairs of nodes still to compare, walked without recursion.
        ArrayDeque<Node> left = new ArrayDeque<>();
        ArrayDeque<Node> right = new ArrayDeque<>();
        left.push(this);
        right.push(other);
        while (!left.isEmpty()) {
            Node a = left.pop();
            Node b = right.pop();
            if (a == b) {
                continue;
            }
            if (!a.sameOwnFields(b)) {
                return false;
            }
            List<Node> aChildren = a.children();
            List<Node> bChildren = b.children();
            for (int i = aChildren.size() - 1; i >= 0; i--) {
                left.push(aChildren.get(i));
                right.push(bChildren.get(i));
            }
        }
        return true;
    }

    /** Equal apart from the children themselves (their number included). */
    private boolean sameOwnFields(Node other) {
        return named == other.named && missing == other.missing && startByte == other.startByte
                && endByte == other.endByte && type.equals(other.type) && java.util.Objects.equals(field, other.field)
                && java.util.Objects.equals(text, other.text) && childCount == other.childCount;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(type, startByte, endByte, childCount);
    }
}
