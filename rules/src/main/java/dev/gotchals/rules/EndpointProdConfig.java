package dev.gotchals.rules;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.EnvCondition;
import dev.gotchals.elixir.Truth;
import dev.gotchals.model.config.ConfigCall;
import dev.gotchals.model.config.ConfigTimeline;
import dev.gotchals.model.config.ConfigTimeline.Setting;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rules.EndpointNotServedRule.Endpoint;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What production config says about a Phoenix endpoint, read from the prod {@link ConfigTimeline}: whether it gets
 * {@code server: true} (always, never, or when an environment variable is set), the URL host it ends up with, and
 * the runtime.exs edit that switches its server on. GT003 asks only these questions of config.
 */
final class EndpointProdConfig {
    private EndpointProdConfig() {
    }

    /** Config subjects ending in {@code Endpoint}: the endpoints of a project whose endpoint modules are not in sight. */
    static List<Endpoint> configuredEndpoints(ConfigTimeline prod) {
        Set<Endpoint> found = new LinkedHashSet<>();
        for (ConfigCall call : prod.calls()) {
            String subject = call.subject();
            if (subject != null && subject.endsWith("Endpoint") && Character.isUpperCase(subject.charAt(0))) {
                found.add(new Endpoint(call.app(), subject));
            }
        }
        return List.copyOf(found);
    }

    /** How production turns the endpoint's server on: never, always, when one of some env vars is set, or unknown. */
    enum Kind { OFF, ON, CONDITIONAL, UNKNOWN }

    /** {@code source}: the config file holding the conditional switch, for messages. */
    record Switch(Kind kind, Set<String> vars, Path source) {
        static final Switch OFF = new Switch(Kind.OFF, Set.of(), null);
        static final Switch ON = new Switch(Kind.ON, Set.of(), null);
        static final Switch UNKNOWN = new Switch(Kind.UNKNOWN, Set.of(), null);

        /** What a supervision tree's {@code server:} option says: TRUE on, UNKNOWN unreadable, FALSE nothing. */
        static Switch of(Truth served) {
            return served == Truth.TRUE ? ON : served == Truth.UNKNOWN ? UNKNOWN : OFF;
        }

        static Switch when(String var, Path source) {
            return new Switch(Kind.CONDITIONAL, Set.of(var), source);
        }

        /** Served if either serves it. */
        Switch or(Switch other) {
            if (kind == Kind.ON || other.kind == Kind.ON) {
                return ON;
            }
            if (kind == Kind.UNKNOWN || other.kind == Kind.UNKNOWN) {
                return UNKNOWN;
            }
            if (kind == Kind.OFF) {
                return other;
            }
            if (other.kind == Kind.OFF) {
                return this;
            }
            Set<String> union = new TreeSet<>(vars);
            union.addAll(other.vars);
            return new Switch(Kind.CONDITIONAL, Set.copyOf(union), source);
        }
    }

    /**
     * How prod config switches the endpoint's server on: its {@code server:} settings in evaluation order, then
     * {@code config :phoenix, :serve_endpoints, true}.
     */
    static Switch serverSwitch(ConfigTimeline prod, Endpoint endpoint) {
        return fold(prod.settings(endpoint.app(), endpoint.module(), "server")).or(serveEndpoints(prod));
    }

    /** The server value production ends with, from settings in evaluation order. */
    private static Switch fold(List<Setting> settings) {
        Switch state = Switch.OFF;
        for (Setting setting : settings) {
            SyntaxTree tree = setting.call().tree();
            Node value = setting.value();
            Switch given;
            if (value.is("boolean")) {
                given = tree.text(value).equals("true") ? Switch.ON : null;
            } else {
                String var = envRequirement(tree, value);
                given = var != null ? Switch.when(var, setting.call().file().path()) : Switch.UNKNOWN;
            }
            if (setting.call().applies() == Truth.TRUE) {
                // An unconditional `server: false` is a deliberate choice: not the rule's business.
                state = given == null ? Switch.UNKNOWN : given;
                continue;
            }
            String guard = given == null ? null : guardVariable(setting.call());
            if (given != null && guard != null && given.kind() == Kind.ON) {
                state = state.or(Switch.when(guard, setting.call().file().path()));
            } else if (!(given != null && given.kind() == Kind.ON && state.kind() == Kind.ON)) {
                state = Switch.UNKNOWN;
            }
        }
        return state;
    }

