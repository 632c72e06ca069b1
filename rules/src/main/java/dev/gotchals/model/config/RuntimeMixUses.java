package dev.gotchals.model.config;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.EnvCondition;
import dev.gotchals.elixir.Truth;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a runtime config file asks of Mix, which a release does not contain: calls on {@code Mix} and its modules
 * ({@code Mix.env()}, {@code Mix.Project.config()}), {@code use Mix.Config} / {@code import Mix.Config}, and
 * {@code import_config}, which {@code Config.Reader} refuses in runtime config. Only what a production release
 * evaluates is kept: not what sits in a branch that a condition on the environment rules out for prod
 * ({@code if config_env() == :dev}, a {@code case config_env()} clause for {@code :test}), nor behind a check that
 * Mix is there ({@code if Code.ensure_loaded?(Mix)}, {@code function_exported?(Mix, :env, 0) and …}).
 */
public final class RuntimeMixUses {
    private static final String RELEASE_ENV = "prod";
    /** A condition that holds only where the Mix module is loaded. */
    private static final Pattern MIX_GUARD = Pattern.compile(
            "(Code\\.ensure_loaded\\?|Code\\.ensure_compiled!?|Code\\.loaded\\?|function_exported\\?|macro_exported\\?)"
            + "\\(\\s*Mix\\b");

    /** What kind of Mix use. */
    public enum Kind {
        /** {@code Mix.env()}, {@code Mix.target()}, {@code Mix.Project.config()} … */
        MIX_CALL,
        /** {@code use Mix.Config} or {@code import Mix.Config} (the release has no {@code Mix.Config}). */
        MIX_CONFIG,
        /** {@code import_config "prod.secret.exs"}. */
        IMPORT_CONFIG
    }

    /**
     * One use.
     *
     * @param kind what it is
     * @param node the call ({@code Mix.env()}, {@code use Mix.Config}, {@code import_config …})
     */
    public record Use(Kind kind, Node node) {
        /** For {@link Kind#MIX_CALL}: the call without arguments, as written ({@code Mix.env}, {@code Mix.Project.config}). */
        public String callee(SyntaxTree tree) {
            Node target = node.child("target");
            return tree.text(target == null ? node : target);
        }

        /** Whether it is {@code Mix.<function>()} with no arguments. */
        public boolean isMixCall(SyntaxTree tree, String function) {
            return kind == Kind.MIX_CALL && ElixirSyntax.isRemoteCall(tree, node, "Mix", function)
                    && ElixirSyntax.arguments(node).isEmpty();
        }
    }

    private RuntimeMixUses() {
    }

    /** The uses of Mix a production release evaluates in {@code file}, in source order. */
    public static List<Use> of(DocumentSnapshot file) {
        if (file == null || !file.isParsed()) {
            return List.of();
        }
        SyntaxTree tree = file.tree();
        List<Use> uses = new ArrayList<>();
        tree.root().forEachDescendant(node -> {
            Kind kind = kindOf(tree, node);
            if (kind != null && evaluatedInRelease(tree, node)) {
                uses.add(new Use(kind, node));
            }
        });
        return uses;
    }

    private static Kind kindOf(SyntaxTree tree, Node node) {
        if (!node.is("call")) {
            return null;
        }
        String local = ElixirSyntax.localCallName(tree, node);
        if ("import_config".equals(local)) {
            return Kind.IMPORT_CONFIG;
        }
        if ("use".equals(local) || "import".equals(local)) {
            List<Node> arguments = ElixirSyntax.arguments(node);
            return !arguments.isEmpty() && tree.text(arguments.get(0)).equals("Mix.Config") ? Kind.MIX_CONFIG : null;
        }
        Node target = node.child("target");
        Node module = target != null && target.is("dot") ? target.child("left") : null;
        if (module == null || !module.is("alias")) {
            return null;
        }
        String name = tree.text(module);
        return name.equals("Mix") || name.startsWith("Mix.") ? Kind.MIX_CALL : null;
    }

    /** Whether no enclosing branch keeps a production release from evaluating {@code node}. */
    private static boolean evaluatedInRelease(SyntaxTree tree, Node node) {
        List<Node> path = tree.root().pathTo(node.startByte());
        int end = path.indexOf(node);
        for (int i = 0; i < end; i++) {
            Node ancestor = path.get(i);
            Node child = path.get(i + 1);
            Node below = i + 2 < path.size() ? path.get(i + 2) : null;
            if (ancestor.is("binary_operator") && skipsRight(tree, ancestor, child)) {
                return false;
            }
            if (ancestor.is("call") && skipsBranch(tree, ancestor, child, below, node)) {
                return false;
            }
        }
        return true;
    }

