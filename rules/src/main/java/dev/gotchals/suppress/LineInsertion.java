package dev.gotchals.suppress;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.TextDocument;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a new comment line can go in front of a line without changing what the file means: not inside an
 * Elixir string, charlist, sigil or quoted atom that spans lines, not between the lines of a Dockerfile heredoc,
 * and not where tree-sitter could no longer parse the file (a comment inside a continued Dockerfile {@code ENV}
 * or {@code ARG}, which the grammar rejects though Docker would strip it). In a file without a grammar (a shell
 * script, fly.toml, a Procfile), not after a line that ends in a backslash, inside a quote or a shell heredoc, or
 * before a {@code #!} line.
 */
final class LineInsertion {
    private static final Set<String> ELIXIR_MULTILINE_TOKENS = Set.of(
            "string", "charlist", "sigil", "quoted_atom", "quoted_keyword");
    private static final Pattern SHELL_HEREDOC = Pattern.compile("<<-?\\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\\1");

    private LineInsertion() {
    }

    static boolean allowedBefore(DocumentSnapshot file, int line, String inserted) {
        TextDocument text = file.text();
        if (text.lineText(line).startsWith("#!")) {
            return false;
        }
        SyntaxTree tree = file.tree();
        if (tree == null) {
            return plainTextLineStartsFresh(text, line);
        }
        int offset = text.lineStartOffset(line);
        int at = text.byteOffsetAt(offset);
        for (Node inner : tree.root().pathTo(at)) {
            boolean spansInsertion = inner.startByte() < at;
            if (spansInsertion && (tree.language() == SourceLanguage.ELIXIR
                    ? ELIXIR_MULTILINE_TOKENS.contains(inner.type()) : inner.type().startsWith("heredoc"))) {
                return false;
            }
        }
        // The grammar is the last word: an insertion it cannot parse is refused, and so is one it does not keep as a
        // comment (a Dockerfile's reader hands comment lines inside an ENV continuation over as blanks).
        if (tree.hasErrors()) {
            return true;
        }
        SyntaxTree after = SyntaxTree.parse(tree.language(),
                TextDocument.of(text.text().substring(0, offset) + inserted + text.text().substring(offset)));
        return !after.hasErrors() && (tree.language() != SourceLanguage.DOCKERFILE
                || after.root().pathTo(at + inserted.indexOf('#')).stream().anyMatch(node -> node.is("comment")));
    }

    /** Whether the lines before {@code line} of a script or manifest leave no quote, heredoc or continuation open. */
    private static boolean plainTextLineStartsFresh(TextDocument text, int line) {
        String heredocEnd = null;
        boolean continued = false;
        char quote = 0;
        String tripleQuote = null;
        for (int l = 0; l < line; l++) {
            String content = text.lineText(l);
            if (heredocEnd != null) {
                if (content.strip().equals(heredocEnd)) {
                    heredocEnd = null;
                }
                continue;
            }
            continued = false;
            String pendingHeredoc = null;
            for (int i = 0; i < content.length(); i++) {
                char c = content.charAt(i);
                if (tripleQuote != null) {
                    if (content.startsWith(tripleQuote, i)) {
                        i += 2;
                        tripleQuote = null;
                    }
                } else if (quote != 0) {
                    if (c == '\\' && quote == '"') {
                        i++;
                    } else if (c == quote) {
                        quote = 0;
                    }
                } else if (content.startsWith("\"\"\"", i) || content.startsWith("'''", i)) {
                    tripleQuote = content.substring(i, i + 3);
                    i += 2;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '#' && (i == 0 || Character.isWhitespace(content.charAt(i - 1)))) {
                    break;
                } else if (c == '\\' && i == content.length() - 1) {
                    continued = true;
                } else if (c == '\\') {
                    i++;
                } else if (c == '<') {
                    Matcher heredoc = SHELL_HEREDOC.matcher(content).region(i, content.length());
                    if (heredoc.lookingAt()) {
                        pendingHeredoc = heredoc.group(2);
                        i = heredoc.end() - 1;
                    }
                }
            }
            heredocEnd = pendingHeredoc;
        }
        return heredocEnd == null && !continued && quote == 0 && tripleQuote == null;
    }
}
