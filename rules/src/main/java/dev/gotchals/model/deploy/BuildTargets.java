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

import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stage of a multi-stage Dockerfile that production builds, where its builds name one: a production Compose
 * file's {@code build: {target: prod}}, or {@code docker build --target prod} in a workflow or a script. Docker builds
 * that stage and stops, so a later stage (a {@code dev} stage that runs {@code mix phx.server}) is not the image
 * production runs. A Dockerfile keeps its last stage when no build names a target, or when its builds name different
 * ones (or one of them none).
 */
public final class BuildTargets {
    /** {@code docker build …} or {@code docker buildx build …}, up to the end of the line (continuations joined). */
    private static final Pattern DOCKER_BUILD = Pattern.compile("docker\\s+(?:buildx\\s+)?build\\b((?:[^\\n\\\\]|\\\\\\n|\\\\.)*)");
    private static final Pattern TARGET_OPTION = Pattern.compile("--target(?:\\s+|=)['\"]?([\\w.-]+)");
    private static final Pattern FILE_OPTION = Pattern.compile("(?:^|\\s)(?:-f|--file)(?:\\s+|=)['\"]?([^\\s'\"]+)");
    /** A step that builds with docker/build-push-action. */
    private static final Pattern BUILD_PUSH_ACTION = Pattern.compile("uses:\\s*docker/build-push-action@");
    /** An option of its {@code with:} block that says what it builds. */
    private static final Pattern ACTION_OPTION = Pattern.compile("^\\s*(target|context|file):\\s*['\"]?([^'\"\\s#]+)");
    /** A bind mount of the project's source: {@code .:/app}, {@code ./lib:/app/lib} (not a data folder's). */
    private static final Pattern SOURCE_MOUNT = Pattern.compile("^\\.{1,2}/?(:|(lib|test|config|assets|src)/?:)");
    /** A command that runs the project's tests. */
    private static final Pattern TESTS = Pattern.compile("\\bmix\\b[^\\n]*\\btest\\b");
    /** A build that names no target: it builds the last stage. */
    private static final String LAST_STAGE = "";

    private final Map<Path, String> targets;

    private BuildTargets(Map<Path, String> targets) {
        this.targets = Map.copyOf(targets);
    }

    public static BuildTargets of(ProjectContext project) {
        return project.model(BuildTargets.class, BuildTargets::read);
    }

    /** The stage every build of the Dockerfile at {@code dockerfile} names, or null (its last stage). */
    public String targetOf(Path dockerfile) {
        return targets.get(dockerfile.normalize());
    }

    private static BuildTargets read(ProjectContext project) {
        Path root = project.project().root();
        Map<Path, Set<String>> named = new HashMap<>();
        // The Compose files of one folder are one stack: docker-compose.prod.yml adds `target: prod` to the build
        // that docker-compose.yml describes, service by service.
        Map<Path, Map<String, Build>> stacks = new TreeMap<>();
        List<DocumentSnapshot> composeFiles = project.files(FileRole.DEPLOY_ENVIRONMENT).stream()
                .filter(file -> ComposeServices.isComposeFile(file.path())
                        && !ComposeServices.namedForDevelopment(file.path()))
                .sorted(Comparator.comparing((DocumentSnapshot file) -> !ComposeYaml.isBaseFile(file.path()))
                        .thenComparing(DocumentSnapshot::path)).toList();
        for (DocumentSnapshot file : composeFiles) {
            composeBuilds(file, stacks.computeIfAbsent(file.path().getParent(), folder -> new TreeMap<>()));
        }
        stacks.forEach((folder, builds) -> builds.values().stream().filter(build -> build.builds && !build.development)
                .forEach(build -> add(named, folder.resolve(build.context).resolve(build.dockerfile), build.target)));
        for (FileRole role : List.of(FileRole.CI_WORKFLOW, FileRole.BUILD_SCRIPT)) {
            for (DocumentSnapshot file : project.files(role)) {
                commandTargets(root, file, named);
            }
        }
        Map<Path, String> targets = new HashMap<>();
        named.forEach((dockerfile, stages) -> {
            if (stages.size() == 1 && !stages.contains(LAST_STAGE)) {
                targets.put(dockerfile, stages.iterator().next());
            }
        });
        return new BuildTargets(targets);
    }

    /** A service's build, as the files of its stack describe it so far. */
    private static final class Build {
        boolean builds;
        /** Whether the service runs the image for development or tests: no production build. */
        boolean development;
        String context = ".";
        String dockerfile = "Dockerfile";
        String target = LAST_STAGE;
    }

