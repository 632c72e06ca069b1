package dev.gotchals.elixir;

import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.List;

/**
 * Decides whether a condition on the Mix environment holds for a given environment: {@code config_env() == :prod},
 * {@code Mix.env() != :dev}, {@code config_env() in [:dev, :test]}, combined with {@code and}, {@code or},
 * {@code not}, {@code &&}, {@code ||}, {@code !} and parentheses. Anything else is {@link Truth#UNKNOWN}.
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

    /** {@code config_env()} or {@code Mix.env()} (with or without parentheses). */
    public static boolean isEnvExpression(SyntaxTree tree, Node node) {
        if (node == null) {
            return false;
        }
        if ("config_env".equals(ElixirSyntax.localCallName(tree, node))) {
            return ElixirSyntax.arguments(node).isEmpty();
        }
        return ElixirSyntax.isRemoteCall(tree, node, "Mix", "env") && ElixirSyntax.arguments(node).isEmpty();
    }
}
