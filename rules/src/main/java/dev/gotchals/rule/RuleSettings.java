package dev.gotchals.rule;

import dev.gotchals.rule.Severity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a user set for one rule. Every field is optional: null (or an absent option) means "not set here", so
 * that settings from several places can be layered.
 *
 * @param enabled  false turns the rule off
 * @param severity replaces the rule's default severity
 * @param options  rule-specific lists of strings by option name ("secret_keys"), as the rule documents them
 */
public record RuleSettings(Boolean enabled, Severity severity, Map<String, List<String>> options) {
    public static final RuleSettings UNSET = new RuleSettings(null, null, Map.of());

    public RuleSettings {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        options.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        options = java.util.Collections.unmodifiableMap(copy);
    }

    /** These settings with every field that {@code over} sets taken from it. */
    public RuleSettings overriddenBy(RuleSettings over) {
        Map<String, List<String>> merged = new LinkedHashMap<>(options);
        merged.putAll(over.options);
        return new RuleSettings(over.enabled != null ? over.enabled : enabled,
                over.severity != null ? over.severity : severity, merged);
    }
}
