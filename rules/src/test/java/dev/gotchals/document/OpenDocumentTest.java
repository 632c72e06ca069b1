package dev.gotchals.document;

import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.text.PositionEncoding;
import dev.gotchals.text.TextPosition;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OpenDocumentTest {
    private static TextChange replace(int l1, int c1, int l2, int c2, String text) {
        return TextChange.replace(new TextPosition(l1, c1), new TextPosition(l2, c2), text);
    }

    @Test
    void appliesABatchInOrderAndKeepsTheVersion() throws Exception {
        OpenDocument doc = new OpenDocument(Path.of("/p/config/prod.exs"), SourceLanguage.ELIXIR, PositionEncoding.UTF16,
                1, "config :logger, level: :debug\n");
        doc.apply(2, List.of(replace(0, 23, 0, 29, ":info"), replace(0, 0, 0, 0, "# prod\n")));
        DocumentSnapshot snapshot = doc.snapshot();
        assertEquals("# prod\nconfig :logger, level: :info\n", snapshot.text().text());
        assertEquals(2, snapshot.version());
        assertEquals(2, snapshot.tree().statements().size());
    }

    @Test
    void aChangeOutsideTheTextIsRejectedUntilAFullTextResync() throws Exception {
        OpenDocument doc = new OpenDocument(Path.of("/p/config/prod.exs"), SourceLanguage.ELIXIR, PositionEncoding.UTF16,
                1, "import Config\n");
        assertThrows(InvalidChangeException.class, () -> doc.apply(2, List.of(replace(5, 0, 5, 1, "x"))));
        assertNotNull(doc.outOfSync());
        // Further ranged changes are meaningless against a text that lost step with the editor's.
        assertThrows(InvalidChangeException.class, () -> doc.apply(3, List.of(replace(0, 0, 0, 0, "y"))));
        doc.apply(4, List.of(TextChange.full("import Config\nconfig :logger, level: :debug\n")));
        assertNull(doc.outOfSync());
        assertEquals(4, doc.snapshot().version());
        assertEquals(2, doc.snapshot().tree().statements().size());
    }

    @Test
    void utf8ClientsSendByteColumns() throws Exception {
        OpenDocument doc = new OpenDocument(Path.of("/p/Dockerfile"), SourceLanguage.DOCKERFILE, PositionEncoding.UTF8,
                1, "# é😀\nFROM debian\n");
        doc.apply(2, List.of(replace(0, 8, 0, 8, "!"))); // after "# é😀": 2 + 2 + 4 bytes
        assertEquals("# é😀!\nFROM debian\n", doc.text());
    }

    @Test
    void plainTextFilesHaveNoTree() {
        OpenDocument doc = new OpenDocument(Path.of("/p/Procfile"), null, PositionEncoding.UTF16, 1, "web: bin/server\n");
        assertNull(doc.snapshot().tree());
    }
}