    /** {@code guard and expression}: the right side runs only when the left holds. */
    private static boolean skipsRight(SyntaxTree tree, Node operation, Node child) {
        Node operator = operation.child("operator");
        String op = operator == null ? "" : tree.text(operator);
        if (!(op.equals("and") || op.equals("&&")) || !child.equals(operation.child("right"))) {
            return false;
        }
        return neverHolds(tree, operation.child("left"));
    }

    /** Whether {@code child} (with {@code below} under it) is a branch of an if/unless/case/cond that prod skips. */
    private static boolean skipsBranch(SyntaxTree tree, Node call, Node child, Node below, Node target) {
        String name = ElixirSyntax.localCallName(tree, call);
        List<Node> arguments = ElixirSyntax.arguments(call);
        if (name == null || arguments.isEmpty() && !"cond".equals(name)) {
            return false;
        }
        return switch (name) {
            case "if", "unless" -> conditional(tree, call, arguments.get(0), name.equals("unless"), child, below,
                    target);
            case "case" -> child.is("do_block") && below != null && below.is("stab_clause")
                    && skippedCaseClause(tree, arguments.get(0), below);
            case "cond" -> child.is("do_block") && below != null && below.is("stab_clause")
                    && neverHolds(tree, clauseCondition(below));
            default -> false;
        };
    }

    private static boolean conditional(SyntaxTree tree, Node call, Node condition, boolean unless, Node child,
                                       Node below, Node target) {
        Boolean inElse = null;
        if (child.is("do_block")) {
            inElse = below != null && below.is("else_block");
        } else if (child.is("arguments")) {
            // if condition, do: …, else: …
            for (Node pair : ElixirSyntax.keywordPairs(call)) {
                if (pair.startByte() <= target.startByte() && target.endByte() <= pair.endByte()) {
                    String key = ElixirSyntax.keywordName(tree, pair);
                    inElse = "else".equals(key) ? Boolean.TRUE : "do".equals(key) ? Boolean.FALSE : null;
                }
            }
        }
        if (inElse == null) {
            return false; // the condition itself: always evaluated
        }
        boolean negated = unless != inElse;
        Truth holds = EnvCondition.evaluate(tree, condition, RELEASE_ENV);
        if ((negated ? holds.not() : holds) == Truth.FALSE) {
            return true;
        }
        return !negated && requiresMix(tree, condition);
    }

    /** A clause of {@code case config_env()} whose pattern is an environment other than prod. */
    private static boolean skippedCaseClause(SyntaxTree tree, Node subject, Node clause) {
        if (!EnvCondition.isEnvExpression(tree, subject)) {
            return false;
        }
        Node pattern = clause.child("left");
        String atom = pattern == null ? null : ElixirSyntax.atomName(tree, onlyChild(pattern));
        return atom != null && !atom.equals(RELEASE_ENV);
    }

    private static Node clauseCondition(Node clause) {
        Node left = clause.child("left");
        return left == null ? null : onlyChild(left);
    }

    private static Node onlyChild(Node node) {
        List<Node> inner = node.namedChildren();
        return node.is("arguments") && inner.size() == 1 ? inner.get(0) : node;
    }

    /** A condition false in a production release: false for prod, or true only where Mix is loaded. */
    private static boolean neverHolds(SyntaxTree tree, Node condition) {
        return condition != null && (EnvCondition.evaluate(tree, condition, RELEASE_ENV) == Truth.FALSE
                || requiresMix(tree, condition));
    }

    /** {@code Code.ensure_loaded?(Mix)}, alone or as one side of an {@code and}. */
    private static boolean requiresMix(SyntaxTree tree, Node condition) {
        if (condition == null) {
            return false;
        }
        if (condition.is("block") && condition.namedChildren().size() == 1) {
            return requiresMix(tree, condition.namedChildren().get(0));
        }
        if (condition.is("binary_operator")) {
            Node operator = condition.child("operator");
            String op = operator == null ? "" : tree.text(operator);
            return (op.equals("and") || op.equals("&&"))
                    && (requiresMix(tree, condition.child("left")) || requiresMix(tree, condition.child("right")));
        }
        return condition.is("call") && MIX_GUARD.matcher(tree.text(condition)).lookingAt();
    }
}
