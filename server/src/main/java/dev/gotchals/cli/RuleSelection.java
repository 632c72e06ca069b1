package dev.gotchals.cli;

import dev.gotchals.rule.RuleDocs;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.RuleSettings;
import dev.gotchals.rule.Settings;

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

    static Settings overlay(List<RuleInfo> catalog, List<String> selected, List<String> ignored) throws UsageException {
        Set<String> only = ids(catalog, selected, "--rule");
        Set<String> off = ids(catalog, ignored, "--ignore");
        if (only.isEmpty() && off.isEmpty()) {
            return Settings.DEFAULT;
        }
        Map<String, RuleSettings> byId = new LinkedHashMap<>();
        for (RuleInfo rule : catalog) {
            String id = rule.id();
            if (off.contains(id) || (!only.isEmpty() && !only.contains(id))) {
                byId.put(id, new RuleSettings(false, null, Map.of()));
            } else if (only.contains(id)) {
                byId.put(id, new RuleSettings(true, null, Map.of()));
            }
        }
        return new Settings(byId, List.of());
    }

    private static Set<String> ids(List<RuleInfo> catalog, List<String> names, String option) throws UsageException {
        Set<String> ids = new LinkedHashSet<>();
        for (String name : names) {
            RuleInfo rule = RuleDocs.lookup(catalog, name);
            if (rule == null) {
                throw new UsageException(option + ": no rule " + name + " (gotcha-ls rules lists them)");
            }
            ids.add(rule.id());
        }
        return ids;
    }
}
