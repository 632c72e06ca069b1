package dev.gotchals.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An immutable Java copy of a tree-sitter node. Rules read these instead of tree-sitter's JNI nodes: every JNI
 * call costs microseconds, so each top-level statement is copied once when it changes and then read freely.
 * Offsets are UTF-8 byte offsets into the text the tree was parsed from; leaves keep their text.
 */
public final class Node {
    private final String type;
    private final boolean named;
    private final boolean missing;
    private final String field;
    private final int startByte;
    private final int endByte;
    private final List<Node> children;
    private final String text;

    Node(String type, boolean named, boolean missing, String field, int startByte, int endByte,
         List<Node> children, String text) {
        this.type = type;
        this.named = named;
        this.missing = missing;
        this.field = field;
        this.startByte = startByte;
        this.endByte = endByte;
        this.children = children;
        this.text = text;
    }

    public String type() {
        return type;
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
        return children;
    }

    /** The text of a leaf (a node without children); null for inner nodes, whose text the tree gives. */
    public String leafText() {
        return text;
    }

    public List<Node> namedChildren() {
        List<Node> result = new ArrayList<>(children.size());
        for (Node child : children) {
            if (child.named) {
                result.add(child);
            }
        }
        return result;
    }

    /** The first child filling {@code fieldName}, or null. */
    public Node child(String fieldName) {
        for (Node child : children) {
            if (fieldName.equals(child.field)) {
                return child;
            }
        }
        return null;
    }

    /** The first named child of the given type, or null. */
    public Node firstOfType(String nodeType) {
        for (Node child : children) {
            if (child.named && child.type.equals(nodeType)) {
                return child;
            }
        }
        return null;
    }

    public boolean contains(int byteOffset) {
        return startByte <= byteOffset && byteOffset < endByte;
    }

    /** Visits this node and its descendants in document order. */
    public void forEachDescendant(Consumer<Node> visitor) {
        visitor.accept(this);
        for (Node child : children) {
            child.forEachDescendant(visitor);
        }
    }

    /** This node moved by {@code delta} bytes, for a statement that an edit before it pushed along. */
    Node shifted(int delta) {
        if (delta == 0) {
            return this;
        }
        List<Node> moved = new ArrayList<>(children.size());
        for (Node child : children) {
            moved.add(child.shifted(delta));
        }
        return new Node(type, named, missing, field, startByte + delta, endByte + delta, List.copyOf(moved), text);
    }

    /** The s-expression of named nodes, in tree-sitter's own format, for tests that compare trees. */
    public String sexp() {
        StringBuilder out = new StringBuilder();
        appendSexp(out, null);
        return out.toString();
    }

    private void appendSexp(StringBuilder out, String fieldName) {
        if (fieldName != null) {
            out.append(fieldName).append(": ");
        }
        out.append('(').append(missing ? "MISSING " : "").append(type);
        for (Node child : children) {
            if (child.named) {
                out.append(' ');
                child.appendSexp(out, child.field);
            }
        }
        out.append(')');
    }

    @Override
    public String toString() {
        return type + "[" + startByte + ".." + endByte + "]" + (text != null ? " '" + text + "'" : "");
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Node other)) {
            return false;
        }
        return named == other.named && missing == other.missing && startByte == other.startByte
                && endByte == other.endByte && type.equals(other.type) && java.util.Objects.equals(field, other.field)
                && java.util.Objects.equals(text, other.text) && children.equals(other.children);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(type, startByte, endByte, children.size());
    }
}
