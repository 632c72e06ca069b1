package dev.gotchals.javascript;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JavaScript (or TypeScript) file split into its code and its comments, without a grammar: a scan that knows
 * strings, template literals and escapes well enough that {@code //} inside a string or a URL starts no comment.
 * What a commented-out line would do is not something the file does, so readers look at {@link #code()}.
 */
public final class ScriptText {
    /**
     * The module a statement loads: {@code import … from "m"}, {@code import "m"}, {@code export … from "m"},
     * {@code require("m")}, {@code import("m")}.
     */
    private static final Pattern IMPORT = Pattern.compile(
            "(?:\\bfrom|\\bimport|\\brequire\\s*\\(|\\bimport\\s*\\()\\s*(['\"])([^'\"\\n]+)\\1");

    private final String code;
    private final String comments;

    private ScriptText(String code, String comments) {
        this.code = code;
        this.comments = comments;
    }

    public static ScriptText of(String text) {
        StringBuilder code = new StringBuilder(text.length());
        StringBuilder comments = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '/' && text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                end = end < 0 ? text.length() : end;
                comments.append(text, i + 2, end).append('\n');
                i = end;
            } else if (c == '/' && text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end;
                comments.append(text, i + 2, end).append('\n');
                i = Math.min(text.length(), end + 2);
            } else if (c == '"' || c == '\'' || c == '`') {
                int end = stringEnd(text, i);
                code.append(text, i, end);
                i = end;
            } else if (c == '\\') {
                // An escape in a regular expression literal (/https?:\/\//): the next character is not a delimiter.
                int end = Math.min(text.length(), i + 2);
                code.append(text, i, end);
                i = end;
            } else {
                code.append(c);
                i++;
            }
        }
        return new ScriptText(code.toString(), comments.toString());
    }

    /** The text outside comments: the code and its strings. */
    public String code() {
        return code;
    }

    /** The modules the code loads, as written ({@code "./socket"}, {@code "phoenix"}). */
    public List<String> imports() {
        return imports(code);
    }

    /** The modules that commented-out statements would load: {@code // import socket from "./socket"}. */
    public List<String> commentedImports() {
        return imports(comments);
    }

    private static List<String> imports(String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = IMPORT.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(2));
        }
        return found;
    }

    /**
     * Where the string starting at {@code start} ends (after its closing quote). A quote or apostrophe string ends at
     * the line's end at the latest, so that a stray apostrophe (in a Vue template's text) hides one line at most.
     */
    private static int stringEnd(String text, int start) {
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else if (c == '\n' && quote != '`') {
                return i;
            } else {
                i++;
            }
        }
        return text.length();
    }
}
