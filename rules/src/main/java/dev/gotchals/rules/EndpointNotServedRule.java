package dev.gotchals.rules;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.edit.DockerfileEdits;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.ModuleIndex;
import dev.gotchals.facts.ProjectFacts;
import dev.gotchals.model.config.ConfigCall;
import dev.gotchals.model.config.ConfigPhase;
import dev.gotchals.model.config.ConfigTimeline;
import dev.gotchals.model.config.OperatorConfig;
import dev.gotchals.model.config.ReleaseBuild;
import dev.gotchals.model.config.ReleaseRuntimeFile;
import dev.gotchals.model.config.ConfigTimeline.Setting;
import dev.gotchals.model.config.ConfigValue;
import dev.gotchals.model.deploy.DeployModel;
import dev.gotchals.model.deploy.DeployPath;
import dev.gotchals.model.deploy.DeploymentVariables;
import dev.gotchals.model.deploy.DockerImage;
import dev.gotchals.model.deploy.MissingStart;
import dev.gotchals.model.deploy.RenderBlueprint;
import dev.gotchals.model.deploy.Launch;
import dev.gotchals.model.deploy.LaunchCommand;
import dev.gotchals.model.deploy.ReleaseStart;
import dev.gotchals.model.project.GitIgnore;
import dev.gotchals.model.project.LiveRoutes;
import dev.gotchals.model.project.PageSockets;
import dev.gotchals.model.project.PhoenixApp;
import dev.gotchals.model.project.ProjectModel;
import dev.gotchals.model.project.ReleasedApps;
import dev.gotchals.model.project.UrlHostUses;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.RelatedLocation;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;
import dev.gotchals.rules.EndpointProdConfig.Host;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * GT003 endpoint-not-served: a release whose Phoenix endpoint never gets {@code server: true} on the way the image
 * starts it, and a production URL host left at a loopback literal or the generators' {@code example.com}.
 */
