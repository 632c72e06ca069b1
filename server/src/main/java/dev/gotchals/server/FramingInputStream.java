package dev.gotchals.server;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Passes the client's stream to lsp4j as well-formed frames only. lsp4j's reader never recovers from a bad
 * {@code Content-Length}: once a frame is cut short or runs long, the rest of a body and the next header share a
 * line, no header is recognised again, and every later message is lost. Here a header block is accepted only
 * with a {@code Content-Length} of 0 to {@link #MAX_CONTENT_LENGTH}; anything else (a missing, non-numeric or
 * absurd length, a body without header, garbage between frames) is skipped up to the next
 * {@code Content-Length:}, even in the middle of a line. Bodies are copied as they come, not buffered: a body of
 * the wrong length still reaches lsp4j, which reports its JSON error, and the stream resynchronises on the next
 * header. The first skip is logged as a warning, the others at FINE: a broken client would otherwise log once
 * per keystroke.
 */
final class FramingInputStream extends InputStream {
    private static final Logger LOG = Logger.getLogger(FramingInputStream.class.getName());
    /** Larger than any message a sane editor sends (a 10 MB file, escaped), far smaller than a garbage number. */
    static final int MAX_CONTENT_LENGTH = 256 * 1024 * 1024;
    private static final String CONTENT_LENGTH = "content-length:";
    /** A header line longer than this is garbage; only its tail is kept, where a header may start. */
    private static final int MAX_LINE = 8192;

    private final InputStream in;
    private byte[] header = new byte[0];
    private int headerPosition;
    private long bodyLeft;
    private boolean ended;
    private int skips;

    FramingInputStream(InputStream in) {
        this.in = new BufferedInputStream(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (headerPosition == header.length && bodyLeft == 0 && !nextFrame()) {
            return -1;
        }
        if (headerPosition < header.length) {
            int n = Math.min(length, header.length - headerPosition);
            System.arraycopy(header, headerPosition, buffer, offset, n);
            headerPosition += n;
            return n;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, bodyLeft));
        if (n < 0) {
            ended = true;
            bodyLeft = 0;
            return -1;
        }
        bodyLeft -= n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads header lines up to the blank line of a valid frame; false at the end of the stream. */
    private boolean nextFrame() throws IOException {
        long length = -1;
        boolean headers = false;
        while (!ended) {
            String line = readLine();
            if (line == null) {
                ended = true;
                return false;
            }
            if (line.isEmpty()) {
                if (length >= 0) {
                    header = ("Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                    headerPosition = 0;
                    bodyLeft = length;
                    return true;
                }
                if (headers) {
                    skipped("a header without a valid Content-Length");
                    headers = false;
                }
                continue; // blank lines between frames
            }
            int at = line.toLowerCase(Locale.ROOT).lastIndexOf(CONTENT_LENGTH);
            if (at > 0) {
                skipped(at + " bytes of garbage before a header");
                line = line.substring(at);
                length = -1;
            }
            if (at >= 0) {
                headers = true;
                length = parseLength(line.substring(CONTENT_LENGTH.length()).trim());
            } else if (isHeader(line)) {
                headers = true;
            } else {
                skipped("a line that is no header");
                headers = false;
                length = -1;
            }
        }
        return false;
    }

    private static long parseLength(String value) {
        try {
            long length = Long.parseLong(value);
            return length >= 0 && length <= MAX_CONTENT_LENGTH ? length : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code Name: value}, with a name of header characters. */
    private static boolean isHeader(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char c = line.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** A line without its CR LF (or LF), as Latin-1; null at the end of the stream. */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                return null;
            }
            if (c != '\r') {
                line.append((char) c);
                if (line.length() > MAX_LINE) {
                    line.delete(0, line.length() - CONTENT_LENGTH.length() - 32);
                }
            }
        }
        return line.toString();
    }

    private void skipped(String what) {
        skips++;
        if (skips == 1) {
            LOG.warning("the client's stream is not framed as JSON-RPC (" + what + "); skipping to the next "
                    + "Content-Length header. Further framing errors are logged at FINE");
        } else {
            LOG.log(Level.FINE, "framing error #{0}: {1}", new Object[]{skips, what});
        }
    }
}
