package dev.gotchals.rules;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.Truth;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How production turns a Phoenix endpoint's HTTP server on, as far as config and the supervision tree tell.
 *
 * @param kind   what is known
 * @param vars   for {@link Kind#CONDITIONAL}: the environment variables any one of which turns it on
 * @param source for {@link Kind#CONDITIONAL}: the config file that reads them, for messages
 */
record ServerSwitch(Kind kind, Set<String> vars, Path source) {
    static final ServerSwitch OFF = new ServerSwitch(Kind.OFF, Set.of(), null);
    static final ServerSwitch ON = new ServerSwitch(Kind.ON, Set.of(), null);
    static final ServerSwitch DECLINED = new ServerSwitch(Kind.DECLINED, Set.of(), null);
    static final ServerSwitch UNKNOWN = new ServerSwitch(Kind.UNKNOWN, Set.of(), null);

    /** What is known of the switch. */
    enum Kind {
        /** Nothing turns the server on. */
        OFF,
        /** Always on. */
        ON,
        /** On when one of {@link #vars()} is set. */
        CONDITIONAL,
        /** Explicitly off ({@code server: false}): a choice, such as an endpoint mounted behind another. */
        DECLINED,
        /** Cannot be told. */
        UNKNOWN
    }

    /** What a supervision tree's {@code server:} option says: TRUE on, UNKNOWN unreadable, FALSE nothing. */
    static ServerSwitch of(Truth served) {
        return served == Truth.TRUE ? ON : served == Truth.UNKNOWN ? UNKNOWN : OFF;
    }

    static ServerSwitch when(String var, Path source) {
        return new ServerSwitch(Kind.CONDITIONAL, Set.of(var), source);
    }

    /**
     * What a config value given to {@code server:} (or {@code serve_endpoints}) means: {@code true}, {@code false},
     * an environment variable's presence ({@link #envRequirement}), or something that cannot be told.
     */
    static ServerSwitch ofValue(SyntaxTree tree, Node value, Path file) {
        if (value.is("boolean")) {
            return tree.text(value).equals("true") ? ON : DECLINED;
        }
        String var = envRequirement(tree, value);
        return var == null ? UNKNOWN : when(var, file);
    }

    /** Whether nothing is left to report: served, deliberately not, or undecidable. */
    boolean settled() {
        return kind == Kind.ON || kind == Kind.DECLINED || kind == Kind.UNKNOWN;
    }

    /** Served if either serves it; undecided if either is. */
    ServerSwitch or(ServerSwitch other) {
        if (kind == Kind.ON || other.kind == Kind.ON) {
            return ON;
        }
        if (settled() || other.kind == Kind.OFF) {
            return this;
        }
        if (other.settled() || kind == Kind.OFF) {
            return other;
        }
        Set<String> union = new TreeSet<>(vars);
        union.addAll(other.vars);
        return new ServerSwitch(Kind.CONDITIONAL, Set.copyOf(union), source);
    }

    /**
     * The variable an expression needs set to be truthy: {@code System.get_env("X")}, compared with a literal by
     * {@code ==} or {@code in}, or with {@code nil} by {@code !=}. Null for anything else.
     */
    static String envRequirement(SyntaxTree tree, Node node) {
        if (node != null && node.is("block") && node.namedChildren().size() == 1) {
            return envRequirement(tree, node.namedChildren().get(0));
        }
        String direct = envRead(tree, node);
        if (direct != null || node == null || !node.is("binary_operator")) {
            return direct;
        }
        Node operator = node.child("operator");
        Node right = node.child("right");
        String var = envRead(tree, node.child("left"));
        Node other = right;
        if (var == null) {
            var = envRead(tree, right);
            other = node.child("left");
        }
        if (var == null || other == null || operator == null) {
            return null;
        }
        boolean matches = switch (tree.text(operator)) {
            case "==", "===" -> other.is("string");
            case "in" -> other == right && (other.is("sigil") || other.is("list"));
            case "!=", "!==" -> other.is("nil");
            default -> false;
        };
        return matches ? var : null;
    }

    /** {@code System.get_env("X")} (one argument: with a default it is always truthy) → "X". */
    private static String envRead(SyntaxTree tree, Node node) {
        if (node == null || !ElixirSyntax.isRemoteCall(tree, node, "System", "get_env")) {
            return null;
        }
        List<Node> arguments = ElixirSyntax.arguments(node);
        return arguments.size() == 1 ? ElixirSyntax.stringLiteral(tree, arguments.get(0)) : null;
    }
}
