package dev.gotchals.suppress;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.text.PositionEncoding;
import dev.gotchals.text.TextDocument;

import java.util.List;
import java.util.Optional;

/**
 * The edit behind "Suppress GT005 on this line": a {@code # gotcha:disable-next-line GT005} comment above the
 * finding's first line, indented like that line and ended like the file's lines; or, when the line above already
 * is such a directive, the rule's id added to it. Offered for no finding of {@link UnusedSuppression}, and nowhere
 * a comment line would change what the file means ({@link LineInsertion}). Never safe: silencing a finding is
 * a decision, not a repair.
 */
public final class SuppressAction {
    private SuppressAction() {
    }

    /**
     * @param rules every rule a directive may name, to read the directive above the finding
     */
    public static Optional<Fix> fix(Finding finding, List<RuleInfo> rules) {
        RuleInfo rule = finding.rule();
        if (rule.id().equals(UnusedSuppression.INFO.id())) {
            return Optional.empty();
        }
        DocumentSnapshot file = finding.file();
        TextDocument text = file.text();
        int line = text.positionAt(finding.start(), PositionEncoding.UTF16).line();
        String title = "Suppress " + rule.id() + " on this line";
        Directive above = DirectiveScanner.wholeLineDirective(file, line - 1, new DirectiveParser(rules));
        if (above != null && above.scope() == Directive.Scope.NEXT_LINE && !above.names().isEmpty()) {
            int end = above.names().get(above.names().size() - 1).end();
            return Optional.of(new Fix(title, false, List.of(new Fix.Edit(file, end, end, ", " + rule.id()))));
        }
        String content = text.lineText(line);
        int indent = 0;
        while (indent < content.length() && DirectiveScanner.isBlank(content.charAt(indent))) {
            indent++;
        }
        String comment = content.substring(0, indent) + "# gotcha:" + Directive.Scope.NEXT_LINE.keyword() + " "
                + rule.id() + lineEnding(text);
        if (!LineInsertion.allowedBefore(file, line, comment)) {
            return Optional.empty();
        }
        int at = text.lineStartOffset(line);
        return Optional.of(new Fix(title, false, List.of(new Fix.Edit(file, at, at, comment))));
    }

    /** The file's line ending: that of its first line, or "\n" for a one-line file. */
    static String lineEnding(TextDocument text) {
        if (text.lineCount() < 2) {
            return "\n";
        }
        int end = text.lineContentEnd(0);
        return text.text().substring(end, text.lineStartOffset(1));
    }
}
