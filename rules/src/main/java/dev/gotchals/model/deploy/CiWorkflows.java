package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.ComposeYaml;
import dev.gotchals.workspace.FileRole;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the project's CI pipelines (GitHub workflows, {@code .gitlab-ci.yml}, CircleCI …: {@link FileRole#CI_WORKFLOW})
 * do to build it: whether one runs {@code mix release}, whether one pushes images to a registry, whether one builds
 * the front-end assets before it builds an image, and which variables
 * they pass to an image build as build arguments ({@code build-args:} of docker/build-push-action,
 * {@code docker build --build-arg NAME=…}). Read by lines: the steps that matter are plain YAML scalars, and a
 * workflow's expressions ({@code ${{ … }}}) are not YAML's.
 */
public final class CiWorkflows {
    /** {@code mix release}, also as one of the tasks of {@code mix do compile, release} or {@code mix do compile + release}. */
    private static final Pattern MIX_RELEASE = Pattern.compile(
            "(?m)(^|[\\s;&|(\"'])mix\\s+(do\\s+[^\\n]*?[\\s,+])?release(?![\\w.])");
    private static final Pattern BUILD_ARGS_KEY = Pattern.compile("^(\\s*)(?:-\\s+)?build-args:\\s*(.*)$");
    private static final Pattern ASSIGNMENT = Pattern.compile("^\\s*(?:-\\s+)?\"?([A-Za-z_][A-Za-z0-9_]*)=");
    /** {@code docker push}, {@code docker buildx build --push}, docker/build-push-action with {@code push: true}. */
    private static final Pattern IMAGE_PUSH = Pattern.compile(
            "(?m)(^|[\\s;&|(\"'])docker\\s+(push|buildx\\s+build\\b[^\\n]*--push)\\b|^\\s*push:\\s*true\\b");
    private static final Pattern BUILD_ARG_FLAG = Pattern.compile("--build-arg[\\s=]+\"?([A-Za-z_][A-Za-z0-9_]*)");
    /**
     * A step that builds the front-end assets in the checkout: {@code mix assets.deploy}, an esbuild or Tailwind
     * task, or an npm, yarn or pnpm script named deploy or build (with {@code --prefix assets} or after
     * {@code cd assets}).
     */
    private static final Pattern ASSET_BUILD = Pattern.compile("(?m)(^|[\\s;&|(\"'])(mix\\s+(assets\\.deploy|esbuild|tailwind)"
            + "|(npm|yarn|pnpm)\\b[^\\n]*\\b(run\\s+)?(deploy|build)\\b)");
    /** An image build: {@code docker build}, {@code docker buildx build}, docker/build-push-action. */
    private static final Pattern IMAGE_BUILD = Pattern.compile(
            "(?m)(^|[\\s;&|(\"'])docker\\s+(buildx\\s+)?build\\b|uses:\\s*docker/build-push-action");

    /** The workflows' texts, for the questions asked of a path ({@link #runsOverSsh}). */
    private final List<String> texts = new ArrayList<>();
    private final DocumentSnapshot releaseWorkflow;
    private final boolean pushesImages;
    private final boolean buildsAssetsBeforeImage;
    private final Set<String> buildArgs = new LinkedHashSet<>();
    private final Set<String> releaseStepVariables = new LinkedHashSet<>();

    private CiWorkflows(List<DocumentSnapshot> workflows) {
        DocumentSnapshot release = null;
        boolean pushes = false;
        boolean assetsFirst = false;
        for (DocumentSnapshot workflow : workflows) {
            String text = workflow.text().text();
            texts.add(text);
            if (release == null && MIX_RELEASE.matcher(text).find()) {
                release = workflow;
            }
            pushes |= IMAGE_PUSH.matcher(text).find();
            assetsFirst |= buildsAssetsBeforeImage(text);
            readBuildArgs(text);
            if (MIX_RELEASE.matcher(text).find()) {
                readReleaseStepVariables(ComposeYaml.parse(text), new ArrayList<>());
            }
        }
        this.releaseWorkflow = release;
        this.pushesImages = pushes;
        this.buildsAssetsBeforeImage = assetsFirst;
    }

    public static CiWorkflows of(ProjectContext project) {
        return project.model(CiWorkflows.class, context -> new CiWorkflows(context.files(FileRole.CI_WORKFLOW)));
    }

    /** The first workflow that runs {@code mix release}, or null. */
    public DocumentSnapshot releaseWorkflow() {
        return releaseWorkflow;
    }

