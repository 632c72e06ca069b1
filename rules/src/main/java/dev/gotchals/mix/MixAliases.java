package dev.gotchals.mix;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code aliases} of a mix.exs: each alias name with its steps ({@code "assets.deploy": ["tailwind default
 * --minify", "esbuild default --minify", "phx.digest"]}). A step that is not a string literal (a function
 * capture, a call) is unknown and kept as null.
 */
public final class MixAliases {
    /** The aliases of a mix.exs without any. */
    static final MixAliases NONE = new MixAliases(Map.of(), true);
    /**
     * The aliases of a mix.exs whose {@code aliases:} cannot be read ({@code aliases: base_aliases() ++ extra},
     * with {@code extra} computed): any alias may be among them.
     */
    static final MixAliases UNREADABLE = new MixAliases(Map.of(), false);

    private final Map<String, List<String>> steps;
    private final boolean readable;

    private MixAliases(Map<String, List<String>> steps, boolean readable) {
        this.steps = steps;
        this.readable = readable;
    }

    /** Whether the alias is among those read. */
    public boolean has(String alias) {
        return steps.containsKey(alias);
    }

    /** Whether every alias was read: false when the mix.exs computes them in a way the model cannot follow. */
    public boolean readable() {
        return readable;
    }

    /** Whether the mix.exs may define the alias: it has it, or its aliases cannot be read. */
    public boolean mayDefine(String alias) {
        return !readable || has(alias);
    }

    public Set<String> names() {
        return steps.keySet();
    }

    /** The steps of an alias as written (null entries are unknown steps); empty when there is no such alias. */
    public List<String> steps(String alias) {
        return steps.getOrDefault(alias, List.of());
    }

    /**
     * The Mix tasks {@code mix <task>} runs, in order, with aliases expanded recursively. Like Mix, an alias
     * that names itself (or an alias it is being expanded from) runs the task of that name instead of looping:
     * {@code test: ["ecto.create --quiet", "test"]} expands to {@code ecto.create, test}.
     */
    public Expansion expand(String task) {
        List<String> tasks = new ArrayList<>();
        boolean[] complete = {true};
        expand(task, new LinkedHashSet<>(), tasks, complete);
        return new Expansion(List.copyOf(tasks), complete[0]);
    }

    private void expand(String task, Set<String> expanding, List<String> out, boolean[] complete) {
        List<String> alias = steps.get(task);
        if (alias == null || !expanding.add(task)) {
            out.add(task);
            return;
        }
        for (String step : alias) {
            String name = step == null ? null : taskName(step);
            String child = "cmd".equals(name) ? childMixTask(step) : null;
            if (name == null) {
                complete[0] = false;
            } else {
                expand(child != null ? child : name, expanding, out, complete);
            }
        }
        expanding.remove(task);
    }

    /**
     * The Mix task an umbrella's {@code cmd} step runs in its apps ({@code "cmd --app shop_web mix assets.deploy"} →
     * {@code assets.deploy}), or null when it runs another program ({@code "cmd npm run deploy"}).
     */
    static String childMixTask(String step) {
        String[] words = step.strip().split("\\s+");
        int at = 1;
        while (at < words.length && words[at].startsWith("-")) {
            at += words[at].contains("=") ? 1 : 2; // --app shop_web, --cd apps/shop
        }
        return at + 1 < words.length && words[at].equals("mix") ? words[at + 1] : null;
    }

    /** {@code "tailwind default --minify"} → "tailwind"; null for a blank step. */
    static String taskName(String step) {
        String trimmed = step.strip();
        return trimmed.isEmpty() ? null : trimmed.split("\\s+")[0];
    }

    /** Whether {@code mix <task>} runs {@code wanted}, directly or through its aliases. */
    public boolean runs(String task, String wanted) {
        return expand(task).tasks().contains(wanted);
    }

    /**
     * What an alias expands to.
     *
     * @param tasks    the Mix tasks, in the order they run
     * @param complete false when a step could not be read (a function, a computed string): more may run
     */
    public record Expansion(List<String> tasks, boolean complete) {
    }

    static MixAliases of(LinkedHashMap<String, List<String>> steps) {
        return steps.isEmpty() ? NONE : new MixAliases(Collections.unmodifiableMap(steps), true);
    }
}
