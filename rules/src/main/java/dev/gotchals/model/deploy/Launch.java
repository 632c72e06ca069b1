package dev.gotchals.model.deploy;

import dev.gotchals.docker.Instruction;

import java.util.List;
import java.util.Set;

/**
 * How an image starts: the final stage's ENTRYPOINT and CMD (inherited through FROM), the commands they run through
 * wrappers and into the project's scripts, in order.
 *
 * @param releaseNames the project's release and app names, null when none can be read: a release started by its bare
 *                     name ({@code ENTRYPOINT ["shop", "start"]}, found through a {@code PATH} that holds its
 *                     {@code bin/}) must have one of them
 * @param holdsRelease whether the image builds a release of the project or copies one in: then any {@code bin/<name>}
 *                     it starts is the project's; an image that does neither (a tool's image,
 *                     {@code FROM livebook/livebook}, starts its own {@code bin/livebook}) starts the project's release
 *                     only under one of its names
 */
public record Launch(Instruction entrypoint, Instruction cmd, List<LaunchCommand> commands, Set<String> releaseNames,
                     boolean holdsRelease) {
    /** Release commands that start the node; others ({@code eval}, {@code remote}) run and stop. */
    private static final Set<String> START_COMMANDS = Set.of("start", "start_iex", "daemon", "daemon_iex", "foreground");

    /** Whether a release subcommand starts the node ({@code start}, {@code foreground}) rather than run and stop. */
    static boolean startsNode(String subcommand) {
        return START_COMMANDS.contains(subcommand);
    }

    /** The instruction a finding about the start points at: the CMD, else the ENTRYPOINT. */
    public Instruction shown() {
        return cmd != null ? cmd : entrypoint;
    }

    /** The first place the launch starts the release, or null when it does not visibly do so. */
    public ReleaseStart releaseStart() {
        for (int i = 0; i < commands.size(); i++) {
            LaunchCommand launch = commands.get(i);
            if (launch.assumed() || !startsNode(launch.command().word(1))) {
                continue;
            }
            if (launch.script() == null || !DeployModel.isReleaseScript(launch.script())) {
                if (ownRelease(launch.command().word(0)) && !runsScriptFollowed(i)) {
                    return new ReleaseStart(launch, null, launch.environment());
                }
                continue;
            }
            for (int caller = i - 1; caller >= 0; caller--) {
                LaunchCommand invocation = commands.get(caller);
                if (invocation.script() != launch.script()) {
                    return new ReleaseStart(invocation, launch.script(), launch.environment());
                }
            }
        }
        return null;
    }

    /**
     * Whether the command at {@code index} runs a script of the project that the launch follows ({@code
     * /app/bin/docker-entrypoint start}, an overlay script whose own commands come next): the start is in there.
     */
    private boolean runsScriptFollowed(int index) {
        if (index + 1 >= commands.size() || commands.get(index + 1).script() == null) {
            return false;
        }
        String program = commands.get(index).command().word(0);
        String name = program.substring(program.lastIndexOf('/') + 1);
        return commands.get(index + 1).script().file().path().getFileName().toString().equals(name);
    }

    /**
     * Whether the program may be the project's release: a {@code bin/<name>} of a release the image holds, or of one of
     * its names (or one the launch cannot tell), or one of its names alone, run through {@code PATH}.
     */
    private boolean ownRelease(String program) {
        String name = program.substring(program.lastIndexOf('/') + 1);
        if (!program.contains("bin/")) {
            return releaseNames != null && !name.isEmpty() && releaseNames.contains(name);
        }
        return holdsRelease || releaseNames == null || name.contains("$") || releaseNames.contains(name);
    }
}
