package dev.gotchals.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simple command of a shell line: its leading {@code NAME=value} assignments and its words, quotes removed.
 * {@link #split} cuts a line at {@code &&}, {@code ||}, {@code ;}, {@code |}, {@code &} and newlines; enough to
 * see which programs a RUN, CMD or script runs, not a shell.
 *
 * @param start char offset in the split line where the command's first word starts (-1 for exec form)
 * @param end   char offset where its last word ends
 */
public record ShellCommand(Map<String, String> assignments, List<String> words, int start, int end) {

    /** The program, without its path ({@code /usr/local/bin/mix} → "mix"), or "" for a bare assignment. */
    public String program() {
        if (words.isEmpty()) {
            return "";
        }
        String first = words.get(0);
        int slash = first.lastIndexOf('/');
        return slash >= 0 ? first.substring(slash + 1) : first;
    }

    /** {@code mix <task>} (also {@code MIX_ENV=prod mix <task>}). */
    public boolean isMix(String task) {
        return program().equals("mix") && words.size() >= 2 && words.get(1).equals(task);
    }

    /** Any {@code mix} invocation. */
    public boolean isMix() {
        return program().equals("mix");
    }

    /** A command given as a list of words (an exec-form array), which has no place in a shell line. */
    public ShellCommand(Map<String, String> assignments, List<String> words) {
        this(assignments, words, -1, -1);
    }

    public static List<ShellCommand> split(String line) {
        List<ShellCommand> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int commandStart = -1;
        int lastWordEnd = -1;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '\n') {
                i += 2; // line continuation
                continue;
            }
            if (c == '\'' || c == '"') {
                int close = line.indexOf(c, i + 1);
                if (close < 0) {
                    close = line.length();
                }
                word.append(line, i + 1, close);
                commandStart = commandStart < 0 ? i : commandStart;
                inWord = true;
                i = close + 1;
                lastWordEnd = Math.min(i, line.length());
                continue;
            }
            if (c == '#' && !inWord) {
                int newline = line.indexOf('\n', i);
                i = newline < 0 ? line.length() : newline;
                continue;
            }
            boolean separator = c == ';' || c == '\n' || c == '&' || c == '|';
            if (Character.isWhitespace(c) || separator) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                if (separator) {
                    add(commands, words, commandStart, lastWordEnd);
                    words = new ArrayList<>();
                    commandStart = -1;
                }
                i++;
                continue;
            }
            word.append(c);
            commandStart = commandStart < 0 ? i : commandStart;
            inWord = true;
            i++;
            lastWordEnd = i;
        }
        if (inWord) {
            words.add(word.toString());
        }
        add(commands, words, commandStart, lastWordEnd);
        return commands;
    }

    private static void add(List<ShellCommand> commands, List<String> words, int start, int end) {
        if (words.isEmpty()) {
            return;
        }
        Map<String, String> assignments = new LinkedHashMap<>();
        int first = 0;
        while (first < words.size() && words.get(first).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            String assignment = words.get(first);
            int eq = assignment.indexOf('=');
            assignments.put(assignment.substring(0, eq), assignment.substring(eq + 1));
            first++;
        }
        // `env A=1 cmd` and `exec cmd` run cmd.
        List<String> rest = new ArrayList<>(words.subList(first, words.size()));
        while (!rest.isEmpty() && (rest.get(0).equals("exec") || rest.get(0).equals("env"))) {
            rest.remove(0);
            while (!rest.isEmpty() && rest.get(0).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                String assignment = rest.remove(0);
                int eq = assignment.indexOf('=');
                assignments.put(assignment.substring(0, eq), assignment.substring(eq + 1));
            }
        }
        commands.add(new ShellCommand(Map.copyOf(assignments), List.copyOf(rest), start, end));
    }
}
