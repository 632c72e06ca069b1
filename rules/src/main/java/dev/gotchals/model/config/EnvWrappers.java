package dev.gotchals.model.config;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.ModuleIndex;
import dev.gotchals.elixir.ModuleIndex.Function;
import dev.gotchals.elixir.ModuleIndex.Module;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.ValueModel;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.TextSearch;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The project's own functions that read the environment variable their first argument names
 * ({@code def get_env(key, type \\ :string), do: key |> System.get_env() |> parse(type)}): runtime config that
 * calls one reads the environment as surely as a direct {@code System.get_env} call does. A value: an edit of
 * lib/ that adds or changes no wrapper changes nothing for the config files' reads.
 */
public final class EnvWrappers implements ValueModel {
    static final EnvWrappers NONE = new EnvWrappers(Map.of());
    /** What every read of the environment is named with ({@code get_env}, {@code fetch_env!}), in any case. */
    private static final String ENV_WORD = "_env";

    /** By module name: function name to the arities a caller may use. */
    private final Map<String, Map<String, Set<Integer>>> byModule;

    private EnvWrappers(Map<String, Map<String, Set<Integer>>> byModule) {
        this.byModule = byModule;
    }

    public static EnvWrappers of(ProjectContext project) {
        return project.model(EnvWrappers.class, context -> read(context.modules()));
    }

    private static EnvWrappers read(ModuleIndex modules) {
        Map<String, Map<String, Set<Integer>>> byModule = new HashMap<>();
        // The text check first: a file without the word is not parsed.
        for (Module module : modules.inFilesWhere(text -> TextSearch.containsIgnoringCase(text, ENV_WORD))) {
            SyntaxTree tree = module.tree();
            if (!tree.mentions(module.node(), ENV_WORD)) {
                continue;
            }
            EnvCalls calls = EnvCalls.of(tree);
            for (String name : module.functionNames()) {
                for (Function clause : module.clauses(name)) {
                    if (!clause.isPrivate() && readsFirstParam(tree, calls, clause)) {
                        int all = clause.params().size();
                        int required = all - (int) clause.params().stream().filter(ModuleIndex::hasDefault).count();
                        Set<Integer> arities = byModule.computeIfAbsent(module.name(), key -> new HashMap<>())
                                .computeIfAbsent(name, key -> new HashSet<>());
                        for (int arity = Math.max(required, 1); arity <= all; arity++) {
                            arities.add(arity);
                        }
                    }
                }
            }
        }
        return new EnvWrappers(byModule);
    }

    /** Whether the clause passes its first parameter, as it is, to a System read. */
    private static boolean readsFirstParam(SyntaxTree tree, EnvCalls calls, Function clause) {
        if (clause.params().isEmpty()) {
            return false;
        }
        Node first = clause.params().get(0);
        Node name = ModuleIndex.hasDefault(first) ? first.child("left") : first;
        if (name == null || !name.is("identifier")) {
            return false;
        }
        String param = tree.text(name);
        boolean[] found = {false};
        for (Node run : clause.runs()) {
            run.forEachDescendant(node -> found[0] |= passesParam(tree, calls, node, param)
                    || isPipeInto(tree, calls, node, param));
        }
        return found[0];
    }

    /** {@code System.get_env(key)}: a System read whose first argument is the parameter. */
    private static boolean passesParam(SyntaxTree tree, EnvCalls calls, Node node, String param) {
        if (!calls.isSystemRead(node)) {
            return false;
        }
        List<Node> arguments = ElixirSyntax.arguments(node);
        return !arguments.isEmpty() && arguments.get(0).is("identifier") && tree.text(arguments.get(0)).equals(param);
    }

    /** {@code key |> System.get_env()}: the piped value is the first argument. */
    private static boolean isPipeInto(SyntaxTree tree, EnvCalls calls, Node node, String param) {
        if (!node.is("binary_operator") || node.child("operator") == null
                || !"|>".equals(tree.text(node.child("operator")))) {
            return false;
        }
        Node left = node.child("left");
        Node right = node.child("right");
        return left != null && left.is("identifier") && tree.text(left).equals(param) && right != null
                && calls.isPipedSystemRead(right);
    }

    /** The functions of {@code module} that wrap a read, with the arities callers may use; empty if none. */
    Map<String, Set<Integer>> functionsOf(String module) {
        return byModule.getOrDefault(module, Map.of());
    }

    /** The modules that define at least one wrapper. */
    Set<String> modules() {
        return byModule.keySet();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EnvWrappers that && byModule.equals(that.byModule);
    }

    @Override
    public int hashCode() {
        return byModule.hashCode();
    }
}
