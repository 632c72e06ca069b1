package dev.gotchals.model.project;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.ModuleIndex;
import dev.gotchals.elixir.ModuleIndex.Module;
import dev.gotchals.model.project.PhoenixApp.Pipeline;
import dev.gotchals.model.project.PhoenixApp.Route;
import dev.gotchals.model.project.PhoenixApp.Router;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a router's routes: {@code scope} path and alias prefixes, {@code pipe_through}, {@code forward}, and the
 * bodies of {@code if}/{@code unless} (except the generated {@code dev_routes} block, which never exists in prod).
 */
final class RouterReader {
    private static final Set<String> ROUTE_MACROS = Set.of("get", "post", "put", "patch", "delete", "options",
            "head", "match", "forward");

    private final ModuleIndex index;
    private final Module router;
    private final SyntaxTree tree;
    private final List<Route> routes = new ArrayList<>();
    private final List<Pipeline> pipelines = new ArrayList<>();

    private RouterReader(ModuleIndex index, Module router) {
        this.index = index;
        this.router = router;
        this.tree = router.tree();
    }

    static Router read(ModuleIndex index, Module module) {
        RouterReader reader = new RouterReader(index, module);
        reader.statements(module.body(), "", null, new ArrayList<>());
        return new Router(module, List.copyOf(reader.routes), List.copyOf(reader.pipelines));
    }

    /** "/api" + "health" → "/api/health", without a trailing slash (except the root). */
    static String joinPath(String prefix, String path) {
        String joined = (prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix)
                + (path.startsWith("/") ? path : "/" + path);
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private void statements(List<Node> statements, String pathPrefix, String aliasPrefix, List<String> pipeThrough) {
        for (Node statement : statements) {
            Deadline.check();
            String macro = ElixirSyntax.localCallName(tree, statement);
            if (macro == null) {
                continue;
            }
            switch (macro) {
                case "scope" -> scope(statement, pathPrefix, aliasPrefix, new ArrayList<>(pipeThrough));
                case "pipe_through" -> pipeThrough.addAll(pipelineNames(statement));
                case "pipeline" -> pipeline(statement);
                case "if", "unless" -> {
                    List<Node> condition = ElixirSyntax.arguments(statement);
                    if (!condition.isEmpty() && tree.text(condition.get(0)).contains("dev_routes")) {
                        continue;
                    }
                    Node block = ElixirSyntax.doBlock(statement);
                    statements(ElixirSyntax.blockStatements(block, false), pathPrefix, aliasPrefix, pipeThrough);
                    statements(ElixirSyntax.blockStatements(block, true), pathPrefix, aliasPrefix, pipeThrough);
                }
                default -> {
                    if (ROUTE_MACROS.contains(macro)) {
                        route(statement, macro, pathPrefix, aliasPrefix, pipeThrough);
                    }
                }
            }
        }
    }

    private List<String> pipelineNames(Node statement) {
        List<Node> arguments = ElixirSyntax.arguments(statement);
        if (arguments.isEmpty()) {
            return List.of();
        }
        Node value = arguments.get(0);
        List<String> names = new ArrayList<>();
        for (Node item : value.is("list") ? value.namedChildren() : List.of(value)) {
            String name = ElixirSyntax.atomName(tree, item);
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }

    private void pipeline(Node statement) {
        List<Node> arguments = ElixirSyntax.arguments(statement);
        String name = arguments.isEmpty() ? null : ElixirSyntax.atomName(tree, arguments.get(0));
        if (name != null) {
            pipelines.add(new Pipeline(name,
                    PhoenixApp.plugs(router, ElixirSyntax.blockStatements(ElixirSyntax.doBlock(statement), false))));
        }
    }

    private void scope(Node statement, String pathPrefix, String aliasPrefix, List<String> pipeThrough) {
        String path = null;
        String alias = null;
        for (Node argument : ElixirSyntax.arguments(statement)) {
            if (argument.is("string") && path == null) {
                path = ElixirSyntax.stringLiteral(tree, argument);
                if (path == null) {
                    return; // an interpolated prefix: its routes' paths are unknown
                }
            } else if (argument.is("alias") && alias == null) {
                alias = tree.text(argument);
            }
        }
        for (Node pair : ElixirSyntax.keywordPairs(statement)) {
            String key = ElixirSyntax.keywordName(tree, pair);
            Node value = pair.child("value");
            if ("path".equals(key) && value != null) {
                path = ElixirSyntax.stringLiteral(tree, value);
                if (path == null) {
                    return;
                }
            } else if ("alias".equals(key) && value != null && value.is("alias")) {
                alias = tree.text(value);
            }
        }
        String innerPath = path == null ? pathPrefix : joinPath(pathPrefix, path);
        String innerAlias = alias == null ? aliasPrefix : aliasPrefix == null ? alias : aliasPrefix + "." + alias;
        statements(ElixirSyntax.blockStatements(ElixirSyntax.doBlock(statement), false), innerPath, innerAlias,
                pipeThrough);
    }

    private void route(Node statement, String macro, String pathPrefix, String aliasPrefix, List<String> pipeThrough) {
        List<Node> arguments = new ArrayList<>(ElixirSyntax.arguments(statement));
        String method = macro;
        if (macro.equals("match")) {
            method = arguments.isEmpty() ? null : ElixirSyntax.atomName(tree, arguments.remove(0));
        }
        if (method == null || arguments.size() < 2 || !arguments.get(1).is("alias")) {
            return;
        }
        String path = ElixirSyntax.stringLiteral(tree, arguments.get(0));
        if (path == null) {
            return;
        }
        String action = !macro.equals("forward") && arguments.size() >= 3
                ? ElixirSyntax.atomName(tree, arguments.get(2)) : null;
        routes.add(new Route(router, statement, method, joinPath(pathPrefix, path),
                controller(tree.text(arguments.get(1)), aliasPrefix), action, List.copyOf(pipeThrough)));
    }

    /**
     * The module a route names: the scope's alias prefix applies, as in Phoenix; a name the project defines only
     * without the prefix (or through the router's own aliases) is taken as written.
     */
    private String controller(String written, String aliasPrefix) {
        String scoped = aliasPrefix == null ? null : aliasPrefix + "." + written;
        if (scoped != null && index.find(scoped) != null) {
            return scoped;
        }
        String resolved = router.resolve(written);
        return index.find(resolved) != null || scoped == null ? resolved : scoped;
    }
}
