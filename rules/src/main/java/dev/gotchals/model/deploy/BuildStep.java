package dev.gotchals.model.deploy;

import dev.gotchals.docker.Instruction;
import dev.gotchals.shell.SimpleCommand;

import java.util.List;
import java.util.Set;

/**
 * One step of a Dockerfile build: a command a RUN runs (wrappers such as {@code sh -c} seen through) with the Mix
 * tasks it runs, or a COPY/ADD.
 *
 * @param command  the command, or null for a COPY or ADD
 * @param copy     the COPY or ADD, or null for a command
 * @param tasks    the Mix tasks the command runs, in order: {@code mix do a, b} split, the project's aliases expanded;
 *                 empty for any other program
 * @param complete false when an alias step could not be read (a function), so more may run than {@code tasks}
 */
public record BuildStep(Instruction instruction, SimpleCommand command, Copy copy, List<String> tasks,
                        boolean complete) {
    /** Mix tasks that leave built, digested assets in priv/static. */
    private static final Set<String> DIGESTING_TASKS = Set.of("assets.deploy", "phx.digest");
    private static final Set<String> SCRIPT_RUNNERS = Set.of("make", "just");

    /** Whether it runs {@code mix release}, directly or through an alias. */
    public boolean releases() {
        return tasks.contains("release");
    }

    /** Whether one of {@code tasks} builds and digests the assets ({@code assets.deploy}, {@code phx.digest}). */
    public static boolean digesting(List<String> tasks) {
        return tasks.stream().anyMatch(DIGESTING_TASKS::contains);
    }

    /** Whether it builds and digests the assets. */
    public boolean digests() {
        return digesting(tasks);
    }

    /** The tasks it runs before {@code mix release}; all of them when it does not release. */
    public List<String> tasksBeforeRelease() {
        return releases() ? tasks.subList(0, tasks.indexOf("release")) : tasks;
    }

    /** The tasks it runs after {@code mix release}; none when it does not release. */
    public List<String> tasksAfterRelease() {
        return releases() ? tasks.subList(tasks.indexOf("release") + 1, tasks.size()) : List.of();
    }

    /**
     * Whether it runs something that cannot be read and may build the assets: a project script ({@code ./build.sh},
     * {@code bin/assets}, {@code make}) or an alias with a step that is not a string.
     */
    public boolean opaque() {
        if (command == null) {
            return false;
        }
        String first = command.word(0);
        boolean relativePath = first.contains("/") && !first.startsWith("/");
        return !complete || relativePath || command.program().endsWith(".sh") || SCRIPT_RUNNERS.contains(command.program());
    }
}
