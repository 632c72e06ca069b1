package dev.gotchals.settings;

import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.RuleOption;

import java.util.List;

/**
 * The commented {@code .gotcha.exs} that {@code gotcha-ls init} writes: every rule with its defaults spelled out, so
 * that the file changes nothing until someone edits it, and shows what can be changed.
 */
public final class SettingsFileTemplate {
    private SettingsFileTemplate() {
    }

    public static String render(List<RuleInfo> rules) {
        StringBuilder out = new StringBuilder("""
                # Gotcha LS settings for this Mix project (for an umbrella, its root).
                #
                # This file is read, never run: every value must be a literal. Editor settings win over it; it wins
                # over the built-in defaults, which are what is written below. `gotcha-ls explain RULE` tells what a
                # rule finds; a rule is named by its id ("GT007") or its slug ("prod-debug-logging").
                #
                # enabled:  true or false
                # severity: :error, :warning, :info or :hint
                # options:  lists of strings, such as ["a", "b"] or ~w(a b)
                [
                  rules: [
                """);
        for (int i = 0; i < rules.size(); i++) {
            RuleInfo rule = rules.get(i);
            String separator = i + 1 < rules.size() ? "," : "";
            out.append("    # ").append(rule.id()).append(": ").append(oneLine(rule.title())).append('\n');
            String head = "    {\"" + rule.slug() + "\", enabled: true, severity: :" + rule.defaultSeverity().label();
            if (rule.options().isEmpty()) {
                out.append(head).append('}').append(separator).append('\n');
                continue;
            }
            out.append(head).append(",\n");
            List<RuleOption> options = rule.options();
            for (int o = 0; o < options.size(); o++) {
                RuleOption option = options.get(o);
                out.append("     # ").append(oneLine(option.description())).append(" Example: [\"")
                        .append(option.example()).append("\"]\n");
                out.append("     ").append(option.name()).append(": []")
                        .append(o + 1 < options.size() ? ",\n" : "}" + separator + "\n");
            }
        }
        out.append("""
                  ],
                  # Globs of paths relative to this folder whose findings are not reported, such as "apps/legacy/**".
                  exclude: []
                ]
                """);
        return out.toString();
    }

    /** Documentation text as one comment line: Markdown backticks kept, line breaks folded. */
    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
