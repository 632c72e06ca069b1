package dev.gotchals.rule;

import dev.gotchals.document.DocumentSnapshot;

import java.util.List;

/**
 * One thing a rule found, located in the exact version of the file it read.
 *
 * @param start char offset into {@code file.text()} where the finding starts
 * @param end   char offset where it ends
 */
public record Finding(RuleInfo rule, Severity severity, DocumentSnapshot file, int start, int end, String message,
                      List<Fix> fixes) {
    public Finding {
        fixes = List.copyOf(fixes);
    }

    public Finding withSeverity(Severity newSeverity) {
        return newSeverity == severity ? this : new Finding(rule, newSeverity, file, start, end, message, fixes);
    }
}