public final class EndpointNotServedRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT003", "endpoint-not-served",
            "Release starts without serving its Phoenix endpoint, or serves it for the wrong host",
            Severity.WARNING, """
            **What it finds.** Three ways a deployed Phoenix app does not answer where it should:

            - *The endpoint is not served.* A Mix release does not start the endpoint's HTTP server unless \
            production config gives it `server: true`: in config, through the generated \
            `if System.get_env("PHX_SERVER") do … server: true end` block in `config/runtime.exs`, with \
            `config :phoenix, :serve_endpoints, true`, or as `{MyAppWeb.Endpoint, server: true}` in the \
            supervision tree. When the switch depends on `PHX_SERVER`, something on the launch path has to set \
            it: `rel/overlays/bin/server` (which `mix phx.gen.release` writes), `ENV PHX_SERVER=true` in the \
            final Dockerfile stage, a `fly.toml` `[env]` entry, or what starts the image from outside: a \
            production Compose file's `environment:`, a Kubernetes manifest or the ConfigMap it reads, a Helm chart's \
            template that names it (whatever value it templates in), a script, or \
            the README that tells the operator to set it (a Compose file named for development or a manifest of a \
            local cluster does not count). The rule reports the final stage's `CMD` when \
            it starts the release and the endpoint ends up without `server: true`: `bin/my_app start` with \
            nothing setting `PHX_SERVER`, or any start when no prod config turns the server on at all. It only \
            looks at projects that ship as a release, and stays silent while a file of prod config does not \
            parse (what it sets is unknown; an Elixir build stops there too), while prod config imports a file the \
            repository does not hold (a gitignored `prod.secret.exs`, where the Phoenix 1.5 generator wrote the \
            `server: true` of releases), or when it cannot see how the release is \
            started (no Dockerfile, an entrypoint script it cannot follow, `fly.toml` `[processes]`), unless \
            nothing in prod config can serve the endpoint at all (no `server: true`, no switch a start could set, \
            no config loaded at boot from outside the repository that may set it, and the runtime config file of \
            the release is known: not one of several that mix.exs's releases name with no image showing which is \
            deployed) while a CI workflow or a build \
            script ships the release: then no start serves it, and the endpoint's prod config is reported; and \
            when the \
            endpoint is set `server: false` on purpose (an endpoint mounted behind another) or is the backend of \
            a proxy that listens itself (master_proxy's `backends: [%{phoenix_endpoint: ShopWeb.Endpoint}]` in \
            prod config), for an endpoint \
            module that nothing names beside one the app starts (left over: no supervision tree starts it; the \
            generated `config_change/3` callback that names it starts nothing), for an endpoint whose router another \
            router forwards to (`forward "/api", ApiWeb.Router`: its routes are served through that one), for an \
            umbrella app that the release the image starts (`bin/admin start`) does not ship, and when the \
            setting comes from something it cannot read (a helper function, an unknown condition), or when the \
            variable switches on the rest of the app too (the same `if` block gives workers `start: true`): a \
            release without it would run nothing, so whatever starts it (an ECS task definition, a manifest kept \
            elsewhere) sets the variable. Where the \
            endpoint modules come from dependencies, config names the endpoints: only those prod config gives \
            `http:`, `https:`, `url:` or `server:` count (a library's endpoint that the app only gives error \
            views is not one it serves). The finding names the places it rests on as related locations: the \
            script lines that start the release, and the prod config that serves the endpoint only when a \
            variable is set (or that configures it without `server: true`), and a config call that gives \
            `server: true` to a module the project does not define whose name is the endpoint's misspelt \
            (`MulztiplayerGameWeb.Endpoint`). An image that starts a script its \
            release does not have is reported on its start too: `CMD ["/app/bin/server"]` where the final stage \
            copies the release to /app, the project has no `rel/overlays/bin/server` (nor has the folder the \
            build copies onto rel/, `COPY deploy/rel rel`, an `overlays/bin/server`) and the image copies nothing \
            into the release's folder (not for Distillery, where mix.exs names its own `overlays:`, where git \
            leaves rel/ out or the image copies a rel/ the repository does not hold, so the checkout the image is \
            built from has one, or where the image build runs `mix phx.gen.release`): the container exits as it \
            starts. The start is followed into the entrypoint script the image runs, up to the first command \
            that runs only in a branch, changes directory or names a variable. So is a start of `/app/bin/…` \
            where the final stage copies the build's whole `_build/prod/rel` folder to /app: the release is in \
            /app/<release>/, and nothing is in /app/bin/. And so is the `startCommand` of a render.yaml service on \
            Render's native Elixir runtime that runs such a script (`_build/prod/rel/shop/bin/server` without \
            rel/overlays/bin/server; a bin/server beside mix.exs is not part of the release).
            - *The endpoint listens nowhere.* Production serves the endpoint (`server: true` in prod config) but \
            no prod config gives it `http:` or `https:` (the generated runtime.exs sets `http:` beside the \
            host): Phoenix starts a listener only for the schemes configured, so the release boots and answers \
            nothing. Silent when the endpoint defines `init/2` (the older generators' `load_from_system_env`, \
            which adds `http:` at boot), a supervision child passes it options, a config file the repository does \
            not hold is imported, or a value cannot be read.
            - *The URL host is wrong.* The endpoint's `url: [host: …]` that production ends up with (config.exs, \
            prod.exs, then runtime.exs; keyword lists merge, so a later `url:` only replaces the host if it sets \
            one) is `"localhost"`, `"127.0.0.1"` or the generators' placeholder `"example.com"`, hard-coded \
            (directly or through a variable bound to the literal). \
            The `url: [host: "localhost"]` that `mix phx.new` writes in config.exs is fine when runtime.exs \
            overrides it, and so is `host = System.get_env("PHX_HOST") || "example.com"`. A host set before an \
            `import_config` of a file the repository does not hold (the gitignored `prod.secret.exs` of older \
            generators, which may set any key) is not known to be production's and stays silent, and so is the host of \
            an endpoint whose `init/2` callback gives it another `url:` when it starts (the older generators' \
            `load_from_system_env` pattern, extended to read the host). The host is reported \
            only where something uses it: a socket in use that leaves the origin check to the host, or absolute \
            URLs built from the endpoint (`url(~p"…")`, `*_url(Endpoint, …)`, `Endpoint.url()`). A socket is in \
            use when browsers connect to it: the LiveView socket of a router with `live` routes, and a channel \
            socket when the project's own page scripts (`assets/`, `web/static/` before Phoenix 1.3) open a \
            socket (`new Socket(…)`, `new LiveSocket(…)`) in code a page runs. A `socket.js` that `app.js` imports \
            only in a comment (`// import socket from "./socket"`, as generated) runs in no browser; a project \
            without page scripts of its own keeps its clients out of sight, and its channel sockets count. An \
            endpoint whose prod config sets \
            `check_origin`, or whose sockets all set their own, has an origin policy of its own: it is reached \
            under hosts config does not name (a self-hosted app), and stays silent. So do the sockets of an \
            endpoint that prod config sets `server: false` and no router, endpoint or proxy backend hands requests to: \
            production hands it no connection to reject (only the URLs it builds count). Where some sockets set their \
            own and a channel socket does not, that one serves clients that send no `Origin` (servers, devices), \
            which Phoenix lets through. This part is checked \
            for projects that show how they are deployed (a Dockerfile, `fly.toml`, a `Procfile`, Kubernetes or \
            Helm manifests that run something, not a `Service` alone, a CI workflow that builds the release; a \
            `rel/` folder or `releases:` in mix.exs alone \
            do not say where it runs): a freshly generated umbrella carries the placeholder until someone prepares \
            the deploy.

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
            `server: true` to the endpoint's config in the prod block of the runtime config the release reads: \
            `config/runtime.exs`, or `config/releases.exs` in a project that keeps its runtime settings there \
            (a new runtime.exs would make the release ignore it). The host has no \
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

    /** An endpoint module and the OTP app whose config it reads. */
    record Endpoint(String app, String module) {
    }

    @Override
    public List<Finding> check(ProjectContext project) {
        ConfigTimeline prod = ConfigTimeline.prod(project);
        ProjectFacts facts = ProjectFacts.of(project);
        List<Finding> findings = new ArrayList<>();
        // The host matters where the app is served to others: a deployment in sight.
        boolean deployed = DeployModel.of(project).showsDeployment();
        // What prod config does not set, or sets later, is unknown while one of its files does not parse.
        boolean readable = prod.unparsable() == null;
        ReleasedApps released = ReleasedApps.of(project);
        List<Endpoint> endpoints = endpoints(project, prod);
        if (facts.buildsRelease() && !endpoints.isEmpty()) {
            findings.addAll(missingStartScripts(project));
        }
        for (Endpoint endpoint : endpoints) {
            if (released.leftOut(endpoint.app()) || neverStarted(project, prod, endpoint)) {
                continue; // an umbrella app no release ships, an endpoint module nothing starts
            }
            if (facts.buildsRelease() && readable) {
                findings.addAll(notServed(project, prod, endpoint));
                Finding listener = noListener(project, prod, endpoint);
                if (listener != null) {
                    findings.add(listener);
                }
            }
            if (deployed && readable) {
                Finding host = placeholderHost(project, prod, endpoint);
                if (host != null) {
                    findings.add(host);
                }
            }
        }
        return findings;
    }

    /**
     * One finding per production image that starts a script its release does not have ({@code CMD ["/app/bin/server"]}
     * without rel/overlays/bin/server, or where the image copied the build's whole rel/ folder): the container exits at
     * once, and no endpoint is served.
     */
    private static List<Finding> missingStartScripts(ProjectContext project) {
        DeployModel deploy = DeployModel.of(project);
        List<Finding> findings = new ArrayList<>();
        for (DockerImage image : deploy.productionImages()) {
            MissingStart missing = deploy.isAppImage(image) ? deploy.missingReleaseScript(image) : null;
            // A rel/ that git leaves out is in the checkout the image is built from, not in the repository.
            if (missing == null || missing.releaseFolder() == null
                    && GitIgnore.of(project).leavesOut("rel/overlays/bin/" + missing.name())) {
                continue;
            }
            findings.add(missingStart(image, deploy.launch(image), missing));
        }
        for (RenderBlueprint.Service service : RenderBlueprint.of(project).services()) {
            String missing = service.startStart() < 0 ? null : deploy.missingRenderStart(service);
            String name = missing == null ? null : missing.substring(missing.lastIndexOf('/') + 1);
            if (missing == null || GitIgnore.of(project).leavesOut("rel/overlays/bin/" + name)) {
                continue;
            }
            // The project's own bin/server beside mix.exs is a common mix-up: `mix release` copies only rel/overlays.
            String ownScript = project.file(project.project().root().resolve("bin").resolve(name)) != null
                    ? "; the project's bin/" + name + " is not part of the release, which takes only rel/overlays" : "";
            findings.add(new Finding(INFO, INFO.defaultSeverity(), service.file(), service.startStart(),
                    service.startEnd(), "Render starts `" + missing + "`, which the release does not have: no "
                    + "rel/overlays/bin/" + name + " puts it in the release's bin/" + generatedBy(name) + ownScript
                    + ", so the service fails as it starts and the app is never served.", List.of()));
        }
        return findings;
    }

    /** For the scripts {@code mix phx.gen.release} writes, a note that it does; else nothing. */
    private static String generatedBy(String name) {
        return name.equals("server") || name.equals("migrate")
                ? " (`mix phx.gen.release` writes rel/overlays/bin/" + name + ")" : "";
    }

    private static Finding missingStart(DockerImage image, Launch launch, MissingStart missing) {
        String name = missing.name();
        String program = "`" + missing.program() + "`";
        String through = missing.start().script() == null ? ""
                : " (through " + missing.start().script().name() + ")";
        String why;
        if (missing.releaseFolder() != null) {
            why = "the image copies the build's whole rel/ folder, so the release is in " + missing.releaseFolder()
                    + "/ and nothing is at " + program;
        } else {
            why = "no rel/overlays/bin/" + name + " puts it in the release's bin/" + generatedBy(name)
                    + " and the image copies nothing there";
        }
        String outcome = missing.modeChange() != null
                ? ", so the build fails at `" + missing.modeChange().text().strip() + "` and the app is never served."
                : ", so the container exits as it starts and the app is never served.";
        Node node = launch.shown().node();
        DocumentSnapshot file = image.file();
        return new Finding(INFO, INFO.defaultSeverity(), file, file.tree().startOffset(node), file.tree().endOffset(node),
                "The image starts " + program + through + ", which the release does not have: " + why + outcome,
                List.of());
    }

    /** The modules that {@code use Phoenix.Endpoint}; failing that, the endpoints config names. */
    static List<Endpoint> endpoints(ProjectContext project, ConfigTimeline prod) {
        List<Endpoint> found = new ArrayList<>();
        for (PhoenixApp.Endpoint endpoint : ProjectModel.of(project).phoenix().endpoints()) {
            if (endpoint.otpApp() != null) {
                found.add(new Endpoint(endpoint.otpApp(), endpoint.module().name()));
            }
        }
        return found.isEmpty() ? EndpointProdConfig.configuredEndpoints(prod) : found;
    }

    /**
     * Whether the endpoint's module is left over: beside another endpoint that code names (a supervision tree starts
     * it), nothing names this one, no other module and no config but its own. No release starts it.
     */
    private static boolean neverStarted(ProjectContext project, ConfigTimeline prod, Endpoint endpoint) {
        PhoenixApp phoenix = ProjectModel.of(project).phoenix();
        List<String> modules = phoenix.endpoints().stream().map(candidate -> candidate.module().name()).toList();
        // One endpoint is the one the app starts: only beside another can a module be left over.
        return modules.size() > 1 && modules.contains(endpoint.module()) && !phoenix.namedByOtherModules(endpoint.module())
                && modules.stream().anyMatch(other -> !other.equals(endpoint.module()) && phoenix.namedByOtherModules(other))
                && prod.calls().stream().noneMatch(call -> !endpoint.module().equals(call.subject())
                        && call.tree().text(call.call()).contains(endpoint.module()));
    }

    /**
     * Whether production never hands the endpoint a request: prod config turns its server off on purpose
     * ({@code server: false}), nothing turns it on, and no module plugs or forwards to it (an endpoint mounted behind
     * another serves through that one). Such an endpoint only renders (email templates) or builds URLs.
     */
    static boolean neverServed(ProjectContext project, ConfigTimeline prod, Endpoint endpoint) {
        ProjectModel model = ProjectModel.of(project);
        ServerSwitch state = EndpointProdConfig.serverSwitch(prod, endpoint)
                .or(ServerSwitch.of(model.phoenix().childServer(endpoint.module())));
        return state.kind() == ServerSwitch.Kind.DECLINED && !dispatchedByProxy(prod, endpoint)
                && model.modules().inFilesMentioning(shortName(endpoint.module())).stream()
                        .noneMatch(module -> mounts(module, endpoint.module()));
    }

    /**
     * Whether config the model cannot read (a file not there, calls it does not follow) may set the endpoint's
     * {@code server} or Phoenix's {@code serve_endpoints}.
     */
    private static boolean unseenMayServe(ConfigTimeline prod, Endpoint endpoint) {
        return prod.unseenConfig().stream().anyMatch(unseen -> unseen.mayConfigure(endpoint.app(), endpoint.module())
                || unseen.mayConfigure("phoenix", "serve_endpoints"));
    }

    /**
     * Whether prod config names the endpoint as the backend of a proxy that listens itself and hands it requests
     * (master_proxy's {@code backends: [%{host: …, phoenix_endpoint: ShopWeb.Endpoint}]}): it is served without a
     * server of its own.
     */
    static boolean dispatchedByProxy(ConfigTimeline prod, Endpoint endpoint) {
        Pattern backend = Pattern.compile("\\bphoenix_endpoint:\\s*" + Pattern.quote(endpoint.module()) + "(?![\\w.])");
        return prod.calls().stream().anyMatch(call -> backend.matcher(call.tree().text(call.call())).find());
    }

    /** The last segment of a module's name: however the module is aliased, a file that names it has the word. */
    private static String shortName(String module) {
        return module.substring(module.lastIndexOf('.') + 1);
    }

    /** Whether the module plugs or forwards to the endpoint ({@code forward "/admin", AdminWeb.Endpoint}). */
    private static boolean mounts(ModuleIndex.Module module, String endpoint) {
        if (module.name().equals(endpoint)) {
            return false;
        }
        SyntaxTree tree = module.tree();
        boolean[] mounted = {false};
        module.node().forEachDescendant(node -> {
            String name = node.is("call") ? ElixirSyntax.localCallName(tree, node) : null;
            if (("forward".equals(name) || "plug".equals(name)) && ElixirSyntax.arguments(node).stream()
                    .anyMatch(argument -> argument.is("alias") && module.resolve(tree.text(argument)).equals(endpoint))) {
                mounted[0] = true;
            }
        });
        return mounted[0];
    }

    // ---------------------------------------------------------------- the server switch

    /**
     * One finding per production image whose launch starts the release without the server switched on: prod config
     * never switches it on, or only through variables nothing on that launch sets.
     */
    private List<Finding> notServed(ProjectContext project, ConfigTimeline prod, Endpoint endpoint) {
        ServerSwitch state = EndpointProdConfig.serverSwitch(prod, endpoint)
                .or(ServerSwitch.of(ProjectModel.of(project).phoenix().childServer(endpoint.module())));
        DeployModel deploy = DeployModel.of(project);
        // A config file the repository does not hold (a gitignored prod.secret.exs, where the Phoenix 1.5 generator
        // put the `server: true` of releases) may switch it on: what it sets is not known.
        if (state.settled() || deploy.platformReplacesLaunch() || unseenMayServe(prod, endpoint)
                || dispatchedByProxy(prod, endpoint) || routesForwardedFromAnotherRouter(project, endpoint)
                || state.kind() == ServerSwitch.Kind.CONDITIONAL
                && state.vars().stream().anyMatch(var -> EndpointProdConfig.switchesTheWholeApp(prod, endpoint, var))) {
            return List.of();
        }
        // A Compose file, a Kubernetes manifest (or its ConfigMap) or the README may set the switch for the image.
        DeploymentVariables variables = DeploymentVariables.of(project);
        if (state.vars().stream().anyMatch(variables::givenOutsideTheImages)) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (DeployPath path : deploy.paths()) {
            if (path.bootsRelease() && state.vars().stream().noneMatch(path.releaseEnvironment()::contains)
                    && mayShip(project, path, endpoint)) {
                findings.add(notServed(project, prod, endpoint, state, path));
            }
        }
        if (findings.isEmpty() && state.kind() == ServerSwitch.Kind.OFF && ProjectFacts.of(project).releaseIsBuilt()
                && deploy.showsDeployment() && deploy.paths().stream().noneMatch(DeployPath::bootsRelease)
                // `mix phx.server` serves there, not the release
                && deploy.paths().stream().noneMatch(DeployPath::servesWithMix)) {
            Finding nowhere = servedNowhere(project, prod, endpoint);
            if (nowhere != null) {
                findings.add(nowhere);
            }
        }
        return findings;
    }

    /**
     * A release shipped without an image to show its start (a build script, a CI workflow builds it) whose endpoint
     * nothing in prod config ever serves: not `server: true`, and no switch a start could set. However the release is started,
     * it does not listen; reported on the endpoint's prod config.
     */
    private static Finding servedNowhere(ProjectContext project, ConfigTimeline prod, Endpoint endpoint) {
        List<RelatedLocation> config = unservedConfig(prod, endpoint);
        OperatorConfig operator = OperatorConfig.of(project);
        if (config.isEmpty() || operator.maySet(endpoint.app(), endpoint.module(), "server")
                || operator.maySet("phoenix", "serve_endpoints", null)) {
            return null; // config loaded at boot from outside the repository may serve it
        }
        if (!ReleaseRuntimeFile.told(project)) {
            return null; // the releases read runtime configs of their own, none known to be the deployed one's
        }
        RelatedLocation shown = config.get(config.size() - 1);
        return new Finding(INFO, INFO.defaultSeverity(), shown.file(), shown.start(), shown.end(),
                "No prod config gives " + endpoint.module() + " `server: true`, and none reads a switch such as "
                        + "PHX_SERVER, so the release (" + ProjectFacts.of(project).releaseEvidence() + ") boots without "
                        + "listening for HTTP however it is started.",
                serverTrueFix(project, endpoint));
    }

    /** Giving the endpoint `server: true` in the runtime config the release reads, where that can be written. */
    private static List<Fix> serverTrueFix(ProjectContext project, Endpoint endpoint) {
        Fix fix = EndpointProdConfig.serverTrueInRuntime(project, endpoint, ReleaseBuild.of(project).elixirVersion(), true);
        return fix == null ? List.of() : List.of(fix);
    }

    private Finding notServed(ProjectContext project, ConfigTimeline prod, Endpoint endpoint, ServerSwitch state,
                              DeployPath path) {
        DockerImage image = path.image();
        ReleaseStart start = path.launch().releaseStart();
        DocumentSnapshot file = image.file();
        String via = "`" + start.invocation().command().text() + "`";
        String message;
        List<Fix> fixes = new ArrayList<>();
        List<RelatedLocation> related = new ArrayList<>(startSites(path.launch(), start));
        if (state.kind() == ServerSwitch.Kind.CONDITIONAL) {
            String var = state.vars().iterator().next();
            String vars = String.join(" or ", state.vars());
            message = "The image starts the release with " + via + ", which does not set " + vars + ", so "
                    + endpoint.module() + " boots without listening for HTTP.";
            related.addAll(switchSites(prod, endpoint, "serves " + endpoint.module() + " only when " + vars
                    + " is set"));
            fixes.add(new Fix("Add `ENV " + var + "=true` to the final stage", true,
                    List.of(DockerfileEdits.setEnv(file, image.finalStage(), var, "true"))));
        } else {
            ConfigCall misspelt = misspeltServe(project, prod, endpoint);
            message = "The image starts the release with " + via + " but no prod config gives "
                    + endpoint.module() + " `server: true`, so the release boots without listening for HTTP"
                    + (misspelt == null ? "." : ": " + project.project().relativize(misspelt.file().path())
                            + " gives it to " + misspelt.subject() + ", a module the project does not define.");
            related.addAll(unservedConfig(prod, endpoint));
            if (misspelt != null) {
                related.add(RelatedLocation.of(misspelt.file(), misspelt.call(), "serves " + misspelt.subject()
                        + ", which is not " + endpoint.module()));
            }
        }
        Fix runtime = EndpointProdConfig.serverTrueInRuntime(project, endpoint, path.elixirVersion(),
                state.kind() == ServerSwitch.Kind.OFF);
        if (runtime != null) {
            fixes.add(runtime);
        }
        Node node = path.launch().shown().node();
        return new Finding(INFO, INFO.defaultSeverity(), file, file.tree().startOffset(node),
                file.tree().endOffset(node), message, fixes).withRelated(related);
    }

    /**
     * An endpoint that production serves ({@code server: true}) while no prod config gives it {@code http:} or
     * {@code https:}: Phoenix starts a listener only for the schemes configured (both default to false), so the
     * release boots and answers nothing. Silent where something else may give them: the endpoint's {@code init/2}
     * (the older generators' {@code load_from_system_env}), a supervision child's options, a config file the
     * repository does not hold, or a value the model cannot read.
     */
    private static Finding noListener(ProjectContext project, ConfigTimeline prod, Endpoint endpoint) {
        ConfigValue server = prod.effective(endpoint.app(), endpoint.module(), "server");
        PhoenixApp phoenix = ProjectModel.of(project).phoenix();
        PhoenixApp.Endpoint module = inSight(project, endpoint);
        if (!server.isSet() || server.value() == null || !server.call().tree().text(server.value()).equals("true")
                || module == null || !module.module().clauses("init", 2).isEmpty()
                || phoenix.startedWithOptions(endpoint.module()) || unseenMayServe(prod, endpoint)
                || OperatorConfig.of(project).maySet(endpoint.app(), endpoint.module(), "http")
                || OperatorConfig.of(project).maySet(endpoint.app(), endpoint.module(), "https")
                || prod.effective(endpoint.app(), endpoint.module(), "http").state() != ConfigValue.State.UNSET
                || prod.effective(endpoint.app(), endpoint.module(), "https").state() != ConfigValue.State.UNSET) {
            return null;
        }
        String where = project.project().relativize(server.file().path());
        String message = endpoint.module() + " is served in production (`server: true` in " + where + ") but no prod "
                + "config gives it `http:` or `https:`, so Phoenix starts no listener and the release answers nothing; "
                + "set `http: [ip: {0, 0, 0, 0, 0, 0, 0, 0}, port: String.to_integer(System.get_env(\"PORT\") || \"4000\")]` "
                + "in the runtime config.";
        SyntaxTree tree = server.call().tree();
        return new Finding(INFO, INFO.defaultSeverity(), server.file(), tree.startOffset(server.value()),
                tree.endOffset(server.value()), message, List.of());
    }

    /**
     * Where the start leaves the Dockerfile: the script line that starts the release, and the last command of the
     * release script it goes through. None when the CMD or ENTRYPOINT starts it itself.
     */
    private static List<RelatedLocation> startSites(Launch launch, ReleaseStart start) {
        List<RelatedLocation> sites = new ArrayList<>();
        LaunchCommand invocation = start.invocation();
        if (invocation.script() != null) {
            sites.add(commandSite(invocation, "starts the release"));
        }
        if (start.script() != null) {
            launch.commands().stream().filter(command -> command.script() == start.script())
                    .reduce((first, second) -> second)
                    .ifPresent(last -> sites.add(commandSite(last, "starts the node")));
        }
        return sites;
    }

    private static RelatedLocation commandSite(LaunchCommand command, String message) {
        return new RelatedLocation(command.file(), command.command().start(), command.command().end(), message);
    }

    /** The prod config calls that can turn the server on: its {@code server:} key, {@code :serve_endpoints}. */
    private static List<RelatedLocation> switchSites(ConfigTimeline prod, Endpoint endpoint, String message) {
        List<RelatedLocation> sites = new ArrayList<>();
        List<Setting> settings = new ArrayList<>(prod.settings(endpoint.app(), endpoint.module(), "server"));
        settings.addAll(prod.settings("phoenix", null, EndpointProdConfig.SERVE_ENDPOINTS));
        for (Setting setting : settings) {
            Node value = setting.call().resolve(setting.value());
            if (!(value.is("boolean") && setting.call().tree().text(value).equals("false"))) {
                sites.add(RelatedLocation.of(setting.call().file(), setting.call().call(), message));
            }
        }
        return sites;
    }

    /**
     * Whether the release the path starts may hold the endpoint's app: not an umbrella release that the image starts
     * by name ({@code bin/admin start}) whose applications, with their umbrella dependencies, leave the app out.
     */
    private static boolean mayShip(ProjectContext project, DeployPath path, Endpoint endpoint) {
        String program = path.launch().releaseStart().invocation().command().word(0);
        Set<String> shipped = ReleasedApps.of(project).shippedBy(program.substring(program.lastIndexOf('/') + 1));
        return shipped == null || shipped.contains(endpoint.app());
    }

    /**
     * Whether another router forwards to the router this endpoint plugs ({@code forward "/api", ApiWeb.Router}): its
     * routes are served through that router's endpoint, and its own endpoint need not listen.
     */
    private static boolean routesForwardedFromAnotherRouter(ProjectContext project, Endpoint endpoint) {
        PhoenixApp phoenix = ProjectModel.of(project).phoenix();
        PhoenixApp.Endpoint own = phoenix.endpoint(endpoint.module());
        PhoenixApp.Router router = own == null ? null : phoenix.routerOf(own);
        if (router == null) {
            return false;
        }
        String name = router.module().name();
        return phoenix.routers().stream().filter(other -> other != router).flatMap(other -> other.routes().stream())
                .anyMatch(route -> route.isForward() && name.equals(route.controller()));
    }

    /**
     * A prod config call of the endpoint's app that gives {@code server:} to a module the project does not define and
     * whose name is the endpoint's with a letter or two changed ({@code MulztiplayerGameWeb.Endpoint}): the endpoint
     * misspelt, which is why it is not served. Null when there is none.
     */
    private static ConfigCall misspeltServe(ProjectContext project, ConfigTimeline prod, Endpoint endpoint) {
        ModuleIndex modules = ProjectModel.of(project).modules();
        for (ConfigCall call : prod.calls()) {
            String subject = call.subject();
            if (call.app().equals(endpoint.app()) && subject != null && !subject.equals(endpoint.module())
                    && call.value("server") != null && withinTwoEdits(subject, endpoint.module())
                    && modules.find(subject) == null) {
                return call;
            }
        }
        return null;
    }

    /** Whether one name becomes the other by at most two inserted, deleted or replaced characters. */
    static boolean withinTwoEdits(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 2) {
            return false;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()] <= 2;
    }

    /**
     * The endpoint's prod config that leaves the server off: its calls in the runtime config, else the last prod
     * call that configures it.
     */
    private static List<RelatedLocation> unservedConfig(ConfigTimeline prod, Endpoint endpoint) {
        String message = "configures " + endpoint.module() + " for production without `server: true` (nor does "
                + "`:phoenix, :serve_endpoints`)";
        List<ConfigCall> calls = prod.calls().stream().filter(call -> call.app().equals(endpoint.app())
                && endpoint.module().equals(call.subject())).toList();
        List<ConfigCall> runtime = calls.stream().filter(call -> call.phase() == ConfigPhase.RUNTIME).toList();
        List<ConfigCall> shown = !runtime.isEmpty() ? runtime
                : calls.isEmpty() ? List.of() : List.of(calls.get(calls.size() - 1));
        return shown.stream().map(call -> RelatedLocation.of(call.file(), call.call(), message)).toList();
    }

    // ---------------------------------------------------------------- the URL host

    private static Finding placeholderHost(ProjectContext project, ConfigTimeline prod, Endpoint endpoint) {
        Host host = EndpointProdConfig.urlHost(prod, endpoint);
        if (host == null || !PLACEHOLDER_HOSTS.contains(host.value().toLowerCase(Locale.ROOT))
                || setsUrlAtBoot(project, endpoint)) {
            return null;
        }
        List<String> consequences = hostConsequences(project, prod, endpoint);
        if (consequences.isEmpty()) {
            return null;
        }
        String where = project.project().relativize(host.file().path());
        String kind = host.value().equalsIgnoreCase("example.com") ? "the generators' placeholder \"example.com\""
                : "the loopback address \"" + host.value() + "\"";
        String message = "The production URL host of " + endpoint.module() + " stays " + kind + " (" + where
                + ", not overridden later), so " + String.join(" and ", consequences) + ".";
        SyntaxTree tree = host.file().tree();
        return new Finding(INFO, INFO.defaultSeverity(), host.file(), tree.startOffset(host.node()),
                tree.endOffset(host.node()), message, List.of());
    }

    /**
     * Whether the endpoint may get another {@code url:} when the release boots: config loaded then from a file the
     * release is given (a config provider of the release, an operator's file) may set it, or the endpoint's
     * {@code init/2} callback may (the older generators' {@code load_from_system_env} pattern, extended to read the
     * host: it defines the callback, and its module names the url key). The host config ends with is then not the one
     * production runs with.
     */
    private static boolean setsUrlAtBoot(ProjectContext project, Endpoint endpoint) {
        if (OperatorConfig.of(project).maySet(endpoint.app(), endpoint.module(), "url")) {
            return true;
        }
        PhoenixApp.Endpoint found = inSight(project, endpoint);
        return found != null && project.modules().mayPutAtInit(found.module(), "url");
    }

    /** The endpoint's module as the project defines it, or null when it is not in sight. */
    private static PhoenixApp.Endpoint inSight(ProjectContext project, Endpoint endpoint) {
        return ProjectModel.of(project).phoenix().endpoint(endpoint.module());
    }

    /**
     * What goes wrong with a placeholder host: sockets browsers connect to that check origins against it, absolute URLs
     * built from the endpoint. Only a consequence the project has counts: none when the project sets its own origin
     * policy ({@code check_origin} in prod config or on every socket: it knows the endpoint is reached under other
     * hosts), when its pages open no socket, or nothing uses the host. An endpoint whose module is not in sight gets
     * both.
     */
    private static List<String> hostConsequences(ProjectContext project, ConfigTimeline prod, Endpoint endpoint) {
        if (prod.effective(endpoint.app(), endpoint.module(), "check_origin").state() != ConfigValue.State.UNSET) {
            return List.of();
        }
        String urls = "the absolute URLs the code builds from the endpoint (url/1, `*_url` helpers, emails) point at it";
        String origins = "with the default check_origin its sockets reject LiveView and channel connections from the "
                + "real domain";
        ProjectModel model = ProjectModel.of(project);
        PhoenixApp.Endpoint module = inSight(project, endpoint);
        if (module == null) {
            return List.of(urls, origins);
        }
        PhoenixApp.Router router = model.phoenix().endpoints().size() > 1 ? model.phoenix().routerOf(module) : null;
        UrlHostUses uses = UrlHostUses.of(model.modules(), module,
                router != null ? LiveRoutes.servedBy(project, router) : LiveRoutes.of(project), PageSockets.of(project));
        if (uses.socketsOwnOrigins()) {
            return List.of();
        }
        List<String> consequences = new ArrayList<>();
        if (uses.buildsEndpointUrls()) {
            consequences.add(urls);
        }
        if (uses.checksOriginAgainstHost() && !neverServed(project, prod, endpoint)) {
            consequences.add(origins); // an endpoint never served accepts no connection to reject
        }
        return consequences;
    }
}
