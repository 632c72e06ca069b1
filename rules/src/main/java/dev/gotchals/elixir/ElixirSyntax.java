package dev.gotchals.elixir;

import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.ArrayList;
import java.util.List;

/**
 * Reading tree-sitter-elixir nodes. The grammar makes almost everything a {@code call}: {@code config :app, k: v}
 * is a call whose target is the identifier {@code config} and whose {@code arguments} hold an atom and a
 * {@code keywords} node of {@code pair}s; {@code if c do … else … end} is a call with a {@code do_block}.
 */
public final class ElixirSyntax {
    private ElixirSyntax() {
    }

    /** The name of a local call ({@code config}, {@code if}, {@code import_config}), or null. */
    public static String localCallName(SyntaxTree tree, Node node) {
        if (node == null || !node.is("call")) {
            return null;
        }
        Node target = node.child("target");
        return target != null && target.is("identifier") ? tree.text(target) : null;
    }

    /** Whether {@code node} is a remote call {@code Module.function(…)}, such as {@code System.get_env("X")}. */
    public static boolean isRemoteCall(SyntaxTree tree, Node node, String module, String function) {
        if (node == null || !node.is("call")) {
            return false;
        }
        Node target = node.child("target");
        if (target == null || !target.is("dot")) {
            return false;
        }
        Node left = target.child("left");
        Node right = target.child("right");
        // An Erlang module is an atom: `:logger.add_handler(…)`.
        boolean moduleNode = left != null && (left.is("alias") || module.startsWith(":") && left.is("atom"));
        return moduleNode && right != null && module.equals(tree.text(left))
                && right.is("identifier") && function.equals(tree.text(right));
    }

    /** The positional arguments of a call (keyword lists stay one {@code keywords} node at the end). */
    public static List<Node> arguments(Node call) {
        Node arguments = call.firstOfType("arguments");
        if (arguments == null) {
            return List.of();
        }
        // A comment between arguments (config :app,\n  # why\n  key: value) is a child of the arguments node.
        List<Node> values = new ArrayList<>();
        for (Node child : arguments.namedChildren()) {
            if (!child.is("comment")) {
                values.add(child);
            }
        }
        return values;
    }

    /** The pairs of the trailing keyword list of a call ({@code config :app, key: value}). */
    public static List<Node> keywordPairs(Node call) {
        List<Node> arguments = arguments(call);
        if (arguments.isEmpty()) {
            return List.of();
        }
        Node last = arguments.get(arguments.size() - 1);
        return pairsOf(last);
    }

    /** The pairs of a {@code keywords} node or a keyword {@code list} ({@code [host: "x", port: 443]}). */
    public static List<Node> pairsOf(Node node) {
        Node keywords = node.is("keywords") ? node : node.is("list") ? node.firstOfType("keywords") : null;
        if (keywords == null) {
            return List.of();
        }
        List<Node> pairs = new ArrayList<>();
        for (Node child : keywords.namedChildren()) {
            if (child.is("pair")) {
                pairs.add(child);
            }
        }
        return pairs;
    }

    /** The key of a pair without its colon ({@code level: } → "level"), or null when it is quoted or missing. */
    public static String keywordName(SyntaxTree tree, Node pair) {
        Node key = pair.child("key");
        if (key == null || !key.is("keyword")) {
            return null;
        }
        String text = tree.text(key).strip();
        return text.endsWith(":") ? text.substring(0, text.length() - 1) : null;
    }

    /** {@code :debug} → "debug"; null for quoted atoms and non-atoms. */
    public static String atomName(SyntaxTree tree, Node node) {
        if (node == null || !node.is("atom")) {
            return null;
        }
        String text = tree.text(node);
        return text.startsWith(":") && text.length() > 1 && text.charAt(1) != '"' ? text.substring(1) : null;
    }

    /** The content of a string literal without interpolation, or null. */
    public static String stringLiteral(SyntaxTree tree, Node node) {
        if (node == null || !node.is("string")) {
            return null;
        }
        StringBuilder content = new StringBuilder();
        for (Node child : node.namedChildren()) {
            if (child.is("quoted_content")) {
                content.append(tree.text(child));
            } else {
                return null;
            }
        }
        return content.toString();
    }

    /** The {@code do_block} of a call, or null. */
    public static Node doBlock(Node call) {
        return call.firstOfType("do_block");
    }

    /**
     * The branch of an {@code if} or {@code unless} written with keywords ({@code if c, do: config(…), else: …}): the
     * {@code do:} value, or the {@code else:} value when {@code elseBranch}; empty when the call has no such branch.
     */
    public static List<Node> keywordBranch(SyntaxTree tree, Node call, boolean elseBranch) {
        List<Node> arguments = arguments(call);
        if (arguments.size() != 2 || !arguments.get(1).is("keywords")) {
            return List.of();
        }
        for (Node pair : pairsOf(arguments.get(1))) {
            Node value = pair.child("value");
            if ((elseBranch ? "else" : "do").equals(keywordName(tree, pair)) && value != null) {
                return List.of(value);
            }
        }
        return List.of();
    }

    /**
     * The statements of a do block before its {@code else}, or those of the {@code else_block} when
     * {@code elseBranch} is true.
     */
    public static List<Node> blockStatements(Node doBlock, boolean elseBranch) {
        if (doBlock == null) {
            return List.of();
        }
        if (elseBranch) {
            Node elseBlock = doBlock.firstOfType("else_block");
            return elseBlock == null ? List.of() : elseBlock.namedChildren();
        }
        List<Node> statements = new ArrayList<>();
        for (Node child : doBlock.namedChildren()) {
            if (child.is("else_block") || child.is("rescue_block") || child.is("catch_block")
                    || child.is("after_block")) {
                break;
            }
            statements.add(child);
        }
        return statements;
    }
}
