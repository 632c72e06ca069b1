package dev.gotchals.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Speaks raw JSON-RPC to the real server: every message is built by hand and framed by hand, and every frame the
 * server sends back is parsed by hand, so that malformed input reaches the server exactly as a broken client
 * would send it. The server runs in-process ({@link ServerLauncher#serve} over pipes): {@code serve} returns the
 * code that {@code gotcha-ls lsp} passes to {@code System.exit}, and {@link ServerLauncher#exitHook} receives the
 * code of an {@code exit} notification, so exit codes are checked without starting a JVM per case (a real
 * {@code gotcha-ls lsp} process gives the same codes: 1 when stdin closes without shutdown, 0 after it).
 *
 * <p>The abuses of a running session share one server, in order, as an editor session of hours would: after each,
 * {@link #assertHealthy} opens {@code config/prod.exs} of the naive-debug-logging sample and expects its one GT007
 * diagnostic. The lifecycle abuses (before initialize, after shutdown, stdin closing) need servers of their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProtocolAbuseTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int PARSE_ERROR = -32700;
    private static final int INVALID_REQUEST = -32600;
    private static final int METHOD_NOT_FOUND = -32601;
    private static final int INVALID_PARAMS = -32602;
    private static final int SERVER_NOT_INITIALIZED = -32002;
    private static final int REQUEST_CANCELLED = -32800;
    /** 0-based line of {@code config :logger, level: :debug} in the sample's prod.exs. */
    private static final int DEBUG_LINE = 18;

    private Path root;
    private String prodUri;
    private String prodText;
    private int debugColumn;
    private Connection shared;
    /** Versions used by health checks: far from those the abuses use, and never reused. */
    private final AtomicInteger healthVersion = new AtomicInteger(100_000);
    private final AtomicInteger ids = new AtomicInteger();
    private IntConsumer originalExitHook;
    private final BlockingQueue<Integer> exitCodes = new LinkedBlockingQueue<>();

    @BeforeAll
    void startSharedServer(@TempDir Path temp) throws IOException {
        originalExitHook = ServerLauncher.exitHook;
        ServerLauncher.exitHook = exitCodes::add;
        root = copyWorkspace(temp, "naive-debug-logging");
        Path prod = root.resolve("config/prod.exs");
        prodUri = uri(prod);
        prodText = Files.readString(prod);
        String line = prodText.split("\n", -1)[DEBUG_LINE];
        assertEquals("config :logger, level: :debug", line, "sample file as the test expects it");
        debugColumn = line.indexOf(":debug");
        shared = Connection.start();
        initialize(shared);
        assertHealthy(shared, "start-up");
    }

    @AfterAll
    void stopSharedServer() {
        try {
            if (shared != null) {
                shared.close();
            }
        } finally {
            ServerLauncher.exitHook = originalExitHook;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // A running session

    @Test
    @Order(1)
    void malformedJsonIsReportedAndSkipped() {
        Connection c = shared;
        c.sendBody("{\"jsonrpc\":\"2.0\",\"id\":\"m0\",\"method\":\"textDocument/hover\",\"params\":");  // cut short
        c.sendBody("[1, 2, 3]");
        c.sendBody("\"just a string\"");
        c.sendBody("null");
        c.sendBody("");
        c.sendBody("{}");
        c.sendBody("{\"jsonrpc\":\"2.0\"}");
        c.sendBody("{\"jsonrpc\":\"2.0\",\"method\":42}");
        c.sendFrame(bytes("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":\"\u00ff\"}",
                new byte[]{(byte) 0xC3, (byte) 0x28, (byte) 0xFF}));                                    // invalid UTF-8
        c.sendBody("\u0000\u0001\u0002 binary garbage \u0007");
        // Well-formed JSON whose params do not fit the method: the request is answered with an error, by id.
        String wrongTypes = c.sendRequest("textDocument/hover", "{\"textDocument\":42,\"position\":\"here\"}");
        String noParams = c.sendRequest("textDocument/codeAction", null);
        String nullParams = c.sendRequest("textDocument/diagnostic", "null");
        // lsp4j answers params of the wrong shape with ParseError: the message, as typed, could not be parsed.
        assertError(c.awaitResponse(wrongTypes), PARSE_ERROR, INVALID_PARAMS);
        assertError(c.awaitResponse(noParams), INVALID_PARAMS);
        assertError(c.awaitResponse(nullParams), INVALID_PARAMS);
        assertHealthy(c, "malformed JSON");
    }

    @Test
    @Order(2)
    void contentLengthTooShort() {
        Connection c = shared;
        String lost = "{\"jsonrpc\":\"2.0\",\"id\":\"lost-short\",\"method\":\"textDocument/hover\",\"params\":{"
                + "\"textDocument\":{\"uri\":\"" + prodUri + "\"},\"position\":{\"line\":0,\"character\":0}}}";
        c.sendRaw(("Content-Length: " + (utf8Length(lost) - 12) + "\r\n\r\n" + lost).getBytes(StandardCharsets.UTF_8));
        assertHealthy(c, "a Content-Length 12 bytes too short");
    }

    @Test
    @Order(3)
    void contentLengthTooLong() {
        Connection c = shared;
        // The server takes the first bytes of the next message as the rest of this one: both are lost, the
        // stream must resynchronise on the message after.
        String first = "{\"jsonrpc\":\"2.0\",\"method\":\"$/first\",\"params\":{}}";
        String swallowed = "{\"jsonrpc\":\"2.0\",\"method\":\"$/swallowed\",\"params\":{\"padding\":\"" + "x".repeat(64) + "\"}}";
        c.sendRaw(("Content-Length: " + (utf8Length(first) + 20) + "\r\n\r\n" + first).getBytes(StandardCharsets.UTF_8));
        c.sendBody(swallowed);
        assertHealthy(c, "a Content-Length 20 bytes too long");
    }

    @Test
    @Order(4)
    void contentLengthNotANumberOrMissingOrAbsurd() {
        Connection c = shared;
        String body = "{\"jsonrpc\":\"2.0\",\"method\":\"$/garbage\",\"params\":{}}";
        for (String header : List.of("Content-Length: abc", "Content-Length: ", "Content-Length: -5",
                "Content-Length: 99999999999", "Content-Length: 2147483647", "Content-Type: application/json",
                "Content-Length 42", "no header at all")) {
            c.sendRaw((header + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            assertHealthy(c, "header \"" + header + "\"");
        }
        c.sendRaw("\r\n\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        // Headers in another case and order, with a charset, are still a frame.
        String hoverId = "ok-" + ids.incrementAndGet();
        String hover = "{\"jsonrpc\":\"2.0\",\"id\":\"" + hoverId + "\",\"method\":\"textDocument/hover\",\"params\":{"
                + "\"textDocument\":{\"uri\":\"" + prodUri + "\"},\"position\":{\"line\":0,\"character\":0}}}";
        c.sendRaw(("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: " + utf8Length(hover)
                + "\r\n\r\n" + hover).getBytes(StandardCharsets.UTF_8));
        JsonObject answer = c.awaitResponse(hoverId);
        assertTrue(answer.has("result"), answer.toString());
        assertHealthy(c, "blank lines between frames");
    }

    @Test
    @Order(5)
    void unknownMethodsAndNotifications() {
        Connection c = shared;
        int before = c.frames.size();
        String unknown = c.sendRequest("gotcha/doesNotExist", "{}");
        String unknownText = c.sendRequest("textDocument/definition", "{\"textDocument\":{\"uri\":\"" + prodUri
                + "\"},\"position\":{\"line\":0,\"character\":0}}");
        String dollar = c.sendRequest("$/gotchaPrivateRequest", "{}");
        c.sendNotification("gotcha/noSuchNotification", "{\"a\":1}");
        c.sendNotification("$/setTrace", "{\"value\":\"verbose\"}");
        c.sendNotification("$/logTrace", "{\"message\":\"hi\"}");
        c.sendNotification("$/progress", "{\"token\":1,\"value\":{}}");
        c.sendNotification("workspace/didChangeConfiguration", "{\"settings\":{}}");
        c.sendNotification("$/anything/at/all", null);
        int logsBefore = c.logs.size();
        for (int i = 0; i < 100; i++) {
            c.sendNotification("gotcha/sentOnEveryKeystroke", "{\"i\":" + i + "}");
        }
        assertError(c.awaitResponse(unknown), METHOD_NOT_FOUND);
        assertError(c.awaitResponse(unknownText), METHOD_NOT_FOUND);
        // LSP: a "$/" request the server does not know is answered with MethodNotFound too.
        assertError(c.awaitResponse(dollar), METHOD_NOT_FOUND);
        String last = c.roundTrip();
        List<String> answered = c.frames.subList(before, c.frames.size()).stream()
                .filter(f -> f.has("id") && !f.has("method")).map(f -> f.get("id").getAsString()).toList();
        assertEquals(List.of(unknown, unknownText, dollar, last), answered, "requests are answered, notifications not");
        long logged = c.logs.subList(logsBefore, c.logs.size()).stream()
                .filter(log -> log.toString().contains("gotcha/sentOnEveryKeystroke")).count();
        assertEquals(1, logged, "an unknown notification is logged once, not 100 times");
        assertHealthy(c, "unknown methods and notifications");
    }

    @Test
    @Order(6)
    void aThousandChangesToADocumentNeverOpenedAreIgnoredAndLoggedOnce() {
        Connection c = shared;
        String ghost = uri(root.resolve("lib/blog/ghost.ex"));
        int logsBefore = c.logs.size();
        StringBuilder burst = new StringBuilder();
        for (int version = 1; version <= 1000; version++) {
            burst.append(frame(notification("textDocument/didChange", "{\"textDocument\":{\"uri\":\"" + ghost
                    + "\",\"version\":" + version + "},\"contentChanges\":[{\"range\":{\"start\":{\"line\":0,\"character\":0},"
                    + "\"end\":{\"line\":0,\"character\":0}},\"text\":\"x\"}]}")));
        }
        c.sendRaw(burst.toString().getBytes(StandardCharsets.UTF_8));
        c.roundTrip();
        List<JsonObject> about = c.logs.subList(logsBefore, c.logs.size()).stream()
                .filter(log -> log.getAsJsonObject("params").get("message").getAsString().contains("ghost.ex")).toList();
        assertTrue(about.size() >= 1, "the client is told once that it changes a document it never opened");
        assertTrue(about.size() <= 3, "logged once, not per keystroke: " + about.size() + " log messages");
        assertTrue(c.diagnosticsFor(ghost).isEmpty(), "nothing published for a document never opened");
        assertHealthy(c, "1,000 didChange for a document never opened");
    }

    @Test
    @Order(7)
    void versionsThatGoBackwards() {
        Connection c = shared;
        c.open(prodUri, 10, prodText);
        c.awaitDiagnostics(prodUri, 10, 1);
        c.changeFull(prodUri, 11, prodText.replace("level: :debug", "level: :info"));
        c.awaitDiagnostics(prodUri, 11, 0);
        c.changeFull(prodUri, 5, prodText);                      // back in time, with the :debug text again
        c.awaitDiagnostics(prodUri, 5, 1);
        c.changeFull(prodUri, 5, prodText.replace("level: :debug", "level: :warning"));  // the same version again
        c.pull(prodUri);
        JsonObject last = c.lastDiagnostics(prodUri);
        assertEquals(5, last.getAsJsonObject("params").get("version").getAsInt());
        assertEquals(0, last.getAsJsonObject("params").getAsJsonArray("diagnostics").size(),
                "the last publish is for the last text: " + last);
        c.close(prodUri);
        assertHealthy(c, "versions going backwards");
    }

    @Test
    @Order(8)
    void rangesPastTheEndOfTheDocument() {
        Connection c = shared;
        int logsBefore = c.logs.size();
        c.open(prodUri, 1, prodText);
        c.awaitDiagnostics(prodUri, 1, 1);
        int lines = prodText.split("\n", -1).length;
        List<String> ranges = List.of(
                range(lines + 100, 0, lines + 100, 0),                // lines that do not exist
                range(0, 10_000, 0, 10_000),                          // past the end of a line
                range(3, 0, 1, 0),                                    // end before start
                range(-1, -1, -1, -1),                                // negative
                range(0, 0, Integer.MAX_VALUE, Integer.MAX_VALUE));
        int version = 1;
        for (int repeat = 0; repeat < 20; repeat++) {
            for (String range : ranges) {
                version++;
                c.sendNotification("textDocument/didChange", "{\"textDocument\":{\"uri\":\"" + prodUri + "\",\"version\":"
                        + version + "},\"contentChanges\":[{\"range\":" + range + ",\"text\":\"oops\"}]}");
            }
        }
        c.roundTrip();
        long warnings = c.logs.subList(logsBefore, c.logs.size()).stream()
                .filter(log -> log.getAsJsonObject("params").get("message").getAsString().contains("prod.exs")).count();
        assertTrue(warnings <= 5, "bad ranges are logged once, not per keystroke: " + warnings);
        // A full-text change brings the document back in sync, and diagnostics come back with it.
        version++;
        c.changeFull(prodUri, version, "# a new first line\n" + prodText);
        JsonObject published = c.awaitDiagnostics(prodUri, version, 1);
        assertEquals(DEBUG_LINE + 1, firstDiagnostic(published).getAsJsonObject("range").getAsJsonObject("start")
                .get("line").getAsInt());
        c.close(prodUri);
        assertHealthy(c, "ranges past the end of the document");
    }

    @Test
    @Order(9)
    void didOpenOfADocumentAlreadyOpen() {
        Connection c = shared;
        c.open(prodUri, 1, prodText.replace("level: :debug", "level: :info"));
        c.awaitDiagnostics(prodUri, 1, 0);
        c.open(prodUri, 2, prodText);                            // again, with other text: the newer text wins
        c.awaitDiagnostics(prodUri, 2, 1);
        c.open(prodUri, 1, prodText.replace("level: :debug", "level: :error"));  // and with an older version
        c.awaitDiagnostics(prodUri, 1, 0);
        c.close(prodUri);
        assertHealthy(c, "didOpen of a document already open");
    }

    @Test
    @Order(10)
    void didCloseTwiceAndOfADocumentNeverOpened() {
        Connection c = shared;
        c.open(prodUri, 3, prodText);
        c.awaitDiagnostics(prodUri, 3, 1);
        c.close(prodUri);
        c.close(prodUri);
        c.close(uri(root.resolve("lib/blog/never_opened.ex")));
        c.close("file:///does/not/exist.ex");
        c.close("not a uri at all");
        c.roundTrip();
        assertHealthy(c, "didClose twice");
    }

    @Test
    @Order(11)
    void aBurstOfAThousandChangesEndsWithTheDiagnosticsOfTheLastVersion() {
        Connection c = shared;
        int publishedBefore = c.diagnosticsFor(prodUri).size();
        c.open(prodUri, 1, prodText);
        c.awaitDiagnostics(prodUri, 1, 1);
        // 999 keystrokes type a comment on the empty line 1, sent in one write, as fast as the pipe takes them;
        // the 1,000th inserts a line at the top, which moves the finding one line down.
        StringBuilder burst = new StringBuilder();
        int version = 1;
        for (int i = 0; i < 999; i++) {
            version++;
            burst.append(frame(notification("textDocument/didChange", "{\"textDocument\":{\"uri\":\"" + prodUri
                    + "\",\"version\":" + version + "},\"contentChanges\":[{\"range\":" + range(1, i, 1, i)
                    + ",\"text\":\"" + (i == 0 ? "#" : "a") + "\"}]}")));
        }
        version++;
        burst.append(frame(notification("textDocument/didChange", "{\"textDocument\":{\"uri\":\"" + prodUri
                + "\",\"version\":" + version + "},\"contentChanges\":[{\"range\":" + range(0, 0, 0, 0)
                + ",\"text\":\"\\n\"}]}")));
        assertEquals(1001, version);
        c.sendRaw(burst.toString().getBytes(StandardCharsets.UTF_8));

        JsonObject last = c.awaitDiagnostics(prodUri, 1001, 1);
        JsonObject range = firstDiagnostic(last).getAsJsonObject("range");
        assertEquals(range(DEBUG_LINE + 1, debugColumn, DEBUG_LINE + 1, debugColumn + ":debug".length()),
                range.toString().replace(" ", ""));
        // Pulled diagnostics agree, and nothing older is published after the last version's.
        JsonArray pulled = c.pull(prodUri);
        assertEquals(1, pulled.size(), pulled.toString());
        assertEquals(range, pulled.get(0).getAsJsonObject().getAsJsonObject("range"));
        assertEquals(last, c.lastDiagnostics(prodUri));
        List<JsonObject> publishes = c.diagnosticsFor(prodUri);
        // From the open's publish on: a publish of the file on disk that an earlier test caused may still arrive
        // between the count above and the open.
        int opened = publishedBefore;
        while (version(publishes.get(opened)) != 1) {
            opened++;
        }
        int previous = 0;
        for (JsonObject publish : publishes.subList(opened, publishes.size())) {
            assertTrue(version(publish) >= previous, "published versions go forward: " + previous + " then " + version(publish));
            previous = version(publish);
        }
        c.close(prodUri);
        assertHealthy(c, "a burst of 1,000 changes");
    }

    @Test
    @Order(12)
    void cancelEveryRequestKind() {
        Connection c = shared;
        int logsBefore = c.logs.size();
        c.open(prodUri, 7, prodText);
        c.awaitDiagnostics(prodUri, 7, 1);
        String textDocument = "{\"uri\":\"" + prodUri + "\"}";
        String debug = range(DEBUG_LINE, debugColumn, DEBUG_LINE, debugColumn + 1);
        Map<String, String> requests = Map.of(
                "textDocument/hover", "{\"textDocument\":" + textDocument + ",\"position\":{\"line\":" + DEBUG_LINE
                        + ",\"character\":" + (debugColumn + 1) + "}}",
                "textDocument/codeAction", "{\"textDocument\":" + textDocument + ",\"range\":" + debug
                        + ",\"context\":{\"diagnostics\":[]}}",
                "textDocument/diagnostic", "{\"textDocument\":" + textDocument + "}",
                "gotcha/unknown", "{}");
        for (int round = 0; round < 3; round++) {
            for (Map.Entry<String, String> request : requests.entrySet()) {
                String id = "cancel-" + ids.incrementAndGet();
                String message = frame(request(id, request.getKey(), request.getValue()));
                String cancel = frame(notification("$/cancelRequest", "{\"id\":\"" + id + "\"}"));
                // Round 0: the cancel arrives in the same write; round 1: before the request; round 2: twice, after.
                String burst = round == 0 ? message + cancel : round == 1 ? cancel + message : message + cancel + cancel;
                c.sendRaw(burst.getBytes(StandardCharsets.UTF_8));
                JsonObject answer = c.awaitResponse(id);
                if (answer.has("error")) {
                    int code = answer.getAsJsonObject("error").get("code").getAsInt();
                    assertTrue(code == REQUEST_CANCELLED || request.getKey().startsWith("gotcha/") && code == METHOD_NOT_FOUND,
                            request.getKey() + ": " + answer);
                } else {
                    assertTrue(answer.has("result"), answer.toString());
                }
            }
        }
        // Cancelling what does not exist: numeric and string ids never sent, and an id of the wrong type.
        c.sendNotification("$/cancelRequest", "{\"id\":987654}");
        c.sendNotification("$/cancelRequest", "{\"id\":\"never-sent\"}");
        c.sendNotification("$/cancelRequest", "{\"id\":{\"nested\":true}}");
        c.sendNotification("$/cancelRequest", null);
        c.roundTrip();
        // Cancelling an answered request is routine (editors do it as the user types): no log line per cancel.
        List<JsonObject> aboutCancels = c.logs.subList(logsBefore, c.logs.size()).stream()
                .filter(log -> log.toString().contains("cancel-") || log.toString().contains("never-sent")
                        || log.toString().contains("987654")).toList();
        assertEquals(List.of(), aboutCancels);
        c.close(prodUri);
        assertHealthy(c, "$/cancelRequest for every request kind");
    }

    // ---------------------------------------------------------------------------------------------------------
    // The lifecycle: servers of their own

    @Test
    @Order(20)
    void requestsBeforeInitializeAreRefusedAndNotificationsDropped() throws IOException {
        try (Connection c = Connection.start()) {
            List<String> refused = new ArrayList<>();
            refused.add(c.sendRequest("textDocument/hover", "{\"textDocument\":{\"uri\":\"" + prodUri
                    + "\"},\"position\":{\"line\":0,\"character\":0}}"));
            refused.add(c.sendRequest("textDocument/codeAction", "{\"textDocument\":{\"uri\":\"" + prodUri + "\"},\"range\":"
                    + range(0, 0, 0, 0) + ",\"context\":{\"diagnostics\":[]}}"));
            refused.add(c.sendRequest("textDocument/diagnostic", "{\"textDocument\":{\"uri\":\"" + prodUri + "\"}}"));
            refused.add(c.sendRequest("gotcha/unknown", "{}"));
            refused.add(c.sendRequest("shutdown", null));
            c.open(prodUri, 77, prodText);                     // dropped: the server knows no workspace yet
            c.sendNotification("initialized", "{}");
            c.sendNotification("$/cancelRequest", "{\"id\":\"" + refused.get(0) + "\"}");
            for (String id : refused) {
                assertError(c.awaitResponse(id), SERVER_NOT_INITIALIZED);
            }
            // initialize itself, with a cancel on its heels: answered (or cancelled, and then asked again).
            String init = "init-" + ids.incrementAndGet();
            c.sendRaw((frame(request(init, "initialize", initializeParams()))
                    + frame(notification("$/cancelRequest", "{\"id\":\"" + init + "\"}"))).getBytes(StandardCharsets.UTF_8));
            JsonObject answer = c.awaitResponse(init);
            if (answer.has("error")) {
                assertError(answer, REQUEST_CANCELLED);
                initialize(c);
            } else {
                assertTrue(answer.getAsJsonObject("result").has("capabilities"), answer.toString());
                c.sendNotification("initialized", "{}");
            }
            assertHealthy(c, "requests and notifications before initialize");
            assertTrue(c.diagnosticsFor(prodUri).stream().noneMatch(p -> version(p) == 77),
                    "the didOpen sent before initialize was dropped");
            // A second initialize is a protocol error too.
            assertError(c.awaitResponse(c.sendRequest("initialize", initializeParams())), INVALID_REQUEST);
            assertHealthy(c, "a second initialize");
            c.sendRequest("shutdown", null);
            c.disconnect();
            assertEquals(0, c.awaitServeResult());
        }
    }

    @Test
    @Order(21)
    void requestsAfterShutdownAreInvalidAndExitSaysZero() throws IOException {
        try (Connection c = Connection.start()) {
            initialize(c);
            c.open(prodUri, 1, prodText);
            c.awaitDiagnostics(prodUri, 1, 1);
            String shutdown = "shutdown-" + ids.incrementAndGet();
            c.sendRaw((frame(request(shutdown, "shutdown", null))
                    + frame(notification("$/cancelRequest", "{\"id\":\"" + shutdown + "\"}"))).getBytes(StandardCharsets.UTF_8));
            JsonObject answer = c.awaitResponse(shutdown);
            assertTrue(answer.has("result") && answer.get("result").isJsonNull(), "shutdown answers null: " + answer);

            List<String> refused = new ArrayList<>();
            refused.add(c.sendRequest("textDocument/hover", "{\"textDocument\":{\"uri\":\"" + prodUri
                    + "\"},\"position\":{\"line\":" + DEBUG_LINE + ",\"character\":" + (debugColumn + 1) + "}}"));
            refused.add(c.sendRequest("textDocument/codeAction", "{\"textDocument\":{\"uri\":\"" + prodUri + "\"},\"range\":"
                    + range(DEBUG_LINE, 0, DEBUG_LINE, 0) + ",\"context\":{\"diagnostics\":[]}}"));
            refused.add(c.sendRequest("textDocument/diagnostic", "{\"textDocument\":{\"uri\":\"" + prodUri + "\"}}"));
            refused.add(c.sendRequest("gotcha/unknown", "{}"));
            refused.add(c.sendRequest("initialize", initializeParams()));
            refused.add(c.sendRequest("shutdown", null));
            // Notifications after shutdown are dropped (the analysis thread is gone): no error, no publish.
            c.changeFull(prodUri, 2, prodText.replace("level: :debug", "level: :info"));
            c.open(uri(root.resolve("config/dev.exs")), 1, "import Config\n");
            for (String id : refused) {
                assertError(c.awaitResponse(id), INVALID_REQUEST);
            }
            assertTrue(c.diagnosticsFor(prodUri).stream().noneMatch(p -> version(p) == 2), "nothing analysed after shutdown");
            assertFalse(c.serverStopped(), "the server waits for exit");

            exitCodes.clear();
            c.sendNotification("exit", null);
            assertEquals(0, poll(exitCodes, "the exit code"), "exit after shutdown: 0");
            c.disconnect();
            assertEquals(0, c.awaitServeResult());
        }
    }

    @Test
    @Order(22)
    void exitWithoutShutdownSaysOne() throws IOException {
        try (Connection c = Connection.start()) {
            initialize(c);
            assertHealthy(c, "start-up");
            exitCodes.clear();
            c.sendNotification("exit", null);
            assertEquals(1, poll(exitCodes, "the exit code"), "exit without shutdown: 1");
        }
        try (Connection c = Connection.start()) {
            exitCodes.clear();
            c.sendNotification("exit", null);                  // before initialize: exit is the one notification kept
            assertEquals(1, poll(exitCodes, "the exit code"), "exit before initialize: 1");
        }
    }

    @Test
    @Order(23)
    void stdinClosingEndsTheServerPromptlyWithOne() throws IOException {
        // After a normal session, without shutdown.
        try (Connection c = Connection.start()) {
            initialize(c);
            assertHealthy(c, "start-up");
            c.open(prodUri, 1, prodText);
            c.awaitDiagnostics(prodUri, 1, 1);
            c.disconnect();
            assertEquals(1, c.awaitServeResult(), "stdin closed without shutdown: exit code 1");
        }
        // In the middle of a frame, with an analysis queued.
        try (Connection c = Connection.start()) {
            initialize(c);
            c.open(prodUri, 1, prodText);
            c.sendRaw("Content-Length: 500\r\n\r\n{\"jsonrpc\":\"2.0\",".getBytes(StandardCharsets.UTF_8));
            c.disconnect();
            assertEquals(1, c.awaitServeResult(), "stdin closed mid-frame: exit code 1");
        }
        // Before initialize, and in the middle of a header.
        try (Connection c = Connection.start()) {
            c.sendRaw("Content-Len".getBytes(StandardCharsets.UTF_8));
            c.disconnect();
            assertEquals(1, c.awaitServeResult(), "stdin closed before initialize: exit code 1");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Health check and helpers

    /** The server still answers a normal didOpen with the right diagnostics, and a request with its result. */
    private void assertHealthy(Connection c, String after) {
        int version = healthVersion.incrementAndGet();
        try {
            c.open(prodUri, version, prodText);
            JsonObject published = c.awaitDiagnostics(prodUri, version, 1);
            JsonObject diagnostic = firstDiagnostic(published);
            assertEquals("GT007", diagnostic.get("code").getAsString());
            assertEquals(range(DEBUG_LINE, debugColumn, DEBUG_LINE, debugColumn + ":debug".length()),
                    diagnostic.getAsJsonObject("range").toString());
            JsonArray pulled = c.pull(prodUri);
            assertEquals(1, pulled.size(), pulled.toString());
            c.close(prodUri);
            c.roundTrip();
            assertEquals(List.of(), c.malformedFromServer, "every frame the server sent is well-formed JSON-RPC");
            assertFalse(c.serverStopped(), "the server is still running");
        } catch (AssertionError e) {
            throw new AssertionError("the server is not healthy after " + after + ": " + e.getMessage(), e);
        }
    }

    private void initialize(Connection c) {
        JsonObject answer = c.awaitResponse(c.sendRequest("initialize", initializeParams()));
        assertTrue(answer.has("result"), answer.toString());
        c.sendNotification("initialized", "{}");
    }

    private String initializeParams() {
        return "{\"processId\":null,\"rootUri\":null,\"capabilities\":{\"textDocument\":{\"publishDiagnostics\":"
                + "{\"versionSupport\":true}}},\"workspaceFolders\":[{\"uri\":\"" + uri(root) + "\",\"name\":\"sample\"}]}";
    }

    private static JsonObject firstDiagnostic(JsonObject published) {
        return published.getAsJsonObject("params").getAsJsonArray("diagnostics").get(0).getAsJsonObject();
    }

    private static int version(JsonObject publish) {
        JsonElement version = publish.getAsJsonObject("params").get("version");
        return version == null || version.isJsonNull() ? -1 : version.getAsInt();
    }

    private static void assertError(JsonObject response, int... codes) {
        assertTrue(response.has("error") && !response.has("result"), "an error response: " + response);
        int code = response.getAsJsonObject("error").get("code").getAsInt();
        for (int expected : codes) {
            if (code == expected) {
                return;
            }
        }
        fail("error code " + code + ", expected one of " + java.util.Arrays.toString(codes) + ": " + response);
    }

    private static String range(int startLine, int startCharacter, int endLine, int endCharacter) {
        return "{\"start\":{\"line\":" + startLine + ",\"character\":" + startCharacter + "},\"end\":{\"line\":"
                + endLine + ",\"character\":" + endCharacter + "}}";
    }

    private static String request(String id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"" + method + "\""
                + (params == null ? "" : ",\"params\":" + params) + "}";
    }

    private static String notification(String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\"" + (params == null ? "" : ",\"params\":" + params) + "}";
    }

    private static String frame(String body) {
        return "Content-Length: " + utf8Length(body) + "\r\n\r\n" + body;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static byte[] bytes(String prefix, byte[] suffix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(suffix);
        return out.toByteArray();
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String uri(Path path) {
        return path.toAbsolutePath().normalize().toUri().toString();
    }

    private static <T> T poll(BlockingQueue<T> queue, String what) {
        try {
            T next = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return next != null ? next : fail("timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted waiting for " + what);
        }
    }

    private static Path copyWorkspace(Path temp, String name) {
        Path source = repoRoot().resolve("test-workspaces").resolve(name);
        Path target = temp.resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    private static Path repoRoot() {
        String configured = System.getProperty("gotcha.repoRoot");
        if (configured != null && !configured.isBlank() && Files.isDirectory(Path.of(configured, "test-workspaces"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("test-workspaces"))) {
                return dir;
            }
        }
        return fail("no test-workspaces/ above " + Path.of("").toAbsolutePath());
    }

    /**
     * One client connection to a server running {@link ServerLauncher#serve} on its own thread. Writes are raw
     * bytes; a reader thread splits what the server sends into frames by their Content-Length, parses each as
     * JSON and files it: responses by id, diagnostics and log messages in order of arrival. Requests from the
     * server (there are none for this client's capabilities) get a null result.
     */
    static final class Connection implements AutoCloseable {
        private static final int PIPE_BUFFER = 1 << 20;
        private final AtomicInteger ids = new AtomicInteger();
        private final PipedOutputStream toServer;
        private final CompletableFuture<Integer> serveResult = new CompletableFuture<>();
        private final Map<String, CompletableFuture<JsonObject>> responses = new ConcurrentHashMap<>();
        private final Map<String, BlockingQueue<JsonObject>> diagnostics = new ConcurrentHashMap<>();
        private final List<JsonObject> diagnosticsHistory = new CopyOnWriteArrayList<>();
        final List<JsonObject> frames = new CopyOnWriteArrayList<>();
        final List<JsonObject> logs = new CopyOnWriteArrayList<>();
        final List<String> malformedFromServer = new CopyOnWriteArrayList<>();

        private Connection(PipedOutputStream toServer) {
            this.toServer = toServer;
        }

        static Connection start() throws IOException {
            PipedInputStream serverIn = new PipedInputStream(PIPE_BUFFER);
            Connection c = new Connection(new PipedOutputStream(serverIn));
            PipedInputStream clientIn = new PipedInputStream(PIPE_BUFFER);
            PipedOutputStream serverOut = new PipedOutputStream(clientIn);
            Thread serving = new Thread(() -> {
                try {
                    c.serveResult.complete(ServerLauncher.serve(serverIn, serverOut));
                } catch (Throwable e) {
                    c.serveResult.completeExceptionally(e);
                } finally {
                    try {
                        serverOut.close();
                    } catch (IOException e) {
                        // already closed
                    }
                }
            }, "gotcha-ls-abused");
            serving.setDaemon(true);
            serving.start();
            Thread reading = new Thread(() -> c.readFrames(clientIn), "raw-client-reader");
            reading.setDaemon(true);
            reading.start();
            return c;
        }

        private void readFrames(InputStream in) {
            try {
                while (true) {
                    int length = -1;
                    String line;
                    while (!(line = readLine(in)).isEmpty()) {
                        if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                            length = Integer.parseInt(line.substring(15).trim());
                        }
                    }
                    if (length < 0) {
                        malformedFromServer.add("a frame without Content-Length");
                        return;
                    }
                    byte[] body = in.readNBytes(length);
                    if (body.length < length) {
                        malformedFromServer.add("a frame cut short");
                        return;
                    }
                    JsonObject message;
                    try {
                        message = JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
                    } catch (RuntimeException e) {
                        malformedFromServer.add(new String(body, StandardCharsets.UTF_8));
                        continue;
                    }
                    if (!message.has("jsonrpc") || !"2.0".equals(message.get("jsonrpc").getAsString())) {
                        malformedFromServer.add(message.toString());
                    }
                    file(message);
                }
            } catch (EndOfInput | IOException e) {
                // the server has stopped
            }
        }

        private void file(JsonObject message) throws IOException {
            frames.add(message);
            JsonElement method = message.get("method");
            if (method == null) {
                JsonElement id = message.get("id");
                String key = id == null || id.isJsonNull() ? "null" : id.getAsString();
                responses.computeIfAbsent(key, k -> new CompletableFuture<>()).complete(message);
                if (key.equals("null")) {
                    responses.remove(key);
                }
            } else if (message.has("id")) {
                sendRaw(frame("{\"jsonrpc\":\"2.0\",\"id\":" + message.get("id") + ",\"result\":null}")
                        .getBytes(StandardCharsets.UTF_8));
            } else if (method.getAsString().equals("textDocument/publishDiagnostics")) {
                diagnosticsHistory.add(message);
                queue(message.getAsJsonObject("params").get("uri").getAsString()).add(message);
            } else if (method.getAsString().equals("window/logMessage")) {
                logs.add(message);
            }
        }

        private static String readLine(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new EndOfInput();
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        private static final class EndOfInput extends RuntimeException {
        }

        private BlockingQueue<JsonObject> queue(String uri) {
            return diagnostics.computeIfAbsent(uri, k -> new LinkedBlockingQueue<>());
        }

        synchronized void sendRaw(byte[] bytes) {
            try {
                toServer.write(bytes);
                toServer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void sendFrame(byte[] body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(body);
            sendRaw(out.toByteArray());
        }

        void sendBody(String body) {
            sendFrame(body.getBytes(StandardCharsets.UTF_8));
        }

        /** Sends a request and returns its id. */
        String sendRequest(String method, String params) {
            String id = "r" + ids.incrementAndGet();
            responses.computeIfAbsent(id, k -> new CompletableFuture<>());
            sendBody(request(id, method, params));
            return id;
        }

        void sendNotification(String method, String params) {
            sendBody(notification(method, params));
        }

        JsonObject awaitResponse(String id) {
            try {
                return responses.computeIfAbsent(id, k -> new CompletableFuture<>())
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return fail("no answer to request " + id + " within " + TIMEOUT.toSeconds() + " s");
            } catch (InterruptedException | ExecutionException e) {
                return fail("waiting for the answer to " + id, e);
            }
        }

        /** Returns once the server has handled every message sent before: requests are answered in order. */
        String roundTrip() {
            String id = sendRequest("gotcha/roundTrip", "{}");
            JsonObject answer = awaitResponse(id);
            assertTrue(answer.has("error"), answer.toString());
            return id;
        }

        void open(String uri, int version, String text) {
            sendNotification("textDocument/didOpen", "{\"textDocument\":{\"uri\":\"" + uri + "\",\"languageId\":\"elixir\","
                    + "\"version\":" + version + ",\"text\":" + quote(text) + "}}");
        }

        void changeFull(String uri, int version, String text) {
            sendNotification("textDocument/didChange", "{\"textDocument\":{\"uri\":\"" + uri + "\",\"version\":" + version
                    + "},\"contentChanges\":[{\"text\":" + quote(text) + "}]}");
        }

        void close(String uri) {
            sendNotification("textDocument/didClose", "{\"textDocument\":{\"uri\":" + quote(uri) + "}}");
        }

        /** textDocument/diagnostic: answered after the analyses queued before it, whose publishes go out first. */
        JsonArray pull(String uri) {
            JsonObject answer = awaitResponse(sendRequest("textDocument/diagnostic", "{\"textDocument\":{\"uri\":\"" + uri + "\"}}"));
            assertTrue(answer.has("result"), answer.toString());
            return answer.getAsJsonObject("result").getAsJsonArray("items");
        }

        /** Waits for the diagnostics published for {@code version} and checks how many there are. */
        JsonObject awaitDiagnostics(String uri, int version, int count) {
            BlockingQueue<JsonObject> queue = queue(uri);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            List<JsonObject> skipped = new ArrayList<>();
            Predicate<JsonObject> wanted = p -> version(p) == version;
            while (true) {
                JsonObject next;
                try {
                    next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    next = null;
                }
                if (next == null) {
                    return fail("no diagnostics of version " + version + " for " + uri + " within "
                            + TIMEOUT.toSeconds() + " s; received meanwhile: " + skipped);
                }
                if (wanted.test(next)) {
                    assertEquals(count, next.getAsJsonObject("params").getAsJsonArray("diagnostics").size(), next.toString());
                    return next;
                }
                skipped.add(next);
            }
        }

        List<JsonObject> diagnosticsFor(String uri) {
            return diagnosticsHistory.stream()
                    .filter(p -> p.getAsJsonObject("params").get("uri").getAsString().equals(uri)).toList();
        }

        JsonObject lastDiagnostics(String uri) {
            List<JsonObject> all = diagnosticsFor(uri);
            return all.isEmpty() ? fail("nothing published for " + uri) : all.get(all.size() - 1);
        }

        void disconnect() {
            try {
                toServer.close();
            } catch (IOException e) {
                // already closed
            }
        }

        boolean serverStopped() {
            return serveResult.isDone();
        }

        int awaitServeResult() {
            try {
                return serveResult.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return fail("serve() did not return within " + TIMEOUT.toSeconds() + " s of stdin closing");
            } catch (InterruptedException | ExecutionException e) {
                return fail("serve() failed", e);
            }
        }

        @Override
        public void close() {
            disconnect();
            try {
                serveResult.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // the tests that care assert on serve() itself
            }
        }
    }
}
