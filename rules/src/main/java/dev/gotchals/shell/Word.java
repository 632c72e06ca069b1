package dev.gotchals.shell;

/**
 * One word of a command with its quotes removed ({@code "$@"} → {@code $@}) and where it is written.
 *
 * @param text   the word as the program receives it, expansions left as written
 * @param start  char offset of the word in the file that holds it
 * @param end    char offset where it ends
 * @param quoted whether the word is one quoted string, so its content starts one char after {@code start}
 */
public record Word(String text, int start, int end, boolean quoted) {

    /** The last path segment ({@code /usr/local/bin/mix} → "mix"). */
    public String baseName() {
        int slash = text.lastIndexOf('/');
        return slash >= 0 ? text.substring(slash + 1) : text;
    }

    /** Removes shell quoting: single quotes keep their content, double quotes and backslashes escape. */
    static String unquote(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '\'') {
                int close = raw.indexOf('\'', i + 1);
                close = close < 0 ? raw.length() : close;
                out.append(raw, i + 1, close);
                i = close + 1;
            } else if (c == '"') {
                i++;
                while (i < raw.length() && raw.charAt(i) != '"') {
                    if (raw.charAt(i) == '\\' && i + 1 < raw.length() && "\"\\$`".indexOf(raw.charAt(i + 1)) >= 0) {
                        i++;
                    }
                    out.append(raw.charAt(i));
                    i++;
                }
                i++;
            } else if (c == '\\' && i + 1 < raw.length()) {
                out.append(raw.charAt(i + 1));
                i += 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
