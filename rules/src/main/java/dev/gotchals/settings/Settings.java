package dev.gotchals.settings;

import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * How the rules run on a project: which are on, at what severity, with which options, and which files are left
 * out. Layers combine with {@link #overriddenBy}: the project's {@code .gotcha.exs} first, then the editor's
 * settings, then the command line's.
 *
 * @param rules   settings by rule id ("GT005"); rules not named keep their defaults
 * @param exclude globs of paths relative to the project root ("apps/legacy/**") whose findings are dropped
 */
public record Settings(Map<String, RuleSettings> rules, List<String> exclude) {
    /** Nothing set: every rule on, at its default severity. */
    public static final Settings DEFAULT = new Settings(Map.of(), List.of());

    public Settings {
        rules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rules));
        exclude = List.copyOf(exclude);
    }

    /**
     * These settings with {@code over} on top: a rule's fields set in {@code over} win; exclusions add up, so a
     * personal editor setting never brings back files a project chose to leave out.
     */
    public Settings overriddenBy(Settings over) {
        Map<String, RuleSettings> merged = new LinkedHashMap<>(rules);
        over.rules.forEach((id, settings) -> merged.merge(id, settings, RuleSettings::overriddenBy));
        LinkedHashSet<String> globs = new LinkedHashSet<>(exclude);
        globs.addAll(over.exclude);
        return new Settings(merged, new ArrayList<>(globs));
    }

    public RuleSettings rule(RuleInfo rule) {
        return rules.getOrDefault(rule.id(), RuleSettings.UNSET);
    }

    public boolean enabled(RuleInfo rule) {
        return !Boolean.FALSE.equals(rule(rule).enabled());
    }

    public Severity severity(RuleInfo rule) {
        Severity set = rule(rule).severity();
        return set != null ? set : rule.defaultSeverity();
    }

    /** A rule option's values; empty when not set. */
    public List<String> option(RuleInfo rule, String name) {
        return rule(rule).options().getOrDefault(name, List.of());
    }

    /** Whether a path relative to the project root ('/'-separated) matches an exclusion glob. */
    public boolean excludes(String relativePath) {
        if (exclude.isEmpty()) {
            return false;
        }
        Path path = Path.of(relativePath);
        for (String glob : exclude) {
            PathMatcher matcher = matcher(glob);
            if (matcher != null && matcher.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /** The glob's matcher, or null when it is not a valid glob (whoever read the settings reports that). */
    static PathMatcher matcher(String glob) {
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
