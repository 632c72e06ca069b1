package dev.gotchals.rule;

import dev.gotchals.document.DocumentSnapshot;

import java.util.List;
import java.util.Set;

/**
 * One thing a rule found, located in the exact version of the file it read.
 *
 * @param start   char offset into {@code file.text()} where the finding starts
 * @param end     char offset where it ends
 * @param tags    how an editor may render it beyond its severity
 * @param related the other places that make it a finding, in the order a reader should visit them
 */
public record Finding(RuleInfo rule, Severity severity, DocumentSnapshot file, int start, int end, String message,
                      List<Fix> fixes, Set<Tag> tags, List<RelatedLocation> related) {

    /** Marks that change how an editor shows a finding, as LSP diagnostic tags do. */
    public enum Tag {
        /** The finding is on text that does nothing and can go (editors fade it out). */
        UNNECESSARY
    }

    public Finding {
        fixes = List.copyOf(fixes);
        tags = Set.copyOf(tags);
        related = List.copyOf(related);
    }

    public Finding(RuleInfo rule, Severity severity, DocumentSnapshot file, int start, int end, String message,
                   List<Fix> fixes, Set<Tag> tags) {
        this(rule, severity, file, start, end, message, fixes, tags, List.of());
    }

    public Finding(RuleInfo rule, Severity severity, DocumentSnapshot file, int start, int end, String message,
                   List<Fix> fixes) {
        this(rule, severity, file, start, end, message, fixes, Set.of());
    }

    /** This finding with the places that support it. */
    public Finding withRelated(List<RelatedLocation> locations) {
        return new Finding(rule, severity, file, start, end, message, fixes, tags, locations);
    }

    public Finding withSeverity(Severity newSeverity) {
        return newSeverity == severity ? this : new Finding(rule, newSeverity, file, start, end, message, fixes, tags,
                related);
    }
}
