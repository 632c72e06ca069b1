package dev.gotchals.mix;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.ModuleIndex.Function;
import dev.gotchals.elixir.ModuleIndex.Module;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads literal values in a mix.exs module, following what stays exact without evaluating code: calls of the
 * module's own zero-arity functions ({@code deps: deps()}), its module attributes ({@code app: @app}) and list
 * concatenation. Anything else is unknown: the typed readers answer null.
 */
final class MixValues {
    /** How many indirections one value may go through (a function returning an attribute …). */
    private static final int MAX_HOPS = 8;

    private final Module module;
    private final SyntaxTree tree;

    MixValues(Module module) {
        this.module = module;
        this.tree = module.tree();
    }

    SyntaxTree tree() {
        return tree;
    }

    /** The value a zero-arity function of the module returns, or null. */
    Node result(String function) {
        List<Function> clauses = module.clauses(function, 0);
        return clauses.size() == 1 ? resolve(clauses.get(0).lastExpression()) : null;
    }

    /**
     * What a value may be: the value itself, or each clause's result when it calls a local function with arguments
     * ({@code elixirc_paths(Mix.env())}); empty when such a function has no clause here.
     */
    List<Node> outcomes(Node value) {
        String local = ElixirSyntax.localCallName(tree, value);
        int arity = local == null ? 0 : ElixirSyntax.arguments(value).size();
        if (arity == 0) {
            return List.of(value);
        }
        return module.clauses(local, arity).stream().map(Function::lastExpression).toList();
    }

    /** The node a value stands for, after local function calls and attributes. */
    Node resolve(Node node) {
        for (int hop = 0; node != null && hop < MAX_HOPS; hop++) {
            Node next = step(node);
            if (next == null) {
                return node;
            }
            node = next;
        }
        return node;
    }

    private Node step(Node node) {
        String local = ElixirSyntax.localCallName(tree, node);
        if (local == null && node.is("identifier")) {
            local = tree.text(node);
        }
        if (local != null && (node.is("identifier") || ElixirSyntax.arguments(node).isEmpty())
                && ElixirSyntax.doBlock(node) == null) {
            List<Function> clauses = module.clauses(local, 0);
            return clauses.size() == 1 ? clauses.get(0).lastExpression() : null;
        }
        if (node.is("unary_operator") && tree.text(node).startsWith("@")) {
            Node operand = node.child("operand");
            return operand != null && operand.is("identifier") ? module.attribute(tree.text(operand)) : null;
        }
        return null;
    }

    /**
     * The pairs of a keyword list value, with {@code a ++ b} joined ({@code [test: …] ++ [setup: …]}), or null when
     * the value is not one (or not only one).
     */
    List<Node> keywords(Node value) {
        Node list = resolve(value);
        Node operator = list != null && list.is("binary_operator") ? list.child("operator") : null;
        if (operator != null && tree.text(operator).equals("++")) {
            List<Node> left = keywords(list.child("left"));
            List<Node> right = left == null ? null : keywords(list.child("right"));
            if (right == null) {
                return null;
            }
            List<Node> joined = new ArrayList<>(left);
            joined.addAll(right);
            return joined;
        }
        if (list == null || !list.is("list")) {
            return null;
        }
        for (Node item : list.namedChildren()) {
            if (!item.is("keywords") && !item.is("comment")) { // `[\n  # OTP app:\n  app: :rig, …]`
                return null;
            }
        }
        return ElixirSyntax.pairsOf(list);
    }

    /**
     * The items of a list value, with {@code a ++ b} joined; a null item stands for a part that is not a literal
     * list. Null when the value is not a list at all.
     */
    List<Node> items(Node value) {
        Node node = resolve(value);
        if (node == null) {
            return null;
        }
        List<Node> items = new ArrayList<>();
        Node operator = node.is("binary_operator") ? node.child("operator") : null;
        if (operator != null && tree.text(operator).equals("++")) {
            for (Node side : List.of(node.child("left"), node.child("right"))) {
                List<Node> part = items(side);
                if (part == null) {
                    items.add(null);
                } else {
                    items.addAll(part);
                }
            }
            return items;
        }
        if (!node.is("list")) {
            return null;
        }
        for (Node item : node.namedChildren()) {
            if (item.is("comment")) {
                continue; // `# Dev/Test dependencies` between the items
            }
            if (item.is("keywords")) {
                items.addAll(ElixirSyntax.pairsOf(item));
            } else {
                items.add(resolve(item));
            }
        }
        return items;
    }

    /** The key of a keyword pair: {@code app:} → "app", {@code "assets.deploy":} → "assets.deploy"; or null. */
    String key(Node pair) {
        String name = ElixirSyntax.keywordName(tree, pair);
        if (name != null) {
            return name;
        }
        Node key = pair.child("key");
        if (key != null && key.is("quoted_keyword")) {
            String text = tree.text(key).strip();
            int close = text.lastIndexOf('"');
            return close > 1 && text.startsWith("\"") ? text.substring(1, close) : null;
        }
        return null;
    }

    String string(Node value) {
        return ElixirSyntax.stringLiteral(tree, resolve(value));
    }

    String atom(Node value) {
        return ElixirSyntax.atomName(tree, resolve(value));
    }

    /** {@code :prod} → [prod], {@code [:dev, :test]} → [dev, test]; null when any part is not an atom. */
    List<String> atoms(Node value) {
        Node node = resolve(value);
        String single = ElixirSyntax.atomName(tree, node);
        if (single != null) {
            return List.of(single);
        }
        List<Node> items = node == null || !node.is("list") ? null : items(node);
        if (items == null) {
            return null;
        }
        List<String> atoms = new ArrayList<>();
        for (Node item : items) {
            String atom = ElixirSyntax.atomName(tree, item);
            if (atom == null) {
                return null;
            }
            atoms.add(atom);
        }
        return atoms;
    }

    /** {@code true}/{@code false}, or null. */
    Boolean bool(Node value) {
        Node node = resolve(value);
        if (node == null || !node.is("boolean")) {
            return null;
        }
        return tree.text(node).equals("true");
    }
}