    /** Whether a workflow pushes an image to a registry, from which any platform may run it. */
    public boolean pushesImages() {
        return pushesImages;
    }

    /**
     * Whether a workflow builds the front-end assets in its checkout and then builds an image from it: a
     * {@code COPY priv priv} (or {@code COPY . .}) then brings the built files into the image, though the repository
     * does not commit them.
     */
    public boolean buildsAssetsBeforeImage() {
        return buildsAssetsBeforeImage;
    }

    private static boolean buildsAssetsBeforeImage(String text) {
        Matcher assets = ASSET_BUILD.matcher(text);
        if (!assets.find()) {
            return false;
        }
        Matcher image = IMAGE_BUILD.matcher(text);
        return image.find(assets.end());
    }

    /**
     * Whether a workflow runs the project's script at {@code scriptPath} on another host over ssh: an {@code ssh}
     * command line that names the path, from the checkout on that host ({@code ssh deploy@host ./app/scripts/deploy.sh}).
     */
    public boolean runsOverSsh(String scriptPath) {
        Pattern run = Pattern.compile("(?m)(^|[\\s\"'(;&|])ssh\\s[^\\n]*[\\s/\"']" + Pattern.quote(scriptPath)
                + "(?![\\w.-])");
        return texts.stream().anyMatch(text -> text.contains(scriptPath) && run.matcher(text).find());
    }

    /**
     * The variables a workflow gives the step that runs {@code mix release} itself: the {@code env:} (GitLab's
     * {@code variables:}) of that step, its job and the workflow, a value the pipeline chose for the build
     * ({@code SECRET_KEY_BASE: ${{ secrets.SECRET_KEY_BASE }}}).
     */
    public Set<String> releaseStepVariables() {
        return releaseStepVariables;
    }

    /**
     * Walks the YAML mappings down from {@code node}, {@code enclosing} holding the environments of the mappings
     * above it, and adds those of every mapping whose {@code run:} or {@code script:} runs {@code mix release}.
     */
    private void readReleaseStepVariables(Node node, List<MappingNode> enclosing) {
        if (node instanceof SequenceNode list) {
            list.getValue().forEach(item -> readReleaseStepVariables(item, enclosing));
            return;
        }
        if (!(node instanceof MappingNode map)) {
            return;
        }
        List<MappingNode> environments = new ArrayList<>(enclosing);
        for (String key : List.of("env", "variables")) {
            if (ComposeYaml.value(map, key) instanceof MappingNode environment) {
                environments.add(environment);
            }
        }
        for (String key : List.of("run", "script")) {
            if (runsRelease(ComposeYaml.value(map, key))) {
                for (MappingNode environment : environments) {
                    for (NodeTuple pair : environment.getValue()) {
                        if (pair.getKeyNode() instanceof ScalarNode name) {
                            releaseStepVariables.add(name.getValue());
                        }
                    }
                }
            }
        }
        for (NodeTuple pair : map.getValue()) {
            readReleaseStepVariables(pair.getValueNode(), environments);
        }
    }

    /** Whether a step's commands (a scalar, or GitLab's list of them) run {@code mix release}. */
    private static boolean runsRelease(Node commands) {
        if (commands instanceof ScalarNode text) {
            return MIX_RELEASE.matcher(text.getValue()).find();
        }
        return commands instanceof SequenceNode list && list.getValue().stream().anyMatch(CiWorkflows::runsRelease);
    }

    /** The names of the variables the workflows pass to image builds as build arguments. */
    public Set<String> buildArgs() {
        return buildArgs;
    }

    private void readBuildArgs(String text) {
        Matcher flag = BUILD_ARG_FLAG.matcher(text);
        while (flag.find()) {
            buildArgs.add(flag.group(1));
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher key = BUILD_ARGS_KEY.matcher(lines[i]);
            if (!key.matches()) {
                continue;
            }
            String inline = key.group(2).strip();
            if (!inline.isEmpty() && !inline.startsWith("|") && !inline.startsWith(">")) {
                addAssignment(inline.replaceFirst("^[\"']", ""));
                continue;
            }
            int indent = key.group(1).length();
            IndentedLines.blockBelow(lines, i, indent).forEach(this::addAssignment);
        }
    }

    private void addAssignment(String line) {
        Matcher assignment = ASSIGNMENT.matcher(line);
        if (assignment.find()) {
            buildArgs.add(assignment.group(1));
        }
    }
}
