package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.FileRole;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables the ready-to-apply Kubernetes manifests of the repository give their containers
 * ({@code env:} entries {@code - name: X} with {@code value: …}). Helm charts are left out: a chart's templates are not
 * applied as written, and its values file holds defaults meant to be overridden at install time; so are manifests for
 * a local or test cluster ({@code overlays/kind/}).
 */
public final class ManifestEnvironment {
    private static final Pattern ENTRY_NAME = Pattern.compile("^(\\s*)-\\s+name:\\s*[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?\\s*(?:#.*)?$");
    private static final Pattern VALUE = Pattern.compile("^(\\s*)value:\\s*(.*?)\\s*(?:\\s#.*)?$");

    /**
     * One variable given a value as written.
     *
     * @param start where the value starts in the file, its quotes left out
     */
    public record Variable(DocumentSnapshot file, String name, String value, int start, int end) {
    }

    private final List<Variable> variables;

    private ManifestEnvironment(List<Variable> variables) {
        this.variables = variables;
    }

    public static ManifestEnvironment of(ProjectContext project) {
        return project.model(ManifestEnvironment.class, ManifestEnvironment::read);
    }

    /** Every variable a manifest sets to a value written in it, in file order. */
    public List<Variable> variables() {
        return variables;
    }

    private static ManifestEnvironment read(ProjectContext project) {
        List<Variable> variables = new ArrayList<>();
        for (DocumentSnapshot file : appliedManifests(project)) {
            read(file, variables);
        }
        return new ManifestEnvironment(List.copyOf(variables));
    }

    /**
     * Folders and file names that say a manifest is for a cluster on the developer's machine or in CI
     * ({@code overlays/kind/}, {@code k8s/dev/}, {@code minikube.yaml}), not production's, or a sample to copy and
     * edit ({@code kubernetes-sample-config.yaml}, {@code k8s/examples/}).
     */
    private static final Pattern NOT_APPLIED_AS_WRITTEN = Pattern.compile(
            "(^|[._-])(kind|minikube|k3d|local|dev|development|test|testing|e2e|ci"
                    + "|samples?|examples?|templates?)([._-]|$)");

    /**
     * The YAML manifests of the repository that production applies as written: those of a Helm chart are not, nor
     * those for a local or test cluster (by their names, or by what they say: {@link #LOCAL_CLUSTER}), nor samples.
     */
    static List<DocumentSnapshot> appliedManifests(ProjectContext project) {
        Path root = project.project().root();
        List<DocumentSnapshot> applied = new ArrayList<>();
        for (DocumentSnapshot file : project.files(FileRole.INFRA_MANIFEST)) {
            String name = file.path().getFileName().toString();
            if ((name.endsWith(".yaml") || name.endsWith(".yml")) && !inHelmChart(project, root, file)
                    && !notAppliedAsWritten(root, file)) {
                applied.add(file);
            }
        }
        return applied;
    }

    /**
     * What a manifest for a cluster on the developer's machine says in itself: its image is never pulled (it was
     * built into the node, as kind and minikube take it) or comes from MicroK8s's registry on the node itself
     * ({@code localhost:32000/shop}), or the app answers to a {@code .localhost} or {@code .test} host. A folder named
     * for MicroK8s says nothing by itself: it runs production clusters too.
     */
    private static final Pattern LOCAL_CLUSTER = Pattern.compile(
            "(?m)^\\s*imagePullPolicy:\\s*[\"']?Never\\b|^\\s*value:\\s*[\"']?[a-z0-9.-]+\\.(localhost|test)[\"']?\\s*$"
                    + "|^\\s*-?\\s*image:\\s*[\"']?(localhost|127\\.0\\.0\\.1):32000/");

    private static boolean notAppliedAsWritten(Path root, DocumentSnapshot file) {
        if (LOCAL_CLUSTER.matcher(file.text().text()).find()) {
            return true;
        }
        Path relative = root.relativize(file.path());
        for (int i = 0; i < relative.getNameCount(); i++) {
            String part = relative.getName(i).toString().toLowerCase(Locale.ROOT).replaceFirst("\\.ya?ml$", "");
            if (NOT_APPLIED_AS_WRITTEN.matcher(part).find()) {
                return true;
            }
        }
        return false;
    }

    /** A template ({@code {{ }}}), or a file under a folder holding the chart's {@code Chart.yaml}. */
    static boolean inHelmChart(ProjectContext project, Path root, DocumentSnapshot file) {
        if (file.text().text().contains("{{")) {
            return true;
        }
        for (Path folder = file.path().getParent(); folder != null && folder.startsWith(root); folder = folder.getParent()) {
            if (project.file(folder.resolve("Chart.yaml")) != null) {
                return true;
            }
        }
        return false;
    }

    private static void read(DocumentSnapshot file, List<Variable> into) {
        String text = file.text().text();
        String[] lines = text.split("\n", -1);
        int offset = 0;
        for (int i = 0; i < lines.length; i++) {
            Matcher entry = ENTRY_NAME.matcher(lines[i]);
            int next = offset + lines[i].length() + 1;
            if (entry.matches() && i + 1 < lines.length) {
                Matcher value = VALUE.matcher(lines[i + 1]);
                if (value.matches() && value.group(1).length() == entry.group(1).length() + 2) {
                    String written = value.group(2);
                    int start = next + value.start(2);
                    boolean quoted = written.length() >= 2 && (written.startsWith("\"") && written.endsWith("\"")
                            || written.startsWith("'") && written.endsWith("'"));
                    String unquoted = quoted ? written.substring(1, written.length() - 1) : written;
                    int from = quoted ? start + 1 : start;
                    into.add(new Variable(file, entry.group(2), unquoted, from, from + unquoted.length()));
                }
            }
            offset = next;
        }
    }
}
