package dev.gotchals.workspace;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Compose file read as YAML nodes (which keep their positions in the text): its {@code services:}, and a key's value
 * in a mapping. Shared by the workspace, which finds the project a Compose file builds, and the deployment model,
 * which reads what its services run.
 */
public final class ComposeYaml {
    /** The Compose files a stack starts from. */
    private static final Set<String> BASE_FILES = Set.of("docker-compose.yml", "docker-compose.yaml", "compose.yml",
            "compose.yaml");

    /** Anchors and aliases a real Compose file uses are few; a bound keeps an alias bomb from expanding. */
    private static final int MAX_ALIASES = 50;

    private ComposeYaml() {
    }

    /**
     * Whether the file is a Compose file by its name: {@code docker-compose.prod.yml}, {@code compose.yaml}, and the
     * names projects give them beside others ({@code prod-compose.yml}, {@code app.docker-compose.yml},
     * {@code gwscan_compose.yml}), and a Swarm stack file ({@code docker-stack.yml}); not the files of other tools
     * named for Compose ({@code process-compose.yaml}, {@code rancher-compose.yml}).
     */
    public static boolean isComposeFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".yml") && !name.endsWith(".yaml") || OTHER_TOOLS.matcher(name).find()) {
            return false;
        }
        return name.startsWith("docker-stack") || COMPOSE_WORD.matcher(name).find();
    }

    /** "compose" as a word of the name: {@code docker-compose…}, {@code prod-compose.yml}, {@code x.compose.yml}. */
    private static final Pattern COMPOSE_WORD = Pattern.compile("(^|[-_.])compose([-_.]|$)");
    private static final Pattern OTHER_TOOLS = Pattern.compile("(process|rancher|podman)-compose");

    /**
     * Whether a Compose file is one a stack starts from ({@code docker-compose.yml}, {@code compose.yaml}): the others
     * of its folder ({@code docker-compose.prod.yml}) add to it, service by service, and are read after it.
     */
    public static boolean isBaseFile(Path file) {
        return BASE_FILES.contains(file.getFileName().toString());
    }

    /** The {@code services:} mapping of a Compose file's text, or null when it has none or is not YAML Compose reads. */
    public static MappingNode services(String text) {
        Node root = parse(text);
        return root instanceof MappingNode top && value(top, "services") instanceof MappingNode found ? found : null;
    }

    /**
     * A YAML document's node tree, positions kept, aliases bounded (a deployment file such as render.yaml reads the
     * same way), or null when it is not YAML.
     */
    public static Node parse(String text) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(MAX_ALIASES);
            return new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (YAMLException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The value of {@code key} in {@code map}, or null. */
    public static Node value(MappingNode map, String key) {
        for (NodeTuple pair : map.getValue()) {
            if (pair.getKeyNode() instanceof ScalarNode name && name.getValue().equals(key)) {
                return pair.getValueNode();
            }
        }
        return null;
    }
}
