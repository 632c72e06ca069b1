package dev.gotchals.rules;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.EnvCondition;
import dev.gotchals.elixir.Truth;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.ArrayList;
import java.util.List;

/**
 * The values an {@code if}, {@code unless}, {@code case} or {@code cond} expression may yield in production: the
 * result of every branch, except those a condition on the environment ({@code config_env() == :prod},
 * {@code case config_env() do :prod -> …}) rules out.
 */
final class ProdBranches {
    private ProdBranches() {
    }

    /** The last expression of each branch production may take; empty for any other node. */
    static List<Node> results(SyntaxTree tree, Node node) {
        String name = ElixirSyntax.localCallName(tree, node);
        if (name == null) {
            return List.of();
        }
        List<Node> arguments = ElixirSyntax.arguments(node);
        return switch (name) {
            case "if", "unless" -> conditional(tree, node, arguments, name.equals("unless"));
            case "case" -> arguments.isEmpty() ? List.of() : caseClauses(tree, node, arguments.get(0));
            case "cond" -> condClauses(tree, node);
            default -> List.of();
        };
    }

    private static List<Node> conditional(SyntaxTree tree, Node node, List<Node> arguments, boolean negated) {
        if (arguments.isEmpty()) {
            return List.of();
        }
        Truth holds = EnvCondition.evaluate(tree, arguments.get(0), "prod");
        holds = negated ? holds.not() : holds;
        Node doValue = null;
        Node elseValue = null;
        for (Node pair : ElixirSyntax.keywordPairs(node)) {
            String key = ElixirSyntax.keywordName(tree, pair);
            doValue = "do".equals(key) ? pair.child("value") : doValue;
            elseValue = "else".equals(key) ? pair.child("value") : elseValue;
        }
        Node block = ElixirSyntax.doBlock(node);
        doValue = doValue != null ? doValue : last(ElixirSyntax.blockStatements(block, false));
        elseValue = elseValue != null ? elseValue : last(ElixirSyntax.blockStatements(block, true));
        List<Node> results = new ArrayList<>();
        if (holds != Truth.FALSE && doValue != null) {
            results.add(doValue);
        }
        if (holds != Truth.TRUE && elseValue != null) {
            results.add(elseValue);
        }
        return results;
    }

    /** On {@code config_env()}, only the first clause that matches {@code :prod}; otherwise every clause. */
    private static List<Node> caseClauses(SyntaxTree tree, Node node, Node subject) {
        boolean onEnv = EnvCondition.isEnvExpression(tree, subject);
        List<Node> results = new ArrayList<>();
        for (Node clause : clauses(node)) {
            Node pattern = clause.child("left");
            String text = pattern == null ? "" : tree.text(pattern).strip();
            boolean matchesProd = text.equals(":prod") || text.matches("_\\w*|[a-z]\\w*");
            if (onEnv && !matchesProd) {
                continue;
            }
            addResult(clause, results);
            if (onEnv) {
                break;
            }
        }
        return results;
    }

    private static List<Node> condClauses(SyntaxTree tree, Node node) {
        List<Node> results = new ArrayList<>();
        for (Node clause : clauses(node)) {
            // A clause's left side holds its condition as the one argument of an arguments node.
            Node left = clause.child("left");
            List<Node> conditions = left == null ? List.of() : left.namedChildren();
            Truth holds = conditions.size() != 1 ? Truth.UNKNOWN : EnvCondition.evaluate(tree, conditions.get(0), "prod");
            if (holds == Truth.FALSE) {
                continue;
            }
            addResult(clause, results);
            if (holds == Truth.TRUE) {
                break;
            }
        }
        return results;
    }

    private static List<Node> clauses(Node node) {
        List<Node> clauses = new ArrayList<>();
        for (Node statement : ElixirSyntax.blockStatements(ElixirSyntax.doBlock(node), false)) {
            if (statement.is("stab_clause")) {
                clauses.add(statement);
            }
        }
        return clauses;
    }

    private static void addResult(Node clause, List<Node> results) {
        Node body = clause.child("right");
        Node result = body == null ? null : last(body.namedChildren());
        if (result != null) {
            results.add(result);
        }
    }

    private static Node last(List<Node> nodes) {
        return nodes.isEmpty() ? null : nodes.get(nodes.size() - 1);
    }
}
