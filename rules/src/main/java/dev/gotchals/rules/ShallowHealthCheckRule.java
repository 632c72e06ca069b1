package dev.gotchals.rules;

import dev.gotchals.elixir.ModuleIndex.Function;
import dev.gotchals.elixir.ModuleIndex.Module;
import dev.gotchals.elixir.Truth;
import dev.gotchals.facts.ProjectFacts;
import dev.gotchals.model.deploy.HealthProbes;
import dev.gotchals.model.project.EctoRepos;
import dev.gotchals.model.project.PhoenixApp;
import dev.gotchals.model.project.PhoenixApp.Route;
import dev.gotchals.model.project.PlugHandlers;
import dev.gotchals.model.project.ProjectModel;
import dev.gotchals.model.project.UmbrellaApps;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.RelatedLocation;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.RuleOption;
import dev.gotchals.rule.Severity;
import dev.gotchals.syntax.Node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * GT006 shallow-health-check: in a project that uses a database, a health route or health plug answers without
 * touching the database.
 */
public final class ShallowHealthCheckRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT006", "shallow-health-check",
            "Health check that never touches the database", Severity.WARNING, """
            **What it finds.** In a project that uses Ecto (in an umbrella: a router whose app, or an umbrella \
            app it depends on, defines a Repo): a readiness check that answers without touching the database. A \
            health route in the router (`/health`, \
            `/healthz`, `/health_check`, `/_health`, `/up`, `/ready`, `/readyz`, `/status`, also under a \
            scope such as `/api/health`; the generic `/up`, `/ready` and `/status` only at the top or under \
            prefixes like `/api/v1` or `/health`, not `/jobs/status`) or a health plug in the endpoint, whose controller action or plug \
            `call/2` answers without touching the database: no call to the Repo, no \
            `Ecto.Adapters.SQL.query`, neither directly nor through the helper functions it calls (a health \
            process's cached results count as its checks: `GenServer.call(__MODULE__, …)`, an ETS key \
            `{__MODULE__, …}` read where the callbacks write it), nor through a \
            plug of the route's pipelines (`pipe_through`: `Phoenix.Ecto.CheckRepoStatus`, a plug that queries \
            the Repo), is reported only when something in the repository says it is a readiness check: a \
            readiness check of the deployment requests its path (the service checks of any fly.io config, \
            `[[http_service.checks]]` or a service's `http_checks`: Fly routes no request by a top-level `[checks]` \
            one, which watches machines and gates deploys; a production \
            image's `HEALTHCHECK`, Kubernetes or Helm `readinessProbe`s), its module's `@moduledoc` says a load \
            balancer (an ALB target group) or a readiness check polls it (and not that a liveness probe or the \
            container's own probes poll it too), its path says so (`/ready`, `/readyz`) while \
            no readiness probe of the deployment is in sight (where probes are, they name the readiness check), \
            or it is one of the `health_paths` of the project's settings. Any other health endpoint may be a \
            liveness probe, for which an answer without the database is the right design (a database outage \
            should not restart every instance). Liveness paths (`/live`, `/livez`) are never reported; \
            nor is an action that can answer a server error (`503`, `:service_unavailable`) on a condition of its \
            own (data loaded, a dependency up): a deliberate readiness check; nor a \
            shallow health route beside another that does query the database (the checks were split on purpose), \
            unless a readiness probe requests the shallow one or its documentation names the load balancer; nor \
            a route for a path that a plug of the endpoint answers first (the plug sends and halts, so the \
            router never sees the request: the plug is reported); nor checks whose module the \
            project does not define (a dependency such as a health-check library), nor projects whose database \
            lives inside the instance (SQLite, ETS, Mnesia). The finding is on the route (or the plug line) and \
            points, as a related location, at the action or plug clause that answers without the database.

            **Why it matters.** Load balancers, Fly.io/Kubernetes readiness checks and deploy tools route \
            traffic by the health check. A check that only proves the BEAM answers HTTP stays green when the \
            database is unreachable, the pool is exhausted or the credentials were rotated: a new release whose \
            `DATABASE_URL` is wrong passes its health check, replaces the working one, and every real request \
            fails with a 500.

            **Instead.** Let the readiness check run a trivial query through the Repo (`SELECT 1`) and answer \
            503 when it fails. Keep a separate liveness path (`/livez`) that skips the database, so that a \
            database outage takes instances out of the load balancer without restarting all of them.

            **Fix.** Replaces the action's body (or the health branch of the plug) with one that runs \
            `SELECT 1` through the project's Repo and answers 200 `ok`, or 503 with the reason. It is not \
            applied automatically: it changes what the probe reports. Where a liveness probe requests the same \
            path, none is offered, and the message asks for a readiness path of its own instead.""", """
            ```elixir
            # lib/shop_web/router.ex
            scope "/", ShopWeb do
              get "/health", HealthController, :index
            end

            # lib/shop_web/controllers/health_controller.ex
            def index(conn, _params) do
              text(conn, "ok")
            end
            ```
            """, """
            ```elixir
            # lib/shop_web/controllers/health_controller.ex
            def index(conn, _params) do
              case Ecto.Adapters.SQL.query(Shop.Repo, "SELECT 1", []) do
                {:ok, _result} ->
                  conn |> put_status(200) |> text("ok")

                {:error, reason} ->
                  conn |> put_status(503) |> text("database unavailable: " <> Exception.message(reason))
              end
            end

            # a liveness probe may skip the database
            def live(conn, _params), do: text(conn, "ok")
            ```
            """, List.of(new RuleOption("health_paths", "Extra request paths to treat as readiness or health "
                    + "checks, besides the built-in ones; a route or health plug answering one of them exactly must "
                    + "touch the database.", "/internal/ping")));

    /** Last path segments that name a health, readiness or status check. */
    private static final Set<String> HEALTH_SEGMENTS = Set.of("health", "healthz", "health_check", "healthcheck",
            "_health", "up", "ready", "readyz", "status");
    /**
     * Segments so generic that they count only at the top or under infrastructure prefixes ({@code /status},
     * {@code /api/v1/status}, {@code /health/ready}; not {@code /jobs/status}).
     */
    private static final Set<String> GENERIC_SEGMENTS = Set.of("up", "ready", "status");
    /** Last segments that say the check decides whether the instance takes traffic. */
    private static final Set<String> READINESS_SEGMENTS = Set.of("ready", "readyz");
    private static final Set<String> INFRA_PREFIXES = Set.of("api", "internal", "_", "__", "system", "sys", "ops",
            "meta", "private", "monitoring", "probe", "probes", "k8s", "health", "healthz", "_health");
    /** The methods a probe sends: what a health route must answer to be one. */
    private static final Set<String> PROBE_METHODS = Set.of("get", "head", "*", "forward");
    /** How an action writes a server-error status, lower-cased as {@code SyntaxTree.mentions} looks for them. */
    private static final String[] UNAVAILABLE = {"503", ":service_unavailable", "500", ":internal_server_error"};

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ProjectContext project) {
        if (!ProjectFacts.of(project).usesEcto() || ProjectModel.of(project).repos().embedded()) {
            return List.of(); // no database, or one inside the instance that no network outage cuts off
        }
        Check check = new Check(project);
        List<Finding> findings = new ArrayList<>();
        check.routes(findings);
        for (PhoenixApp.Endpoint endpoint : check.model.phoenix().endpoints()) {
            for (PhoenixApp.Plug plug : endpoint.plugs()) {
                check.plug(endpoint.module(), plug, findings);
            }
        }
        return findings;
    }

    /** Whether a path names a readiness check by itself ({@code /ready}, {@code /health/readyz}). */
    static boolean namesReadiness(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        return READINESS_SEGMENTS.contains(last);
    }

    /** Whether a request path is a health check's (its last segment), and not a liveness probe's. */
    static boolean isHealthPath(String path) {
        if (path == null || !path.startsWith("/")) {
            return false;
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.startsWith(":") || segment.startsWith("*")) {
                return false;
            }
            segments.add(segment);
        }
        if (segments.isEmpty() || !HEALTH_SEGMENTS.contains(segments.get(segments.size() - 1))) {
            return false;
        }
        if (GENERIC_SEGMENTS.contains(segments.get(segments.size() - 1))) {
            for (String prefix : segments.subList(0, segments.size() - 1)) {
                if (!INFRA_PREFIXES.contains(prefix) && !prefix.matches("v\\d+")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A route resolved to the project function that answers it. */
    private record Handler(Route route, Module target, String action, List<Function> clauses) {
    }

    /** One analysis: the project model, the repo the fix names, the configured extra health paths. */
    private static final class Check {
        private final ProjectModel model;
        private final EctoRepos repos;
        private final String fixRepo;
        private final UmbrellaApps umbrella;
        private final Set<String> extraHealthPaths = new HashSet<>();
        private final HealthProbes probes;

        Check(ProjectContext project) {
            this.model = ProjectModel.of(project);
            this.repos = model.repos();
            this.fixRepo = repos.main(project.project().modulePrefix());
            this.umbrella = UmbrellaApps.of(project);
            this.probes = HealthProbes.of(project);
            for (String path : project.settings().option(INFO, "health_paths")) {
                String normalized = HealthProbes.normalized(path.strip());
                if (!normalized.equals("/")) {
                    extraHealthPaths.add(normalized);
                }
            }
        }

        /** Whether a request path is a health check's: a built-in one, or one of the {@code health_paths}. */
        boolean isHealth(String path) {
            return isHealthPath(path) || path != null && extraHealthPaths.contains(HealthProbes.normalized(path));
        }

        /**
         * Whether the repository says that a readiness check polls the path answered by {@code answering}: a probe
         * of the deployment requests it, or the module's documentation names the load balancer that polls it.
         */
        boolean requested(String path, Module answering) {
            return probes.readinessRequests(path) || HealthProbes.documentedAsPolledByLoadBalancer(answering);
        }

        /**
         * Whether a health path decides which instances take traffic: a readiness check polls it, its name says
         * it is one ({@code /readyz}) while no readiness probe of the deployment is in sight (where probes are, the
         * one they request is the readiness check), or the project's settings list it. Any other health path may be
         * a liveness probe, which is right to skip the database.
         */
        boolean gatesTraffic(String path, Module answering) {
            String normalized = HealthProbes.normalized(path);
            return isHealth(path) && (requested(path, answering)
                    || namesReadiness(normalized) && probes.readinessPaths().isEmpty()
                    || extraHealthPaths.contains(normalized));
        }

        /**
         * Reports the health routes whose action never touches the database, where the repository says a readiness
         * check polls them ({@link #gatesTraffic}); any other is at most a liveness or uptime check. The fix
         * rewrites the action, so it is offered only when no other kind of route (a liveness probe, a page) shares
         * that action.
         */
        void routes(List<Finding> out) {
            List<Handler> handlers = new ArrayList<>();
            for (PhoenixApp.Router router : model.phoenix().routers()) {
                for (Route route : router.routes()) {
                    Handler handler = handler(route);
                    if (handler != null) {
                        handlers.add(handler);
                    }
                }
            }
            // A project whose other health route checks the database has split its checks on purpose: a shallow
            // one is then reported only when a readiness check is said to poll it.
            boolean deepCheckElsewhere = handlers.stream().anyMatch(handler -> isHealth(handler.route().path())
                    && touchesDatabase(handler));
            for (Handler handler : handlers) {
                Route route = handler.route();
                if (!appHasDatabase(route.router())) {
                    continue; // an umbrella app with no repo of its own or of the apps it depends on
                }
                if (answeredBeforeTheRouter(route.path())) {
                    continue; // a plug of the endpoint answers the path and halts: the route never runs
                }
                if (PROBE_METHODS.contains(route.method()) && gatesTraffic(route.path(), handler.target())
                        && (!deepCheckElsewhere || requested(route.path(), handler.target()))) {
                    boolean shared = handlers.stream().anyMatch(other -> other.target() == handler.target()
                            && other.action().equals(handler.action()) && !isHealth(other.route().path()));
                    report(handler, !shared, out);
                }
            }
        }

        /**
         * Whether a plug of an endpoint answers the path itself before the router sees the request (a function plug
         * whose clause for {@code /readyz} sends a response): the route the router has for it is never reached, and
         * the plug is what a check gets.
         */
        private boolean answeredBeforeTheRouter(String path) {
            String wanted = HealthProbes.normalized(path);
            for (PhoenixApp.Endpoint endpoint : model.phoenix().endpoints()) {
                for (PhoenixApp.Plug plug : endpoint.plugs()) {
                    Module module = plugModule(endpoint.module(), plug);
                    List<Function> clauses = module == null ? List.of() : module.clauses(plugFunction(plug), 2);
                    PlugHandlers.Branch branch = clauses.isEmpty() ? null : PlugHandlers.answering(module, clauses,
                            candidate -> HealthProbes.normalized(candidate).equals(wanted));
                    if (branch != null && PlugHandlers.responds(module, branch.runs())) {
                        return true;
                    }
                }
            }
            return false;
        }

        /**
         * Whether the app of a router has a database to check: outside an umbrella, the project's; in an umbrella,
         * a repo defined in the router's app or in the umbrella apps it depends on (a sibling's repo is not its own).
         */
        private boolean appHasDatabase(Module router) {
            String app = router.file() == null ? null : umbrella.appOf(router.file().path());
            Set<String> reached = app == null ? null : umbrella.withDependencies(List.of(app));
            return reached == null || repos.defined().stream().anyMatch(repo -> repo.module().file() != null
                    && reached.contains(umbrella.appOf(repo.module().file().path())));
        }

        private Handler handler(Route route) {
            Module target = model.modules().find(route.controller());
            if (target == null) {
                return null;
            }
            String action = route.action();
            List<Function> clauses = action == null ? List.of() : target.clauses(action, 2);
            if (clauses.isEmpty()) {
                action = "call";
                clauses = target.clauses("call", 2);
            }
            return clauses.isEmpty() ? null : new Handler(route, target, action, clauses);
        }

        /**
         * Whether the action can answer a server-error status ({@code 503}, {@code :service_unavailable}, {@code 500}):
         * a readiness check of the app's own conditions, which a deployment may rightly prefer to a database query.
         */
        private static boolean answersUnavailable(Module target, List<Node> body) {
            return body.stream().anyMatch(node -> target.tree().mentions(node, UNAVAILABLE));
        }

        /** Whether the route's action, or a plug of its pipelines, surely reaches the database. */
        private boolean touchesDatabase(Handler handler) {
            List<Node> roots = new ArrayList<>();
            handler.clauses().forEach(clause -> roots.addAll(clause.runs()));
            return model.reachesDatabase(handler.target(), roots) == Truth.TRUE
                    || model.pipelinesReachDatabase(handler.route()) == Truth.TRUE;
        }

        private void report(Handler handler, boolean offerFix, List<Finding> out) {
            Module target = handler.target();
            List<Node> roots = new ArrayList<>();
            handler.clauses().forEach(clause -> roots.addAll(clause.runs()));
            Route route = handler.route();
            if (model.reachesDatabase(target, roots) != Truth.FALSE || model.pipelinesReachDatabase(route) != Truth.FALSE) {
                return;
            }
            if (answersUnavailable(target, roots)) {
                return; // it checks something of its own (data loaded, a dependency) and fails on purpose
            }
            String verb = route.isForward() ? "Any request under"
                    : route.method().equals("*") ? "Any request to" : route.method().toUpperCase(Locale.ROOT);
            Function first = handler.clauses().get(0);
            String action = target.name() + "." + handler.action() + "/2";
            boolean liveness = probes.livenessRequests(route.path());
            String repo = repoOf(route.router());
            String message = verb + " " + route.path() + " is answered by " + action + consequence(liveness, repo);
            RelatedLocation answer = RelatedLocation.of(target.file(), first.head(),
                    action + " answers " + route.path() + " without touching the database");
            boolean controller = !handler.action().equals("call") && target.uses("Phoenix.Controller", "controller");
            List<Fix> fixes = new ArrayList<>();
            if (offerFix && !liveness && handler.clauses().size() == 1) {
                addIfPresent(fixes, HealthCheckFix.of(target, first, null, controller, repo, "Check the database in "
                        + target.shortName() + "." + handler.action() + "/2 (SELECT 1 through " + repo
                        + ", 503 on error)"));
            }
            Module router = route.router();
            out.add(new Finding(INFO, INFO.defaultSeverity(), router.file(), router.tree().startOffset(route.statement()),
                    router.tree().endOffset(route.statement()), message, fixes).withRelated(List.of(answer)));
        }

        /**
         * Reports a health plug of the endpoint that answers, without touching the database, a path that a
         * readiness check polls ({@link #gatesTraffic}); any other is a liveness probe.
         */
        /** The module whose {@code call/2} (or function plug) a plug line of the endpoint runs, or null. */
        private Module plugModule(Module endpoint, PhoenixApp.Plug plug) {
            return plug.module() != null ? model.modules().find(plug.module()) : endpoint;
        }

        /** The function a plug line runs: a function plug's name, else a module plug's {@code call}. */
        private static String plugFunction(PhoenixApp.Plug plug) {
            return plug.function() != null ? plug.function() : "call";
        }

        void plug(Module endpoint, PhoenixApp.Plug plug, List<Finding> out) {
            Module module = plugModule(endpoint, plug);
            String function = plugFunction(plug);
            List<Function> clauses = module == null ? List.of() : module.clauses(function, 2);
            if (clauses.isEmpty()) {
                return;
            }
            Predicate<String> reported = path -> gatesTraffic(path, module);
            PlugHandlers.Branch branch = PlugHandlers.answering(module, clauses, reported);
            String path = branch != null ? branch.path() : null;
            // plug HealthCheck, path: "/health": the path comes with the plug line
            for (int i = 0; path == null && i < plug.options().size(); i++) {
                path = PlugHandlers.pathIn(endpoint, plug.options().get(i), reported);
            }
            if (path == null) {
                return;
            }
            List<Node> roots = new ArrayList<>();
            if (branch != null) {
                roots.addAll(branch.runs());
            } else {
                clauses.forEach(clause -> roots.addAll(clause.runs()));
            }
            // A clause that only lets /health through (an auth plug's exclusion) answers nothing.
            if (!PlugHandlers.responds(module, roots) || model.reachesDatabase(module, roots) != Truth.FALSE) {
                return;
            }
            Node anchor = branch != null ? branch.clause().head() : clauses.get(0).head();
            String what = plug.function() != null ? "The function plug :" + function + " in " + endpoint.name()
                    : "The health plug " + module.name();
            boolean liveness = probes.livenessRequests(path);
            String repo = repoOf(endpoint);
            String message = what + " answers " + path + consequence(liveness, repo);
            RelatedLocation answer = RelatedLocation.of(module.file(), anchor,
                    "answers " + path + " without touching the database");
            List<Fix> fixes = new ArrayList<>();
            if (branch != null && !liveness) {
                String name = plug.function() != null ? ":" + function : module.shortName() + ".call/2";
                addIfPresent(fixes, HealthCheckFix.of(module, branch.clause(), branch.statements(), false, repo,
                        "Check the database in " + name + " for " + path + " (SELECT 1 through " + repo
                                + ", 503 on error)"));
            }
            Node statement = plug.statement();
            out.add(new Finding(INFO, INFO.defaultSeverity(), endpoint.file(), endpoint.tree().startOffset(statement),
                    endpoint.tree().endOffset(statement), message, fixes).withRelated(List.of(answer)));
        }

        /**
         * The repo of the app a router or endpoint belongs to: {@code WorkgroupPulse.Repo} for
         * {@code WorkgroupPulseWeb.Router} where the project defines or configures it (an umbrella of several apps,
         * each with its own), else the project's main repo.
         */
        private String repoOf(Module module) {
            String first = module.name().split("\\.")[0];
            String app = first.endsWith("Web") && first.length() > 3 ? first.substring(0, first.length() - 3) : first;
            String own = app + ".Repo";
            return repos.configured().contains(own) || repos.defines(own) ? own : fixRepo;
        }

        /**
         * @param liveness whether a liveness probe requests the path too, which is right to skip the database
         * @param fixRepo  the repo the route's app talks to, or null when none is known
         */
        private static String consequence(boolean liveness, String fixRepo) {
            String repo = fixRepo == null ? "the Repo" : fixRepo;
            return " without touching the database, so the check stays green while " + repo + " cannot reach it and "
                    + "traffic keeps coming to a broken instance." + (liveness ? " The livenessProbe requests the same "
                    + "path, and rightly skips the database (an outage would restart every pod): give the "
                    + "readinessProbe a path of its own that queries " + repo + "." : "");
        }

        private static void addIfPresent(List<Fix> fixes, Fix fix) {
            if (fix != null) {
                fixes.add(fix);
            }
        }
    }
}
