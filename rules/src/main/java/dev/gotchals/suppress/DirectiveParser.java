package dev.gotchals.suppress;

import dev.gotchals.rule.RuleDocs;
import dev.gotchals.rule.RuleInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text of one {@code #} comment as a directive. The grammar:
 *
 * <pre>
 * # gotcha:KEYWORD NAME ([,] NAME)* REASON
 * </pre>
 *
 * A NAME is a rule id (any case) or slug. The list of names ends at the first word that is neither a rule's name
 * nor shaped like an id ({@code GT} and digits), unless a comma announced another name; the rest is a free reason.
 * So a misspelled name never widens a directive: misspelled first, the directive names no rule and suppresses
 * nothing (and is reported); misspelled after a comma, or an id no rule has, it is reported as unknown.
 * "{@code gotcha:}" followed by a space is prose, not a directive.
 */
public final class DirectiveParser {
    private static final Pattern HEAD = Pattern.compile("#+[ \\t]*gotcha:([A-Za-z][A-Za-z-]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ID_SHAPED = Pattern.compile("gt\\d+", Pattern.CASE_INSENSITIVE);

    private final List<RuleInfo> rules;

    /** @param rules every rule a directive may name */
    public DirectiveParser(List<RuleInfo> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * The directive in a comment, or null when the comment is not one.
     *
     * @param comment   the comment's text, from its {@code #} to the end of its line
     * @param start     the char offset of the comment in its file, to place the names
     * @param line      the comment's 0-based line
     * @param wholeLine whether only whitespace precedes it on its line
     */
    public Directive parse(String comment, int start, int line, boolean wholeLine) {
        Matcher head = HEAD.matcher(comment);
        if (!head.lookingAt()) {
            return null;
        }
        int end = start + comment.length();
        String keyword = head.group(1);
        Directive.Scope scope = null;
        for (Directive.Scope known : Directive.Scope.values()) {
            if (known.keyword().equals(keyword.toLowerCase(Locale.ROOT))) {
                scope = known;
            }
        }
        int at = head.end();
        if (scope == null || (at < comment.length() && !Character.isWhitespace(comment.charAt(at)))) {
            return new Directive(null, line, start, end, wholeLine, keyword, List.of());
        }
        return new Directive(scope, line, start, end, wholeLine, keyword, names(comment, at, start));
    }

    private List<Directive.Name> names(String comment, int at, int offset) {
        List<Directive.Name> names = new ArrayList<>();
        boolean commaBefore = false;
        while (true) {
            while (at < comment.length() && Character.isWhitespace(comment.charAt(at))) {
                at++;
            }
            if (at < comment.length() && comment.charAt(at) == ',' && !names.isEmpty()) {
                commaBefore = true;
                at++;
                continue;
            }
            int wordEnd = at;
            while (wordEnd < comment.length() && isNameChar(comment.charAt(wordEnd))) {
                wordEnd++;
            }
            if (wordEnd == at) {
                return names;
            }
            String word = comment.substring(at, wordEnd);
            RuleInfo rule = RuleDocs.lookup(rules, word);
            boolean meantAsName = rule != null || ID_SHAPED.matcher(word).matches() || commaBefore;
            if (!meantAsName) {
                return names; // the reason begins
            }
            names.add(new Directive.Name(word, offset + at, offset + wordEnd, rule));
            commaBefore = false;
            at = wordEnd;
        }
    }

    private static boolean isNameChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }
}
