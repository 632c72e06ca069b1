package dev.gotchals.model.deploy;

import dev.gotchals.docker.Instruction;
import dev.gotchals.docker.Stage;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.shell.SimpleCommand;
import dev.gotchals.shell.Word;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An image whose ENTRYPOINT is the release's own script, {@code ENTRYPOINT ["/app/bin/shop"]}, or a link the image
 * makes to it ({@code RUN ln -s /app/bin/shop /app/entrypoint}): such an image exists to run the release. When the
 * image names no subcommand, or only asks for the usage ({@code CMD ["--help"]}), the run names it
 * ({@code docker run shop start}, a compose {@code command: foreground}).
 */
public final class ReleaseEntrypoint {
    /** The option of {@code ln} that makes a symbolic link: {@code -s}, {@code -sf}, {@code --symbolic}. */
    private static final Pattern SYMBOLIC = Pattern.compile("-[a-zA-Z]*s[a-zA-Z]*|--symbolic");
    /**
     * A default that asks for the script's usage ({@code CMD ["--help"]}): the image leaves the subcommand to the run,
     * as one that names none does.
     */
    private static final Set<String> HELP = Set.of("--help", "-h", "help");

    private ReleaseEntrypoint() {
    }

    /**
     * The command of the image's ENTRYPOINT that runs the release's script, with no subcommand or one that starts
     * the node; null when the entrypoint is something else, or when the image hands the script a task that runs and
     * stops ({@code eval}, {@code remote}: a migration image).
     */
    public static LaunchCommand of(ProjectContext project, DockerImage image, Launch launch) {
        if (launch.entrypoint() == null || image.finalStage() == null) {
            return null;
        }
        Set<String> names = DeployModel.of(project).releaseNames();
        Map<String, String> links = links(image);
        for (LaunchCommand command : launch.commands()) {
            if (command.assumed() || command.script() != null || command.instruction() != launch.entrypoint()) {
                continue;
            }
            String written = command.command().word(0);
            String program = links.getOrDefault(written, written);
            String subcommand = command.command().word(1);
            if (names != null && releaseScript(program, names) && (subcommand.isEmpty() || HELP.contains(subcommand)
                    || Launch.startsNode(subcommand))) {
                return command;
            }
        }
        return null;
    }

    /** A path to {@code bin/<name>} of one of the project's releases. */
    private static boolean releaseScript(String program, Set<String> names) {
        int slash = program.lastIndexOf('/');
        return slash >= 0 && program.substring(0, slash + 1).endsWith("bin/") && names.contains(program.substring(slash + 1));
    }

    /** The symbolic links the final stage (and the stages it is built FROM) makes: link path to its target. */
    private static Map<String, String> links(DockerImage image) {
        Map<String, String> links = new HashMap<>();
        for (Stage stage : image.chain(image.finalStage())) {
            for (Instruction run : stage.all("RUN")) {
                // Only the words are asked: the commands as read for the text, not moved to where they stand.
                for (SimpleCommand command : run.runsByText()) {
                    if (!command.program().equals("ln")) {
                        continue;
                    }
                    List<String> operands = command.words().stream().skip(1).map(Word::text)
                            .filter(word -> !word.startsWith("-")).toList();
                    boolean symbolic = command.words().stream().skip(1)
                            .anyMatch(word -> SYMBOLIC.matcher(word.text()).matches());
                    if (symbolic && operands.size() == 2) {
                        links.putIfAbsent(operands.get(1), operands.get(0));
                    }
                }
            }
        }
        return links;
    }
}
