package dev.gotchals.model.config;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one file calls the functions that read the environment: {@code System.get_env/1,2},
 * {@code System.fetch_env/1}, {@code System.fetch_env!/1} (and a lookup of one variable in {@code System.get_env/0}'s
 * map: {@code Map.fetch!(System.get_env(), "X")}, {@code System.get_env()["X"]}), written in full, through {@code alias System, as: Sys}
 * or, after {@code import System}, as local calls ({@code get_env("X")}); the project's own wrappers of those
 * ({@link EnvWrappers}), in full, through an alias or imported; and {@code Application.get_env/2,3},
 * {@code fetch_env/2}, {@code fetch_env!/2}, which in a config file run before any application's config is loaded.
 */
public final class EnvCalls {
    /** The System reads, each with the arities it has. */
    private static final Map<String, Set<Integer>> SYSTEM_READS = Map.of("get_env", Set.of(1, 2),
            "fetch_env", Set.of(1), "fetch_env!", Set.of(1));
    private static final Map<String, Set<Integer>> APPLICATION_READS = Map.of("get_env", Set.of(2, 3),
            "fetch_env", Set.of(2), "fetch_env!", Set.of(2));

    private final SyntaxTree tree;
    private final Set<String> systemNames = new HashSet<>(Set.of("System"));
    private final Set<String> imported = new HashSet<>();
    /** The project's wrappers by the name this file calls their module: its full name or an alias. */
    private final Map<String, Map<String, Set<Integer>>> wrappersByName = new HashMap<>();
    /** The wrappers imported into the file, callable without their module. */
    private final Map<String, Set<Integer>> importedWrappers = new HashMap<>();

    private EnvCalls(SyntaxTree tree, EnvWrappers wrappers) {
        this.tree = tree;
        for (String module : wrappers.modules()) {
            wrappersByName.put(module, wrappers.functionsOf(module));
        }
        for (Node statement : tree.statements()) {
            String directive = ElixirSyntax.localCallName(tree, statement);
            List<Node> arguments = directive == null ? List.of() : ElixirSyntax.arguments(statement);
            if (arguments.isEmpty() || !arguments.get(0).is("alias")) {
                continue;
            }
            String module = tree.text(arguments.get(0));
            Node as = option(arguments, "as");
            String alias = as != null && as.is("alias") ? tree.text(as) : module.substring(module.lastIndexOf('.') + 1);
            if (module.equals("System") && directive.equals("alias")) {
                systemNames.add(alias);
            } else if (module.equals("System") && directive.equals("import")) {
                SYSTEM_READS.keySet().stream().filter(function -> isImported(arguments, function)).forEach(imported::add);
            } else if (wrappers.modules().contains(module) && directive.equals("alias")) {
                wrappersByName.put(alias, wrappers.functionsOf(module));
            } else if (wrappers.modules().contains(module) && directive.equals("import")) {
                wrappers.functionsOf(module).forEach((function, arities) -> {
                    Set<Integer> callable = new HashSet<>(arities);
                    Node only = option(arguments, "only");
                    if (only != null) {
                        callable.retainAll(aritiesListed(only, function));
                    }
                    if (isImported(arguments, function) && !callable.isEmpty()) {
                        importedWrappers.put(function, callable);
                    }
                });
            }
        }
    }

    /** The calls of {@code tree} without the project's wrappers: its {@code import System} and {@code alias System}. */
    static EnvCalls of(SyntaxTree tree) {
        return new EnvCalls(tree, EnvWrappers.NONE);
    }

    /** The calls of a file of the project, the project's own wrappers included; read once per analysis. */
    public static EnvCalls of(ProjectContext project, DocumentSnapshot file) {
        return project.model(EnvCalls.class, file.path(), context -> {
            // Read through the model's own view, so that the model is built again once the file changes.
            context.file(file.path());
            return new EnvCalls(file.tree(), EnvWrappers.of(context));
        });
    }

