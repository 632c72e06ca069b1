package dev.gotchals.model.deploy;

import dev.gotchals.docker.Instruction;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ModuleIndex.Module;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.ValueModel;
import dev.gotchals.syntax.Node;
import dev.gotchals.workspace.FileRole;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The health probes the repository declares for its deployments: the checks of every fly.io config (other
 * environments' too: they run the same code), kamal-proxy's health check, the {@code HEALTHCHECK} of a production
 * image, and the probes of Kubernetes manifests and Helm charts. Which paths a readiness probe requests decides whether
 * a health endpoint gates traffic; a health endpoint that no visible readiness check requests may be a liveness probe,
 * for which an answer without the database is the right design. A module's own documentation saying that a load
 * balancer polls it is the other evidence the repository can give (the balancer's settings often live elsewhere).
 */
public record HealthProbes(List<Probe> probes) implements ValueModel {
    private static final Pattern DISABLED_CHECK = Pattern.compile("(?i)HEALTHCHECK\\s+NONE\\b");
    private static final Pattern CHECK_URL = Pattern.compile("https?://[^/\\s\"']*(/[^\\s\"'|;&)]*)");
    /** What a module's documentation says when a load balancer or a readiness check polls it. */
    private static final Pattern POLLED_BY_BALANCER = Pattern.compile(
            "(?i)\\b(?:load[- ]?balanc\\w*|ALB|ELB|NLB|target group|readiness)\\b");
    /**
     * A module documented as a liveness probe, or as one the container's own probes poll too (which restart it), says
     * so even where it names the load balancer: a check that restarts instances is right to skip the database.
     */
    private static final Pattern LIVENESS = Pattern.compile("(?i)\\b(?:liveness|container probes?)\\b");

    /** What a probe decides: whether an instance takes traffic, whether it is restarted, whether it has started. */
    public enum Kind {
        READINESS, LIVENESS, STARTUP
    }

    /**
     * One probe: its kind, the path it requests (null for a TCP, command or gRPC probe) and the file that declares it.
     *
     * @param plainHttp whether it requests over plain HTTP straight to the instance, without an
     *                  {@code X-Forwarded-Proto: https} header, and fails on a redirect to HTTPS: a Fly http check,
     *                  kamal-proxy's check. False for a Docker {@code HEALTHCHECK} (curl counts a 301 as success unless
     *                  told to follow it) and a Kubernetes {@code httpGet} probe (kubelet counts a redirect to another
     *                  host as a success, and force_ssl redirects to the endpoint's public host).
     */
    public record Probe(Kind kind, String path, Path file, boolean plainHttp) {
        public Probe(Kind kind, String path, Path file) {
            this(kind, path, file, false);
        }
    }

    /** @param probes every probe declared, in file order */
    public HealthProbes {
        probes = List.copyOf(probes);
    }

    private static HealthProbes read(ProjectContext project) {
        List<Probe> probes = new ArrayList<>();
        DeployModel deploy = DeployModel.of(project);
        List<DocumentSnapshot> manifests = new ArrayList<>(project.files(FileRole.DEPLOY_MANIFEST));
        manifests.addAll(project.files(FileRole.INFRA_MANIFEST));
        for (DocumentSnapshot file : manifests) {
            String name = file.path().getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".toml")) {
                // Fly's proxy sends traffic only to machines whose service checks pass; a top-level [checks] one
                // gates a deploy, not the traffic of a running machine.
                boolean root = deploy.manifests().fly() != null && deploy.manifests().fly().file().path().equals(file.path());
                FlyToml fly = root ? deploy.manifests().fly() : FlyToml.read(file);
                fly.checks().forEach(check -> probes.add(new Probe(check.routesTraffic() ? Kind.READINESS : Kind.STARTUP,
                        check.type().equals("http") ? check.path() : null, file.path(), check.plainHttp())));
            } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                probes.addAll(KubernetesProbes.read(file));
            }
        }
        // kamal-proxy switches a deploy's traffic to the new container once its check answers 200: a start gate,
        // not a probe that takes a running instance out of service.
        for (KamalDeploy kamal : deploy.manifests().kamal()) {
            if (kamal.healthPath() != null) {
                probes.add(new Probe(Kind.STARTUP, kamal.healthPath(), kamal.file().path(), true));
            }
        }
        for (DockerImage image : deploy.productionImages()) {
            Instruction check = image.finalStage() == null ? null : image.inherited(image.finalStage(), "HEALTHCHECK");
            if (check == null || DISABLED_CHECK.matcher(check.text()).lookingAt()) {
                continue;
            }
            Matcher url = CHECK_URL.matcher(check.text());
            boolean requested = false;
            while (url.find()) {
                probes.add(new Probe(Kind.READINESS, url.group(1), image.dockerfile().file().path()));
                requested = true;
            }
            if (!requested) {
                probes.add(new Probe(Kind.READINESS, null, image.dockerfile().file().path()));
            }
        }
        return new HealthProbes(probes);
    }

    public static HealthProbes of(ProjectContext project) {
        return project.model(HealthProbes.class, HealthProbes::read);
    }

    /** The probes that request over plain HTTP and fail on a redirect to HTTPS ({@link Probe#plainHttp()}). */
    public List<Probe> plainHttpProbes() {
        return probes.stream().filter(Probe::plainHttp).toList();
    }

    /**
     * Whether a probe deciding whether an instance takes traffic requests this path; {@code "/health/"} and
     * {@code "health"} are {@code "/health"}.
     */
    public boolean readinessRequests(String path) {
        String wanted = normalized(path);
        return readinessPaths().stream().anyMatch(requested -> normalized(requested).equals(wanted));
    }

    /**
     * Whether a module's {@code @moduledoc} says that a load balancer (an ALB or ELB target group) or a readiness
     * check polls it, and not that it is a liveness probe.
     */
    public static boolean documentedAsPolledByLoadBalancer(Module module) {
        Node doc = module.attribute("moduledoc");
        if (doc == null) {
            return false;
        }
        String text = module.tree().text(doc);
        return POLLED_BY_BALANCER.matcher(text).find() && !LIVENESS.matcher(text).find();
    }

    /** "/internal/ping/" → "/internal/ping", "health" → "/health". */
    public static String normalized(String path) {
        String withSlash = path.startsWith("/") ? path : "/" + path;
        return withSlash.length() > 1 && withSlash.endsWith("/") ? withSlash.substring(0, withSlash.length() - 1)
                : withSlash;
    }

    /** Whether a probe that restarts an instance when it fails (a Kubernetes {@code livenessProbe}) requests this path. */
    public boolean livenessRequests(String path) {
        String wanted = normalized(path);
        return paths(Kind.LIVENESS).stream().anyMatch(requested -> normalized(requested).equals(wanted));
    }

    /** The request paths, without their query, that probes deciding whether an instance takes traffic request. */
    public Set<String> readinessPaths() {
        return paths(Kind.READINESS);
    }

    private Set<String> paths(Kind kind) {
        Set<String> paths = new LinkedHashSet<>();
        for (Probe probe : probes) {
            if (probe.kind() == kind && probe.path() != null) {
                int query = probe.path().indexOf('?');
                paths.add(query < 0 ? probe.path() : probe.path().substring(0, query));
            }
        }
        return paths;
    }
}
