package dev.gotchals.model.deploy;

import dev.gotchals.docker.Instruction;
import dev.gotchals.shell.SimpleCommand;

import java.util.List;
import java.util.Set;

/**
 * One step of a Dockerfile build: a command a RUN runs (wrappers such as {@code sh -c} seen through) with the Mix
 * tasks it runs, or a COPY/ADD.
 *
 * @param written  the command at offsets from its instruction's start ({@link Instruction#runsByText}), for what it
 *                 says; null for a COPY or ADD. Where it stands in the Dockerfile is {@link #command()}.
 * @param copy     the COPY or ADD, or null for a command
 * @param tasks    the Mix tasks the command runs, in order: {@code mix do a, b} split, the project's aliases expanded;
 *                 empty for any other program
 * @param complete false when an alias step could not be read (a function), so more may run than {@code tasks}
 */
public record BuildStep(Instruction instruction, SimpleCommand written, Copy copy, List<String> tasks,
                        boolean complete) {
    /** Mix tasks that leave built, digested assets in priv/static. */
    private static final Set<String> DIGESTING_TASKS = Set.of("assets.deploy", "phx.digest");
    /** Phoenix's task that fingerprints and compresses what priv/static holds, building nothing. */
    private static final String DIGEST = "phx.digest";
    /** Mix tasks that run a shell command or a script, which may build the assets: {@code cmd npm run deploy}. */
    private static final Set<String> SHELL_TASKS = Set.of("cmd", "run");
    private static final Set<String> SCRIPT_RUNNERS = Set.of("make", "just");
    /** Mix tasks of the asset builders' packages and Phoenix's alias for them: they write priv/static. */
    private static final Set<String> BUILDING_TASKS = Set.of("assets.build", "esbuild", "tailwind", "bun", "sass");
    /** Front-end tools that build when they run a script ({@code npm run build}, {@code yarn deploy}). */
    private static final Set<String> PACKAGE_MANAGERS = Set.of("npm", "yarn", "pnpm", "bun");
    /** Front-end tools that build whenever they run. */
    private static final Set<String> BUNDLERS = Set.of("npx", "node", "vite", "webpack", "parcel", "esbuild",
            "tailwindcss", "rollup");
    /**
     * Mix tasks known to build no assets: Mix's own, Hex's, Ecto's, Phoenix's generators and the asset builders'
     * installers. Any other task (the project's own {@code mix build_frontend}, a dependency's) runs code the model
     * does not read, which may build them.
     */
    private static final Set<String> NON_BUILDING_TASKS = Set.of("compile", "deps.get", "deps.compile", "deps.clean",
            "deps.update", "deps.unlock", "deps.loadpaths", "loadpaths", "loadconfig", "clean", "help", "format",
            "test", "local.hex", "local.rebar", "archive.install", "hex.organization", "hex.repo", "hex.config",
            "release", "distillery.release", "phx.gen.release", "phx.digest.clean", "ecto.create", "ecto.migrate",
            "ecto.setup", "ecto.reset", "ecto.load", "ecto.rollback", "esbuild.install", "tailwind.install",
            "assets.setup", "sentry.package_source_code", "gettext.extract", "gettext.merge", "credo", "sobelow",
            "dialyzer", "hex.audit", "deps.audit");
    /** The words with which a package manager runs a script; installing dependencies builds nothing. */
    private static final Set<String> SCRIPT_VERBS = Set.of("run", "run-script", "build", "deploy", "exec", "x", "dlx");

    /** Whether it runs {@code mix release} (or Distillery's {@code distillery.release}), directly or through an alias. */
    public boolean releases() {
        return releaseTask() >= 0;
    }

    /** Where the release task is among the tasks, or -1. */
    private int releaseTask() {
        for (int i = 0; i < tasks.size(); i++) {
            if (SimpleCommand.isReleaseTask(tasks.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Whether one of {@code tasks} builds and digests the assets ({@code assets.deploy}, {@code phx.digest}). */
    public static boolean digesting(List<String> tasks) {
        return tasks.stream().anyMatch(DIGESTING_TASKS::contains);
    }

    /** Whether it builds and digests the assets. */
    public boolean digests() {
        return digesting(tasks);
    }

    /**
     * Whether it builds the front-end assets into priv/static, digested or not: a digesting task, an asset builder's
     * Mix task ({@code esbuild}, {@code tailwind}, {@code bun}, {@code assets.build}), or a front-end tool run
     * directly ({@code npm run deploy}, {@code yarn build}, {@code npx vite build}).
     */
    public boolean builds() {
        return building(tasks) || runsBuilder();
    }

    /**
     * Whether it makes the assets rather than only digesting what priv/static holds: {@link #builds()} without a
     * bare {@code phx.digest} counting.
     */
    public boolean producesAssets() {
        return producing(tasks) || runsBuilder();
    }

    /**
     * Whether it runs {@code phx.digest} (before {@code mix release}, when it releases too) with nothing before it in
     * the same command that makes the assets: it fingerprints whatever priv/static already holds.
     */
    public boolean digestsUnbuilt() {
        List<String> before = tasksBeforeRelease();
        int digest = before.indexOf(DIGEST);
        return digest >= 0 && complete && !producing(before.subList(0, digest)) && !runsBuilder();
    }

    /**
     * Whether it makes the assets and digests them after (before {@code mix release}, when it releases too): an
     * {@code assets.deploy}, or a digest after a builder. A digest run earlier in the build is done again on the
     * built files.
     */
    public boolean buildsThenDigests() {
        List<String> before = tasksBeforeRelease();
        for (int i = 0; i < before.size(); i++) {
            String task = before.get(i);
            boolean buildsFirst = task.equals(DIGEST) ? producing(before.subList(0, i)) || runsBuilder()
                    : DIGESTING_TASKS.contains(task);
            if (buildsFirst) {
                return true;
            }
        }
        return false;
    }

    /** Whether one of {@code tasks} makes the assets (see {@link #producesAssets()}); a bare digest does not. */
    public static boolean producing(List<String> tasks) {
        return tasks.stream().anyMatch(task -> !task.equals(DIGEST) && (DIGESTING_TASKS.contains(task)
                || BUILDING_TASKS.contains(task) || SHELL_TASKS.contains(task)));
    }

    /** Whether the program is a front-end tool that builds (a bundler, or a package manager running a script). */
    private boolean runsBuilder() {
        if (written == null) {
            return false;
        }
        String program = written.program();
        if (BUNDLERS.contains(program)) {
            return true;
        }
        return PACKAGE_MANAGERS.contains(program)
                && written.words().stream().skip(1).anyMatch(word -> SCRIPT_VERBS.contains(word.text()));
    }

    /** Whether one of {@code tasks} builds the assets (see {@link #builds()}). */
    public static boolean building(List<String> tasks) {
        return digesting(tasks) || tasks.stream().anyMatch(BUILDING_TASKS::contains);
    }

    /** The tasks it runs before {@code mix release}; all of them when it does not release. */
    public List<String> tasksBeforeRelease() {
        return releases() ? tasks.subList(0, releaseTask()) : tasks;
    }

    /** The tasks it runs after {@code mix release}; none when it does not release. */
    public List<String> tasksAfterRelease() {
        return releases() ? tasks.subList(releaseTask() + 1, tasks.size()) : List.of();
    }

    /**
     * Whether it runs something that cannot be read and may build the assets: a project script ({@code ./build.sh},
     * {@code bin/assets}, {@code make}), an alias with a step that is not a string, or a Mix task not known to build
     * nothing (the project's own {@code mix build_frontend} may run npm).
     */
    public boolean opaque() {
        if (written == null) {
            return false;
        }
        for (String task : tasks) {
            if (!NON_BUILDING_TASKS.contains(task) && !DIGESTING_TASKS.contains(task) && !BUILDING_TASKS.contains(task)
                    && !SHELL_TASKS.contains(task)) {
                return true;
            }
        }
        // Asked of every command before a release, thousands in a long Dockerfile: a char search, one program.
        String first = written.word(0);
        boolean relativePath = first.indexOf('/') > 0;
        String program = written.program();
        return !complete || relativePath || program.endsWith(".sh") || SCRIPT_RUNNERS.contains(program);
    }

    /**
     * The command where it stands in the Dockerfile, for findings and edits; null for a COPY or ADD. Only the steps a
     * finding is about are moved there: a long Dockerfile has thousands.
     */
    public SimpleCommand command() {
        if (written == null) {
            return null;
        }
        List<SimpleCommand> byText = instruction.runsByText();
        for (int i = 0; i < byText.size(); i++) {
            if (byText.get(i) == written) {
                return instruction.runs().get(i);
            }
        }
        throw new IllegalStateException("a step's command is not one its instruction runs");
    }
}
