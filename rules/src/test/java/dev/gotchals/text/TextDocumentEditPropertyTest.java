package dev.gotchals.text;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An edited document must answer every conversion exactly as a document built from the same text. */
class TextDocumentEditPropertyTest {
    /** Lone surrogates too: each is one char and one byte ('?'), like an ASCII char, but is not ASCII. */
    private static final String[] PIECES = {"a", "\n", "\r", "\r\n", "é", "😀", "中", "", "ab\ncd", "\r\r\n", "x\r",
        "\uD83D", "\uDE00", "?"};

    @Test
    void editedDocumentsConvertLikeFreshOnes() {
        Random random = new Random(7);
        for (int run = 0; run < 400; run++) {
            String text = "";
            TextDocument document = TextDocument.of(text);
            for (int step = 0; step < 25; step++) {
                int start = random.nextInt(text.length() + 1);
                int end = Math.min(text.length(), start + random.nextInt(4));
                String insert = PIECES[random.nextInt(PIECES.length)] + PIECES[random.nextInt(PIECES.length)];
                TextDocument.Edited edited = document.withEdit(start, end, insert);
                // The document may widen an edit that splits a surrogate pair; the result text is what counts.
                text = text.substring(0, start) + insert + text.substring(end);
                document = edited.document();
                assertSameAnswers(TextDocument.of(document.text()), document, "run " + run + " step " + step);
                assertEquals(text.replace("\uD83D\uDE00", "").length(), text.replace("\uD83D\uDE00", "").length());
            }
        }
    }

    private static void assertSameAnswers(TextDocument fresh, TextDocument edited, String where) {
        assertEquals(fresh.lineCount(), edited.lineCount(), where + ": line count of " + escape(fresh.text()));
        assertEquals(new String(fresh.utf8(), java.nio.charset.StandardCharsets.UTF_8),
                new String(edited.utf8(), java.nio.charset.StandardCharsets.UTF_8), where + ": bytes");
        for (int offset = 0; offset <= fresh.length(); offset++) {
            for (PositionEncoding encoding : PositionEncoding.values()) {
                assertEquals(fresh.positionAt(offset, encoding), edited.positionAt(offset, encoding), where + " at " + offset);
            }
            assertEquals(fresh.byteOffsetAt(offset), edited.byteOffsetAt(offset), where + " byte of " + offset);
            assertEquals(fresh.pointAt(offset), edited.pointAt(offset), where + " point of " + offset);
        }
    }

    private static String escape(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }
}
