package dev.gotchals.rules;

import dev.gotchals.docker.ShellCommand;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each simple command of a shell line sits in the line: char offsets {@code [start, end)} from its first word
 * to its last, in the order {@link ShellCommand#split} returns them. Scans the line the same way, so the spans line
 * up with those commands; {@link #of} returns null when they do not.
 */
final class ShellSpans {
    record Span(int start, int end) {
    }

    private ShellSpans() {
    }

    static List<Span> of(String line) {
        List<Span> spans = new ArrayList<>();
        int commandStart = -1;
        int lastWordEnd = -1;
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '\n') {
                i += 2;
                continue;
            }
            if (c == '\'' || c == '"') {
                if (commandStart < 0) {
                    commandStart = i;
                }
                int close = line.indexOf(c, i + 1);
                i = close < 0 ? line.length() : close + 1;
                inWord = true;
                lastWordEnd = i;
                continue;
            }
            if (c == '#' && !inWord) {
                int newline = line.indexOf('\n', i);
                i = newline < 0 ? line.length() : newline;
                continue;
            }
            boolean separator = c == ';' || c == '\n' || c == '&' || c == '|';
            if (Character.isWhitespace(c) || separator) {
                inWord = false;
                if (separator && commandStart >= 0) {
                    spans.add(new Span(commandStart, lastWordEnd));
                    commandStart = -1;
                }
                i++;
                continue;
            }
            if (commandStart < 0) {
                commandStart = i;
            }
            inWord = true;
            i++;
            lastWordEnd = i;
        }
        if (commandStart >= 0) {
            spans.add(new Span(commandStart, lastWordEnd));
        }
        return spans.size() == ShellCommand.split(line).size() ? spans : null;
    }
}