    /** {@code config :phoenix, :serve_endpoints, true} or {@code config :phoenix, serve_endpoints: true}. */
    private static Switch serveEndpoints(ConfigTimeline prod) {
        List<Setting> settings = new ArrayList<>(prod.settings("phoenix", null, "serve_endpoints"));
        for (ConfigCall call : prod.calls()) {
            List<Node> arguments = ElixirSyntax.arguments(call.call());
            if (call.app().equals("phoenix") && "serve_endpoints".equals(call.subject()) && arguments.size() == 3) {
                settings.add(new Setting(call, arguments.get(2)));
            }
        }
        settings.sort((a, b) -> Integer.compare(prod.calls().indexOf(a.call()), prod.calls().indexOf(b.call())));
        return fold(settings);
    }

    /**
     * The variable an expression needs set to be truthy: {@code System.get_env("X")}, compared with {@code ==} or
     * {@code in}, or {@code != nil}. Null for anything else.
     */
    private static String envRequirement(SyntaxTree tree, Node node) {
        if (node == null) {
            return null;
        }
        if (node.is("block") && node.namedChildren().size() == 1) {
            return envRequirement(tree, node.namedChildren().get(0));
        }
        String direct = envRead(tree, node);
        if (direct != null) {
            return direct;
        }
        if (!node.is("binary_operator")) {
            return null;
        }
        Node operator = node.child("operator");
        String op = operator == null ? "" : tree.text(operator);
        Node left = node.child("left");
        Node right = node.child("right");
        String var = envRead(tree, left);
        Node other = right;
        if (var == null) {
            var = envRead(tree, right);
            other = left;
        }
        if (var == null || other == null) {
            return null;
        }
        boolean literal = other.is("string") || other.is("sigil") || other.is("list");
        return switch (op) {
            case "==", "===" -> other.is("string") ? var : null;
            case "in" -> other == right && literal ? var : null;
            case "!=", "!==" -> other.is("nil") ? var : null;
            default -> null;
        };
    }

    /** {@code System.get_env("X")} (one argument: with a default it is always truthy) → "X". */
    private static String envRead(SyntaxTree tree, Node node) {
        if (!ElixirSyntax.isRemoteCall(tree, node, "System", "get_env")) {
            return null;
        }
        List<Node> arguments = ElixirSyntax.arguments(node);
        return arguments.size() == 1 ? ElixirSyntax.stringLiteral(tree, arguments.get(0)) : null;
    }

    /**
     * For a config call that runs only sometimes: the env var whose presence decides it, when every undecided
     * condition around it is a plain {@code if} on one variable (the generated PHX_SERVER block); else null.
     */
    private static String guardVariable(ConfigCall call) {
        List<Guard> guards = guards(call.tree(), call.tree().statements(), call.call());
        if (guards == null) {
            return null;
        }
        String variable = null;
        for (Guard guard : guards) {
            Truth truth = EnvCondition.evaluate(call.tree(), guard.condition(), "prod");
            if (guard.negated()) {
                truth = truth.not();
            }
            if (truth == Truth.TRUE) {
                continue;
            }
            String var = guard.negated() ? null : envRequirement(call.tree(), guard.condition());
            if (var == null || variable != null && !variable.equals(var)) {
                return null;
            }
            variable = var;
        }
        return variable;
    }

    /** A condition a statement sits under; {@code negated} for {@code unless} and {@code else} branches. */
    private record Guard(Node condition, boolean negated) {
    }

