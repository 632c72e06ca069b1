package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.shell.CommandWrappers;
import dev.gotchals.shell.ShellScript;
import dev.gotchals.shell.SimpleCommand;
import dev.gotchals.workspace.ComposeYaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Nanobox's {@code boxfile.yml}: each {@code web.NAME:} component's {@code start:} command (one, or one per process
 * name), which Nanobox runs in the app's build, Mix and its checkout included ({@code start: node-start mix
 * phx.server}). Such a start serves the app with Mix, whatever rel/ the project keeps.
 */
public final class NanoboxBoxfile {
    private static final String WEB_PREFIX = "web.";
    private final List<SimpleCommand> webStarts;

    private NanoboxBoxfile(List<SimpleCommand> webStarts) {
        this.webStarts = webStarts;
    }

    /** The boxfile's web starts, or null without a file or when it is not YAML. */
    static NanoboxBoxfile read(DocumentSnapshot file) {
        if (file == null || !(ComposeYaml.parse(file.text().text()) instanceof MappingNode top)) {
            return null;
        }
        List<SimpleCommand> starts = new ArrayList<>();
        for (NodeTuple component : top.getValue()) {
            if (component.getKeyNode() instanceof ScalarNode name && name.getValue().startsWith(WEB_PREFIX)
                    && component.getValueNode() instanceof MappingNode settings) {
                Node start = ComposeYaml.value(settings, "start");
                List<Node> commands = new ArrayList<>();
                if (start instanceof MappingNode named) {
                    named.getValue().forEach(process -> commands.add(process.getValueNode()));
                } else if (start != null) {
                    commands.add(start);
                }
                for (Node command : commands) {
                    if (command instanceof ScalarNode text) {
                        ShellScript.parse(text.getValue()).commands()
                                .forEach(parsed -> starts.addAll(CommandWrappers.unwrap(parsed)));
                    }
                }
            }
        }
        return new NanoboxBoxfile(List.copyOf(starts));
    }

    /** Whether a web component starts the app with Mix ({@code mix phx.server}, {@code mix run --no-halt}). */
    public boolean webRunsMix() {
        return webStarts.stream().anyMatch(SimpleCommand::isMixStart);
    }
}