    /** {@code import Mod}, {@code import Mod, only: [get_env: 1]}, {@code import Mod, except: […]}. */
    private boolean isImported(List<Node> arguments, String function) {
        Node only = option(arguments, "only");
        Node except = option(arguments, "except");
        return (only == null || names(only).contains(function)) && (except == null || !names(except).contains(function));
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

    /** The arities {@code only: [get: 1, get: 2]} lists for a function. */
    private Set<Integer> aritiesListed(Node list, String function) {
        Set<Integer> arities = new HashSet<>();
        for (Node pair : ElixirSyntax.pairsOf(list)) {
            Node value = pair.child("value");
            if (function.equals(ElixirSyntax.keywordName(tree, pair)) && value != null && value.is("integer")) {
                arities.add(Integer.parseInt(tree.text(value)));
            }
        }
        return arities;
    }

    private Set<String> names(Node list) {
        Set<String> names = new HashSet<>();
        for (Node pair : ElixirSyntax.pairsOf(list)) {
            names.add(ElixirSyntax.keywordName(tree, pair));
        }
        return names;
    }

    /**
     * Whether {@code node} may read the environment: it names a read ({@code _env}) or the file can call a project
     * wrapper. Lets a scan skip the subtrees that cannot.
     */
    boolean mayRead(Node node) {
        return tree.mentions(node, "_env") || !importedWrappers.isEmpty()
                || wrappersByName.keySet().stream().anyMatch(name -> tree.mentions(node, name));
    }

    /**
     * Whether {@code node} reads the environment variable its first argument names: through System or through one
     * of the project's wrappers.
     */
    public boolean readsVariable(Node node) {
        return isSystemRead(node) || isWrapperCall(node) || lookedUpInWholeEnvironment(node) != null;
    }

    /**
     * The key of a lookup in the whole environment, {@code Map.fetch!(System.get_env(), "SECRET_KEY_BASE")}
     * ({@code Map.get/2,3}, {@code Map.fetch/2}, {@code Map.fetch!/2}) or {@code System.get_env()["PORT"]}: the same
     * read of one variable as {@code System.get_env("PORT")}. Null for anything else.
     */
    private Node lookedUpInWholeEnvironment(Node node) {
        if (node.is("access_call")) {
            Node target = node.child("target");
            Node key = node.child("key");
            return target != null && key != null && isWholeEnvironment(target) ? key : null;
        }
        if (!node.is("call")) {
            return null;
        }
        List<Node> arguments = ElixirSyntax.arguments(node);
        boolean lookup = arguments.size() == 2 && (ElixirSyntax.isRemoteCall(tree, node, "Map", "get")
                || ElixirSyntax.isRemoteCall(tree, node, "Map", "fetch") || ElixirSyntax.isRemoteCall(tree, node, "Map", "fetch!"))
                || arguments.size() == 3 && ElixirSyntax.isRemoteCall(tree, node, "Map", "get");
        return lookup && isWholeEnvironment(arguments.get(0)) ? arguments.get(1) : null;
    }

    /**
     * Whether a read never yields nil or false, so the right side of an {@code ||} after it is never taken:
     * {@code Map.fetch(System.get_env(), "X")} answers {@code {:ok, value}} or {@code :error}, both truthy.
     */
    public boolean neverFalsy(Node read) {
        return read.is("call") && ElixirSyntax.isRemoteCall(tree, read, "Map", "fetch")
                && ElixirSyntax.arguments(read).size() == 2;
    }

    /** {@code System.get_env()}: every variable, as a map. */
    private boolean isWholeEnvironment(Node node) {
        return node.is("call") && ElixirSyntax.arguments(node).isEmpty() && isGetEnv(node);
    }

    /**
     * The variable {@code node} reads when it reads one named by a string literal ({@code "PORT"} of
     * {@code System.get_env("PORT")}); null otherwise.
     */
    public String variableRead(Node node) {
        Node key = lookedUpInWholeEnvironment(node);
        if (key != null) {
            return ElixirSyntax.stringLiteral(tree, key);
        }
        List<Node> arguments = readsVariable(node) ? ElixirSyntax.arguments(node) : List.of();
        return arguments.isEmpty() ? null : ElixirSyntax.stringLiteral(tree, arguments.get(0));
    }

    /**
     * A read of one variable with a default.
     *
     * @param variable the expression naming the variable
     * @param fallback what the read yields when the variable is unset
     */
    public record DefaultedRead(Node variable, Node fallback) {
    }

    /**
     * {@code System.get_env(name, default)}, or the same lookup in the whole environment,
     * {@code Map.get(System.get_env(), name, default)}; null for anything else.
     */
    public DefaultedRead defaultedRead(Node node) {
        List<Node> arguments = node != null && node.is("call") ? ElixirSyntax.arguments(node) : List.of();
        if (arguments.size() == 2 && isGetEnv(node)) {
            return new DefaultedRead(arguments.get(0), arguments.get(1));
        }
        if (arguments.size() == 3 && ElixirSyntax.isRemoteCall(tree, node, "Map", "get")
                && arguments.get(0).is("call") && ElixirSyntax.arguments(arguments.get(0)).isEmpty()
                && isGetEnv(arguments.get(0))) {
            return new DefaultedRead(arguments.get(1), arguments.get(2));
        }
        return null;
    }

    private boolean isGetEnv(Node call) {
        String local = ElixirSyntax.localCallName(tree, call);
        return "get_env".equals(local) ? imported.contains("get_env")
                : systemNames.stream().anyMatch(module -> ElixirSyntax.isRemoteCall(tree, call, module, "get_env"));
    }

    private boolean isWrapperCall(Node node) {
        if (!node.is("call")) {
            return false;
        }
        int arity = ElixirSyntax.arguments(node).size();
        String local = ElixirSyntax.localCallName(tree, node);
        if (local != null) {
            return importedWrappers.getOrDefault(local, Set.of()).contains(arity);
        }
        for (Map.Entry<String, Map<String, Set<Integer>>> module : wrappersByName.entrySet()) {
            for (Map.Entry<String, Set<Integer>> function : module.getValue().entrySet()) {
                if (function.getValue().contains(arity)
                        && ElixirSyntax.isRemoteCall(tree, node, module.getKey(), function.getKey())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code node}, the right side of {@code key |> …}, is a System read missing its piped first argument. */
    boolean isPipedSystemRead(Node node) {
        if (!node.is("call")) {
            return false;
        }
        int arity = ElixirSyntax.arguments(node).size() + 1;
        for (String module : systemNames) {
            for (Map.Entry<String, Set<Integer>> read : SYSTEM_READS.entrySet()) {
                if (read.getValue().contains(arity) && ElixirSyntax.isRemoteCall(tree, node, module, read.getKey())) {
                    return true;
                }
            }
        }
        return false;
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
