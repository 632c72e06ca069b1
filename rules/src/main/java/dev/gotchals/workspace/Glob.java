package dev.gotchals.workspace;

import java.util.regex.Pattern;

/**
 * A path pattern in the glob syntax of the Language Server Protocol (the one editors' file watchers and document
 * selectors take), matched against {@code /}-separated relative paths: {@code *} and {@code ?} stay inside one path
 * segment, {@code **}{@code /} spans zero or more folders, {@code {a,b}} is either alternative, {@code [Ee]} one of
 * the characters (and {@code [!...]} none of them). Sharing the editors' syntax lets one pattern both classify a
 * file and be sent to a client as a watcher glob.
 */
public final class Glob {
    private final String text;
    private final Pattern regex;

    private Glob(String text) {
        this.text = text;
        this.regex = Pattern.compile(translate(text));
    }

    /** @throws IllegalArgumentException when the pattern has an unclosed group or character class */
    public static Glob of(String text) {
        return new Glob(text);
    }

    /** Whether a whole {@code /}-separated relative path matches. */
    public boolean matches(String relativePath) {
        return regex.matcher(relativePath).matches();
    }

    /** The pattern as written. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    private static String translate(String glob) {
        StringBuilder out = new StringBuilder();
        int groups = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && glob.startsWith("**/", i)) {
                out.append("(?:.*/)?");
                i += 2;
            } else if (c == '*' && glob.startsWith("**", i)) {
                out.append(".*");
                i++;
            } else if (c == '*') {
                out.append("[^/]*");
            } else if (c == '?') {
                out.append("[^/]");
            } else if (c == '{') {
                out.append("(?:");
                groups++;
            } else if (c == '}' && groups > 0) {
                out.append(')');
                groups--;
            } else if (c == ',' && groups > 0) {
                out.append('|');
            } else if (c == '[') {
                int close = glob.indexOf(']', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed [ in " + glob);
                }
                String members = glob.substring(i + 1, close);
                boolean negated = members.startsWith("!");
                out.append(negated ? "[^/" : "[").append(escapeClass(negated ? members.substring(1) : members)).append(']');
                i = close;
            } else {
                out.append(Character.isLetterOrDigit(c) ? "" : "\\").append(c);
            }
        }
        if (groups > 0) {
            throw new IllegalArgumentException("unclosed { in " + glob);
        }
        return out.toString();
    }

    private static String escapeClass(String members) {
        return members.replace("\\", "\\\\").replace("[", "\\[").replace("&", "\\&").replace("^", "\\^");
    }
}
