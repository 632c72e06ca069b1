package dev.gotchals.model.project;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.ModuleIndex;
import dev.gotchals.elixir.ModuleIndex.Function;
import dev.gotchals.elixir.ModuleIndex.Module;
import dev.gotchals.elixir.Truth;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether code reaches the database: follows local functions, imported and remote functions of project modules,
 * module attributes, project modules handed over as values, functions named by MFA tuples or {@code apply/3}, and
 * the callbacks of a process module whose code asks its own process ({@code __MODULE__} as a value).
 * TRUE when it meets a repo, an Ecto adapter or migrator, a driver or {@code :ecto_repos}; UNKNOWN for calls it
 * cannot follow (a function held in a variable, {@code apply} of one, a function a macro generates) or past {@link #FUNCTION_BUDGET} functions; FALSE otherwise.
 */
public final class DatabaseReach {
    /** How many functions one walk reads before it gives up (UNKNOWN). */
    static final int FUNCTION_BUDGET = 200;
    /** The callbacks through which a GenServer's process does its work. */
    private static final List<String> PROCESS_CALLBACKS = List.of("init", "handle_continue", "handle_call",
            "handle_cast", "handle_info");

    private final ModuleIndex index;
    private final EctoRepos repos;
    private final Set<String> visitedFunctions = new HashSet<>();
    private final Set<String> visitedModules = new HashSet<>();
    private final Set<String> visitedProcesses = new HashSet<>();
    private final Set<Node> visitedAttributes = new HashSet<>();
    private int budget = FUNCTION_BUDGET;
    private Truth result = Truth.FALSE;

    private DatabaseReach(ModuleIndex index, EctoRepos repos) {
        this.index = index;
        this.repos = repos;
    }

    /** Whether running {@code roots} (nodes of {@code module}'s file) reaches the database. */
    public static Truth of(ModuleIndex index, EctoRepos repos, Module module, List<Node> roots) {
        DatabaseReach reach = new DatabaseReach(index, repos);
        for (Node root : roots) {
            reach.scan(module, root);
        }
        return reach.result;
    }

    private boolean done() {
        return result != Truth.FALSE;
    }

    private void scan(Module module, Node node) {
        if (done()) {
            return;
        }
        Deadline.check();
        SyntaxTree tree = module.tree();
        if (node.is("alias")) {
            mention(module, module.resolve(tree.text(node)));
            return;
        }
        if (node.is("atom")) {
            if ("ecto_repos".equals(ElixirSyntax.atomName(tree, node))) {
                result = Truth.TRUE;
            }
            return;
        }
        if (node.is("identifier")) {
            // a zero-arity local call written without parentheses, or a function capture &helper/1
            String name = tree.text(node);
            if (name.equals("__MODULE__")) {
                ownProcess(module);
                return;
            }
            if (!module.clauses(name).isEmpty()) {
                follow(module, name);
            }
            return;
        }
        if (node.is("unary_operator") && tree.text(node).startsWith("@")) {
            Node operand = node.child("operand");
            String name = operand == null ? null
                    : operand.is("identifier") ? tree.text(operand) : ElixirSyntax.localCallName(tree, operand);
            Node value = name == null ? null : module.attribute(name);
            if (value != null && visitedAttributes.add(value)) {
                scan(module, value);
            }
            return;
        }
        if (node.is("tuple")) {
            functionReference(module, node.namedChildren());
        }
        Node target = node.is("call") ? node.child("target") : null;
        if (target != null) {
            call(module, node, target);
        }
        for (Node child : node.children()) {
            if (child != target) {
                scan(module, child);
            }
        }
    }

    private void call(Module module, Node call, Node target) {
        SyntaxTree tree = module.tree();
        if (target.is("identifier")) {
            String name = tree.text(target);
            if (!module.clauses(name).isEmpty()) {
                follow(module, name);
                return;
            }
            if (name.equals("apply") && module.imports().stream().noneMatch(imported -> index.find(imported) != null
                    && !index.find(imported).clauses(name).isEmpty())) {
                apply(module, ElixirSyntax.arguments(call));
                return;
            }
            for (String imported : module.imports()) {
                Module source = index.find(imported);
                if (source != null && !source.clauses(name).isEmpty()) {
                    follow(source, name);
                    return;
                }
            }
            return;
        }
        if (!target.is("dot")) {
            scan(module, target);
            return;
        }
        Node left = target.child("left");
        Node right = target.child("right");
        String function = right != null && right.is("identifier") ? tree.text(right) : null;
        if (left != null && left.is("alias")) {
            remote(module.resolve(tree.text(left)), function);
        } else if (left != null && left.is("identifier") && tree.text(left).equals("__MODULE__")) {
            remote(module.name(), function);
        } else if (left != null && left.is("atom")) {
            return; // an Erlang module (:erlang.memory()): no database
        } else if (call.firstOfType("arguments") != null || function == null) {
            result = Truth.UNKNOWN; // repo.query(…), fun.(…): a call that cannot be resolved
        } else if (left != null) {
            scan(module, left); // conn.request_path: a field read
        }
    }

    /** {@code apply(Mod, :fun, args)} runs that function; {@code apply(m, f, a)} runs one the walk cannot name. */
    private void apply(Module module, List<Node> arguments) {
        if (arguments.size() == 2) {
            result = Truth.UNKNOWN; // apply(fun, args): a function value
        } else if (arguments.size() == 3 && !functionReference(module, arguments)) {
            result = Truth.UNKNOWN;
        }
    }

    /**
     * Follows {@code Mod, :fun} at the head of {@code items} (an MFA tuple {@code {__MODULE__, :check, []}} or the
     * arguments of {@code apply/3}); whether they name a function.
     */
    private boolean functionReference(Module module, List<Node> items) {
        SyntaxTree tree = module.tree();
        if (items.size() != 3) {
            return false;
        }
        Node owner = items.get(0);
        String function = ElixirSyntax.atomName(tree, items.get(1));
        String moduleName = owner.is("alias") ? module.resolve(tree.text(owner))
                : owner.is("identifier") && tree.text(owner).equals("__MODULE__") ? module.name() : null;
        if (function == null || moduleName == null) {
            return false;
        }
        remote(moduleName, function);
        return true;
    }

    private void remote(String moduleName, String function) {
        if (repos.isDatabaseModule(moduleName)) {
            result = Truth.TRUE;
            return;
        }
        Module target = index.find(moduleName);
        if (target == null) {
            return; // a library module (Plug.Conn, Jason, Phoenix.Controller …)
        }
        if (function == null || target.clauses(function).isEmpty()) {
            result = Truth.UNKNOWN; // generated by a macro (use …), defdelegate: cannot follow
            return;
        }
        follow(target, function);
    }

    private void mention(Module from, String moduleName) {
        if (repos.isDatabaseModule(moduleName)) {
            result = Truth.TRUE;
            return;
        }
        Module target = index.find(moduleName);
        if (target == null || target == from || !visitedModules.add(target.name())) {
            return;
        }
        // A project module handed over as a value (GenServer.call(Shop.Health, …)): whatever it does counts.
        for (String function : target.functionNames()) {
            follow(target, function);
        }
    }

    /**
     * A process module that names itself as a value ({@code GenServer.call(__MODULE__, :status)}, a key
     * {@code {__MODULE__, :readiness}} of its ETS table) asks its own process, whose callbacks did the work: what
     * they do counts, like the checks a health GenServer runs on a timer and caches.
     */
    private void ownProcess(Module module) {
        if (!visitedProcesses.add(module.name())) {
            return;
        }
        for (String callback : PROCESS_CALLBACKS) {
            follow(module, callback);
        }
    }

    private void follow(Module module, String function) {
        if (done() || !visitedFunctions.add(module.name() + "." + function)) {
            return;
        }
        if (--budget < 0) {
            result = Truth.UNKNOWN;
            return;
        }
        for (Function clause : module.clauses(function)) {
            for (Node node : clause.runs()) {
                scan(module, node);
            }
        }
    }
}
