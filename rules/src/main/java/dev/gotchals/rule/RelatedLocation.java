package dev.gotchals.rule;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.syntax.Node;

/**
 * Another place that makes a finding what it is: the {@code CMD} that starts the release, the config block that
 * never turns the server on, the action that answers a health route. It is evidence shown beside the finding,
 * never where the finding is: suppressions, baselines and fingerprints look only at the finding's own place.
 *
 * @param file    the version of the file the rule read
 * @param start   char offset into {@code file.text()} where the place starts
 * @param end     char offset where it ends
 * @param message what this place contributes, in a few words
 */
public record RelatedLocation(DocumentSnapshot file, int start, int end, String message) {

    /** The place of a syntax node of a parsed file. */
    public static RelatedLocation of(DocumentSnapshot file, Node node, String message) {
        return new RelatedLocation(file, file.tree().startOffset(node), file.tree().endOffset(node), message);
    }
}
