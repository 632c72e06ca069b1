package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.shell.ShellScript;
import dev.gotchals.shell.SimpleCommand;
import dev.gotchals.workspace.ComposeYaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The services of the project's render.yaml (a Render Blueprint) that Render builds and starts itself, on its native
 * Elixir runtime: the commands that build and start them as the Blueprint writes them. A Docker service's start is its
 * image's, which the Dockerfile model reads.
 */
public final class RenderBlueprint {
    /** Render's native runtime for Elixir ({@code runtime: elixir}, formerly {@code env: elixir}). */
    private static final String ELIXIR = "elixir";

    private final List<Service> services;

    /**
     * A native service.
     *
     * @param buildCommand    what builds it ({@code ./build.sh}, {@code mix deps.get && mix release}), or null
     * @param startCommand    what starts it, or null where the Blueprint leaves it to the dashboard
     * @param startStart      where the start command's value begins in the file
     * @param startEnd        where it ends
     */
    public record Service(DocumentSnapshot file, String name, String buildCommand, String startCommand,
                          int startStart, int startEnd) {
        /** The commands the start runs, in order ({@code a && b}), wrappers seen through. */
        public List<SimpleCommand> startCommands() {
            if (startCommand == null) {
                return List.of();
            }
            ShellScript script = ShellScript.parse(startCommand);
            return script.readable() ? script.runs() : List.of();
        }
    }

    private RenderBlueprint(List<Service> services) {
        this.services = List.copyOf(services);
    }

    public static RenderBlueprint of(ProjectContext project) {
        return project.model(RenderBlueprint.class, RenderBlueprint::read);
    }

    /** The native services, in the order the Blueprint lists them. */
    public List<Service> services() {
        return services;
    }

    private static RenderBlueprint read(ProjectContext project) {
        DocumentSnapshot file = project.file(project.project().root().resolve("render.yaml"));
        if (file == null) {
            return new RenderBlueprint(List.of());
        }
        Node root = ComposeYaml.parse(file.text().text()); // null: a Blueprint Render cannot read deploys nothing
        List<Service> services = new ArrayList<>();
        if (root instanceof MappingNode top && ComposeYaml.value(top, "services") instanceof SequenceNode list) {
            for (Node entry : list.getValue()) {
                if (entry instanceof MappingNode service) {
                    String runtime = scalar(service, "runtime");
                    runtime = runtime != null ? runtime : scalar(service, "env");
                    if (!ELIXIR.equals(runtime)) {
                        continue;
                    }
                    Node start = ComposeYaml.value(service, "startCommand");
                    services.add(new Service(file, scalar(service, "name"), scalar(service, "buildCommand"),
                            start instanceof ScalarNode value ? value.getValue() : null,
                            offset(file, start == null ? null : start.getStartMark()),
                            offset(file, start == null ? null : start.getEndMark())));
                }
            }
        }
        return new RenderBlueprint(services);
    }

    private static String scalar(MappingNode map, String key) {
        return ComposeYaml.value(map, key) instanceof ScalarNode value ? value.getValue() : null;
    }

    private static int offset(DocumentSnapshot file, Mark mark) {
        if (mark == null) {
            return -1;
        }
        int line = Math.min(mark.getLine(), file.text().lineCount() - 1);
        return Math.min(file.text().lineStartOffset(line) + mark.getColumn(), file.text().text().length());
    }
}
