package dev.gotchals.rules;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.edit.DockerfileEdits;
import dev.gotchals.elixir.ConfigCall;
import dev.gotchals.elixir.ConfigTimeline;
import dev.gotchals.elixir.ConfigTimeline.Setting;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.EnvCondition;
import dev.gotchals.elixir.Truth;
import dev.gotchals.facts.ProjectFacts;
import dev.gotchals.model.deploy.DeployModel;
import dev.gotchals.model.deploy.DockerImage;
import dev.gotchals.model.deploy.Launch;
import dev.gotchals.model.deploy.ReleaseStart;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.workspace.FileRole;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * GT003 endpoint-not-served: a release whose Phoenix endpoint never gets {@code server: true} on the way the image
 * starts it, and a production URL host left at a loopback literal or the generators' {@code example.com}.
 */
public final class EndpointNotServedRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT003", "endpoint-not-served",
            "Release starts without serving its Phoenix endpoint, or serves it for the wrong host",
            Severity.WARNING, """
            **What it finds.** Two ways a deployed Phoenix app does not answer where it should:

            - *The endpoint is not served.* A Mix release does not start the endpoint's HTTP server unless \
            production config gives it `server: true`: in config, through the generated \
            `if System.get_env("PHX_SERVER") do … server: true end` block in `config/runtime.exs`, with \
            `config :phoenix, :serve_endpoints, true`, or as `{MyAppWeb.Endpoint, server: true}` in the \
            supervision tree. When the switch depends on `PHX_SERVER`, something on the launch path has to set \
            it: `rel/overlays/bin/server` (which `mix phx.gen.release` writes), `ENV PHX_SERVER=true` in the \
            final Dockerfile stage, or a `fly.toml` `[env]` entry. The rule reports the final stage's `CMD` when \
            it starts the release and the endpoint ends up without `server: true`: `bin/my_app start` with \
            nothing setting `PHX_SERVER`, or any start when no prod config turns the server on at all. It only \
            looks at projects that ship as a release, and stays silent when it cannot see how the release is \
            started (no Dockerfile, an entrypoint script it cannot follow, `fly.toml` `[processes]`).
            - *The URL host is wrong.* The endpoint's `url: [host: …]` that production ends up with (config.exs, \
            prod.exs, then runtime.exs; keyword lists merge, so a later `url:` only replaces the host if it sets \
            one) is `"localhost"`, `"127.0.0.1"` or the generators' placeholder `"example.com"`, hard-coded. \
            The `url: [host: "localhost"]` that `mix phx.new` writes in config.exs is fine when runtime.exs \
            overrides it, and so is `host = System.get_env("PHX_HOST") || "example.com"`. This part is checked \
            for projects that show how they are deployed (a release, a Dockerfile, `fly.toml` or a `Procfile`): \
            a freshly generated umbrella carries the placeholder until someone prepares the deploy.

            **Why it matters.** `mix phx.server` turns the server on by itself, so everything works locally; the \
            release boots, logs no error, and refuses every connection: health checks fail and the platform \
            restarts the container in a loop. A wrong host makes Phoenix build absolute URLs (redirects, \
            emails, `url/1`, `static_url`) for a host nobody can reach, and with the default `check_origin` the \
            endpoint rejects LiveView and channel connections whose origin is the real domain.

            **Instead.** Start the image with `/app/bin/server` (it sets `PHX_SERVER=true`), or set \
            `ENV PHX_SERVER=true` in the final stage, or give the endpoint `server: true` in the prod block of \
            `config/runtime.exs`. Read the host at boot: `host = System.get_env("PHX_HOST") || "example.com"` \
            and `url: [host: host, port: 443, scheme: "https"]` in runtime.exs.

            **Fix.** Adds `ENV PHX_SERVER=true` to the final stage (next to its other `ENV` lines), or \
            `server: true` to the endpoint's config in the prod block of `config/runtime.exs`. The host has no \
            quick fix: the linter does not know the real domain, and the right change (reading `PHX_HOST` in \
            runtime.exs) needs the deployment to set that variable.""", """
            ```dockerfile
            # Dockerfile (final stage); config/runtime.exs has the generated
            # `if System.get_env("PHX_SERVER") do … server: true end` block
            CMD ["/app/bin/my_app", "start"]
            ```

            ```elixir
            # config/prod.exs, never overridden in runtime.exs
            config :my_app, MyAppWeb.Endpoint, url: [host: "localhost", port: 443]
            ```
            """, """
            ```dockerfile
            # Dockerfile (final stage): rel/overlays/bin/server runs `PHX_SERVER=true exec ./my_app start`
            CMD ["/app/bin/server"]
            ```

            ```elixir
            # config/runtime.exs
            if config_env() == :prod do
              host = System.get_env("PHX_HOST") || "example.com"

              config :my_app, MyAppWeb.Endpoint, url: [host: host, port: 443, scheme: "https"]
            end
            ```
            """);

    private static final Set<String> PLACEHOLDER_HOSTS = Set.of("localhost", "127.0.0.1", "example.com");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public Set<FileRole> reads() {
        Set<FileRole> roles = EnumSet.copyOf(ProjectFacts.ROLES);
        roles.addAll(List.of(FileRole.CONFIG, FileRole.ELIXIR_SOURCE, FileRole.DOCKERFILE, FileRole.RELEASE_SCRIPT,
                FileRole.DEPLOY_MANIFEST, FileRole.ENTRYPOINT_SCRIPT));
        return roles;
    }

    /** An endpoint module and the OTP app whose config it reads. */
    record Endpoint(String app, String module) {
    }

    @Override
    public List<Finding> check(ProjectContext project) {
        ConfigTimeline prod = ConfigTimeline.prod(project);
        ProjectFacts facts = ProjectFacts.of(project);
        List<Finding> findings = new ArrayList<>();
        DeployModel deploy = DeployModel.of(project);
        boolean deployed = facts.buildsRelease() || !deploy.images().isEmpty() || deploy.fly() != null
                || deploy.procfile() != null;
        for (Endpoint endpoint : endpoints(project, prod)) {
            if (facts.buildsRelease()) {
                findings.addAll(serverSwitch(project, prod, endpoint));
            }
            if (deployed) {
                Finding host = urlHost(project, prod, endpoint);
                if (host != null) {
                    findings.add(host);
                }
            }
        }
        return findings;
    }

    // ---------------------------------------------------------------- endpoints

    /** Modules that {@code use Phoenix.Endpoint}; failing that, config subjects ending in {@code Endpoint}. */
    static List<Endpoint> endpoints(ProjectContext project, ConfigTimeline prod) {
        Set<Endpoint> found = new LinkedHashSet<>();
        for (DocumentSnapshot file : project.files(FileRole.ELIXIR_SOURCE)) {
            if (!file.isParsed() || !file.text().text().contains("Phoenix.Endpoint")) {
                continue;
            }
            SyntaxTree tree = file.tree();
            for (Node statement : tree.statements()) {
                Deadline.check();
                if (!"defmodule".equals(ElixirSyntax.localCallName(tree, statement))) {
                    continue;
                }
                List<Node> arguments = ElixirSyntax.arguments(statement);
                if (arguments.isEmpty() || !arguments.get(0).is("alias")) {
                    continue;
                }
                for (Node inner : ElixirSyntax.blockStatements(ElixirSyntax.doBlock(statement), false)) {
                    List<Node> used = ElixirSyntax.arguments(inner);
                    if ("use".equals(ElixirSyntax.localCallName(tree, inner)) && !used.isEmpty()
                            && tree.text(used.get(0)).equals("Phoenix.Endpoint")) {
                        for (Node pair : ElixirSyntax.keywordPairs(inner)) {
                            String app = "otp_app".equals(ElixirSyntax.keywordName(tree, pair))
                                    ? ElixirSyntax.atomName(tree, pair.child("value")) : null;
                            if (app != null) {
                                found.add(new Endpoint(app, tree.text(arguments.get(0))));
                            }
                        }
                    }
                }
            }
        }
        if (found.isEmpty()) {
            for (ConfigCall call : prod.calls()) {
                String subject = call.subject();
                if (subject != null && subject.endsWith("Endpoint") && Character.isUpperCase(subject.charAt(0))) {
                    found.add(new Endpoint(call.app(), subject));
                }
            }
        }
        return List.copyOf(found);
    }

    // ---------------------------------------------------------------- part A: the server switch

    /** How production turns the endpoint's server on: never, always, when one of some env vars is set, or unknown. */
    enum Kind { OFF, ON, CONDITIONAL, UNKNOWN }

    /** {@code source}: the config file holding the conditional switch, for messages. */
    record Switch(Kind kind, Set<String> vars, Path source) {
        static final Switch OFF = new Switch(Kind.OFF, Set.of(), null);
        static final Switch ON = new Switch(Kind.ON, Set.of(), null);
        static final Switch UNKNOWN = new Switch(Kind.UNKNOWN, Set.of(), null);

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

    private List<Finding> serverSwitch(ProjectContext project, ConfigTimeline prod, Endpoint endpoint) {
        Switch state = fold(prod.settings(endpoint.app(), endpoint.module(), "server"))
                .or(serveEndpoints(prod))
                .or(childSpec(project, endpoint));
        DeployModel deploy = DeployModel.of(project);
        if (state.kind() == Kind.ON || state.kind() == Kind.UNKNOWN
                || state.vars().stream().anyMatch(deploy.platformEnvironment()::contains)
                || deploy.fly() != null && !deploy.fly().processes().isEmpty()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (DockerImage image : deploy.productionImages()) {
            Launch launch = deploy.launch(image);
            ReleaseStart start = launch == null ? null : launch.releaseStart();
            if (start == null) {
                continue;
            }
            if (state.kind() == Kind.CONDITIONAL && state.vars().stream().anyMatch(start.environment()::contains)) {
                continue;
            }
            findings.add(notServed(project, endpoint, state, image, launch, start));
        }
        return findings;
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

    /** {@code {MyAppWeb.Endpoint, server: true}} in a supervision tree. */
    private static Switch childSpec(ProjectContext project, Endpoint endpoint) {
        Switch[] state = {Switch.OFF};
        for (DocumentSnapshot file : project.files(FileRole.ELIXIR_SOURCE)) {
            String text = file.text().text();
            if (!file.isParsed() || !text.contains(endpoint.module()) || !text.contains("server:")) {
                continue;
            }
            SyntaxTree tree = file.tree();
            tree.root().forEachDescendant(node -> {
                List<Node> items = node.is("tuple") ? node.namedChildren() : List.of();
                if (items.size() != 2 || !items.get(0).is("alias") || !tree.text(items.get(0)).equals(endpoint.module())) {
                    return;
                }
                for (Node pair : ElixirSyntax.pairsOf(items.get(1))) {
                    Node value = pair.child("value");
                    if ("server".equals(ElixirSyntax.keywordName(tree, pair)) && value != null) {
                        boolean literal = value.is("boolean");
                        if (!literal || tree.text(value).equals("true")) {
                            state[0] = state[0].or(literal ? Switch.ON : Switch.UNKNOWN);
                        }
                    }
                }
            });
        }
        return state[0];
    }

    /**
     * The variable an expression needs set to be truthy: {@code System.get_env("X")}, compared with {@code ==} or
     * {@code in}, or {@code != nil}. Null for anything else.
     */
    static String envRequirement(SyntaxTree tree, Node node) {
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

    private Finding notServed(ProjectContext project, Endpoint endpoint, Switch state, DockerImage image,
                              Launch launch, ReleaseStart start) {
        DocumentSnapshot file = image.file();
        String command = start.invocation().command().text();
        String via = start.script() == null ? "`" + command + "`"
                : "`" + command + "` (" + project.project().relativize(start.script().file().path()) + ")";
        String message;
        List<Fix> fixes = new ArrayList<>();
        if (state.kind() == Kind.CONDITIONAL) {
            String var = state.vars().iterator().next();
            String vars = String.join(" or ", state.vars());
            message = "The image starts the release with " + via + ", which does not set " + vars + ", and "
                    + project.project().relativize(state.source()) + " serves " + endpoint.module()
                    + " only when it is set, so the release boots without listening for HTTP.";
            fixes.add(new Fix("Add `ENV " + var + "=true` to the final stage", true,
                    List.of(DockerfileEdits.setEnv(file, image.finalStage(), var, "true"))));
        } else {
            message = "The image starts the release with " + via + " but no prod config gives "
                    + endpoint.module() + " `server: true` (no `server:` setting, no PHX_SERVER block in "
                    + "config/runtime.exs), so the release boots without listening for HTTP.";
        }
        Fix runtime = serverTrueInRuntime(project, endpoint, state.kind() == Kind.OFF);
        if (runtime != null) {
            fixes.add(runtime);
        }
        Node node = launch.shown().node();
        return new Finding(INFO, INFO.defaultSeverity(), file, file.tree().startOffset(node),
                file.tree().endOffset(node), message, fixes);
    }

    /**
     * {@code server: true} for the endpoint in the prod block of runtime.exs: added to the endpoint's config
     * there, or as a config line at the block's end, or in a new prod block; runtime.exs is created if missing.
     */
    private static Fix serverTrueInRuntime(ProjectContext project, Endpoint endpoint, boolean safe) {
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

    // ---------------------------------------------------------------- part B: the URL host

    private static Finding urlHost(ProjectContext project, ConfigTimeline prod, Endpoint endpoint) {
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
        if (value == null || !PLACEHOLDER_HOSTS.contains(value.toLowerCase(Locale.ROOT))) {
            return null;
        }
        String where = project.project().relativize(file.path());
        String kind = value.equalsIgnoreCase("example.com") ? "the generators' placeholder \"example.com\""
                : "the loopback address \"" + value + "\"";
        String message = "The production URL host of " + endpoint.module() + " stays " + kind + " (" + where
                + ", not overridden later), so Phoenix builds absolute URLs for it and, with the default "
                + "check_origin, rejects LiveView and channel connections from the real domain.";
        return new Finding(INFO, INFO.defaultSeverity(), file, tree.startOffset(shown), tree.endOffset(shown),
                message, List.of());
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