    /**
     * Adds what one Compose file says of its services' builds to those its stack's earlier files described (the base
     * file first: {@code docker-compose.yml} before {@code docker-compose.prod.yml}).
     */
    private static void composeBuilds(DocumentSnapshot file, Map<String, Build> builds) {
        MappingNode services = ComposeYaml.services(file.text().text());
        if (services == null) {
            return;
        }
        for (NodeTuple entry : services.getValue()) {
            if (!(entry.getKeyNode() instanceof ScalarNode name) || !(entry.getValueNode() instanceof MappingNode service)) {
                continue;
            }
            Node options = ComposeYaml.value(service, "build");
            if (options == null) {
                continue;
            }
            Build build = builds.computeIfAbsent(name.getValue(), ignored -> new Build());
            build.builds = true;
            build.development |= forDevelopment(service);
            if (options instanceof ScalarNode context) {
                build.context = scalar(context, build.context);
            } else if (options instanceof MappingNode map) {
                build.context = scalar(ComposeYaml.value(map, "context"), build.context);
                build.dockerfile = scalar(ComposeYaml.value(map, "dockerfile"), build.dockerfile);
                build.target = scalar(ComposeYaml.value(map, "target"), build.target);
            }
        }
    }

    /**
     * The targets of the {@code docker build} commands of a workflow or script: the Dockerfile {@code -f} names, else
     * the project's own, as the commands run from the project's folder.
     */
    private static void commandTargets(Path root, DocumentSnapshot file, Map<Path, Set<String>> named) {
        actionTargets(root, file.text().text(), named);
        Matcher build = DOCKER_BUILD.matcher(file.text().text());
        while (build.find()) {
            String options = build.group(1);
            Matcher target = TARGET_OPTION.matcher(options);
            Matcher dockerfile = FILE_OPTION.matcher(options);
            String path = dockerfile.find() ? dockerfile.group(1) : "Dockerfile";
            if (path.contains("$")) {
                continue; // a Dockerfile the command picks at run time
            }
            add(named, root.resolve(path), target.find() ? target.group(1) : LAST_STAGE);
        }
    }

    /**
     * The targets of a workflow's docker/build-push-action steps: its {@code with:} block's {@code target:} (none: the
     * last stage) for the Dockerfile its {@code file:} names, else the one in its {@code context:}.
     */
    private static void actionTargets(Path root, String text, Map<Path, Set<String>> named) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (!BUILD_PUSH_ACTION.matcher(lines[i]).find()) {
                continue;
            }
            int indent = indent(lines[i]);
            String target = LAST_STAGE;
            String context = ".";
            String dockerfile = null;
            for (int j = i + 1; j < lines.length && (lines[j].isBlank() || indent(lines[j]) > indent
                    || indent(lines[j]) == indent && !lines[j].strip().startsWith("-")); j++) {
                Matcher option = ACTION_OPTION.matcher(lines[j]);
                if (option.find() && !option.group(2).contains("$")) {
                    switch (option.group(1)) {
                        case "target" -> target = option.group(2);
                        case "context" -> context = option.group(2);
                        default -> dockerfile = option.group(2);
                    }
                }
            }
            add(named, root.resolve(dockerfile != null ? dockerfile : context + "/Dockerfile"), target);
        }
    }

    private static int indent(String line) {
        int spaces = 0;
        while (spaces < line.length() && (line.charAt(spaces) == ' ' || line.charAt(spaces) == '-')) {
            spaces++;
        }
        return spaces;
    }

    /**
     * Whether a Compose service runs its image for development or tests: {@code MIX_ENV} dev or test, a command that
     * runs the tests, or the project's source mounted in ({@code ./lib:/app/lib}).
     */
    private static boolean forDevelopment(MappingNode service) {
        Node environment = ComposeYaml.value(service, "environment");
        String mixEnv = null;
        if (environment instanceof MappingNode map) {
            mixEnv = scalar(ComposeYaml.value(map, "MIX_ENV"), null);
        } else if (environment instanceof SequenceNode list) {
            for (Node item : list.getValue()) {
                if (item instanceof ScalarNode entry && entry.getValue().startsWith("MIX_ENV=")) {
                    mixEnv = entry.getValue().substring("MIX_ENV=".length());
                }
            }
        }
        boolean mountsSource = ComposeYaml.value(service, "volumes") instanceof SequenceNode volumes
                && volumes.getValue().stream().anyMatch(volume -> volume instanceof ScalarNode mount
                        && SOURCE_MOUNT.matcher(mount.getValue()).find());
        Node command = ComposeYaml.value(service, "command");
        boolean runsTests = command != null && TESTS.matcher(text(command)).find();
        return "dev".equals(mixEnv) || "test".equals(mixEnv) || mountsSource || runsTests;
    }

    /** The text of a scalar, or of a list's scalars joined. */
    private static String text(Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        StringBuilder joined = new StringBuilder();
        if (node instanceof SequenceNode list) {
            list.getValue().forEach(item -> joined.append(' ').append(text(item)));
        }
        return joined.toString();
    }

    private static void add(Map<Path, Set<String>> named, Path dockerfile, String target) {
        if (DockerImage.nonProductionName(target)) {
            return; // `target: development`, `--target test`: a build for development, not production's
        }
        named.computeIfAbsent(dockerfile.normalize(), ignored -> new HashSet<>()).add(target);
    }

    private static String scalar(Node node, String otherwise) {
        return node instanceof ScalarNode scalar && !scalar.getValue().isBlank() && !scalar.getValue().contains("$")
                ? scalar.getValue() : otherwise;
    }
}
