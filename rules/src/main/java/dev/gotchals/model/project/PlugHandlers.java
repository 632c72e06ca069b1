package dev.gotchals.model.project;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.ModuleIndex.Function;
import dev.gotchals.elixir.ModuleIndex.Module;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** What a plug's {@code call/2} does for a request path: which part answers it, and whether that part responds. */
public final class PlugHandlers {
    /** Plug.Conn and Phoenix.Controller functions that answer a request (or stop the pipeline). */
    private static final Set<String> RESPONDERS = Set.of("send_resp", "resp", "send_file", "send_chunked", "halt",
            "text", "json", "html", "render", "redirect");

    private PlugHandlers() {
    }

    /**
     * The part of a plug that answers a path.
     *
     * @param statements the branch inside the clause, or null when the whole clause answers it
     */
    public record Branch(Function clause, List<Node> statements, String path) {
        /** What the branch runs. */
        public List<Node> runs() {
            return statements != null ? statements : clause.runs();
        }
    }

    /**
     * The part of a plug that answers a path {@code paths} accepts: a clause whose head matches it
     * ({@code def call(%{request_path: "/health"} = conn, _)}), or the branch of an {@code if}, {@code case} or
     * {@code cond} that tests it; null when none does.
     */
    public static Branch answering(Module module, List<Function> clauses, Predicate<String> paths) {
        SyntaxTree tree = module.tree();
        for (Function clause : clauses) {
            String path = pathIn(module, ElixirSyntax.arguments(clause.definition()).get(0), paths);
            if (path != null) {
                return new Branch(clause, null, path);
            }
        }
        for (Function clause : clauses) {
            Branch[] found = new Branch[1];
            for (Node statement : clause.body()) {
                Deadline.check();
                statement.forEachDescendant(node -> {
                    if (found[0] != null) {
                        return;
                    }
                    if ("if".equals(ElixirSyntax.localCallName(tree, node))) {
                        List<Node> condition = ElixirSyntax.arguments(node);
                        String path = condition.isEmpty() ? null : pathIn(module, condition.get(0), paths);
                        List<Node> then = ElixirSyntax.blockStatements(ElixirSyntax.doBlock(node), false);
                        if (path != null && !then.isEmpty()) {
                            found[0] = new Branch(clause, then, path);
                        }
                    } else if (node.is("stab_clause") && node.child("left") != null && node.child("right") != null) {
                        String path = pathIn(module, node.child("left"), paths);
                        List<Node> then = node.child("right").namedChildren();
                        if (path != null && !then.isEmpty()) {
                            found[0] = new Branch(clause, then, path);
                        }
                    }
                });
            }
            if (found[0] != null) {
                return found[0];
            }
        }
        return null;
    }

    /**
     * The first path {@code paths} accepts written in a node: {@code "/health"}, path_info segments
     * {@code ["health"]}, or a module attribute holding one; null when there is none.
     */
    public static String pathIn(Module module, Node node, Predicate<String> paths) {
        return pathIn(module, node, paths, new HashSet<>());
    }

    private static String pathIn(Module module, Node node, Predicate<String> paths, Set<String> attributesSeen) {
        SyntaxTree tree = module.tree();
        String[] found = new String[1];
        node.forEachDescendant(child -> {
            if (found[0] != null) {
                return;
            }
            String path = null;
            if (child.is("string")) {
                path = ElixirSyntax.stringLiteral(tree, child);
            } else if (child.is("list")) {
                path = pathInfo(tree, child);
            } else if (child.is("unary_operator") && tree.text(child).startsWith("@")) {
                Node operand = child.child("operand");
                String attribute = ElixirSyntax.localCallName(tree, operand);
                if (attribute == null && operand != null && operand.is("identifier")) {
                    attribute = tree.text(operand);
                }
                Node value = attribute == null || !attributesSeen.add(attribute) ? null : module.attribute(attribute);
                if (value != null) {
                    path = pathIn(module, value, paths, attributesSeen);
                }
            }
            if (path != null && paths.test(path)) {
                found[0] = path;
            }
        });
        return found[0];
    }

    /** {@code ["api", "health"]} → "/api/health"; null for lists of whole paths or non-literals. */
    private static String pathInfo(SyntaxTree tree, Node list) {
        StringBuilder joined = new StringBuilder();
        for (Node item : list.namedChildren()) {
            String segment = ElixirSyntax.stringLiteral(tree, item);
            if (segment == null || segment.startsWith("/")) {
                return null; // ["/health", "/healthz"] lists whole paths, read one by one
            }
            joined.append('/').append(segment);
        }
        return joined.isEmpty() ? null : joined.toString();
    }

    /** Whether the code sends a response or halts: directly, or through the module's local functions. */
    public static boolean responds(Module module, List<Node> roots) {
        return responds(module, roots, new HashSet<>());
    }

    private static boolean responds(Module module, List<Node> roots, Set<String> visited) {
        SyntaxTree tree = module.tree();
        boolean[] found = new boolean[1];
        for (Node root : roots) {
            root.forEachDescendant(node -> {
                if (found[0] || !node.is("call") || node.child("target") == null) {
                    return;
                }
                Node target = node.child("target");
                String name = target.is("identifier") ? tree.text(target)
                        : target.is("dot") && target.child("right") != null && target.child("right").is("identifier")
                        ? tree.text(target.child("right")) : null;
                if (name == null) {
                    return;
                }
                if (RESPONDERS.contains(name)) {
                    found[0] = true;
                } else if (target.is("identifier") && !module.clauses(name).isEmpty() && visited.add(name)) {
                    for (Function clause : module.clauses(name)) {
                        if (responds(module, clause.runs(), visited)) {
                            found[0] = true;
                            return;
                        }
                    }
                }
            });
            if (found[0]) {
                return true;
            }
        }
        return false;
    }
}
