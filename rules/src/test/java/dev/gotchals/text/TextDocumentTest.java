package dev.gotchals.text;

import org.junit.jupiter.api.Test;

import static dev.gotchals.text.PositionEncoding.UTF16;
import static dev.gotchals.text.PositionEncoding.UTF8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextDocumentTest {
    private static TextPosition at(int line, int character) {
        return new TextPosition(line, character);
    }

    @Test
    void utf16ColumnsCountCodeUnitsAndUtf8ColumnsCountBytes() {
        TextDocument doc = TextDocument.of("é😀中x\n");
        int x = doc.text().indexOf('x');
        assertEquals(at(0, 4), doc.positionAt(x, UTF16)); // é=1, 😀=2, 中=1
        assertEquals(at(0, 9), doc.positionAt(x, UTF8)); // é=2, 😀=4, 中=3
        assertEquals(x, doc.offsetAt(at(0, 4), UTF16));
        assertEquals(x, doc.offsetAt(at(0, 9), UTF8));
        assertEquals(9, doc.byteOffsetAt(x));
    }

    @Test
    void crlfAndLoneCrEndLinesAndAreNotPartOfTheLine() {
        TextDocument doc = TextDocument.of("a\r\nbb\rccc\n");
        assertEquals(4, doc.lineCount());
        assertEquals("bb", doc.lineText(1));
        assertEquals("ccc", doc.lineText(2));
        assertEquals(at(2, 0), doc.positionAt(doc.text().indexOf('c'), UTF16));
        // A column past the end of a line means the end of the line, before its break.
        assertEquals(doc.text().indexOf("\r\n"), doc.offsetAt(at(0, 99), UTF16));
        assertFalse(doc.isValid(at(0, 2), UTF16));
        assertTrue(doc.isValid(at(0, 1), UTF16));
    }

    @Test
    void treeSitterPointsCountOnlyNewlinesAsRowBreaks() {
        TextDocument doc = TextDocument.of("a\rb\nc");
        // LSP sees three lines; tree-sitter two rows, with the lone \r inside row 0.
        assertEquals(3, doc.lineCount());
        assertEquals(new InputEdit.Point(0, 2), doc.pointAt(2));
        assertEquals(new InputEdit.Point(1, 0), doc.pointAt(4));
    }

    @Test
    void editsReportTreeSitterByteOffsetsAndPoints() {
        TextDocument doc = TextDocument.of("é\nab\n");
        TextDocument.Edited edited = doc.withEdit(3, 4, "😀x\n"); // replaces the "b"
        assertEquals("é\na😀x\n\n", edited.document().text());
        InputEdit edit = edited.edit();
        assertEquals(4, edit.startByte());
        assertEquals(5, edit.oldEndByte());
        assertEquals(10, edit.newEndByte());
        assertEquals(new InputEdit.Point(1, 1), edit.startPoint());
        assertEquals(new InputEdit.Point(1, 2), edit.oldEndPoint());
        assertEquals(new InputEdit.Point(2, 0), edit.newEndPoint());
    }

    @Test
    void editsAtTheVeryEndAndDeletionsAcrossLines() {
        TextDocument doc = TextDocument.of("one\ntwo\nthree");
        TextDocument appended = doc.withEdit(doc.length(), doc.length(), "\nfour").document();
        assertEquals("one\ntwo\nthree\nfour", appended.text());
        assertEquals(4, appended.lineCount());
        TextDocument joined = appended.withEdit(2, 10, "").document();
        assertEquals("onree\nfour", joined.text());
        assertEquals(2, joined.lineCount());
        assertEquals(at(1, 2), joined.positionAt(joined.length() - 2, UTF16));
    }

    @Test
    void anEditThatWouldSplitASurrogatePairTakesTheWholePair() {
        TextDocument doc = TextDocument.of("a😀b");
        TextDocument.Edited edited = doc.withEdit(2, 2, "X");
        // The bytes stay exactly what encoding the new text gives (lone surrogates become '?').
        assertEquals("a\uD83DX\uDE00b", edited.document().text());
        assertEquals(java.util.Arrays.toString(edited.document().text().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                java.util.Arrays.toString(edited.document().utf8()));
        assertEquals(1, edited.edit().startByte());
        assertEquals(5, edited.edit().oldEndByte());
    }

    @Test
    void editsInAndOutOfAsciiGiveTheTextAndBytesOfTheirResult() {
        TextDocument doc = TextDocument.of("RUN mkdir /app\n");
        for (String[] edit : new String[][] {{"4", "9", "install"}, {"0", "0", "é"}, {"0", "1", ""}, {"3", "3", "\uD83D"},
                {"0", "0", "# "}}) {
            doc = doc.withEdit(Integer.parseInt(edit[0]), Integer.parseInt(edit[1]), edit[2]).document();
            String expected = TextDocument.of(doc.text()).text();
            assertEquals(expected, doc.text());
            assertEquals(java.util.Arrays.toString(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    java.util.Arrays.toString(doc.utf8()));
        }
        assertEquals("# RUN\uD83D install /app\n", doc.text());
    }

    @Test
    void nulAndAstralCharactersKeepExactByteOffsets() {
        TextDocument doc = TextDocument.of("a\u0000😀b");
        assertEquals(7, doc.byteLength());
        assertEquals("b", doc.textOfBytes(6, 7));
        assertEquals(4, doc.offsetAtByte(6));
    }

    @Test
    void outOfRangeEditsAreRefused() {
        TextDocument doc = TextDocument.of("abc");
        assertThrows(IndexOutOfBoundsException.class, () -> doc.withEdit(2, 9, ""));
        assertThrows(IllegalArgumentException.class, () -> doc.offsetAt(at(-1, 0), UTF16));
    }
}
