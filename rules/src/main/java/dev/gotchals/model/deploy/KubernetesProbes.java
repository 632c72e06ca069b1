package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.model.deploy.HealthProbes.Kind;
import dev.gotchals.model.deploy.HealthProbes.Probe;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The probes of a Kubernetes manifest or Helm chart file ({@code readinessProbe}, {@code livenessProbe},
 * {@code startupProbe}). Read by indentation rather than with a YAML parser: a Helm template is not YAML until it
 * is rendered, and its probes sit in plain YAML lines between {@code {{ }}} directives. A probe key whose body is
 * only a template directive ({@code {{- toYaml .Values.readinessProbe }}}) is left to the chart's values file,
 * which holds the same keys; an empty one ({@code readinessProbe: {}}) declares no probe.
 */
final class KubernetesProbes {
    private static final Pattern PROBE_KEY = Pattern.compile("^(\\s*(?:-\\s+)?)(readinessProbe|livenessProbe|startupProbe):\\s*(.*)$");
    private static final Pattern PATH = Pattern.compile("(?:^|[\\s{,])path:\\s*[\"']?([^\"'\\s,}#]+)");
    private static final Pattern HANDLER = Pattern.compile("(?:^|[\\s{,])(httpGet|tcpSocket|exec|grpc):");

    private KubernetesProbes() {
    }

    static List<Probe> read(DocumentSnapshot file) {
        String text = file.text().text();
        if (!text.contains("Probe:")) {
            return List.of();
        }
        String[] lines = text.split("\n", -1);
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher key = PROBE_KEY.matcher(lines[i]);
            if (!key.matches()) {
                continue;
            }
            StringBuilder body = new StringBuilder(withoutComment(key.group(3)));
            int indent = key.group(1).length();
            for (String line : IndentedLines.blockBelow(lines, i, indent)) {
                body.append('\n').append(withoutComment(line));
            }
            Matcher handler = HANDLER.matcher(body);
            if (!handler.find()) {
                continue; // empty, or filled in by a template directive from the values file
            }
            Matcher path = PATH.matcher(body);
            boolean http = handler.group(1).equals("httpGet");
            // Not a plain-HTTP probe that a redirect fails: kubelet counts a redirect to another host (force_ssl's
            // goes to the endpoint's public host, never the pod's IP) as a success with a warning.
            probes.add(new Probe(kind(key.group(2)), http && path.find() ? path.group(1) : null, file.path()));
        }
        return probes;
    }

    private static Kind kind(String key) {
        return switch (key) {
            case "readinessProbe" -> Kind.READINESS;
            case "livenessProbe" -> Kind.LIVENESS;
            default -> Kind.STARTUP;
        };
    }

    private static String withoutComment(String line) {
        int hash = line.indexOf(" #");
        return line.strip().startsWith("#") ? "" : hash < 0 ? line : line.substring(0, hash);
    }
}
