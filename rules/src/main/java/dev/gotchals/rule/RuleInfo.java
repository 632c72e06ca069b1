package dev.gotchals.rule;

/**
 * A rule's public identity and documentation.
 *
 * @param id              the stable code shown with every finding ("GT007")
 * @param slug            the stable kebab-case name ("prod-debug-logging")
 * @param title           one line saying what the rule catches
 * @param defaultSeverity the severity when nothing configures it
 * @param explanation     Markdown shown on hover and in the docs: why it matters and what to do instead
 */
public record RuleInfo(String id, String slug, String title, Severity defaultSeverity, String explanation) {
}
