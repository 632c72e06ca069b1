package dev.gotchals.model.config;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.EnvCondition;
import dev.gotchals.elixir.Truth;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The config keys an environment read gives its value to: the key of its own {@code config} call that holds it, or
 * the keys of the later calls that use the local variable it is bound to, followed through variables computed from it
 * ({@code accept = if accept_str == "*", do: :any, else: String.split(accept_str)}), or, for a read inside a function
 * of a module the config file defines ({@code defmodule AwsConfig do def region(), do: System.get_env(…)}), the keys of
 * the calls of that file that call the function. Null when the value goes anywhere else (a condition, a call this
 * environment does not evaluate), where the model cannot follow it.
 */
final class FedKeys {
    /** How many variables computed one from another are followed before the value counts as lost from sight. */
    private static final int MAX_DERIVED = 4;
    /** IO's functions that print their arguments ({@code IO.inspect} returns its argument too, so only as a statement). */
    private static final List<String> PRINTERS = List.of("puts", "write", "warn", "inspect");
    /** Logger's functions that log a message: in a config file they write it to the build's output too. */
    private static final List<String> LOGGERS = List.of("debug", "info", "notice", "warning", "warn", "error",
            "critical", "alert", "emergency", "log");
    /** The operators a condition tests a variable's truthiness with. */
    private static final Set<String> BOOLEAN_OPERATORS = Set.of("&&", "||", "and", "or", "!", "not");
    /** The nodes whose children are statements: a file, a do block, a clause's body, a parenthesised block. */
    private static final Set<String> STATEMENT_HOLDERS = Set.of("source", "do_block", "body", "block");
    /** How many functions calling one another inside a config file's module are followed. */
    private static final int MAX_HELPERS = 4;

    private FedKeys() {
    }

    static List<ConfigTimeline.FedKey> of(ConfigTimeline timeline, EnvRead read) {
        Node statement = read.statement();
        ConfigCall own = timeline.callAt(read.file().path(), statement);
        if (own != null) {
            ConfigTimeline.FedKey key = keyHolding(own, read.call());
            return key == null ? null : List.of(key);
        }
        SyntaxTree tree = read.file().tree();
        if ("defmodule".equals(ElixirSyntax.localCallName(tree, statement))) {
            return helperUses(timeline, read, statement, read.call(), 0);
        }
        String called = ElixirSyntax.localCallName(tree, statement);
        if ("if".equals(called) || "unless".equals(called)) {
            // `if id = System.get_env("ID") do config :app, Key, id: id end`: bound in the condition, used in the body.
            List<Node> arguments = ElixirSyntax.arguments(statement);
            return arguments.isEmpty() ? null : bindingUses(timeline, read, arguments.get(0));
        }
        return bindingUses(timeline, read, statement);
    }

    /** The keys fed by the variable {@code binding} ({@code name = …read…}) binds the read to; null for another node. */
    private static List<ConfigTimeline.FedKey> bindingUses(ConfigTimeline timeline, EnvRead read, Node binding) {
        SyntaxTree tree = read.file().tree();
        Node operator = binding.is("binary_operator") ? binding.child("operator") : null;
        Node left = binding.child("left");
        Node right = binding.child("right");
        if (operator == null || !tree.text(operator).equals("=") || left == null || !left.is("identifier")
                || right == null || right.startByte() > read.call().startByte() || right.endByte() < read.call().endByte()) {
            return null;
        }
        return usesOf(timeline, read, binding, tree.text(left), right, read.call(), 0);
    }

