package dev.gotchals.model.config;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one config file calls the functions that read the environment: {@code System.get_env/1,2},
 * {@code System.fetch_env/1}, {@code System.fetch_env!/1}, written in full, through {@code alias System, as: Sys}
 * or, after {@code import System}, as local calls ({@code get_env("X")}); and {@code Application.get_env/2,3},
 * {@code fetch_env/2}, {@code fetch_env!/2}, which in a config file run before any application's config is loaded.
 */
final class EnvCalls {
    /** The System reads, each with the arities it has. */
    private static final Map<String, Set<Integer>> SYSTEM_READS = Map.of("get_env", Set.of(1, 2),
            "fetch_env", Set.of(1), "fetch_env!", Set.of(1));
    private static final Map<String, Set<Integer>> APPLICATION_READS = Map.of("get_env", Set.of(2, 3),
            "fetch_env", Set.of(2), "fetch_env!", Set.of(2));

    private final SyntaxTree tree;
    private final Set<String> systemNames = new HashSet<>(Set.of("System"));
    private final Set<String> imported = new HashSet<>();

    private EnvCalls(SyntaxTree tree) {
        this.tree = tree;
        for (Node statement : tree.statements()) {
            String directive = ElixirSyntax.localCallName(tree, statement);
            List<Node> arguments = directive == null ? List.of() : ElixirSyntax.arguments(statement);
            if (arguments.isEmpty() || !arguments.get(0).is("alias") || !tree.text(arguments.get(0)).equals("System")) {
                continue;
            }
            if (directive.equals("alias")) {
                Node as = option(arguments, "as");
                systemNames.add(as != null && as.is("alias") ? tree.text(as) : "System");
            } else if (directive.equals("import")) {
                importSystem(arguments);
            }
        }
    }

    /** The calls of {@code tree}: its {@code import System} and {@code alias System} directives read once. */
    static EnvCalls of(SyntaxTree tree) {
        return new EnvCalls(tree);
    }

    /** {@code import System}, {@code import System, only: [get_env: 1]}, {@code import System, except: […]}. */
    private void importSystem(List<Node> arguments) {
        Node only = option(arguments, "only");
        Node except = option(arguments, "except");
        for (String function : SYSTEM_READS.keySet()) {
            boolean listed = only == null || names(only).contains(function);
            boolean excluded = except != null && names(except).contains(function);
            if (listed && !excluded) {
                imported.add(function);
            }
        }
    }

    private Node option(List<Node> arguments, String key) {
        if (arguments.size() < 2) {
            return null;
        }
        for (Node pair : ElixirSyntax.pairsOf(arguments.get(arguments.size() - 1))) {
            if (key.equals(ElixirSyntax.keywordName(tree, pair))) {
                return pair.child("value");
            }
        }
        return null;
    }

    private Set<String> names(Node list) {
        Set<String> names = new HashSet<>();
        for (Node pair : ElixirSyntax.pairsOf(list)) {
            names.add(ElixirSyntax.keywordName(tree, pair));
        }
        return names;
    }

    /** Whether {@code node} reads an environment variable through System, however the file names it. */
    boolean isSystemRead(Node node) {
        if (!node.is("call")) {
            return false;
        }
        int arity = ElixirSyntax.arguments(node).size();
        String local = ElixirSyntax.localCallName(tree, node);
        if (local != null) {
            return imported.contains(local) && SYSTEM_READS.get(local).contains(arity);
        }
        for (String module : systemNames) {
            for (Map.Entry<String, Set<Integer>> read : SYSTEM_READS.entrySet()) {
                if (read.getValue().contains(arity) && ElixirSyntax.isRemoteCall(tree, node, module, read.getKey())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code node} reads application config ({@code Application.get_env(:app, :key)}). */
    boolean isApplicationRead(Node node) {
        return isApplicationRead(tree, node);
    }

    static boolean isApplicationRead(SyntaxTree tree, Node node) {
        if (!node.is("call")) {
            return false;
        }
        int arity = ElixirSyntax.arguments(node).size();
        for (Map.Entry<String, Set<Integer>> read : APPLICATION_READS.entrySet()) {
            if (read.getValue().contains(arity) && ElixirSyntax.isRemoteCall(tree, node, "Application", read.getKey())) {
                return true;
            }
        }
        return false;
    }
}
