package dev.gotchals.rules;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.edit.ConfigEdits;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.ElixirVersion;
import dev.gotchals.elixir.EnvCondition;
import dev.gotchals.elixir.Truth;
import dev.gotchals.model.config.ConfigCall;
import dev.gotchals.model.config.ConfigTimeline;
import dev.gotchals.model.config.ConfigTimeline.Setting;
import dev.gotchals.model.config.ConfigValue;
import dev.gotchals.model.config.RuntimeConfig;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rules.EndpointNotServedRule.Endpoint;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What production config says about a Phoenix endpoint, asked of the prod {@link ConfigTimeline}: how its server is
 * switched on ({@link ServerSwitch}), the URL host it ends up with, and the runtime config edit that switches the
 * server on. GT003 asks only these questions of config.
 */
final class EndpointProdConfig {
    static final String SERVE_ENDPOINTS = "serve_endpoints";
    /** Keys an app sets on an endpoint it serves; a dependency's endpoint may get only, say, its error views. */
    private static final List<String> LISTENER_KEYS = List.of("http", "https", "url", "server");

    private EndpointProdConfig() {
    }

    /**
     * Config subjects ending in {@code Endpoint} that prod config gives a listener, URL or server switch: the endpoints
     * of a project whose endpoint modules are not in sight (they come from a dependency).
     */
    static List<Endpoint> configuredEndpoints(ConfigTimeline prod) {
        Set<Endpoint> found = new LinkedHashSet<>();
        for (ConfigCall call : prod.calls()) {
            String subject = call.subject();
            if (subject != null && subject.endsWith("Endpoint") && Character.isUpperCase(subject.charAt(0))
                    && LISTENER_KEYS.stream().anyMatch(key ->
                            prod.effective(call.app(), subject, key).state() != ConfigValue.State.UNSET)) {
                found.add(new Endpoint(call.app(), subject));
            }
        }
        return List.copyOf(found);
    }

    /**
     * How prod config switches the endpoint's server on: its own {@code server:} key, and
     * {@code config :phoenix, :serve_endpoints, true}, which Phoenix reads when the key is not set.
     */
    static ServerSwitch serverSwitch(ConfigTimeline prod, Endpoint endpoint) {
        ServerSwitch own = switchOf(prod.effective(endpoint.app(), endpoint.module(), "server"),
                prod.settings(endpoint.app(), endpoint.module(), "server"));
        return own.or(switchOf(prod.effective("phoenix", SERVE_ENDPOINTS), prod.settings("phoenix", null, SERVE_ENDPOINTS)));
    }

    /**
     * The switch a key's effective value makes. The timeline leaves a value unknown when a call under a condition it
     * cannot decide ({@link Truth#UNKNOWN} {@code applies()}) sets it last; the key's plain {@code settings} are then
     * read in order: a call under conditions that are all one environment variable's presence that sets
     * {@code true} (the generated {@code if System.get_env("PHX_SERVER")} block) adds that variable to whatever
     * the settings before turned on. Anything else stays unknown.
     */
    private static ServerSwitch switchOf(ConfigValue end, List<Setting> settings) {
        if (end.state() == ConfigValue.State.UNSET) {
            return ServerSwitch.OFF;
        }
        if (end.isSet()) {
            return ServerSwitch.ofValue(end.call().tree(), end.value(), end.file().path());
        }
        boolean foldable = settings.stream().anyMatch(setting -> setting.call().call() == end.call().call());
        if (end.call().applies() == Truth.TRUE || !foldable) {
            return ServerSwitch.UNKNOWN;
        }
        ServerSwitch state = ServerSwitch.OFF;
        for (Setting setting : settings) {
            ConfigCall call = setting.call();
            ServerSwitch given = ServerSwitch.ofValue(call.tree(), call.resolve(setting.value()), call.file().path());
            if (call.applies() == Truth.TRUE) {
                state = given;
                continue;
            }
            String guard = given.kind() == ServerSwitch.Kind.ON ? guardVariable(call) : null;
            if (guard != null) {
                state = state.or(ServerSwitch.when(guard, call.file().path()));
            } else if (!(given.kind() == ServerSwitch.Kind.ON && state.kind() == ServerSwitch.Kind.ON)) {
                state = ServerSwitch.UNKNOWN;
            }
        }
        return state;
    }

