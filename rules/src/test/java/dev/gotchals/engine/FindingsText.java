package dev.gotchals.engine;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.RelatedLocation;
import dev.gotchals.text.PositionEncoding;
import dev.gotchals.text.TextPosition;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Findings written out whole, one block per finding in a stable order, for comparing two analyses: place,
 * rule, severity, message, tags, related locations and fixes with every change. Each place names the version of
 * the text it was found in (its length and hash), so a finding kept from an older text never passes for a new one.
 */
final class FindingsText {
    private FindingsText() {
    }

    static String of(Path root, List<Finding> findings) {
        List<String> blocks = new ArrayList<>();
        for (Finding finding : findings) {
            StringBuilder block = new StringBuilder();
            block.append(place(root, finding.file(), finding.start(), finding.end())).append(' ')
                    .append(finding.rule().id()).append(' ').append(finding.severity()).append(' ')
                    .append(finding.message()).append(' ').append(finding.tags().stream().sorted().toList());
            for (RelatedLocation related : finding.related()) {
                block.append("\n  related ").append(place(root, related.file(), related.start(), related.end()))
                        .append(' ').append(related.message());
            }
            for (Fix fix : finding.fixes()) {
                block.append("\n  fix ").append(fix.title()).append(fix.safe() ? " (safe)" : "");
                for (Fix.Change change : fix.changes()) {
                    block.append("\n    ").append(change(root, change));
                }
            }
            blocks.add(block.toString());
        }
        blocks.sort(null);
        return String.join("\n", blocks);
    }

    /** The lines of one text missing from the other, each way: what to read first when two analyses differ. */
    static String difference(String expected, String actual) {
        List<String> missing = new ArrayList<>(expected.lines().toList());
        List<String> extra = new ArrayList<>(actual.lines().toList());
        List<String> common = new ArrayList<>(missing);
        common.retainAll(extra);
        missing.removeAll(common);
        extra.removeAll(common);
        return "only in the fresh analysis:\n  " + String.join("\n  ", missing)
                + "\nonly in the incremental one:\n  " + String.join("\n  ", extra);
    }

    private static String change(Path root, Fix.Change change) {
        if (change instanceof Fix.Edit edit) {
            return "edit " + place(root, edit.file(), edit.start(), edit.end()) + " -> " + edit.newText();
        }
        Fix.CreateFile create = (Fix.CreateFile) change;
        return "create " + root.relativize(create.path()) + ":\n" + create.content();
    }

    private static String place(Path root, DocumentSnapshot file, int start, int end) {
        String text = file.text().text();
        TextPosition from = file.text().positionAt(start, PositionEncoding.UTF16);
        TextPosition to = file.text().positionAt(end, PositionEncoding.UTF16);
        return root.relativize(file.path()) + ":" + (from.line() + 1) + ":" + (from.character() + 1) + "-"
                + (to.line() + 1) + ":" + (to.character() + 1) + " (text of " + text.length() + " chars #"
                + Integer.toHexString(text.hashCode()) + ")";
    }
}
