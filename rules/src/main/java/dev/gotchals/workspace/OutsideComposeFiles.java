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
 * {@code www/}) whose services build one project's image ({@code build: ./www}, {@code build: {context: www}}): the
 * stack that runs that project, as if the file lay in its folder. A file whose services build several projects, or
 * none, belongs to no single one and is left alone.
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
    static Map<Path, Path> adopted(Set<Path> outside, Function<Path, Path> projectOf) {
        Map<Path, List<Path>> stacks = new TreeMap<>();
        outside.stream().filter(ComposeYaml::isComposeFile).sorted()
                .forEach(file -> stacks.computeIfAbsent(file.getParent(), folder -> new ArrayList<>()).add(file));
        Map<Path, Path> adopted = new LinkedHashMap<>();
        for (Map.Entry<Path, List<Path>> stack : stacks.entrySet()) {
            Set<Path> projects = new HashSet<>();
            for (Path file : stack.getValue()) {
                for (String context : buildContexts(read(file))) {
                    Path project = context.contains("$") || context.contains("://") ? null
                            : projectOf.apply(stack.getKey().resolve(context).normalize());
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

    /** The build context of each service that builds an image: {@code build: ./www} or {@code build: {context: www}}. */
    static Set<String> buildContexts(String text) {
        Set<String> contexts = new HashSet<>();
        MappingNode services = ComposeYaml.services(text);
        if (services == null) {
            return contexts;
        }
        for (NodeTuple service : services.getValue()) {
            if (service.getValueNode() instanceof MappingNode settings) {
                Node build = ComposeYaml.value(settings, "build");
                Node context = build instanceof MappingNode map ? ComposeYaml.value(map, "context") : build;
                if (context instanceof ScalarNode scalar) {
                    contexts.add(scalar.getValue().isBlank() ? "." : scalar.getValue());
                } else if (build instanceof MappingNode) {
                    contexts.add("."); // a build without a context builds the Compose file's own folder
                }
            }
        }
        return contexts;
    }

    private static String read(Path file) {
        try {
            return Files.size(file) > MAX_BYTES ? "" : Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
