package dev.gotchals.server;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What lsp4j reads through {@link FramingInputStream}: well-formed frames only, resynchronised after garbage. */
class FramingInputStreamTest {
    private static final String A = "{\"a\":1}";
    private static final String B = "{\"b\":22}";

    private static String frame(String body) {
        return "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static String through(String raw) throws IOException {
        return through(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String through(byte[] raw) throws IOException {
        try (InputStream in = new FramingInputStream(new ByteArrayInputStream(raw))) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void wellFormedFramesPassUnchangedApartFromTheirHeaders() throws IOException {
        assertEquals(frame(A) + frame(B), through(frame(A) + frame(B)));
        assertEquals(frame(A), through("content-length:7\nContent-Type: application/vscode-jsonrpc; charset=utf-8\n\n" + A));
        assertEquals(frame(A) + frame(""), through("\r\n\r\n" + frame(A) + "\r\n" + frame("")));
    }

    @Test
    void aBodyCutShortResynchronisesOnTheNextHeader() throws IOException {
        String raw = "Content-Length: 4\r\n\r\n" + A + frame(B);   // 3 bytes of A are left over before B's header
        assertEquals("Content-Length: 4\r\n\r\n{\"a\"" + frame(B), through(raw));
    }

    @Test
    void aBodyThatRunsLongTakesTheNextFrameAndTheOneAfterIsKept() throws IOException {
        String raw = "Content-Length: 12\r\n\r\n" + A + frame(B) + frame(A);
        String swallowed = (A + frame(B)).substring(0, 12);
        assertEquals("Content-Length: 12\r\n\r\n" + swallowed + frame(A), through(raw));
    }

    @Test
    void headersWithoutAValidLengthAreSkipped() throws IOException {
        for (String header : new String[]{"Content-Length: abc", "Content-Length:", "Content-Length: -1",
                "Content-Length: 99999999999", "Content-Length: " + (FramingInputStream.MAX_CONTENT_LENGTH + 1),
                "Content-Type: application/json", "garbage"}) {
            assertEquals(frame(B), through(header + "\r\n\r\n" + A + frame(B)), header);
        }
    }

    @Test
    void aLongBinaryLineWithoutNewlinesIsSkippedUpToTheHeaderAtItsEnd() throws IOException {
        byte[] garbage = new byte[100_000];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 31 + 7);
            if (garbage[i] == '\n') {
                garbage[i] = 0;
            }
        }
        byte[] next = frame(B).getBytes(StandardCharsets.ISO_8859_1);
        byte[] raw = new byte[garbage.length + next.length];
        System.arraycopy(garbage, 0, raw, 0, garbage.length);
        System.arraycopy(next, 0, raw, garbage.length, next.length);
        assertEquals(frame(B), through(raw));
    }

    @Test
    void theStreamEndsInTheMiddleOfAHeaderOrABody() throws IOException {
        assertEquals("", through("Content-Len"));
        assertEquals("Content-Length: 50\r\n\r\n{\"a\"", through("Content-Length: 50\r\n\r\n{\"a\""));
    }
}