    /**
     * Whether the variable that switches the endpoint's server on also switches on the rest of the app in prod: a
     * config call under the same {@code if System.get_env("PHX_SERVER")} sets something besides this endpoint's
     * {@code server:} (the workers' {@code start: true}). Without it the release runs nothing at all, which no
     * deployment goes on with unnoticed: the platform sets it where the repository does not show.
     */
    static boolean switchesTheWholeApp(ConfigTimeline prod, Endpoint endpoint, String variable) {
        for (ConfigCall call : prod.calls()) {
            if (call.applies() == Truth.TRUE || !variable.equals(guardVariable(call))) {
                continue;
            }
            boolean onlyServes = endpoint.app().equals(call.app()) && endpoint.module().equals(call.subject())
                    && call.pairs().size() == 1 && call.value("server") != null;
            if (!onlyServes) {
                return true;
            }
        }
        return false;
    }

    /**
     * For a call that runs only sometimes: the environment variable whose presence decides it, when every condition
     * around it that prod does not settle is a plain {@code if} on that variable; else null. (The timeline records
     * that a call's condition is undecided, not which condition it is.)
     */
    private static String guardVariable(ConfigCall call) {
        SyntaxTree tree = call.tree();
        Node target = call.call();
        List<Node> path = tree.root().pathTo(target.startByte());
        String variable = null;
        for (int i = 0; i < path.size() && path.get(i).endByte() > target.endByte(); i++) {
            Node node = path.get(i);
            String name = ElixirSyntax.localCallName(tree, node);
            List<Node> arguments = ElixirSyntax.arguments(node);
            if (!("if".equals(name) || "unless".equals(name)) || arguments.isEmpty()
                    || ElixirSyntax.doBlock(node) == null) {
                continue;
            }
            boolean inElse = i + 2 < path.size() && path.get(i + 2).is("else_block");
            boolean negated = "unless".equals(name) != inElse;
            Truth holds = EnvCondition.evaluate(tree, arguments.get(0), "prod");
            if ((negated ? holds.not() : holds) == Truth.TRUE) {
                continue;
            }
            String var = negated ? null : ServerSwitch.envRequirement(tree, arguments.get(0));
            if (var == null || variable != null && !variable.equals(var)) {
                return null;
            }
            variable = var;
        }
        return variable;
    }

    /**
     * {@code server: true} for the endpoint in the prod block of the runtime config that an Elixir {@code version}
     * (null: unknown) reads; null when that version reads none or the file cannot be edited safely.
     */
    static Fix serverTrueInRuntime(ProjectContext project, Endpoint endpoint, ElixirVersion version, boolean safe) {
        RuntimeConfig runtime = RuntimeConfig.choose(project, version);
        Fix.Change change = runtime == null ? null
                : ConfigEdits.setInProdBlock(runtime, endpoint.app(), endpoint.module(), "server", "true");
        if (change == null) {
            return null;
        }
        String where = (ConfigEdits.hasProdBlock(runtime) ? "the prod block of " : "") + "config/" + runtime.name();
        return new Fix("Give " + endpoint.module() + " `server: true` in " + where, safe, List.of(change));
    }

    /** A URL host written in config as a string literal: its value and the node that holds it. */
    record Host(DocumentSnapshot file, Node node, String value) {
    }

    /**
     * The URL host the endpoint ends up with in production when it is a string literal, written in the {@code url:}
     * or bound to the variable given there; null when it is unset, unknown or computed (read at boot, for one), and
     * when a file the repository does not hold is imported after it (a gitignored {@code prod.secret.exs} may set it).
     */
    static Host urlHost(ConfigTimeline prod, Endpoint endpoint) {
        ConfigValue host = prod.effective(endpoint.app(), endpoint.module(), "url", "host");
        if (host.isSet() && prod.unseenConfigAfter(host.call()) != null) {
            return null;
        }
        String value = host.isSet() ? ElixirSyntax.stringLiteral(host.call().tree(), host.value()) : null;
        return value == null ? null : new Host(host.file(), host.value(), value);
    }
}
