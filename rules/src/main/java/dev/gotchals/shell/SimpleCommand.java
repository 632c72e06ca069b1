package dev.gotchals.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One simple command: its leading {@code NAME=value} assignments and its words.
 *
 * @param assignments the variables set for this command only ({@code MIX_ENV=prod mix release})
 * @param words       the program and its arguments; empty for a bare assignment
 * @param start       char offset of the command in its file
 * @param end         char offset where it ends
 */
public record SimpleCommand(Map<String, String> assignments, List<Word> words, int start, int end) {
    /** Options of Distillery's {@code mix release} that Elixir's own task (1.9 and later) does not take. */
    private static final Set<String> DISTILLERY_ONLY_OPTIONS = Set.of("--env", "--profile", "--upgrade", "--upfrom",
            "--executable", "--no-tar", "--erl", "--dev", "--transient", "--name");

    /** The program without its path, or "" for a bare assignment. */
    public String program() {
        return words.isEmpty() ? "" : words.get(0).baseName();
    }

    /** The word at {@code index} as the program receives it, or "" past the end. */
    public String word(int index) {
        return index < words.size() ? words.get(index).text() : "";
    }

    /** Any {@code mix} invocation. */
    public boolean isMix() {
        // Asked of every command of every RUN line: no substring for the program's base name.
        String program = words.isEmpty() ? "" : words.get(0).text();
        return program.equals("mix") || program.endsWith("/mix");
    }

    /** {@code mix <task>}. */
    public boolean isMix(String task) {
        return isMix() && word(1).equals(task);
    }

    /** {@code mix phx.server}, or {@code mix phoenix.server} as Phoenix 1.2 and earlier named the task. */
    public boolean isMixPhoenixServer() {
        return isMix("phx.server") || isMix("phoenix.server");
    }

    /** {@code mix phx.server} or {@code mix run} (with or without {@code --no-halt}): a start of the app with Mix. */
    public boolean isMixStart() {
        return isMixPhoenixServer() || isMix("run");
    }

    /** {@code mix phx.server} or {@code mix run --no-halt}: Mix started to keep the app running, not to run a task. */
    public boolean isMixServing() {
        return isMixPhoenixServer() || isMix("run") && words.stream().anyMatch(word -> word.text().equals("--no-halt"));
    }

    /**
     * The Mix tasks the command runs as written, aliases not expanded: {@code mix do a, b} and {@code mix do a + b}
     * give both; empty for any other program.
     */
    public List<String> mixTasks() {
        if (!isMix() || word(1).isEmpty()) {
            return List.of();
        }
        if (!word(1).equals("do")) {
            return List.of(word(1));
        }
        List<String> tasks = new ArrayList<>();
        String arguments = String.join(" ", words.subList(2, words.size()).stream().map(Word::text).toList());
        for (String part : arguments.split("[,+]")) {
            String task = part.strip().split("\\s+")[0];
            if (!task.isEmpty()) {
                tasks.add(task);
            }
        }
        return tasks;
    }

    /** Whether it runs the Mix task, alone ({@code mix release}) or among others ({@code mix do compile, release}). */
    public boolean runsMixTask(String task) {
        // Asked of every command of every RUN line: the common case needs no list.
        return isMix(task) || isMix("do") && mixTasks().contains(task);
    }

    /**
     * Whether it runs a task that builds a release: Elixir's {@code mix release} (Distillery's before 2.1 too) or
     * Distillery's {@code mix distillery.release}, alone or in a {@code mix do}.
     */
    public boolean runsReleaseTask() {
        return runsMixTask("release") || runsMixTask("distillery.release");
    }

    /**
     * Whether it builds a release in a project that depends on a release tool (Distillery or exrm) or not, on an
     * Elixir that has its own {@code mix release} (1.9 on) or not (false also where that is not known). Without the
     * dependency, Distillery's task does not exist, Distillery's command line ({@code mix release --env=prod}) fails
     * (Elixir's task rejects its options), and so does any {@code mix release} on an Elixir before 1.9.
     */
    public boolean buildsRelease(boolean releaseToolDependency, boolean elixirLacksReleaseTask) {
        if (!runsReleaseTask()) {
            return false;
        }
        if (releaseToolDependency) {
            return true;
        }
        return runsMixTask("release") && !elixirLacksReleaseTask && !takesDistilleryOptions();
    }

    /** Whether it passes an option only Distillery's {@code mix release} takes ({@code --env=prod}). */
    public boolean takesDistilleryOptions() {
        for (Word word : words) {
            String text = word.text();
            int equals = text.indexOf('=');
            if (DISTILLERY_ONLY_OPTIONS.contains(equals > 0 ? text.substring(0, equals) : text)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The release {@code mix release NAME} names ({@code mix release shop --overwrite}), or null when it names none
     * (the default release) or the command is no {@code mix release}.
     */
    public String releaseName() {
        if (!program().equals("mix")) {
            return null;
        }
        for (int i = 1; i + 1 < words.size(); i++) {
            if (words.get(i).text().equals("release")) {
                String next = words.get(i + 1).text();
                return next.startsWith("-") ? null : next;
            }
        }
        return null;
    }

    /**
     * Whether a Mix task builds a release: {@code release} (Elixir's, Distillery's before 2.1) or
     * {@code distillery.release}.
     */
    public static boolean isReleaseTask(String task) {
        return task.equals("release") || task.equals("distillery.release");
    }

    /** The words from {@code from} on, as their own command at the same place in the file. */
    public SimpleCommand drop(int from) {
        List<Word> rest = words.subList(Math.min(from, words.size()), words.size());
        return new SimpleCommand(assignments, rest, rest.isEmpty() ? end : rest.get(0).start(), end);
    }

    /**
     * This command with each argument in {@code all} ({@code $@}, {@code "$@"}) replaced by {@code arguments}, the
     * words the script it is written in was run with, placed where that argument is written; itself when it has none.
     */
    public SimpleCommand withArguments(java.util.Set<String> all, List<String> arguments) {
        List<Word> replaced = new ArrayList<>(words.size() + arguments.size());
        boolean any = false;
        for (int i = 0; i < words.size(); i++) {
            Word word = words.get(i);
            if (i > 0 && all.contains(word.text())) {
                any = true;
                arguments.forEach(argument -> replaced.add(new Word(argument, word.start(), word.end(), false)));
            } else {
                replaced.add(word);
            }
        }
        return any ? new SimpleCommand(assignments, List.copyOf(replaced), start, end) : this;
    }

    /** This command with more variables set in front of it ({@code env A=1 cmd}). */
    SimpleCommand withAssignments(Map<String, String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, String> all = new java.util.LinkedHashMap<>(assignments);
        all.putAll(more);
        return new SimpleCommand(java.util.Collections.unmodifiableMap(all), words, start, end);
    }

    /** The same command written {@code delta} chars further into its file. */
    public SimpleCommand movedBy(int delta) {
        if (delta == 0) {
            return this;
        }
        List<Word> moved = new java.util.ArrayList<>(words.size());
        words.forEach(word -> moved.add(new Word(word.text(), word.start() + delta, word.end() + delta, word.quoted())));
        return new SimpleCommand(assignments, List.copyOf(moved), start + delta, end + delta);
    }

    /** The words joined by spaces, as a person would write them. */
    public String text() {
        return String.join(" ", words.stream().map(Word::text).toList());
    }
}
