package dev.gotchals.elixir;

import java.util.ArrayList;
import java.util.List;

/**
 * The names of the modules a file may define, read from its text without parsing it: the alias written after each
 * {@code defmodule}. {@link ModuleIndex} parses only the files that may define the module it is asked for.
 *
 * <p>It may say more than the file defines (a {@code defmodule} in a string or a comment counts), never less: a
 * module the index reads by an alias is a {@code defmodule} call whose first argument is that alias, so its text
 * holds the word {@code defmodule} followed, after blanks or a parenthesis, by that alias; its full name is the alias or ends with
 * a dot and the alias (a nested module is named after its parent). Where what follows a {@code defmodule} is not
 * plainly an alias (an atom such as {@code :shop_tasks}, a comment, a line continuation, a letter outside ASCII, a dot
 * after a blank), the file may define any name.
 */
final class DefinedNames {
    static final DefinedNames NONE = new DefinedNames(List.of(), false);
    private static final String DEFMODULE = "defmodule";

    /** The aliases written after a {@code defmodule}, as written ({@code Shop.Accounts}). */
    private final List<String> aliases;
    /** Whether some {@code defmodule} is followed by something else than a plain alias. */
    private final boolean anyName;

    private DefinedNames(List<String> aliases, boolean anyName) {
        this.aliases = aliases;
        this.anyName = anyName;
    }

    static DefinedNames scan(String text) {
        List<String> aliases = new ArrayList<>();
        boolean anyName = false;
        for (int at = text.indexOf(DEFMODULE); at >= 0; at = text.indexOf(DEFMODULE, at + DEFMODULE.length())) {
            String alias = aliasAfter(text, at + DEFMODULE.length());
            if (alias == null) {
                anyName = true;
            } else {
                aliases.add(alias);
            }
        }
        return aliases.isEmpty() && !anyName ? NONE : new DefinedNames(List.copyOf(aliases), anyName);
    }

    /** Whether the text has no {@code defmodule} at all: the file defines no module. */
    boolean none() {
        return aliases.isEmpty() && !anyName;
    }

    /** Whether the file may define the module of that full name. */
    boolean mayDefine(String name) {
        if (anyName) {
            return true;
        }
        for (String alias : aliases) {
            if (name.equals(alias) || name.endsWith(alias) && name.charAt(name.length() - alias.length() - 1) == '.') {
                return true;
            }
        }
        return false;
    }

    /** The last segments of the aliases ({@code Accounts} of {@code Shop.Accounts}): a key to find the file by. */
    List<String> lastSegments() {
        return aliases.stream().map(DefinedNames::lastSegment).distinct().toList();
    }

    boolean mayDefineAnyName() {
        return anyName;
    }

    static String lastSegment(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /**
     * The plain alias ({@code Shop.Accounts}) that starts after blanks or an opening parenthesis from {@code from},
     * or null when something else does or it is not plainly over (a dot or a letter outside ASCII follows it).
     */
    private static String aliasAfter(String text, int from) {
        int start = from;
        while (start < text.length() && (isBlank(text.charAt(start)) || text.charAt(start) == '(')) {
            start++;
        }
        int end = start;
        while (end < text.length() && (isAliasChar(text.charAt(end)) || text.charAt(end) == '.')) {
            end++;
        }
        String alias = text.substring(start, end);
        if (!isPlainAlias(alias)) {
            return null;
        }
        if (end < text.length() && !isBlank(text.charAt(end)) && text.charAt(end) != ',' && text.charAt(end) != ')') {
            return null;
        }
        int next = end;
        while (next < text.length() && isBlank(text.charAt(next))) {
            next++;
        }
        // `Shop .Accounts` may still be one alias.
        return next < text.length() && text.charAt(next) == '.' ? null : alias;
    }

    /** Segments that start with an ASCII capital, of ASCII letters, digits and underscores, joined by single dots. */
    private static boolean isPlainAlias(String alias) {
        for (String segment : alias.split("\\.", -1)) {
            if (segment.isEmpty() || segment.charAt(0) < 'A' || segment.charAt(0) > 'Z') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAliasChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
