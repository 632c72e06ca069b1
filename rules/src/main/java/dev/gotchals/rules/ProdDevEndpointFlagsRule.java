package dev.gotchals.rules;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.edit.ConfigEdits;
import dev.gotchals.model.config.ConfigCall;
import dev.gotchals.model.config.ConfigEntry;
import dev.gotchals.model.config.ConfigPhase;
import dev.gotchals.model.config.ConfigTimeline;
import dev.gotchals.model.config.ConfigValue;
import dev.gotchals.model.config.EndpointKeys;
import dev.gotchals.model.deploy.ProductionEnvironments;
import dev.gotchals.model.project.EndpointSessions;
import dev.gotchals.model.project.PhoenixApp;
import dev.gotchals.model.project.ProjectModel;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;
import dev.gotchals.rules.EndpointNotServedRule.Endpoint;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * GT008 prod-dev-endpoint-flags: a Phoenix endpoint ends up in production with a development setting:
 * {@code check_origin: false}, {@code debug_errors: true}, {@code code_reloader: true}, watchers or live reload.
 */
public final class ProdDevEndpointFlagsRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT008", "prod-dev-endpoint-flags",
            "Development endpoint setting in production", Severity.WARNING, """
            **What it finds.** A Phoenix endpoint whose production config (`config.exs`, `prod.exs` and what \
            they import, then the runtime config, with later calls winning) ends with a setting that \
            `mix phx.new` writes only in `dev.exs`: `debug_errors: true`, \
            `code_reloader: true` (for an endpoint that plugs the code reloader, as the generated one does under \
            `if code_reloading?`), or a `watchers` list that builds assets (an asset builder's watcher, \
            `--watch`, `npm run watch` or `dev`; one that only starts a server beside Phoenix, such as the \
            `npm run start` of a Next.js front end the router proxies to, runs in production on purpose); and, as \
            information, `check_origin: false` \
            (a defence given up) and a `live_reload` configuration, which does nothing without the code reloader \
            but is development config all the same. The same is reported for an environment of another name that \
            production runs in (`MIX_ENV=docker` in the `environment:` of a Compose service that serves the \
            public, with a `config/docker.exs`; an image's own `ENV` is as often a local setup), where what that environment ends \
            with is production's; development, test, staging and CI names are not production's. \
            Settings in `dev.exs`, `test.exs` and in branches that only run in dev or test \
            (`if config_env() == :dev`) are fine, and so is `check_origin: false` on an endpoint none of whose \
            sockets carries the session (no `connect_info: [session: …]`: a channel socket authenticated by a \
            token, or no socket outside the code-reloading block; the LiveView socket of an app whose routers \
            serve no LiveView) or in an app that keeps no visitor in the \
            session (nothing calls `put_session` or `configure_session`, no Pow, Guardian session or \
            `Plug.BasicAuth`: the session then holds only its CSRF token), `debug_errors: true` on an endpoint that declares \
            sockets and no plug (no request pipeline for Plug.Debugger to wrap), `debug_errors: true` or \
            `code_reloader: true` that only the runtime config gives (the endpoint reads them when it compiles, so \
            they turn nothing on: GT009 reports them as too late), and a value production overrides \
            later (`prod.exs` \
            setting `debug_errors: false` after `config.exs` set `true`). Values that depend on a condition or \
            an expression the linter cannot follow are not reported.

            **Why it matters.** `check_origin: false` lets pages of any web site open the app's LiveView or \
            channel sockets in their visitors' browsers, cookies included. Phoenix loads a socket's cookie \
            session only when the connection also carries the page's CSRF token, which another site cannot read, \
            so the origin check is a second line of defence there; what it still guards is anything a socket \
            trusts without that token, such as the visitor's network or address. \
            `debug_errors: true` answers every \
            crash with Plug.Debugger's page: the stack trace, the source around it, the request's params, \
            headers and session, to whoever caused the error. `code_reloader: true` compiles the code reloader \
            (and, in the generated endpoint, the dev-only live reloader) into the production endpoint, which \
            recompiles from sources and Mix that a release does not have. Watchers start esbuild, tailwind or \
            `npm --watch` next to the production server: in a release image those tools are missing and the \
            watcher fails at boot; under Mix they rebuild assets on the server.

            **Instead.** Keep these in `config/dev.exs`. For sockets reached under other host names, list the \
            allowed origins (`check_origin: ["https://example.com", "//*.example.com"]`), or from Phoenix 1.7 \
            accept the host each request came to with `check_origin: :conn` (self-hosted apps reached by any \
            address). A socket meant for other sites (an embeddable widget authenticated by token) can turn the \
            check off on that `socket` alone.

            **Fix.** Where the setting is in production-only config (`prod.exs`, the prod block of \
            `runtime.exs`), sets the safe value in place (`check_origin: true`, `debug_errors: false`, \
            `code_reloader: false`) or removes the watchers or live reload setting. Where a boolean comes from \
            `config.exs`, overrides it in `config/prod.exs`, so dev keeps it. Watchers and live reload in \
            `config.exs` cannot be overridden (Config deep-merges keyword lists, so `watchers: []` in `prod.exs` \
            keeps them): move them to `dev.exs` by hand.""", """
            ```elixir
            # config/config.exs (imports prod.exs for prod, which does not override these)
            config :shop, ShopWeb.Endpoint,
              debug_errors: true,
              check_origin: false
            ```
            """, """
            ```elixir
            # config/dev.exs
            config :shop, ShopWeb.Endpoint,
              debug_errors: true,
              code_reloader: true,
              check_origin: false

            # config/prod.exs
            config :shop, ShopWeb.Endpoint,
              cache_static_manifest: "priv/static/cache_manifest.json"
            ```
            """);

    /**
     * A watcher that builds assets while files change: an asset builder's own ({@code esbuild:}, {@code tailwind:}),
     * or a command that watches or runs a development build ({@code --watch}, {@code npm run watch}, {@code yarn dev},
     * webpack's {@code --mode development}). One that only starts a server beside Phoenix ({@code npm run start} of a
     * Next.js front end the router proxies to) runs in production on purpose.
     */
    private static final Pattern BUILD_WATCHER = Pattern.compile(
            "(?<![\\w-])(esbuild|tailwind|sass|dart_sass|webpack|brunch|bun):"
            + "|(?<![\\w])(-w|--watch[\\w-]*|watch|dev|development)(?![\\w-])");

    /** A development setting: its key, whether its value is the dev one, the safe value, and why it matters. */
    private enum Flag {
        CHECK_ORIGIN("check_origin", "true", "lets pages of any site open this app's sockets in their visitors' "
                + "browsers. Phoenix still hands a socket the cookie session only with the page's CSRF token, so "
                + "this gives up a layer of defence rather than the session; list the allowed origins or use "
                + "`check_origin: :conn`"),
        DEBUG_ERRORS("debug_errors", "false", "answers every crash with Plug.Debugger's page: stack trace, source "
                + "code, params, headers and session, shown to whoever caused the error"),
        CODE_RELOADER("code_reloader", "false", "compiles the code reloader into the production endpoint, which "
                + "recompiles from sources with Mix on requests (a release has neither)"),
        WATCHERS("watchers", null, "starts development build tools (esbuild, tailwind, npm --watch …) next to the "
                + "production server: missing in a release image, rebuilding assets on the server under Mix"),
        LIVE_RELOAD("live_reload", null, "is development config: it only does something with the code reloader and "
                + "the dev-only phoenix_live_reload dependency");

        final String key;
        final String safe;
        final String why;

        Flag(String key, String safe, String why) {
            this.key = key;
            this.safe = safe;
            this.why = why;
        }

        boolean isDevValue(SyntaxTree tree, Node value) {
            if (safe != null) {
                return value.is("boolean") && !tree.text(value).equals(safe);
            }
            return value.is("list") && !value.namedChildren().isEmpty()
                    && (this != WATCHERS || BUILD_WATCHER.matcher(tree.text(value)).find());
        }

        /** Information for what weakens a defence or does nothing, the rule's severity for what breaks or exposes. */
        Severity severity() {
            return this == LIVE_RELOAD || this == CHECK_ORIGIN ? Severity.INFO : INFO.defaultSeverity();
        }
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ProjectContext project) {
        ConfigTimeline prod = ConfigTimeline.prod(project);
        List<Finding> findings = new ArrayList<>();
        Set<Node> reported = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Endpoint> endpoints = EndpointNotServedRule.endpoints(project, prod);
        for (Endpoint endpoint : endpoints) {
            for (Flag flag : checkedFlags(project, endpoint)) {
                ConfigValue value = prod.effective(endpoint.app(), endpoint.module(), flag.key);
                if (value.isSet() && flag.isDevValue(value.call().tree(), value.value())
                        && !onlyTooLate(prod, endpoint, flag, value)) {
                    findings.add(finding(project, prod, endpoint, flag, value));
                    reported.add(value.value());
                }
            }
        }
        // An environment of another name that production runs in (MIX_ENV=docker): what it ends with is production's.
        ProductionEnvironments.of(project).custom().forEach((env, evidence) -> {
            ConfigTimeline timeline = ConfigTimeline.forEnv(project, env);
            for (Endpoint endpoint : endpoints) {
                for (Flag flag : checkedFlags(project, endpoint)) {
                    ConfigValue value = timeline.effective(endpoint.app(), endpoint.module(), flag.key);
                    if (value.isSet() && flag.isDevValue(value.call().tree(), value.value()) && reported.add(value.value())) {
                        findings.add(inEnvironment(project, endpoint, flag, value, env, evidence));
                    }
                }
            }
        });
        return findings;
    }

    /**
     * Whether the dev value of a flag Phoenix reads when the endpoint compiles is given only by the runtime config: the
     * endpoint is compiled without it, so it turns nothing on (GT009 reports it as too late), unless build-time config
     * gives a dev value too.
     */
    private static boolean onlyTooLate(ConfigTimeline prod, Endpoint endpoint, Flag flag, ConfigValue value) {
        if (!EndpointKeys.readAtCompileTime(flag.key) || value.call().phase() != ConfigPhase.RUNTIME) {
            return false;
        }
        return prod.settings(endpoint.app(), endpoint.module(), flag.key).stream()
                .noneMatch(setting -> setting.call().phase() == ConfigPhase.BUILD
                        && flag.isDevValue(setting.call().tree(), setting.value()));
    }

    /** The flags that matter for the endpoint: check_origin only where a socket carries a visitor's session, … */
    private static List<Flag> checkedFlags(ProjectContext project, Endpoint endpoint) {
        List<Flag> flags = new ArrayList<>();
        for (Flag flag : Flag.values()) {
            if (!(flag == Flag.CHECK_ORIGIN && !carriesAVisitorsSession(project, endpoint)
                    || flag == Flag.DEBUG_ERRORS && servesOnlySockets(project, endpoint)
                    || flag == Flag.CODE_RELOADER && !plugsCodeReloader(project, endpoint))) {
                flags.add(flag);
            }
        }
        return flags;
    }

    /** A dev value in the config of another environment production runs in; no fix: which file to change is a choice. */
    private static Finding inEnvironment(ProjectContext project, Endpoint endpoint, Flag flag, ConfigValue value,
                                         String env, String evidence) {
        SyntaxTree tree = value.call().tree();
        String where = project.project().relativize(value.call().file().path()).toString();
        String message = "`" + flag.key + ": " + oneLine(tree.text(value.value())) + "` for " + endpoint.module() + " in "
                + where + " applies to MIX_ENV=" + env + ", which production runs with (" + evidence + "): it "
                + flag.why + "." + (flag == Flag.CHECK_ORIGIN ? "" : " Keep it in config/dev.exs.");
        return new Finding(INFO, flag.severity(), value.call().file(), tree.startOffset(value.value()),
                tree.endOffset(value.value()), message, List.of());
    }

    /**
     * Whether another site could open a socket of the endpoint as one of the app's visitors: a socket reads the
     * cookie session and the app keeps who its visitors are. A token socket, or a session that holds nothing of
     * the visitor's, gives another site nothing it could not get by connecting itself.
     */
    private static boolean carriesAVisitorsSession(ProjectContext project, Endpoint endpoint) {
        EndpointSessions sessions = EndpointSessions.of(project);
        return sessions.socketCarriesSession(endpoint.module()) && sessions.knowsVisitors();
    }

    /**
     * Whether the endpoint module may plug the code reloader: it asks {@code code_reloading?} or names
     * {@code Phoenix.CodeReloader}, as the generated endpoint does. One that does neither (a metrics endpoint) compiles
     * nothing for {@code code_reloader: true}. True when the module is not found.
     */
    private static boolean plugsCodeReloader(ProjectContext project, Endpoint endpoint) {
        PhoenixApp.Endpoint module = endpointModule(project, endpoint);
        if (module == null) {
            return true;
        }
        String text = module.module().tree().text(module.module().node());
        return text.contains("code_reloading?") || text.contains("CodeReloader");
    }

    /** The module that defines the endpoint the config names, or null when the project has none of that name. */
    private static PhoenixApp.Endpoint endpointModule(ProjectContext project, Endpoint endpoint) {
        for (PhoenixApp.Endpoint module : ProjectModel.of(project).phoenix().endpoints()) {
            if (module.module().name().equals(endpoint.module())) {
                return module;
            }
        }
        return null;
    }

    /**
     * Whether the endpoint module declares sockets and no plug: no request runs through a pipeline there, so
     * Plug.Debugger, which wraps that pipeline, never renders a page (an API mounts it for its sockets only).
     */
    private static boolean servesOnlySockets(ProjectContext project, Endpoint endpoint) {
        PhoenixApp.Endpoint module = endpointModule(project, endpoint);
        return module != null && module.plugs().isEmpty() && !module.sockets().isEmpty();
    }

    private static Finding finding(ProjectContext project, ConfigTimeline prod, Endpoint endpoint, Flag flag,
                                   ConfigValue value) {
        ConfigCall call = value.call();
        DocumentSnapshot file = call.file();
        SyntaxTree tree = file.tree();
        String where = project.project().relativize(file.path()).toString();
        String setting = flag.key + ": " + oneLine(tree.text(value.value()));
        boolean prodOnly = !ConfigTimeline.forEnv(project, "dev").includes(call)
                && !ConfigTimeline.forEnv(project, "test").includes(call);
        String origin = prodOnly ? "in " + where + " applies to production"
                : "in " + where + " is never overridden for production";
        String message = "`" + setting + "` for " + endpoint.module() + " " + origin + ": it " + flag.why + "."
                + (flag == Flag.CHECK_ORIGIN ? "" : " Keep it in config/dev.exs.");
        int start = tree.startOffset(value.value());
        int end = tree.endOffset(value.value());
        return new Finding(INFO, flag.severity(), file, start, end, message, fixes(project, prod, endpoint, flag,
                value, prodOnly));
    }

    private static List<Fix> fixes(ProjectContext project, ConfigTimeline prod, Endpoint endpoint, Flag flag,
                                   ConfigValue value, boolean prodOnly) {
        ConfigCall call = value.call();
        Node node = value.value();
        boolean inCall = call.call().startByte() <= node.startByte() && node.endByte() <= call.call().endByte();
        if (!inCall) {
            return List.of(); // written in a variable the call reads: other code may use it too
        }
        if (prodOnly && flag.safe != null) {
            return List.of(new Fix("Set `" + flag.key + ": " + flag.safe + "`", true,
                    List.of(ConfigEdits.replaceValue(call.file(), node, flag.safe))));
        }
        if (prodOnly) {
            ConfigEntry entry = ConfigEntry.of(call).stream()
                    .filter(candidate -> candidate.value().equals(node)).findFirst().orElse(null);
            List<Fix.Edit> removal = entry == null ? null : ConfigEdits.removeSetting(call, entry);
            return removal == null ? List.of()
                    : List.of(new Fix("Remove `" + flag.key + "` from production config", true, new ArrayList<>(removal)));
        }
        DocumentSnapshot prodExs = prod.evaluated(project.project().root().resolve("config/prod.exs"));
        if (flag.safe == null || call.phase() != ConfigPhase.BUILD || prodExs == null || prodExs.path().equals(call.file().path())) {
            return List.of();
        }
        String code = "# Development settings from config.exs stay out of production.\nconfig :" + endpoint.app()
                + ", " + endpoint.module() + ", " + flag.key + ": " + flag.safe + "\n";
        return List.of(new Fix("Override with `" + flag.key + ": " + flag.safe + "` in config/prod.exs", true,
                List.of(ConfigEdits.append(prodExs, code))));
    }

    /** A value for a message: whitespace folded, long values cut. */
    static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 60 ? flat.substring(0, 57) + "…" : flat;
    }
}