    /**
     * Every use of the variable after its binding, each inside a call of the timeline that sees this binding or in
     * the value of another variable, whose uses are followed in turn.
     *
     * @param binding the statement binding the variable
     * @param bound   the expression bound to it
     * @param origin  where the value followed sits inside {@code bound}
     */
    private static List<ConfigTimeline.FedKey> usesOf(ConfigTimeline timeline, EnvRead read, Node binding, String name,
                                                      Node bound, Node origin, int derived) {
        SyntaxTree tree = read.file().tree();
        List<Node> uses = new ArrayList<>();
        tree.root().forEachDescendant(node -> {
            if (node.startByte() < binding.endByte()) {
                return;
            }
            // A call's target is a function's name; an access's ({@code overrides[id]}) is the variable.
            Node variable = node.is("access_call") ? node.child("target")
                    : node.is("identifier") && !"target".equals(node.field()) ? node : null;
            if (variable != null && variable.is("identifier") && tree.text(variable).equals(name)) {
                uses.add(variable);
            }
        });
        List<ConfigTimeline.FedKey> keys = new ArrayList<>();
        List<Node> followed = new ArrayList<>();
        boolean tested = false;
        for (Node use : uses) {
            ConfigCall call = enclosingCall(timeline, read, use);
            if (call == null) {
                if (!runsIn(tree, use, timeline.env()) || onlyPrinted(tree, use)) {
                    continue; // in a branch this environment never takes, or printed to the build's output
                }
                if (testedInCondition(tree, use)) {
                    tested = true; // `if bucket && url do config … bucket: bucket end`: whether it is set, not where
                    continue;
                }
                Node computed = bindingHolding(tree, use);
                if (computed == null || derived == MAX_DERIVED) {
                    return null;
                }
                if (!followed.contains(computed)) { // a variable computed from two uses is followed once
                    followed.add(computed);
                    List<ConfigTimeline.FedKey> further = usesOf(timeline, read, computed,
                            tree.text(computed.child("left")), computed.child("right"), use, derived + 1);
                    if (further == null) {
                        return null;
                    }
                    keys.addAll(further);
                }
                continue;
            }
            Node seen = call.bindings().get(name);
            if (seen == null || seen.startByte() != bound.startByte()) {
                continue; // another variable of the same name
            }
            if (givesWholeOptions(tree, call, use)) {
                // config :master_proxy, proxy (or proxy ++ [https: …]): the call's keys are the list's own
                keys.add(new ConfigTimeline.FedKey(call, keysWithin(tree, bound, origin)));
                continue;
            }
            ConfigTimeline.FedKey key = keyHolding(call, use);
            if (key == null) {
                return null;
            }
            List<String> path = new ArrayList<>(key.keys());
            path.addAll(keysWithin(tree, bound, origin));
            keys.add(new ConfigTimeline.FedKey(call, path));
        }
        // A value only tested decides, and feeds nothing the model can follow.
        return tested && keys.isEmpty() ? null : keys;
    }

    /**
     * Whether {@code use} is only tested for being set in the condition of an {@code if} or {@code unless}: the
     * condition itself, or an operand of the boolean operators and nil comparisons it is made of
     * ({@code if bucket && url do}, {@code unless is_nil(bucket)}).
     */
    private static boolean testedInCondition(SyntaxTree tree, Node use) {
        List<Node> path = tree.root().pathDownTo(use);
        Node tested = use;
        for (int i = path.size() - 2; i > 0; i--) {
            Node node = path.get(i);
            if (node.is("binary_operator") || node.is("unary_operator")) {
                Node operator = node.child("operator");
                String text = operator == null ? "" : tree.text(operator);
                boolean nilCompared = (text.equals("!=") || text.equals("==") || text.equals("!==")
                        || text.equals("===")) && isNil(tree, node.child("left"), node.child("right"));
                if (!BOOLEAN_OPERATORS.contains(text) && !nilCompared) {
                    return false;
                }
                tested = node;
            } else if (node.is("arguments")) {
                Node call = path.get(i - 1);
                String name = ElixirSyntax.localCallName(tree, call);
                List<Node> arguments = ElixirSyntax.arguments(call);
                if ("is_nil".equals(name) && arguments.size() == 1) {
                    tested = call;
                    i--;
                    continue;
                }
                return ("if".equals(name) || "unless".equals(name)) && !arguments.isEmpty()
                        && arguments.get(0) == tested;
            } else if (!node.is("block")) {
                return false;
            }
        }
        return false;
    }

    private static boolean isNil(SyntaxTree tree, Node left, Node right) {
        return left != null && left.is("nil") || right != null && right.is("nil");
    }

