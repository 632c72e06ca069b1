package dev.gotchals.text;

/** Searches of a file's text that a model makes before it parses the file, to leave out those that cannot matter. */
public final class TextSearch {
    private TextSearch() {
    }

    /**
     * Whether the line of {@code text} that holds offset {@code at} is a comment up to there: it starts, after blanks,
     * with {@code #} (a shell, YAML, Dockerfile or Elixir comment; a {@code #} further on the line is not asked about).
     */
    public static boolean inHashCommentLine(String text, int at) {
        int i = text.lastIndexOf('\n', at - 1) + 1;
        while (i < at && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < at && text.charAt(i) == '#';
    }

    /**
     * Whether {@code text} holds {@code needle} with ASCII letters in either case: every text in which
     * {@code SyntaxTree.mentions} finds it passes (it may pass more, such as the Kelvin sign for a k).
     */
    public static boolean containsIgnoringCase(String text, String needle) {
        if (needle.isEmpty()) {
            return true;
        }
        char lower = Character.toLowerCase(needle.charAt(0));
        char upper = Character.toUpperCase(needle.charAt(0));
        int last = text.length() - needle.length();
        // Each index search resumes where it stopped, so a long text is read once per case of the first letter.
        int nextLower = text.indexOf(lower);
        int nextUpper = lower == upper ? -1 : text.indexOf(upper);
        while (nextLower >= 0 || nextUpper >= 0) {
            int at = nextUpper < 0 || nextLower >= 0 && nextLower < nextUpper ? nextLower : nextUpper;
            if (at > last) {
                return false;
            }
            if (text.regionMatches(true, at, needle, 0, needle.length())) {
                return true;
            }
            if (at == nextLower) {
                nextLower = text.indexOf(lower, at + 1);
            } else {
                nextUpper = text.indexOf(upper, at + 1);
            }
        }
        return false;
    }
}
