package dev.gotchals.syntax;

import dev.gotchals.text.InputEdit;
import dev.gotchals.text.TextDocument;
import org.treesitter.TSInputEdit;
import org.treesitter.TSInputEncoding;
import org.treesitter.TSParser;
import org.treesitter.TSParserProgress;
import org.treesitter.TSPoint;
import org.treesitter.TSReader;
import org.treesitter.TSTree;

import java.util.EnumMap;
import java.util.Map;

/**
 * Parses text with tree-sitter. A parser is not thread-safe, so each thread keeps one per language.
 * The text is handed over as real UTF-8 bytes through a reader: tree-sitter-ng's {@code parseString} passes
 * Java's modified UTF-8, whose byte offsets differ from UTF-8 for NUL and for characters outside the BMP.
 */
final class Parsers {
    private static final int READ_CHUNK = 64 * 1024;
    private static final ThreadLocal<Map<SourceLanguage, TSParser>> PARSERS =
            ThreadLocal.withInitial(() -> new EnumMap<>(SourceLanguage.class));

    private Parsers() {
    }

    /**
     * Parses {@code text}; {@code editedOldTree} is the previous tree after {@link #applyEdit} was called with every
     * edit that turned its text into this one, or null for a fresh parse.
     */
    static TSTree parse(SourceLanguage language, TextDocument text, TSTree editedOldTree) {
        TSTree tree = parse(language, text, editedOldTree, null);
        if (tree == null) {
            throw new IllegalStateException("tree-sitter returned no tree for " + language);
        }
        return tree;
    }

    /** Parses {@code text} from scratch, giving up (null) once {@code nanos} have passed. */
    static TSTree parseWithin(SourceLanguage language, TextDocument text, long nanos) {
        long giveUpAt = System.nanoTime() + nanos;
        TSTree tree = parse(language, text, null, state -> System.nanoTime() - giveUpAt > 0);
        if (tree == null) {
            // A cancelled parse leaves the parser mid-way; the next parse must start clean.
            PARSERS.get().get(language).reset();
        }
        return tree;
    }

    private static TSTree parse(SourceLanguage language, TextDocument text, TSTree editedOldTree,
                                TSParserProgress giveUp) {
        TSParser parser = PARSERS.get().computeIfAbsent(language, Parsers::newParser);
        byte[] bytes = language == SourceLanguage.DOCKERFILE ? DockerfileInput.withoutTrailingBlanks(text.utf8())
                : text.utf8();
        TSReader reader = (buffer, offset, point) -> {
            int count = Math.min(buffer.length, bytes.length - offset);
            if (count <= 0) {
                return 0;
            }
            System.arraycopy(bytes, offset, buffer, 0, count);
            return count;
        };
        byte[] chunk = new byte[Math.min(READ_CHUNK, Math.max(1, bytes.length))];
        return giveUp == null ? parser.parse(chunk, editedOldTree, reader, TSInputEncoding.TSInputEncodingUTF8)
                : parser.parseWithOptions(chunk, editedOldTree, reader, TSInputEncoding.TSInputEncodingUTF8, giveUp);
    }

    static void applyEdit(TSTree tree, InputEdit edit) {
        tree.edit(new TSInputEdit(edit.startByte(), edit.oldEndByte(), edit.newEndByte(),
                point(edit.startPoint()), point(edit.oldEndPoint()), point(edit.newEndPoint())));
    }

    private static TSPoint point(InputEdit.Point point) {
        return new TSPoint(point.row(), point.column());
    }

    private static TSParser newParser(SourceLanguage language) {
        TSParser parser = new TSParser();
        if (!parser.setLanguage(language.grammar())) {
            throw new IllegalStateException("tree-sitter cannot load the " + language + " grammar (ABI mismatch)");
        }
        return parser;
    }
}
