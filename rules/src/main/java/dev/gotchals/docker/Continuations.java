package dev.gotchals.docker;

/**
 * A shell-form command line the way Docker hands it to the shell. Docker joins a line ending in a backslash (blanks and
 * a carriage return may follow it) with the next, and drops the comment and empty lines inside such a continued
 * instruction; a shell reading the text as written would end the command at {@code \ } followed by a line break, or
 * at a comment line. Each character Docker removes becomes a space, so every other one keeps its offset.
 */
final class Continuations {
    private Continuations() {
    }

    /** {@code text} with its line continuations and the comment or empty lines inside them blanked. */
    static String joined(String text) {
        // A heredoc's body is handed to the shell as written.
        if (text.indexOf('\\') < 0 || text.contains("<<")) {
            return text;
        }
        char[] chars = text.toCharArray();
        boolean continued = false;
        for (int start = 0; start < chars.length; ) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? chars.length : newline;
            String line = text.substring(start, end).strip();
            if (continued && (line.isEmpty() || line.startsWith("#"))) {
                blank(chars, start, newline < 0 ? end : end + 1);
            } else {
                int last = end - 1;
                while (last >= start && (chars[last] == ' ' || chars[last] == '\t' || chars[last] == '\r')) {
                    last--;
                }
                continued = newline >= 0 && last >= start && chars[last] == '\\';
                if (continued) {
                    blank(chars, last, end + 1);
                }
            }
            start = newline < 0 ? chars.length : newline + 1;
        }
        return new String(chars);
    }

    private static void blank(char[] chars, int from, int to) {
        for (int i = from; i < to; i++) {
            chars[i] = ' ';
        }
    }
}
