package dev.gotchals.workspace;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Compose files kept outside every Mix project ({@code docker-compose.yml} at the repository's root beside
 * {@code www/}) whose services build one project's image ({@code build: ./www}, {@code build: {context: www}}, or a
 * Dockerfile outside every project that is that project's image: {@code build: {context: ., dockerfile: Dockerfile}}
 * beside {@code backend/}): the stack that runs that project, as if the file lay in its folder. A file whose services
 * build several projects, or none, belongs to no single one and is left alone.
 */
final class OutsideComposeFiles {
    /** Compose files this far are read; a bigger one is no Compose file. */
    private static final long MAX_BYTES = 256 * 1024;

    private OutsideComposeFiles() {
    }

    /**
     * Each Compose file of {@code outside} whose stack builds one project's image only, with that project's folder.
     * The Compose files of one folder are one stack ({@code docker-compose.yml} and the {@code .prod.yml} or
     * {@code .override.yml} that extends it): a base file that only names the images is adopted with the override
     * that builds them.
     */
    static Map<Path, Path> adopted(Set<Path> outside, Function<Path, Path> projectOf, Map<Path, Path> dockerfiles) {
        Map<Path, List<Path>> stacks = new TreeMap<>();
        outside.stream().filter(ComposeYaml::isComposeFile)
                .sorted(Comparator.comparing((Path file) -> !ComposeYaml.isBaseFile(file))
                        .thenComparing(Comparator.naturalOrder()))
                .forEach(file -> stacks.computeIfAbsent(file.getParent(), folder -> new ArrayList<>()).add(file));
        Map<Path, Path> adopted = new LinkedHashMap<>();
        for (Map.Entry<Path, List<Path>> stack : stacks.entrySet()) {
            // A service's build as the stack's files describe it together: the base file's context, the
            // production file's target.
            Map<String, String[]> builds = new LinkedHashMap<>();
            for (Path file : stack.getValue()) {
                builds(read(file)).forEach((service, build) -> builds.merge(service, build, (base, added) ->
                        new String[] {added[0] != null ? added[0] : base[0], added[1] != null ? added[1] : base[1]}));
            }
            Set<Path> projects = new HashSet<>();
            for (String[] build : builds.values()) {
                String context = build[0] == null ? "." : build[0]; // a build without a context builds the file's folder
                String dockerfile = build[1] == null ? "Dockerfile" : build[1];
                Path folder = context.contains("$") || context.contains("://") ? null
                        : stack.getKey().resolve(context).normalize();
                Path project = folder == null ? null : projectOf.apply(folder);
                if (project == null && folder != null && !dockerfile.contains("$")) {
                    project = dockerfiles.get(folder.resolve(dockerfile).normalize()); // the image of a project
                }
                if (project == null && folder != null && !folder.equals(stack.getKey())) {
                    continue; // another folder that is no Mix project: an image of another language (./frontend)
                }
                projects.add(project == null ? stack.getKey() : project); // built outside every project
            }
            if (projects.size() == 1 && !projects.contains(stack.getKey())) {
                Path project = projects.iterator().next();
                stack.getValue().forEach(file -> adopted.put(file, project));
            }
        }
        return adopted;
    }

    /**
     * The context ({@code build: ./www} or {@code build: {context: www}}) and Dockerfile (relative to the context,
     * {@code dockerfile:}) of each service that builds an image, by service: {@code [context, dockerfile]}, either
     * null where the file does not say (a file that only adds {@code target: prod} to another's build).
     */
    static Map<String, String[]> builds(String text) {
        Map<String, String[]> builds = new LinkedHashMap<>();
        MappingNode services = ComposeYaml.services(text);
        if (services == null) {
            return builds;
        }
        for (NodeTuple service : services.getValue()) {
            if (service.getKeyNode() instanceof ScalarNode name && service.getValueNode() instanceof MappingNode settings) {
                Node build = ComposeYaml.value(settings, "build");
                Node context = build instanceof MappingNode map ? ComposeYaml.value(map, "context") : build;
                Node dockerfile = build instanceof MappingNode map ? ComposeYaml.value(map, "dockerfile") : null;
                String named = dockerfile instanceof ScalarNode scalar && !scalar.getValue().isBlank()
                        ? scalar.getValue() : null;
                if (context instanceof ScalarNode scalar) {
                    builds.put(name.getValue(), new String[] {scalar.getValue().isBlank() ? "." : scalar.getValue(), named});
                } else if (build instanceof MappingNode) {
                    builds.put(name.getValue(), new String[] {null, named});
                }
            }
        }
        return builds;
    }

    private static String read(Path file) {
        try {
            return Files.size(file) > MAX_BYTES ? "" : Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