    /**
     * The keys fed by the function of the config file's module that holds {@code node} (in its body or a default
     * argument): each call of it in the file, {@code Module.name(…)} inside a config call, or {@code name(…)} inside
     * another function of the module, followed in turn. Null when a call goes anywhere else.
     */
    private static List<ConfigTimeline.FedKey> helperUses(ConfigTimeline timeline, EnvRead read, Node module, Node node,
                                                          int depth) {
        SyntaxTree tree = read.file().tree();
        Node definition = enclosingDefinition(tree, module, node);
        List<Node> moduleArguments = ElixirSyntax.arguments(module);
        String function = definition == null ? null : definedName(tree, definition);
        if (function == null || moduleArguments.isEmpty() || depth == MAX_HELPERS) {
            return null;
        }
        String moduleName = tree.text(moduleArguments.get(0));
        List<Node> remote = new ArrayList<>();
        List<Node> local = new ArrayList<>();
        tree.root().forEachDescendant(candidate -> {
            if (!candidate.is("call")) {
                return;
            }
            boolean inModule = module.startByte() <= candidate.startByte() && candidate.endByte() <= module.endByte();
            if (ElixirSyntax.isRemoteCall(tree, candidate, moduleName, function)) {
                remote.add(candidate);
            } else if (inModule && function.equals(ElixirSyntax.localCallName(tree, candidate))
                    && !isHeadOfDefinition(tree, module, candidate)) {
                local.add(candidate);
            }
        });
        List<ConfigTimeline.FedKey> keys = new ArrayList<>();
        for (Node use : remote) {
            if (enclosingCall(timeline, read, use) == null) {
                return null; // bound to a variable, or passed on: not followed
            }
        }
        // The module is defined while the build evaluates its config: a file imported after this one calls it too.
        for (ConfigCall call : timeline.calls()) {
            if (call.phase() != read.phase()) {
                continue;
            }
            SyntaxTree callTree = call.tree();
            List<Node> uses = new ArrayList<>();
            call.call().forEachDescendant(candidate -> {
                if (candidate.is("call") && ElixirSyntax.isRemoteCall(callTree, candidate, moduleName, function)) {
                    uses.add(candidate);
                }
            });
            for (Node use : uses) {
                ConfigTimeline.FedKey key = keyHolding(call, use);
                if (key == null) {
                    return null;
                }
                keys.add(key);
            }
        }
        for (Node use : local) {
            if (function.equals(definedName(tree, enclosingDefinition(tree, module, use)))) {
                continue; // a function calling itself (a recursion, or its own default argument) feeds nothing new
            }
            List<ConfigTimeline.FedKey> further = helperUses(timeline, read, module, use, depth + 1);
            if (further == null) {
                return null;
            }
            keys.addAll(further);
        }
        return keys;
    }

    /**
     * Whether the variable {@code use} is the keyword list a call configures whole: its last argument
     * ({@code config :app, settings}), or the list a keyword list is appended to there ({@code settings ++ [tls: …]}).
     */
    private static boolean givesWholeOptions(SyntaxTree tree, ConfigCall call, Node use) {
        List<Node> arguments = ElixirSyntax.arguments(call.call());
        if (arguments.size() < 2) {
            return false;
        }
        Node last = arguments.get(arguments.size() - 1);
        if (last == use) {
            return true;
        }
        Node operator = last.is("binary_operator") ? last.child("operator") : null;
        return operator != null && tree.text(operator).equals("++") && last.child("left") == use;
    }

    /** The {@code def}/{@code defp} of {@code module} that holds {@code node}, or null. */
    private static Node enclosingDefinition(SyntaxTree tree, Node module, Node node) {
        Node found = null;
        for (Node ancestor : module.pathTo(node.startByte())) {
            String name = ElixirSyntax.localCallName(tree, ancestor);
            if (("def".equals(name) || "defp".equals(name)) && !ElixirSyntax.arguments(ancestor).isEmpty()) {
                found = ancestor;
            }
        }
        return found;
    }

    /** Whether {@code call} is the head of a definition of the module ({@code region()} in {@code def region() do}). */
    private static boolean isHeadOfDefinition(SyntaxTree tree, Node module, Node call) {
        Node definition = enclosingDefinition(tree, module, call);
        return definition != null && namedHead(definition) == call;
    }

    /** The name a {@code def} defines: {@code region} of {@code def region()} or {@code def config(a, b) when …}. */
    private static String definedName(SyntaxTree tree, Node definition) {
        Node named = definition == null ? null : namedHead(definition);
        if (named != null && named.is("identifier")) {
            return tree.text(named);
        }
        return named != null && named.is("call") ? ElixirSyntax.localCallName(tree, named) : null;
    }

    /** The head of a definition without its guard: {@code name(args)} of {@code def name(args) when …}. */
    private static Node namedHead(Node definition) {
        Node head = ElixirSyntax.arguments(definition).get(0);
        return head.is("binary_operator") ? head.child("left") : head;
    }

