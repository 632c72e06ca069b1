package dev.gotchals.syntax;

import dev.gotchals.text.TextDocument;
import org.treesitter.TSNode;
import org.treesitter.TSTree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reparses an edited Dockerfile by parsing only the instructions around the change. The grammar's top level is one
 * flat list of instructions, each ended by its own line-break token, and an instruction's parse depends on nothing
 * before that token: the parse of a whole file is the parses of its parts, cut where an instruction ends. So the
 * instructions the change touches, with one whole instruction on either side (a token looks ahead a little past its
 * end), are parsed alone and put between the unchanged ones before and the moved ones after. tree-sitter's own
 * incremental reparse and changed-range comparison instead walk every instruction of the file.
 *
 * <p>Gives up (null) whenever the cut might not hold: a text with syntax errors before or after, a heredoc
 * ({@code <<}) in the parsed part (its body runs on until its delimiter), a part whose last instruction does not end
 * with its line break where the cut is.
 */
final class InstructionSplice {
    private static final String LINE_BREAK = "\n";
    /** Bytes compared at once when looking for the end both texts share. */
    private static final int SUFFIX_BLOCK = 256;

    private InstructionSplice() {
    }

    /** The statements of {@code newText}, or null when this cannot tell them without a full reparse. */
    static Spliced reparse(SyntaxTree old, TextDocument newText) {
        byte[] before = old.text().utf8();
        byte[] after = newText.utf8();
        List<Node> statements = old.statements();
        int prefix = Arrays.mismatch(before, after);
        if (prefix < 0 || old.hasErrors()) {
            return null;
        }
        int suffix = commonSuffix(before, after, prefix);
        int oldChangeEnd = before.length - suffix;
        int delta = after.length - before.length;

        int from = itemStartBefore(statements, firstEndingAtOrAfter(statements, prefix));
        int to = itemEndAfter(statements, lastStartingAtOrBefore(statements, oldChangeEnd));
        int windowStart = from == 0 ? 0 : statements.get(from).startByte();
        int oldWindowEnd = to == statements.size() ? before.length : statements.get(to - 1).endByte();
        int newWindowEnd = oldWindowEnd + delta;
        if (windowStart > prefix || oldWindowEnd < oldChangeEnd || containsHeredoc(before, windowStart, oldWindowEnd)
                || containsHeredoc(after, windowStart, newWindowEnd)) {
            return null;
        }

        TextDocument window = TextDocument.of(newText.textOfBytes(windowStart, newWindowEnd));
        TSTree windowTree = Parsers.parse(SourceLanguage.DOCKERFILE, window, null);
        TSNode windowRoot = windowTree.getRootNode();
        if (windowRoot.hasError()) {
            return null;
        }
        List<Node> parsed = new NodeCopier(SourceLanguage.DOCKERFILE, newText, windowStart).copyChildren(windowRoot);
        boolean cutAfter = to < statements.size();
        if (cutAfter && (parsed.isEmpty() || !parsed.get(parsed.size() - 1).is(LINE_BREAK)
                || parsed.get(parsed.size() - 1).endByte() != newWindowEnd)) {
            return null;
        }

        List<Node> spliced = new ArrayList<>(statements.size() - (to - from) + parsed.size());
        spliced.addAll(statements.subList(0, from));
        spliced.addAll(parsed);
        for (Node moved : statements.subList(to, statements.size())) {
            spliced.add(moved.shifted(delta));
        }
        int rootStart = from == 0 ? windowStart + windowRoot.getStartByte() : old.root().startByte();
        int rootEnd = cutAfter ? old.root().endByte() + delta : windowStart + windowRoot.getEndByte();
        return new Spliced(new Node(old.root().type(), true, false, null, rootStart, rootEnd, List.copyOf(spliced),
                null));
    }

    /** The whole new tree's root, its statements spliced. */
    record Spliced(Node root) {
    }

    /**
     * The bytes both texts end with, at most {@code before.length - prefix} and {@code after.length - prefix}:
     * compared a block at a time from the end (a vectorised comparison), since an edit in the middle of a long file
     * leaves half of it to compare.
     */
    static int commonSuffix(byte[] before, byte[] after, int prefix) {
        int most = Math.min(before.length, after.length) - prefix;
        int suffix = 0;
        while (most - suffix >= SUFFIX_BLOCK && Arrays.equals(before, before.length - suffix - SUFFIX_BLOCK,
                before.length - suffix, after, after.length - suffix - SUFFIX_BLOCK, after.length - suffix)) {
            suffix += SUFFIX_BLOCK;
        }
        while (suffix < most && before[before.length - 1 - suffix] == after[after.length - 1 - suffix]) {
            suffix++;
        }
        return suffix;
    }

    /** The first statement ending at or after {@code offset}: statements are in order and do not overlap. */
    private static int firstEndingAtOrAfter(List<Node> statements, int offset) {
        int low = 0;
        int high = statements.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (statements.get(middle).endByte() < offset) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** The last statement starting at or before {@code offset}, -1 when none does. */
    private static int lastStartingAtOrBefore(List<Node> statements, int offset) {
        int low = 0;
        int high = statements.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (statements.get(middle).startByte() <= offset) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low - 1;
    }

    /**
     * The index of the statement that starts the item before the one holding {@code index}: two line breaks back;
     * 0 when the file starts sooner.
     */
    private static int itemStartBefore(List<Node> statements, int index) {
        int breaks = 0;
        for (int i = Math.min(index, statements.size()) - 1; i >= 0; i--) {
            if (statements.get(i).is(LINE_BREAK) && ++breaks == 2) {
                return i + 1;
            }
        }
        return 0;
    }

    /**
     * The index just past the line break that ends the item after the one holding {@code index}: the second line
     * break from it on; the number of statements when the file ends sooner.
     */
    private static int itemEndAfter(List<Node> statements, int index) {
        int breaks = 0;
        for (int i = Math.max(index, 0); i < statements.size(); i++) {
            if (statements.get(i).is(LINE_BREAK) && ++breaks == 2) {
                return i + 1;
            }
        }
        return statements.size();
    }

    private static boolean containsHeredoc(byte[] text, int start, int end) {
        for (int i = start; i + 1 < end; i++) {
            if (text[i] == '<' && text[i + 1] == '<') {
                return true;
            }
        }
        return false;
    }
}
