package dev.gotchals.model.deploy;

import dev.gotchals.docker.Instruction;
import dev.gotchals.docker.Stage;
import dev.gotchals.shell.CommandWrappers;
import dev.gotchals.shell.SimpleCommand;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The user a stage's container runs as: the last {@code USER} of the stage or of the stages it is built FROM,
 * else the default of its base image.
 *
 * @param instruction the USER that decides it, or null when none is written
 * @param name        the user as written there, variables substituted (may keep an unresolved {@code $VAR}); null
 *                    without a USER
 * @param base        the stage's base image, or null when it cannot be told
 */
public record ImageUser(Instruction instruction, String name, BaseImage base) {

    public static ImageUser of(DockerImage image, Stage stage) {
        BaseImage base = BaseImage.of(image, stage);
        for (Stage current : image.chain(stage)) {
            List<Instruction> users = current.all("USER");
            if (!users.isEmpty()) {
                Instruction user = users.get(users.size() - 1);
                // Docker removes the quotes of `USER "${USER}"` (the instruction's text may end before the closing one).
                String written = user.text().trim().substring("USER".length()).trim().replaceAll("^[\"']|[\"']$", "");
                return new ImageUser(user, DockerImage.substitute(written, image.variables(current, user)), base);
            }
        }
        return new ImageUser(null, null, base);
    }

    /**
     * Whether the container runs as root: a USER of {@code root} or {@code 0} (with or without a group), or no USER
     * over a base image that does not switch to another user itself. A user named by an unresolved variable is not
     * taken for root.
     */
    public boolean root() {
        if (name == null) {
            return base == null || !base.runsAsNonRoot();
        }
        String user = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
        return user.equals("root") || user.equals("0");
    }

    /**
     * Whether the start switches to another user on the way (an entrypoint that runs {@code exec gosu app "$@"},
     * a CMD of {@code su-exec app bin/server start}): in the ENTRYPOINT and CMD themselves or in a project script
     * they run.
     */
    public static boolean switchedOnLaunch(Launch launch) {
        Set<ScriptFile> scripts = new LinkedHashSet<>();
        for (LaunchCommand command : launch.commands()) {
            if (command.script() != null) {
                scripts.add(command.script());
            }
        }
        for (Instruction instruction : new Instruction[] {launch.entrypoint(), launch.cmd()}) {
            if (instruction != null && instruction.commandLine().stream().anyMatch(CommandWrappers::switchesUser)) {
                return true;
            }
        }
        for (ScriptFile script : scripts) {
            for (SimpleCommand command : script.script().commands()) {
                if (CommandWrappers.switchesUser(command)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the start runs a script of the project other than the release's own ({@code rel/overlays/bin}). */
    public static boolean runsEntrypointScript(Launch launch) {
        return launch.commands().stream().anyMatch(command -> command.script() != null
                && !DeployModel.isReleaseScript(command.script()));
    }
}
