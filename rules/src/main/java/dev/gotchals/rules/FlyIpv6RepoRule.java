package dev.gotchals.rules;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.edit.ConfigEdits;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.model.config.ConfigCall;
import dev.gotchals.model.config.ConfigPhase;
import dev.gotchals.model.config.ConfigTimeline;
import dev.gotchals.model.config.ConfigValue;
import dev.gotchals.model.config.RuntimeConfig;
import dev.gotchals.model.deploy.DeployManifests;
import dev.gotchals.model.deploy.FlyToml;
import dev.gotchals.model.project.EctoRepos;
import dev.gotchals.model.project.ProjectModel;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * GT017 fly-ipv6-repo: an app deployed to fly.io whose production Repo config does not connect over IPv6, the only
 * protocol of Fly's private network.
 */
public final class FlyIpv6RepoRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT017", "fly-ipv6-repo",
            "Repo cannot reach a database on Fly's IPv6 private network", Severity.WARNING, """
            **What it finds.** A project deployed to fly.io (a `fly.toml` at its root) with a networked Ecto repo \
            (Postgres, MySQL…) whose production config, as it ends up after `config.exs`, `prod.exs` and the \
            runtime config, sets no `socket_options` with `:inet6`: neither `socket_options: [:inet6]` nor the \
            `maybe_ipv6` switch on `ECTO_IPV6` that `mix phx.new` generates in `runtime.exs`. Not reported: \
            repos whose driver takes no `socket_options` (embedded SQLite or Mnesia, Cassandra through Exandra, \
            ClickHouse); a repo that sets its options in an `init/2` callback; \
            `socket_options` the config reads from elsewhere (a function, an environment variable, a condition); \
            a database whose host is written down and is not on Fly's private network (a `DATABASE_URL` in \
            `fly.toml`'s `[env]`, a literal `url:` or `hostname:` pointing at Neon, Supabase or RDS…, TLS options \
            that name the server for SNI, `ssl_opts: [server_name_indication: …]`, which a hosted database such as \
            Neon asks for and a Fly Postgres on the private network does not); a repo \
            whose config file keeps `socket_options` or the generated `maybe_ipv6` switch in a comment \
            (`# , socket_options: maybe_ipv6`, `# maybe_ipv6 = …`: turned off on purpose); a repo with no \
            production config at all.

            **Why it matters.** Fly machines reach a Fly Postgres cluster (and every other app) through \
            `.internal` and `.flycast` names, which resolve to IPv6 addresses only. Postgrex, like `:gen_tcp`, \
            resolves host names over IPv4 unless `:inet6` is among its socket options: the repo fails to connect \
            with `:nxdomain`, the migrations of the release command fail, and the deploy stops.

            **Instead.** Keep the generated lines in the prod block of `config/runtime.exs` and set `ECTO_IPV6` \
            on Fly (`fly launch` sets it; or `ECTO_IPV6 = "true"` in `fly.toml`'s `[env]`):
            `maybe_ipv6 = if System.get_env("ECTO_IPV6") in ~w(true 1), do: [:inet6], else: []`, then \
            `socket_options: maybe_ipv6` in the repo's config.

            **Fix.** Adds the generated `maybe_ipv6` line and `socket_options: maybe_ipv6` to the repo's config \
            in the runtime config (in the prod block; a new `config` line when the repo is configured elsewhere). \
            Preferred when `fly.toml` sets `ECTO_IPV6`; otherwise `ECTO_IPV6=true` must be set on Fly too.""", """
            ```elixir
            # config/runtime.exs, deployed with fly.toml
            if config_env() == :prod do
              config :shop, Shop.Repo,
                url: System.fetch_env!("DATABASE_URL"),
                pool_size: 10
            end
            ```
            """, """
            ```elixir
            # config/runtime.exs
            if config_env() == :prod do
              maybe_ipv6 = if System.get_env("ECTO_IPV6") in ~w(true 1), do: [:inet6], else: []

              config :shop, Shop.Repo,
                url: System.fetch_env!("DATABASE_URL"),
                pool_size: 10,
                socket_options: maybe_ipv6
            end
            ```
            """);

    private static final String SWITCH = "maybe_ipv6";
    private static final String SWITCH_LINE =
            SWITCH + " = if System.get_env(\"ECTO_IPV6\") in ~w(true 1), do: [:inet6], else: []";
    /** The suffixes of host names on Fly's private network (apps, Flycast, Managed Postgres). */
    private static final List<String> FLY_PRIVATE_HOSTS = List.of(".internal", ".flycast", ".flympg.net");
    private static final Set<String> TRUE_VALUES = Set.of("true", "1");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ProjectContext project) {
        FlyToml fly = DeployManifests.of(project).fly();
        EctoRepos repos = ProjectModel.of(project).repos();
        if (fly == null || !repos.usesDatabase() || repos.embedded()
                || outsideFly(fly.environment().get("DATABASE_URL"))) {
            return List.of();
        }
        ConfigTimeline prod = ConfigTimeline.prod(project);
        List<Finding> findings = new ArrayList<>();
        for (EctoRepos.Repo repo : repos.defined()) {
            String app = repo.otpApp();
            String module = repo.module().name();
            if (app == null || !EctoRepos.takesSocketOptions(repo) || !repo.module().clauses("init", 2).isEmpty()
                    || literalHostOutsideFly(prod, app, module) || socketOptionsCommentedOut(prod, app, module)
                    || namesServerForTls(prod, app, module)) {
                continue;
            }
            ConfigCall last = lastCall(prod, app, module);
            ConfigValue socket = prod.effective(app, module, "socket_options");
            boolean missing = socket.state() == ConfigValue.State.UNSET
                    || socket.isSet() && literalWithoutIpv6(socket.call(), socket.value());
            if (last != null && missing) {
                findings.add(finding(project, fly, last, socket, module));
            }
        }
        return findings;
    }

    /** The last production config call for the repo: where its connection settings end up. */
    private static ConfigCall lastCall(ConfigTimeline prod, String app, String module) {
        List<ConfigCall> calls = calls(prod, app, module);
        return calls.isEmpty() ? null : calls.get(calls.size() - 1);
    }

    private static List<ConfigCall> calls(ConfigTimeline prod, String app, String module) {
        return prod.calls().stream().filter(call -> call.app().equals(app) && module.equals(call.subject())).toList();
    }

    /**
     * Whether a config file of the repo keeps {@code socket_options} or the generated {@code maybe_ipv6} switch in a
     * comment ({@code # , socket_options: maybe_ipv6} inside the call or after it, {@code # maybe_ipv6 = …} above
     * it):
     * the option was considered and turned off on purpose, a decision rather than an oversight.
     */
    private static boolean socketOptionsCommentedOut(ConfigTimeline prod, String app, String module) {
        Set<DocumentSnapshot> files = new HashSet<>();
        for (ConfigCall call : calls(prod, app, module)) {
            if (!files.add(call.file())) {
                continue;
            }
            for (String line : call.file().text().text().split("\n")) {
                int comment = line.replace("#{", "").indexOf('#');
                String commented = comment < 0 ? "" : line.replace("#{", "").substring(comment);
                if (commented.contains("socket_options") || commented.contains(SWITCH)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the repo's TLS options name the server it connects to ({@code ssl_opts: [server_name_indication: …]}, or
     * under {@code ssl:}): what a hosted database that routes by that name asks for (Neon, and others behind a shared
     * proxy), reached over the internet; a database on Fly's private network is reached by its {@code .internal}
     * name without one.
     */
    private static boolean namesServerForTls(ConfigTimeline prod, String app, String module) {
        for (String key : List.of("ssl_opts", "ssl")) {
            ConfigValue value = prod.effective(app, module, key);
            if (value.isSet() && value.call().tree().text(value.value()).contains("server_name_indication")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the repo's {@code url:} or {@code hostname:} is a literal naming a host off Fly's private network. */
    private static boolean literalHostOutsideFly(ConfigTimeline prod, String app, String module) {
        for (String key : List.of("url", "hostname")) {
            ConfigValue value = prod.effective(app, module, key);
            String literal = value.isSet() ? ElixirSyntax.stringLiteral(value.call().tree(), value.value()) : null;
            if (literal != null && (key.equals("url") ? outsideFly(literal) : !onFly(literal))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a database URL written down names a host off Fly's private network; false when there is none. */
    private static boolean outsideFly(String url) {
        if (url == null || url.contains("$") || !url.contains("://")) {
            return false;
        }
        String rest = url.substring(url.indexOf("://") + 3);
        rest = rest.substring(rest.lastIndexOf('@', rest.indexOf('/') < 0 ? rest.length() - 1 : rest.indexOf('/')) + 1);
        int end = 0;
        while (end < rest.length() && ":/?".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        String host = rest.substring(0, end);
        return !host.isEmpty() && !onFly(host);
    }

    private static boolean onFly(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return FLY_PRIVATE_HOSTS.stream().anyMatch(lower::endsWith);
    }

    /**
     * Whether a {@code socket_options} value is a list written out in full without {@code :inet6}. A value that
     * mentions {@code :inet6} or an IPv6 switch anywhere, or holds a call or variable the model cannot follow, is not.
     */
    private static boolean literalWithoutIpv6(ConfigCall call, Node value) {
        if (!value.is("list") || mentionsIpv6(call, value, 0)) {
            return false;
        }
        boolean[] opaque = {false};
        value.forEachDescendant(node -> opaque[0] |= node.is("call") || node.is("identifier"));
        return !opaque[0];
    }

    private static boolean mentionsIpv6(ConfigCall call, Node value, int depth) {
        SyntaxTree tree = call.tree();
        boolean[] found = {false};
        value.forEachDescendant(node -> {
            if (found[0]) {
                return;
            }
            String text = tree.text(node);
            if (node.is("atom") && text.equals(":inet6")
                    || node.is("quoted_content") && text.toUpperCase(Locale.ROOT).contains("IPV6")) {
                found[0] = true;
            } else if (node.is("identifier") && depth < 4 && call.bindings().containsKey(text)) {
                found[0] = mentionsIpv6(call, call.bindings().get(text), depth + 1);
            }
        });
        return found[0];
    }

    /**
     * The finding, shown on fly.toml's app line: the deployment is what needs IPv6, and the repo's config calls move
     * between files (a fix that moves build-time reads into runtime.exs) while the deployment stays put.
     */
    private static Finding finding(ProjectContext project, FlyToml fly, ConfigCall last, ConfigValue socket, String module) {
        String what = socket.isSet() ? "sets `socket_options` without `:inet6`" : "sets no `socket_options: [:inet6]`";
        String message = "This app deploys to fly.io, whose private network is IPv6-only, but " + module
                + "'s production config " + what
                + ": Postgrex resolves a Fly Postgres `.internal`/`.flycast` host over IPv4 only and the repo fails "
                + "to connect with :nxdomain.";
        Fix fix = fix(project, fly, last, socket, module);
        int[] line = fly.appLine();
        return new Finding(INFO, INFO.defaultSeverity(), fly.file(), line[0], line[1], message,
                fix == null ? List.of() : List.of(fix));
    }

    /** The generated {@code maybe_ipv6} switch, given to the repo in the runtime config. */
    private static Fix fix(ProjectContext project, FlyToml fly, ConfigCall last, ConfigValue socket, String module) {
        RuntimeConfig runtime = RuntimeConfig.release(project);
        if (runtime == null) {
            return null;
        }
        boolean switchSet = TRUE_VALUES.contains(fly.environment().getOrDefault("ECTO_IPV6", "").toLowerCase(Locale.ROOT));
        String title = "Add the `maybe_ipv6` socket options (ECTO_IPV6) to " + module
                + (switchSet ? "" : "; then set ECTO_IPV6=true on Fly");
        List<Fix.Change> changes = new ArrayList<>();
        boolean inRuntime = last.phase() == ConfigPhase.RUNTIME && last.pairsInline() && !last.pairs().isEmpty()
                && (socket.call() == null || socket.call() == last);
        if (inRuntime) {
            DocumentSnapshot file = last.file();
            if (!last.bindings().containsKey(SWITCH)) {
                Fix.Edit binding = ConfigEdits.insertAbove(file, last.call(), SWITCH_LINE);
                if (binding == null) {
                    return null;
                }
                changes.add(binding);
            }
            changes.add(socket.isSet()
                    ? ConfigEdits.replaceValue(file, socket.value(), SWITCH + " ++ " + file.tree().text(socket.value()))
                    : ConfigEdits.appendPair(file, last.call(), last.pairs(), "socket_options", SWITCH));
        } else {
            Fix.Change change = ConfigEdits.insertIntoProdBlock(runtime, SWITCH_LINE + "\n\nconfig :"
                    + last.app() + ", " + module + ", socket_options: " + SWITCH);
            if (change == null) {
                return null;
            }
            changes.add(change);
        }
        return new Fix(title, switchSet, changes);
    }
}
