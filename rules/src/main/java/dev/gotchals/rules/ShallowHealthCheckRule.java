package dev.gotchals.rules;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ConfigCall;
import dev.gotchals.elixir.ConfigTimeline;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.facts.ProjectFacts;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.RuleOption;
import dev.gotchals.rule.Severity;
import dev.gotchals.rules.ModuleIndex.Function;
import dev.gotchals.rules.ModuleIndex.Module;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.workspace.FileRole;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * GT006 shallow-health-check: in a project that uses a database, a health route or health plug answers without
 * touching the database.
 */
public final class ShallowHealthCheckRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT006", "shallow-health-check",
            "Health check that never touches the database", Severity.WARNING, """
            **What it finds.** In a project that uses Ecto: a health route in the router (`/health`, \
            `/healthz`, `/health_check`, `/_health`, `/up`, `/ready`, `/readyz`, `/status`, also under a \
            scope such as `/api/health`; the generic `/up`, `/ready` and `/status` only at the top or under \
            prefixes like `/api/v1` or `/health`, not `/jobs/status`) or a health plug in the endpoint, whose controller action or plug \
            `call/2` answers without touching the database: no call to the Repo, no \
            `Ecto.Adapters.SQL.query`, neither directly nor through the helper functions it calls. Liveness \
            paths (`/live`, `/livez`) are meant to skip the database and are not reported; neither are checks \
            whose module the project does not define (a dependency such as a health-check library).

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
            applied automatically: it changes what the probe reports.""", """
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
    private static final Set<String> INFRA_PREFIXES = Set.of("api", "internal", "_", "__", "system", "sys", "ops",
            "meta", "private", "monitoring", "probe", "probes", "k8s", "health", "healthz", "_health");
    private static final Set<String> ROUTE_MACROS = Set.of("get", "post", "put", "patch", "delete", "options",
            "head", "match", "forward");
    /** The methods a probe sends: what a health route must answer to be one. */
    private static final Set<String> PROBE_METHODS = Set.of("get", "head", "*", "forward");
    /** Plug.Conn and Phoenix.Controller functions that answer a request (or stop the pipeline). */
    private static final Set<String> RESPONDERS = Set.of("send_resp", "resp", "send_file", "send_chunked", "halt",
            "text", "json", "html", "render", "redirect");
    /** How many functions the reachability walk reads before it gives up (and stays silent). */
    private static final int FUNCTION_BUDGET = 200;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ProjectContext project) {
        if (!ProjectFacts.of(project).usesEcto()) {
            return List.of();
        }
        ModuleIndex index = ModuleIndex.of(project.files(FileRole.ELIXIR_SOURCE));
        Check check = new Check(project, index);
        List<Finding> findings = new ArrayList<>();
        List<Route> routes = new ArrayList<>();
        for (Module module : index.all()) {
            if (module.uses("Phoenix.Router", "router")) {
                check.routes(module, "", null, module.body(), routes);
            }
        }
        check.report(routes, findings);
        for (Module module : index.all()) {
            if (module.uses("Phoenix.Endpoint", null)) {
                check.endpointPlugs(module, findings);
            }
        }
        return findings;
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
        if (segments.isEmpty()) {
            return false;
        }
        String last = segments.get(segments.size() - 1);
        if (!HEALTH_SEGMENTS.contains(last)) {
            return false;
        }
        if (GENERIC_SEGMENTS.contains(last)) {
            for (String prefix : segments.subList(0, segments.size() - 1)) {
                if (!INFRA_PREFIXES.contains(prefix) && !prefix.matches("v\\d+")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String joinPath(String prefix, String path) {
        String joined = (prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix)
                + (path.startsWith("/") ? path : "/" + path);
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** The state of one analysis: the module index, the project's Repo modules. */
    private static final class Check {
        private final ProjectContext project;
        private final ModuleIndex index;
        private final Set<String> repos = new LinkedHashSet<>();
        private final String fixRepo;
        /** The paths of the {@code health_paths} option, without a trailing slash. */
        private final Set<String> extraHealthPaths = new HashSet<>();

        Check(ProjectContext project, ModuleIndex index) {
            this.project = project;
            this.index = index;
            for (String path : project.settings().option(INFO, "health_paths")) {
                String normalized = joinPath("", path.strip());
                if (!normalized.equals("/")) {
                    extraHealthPaths.add(normalized);
                }
            }
            List<String> configured = new ArrayList<>();
            for (ConfigCall call : ConfigTimeline.prod(project).calls()) {
                Node value = call.value("ecto_repos");
                if (value != null && value.is("list")) {
                    for (Node item : value.namedChildren()) {
                        if (item.is("alias")) {
                            configured.add(call.tree().text(item));
                        }
                    }
                }
            }
            List<String> defined = new ArrayList<>();
            for (Module module : index.all()) {
                if (module.uses("Ecto.Repo", null)) {
                    defined.add(module.name);
                }
            }
            repos.addAll(configured);
            repos.addAll(defined);
            String preferred = project.project().modulePrefix() + ".Repo";
            fixRepo = !configured.isEmpty() ? configured.get(0)
                    : defined.contains(preferred) ? preferred
                    : defined.isEmpty() ? null : defined.get(0);
        }

        /** Whether a request path is a health check's: a built-in one, or one of the {@code health_paths}. */
        boolean isHealth(String path) {
            return isHealthPath(path) || path != null && extraHealthPaths.contains(joinPath("", path));
        }

        boolean isDatabase(String module) {
            if (repos.contains(module) || module.equals("Ecto.Migrator") || module.equals("Ecto.Repo")
                    || module.startsWith("Ecto.Adapters.") || module.startsWith("Postgrex")
                    || module.startsWith("MyXQL") || module.startsWith("Exqlite")) {
                return true;
            }
            for (String segment : module.split("\\.")) {
                if (segment.endsWith("Repo")) {
                    return true;
                }
            }
            return false;
        }

        // ---- router ----

        void routes(Module router, String pathPrefix, String aliasPrefix, List<Node> statements, List<Route> out) {
            SyntaxTree tree = router.tree();
            for (Node statement : statements) {
                Deadline.check();
                String macro = ElixirSyntax.localCallName(tree, statement);
                if (macro == null) {
                    continue;
                }
                if (macro.equals("scope")) {
                    scope(router, pathPrefix, aliasPrefix, statement, out);
                } else if (macro.equals("if") || macro.equals("unless")) {
                    List<Node> condition = ElixirSyntax.arguments(statement);
                    // Routes behind the generated `if Application.compile_env(:app, :dev_routes)` never exist in prod.
                    if (!condition.isEmpty() && tree.text(condition.get(0)).contains("dev_routes")) {
                        continue;
                    }
                    Node block = ElixirSyntax.doBlock(statement);
                    routes(router, pathPrefix, aliasPrefix, ElixirSyntax.blockStatements(block, false), out);
                    routes(router, pathPrefix, aliasPrefix, ElixirSyntax.blockStatements(block, true), out);
                } else if (ROUTE_MACROS.contains(macro)) {
                    route(router, pathPrefix, aliasPrefix, macro, statement, out);
                }
            }
        }

        private void scope(Module router, String pathPrefix, String aliasPrefix, Node statement, List<Route> out) {
            SyntaxTree tree = router.tree();
            String path = null;
            String alias = null;
            for (Node argument : ElixirSyntax.arguments(statement)) {
                if (argument.is("string") && path == null) {
                    path = ElixirSyntax.stringLiteral(tree, argument);
                    if (path == null) {
                        return;
                    }
                } else if (argument.is("alias") && alias == null) {
                    alias = tree.text(argument);
                }
            }
            for (Node pair : ElixirSyntax.keywordPairs(statement)) {
                String key = ElixirSyntax.keywordName(tree, pair);
                Node value = pair.child("value");
                if ("path".equals(key) && value != null) {
                    path = ElixirSyntax.stringLiteral(tree, value);
                    if (path == null) {
                        return;
                    }
                } else if ("alias".equals(key) && value != null && value.is("alias")) {
                    alias = tree.text(value);
                }
            }
            String innerPath = path == null ? pathPrefix : joinPath(pathPrefix, path);
            String innerAlias = alias == null ? aliasPrefix : aliasPrefix == null ? alias : aliasPrefix + "." + alias;
            routes(router, innerPath, innerAlias,
                    ElixirSyntax.blockStatements(ElixirSyntax.doBlock(statement), false), out);
        }

        private void route(Module router, String pathPrefix, String aliasPrefix, String macro, Node statement,
                           List<Route> out) {
            SyntaxTree tree = router.tree();
            List<Node> arguments = new ArrayList<>(ElixirSyntax.arguments(statement));
            String method = macro;
            if (macro.equals("match")) {
                if (arguments.isEmpty()) {
                    return;
                }
                method = ElixirSyntax.atomName(tree, arguments.remove(0));
                if (method == null) {
                    return;
                }
            }
            String verb = method.equals("forward") ? "Any request under"
                    : method.equals("*") ? "Any request to" : method.toUpperCase(java.util.Locale.ROOT);
            if (arguments.size() < 2 || !arguments.get(1).is("alias")) {
                return;
            }
            String path = ElixirSyntax.stringLiteral(tree, arguments.get(0));
            if (path == null) {
                return;
            }
            String fullPath = joinPath(pathPrefix, path);
            String written = tree.text(arguments.get(1));
            Module target = aliasPrefix == null ? null : index.find(aliasPrefix + "." + written);
            if (target == null) {
                target = index.find(router.resolve(written));
            }
            if (target == null) {
                return;
            }
            String action = !macro.equals("forward") && arguments.size() >= 3
                    ? ElixirSyntax.atomName(tree, arguments.get(2)) : null;
            List<Function> clauses = action == null ? List.of() : target.clauses(action, 2);
            if (clauses.isEmpty()) {
                action = "call";
                clauses = target.clauses("call", 2);
            }
            if (!clauses.isEmpty()) {
                out.add(new Route(router, statement, PROBE_METHODS.contains(method), verb, fullPath, target, action,
                        clauses));
            }
        }

        /**
         * Reports the health routes whose action never touches the database. The fix rewrites the action, so it
         * is offered only when no other kind of route (a liveness probe, a page) shares that action.
         */
        void report(List<Route> routes, List<Finding> out) {
            for (Route route : routes) {
                if (route.probe() && isHealth(route.path())) {
                    boolean shared = routes.stream().anyMatch(other -> other.target() == route.target()
                            && other.action().equals(route.action()) && !isHealth(other.path()));
                    report(route, !shared, out);
                }
            }
        }

        private void report(Route route, boolean offerFix, List<Finding> out) {
            Module router = route.router();
            SyntaxTree tree = router.tree();
            Node statement = route.statement();
            Module target = route.target();
            String action = route.action();
            List<Function> clauses = route.clauses();
            List<Node> roots = new ArrayList<>();
            for (Function clause : clauses) {
                roots.addAll(Reach.bodyOf(clause));
            }
            if (new Reach(this).touchesDatabaseOrUnknown(target, roots)) {
                return;
            }
            Function first = clauses.get(0);
            String where = target.name + "." + action + "/2 (" + location(target, first.definition()) + ")";
            String message = route.verb() + " " + route.path() + " is answered by "
                    + where + " without touching the database, so the check stays green while "
                    + (fixRepo == null ? "the Repo" : fixRepo) + " cannot reach it and traffic keeps coming to a "
                    + "broken instance.";
            boolean controller = !action.equals("call") && target.uses("Phoenix.Controller", "controller");
            List<Fix> fixes = new ArrayList<>();
            if (offerFix && clauses.size() == 1) {
                Fix fix = bodyFix(target, first, null, controller,
                        "Check the database in " + shortName(target) + "." + action + "/2 (SELECT 1 through "
                                + fixRepo + ", 503 on error)");
                if (fix != null) {
                    fixes.add(fix);
                }
            }
            DocumentSnapshot file = router.file;
            out.add(new Finding(INFO, INFO.defaultSeverity(), file, tree.startOffset(statement),
                    tree.endOffset(statement), message, fixes));
        }

        // ---- endpoint ----

        void endpointPlugs(Module endpoint, List<Finding> out) {
            SyntaxTree tree = endpoint.tree();
            for (Node statement : endpoint.body()) {
                Deadline.check();
                if (!"plug".equals(ElixirSyntax.localCallName(tree, statement))) {
                    continue;
                }
                List<Node> arguments = ElixirSyntax.arguments(statement);
                if (arguments.isEmpty()) {
                    continue;
                }
                Node plug = arguments.get(0);
                Module module;
                String function;
                if (plug.is("atom")) {
                    module = endpoint;
                    function = ElixirSyntax.atomName(tree, plug);
                } else if (plug.is("alias")) {
                    module = index.find(endpoint.resolve(tree.text(plug)));
                    function = "call";
                } else {
                    continue;
                }
                if (module == null || function == null) {
                    continue;
                }
                List<Function> clauses = module.clauses(function, 2);
                if (clauses.isEmpty()) {
                    continue;
                }
                Branch branch = healthBranch(module, clauses);
                String path = branch != null ? branch.path : null;
                if (path == null) {
                    // plug HealthCheck, path: "/health": the path comes with the plug line
                    for (int i = 1; i < arguments.size() && path == null; i++) {
                        path = healthLiteral(endpoint, arguments.get(i));
                    }
                    if (path == null) {
                        continue;
                    }
                }
                List<Node> roots = new ArrayList<>();
                if (branch != null && branch.statements != null) {
                    roots.addAll(branch.statements);
                } else if (branch != null) {
                    roots.addAll(Reach.bodyOf(branch.clause));
                } else {
                    clauses.forEach(clause -> roots.addAll(Reach.bodyOf(clause)));
                }
                // A clause that only lets /health through (an auth plug's exclusion) answers nothing.
                if (!answers(module, roots, new HashSet<>())
                        || new Reach(this).touchesDatabaseOrUnknown(module, roots)) {
                    continue;
                }
                Node anchor = branch != null ? branch.clause.definition() : clauses.get(0).definition();
                String what = plug.is("atom")
                        ? "The function plug :" + function + " in " + endpoint.name
                        : "The health plug " + module.name;
                String message = what + " answers " + path + " (" + location(module, anchor)
                        + ") without touching the database, so the check stays green while "
                        + (fixRepo == null ? "the Repo" : fixRepo) + " cannot reach it and traffic keeps coming to "
                        + "a broken instance.";
                List<Fix> fixes = new ArrayList<>();
                if (branch != null) {
                    String name = plug.is("atom") ? ":" + function : shortName(module) + ".call/2";
                    Fix fix = bodyFix(module, branch.clause, branch.statements, false,
                            "Check the database in " + name + " for " + path + " (SELECT 1 through " + fixRepo
                                    + ", 503 on error)");
                    if (fix != null) {
                        fixes.add(fix);
                    }
                }
                out.add(new Finding(INFO, INFO.defaultSeverity(), endpoint.file, tree.startOffset(statement),
                        tree.endOffset(statement), message, fixes));
            }
        }

        /** Whether the code sends a response or halts: directly, or through local helper functions. */
        private static boolean answers(Module module, List<Node> roots, Set<String> visited) {
            SyntaxTree tree = module.tree();
            boolean[] found = new boolean[1];
            for (Node root : roots) {
                root.forEachDescendant(node -> {
                    if (found[0] || !node.is("call") || node.child("target") == null) {
                        return;
                    }
                    Node target = node.child("target");
                    String name = target.is("identifier") ? tree.text(target)
                            : target.is("dot") && target.child("right") != null && target.child("right").is("identifier")
                            ? tree.text(target.child("right")) : null;
                    if (name == null) {
                        return;
                    }
                    if (RESPONDERS.contains(name)) {
                        found[0] = true;
                    } else if (target.is("identifier") && !module.clauses(name).isEmpty() && visited.add(name)) {
                        for (Function clause : module.clauses(name)) {
                            if (answers(module, Reach.bodyOf(clause), visited)) {
                                found[0] = true;
                                return;
                            }
                        }
                    }
                });
                if (found[0]) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The part of a plug that answers the health path: a clause whose head matches it
         * ({@code def call(%{request_path: "/health"} = conn, _)}), or the branch of an {@code if}, {@code case}
         * or {@code cond} that tests it.
         */
        private Branch healthBranch(Module module, List<Function> clauses) {
            SyntaxTree tree = module.tree();
            for (Function clause : clauses) {
                String path = healthLiteral(module, ElixirSyntax.arguments(clause.definition()).get(0));
                if (path != null) {
                    return new Branch(clause, null, path);
                }
            }
            for (Function clause : clauses) {
                Branch[] found = new Branch[1];
                for (Node statement : clause.body()) {
                    Deadline.check();
                    statement.forEachDescendant(node -> {
                        if (found[0] != null) {
                            return;
                        }
                        if ("if".equals(ElixirSyntax.localCallName(tree, node))) {
                            List<Node> condition = ElixirSyntax.arguments(node);
                            String path = condition.isEmpty() ? null : healthLiteral(module, condition.get(0));
                            List<Node> then = ElixirSyntax.blockStatements(ElixirSyntax.doBlock(node), false);
                            if (path != null && !then.isEmpty()) {
                                found[0] = new Branch(clause, then, path);
                            }
                        } else if (node.is("stab_clause") && node.child("left") != null
                                && node.child("right") != null) {
                            String path = healthLiteral(module, node.child("left"));
                            List<Node> then = node.child("right").namedChildren();
                            if (path != null && !then.isEmpty()) {
                                found[0] = new Branch(clause, then, path);
                            }
                        }
                    });
                }
                if (found[0] != null) {
                    return found[0];
                }
            }
            return null;
        }

        /** The first health path written in a node: {@code "/health"}, {@code ["health"]}, or an attribute holding one. */
        private String healthLiteral(Module module, Node node) {
            return healthLiteral(module, node, new HashSet<>());
        }

        private String healthLiteral(Module module, Node node, Set<String> attributesSeen) {
            SyntaxTree tree = module.tree();
            String[] found = new String[1];
            node.forEachDescendant(child -> {
                if (found[0] != null) {
                    return;
                }
                String path = null;
                if (child.is("string")) {
                    path = ElixirSyntax.stringLiteral(tree, child);
                } else if (child.is("list")) {
                    StringBuilder joined = new StringBuilder();
                    for (Node item : child.namedChildren()) {
                        String segment = ElixirSyntax.stringLiteral(tree, item);
                        if (segment == null || segment.startsWith("/")) {
                            // not path_info segments (["/health", "/healthz"] lists whole paths, read one by one)
                            joined = null;
                            break;
                        }
                        joined.append('/').append(segment);
                    }
                    path = joined == null || joined.isEmpty() ? null : joined.toString();
                } else if (child.is("unary_operator") && tree.text(child).startsWith("@")) {
                    String attribute = ElixirSyntax.localCallName(tree, child.child("operand"));
                    if (attribute == null && child.child("operand") != null && child.child("operand").is("identifier")) {
                        attribute = tree.text(child.child("operand"));
                    }
                    Node value = attribute == null || !attributesSeen.add(attribute) ? null
                            : module.attributes.get(attribute);
                    if (value != null) {
                        path = healthLiteral(module, value, attributesSeen);
                    }
                }
                if (isHealth(path)) {
                    found[0] = path;
                }
            });
            return found[0];
        }

        // ---- fix ----

        /**
         * Replaces a clause's body (or only {@code statements}, a branch of it) with a {@code SELECT 1} check that
         * answers 200 or 503.
         */
        private Fix bodyFix(Module module, Function clause, List<Node> statements, boolean controller, String title) {
            if (fixRepo == null || clause.params().size() != 2) {
                return null;
            }
            SyntaxTree tree = module.tree();
            String conn = variableName(tree, clause.params().get(0));
            if (conn == null || conn.startsWith("_")) {
                return null;
            }
            boolean qualify = !controller && !module.importsPlugConn();
            String plugConn = qualify ? "Plug.Conn." : "";
            String ok = controller ? conn + " |> put_status(200) |> text(\"ok\")"
                    : conn + " |> " + plugConn + "send_resp(200, \"ok\") |> " + plugConn + "halt()";
            String error = controller
                    ? conn + " |> put_status(503) |> text(\"database unavailable: \" <> Exception.message(reason))"
                    : conn + " |> " + plugConn + "send_resp(503, \"database unavailable: \" <> Exception.message(reason))"
                      + " |> " + plugConn + "halt()";
            List<String> body = List.of(
                    "case Ecto.Adapters.SQL.query(" + fixRepo + ", \"SELECT 1\", []) do",
                    "  {:ok, _result} ->",
                    "    " + ok,
                    "",
                    "  {:error, reason} ->",
                    "    " + error,
                    "end");
            DocumentSnapshot file = module.file;
            String text = file.text().text();
            List<Fix.Edit> edits = new ArrayList<>();
            if (statements != null || !clause.keywordDo()) {
                List<Node> replaced = statements != null ? statements : clause.body();
                if (replaced.isEmpty()) {
                    return null;
                }
                int start = tree.startOffset(replaced.get(0));
                int end = tree.endOffset(replaced.get(replaced.size() - 1));
                String indent = indentBefore(text, start);
                if (indent == null) {
                    return null;
                }
                edits.add(new Fix.Edit(file, start, end, String.join("\n", indented(body, indent)).strip()));
                if (statements == null) {
                    Node unused = unusedParam(tree, clause);
                    if (unused != null) {
                        int at = tree.startOffset(unused);
                        edits.add(new Fix.Edit(file, at, at, "_"));
                    }
                }
            } else {
                // def index(conn, _), do: text(conn, "ok") → a do block
                int start = tree.startOffset(clause.definition());
                int end = tree.endOffset(clause.definition());
                String indent = indentBefore(text, start);
                if (indent == null) {
                    return null;
                }
                Node headNode = ElixirSyntax.arguments(clause.definition()).get(0);
                String head = tree.text(headNode);
                Node unused = unusedParam(tree, clause);
                if (unused != null) {
                    int at = tree.startOffset(unused) - tree.startOffset(headNode);
                    head = head.substring(0, at) + "_" + head.substring(at);
                }
                String keyword = clause.isPrivate() ? "defp" : "def";
                String replacement = keyword + " " + head + " do\n"
                        + String.join("\n", indented(body, indent + "  ")) + "\n" + indent + "end";
                edits.add(new Fix.Edit(file, start, end, replacement));
            }
            return new Fix(title, false, List.copyOf(edits));
        }

        private static List<String> indented(List<String> lines, String indent) {
            List<String> result = new ArrayList<>();
            for (String line : lines) {
                result.add(line.isEmpty() ? "" : indent + line);
            }
            return result;
        }

        /** The whitespace between the start of the line and {@code offset}, or null when code precedes it. */
        private static String indentBefore(String text, int offset) {
            int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
            String prefix = text.substring(lineStart, offset);
            return prefix.isBlank() ? prefix : null;
        }

        /** The second parameter, when the new body leaves it unused: a plain variable not yet underscored. */
        private static Node unusedParam(SyntaxTree tree, Function clause) {
            if (clause.guarded()) {
                return null;
            }
            Node second = clause.params().get(1);
            return second.is("identifier") && !tree.text(second).startsWith("_") ? second : null;
        }

        /** {@code conn} for {@code conn} and for {@code %Plug.Conn{…} = conn}; null for other patterns. */
        private static String variableName(SyntaxTree tree, Node param) {
            if (param.is("identifier")) {
                return tree.text(param);
            }
            Node operator = param.is("binary_operator") ? param.child("operator") : null;
            if (operator != null && tree.text(operator).equals("=")) {
                for (Node side : List.of(param.child("right"), param.child("left"))) {
                    if (side != null && side.is("identifier")) {
                        return tree.text(side);
                    }
                }
            }
            return null;
        }

        private String location(Module module, Node node) {
            return project.project().relativize(module.file.path()) + ":" + module.line(node);
        }

        private static String shortName(Module module) {
            return module.name.substring(module.name.lastIndexOf('.') + 1);
        }
    }

    /** A route of the router, resolved to the project function that answers it. */
    private record Route(Module router, Node statement, boolean probe, String verb, String path, Module target, String action,
                         List<Function> clauses) {
    }

    /** The answering part of a plug: a whole clause ({@code statements} null) or a branch inside one. */
    private record Branch(Function clause, List<Node> statements, String path) {
    }

    /**
     * Follows what a handler calls: local functions, imported and remote functions of project modules, module
     * attributes. It reports the database touched when it meets a Repo, {@code Ecto.Adapters.SQL}, a driver or
     * {@code :ecto_repos}, and answers "unknown" (which keeps the rule silent) for calls it cannot follow.
     */
    private static final class Reach {
        private final Check check;
        private final Set<String> visitedFunctions = new HashSet<>();
        private final Set<String> visitedModules = new HashSet<>();
        private final Set<Node> visitedAttributes = new HashSet<>();
        private int budget = FUNCTION_BUDGET;
        private boolean stop;

        Reach(Check check) {
            this.check = check;
        }

        boolean touchesDatabaseOrUnknown(Module module, List<Node> roots) {
            for (Node root : roots) {
                scan(module, root);
            }
            return stop;
        }

        private void scan(Module module, Node node) {
            if (stop) {
                return;
            }
            SyntaxTree tree = module.tree();
            if (node.is("alias")) {
                mention(module, module.resolve(tree.text(node)));
                return;
            }
            if (node.is("atom")) {
                if ("ecto_repos".equals(ElixirSyntax.atomName(tree, node))) {
                    stop = true;
                }
                return;
            }
            if (node.is("identifier")) {
                // a zero-arity local call written without parentheses, or a function capture &helper/1
                String name = tree.text(node);
                if (!module.clauses(name).isEmpty()) {
                    follow(module, name);
                }
                return;
            }
            if (node.is("unary_operator") && tree.text(node).startsWith("@")) {
                Node operand = node.child("operand");
                String name = operand == null ? null
                        : operand.is("identifier") ? tree.text(operand) : ElixirSyntax.localCallName(tree, operand);
                Node value = name == null ? null : module.attributes.get(name);
                if (value != null && visitedAttributes.add(value)) {
                    scan(module, value);
                }
                return;
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
                for (String imported : module.imports) {
                    Module source = check.index.find(imported);
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
                remote(module.name, function);
            } else if (left != null && left.is("atom")) {
                // an Erlang module (:erlang.memory()): no database
            } else if (call.firstOfType("arguments") != null || function == null) {
                // repo.query(…), fun.(…): a call the linter cannot resolve
                stop = true;
            } else if (left != null) {
                scan(module, left); // conn.request_path: a field read
            }
        }

        private void remote(String moduleName, String function) {
            if (check.isDatabase(moduleName)) {
                stop = true;
                return;
            }
            Module target = check.index.find(moduleName);
            if (target == null) {
                return; // a library module (Plug.Conn, Jason, Phoenix.Controller …)
            }
            if (function == null || target.clauses(function).isEmpty()) {
                stop = true; // generated by a macro (use …), defdelegate: cannot follow
                return;
            }
            follow(target, function);
        }

        private void mention(Module from, String moduleName) {
            if (check.isDatabase(moduleName)) {
                stop = true;
                return;
            }
            Module target = check.index.find(moduleName);
            if (target == null || target == from || !visitedModules.add(target.name)) {
                return;
            }
            // A project module handed over as a value (GenServer.call(Shop.Health, …)): whatever it does counts.
            for (String function : List.copyOf(target.functions.keySet())) {
                follow(target, function);
            }
        }

        private void follow(Module module, String function) {
            if (stop || !visitedFunctions.add(module.name + "." + function)) {
                return;
            }
            if (--budget < 0) {
                stop = true;
                return;
            }
            for (Function clause : module.clauses(function)) {
                for (Node node : bodyOf(clause)) {
                    scan(module, node);
                }
            }
        }

        /** What a clause runs: its do block (with rescue/else parts) or its {@code do:} value; not its head. */
        static List<Node> bodyOf(Function clause) {
            Node doBlock = ElixirSyntax.doBlock(clause.definition());
            return doBlock != null ? List.of(doBlock) : clause.body();
        }
    }
}
