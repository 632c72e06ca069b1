package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Kubernetes objects of a manifest are, as far as a deployment is concerned: whether a file declares only
 * objects that run nothing (a {@code Service}, an {@code Ingress}, a {@code ConfigMap} …). Such a file beside no
 * workload shows no deployment of the app: a headless Service for an nginx test is not how the app reaches
 * production.
 */
final class ManifestKinds {
    /** A top-level {@code kind:} line of a YAML document. */
    private static final Pattern KIND = Pattern.compile("(?m)^kind:\\s*[\"']?([A-Za-z]+)[\"']?\\s*(?:#.*)?$");
    /** Knative's {@code Service} is a workload: it runs the container it names. */
    private static final Pattern KNATIVE = Pattern.compile("(?m)^apiVersion:\\s*[\"']?serving\\.knative\\.dev/");
    /** Kinds that configure, route to or store for a workload, and run no container themselves. */
    private static final Set<String> RUN_NOTHING = Set.of("Service", "Ingress", "IngressClass", "ConfigMap", "Secret",
            "Namespace", "PersistentVolumeClaim", "PersistentVolume", "StorageClass", "ServiceAccount", "Role",
            "RoleBinding", "ClusterRole", "ClusterRoleBinding", "NetworkPolicy", "HorizontalPodAutoscaler",
            "PodDisruptionBudget", "Endpoints", "EndpointSlice", "LimitRange", "ResourceQuota", "Certificate",
            "Issuer", "ClusterIssuer", "IngressRoute", "Middleware", "Gateway", "HTTPRoute");

    private ManifestKinds() {
    }

    /**
     * Whether the file is a Kubernetes manifest whose every object runs nothing. A file of another format (a Helm
     * template without {@code kind:} lines, an ECS task definition, render.yaml) is not.
     */
    static boolean runsNothing(DocumentSnapshot file) {
        String text = file.text().text();
        if (KNATIVE.matcher(text).find()) {
            return false;
        }
        Matcher kind = KIND.matcher(text);
        boolean any = false;
        while (kind.find()) {
            if (!RUN_NOTHING.contains(kind.group(1))) {
                return false;
            }
            any = true;
        }
        return any;
    }
}
