package dev.gotchals.rule;

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

    /**
     * What is wrong with an exclusion glob, or null when it is usable: globs are relative to the project root,
     * written with {@code /}, stay inside the project and follow {@link FileSystems#getPathMatcher}'s syntax.
     */
    public static String globProblem(String glob) {
        if (glob.isBlank()) {
            return "an empty glob matches nothing";
        }
        if (glob.startsWith("/") || glob.contains("\\") || glob.matches("^[A-Za-z]:.*")) {
            return "\"" + glob + "\" is not relative to the project root: write paths like \"apps/legacy/**\", with /";
        }
        for (String segment : glob.split("/")) {
            if (segment.equals("..")) {
                return "\"" + glob + "\" leaves the project root; exclusions apply to the project's own files";
            }
        }
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + glob);
            return null;
        } catch (java.util.regex.PatternSyntaxException e) {
            return "\"" + glob + "\" is not a valid glob: " + e.getDescription();
        } catch (IllegalArgumentException e) {
            return "\"" + glob + "\" is not a valid glob: " + e.getMessage();
        }
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
