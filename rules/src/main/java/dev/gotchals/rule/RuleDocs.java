package dev.gotchals.rule;

import java.util.List;

/** Renders a rule's documentation: the page under docs/rules/, and what {@code gotcha-ls explain} prints. */
public final class RuleDocs {
    private RuleDocs() {
    }

    public static String markdown(RuleInfo rule) {
        return "# " + rule.id() + " " + rule.slug() + "\n\n"
                + rule.title() + " (default severity: " + rule.defaultSeverity().label() + ")\n\n"
                + rule.explanation().strip() + "\n\n"
                + options(rule)
                + foreignSuppressions(rule)
                + "## Reported\n\n" + rule.bad().strip() + "\n\n"
                + "## Accepted\n\n" + rule.good().strip() + "\n";
    }

    /** The other tools' suppression comments the rule honours, or nothing. */
    private static String foreignSuppressions(RuleInfo rule) {
        if (rule.foreign().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("Also suppressed, in Dockerfiles, by:");
        for (ForeignSuppression foreign : rule.foreign()) {
            out.append(" `").append(foreign.example()).append('`');
        }
        return out.append(" (see the README's section on suppressions).\n\n").toString();
    }

    /** The "Options" section, or nothing for a rule without options. */
    private static String options(RuleInfo rule) {
        if (rule.options().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("## Options\n\n"
                + "Set in the project's `.gotcha.exs` or in the editor settings; each takes a list of strings, empty "
                + "unless set.\n\n");
        for (RuleOption option : rule.options()) {
            out.append("- `").append(option.name()).append("`: ").append(option.description().strip())
                    .append(" Example: `{\"").append(rule.slug()).append("\", ").append(option.name())
                    .append(": [\"").append(option.example()).append("\"]}`\n");
        }
        return out.append("\n").toString();
    }

    /**
     * The rule identity named by id or slug (case-insensitive) in a catalog that may also hold those the engine
     * reports itself ({@link RuleEngine#ENGINE_RULES}), or null.
     */
    public static RuleInfo lookup(List<RuleInfo> catalog, String name) {
        for (RuleInfo info : catalog) {
            if (info.isNamed(name)) {
                return info;
            }
        }
        return null;
    }
}
