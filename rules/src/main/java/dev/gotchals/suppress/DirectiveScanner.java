package dev.gotchals.suppress;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.PositionEncoding;
import dev.gotchals.text.TextDocument;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the directives of a file. Only real comments count: in Elixir a tree-sitter {@code comment} node (a
 * string that mentions a directive is not one), in a Dockerfile a comment node alone on its line (Docker reads
 * a {@code #} anywhere else as an argument, and a heredoc's lines are its content), in files without a grammar
 * (scripts, fly.toml, Procfile) a line whose first non-blank character is {@code #}. Cheap for the common case:
 * it looks only where the text says "gotcha:", which an edited text finds again only around the edit
 * ({@link TextDocument#occurrences}).
 */
public final class DirectiveScanner {
    private static final String MARK = "gotcha:";

    private DirectiveScanner() {
    }

    /** Every directive of a file, in text order. */
    public static List<Directive> scan(DocumentSnapshot file, DirectiveParser parser) {
        List<Directive> found = new ArrayList<>();
        String text = file.text().text();
        int lastComment = -1;
        for (int mark : file.text().occurrences(MARK)) {
            int line = file.text().positionAt(mark, PositionEncoding.UTF16).line();
            int[] comment = commentAt(file, line, mark);
            if (comment == null || comment[0] == lastComment) {
                continue;
            }
            lastComment = comment[0];
            Directive directive = parser.parse(text.substring(comment[0], comment[1]), comment[0], line,
                    onlyBlankBefore(file.text(), line, comment[0]));
            if (directive != null) {
                found.add(directive);
            }
        }
        return found;
    }

    /** The directive that is alone on a line, or null. */
    public static Directive wholeLineDirective(DocumentSnapshot file, int line, DirectiveParser parser) {
        TextDocument text = file.text();
        if (line < 0 || line >= text.lineCount()) {
            return null;
        }
        int lineStart = text.lineStartOffset(line);
        int first = lineStart;
        while (first < text.lineContentEnd(line) && isBlank(text.text().charAt(first))) {
            first++;
        }
        if (first == text.lineContentEnd(line) || text.text().charAt(first) != '#') {
            return null;
        }
        int[] comment = commentAt(file, line, first);
        if (comment == null || comment[0] != first) {
            return null;
        }
        return parser.parse(text.text().substring(comment[0], comment[1]), comment[0], line, true);
    }

    /** The {@code [start, end)} of the comment holding the char at {@code offset} on {@code line}, or null. */
    private static int[] commentAt(DocumentSnapshot file, int line, int offset) {
        TextDocument text = file.text();
        int lineEnd = text.lineContentEnd(line);
        SyntaxTree tree = file.tree();
        if (tree == null) {
            int first = text.lineStartOffset(line);
            while (first < lineEnd && isBlank(text.text().charAt(first))) {
                first++;
            }
            return first <= offset && text.text().charAt(first) == '#' ? new int[] {first, lineEnd} : null;
        }
        List<Node> path = tree.root().pathTo(text.byteOffsetAt(offset));
        Node comment = path.isEmpty() ? null : path.get(path.size() - 1);
        if (comment == null || !comment.is("comment")) {
            return null;
        }
        int start = tree.startOffset(comment);
        if (tree.language() == SourceLanguage.DOCKERFILE && !onlyBlankBefore(text, line, start)) {
            return null;
        }
        return new int[] {start, Math.min(tree.endOffset(comment), lineEnd)};
    }

    private static boolean onlyBlankBefore(TextDocument text, int line, int offset) {
        for (int i = text.lineStartOffset(line); i < offset; i++) {
            if (!isBlank(text.text().charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
