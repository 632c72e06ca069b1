package dev.gotchals.syntax;

import dev.gotchals.text.TextDocument;
import org.treesitter.TSNode;
import org.treesitter.TSTree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Parses a long Dockerfile as two halves at once, the second on a thread of its own: opening a 20,000-line file
 * is mostly tree-sitter's parse and the copy of its nodes into Java, and a language server has a second core for it.
 * The cut holds as {@link InstructionSplice}'s does: an instruction's parse depends on nothing before the line break
 * that ends the one before it, so the cut is put at the start of a line that no backslash continues the line before
 * into (what {@link DockerfileInput} hands over is then the same for each half as for the whole), and the halves
 * are taken only when neither has a syntax error and the first ends with its own line break where the cut is.
 * A text with a heredoc ({@code <<}) anywhere is parsed whole: a heredoc's body runs on until its delimiter.
 */
final class DockerfileHalves {
    /** Below this, a parse takes a few milliseconds and a second thread gains nothing worth its hand-over. */
    static final int MIN_BYTES = 64 * 1024;
    private static final String LINE_BREAK = "\n";
    private static final ExecutorService SECOND_HALF = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gotcha-dockerfile-half");
        thread.setDaemon(true);
        return thread;
    });

    private DockerfileHalves() {
    }

    /** The root of {@code text}'s tree, parsed in two halves; null when the text is short or cannot be cut. */
    static Node parse(TextDocument text) {
        byte[] bytes = text.utf8();
        if (bytes.length < MIN_BYTES) {
            return null;
        }
        int cut = cutNear(bytes, bytes.length / 2);
        return cut < 0 ? null : parse(text, cut);
    }

    /** The root of {@code text}'s tree parsed as [0, cut) and [cut, end), or null when the cut does not hold. */
    static Node parse(TextDocument text, int cut) {
        byte[] bytes = text.utf8();
        if (containsHeredoc(bytes)) {
            return null;
        }
        CompletableFuture<Half> second = CompletableFuture.supplyAsync(
                () -> Half.parse(text, Arrays.copyOfRange(bytes, cut, bytes.length), cut), SECOND_HALF);
        Half first = Half.parse(text, Arrays.copyOf(bytes, cut), 0);
        Half last;
        try {
            last = second.join();
        } catch (CompletionException e) {
            return null; // the whole text is parsed instead
        }
        boolean firstEndsAtCut = !first.statements.isEmpty()
                && first.statements.get(first.statements.size() - 1).is(LINE_BREAK)
                && first.statements.get(first.statements.size() - 1).endByte() == cut;
        if (first.hasError || last.hasError || !firstEndsAtCut || last.statements.isEmpty()) {
            return null;
        }
        List<Node> statements = new ArrayList<>(first.statements.size() + last.statements.size());
        statements.addAll(first.statements);
        statements.addAll(last.statements);
        return new Node(first.rootType, true, false, null, first.rootStart, last.rootEnd, List.copyOf(statements), null);
    }

    /** One half's statements, copied to where they stand in the whole text, and what its root says. */
    private record Half(List<Node> statements, boolean hasError, String rootType, int rootStart, int rootEnd) {
        static Half parse(TextDocument whole, byte[] part, int offset) {
            TSTree tree = Parsers.parse(SourceLanguage.DOCKERFILE, part);
            TSNode root = tree.getRootNode();
            List<Node> statements = new NodeCopier(SourceLanguage.DOCKERFILE, whole, offset).copyChildren(root);
            return new Half(statements, root.hasError(), root.getType(), offset + root.getStartByte(),
                    offset + root.getEndByte());
        }
    }

    /**
     * The start of the first line at or after {@code middle} that starts with a letter (an instruction's keyword: the
     * grammar's line-break token takes in the blank lines after it) and whose line before is not a comment and is not
     * continued by a backslash (blanks and carriage returns after it included, as Docker allows); -1 when none is.
     */
    static int cutNear(byte[] bytes, int middle) {
        int lineStart = middle;
        while (lineStart > 0 && bytes[lineStart - 1] != '\n') {
            lineStart++;
            if (lineStart >= bytes.length) {
                return -1;
            }
        }
        while (lineStart > 0 && lineStart < bytes.length) {
            int previousStart = lineStart - 1;
            while (previousStart > 0 && bytes[previousStart - 1] != '\n') {
                previousStart--;
            }
            if (startsWithLetter(bytes, lineStart) && !isCommentOrContinued(bytes, previousStart, lineStart - 1)) {
                return lineStart;
            }
            lineStart = nextLineStart(bytes, lineStart);
        }
        return -1;
    }

    /** Whether the line [start, lineBreak) is a comment line or ends with a line-continuing backslash. */
    private static boolean isCommentOrContinued(byte[] bytes, int start, int lineBreak) {
        int first = start;
        while (first < lineBreak && (bytes[first] == ' ' || bytes[first] == '\t')) {
            first++;
        }
        int last = lineBreak - 1;
        while (last >= start && (bytes[last] == ' ' || bytes[last] == '\t' || bytes[last] == '\r')) {
            last--;
        }
        return first < lineBreak && bytes[first] == '#' || last >= start && bytes[last] == '\\';
    }

    private static boolean startsWithLetter(byte[] bytes, int at) {
        return at < bytes.length && (bytes[at] >= 'A' && bytes[at] <= 'Z' || bytes[at] >= 'a' && bytes[at] <= 'z');
    }

    private static int nextLineStart(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return bytes.length;
    }

    private static boolean containsHeredoc(byte[] bytes) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == '<' && bytes[i + 1] == '<') {
                return true;
            }
        }
        return false;
    }
}
