package dev.gotchals.model.deploy;

import dev.gotchals.docker.Instruction;

import java.util.List;
import java.util.Set;

/**
 * How an image starts: the final stage's ENTRYPOINT and CMD (inherited through FROM), the commands they run through
 * wrappers and into the project's scripts, in order.
 *
 * @param releaseNames the names a {@code bin/<name>} the launch starts must have to be the project's release: its
 *                     releases' and apps' names, where the image neither builds a release nor copies one in (a tool's
 *                     image, {@code FROM livebook/livebook}, starts its own {@code bin/livebook}); null where any name
 *                     may be the project's (the image holds a release of it, or the project's names are unknown)
 */
public record Launch(Instruction entrypoint, Instruction cmd, List<LaunchCommand> commands, Set<String> releaseNames) {
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
                if (launch.command().word(0).contains("bin/") && ownRelease(launch.command().word(0))) {
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

    /** Whether {@code bin/<name>} may be the project's release: a name of it, or one the launch cannot tell. */
    private boolean ownRelease(String program) {
        String name = program.substring(program.lastIndexOf('/') + 1);
        return releaseNames == null || name.contains("$") || releaseNames.contains(name);
    }
}
