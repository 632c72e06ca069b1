package dev.gotchals.cli;

import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleDocs;
import dev.gotchals.settings.RuleSettings;
import dev.gotchals.settings.Settings;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --rule} and {@code --ignore} as a settings layer over the project's own: the command line is the top
 * layer, so {@code --rule GT005} runs GT005 even where the project turned it off, and every other rule not.
 */
final class RuleSelection {
    private RuleSelection() {
    }

    static Settings overlay(List<Rule> rules, List<String> selected, List<String> ignored) throws UsageException {
        Set<String> only = ids(rules, selected, "--rule");
        Set<String> off = ids(rules, ignored, "--ignore");
        if (only.isEmpty() && off.isEmpty()) {
            return Settings.DEFAULT;
        }
        Map<String, RuleSettings> byId = new LinkedHashMap<>();
        for (Rule rule : rules) {
            String id = rule.info().id();
            if (off.contains(id) || (!only.isEmpty() && !only.contains(id))) {
                byId.put(id, new RuleSettings(false, null, Map.of()));
            } else if (only.contains(id)) {
                byId.put(id, new RuleSettings(true, null, Map.of()));
            }
        }
        return new Settings(byId, List.of());
    }

    private static Set<String> ids(List<Rule> rules, List<String> names, String option) throws UsageException {
        Set<String> ids = new LinkedHashSet<>();
        for (String name : names) {
            Rule rule = RuleDocs.find(rules, name);
            if (rule == null) {
                throw new UsageException(option + ": no rule " + name + " (gotcha-ls rules lists them)");
            }
            ids.add(rule.info().id());
        }
        return ids;
    }
}
