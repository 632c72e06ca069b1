package dev.gotchals.rules;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.model.config.ConfigTimeline;
import dev.gotchals.model.config.ConfigValue;
import dev.gotchals.model.deploy.DeployModel;
import dev.gotchals.model.deploy.DeployPath;
import dev.gotchals.model.deploy.HealthProbes;
import dev.gotchals.model.deploy.KamalDeploy;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * GT018 force-ssl-health-redirect: the endpoint's {@code force_ssl} redirects the requests the deployment depends
 * on: every request behind a TLS-terminating proxy without {@code rewrite_on: [:x_forwarded_proto]}, or the plain
 * HTTP health checks of the platform without an {@code exclude:}.
 */
public final class ForceSslHealthRedirectRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT018", "force-ssl-health-redirect",
            "`force_ssl` redirects the proxy's requests or the health checks", Severity.WARNING, """
            **What it finds.** An endpoint whose production build-time config (`config.exs`, `prod.exs`: Phoenix \
            reads `force_ssl` at compile time) turns `force_ssl` on, and either:
            - the app is deployed behind a proxy that terminates TLS and forwards plain HTTP (a `fly.toml`, \
            Kamal's `proxy:` with `ssl: true`, a Heroku-style buildpack deploy) and `force_ssl` has no \
            `rewrite_on: [:x_forwarded_proto]`; or
            - a health check of the deployment requests the app over plain HTTP straight to the instance (a Fly \
            http check, kamal-proxy's check of a new container, `/up` unless `proxy: healthcheck: path:` says \
            otherwise) without an `X-Forwarded-Proto: https` header, and `force_ssl` has no `exclude:`, or one \
            that lets through only loopback hosts (`exclude: [hosts: ["localhost", "127.0.0.1"]]`, much what \
            Plug.SSL leaves alone by default): a platform's check reaches the instance by its own address.

            Not reported: an endpoint that serves HTTPS itself (`https:` in its prod config); a `force_ssl` \
            computed from the environment; any other `exclude:` (paths, other hosts, `{module, function, args}` \
            or a function: the rule cannot tell which requests it lets through); Fly checks with `protocol = "https"` \
            or an `X-Forwarded-Proto` header; a Docker `HEALTHCHECK` (curl counts a 301 as success unless told \
            to follow it, and Plug.SSL leaves `localhost` alone by default); a Kubernetes `httpGet` probe \
            (Phoenix points force_ssl's redirect at the endpoint's host, and kubelet counts a redirect to another \
            host than the pod's as a success).

            **Why it matters.** `force_ssl` plugs `Plug.SSL` before everything else in the endpoint: a request \
            whose scheme is `http` gets a 301 to `https://`. Fly's proxy and Heroku's router terminate TLS and \
            forward plain HTTP with `X-Forwarded-Proto: https`; without `rewrite_on` the app never believes the \
            request is secure and redirects every request, and the browser follows the redirect into the same \
            redirect: a loop, the site never loads. Health checkers bypass the proxy and send plain HTTP with no \
            such header: each check gets a 301, which Fly counts as failing (the machine never takes traffic, a \
            deploy never finishes), and which kamal-proxy counts as failing (`kamal deploy` gives up on the new \
            container).

            **Instead.** Add `rewrite_on: [:x_forwarded_proto]` to `force_ssl` when a proxy terminates TLS (the \
            Phoenix 1.8 `prod.exs` does). For health checks, either make the check say it came through HTTPS \
            (Fly: `headers = { X-Forwarded-Proto = "https" }` on the check), \
            or exclude the check from the redirect with Plug.SSL's `exclude:` option in the form your Plug \
            version accepts (see `Plug.SSL`'s docs).

            **Fix.** Adds `rewrite_on: [:x_forwarded_proto]` to the `force_ssl` list. The health-check part has \
            no automatic fix: whether to change the check or the config, and the `exclude:` form, depend on the \
            platform and the Plug version.""", """
            ```elixir
            # config/prod.exs, with a fly.toml beside it
            config :shop, ShopWeb.Endpoint, force_ssl: [hsts: true]
            ```
            """, """
            ```elixir
            # config/prod.exs
            config :shop, ShopWeb.Endpoint, force_ssl: [rewrite_on: [:x_forwarded_proto]]
            ```
            ```toml
            # fly.toml
            [[http_service.checks]]
              path = "/health"
              headers = { X-Forwarded-Proto = "https" }
            ```
            """);

    private static final String REWRITE = "rewrite_on: [:x_forwarded_proto]";
    /** The names a request to the instance from inside it carries: what a Docker HEALTHCHECK's curl sends. */
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "::1");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ProjectContext project) {
        ConfigTimeline build = ConfigTimeline.buildTime(project, "prod");
        ConfigTimeline prod = ConfigTimeline.prod(project);
        String proxy = tlsProxy(project);
        List<HealthProbes.Probe> plainProbes = HealthProbes.of(project).plainHttpProbes();
        List<Finding> findings = new ArrayList<>();
        for (Endpoint endpoint : EndpointNotServedRule.endpoints(project, prod)) {
            ConfigValue forceSsl = build.effective(endpoint.app(), endpoint.module(), "force_ssl");
            if (!forceSsl.isSet() || !forceSsl.value().is("list")
                    || prod.effective(endpoint.app(), endpoint.module(), "https").state() != ConfigValue.State.UNSET) {
                continue; // off, computed, or the app terminates TLS itself
            }
            ConfigValue rewrite = build.effective(endpoint.app(), endpoint.module(), "force_ssl", "rewrite_on");
            ConfigValue exclude = build.effective(endpoint.app(), endpoint.module(), "force_ssl", "exclude");
            if (proxy != null && rewrite.state() == ConfigValue.State.UNSET) {
                findings.add(loop(forceSsl, endpoint, proxy));
            }
            // A probe reaches the instance by its own address, never as localhost: a loopback-only exclusion (kept
            // for a Docker HEALTHCHECK that curls localhost) lets none of them through.
            boolean loopbackOnly = exclude.isSet() && excludesOnlyLoopback(exclude.call().tree(), exclude.value());
            if (!plainProbes.isEmpty() && (exclude.state() == ConfigValue.State.UNSET || loopbackOnly)
                    && rewrite.state() != ConfigValue.State.UNKNOWN) {
                findings.add(probes(project, forceSsl, endpoint, plainProbes, loopbackOnly));
            }
        }
        return findings;
    }

    /**
     * The platform that terminates TLS in front of the app, or null: fly.io, kamal-proxy with {@code ssl: true}, a
     * buildpack deploy (Heroku).
     */
    private static String tlsProxy(ProjectContext project) {
        DeployModel deploy = DeployModel.of(project);
        if (deploy.manifests().fly() != null) {
            return "fly.io's proxy";
        }
        if (deploy.manifests().kamal().stream().anyMatch(KamalDeploy::proxyTerminatesTls)) {
            return "kamal-proxy (`proxy: ssl: true` in Kamal's deploy config)";
        }
        boolean buildpack = deploy.paths().stream().anyMatch(path -> path.kind() == DeployPath.Kind.BUILDPACK);
        return buildpack ? "the platform's router (a buildpack deploy: Heroku, Gigalixir)" : null;
    }

    private static Finding loop(ConfigValue forceSsl, Endpoint endpoint, String proxy) {
        DocumentSnapshot file = forceSsl.file();
        SyntaxTree tree = file.tree();
        Node list = forceSsl.value();
        String message = endpoint.module() + " has `force_ssl` without `" + REWRITE + "`, but " + proxy
                + " terminates TLS and forwards plain HTTP: Plug.SSL redirects every request to https://, the redirected "
                + "request arrives as http again, and the site never loads (a redirect loop).";
        Fix fix = new Fix("Add `" + REWRITE + "` to force_ssl", true, List.of(rewriteEdit(file, tree, list)));
        return new Finding(INFO, INFO.defaultSeverity(), file, tree.startOffset(list), tree.endOffset(list), message,
                List.of(fix));
    }

    /** {@code rewrite_on: [:x_forwarded_proto]} first in the list: {@code [hsts: true]} → {@code [rewrite_on: …, hsts: true]}. */
    private static Fix.Edit rewriteEdit(DocumentSnapshot file, SyntaxTree tree, Node list) {
        List<Node> pairs = ElixirSyntax.pairsOf(list);
        if (pairs.isEmpty()) {
            return new Fix.Edit(file, tree.startOffset(list), tree.endOffset(list), "[" + REWRITE + "]");
        }
        int at = tree.startOffset(pairs.get(0));
        return new Fix.Edit(file, at, at, REWRITE + ", ");
    }

    /**
     * Whether Plug.SSL's {@code exclude:} is a literal list of loopback hosts only: {@code ["localhost"]} (before Plug
     * 1.14) or {@code [hosts: ["localhost", "127.0.0.1"]]} with no {@code paths:}.
     */
    private static boolean excludesOnlyLoopback(SyntaxTree tree, Node exclude) {
        Node hosts = exclude;
        List<Node> pairs = ElixirSyntax.pairsOf(exclude);
        if (!pairs.isEmpty()) {
            if (pairs.size() != 1 || !"hosts".equals(ElixirSyntax.keywordName(tree, pairs.get(0)))) {
                return false;
            }
            hosts = pairs.get(0).child("value");
        }
        if (hosts == null || !hosts.is("list") || hosts.namedChildren().isEmpty()) {
            return false;
        }
        for (Node host : hosts.namedChildren()) {
            String name = ElixirSyntax.stringLiteral(tree, host);
            if (name == null || !LOOPBACK_HOSTS.contains(name)) {
                return false;
            }
        }
        return true;
    }

    private static Finding probes(ProjectContext project, ConfigValue forceSsl, Endpoint endpoint,
                                  List<HealthProbes.Probe> probes, boolean loopbackOnly) {
        Set<String> checks = new LinkedHashSet<>();
        for (HealthProbes.Probe probe : probes) {
            checks.add((probe.path() == null ? "/" : probe.path()) + " (" + project.project().relativize(probe.file()) + ")");
        }
        SyntaxTree tree = forceSsl.file().tree();
        Node list = forceSsl.value();
        String message = endpoint.module() + (loopbackOnly
                ? " has `force_ssl` whose `exclude:` lets through only requests to localhost, which no platform check "
                  + "sends (it reaches the instance by its own address), and the health check"
                : " has `force_ssl` without `exclude:`, and the health check")
                + (checks.size() == 1 ? " " : "s ") + String.join(", ", checks)
                + (checks.size() == 1 ? " requests" : " request") + " the app over plain HTTP "
                + "with no `X-Forwarded-Proto: https`: Plug.SSL answers each with a 301 to https://, so the check fails "
                + "and the instance never counts as healthy. Send the header from the check, or exclude it from the redirect.";
        return new Finding(INFO, INFO.defaultSeverity(), forceSsl.file(), tree.startOffset(list), tree.endOffset(list),
                message, List.of());
    }
}
