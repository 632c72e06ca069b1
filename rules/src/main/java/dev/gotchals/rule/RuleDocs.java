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
                + "## Reported\n\n" + rule.bad().strip() + "\n\n"
                + "## Accepted\n\n" + rule.good().strip() + "\n";
    }

    /** The rule named by id or slug (case-insensitive), or null. */
    public static Rule find(List<Rule> rules, String name) {
        for (Rule rule : rules) {
            if (rule.info().isNamed(name)) {
                return rule;
            }
        }
        return null;
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
