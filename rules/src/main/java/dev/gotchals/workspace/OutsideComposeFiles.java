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
        outside.stream().filter(ComposeYaml::isComposeFile).sorted()
                .forEach(file -> stacks.computeIfAbsent(file.getParent(), folder -> new ArrayList<>()).add(file));
        Map<Path, Path> adopted = new LinkedHashMap<>();
        for (Map.Entry<Path, List<Path>> stack : stacks.entrySet()) {
            Set<Path> projects = new HashSet<>();
            for (Path file : stack.getValue()) {
                for (String[] build : builds(read(file))) {
                    String context = build[0];
                    Path folder = context.contains("$") || context.contains("://") ? null
                            : stack.getKey().resolve(context).normalize();
                    Path project = folder == null ? null : projectOf.apply(folder);
                    if (project == null && folder != null && !build[1].contains("$")) {
                        project = dockerfiles.get(folder.resolve(build[1]).normalize()); // the image of a project
                    }
                    projects.add(project == null ? stack.getKey() : project); // built outside every project
                }
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
     * {@code Dockerfile} unless {@code dockerfile:} names another) of each service that builds an image:
     * {@code [context, dockerfile]}.
     */
    static List<String[]> builds(String text) {
        List<String[]> builds = new ArrayList<>();
        MappingNode services = ComposeYaml.services(text);
        if (services == null) {
            return builds;
        }
        for (NodeTuple service : services.getValue()) {
            if (service.getValueNode() instanceof MappingNode settings) {
                Node build = ComposeYaml.value(settings, "build");
                Node context = build instanceof MappingNode map ? ComposeYaml.value(map, "context") : build;
                Node dockerfile = build instanceof MappingNode map ? ComposeYaml.value(map, "dockerfile") : null;
                String named = dockerfile instanceof ScalarNode scalar && !scalar.getValue().isBlank()
                        ? scalar.getValue() : "Dockerfile";
                if (context instanceof ScalarNode scalar) {
                    builds.add(new String[] {scalar.getValue().isBlank() ? "." : scalar.getValue(), named});
                } else if (build instanceof MappingNode) {
                    builds.add(new String[] {".", named}); // a build without a context builds the file's own folder
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
