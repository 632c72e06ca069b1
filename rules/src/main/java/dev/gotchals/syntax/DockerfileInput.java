package dev.gotchals.syntax;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * What tree-sitter's Dockerfile grammar is given to read. Docker ends an instruction at the end of its line, but the
 * grammar lets a blank before the line break carry a COPY or ADD on into the next line ({@code COPY assets ./ }
 * followed by {@code RUN npm run build} parses as one COPY of six paths). Blanks that end a line are handed over as
 * carriage returns, which the grammar reads as part of the line break; every byte keeps its offset. An edit next
 * to such blanks changes how they are handed over, which tree-sitter's incremental parse sees: the blanks' token
 * looks ahead into the edit, so it is read again. After a line-continuing backslash, blanks and a carriage return are
 * handed over before the backslash: the grammar accepts neither between it and the line break when a comment line
 * follows (Docker does, and Windows line ends put a carriage return there in every continued line). A comment line
 * inside a continuation, which Docker drops, is handed over as blanks ending in a backslash where the grammar would
 * lose the rest of the file after it (an ENV, LABEL, EXPOSE or WORKDIR: {@code ENV A=1 \}, {@code # why},
 * {@code B=2}); a RUN, COPY or CMD keeps it as a comment, which may be a suppression directive. A quoted
 * {@code USER "${USER}"} is handed over without its quotes.
 */
final class DockerfileInput {
    /** Instructions whose continuations the grammar reads with comment lines in them. */
    private static final Set<String> COMMENTS_KEPT = Set.of("RUN", "COPY", "ADD", "CMD", "ENTRYPOINT", "HEALTHCHECK",
            "VOLUME", "SHELL", "ONBUILD");

    private DockerfileInput() {
    }

    /**
     * {@code utf8} with each space or tab that ends a line replaced by {@code \r}, and the blanks and carriage return
     * after a line-continuing backslash handed over as blanks before it; the same array when none does.
     */
    static byte[] withoutTrailingBlanks(byte[] utf8) {
        byte[] copy = null;
        boolean continued = false;
        String keyword = "";
        int lineStart = 0;
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] != '\n') {
                continue;
            }
            int start = lineStart;
            lineStart = i + 1;
            if (!continued && !isCommentLine(utf8, start, i)) {
                keyword = firstWord(utf8, start, i);
                if (keyword.equals("USER")) {
                    copy = unquotedUser(utf8, start, i, copy);
                }
            }
            if (continued && isCommentLine(utf8, start, i) && !COMMENTS_KEPT.contains(keyword)) {
                // Docker drops the line and the instruction goes on; a line of blanks continued by a backslash says so.
                copy = copy == null ? utf8.clone() : copy;
                for (int j = start; j < i - 1; j++) {
                    copy[j] = ' ';
                }
                copy[i - 1] = '\\';
                continue;
            }
            int blank = i - 1;
            while (blank >= 0 && (utf8[blank] == '\r' || isBlank(utf8[blank]))) {
                blank--;
            }
            continued = blank >= start && utf8[blank] == '\\';
            if (continued) {
                // A line continuation. Docker allows blanks and a carriage return after its backslash; the grammar
                // loses the rest of the file when a comment line follows them. They go before it, as blanks.
                if (blank + 1 < i) {
                    copy = copy == null ? utf8.clone() : copy;
                    blanksBeforeBackslash(blank, i, copy);
                }
                continue;
            }
            for (int j = blank + 1; j < i; j++) {
                if (isBlank(utf8[j])) {
                    copy = copy == null ? utf8.clone() : copy;
                    copy[j] = '\r';
                }
            }
        }
        return copy == null ? utf8 : copy;
    }

    /**
     * A {@code USER "${USER}"} line with its quotes handed over as blanks: Docker removes the quotes of the argument,
     * the grammar reads none there and loses the rest of the file after it. Returns {@code copy}, made from {@code utf8} when it was null and the line has quotes.
     */
    private static byte[] unquotedUser(byte[] utf8, int start, int end, byte[] copy) {
        int open = start;
        while (open < end && isBlank(utf8[open])) {
            open++;
        }
        open += "USER".length();
        while (open < end && isBlank(utf8[open])) {
            open++;
        }
        int close = end - 1;
        while (close > open && (utf8[close] == '\r' || isBlank(utf8[close]))) {
            close--;
        }
        if (close <= open || utf8[open] != utf8[close] || utf8[open] != '"' && utf8[open] != '\'') {
            return copy;
        }
        byte[] result = copy == null ? utf8.clone() : copy;
        result[open] = ' ';
        result[close] = ' ';
        return result;
    }

    /**
     * Writes {@code [backslash, end)} of {@code copy}, a backslash followed by blanks and carriage returns, as that many
     * blanks followed by the backslash.
     */
    private static void blanksBeforeBackslash(int backslash, int end, byte[] copy) {
        for (int j = backslash; j < end - 1; j++) {
            copy[j] = ' ';
        }
        copy[end - 1] = '\\';
    }

    /** The first word of {@code [start, end)}, upper case: an instruction's keyword. */
    private static String firstWord(byte[] utf8, int start, int end) {
        int first = start;
        while (first < end && isBlank(utf8[first])) {
            first++;
        }
        int last = first;
        while (last < end && (utf8[last] >= 'A' && utf8[last] <= 'Z' || utf8[last] >= 'a' && utf8[last] <= 'z')) {
            last++;
        }
        return new String(utf8, first, last - first, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
    }

    /** Whether {@code [start, end)} is a comment line: blanks, then {@code #}. */
    private static boolean isCommentLine(byte[] utf8, int start, int end) {
        int first = start;
        while (first < end && isBlank(utf8[first])) {
            first++;
        }
        return first < end && utf8[first] == '#';
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }
}