    /** The if/unless conditions enclosing {@code target}, outermost first; null when it is not found. */
    private static List<Guard> guards(SyntaxTree tree, List<Node> statements, Node target) {
        for (Node statement : statements) {
            Deadline.check();
            if (statement.equals(target)) {
                return new ArrayList<>();
            }
            if (statement.startByte() > target.startByte() || statement.endByte() < target.endByte()) {
                continue;
            }
            String name = ElixirSyntax.localCallName(tree, statement);
            List<Node> arguments = ElixirSyntax.arguments(statement);
            if (!("if".equals(name) || "unless".equals(name)) || arguments.isEmpty()) {
                return null;
            }
            Node block = ElixirSyntax.doBlock(statement);
            for (boolean elseBranch : new boolean[] {false, true}) {
                List<Guard> inner = guards(tree, ElixirSyntax.blockStatements(block, elseBranch), target);
                if (inner != null) {
                    inner.add(0, new Guard(arguments.get(0), elseBranch != "unless".equals(name)));
                    return inner;
                }
            }
            return null;
        }
        return null;
    }

    /**
     * {@code server: true} for the endpoint in the prod block of runtime.exs: added to the endpoint's config
     * there, or as a config line at the block's end, or in a new prod block; runtime.exs is created if missing.
     */
    static Fix serverTrueInRuntime(ProjectContext project, Endpoint endpoint, boolean safe) {
        String title = "Give " + endpoint.module() + " `server: true` in the prod block of config/runtime.exs";
        String line = "config :" + endpoint.app() + ", " + endpoint.module() + ", server: true";
        DocumentSnapshot runtime = project.configFile("runtime.exs");
        if (runtime == null) {
            if (project.configFile("config.exs") == null) {
                return null;
            }
            Path path = project.project().root().resolve("config/runtime.exs");
            return new Fix(title, safe, List.of(new Fix.CreateFile(path,
                    "import Config\n\nif config_env() == :prod do\n  " + line + "\nend\n")));
        }
        if (!runtime.isParsed() || runtime.tree().hasErrors()) {
            return null;
        }
        SyntaxTree tree = runtime.tree();
        String text = runtime.text().text();
        for (Node statement : tree.statements()) {
            List<Node> arguments = ElixirSyntax.arguments(statement);
            if (!"if".equals(ElixirSyntax.localCallName(tree, statement)) || arguments.isEmpty()
                    || EnvCondition.evaluate(tree, arguments.get(0), "prod") != Truth.TRUE
                    || EnvCondition.evaluate(tree, arguments.get(0), "dev") != Truth.FALSE) {
                continue;
            }
            Node block = ElixirSyntax.doBlock(statement);
            List<Node> body = ElixirSyntax.blockStatements(block, false);
            for (Node inner : body) {
                List<Node> configArgs = ElixirSyntax.arguments(inner);
                List<Node> pairs = ElixirSyntax.keywordPairs(inner);
                if ("config".equals(ElixirSyntax.localCallName(tree, inner)) && configArgs.size() == 3
                        && endpoint.app().equals(ElixirSyntax.atomName(tree, configArgs.get(0)))
                        && tree.text(configArgs.get(1)).equals(endpoint.module()) && !pairs.isEmpty()) {
                    Node first = pairs.get(0);
                    Node last = pairs.get(pairs.size() - 1);
                    int at = tree.endOffset(last);
                    int firstStart = tree.startOffset(first);
                    int lineStart = text.lastIndexOf('\n', firstStart - 1) + 1;
                    boolean ownLine = text.substring(lineStart, firstStart).isBlank()
                            && lineStart > tree.startOffset(inner);
                    String addition = ownLine ? ",\n" + text.substring(lineStart, firstStart) + "server: true"
                            : ", server: true";
                    return new Fix(title, safe, List.of(new Fix.Edit(runtime, at, at, addition)));
                }
            }
            Node end = block.children().get(block.children().size() - 1);
            int endStart = tree.startOffset(end);
            int endLine = text.lastIndexOf('\n', endStart - 1) + 1;
            String outer = text.substring(endLine, endStart);
            if (!outer.isBlank()) {
                return null;
            }
            String before = text.substring(0, endLine);
            String separator = body.isEmpty() || before.endsWith("\n\n") ? "" : "\n";
            return new Fix(title, safe, List.of(new Fix.Edit(runtime, endLine, endLine,
                    separator + outer + "  " + line + "\n")));
        }
        String separator = text.isEmpty() || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
        return new Fix(title, safe, List.of(new Fix.Edit(runtime, text.length(), text.length(),
                separator + "if config_env() == :prod do\n  " + line + "\nend\n")));
    }