    /**
     * Whether {@code use} is printed by a call that is a statement of its own ({@code IO.puts("host: #{host}")}): the
     * value goes to the output of the build that evaluates the config, and nothing of it into the release.
     */
    private static boolean onlyPrinted(SyntaxTree tree, Node use) {
        List<Node> path = new ArrayList<>(List.of(tree.root()));
        path.addAll(tree.root().pathTo(use.startByte()));
        for (int i = path.size() - 1; i > 0; i--) {
            Node node = path.get(i);
            if (PRINTERS.stream().anyMatch(function -> ElixirSyntax.isRemoteCall(tree, node, "IO", function))
                    || LOGGERS.stream().anyMatch(function ->
                            ElixirSyntax.isRemoteCall(tree, node, "Logger", function))) {
                return STATEMENT_HOLDERS.contains(path.get(i - 1).type());
            }
        }
        return false;
    }

    /**
     * The binding statement ({@code name = …}) whose value holds {@code use}, by identity; null when the innermost
     * binding around it binds a pattern, or there is none.
     */
    private static Node bindingHolding(SyntaxTree tree, Node use) {
        List<Node> path = tree.root().pathTo(use.startByte());
        for (int i = path.size() - 1; i >= 0; i--) {
            Node node = path.get(i);
            Node operator = node.is("binary_operator") ? node.child("operator") : null;
            if (operator != null && tree.text(operator).equals("=")) {
                Node left = node.child("left");
                Node right = node.child("right");
                boolean holds = right != null && right.startByte() <= use.startByte() && use.endByte() <= right.endByte();
                return holds && left != null && left.is("identifier") ? node : null;
            }
        }
        return null;
    }

    /**
     * The keys leading to {@code node} inside a bound keyword list: {@code [signing_salt: System.get_env("SALT")]}
     * used as {@code live_view: options} feeds {@code live_view → signing_salt}, which a later call may set alone.
     */
    private static List<String> keysWithin(SyntaxTree tree, Node bound, Node node) {
        List<String> keys = new ArrayList<>();
        Node value = bound;
        while (value != null && (value.is("list") || value.is("keywords"))) {
            Node inner = null;
            for (Node pair : ElixirSyntax.pairsOf(value)) {
                Node pairValue = pair.child("value");
                String key = ElixirSyntax.keywordName(tree, pair);
                if (key != null && pairValue != null && pairValue.startByte() <= node.startByte()
                        && node.endByte() <= pairValue.endByte()) {
                    keys.add(key);
                    inner = pairValue;
                }
            }
            value = inner;
        }
        return keys;
    }

    private static ConfigCall enclosingCall(ConfigTimeline timeline, EnvRead read, Node use) {
        for (ConfigCall call : timeline.calls()) {
            if (call.file().path().equals(read.file().path()) && call.call().startByte() <= use.startByte()
                    && use.endByte() <= call.call().endByte()) {
                return call;
            }
        }
        return null;
    }

    /** The innermost key of {@code call} whose value holds {@code node}; the call's whole value when it has no pairs. */
    private static ConfigTimeline.FedKey keyHolding(ConfigCall call, Node node) {
        if (call.pairs().isEmpty()) {
            return call.subject() == null ? null : new ConfigTimeline.FedKey(call, List.of());
        }
        List<Node> arguments = ElixirSyntax.arguments(call.call());
        if (node.is("identifier") && arguments.size() > 1 && arguments.get(arguments.size() - 1) == node) {
            // `config :shop, Shop.Repo, database_options`: the variable is the whole keyword list; the keys within
            // its binding say which of them the value gives.
            return new ConfigTimeline.FedKey(call, List.of());
        }
        ConfigEntry holding = ConfigEntry.innermostHolding(ConfigEntry.of(call), node);
        return holding == null ? null : new ConfigTimeline.FedKey(call, holding.keys());
    }

    /** Whether every {@code if}/{@code unless} around {@code node} may take the branch that holds it in {@code env}. */
    static boolean runsIn(SyntaxTree tree, Node node, String env) {
        for (Node ancestor : tree.root().pathTo(node.startByte())) {
            Deadline.check();
            String name = ElixirSyntax.localCallName(tree, ancestor);
            Node block = ("if".equals(name) || "unless".equals(name)) ? ElixirSyntax.doBlock(ancestor) : null;
            List<Node> arguments = block == null ? List.of() : ElixirSyntax.arguments(ancestor);
            if (arguments.isEmpty() || !block.contains(node.startByte())) {
                continue;
            }
            Node elseBlock = block.firstOfType("else_block");
            boolean inElse = elseBlock != null && elseBlock.contains(node.startByte());
            Truth condition = EnvCondition.evaluate(tree, arguments.get(0), env);
            Truth taken = name.equals("unless") != inElse ? condition.not() : condition;
            if (taken == Truth.FALSE) {
                return false;
            }
        }
        return true;
    }
}
