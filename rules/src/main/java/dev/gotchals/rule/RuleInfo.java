package dev.gotchals.rule;

/**
 * A rule's public identity and documentation, from which hovers, {@code gotcha-ls explain} and the pages under
 * docs/rules/ are made.
 *
 * @param id              the stable code shown with every finding ("GT007")
 * @param slug            the stable kebab-case name ("prod-debug-logging")
 * @param title           one line saying what the rule catches
 * @param defaultSeverity the severity when nothing configures it
 * @param explanation     Markdown: what it finds, why it matters, what to do instead, what the fix does
 * @param bad             Markdown (a fenced code block, with the file named) that the rule reports
 * @param good            Markdown that it accepts
 * @param options         the options it takes (see {@link RuleOption}); most rules take none
 * @param foreign         other tools' suppression comments it honours (see {@link ForeignSuppression})
 */
public record RuleInfo(String id, String slug, String title, Severity defaultSeverity, String explanation,
                       String bad, String good, java.util.List<RuleOption> options,
                       java.util.List<ForeignSuppression> foreign) {
    public RuleInfo {
        options = java.util.List.copyOf(options);
        foreign = java.util.List.copyOf(foreign);
    }

    /** A rule that honours no other tool's suppressions. */
    public RuleInfo(String id, String slug, String title, Severity defaultSeverity, String explanation, String bad,
                    String good, java.util.List<RuleOption> options) {
        this(id, slug, title, defaultSeverity, explanation, bad, good, options, java.util.List.of());
    }

    /** A rule without options. */
    public RuleInfo(String id, String slug, String title, Severity defaultSeverity, String explanation, String bad,
                    String good) {
        this(id, slug, title, defaultSeverity, explanation, bad, good, java.util.List.of());
    }

    /** This rule, also silenced by these suppression comments of other tools. */
    public RuleInfo honouring(ForeignSuppression... suppressions) {
        return new RuleInfo(id, slug, title, defaultSeverity, explanation, bad, good, options,
                java.util.List.of(suppressions));
    }

    /** The option of that name, or null. */
    public RuleOption option(String name) {
        for (RuleOption option : options) {
            if (option.name().equals(name)) {
                return option;
            }
        }
        return null;
    }

    /** Whether a user's name for a rule ("gt005", "hardcoded-secret") means this one: its id or slug, any case. */
    public boolean isNamed(String name) {
        return id.equalsIgnoreCase(name) || slug.equalsIgnoreCase(name);
    }
}