    /** A URL host written in config: its value and the node that holds it. */
    record Host(DocumentSnapshot file, Node node, String value) {
    }

    /**
     * The URL host the endpoint ends up with in production when it is a string literal (written in the {@code url:}
     * of the last config call that sets a host, or bound to the variable given there), or null when config does not
     * settle it: keyword lists deep-merge, so a later {@code url:} without a host keeps the earlier one.
     */
    static Host urlHost(ConfigTimeline prod, Endpoint endpoint) {
        Setting effective = null;
        Node host = null;
        for (Setting setting : prod.settings(endpoint.app(), endpoint.module(), "url")) {
            SyntaxTree tree = setting.call().tree();
            if (!setting.value().is("list")) {
                effective = null; // url: some_variable: cannot tell which host it sets
                continue;
            }
            Node given = null;
            for (Node pair : ElixirSyntax.pairsOf(setting.value())) {
                if ("host".equals(ElixirSyntax.keywordName(tree, pair))) {
                    given = pair.child("value");
                }
            }
            if (given == null) {
                continue; // keyword lists deep-merge: the earlier host stays
            }
            boolean sure = setting.call().applies() == Truth.TRUE;
            effective = sure ? setting : null;
            host = sure ? given : null;
        }
        if (effective == null || host == null) {
            return null;
        }
        DocumentSnapshot file = effective.call().file();
        SyntaxTree tree = file.tree();
        String value = ElixirSyntax.stringLiteral(tree, host);
        Node shown = host;
        if (value == null && host.is("identifier")) {
            Node bound = binding(tree, effective.call().call(), tree.text(host));
            value = bound == null ? null : ElixirSyntax.stringLiteral(tree, bound);
            shown = bound;
        }
        return value == null ? null : new Host(file, shown, value);
    }

    /** The expression last bound to {@code name} before {@code call} in the block that holds the call. */
    private static Node binding(SyntaxTree tree, Node call, String name) {
        List<Node> block = enclosingBlock(tree, tree.statements(), call);
        if (block == null) {
            return null;
        }
        Node bound = null;
        for (Node statement : block) {
            if (statement.equals(call)) {
                break;
            }
            Node left = statement.child("left");
            Node operator = statement.child("operator");
            if (statement.is("binary_operator") && operator != null && tree.text(operator).equals("=")
                    && left != null && left.is("identifier") && tree.text(left).equals(name)) {
                bound = statement.child("right");
            }
        }
        return bound;
    }

    /** The statement list (file or if/unless branch) that directly holds {@code target}. */
    private static List<Node> enclosingBlock(SyntaxTree tree, List<Node> statements, Node target) {
        for (Node statement : statements) {
            if (statement.equals(target)) {
                return statements;
            }
            if (statement.startByte() <= target.startByte() && statement.endByte() >= target.endByte()) {
                Node block = ElixirSyntax.doBlock(statement);
                for (boolean elseBranch : new boolean[] {false, true}) {
                    List<Node> found = enclosingBlock(tree, ElixirSyntax.blockStatements(block, elseBranch), target);
                    if (found != null) {
                        return found;
                    }
                }
                return null;
            }
        }
        return null;
    }
}
