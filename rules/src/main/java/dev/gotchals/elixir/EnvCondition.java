package dev.gotchals.elixir;

import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.List;

/**
 * Decides whether a condition on the Mix environment holds for a given environment: {@code config_env() == :prod},
 * {@code Mix.env() != :dev}, {@code config_env() in [:dev, :test]}, combined with {@code and}, {@code or},
 * {@code not}, {@code &&}, {@code ||}, {@code !} and parentheses. A variable bound once to {@code config_env()} or
 * {@code Mix.env()} by a top-level statement before it ({@code env = config_env()}, then {@code env == :dev}) stands
 * for the environment too. Anything else is {@link Truth#UNKNOWN}.
 */
public final class EnvCondition {
    private EnvCondition() {
    }

    public static Truth evaluate(SyntaxTree tree, Node condition, String env) {
        if (condition == null) {
            return Truth.UNKNOWN;
        }
        if (condition.is("block")) {
            List<Node> inner = condition.namedChildren();
            return inner.size() == 1 ? evaluate(tree, inner.get(0), env) : Truth.UNKNOWN;
        }
        if (condition.is("boolean")) {
            return Truth.of(tree.text(condition).equals("true"));
        }
        if (condition.is("unary_operator")) {
            Node operator = condition.child("operator");
            Node operand = condition.child("operand");
            String op = operator == null ? "" : tree.text(operator);
            return op.equals("not") || op.equals("!") ? evaluate(tree, operand, env).not() : Truth.UNKNOWN;
        }
        if (!condition.is("binary_operator")) {
            return Truth.UNKNOWN;
        }
        Node operator = condition.child("operator");
        Node left = condition.child("left");
        Node right = condition.child("right");
        String op = operator == null ? "" : tree.text(operator).replaceAll("\\s+", " ");
        switch (op) {
            case "and", "&&":
                return evaluate(tree, left, env).and(evaluate(tree, right, env));
            case "or", "||":
                return evaluate(tree, left, env).or(evaluate(tree, right, env));
            case "==", "===", "!=", "!==": {
                Node value = isEnvExpression(tree, left) ? right : isEnvExpression(tree, right) ? left : null;
                String atom = value == null ? null : ElixirSyntax.atomName(tree, value);
                if (atom == null) {
                    return Truth.UNKNOWN;
                }
                Truth equal = Truth.of(atom.equals(env));
                return op.startsWith("!") ? equal.not() : equal;
            }
            case "in", "not in": {
                if (!isEnvExpression(tree, left) || right == null || !right.is("list")) {
                    return Truth.UNKNOWN;
                }
                boolean member = false;
                for (Node item : right.namedChildren()) {
                    String atom = ElixirSyntax.atomName(tree, item);
                    if (atom == null) {
                        return Truth.UNKNOWN;
                    }
                    member |= atom.equals(env);
                }
                return op.equals("in") ? Truth.of(member) : Truth.of(!member);
            }
            default:
                return Truth.UNKNOWN;
        }
    }

    /**
     * {@code config_env()} or {@code Mix.env()} (with or without parentheses), or a variable bound to one of them
     * ({@link #boundToEnv}).
     */
    public static boolean isEnvExpression(SyntaxTree tree, Node node) {
        return isEnvCall(tree, node) || node != null && node.is("identifier") && boundToEnv(tree, node);
    }

    private static boolean isEnvCall(SyntaxTree tree, Node node) {
        if (node == null) {
            return false;
        }
        if ("config_env".equals(ElixirSyntax.localCallName(tree, node))) {
            return ElixirSyntax.arguments(node).isEmpty();
        }
        return ElixirSyntax.isRemoteCall(tree, node, "Mix", "env") && ElixirSyntax.arguments(node).isEmpty();
    }

    /**
     * Whether a variable holds the environment where it is read: a top-level statement of its file before it binds
     * it to {@code config_env()} or {@code Mix.env()}, and nothing else in the file binds that name again (a second
     * match, or a parameter of an {@code fn} or a pattern of a {@code case} clause).
     */
    private static boolean boundToEnv(SyntaxTree tree, Node variable) {
        String name = tree.text(variable);
        boolean bound = false;
        for (Node statement : tree.statements()) {
            if (statement.startByte() >= variable.startByte()) {
                break;
            }
            Node bindsIt = matchOf(tree, statement, name);
            bound |= bindsIt != null && isEnvCall(tree, bindsIt);
        }
        return bound && bindings(tree, name) == 1;
    }

    /** The right side of {@code name = right}, when the node is that match; else null. */
    private static Node matchOf(SyntaxTree tree, Node node, String name) {
        if (!node.is("binary_operator")) {
            return null;
        }
        Node operator = node.child("operator");
        Node left = node.child("left");
        return operator != null && tree.text(operator).equals("=") && left != null && left.is("identifier")
                && tree.text(left).equals(name) ? node.child("right") : null;
    }

    /** How many matches and clause patterns of the file bind the name. */
    private static int bindings(SyntaxTree tree, String name) {
        int[] count = {0};
        tree.root().forEachDescendant(node -> {
            if (matchOf(tree, node, name) != null) {
                count[0]++;
            } else if (node.is("stab_clause") && node.child("left") != null) {
                node.child("left").forEachDescendant(inner -> {
                    if (inner.is("identifier") && tree.text(inner).equals(name)) {
                        count[0]++;
                    }
                });
            }
        });
        return count[0];
    }
}
