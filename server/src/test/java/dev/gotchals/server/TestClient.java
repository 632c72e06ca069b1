package dev.gotchals.server;

import org.eclipse.lsp4j.ApplyWorkspaceEditParams;
import org.eclipse.lsp4j.ApplyWorkspaceEditResponse;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.UnregistrationParams;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
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
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * An LSP client connected to a real {@link ServerLauncher#serve} over in-memory pipes. Everything the server sends
 * on its own (diagnostics, log messages, registrations) is recorded in queues the test can wait on, and in
 * histories it can inspect afterwards. The client validates every message against lsp4j's protocol model and
 * keeps a trace of the raw JSON.
 */
final class TestClient implements LanguageClient, AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Diagnostics per document URI, so that waiting for one document's never consumes another's. */
    private final Map<String, BlockingQueue<PublishDiagnosticsParams>> diagnostics = new ConcurrentHashMap<>();
    final List<PublishDiagnosticsParams> diagnosticsHistory = new CopyOnWriteArrayList<>();
    final BlockingQueue<MessageParams> logMessages = new LinkedBlockingQueue<>();
    final List<MessageParams> logHistory = new CopyOnWriteArrayList<>();
    final BlockingQueue<MessageParams> shownMessages = new LinkedBlockingQueue<>();
    final BlockingQueue<RegistrationParams> registrations = new LinkedBlockingQueue<>();
    /** Every workspace/configuration request the server sent, answered with {@link #settings}. */
    final BlockingQueue<ConfigurationParams> configurationRequests = new LinkedBlockingQueue<>();
    /** Every workspace/diagnostic/refresh request the server sent. */
    final BlockingQueue<Object> diagnosticRefreshes = new LinkedBlockingQueue<>();
    /** Every window/workDoneProgress/create request and $/progress notification, in the order they came. */
    final BlockingQueue<Object> progress = new LinkedBlockingQueue<>();
    /** The editor's settings by section name, as workspace/configuration answers them (absent: null). */
    final Map<String, Object> settings = new ConcurrentHashMap<>();
    private final StringWriter trace = new StringWriter();

    private OutputStream toServer;
    private LanguageServer server;
    private Future<Void> listening;
    private final CompletableFuture<Integer> serveResult = new CompletableFuture<>();

    private TestClient() {
    }

    /** Starts a server on its own thread and connects a new client to it. */
    static TestClient connect() throws IOException {
        TestClient client = new TestClient();
        // OS pipes, as an editor's stdio: java.io's piped streams fail a reader whose last writer thread has ended
        // ("Write end dead"), and the server writes from threads that end (a log record of an earlier server's
        // worker, forwarded by the process-wide log handler while that server shuts down).
        Pipe clientToServer = Pipe.open();
        InputStream serverIn = Channels.newInputStream(clientToServer.source());
        client.toServer = Channels.newOutputStream(clientToServer.sink());
        Pipe serverToClient = Pipe.open();
        InputStream clientIn = Channels.newInputStream(serverToClient.source());
        OutputStream serverOut = Channels.newOutputStream(serverToClient.sink());

        Thread serving = new Thread(() -> {
            try {
                client.serveResult.complete(ServerLauncher.serve(serverIn, serverOut));
            } catch (Throwable e) {
                client.serveResult.completeExceptionally(e);
            } finally {
                // What the end of the server process would do: the client sees the end of its input.
                closeQuietly(serverOut);
            }
        }, "gotcha-ls-under-test");
        serving.setDaemon(true);
        serving.start();

        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, clientIn, client.toServer,
                true, new PrintWriter(client.trace, true));
        client.server = launcher.getRemoteProxy();
        client.listening = launcher.startListening();
        return client;
    }

    /**
     * Starts the session for one workspace folder: initialize with these capabilities and options (null for none),
     * then initialized.
     */
    InitializeResult initialize(Path root, ClientCapabilities capabilities, Object initializationOptions) {
        InitializeParams params = new InitializeParams();
        params.setProcessId((int) ProcessHandle.current().pid());
        params.setWorkspaceFolders(List.of(new WorkspaceFolder(root.toAbsolutePath().normalize().toUri().toString(),
                root.getFileName().toString())));
        params.setCapabilities(capabilities);
        params.setInitializationOptions(initializationOptions);
        InitializeResult result = await(server().initialize(params), "initialize");
        server().initialized(new InitializedParams());
        return result;
    }

    LanguageServer server() {
        return server;
    }

    /** The raw JSON exchanged so far, both ways. */
    String trace() {
        synchronized (trace) { // the PrintWriter's lock
            return trace.toString();
        }
    }

    /** Closes the client's end of the connection, as an editor that goes away does. */
    void disconnect() {
        closeQuietly(toServer);
    }

    /** What {@link ServerLauncher#serve} returned, once it has. */
    int awaitServeResult() {
        return await(serveResult, "serve() to return");
    }

    boolean serverStopped() {
        return serveResult.isDone();
    }

    static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail("timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what);
        } catch (ExecutionException e) {
            return fail(what + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted waiting for " + what);
        }
    }

    /** Takes items off the queue until one matches; fails when none arrives within {@link #TIMEOUT}. */
    static <T> T poll(BlockingQueue<T> queue, Predicate<? super T> wanted, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<T> skipped = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            T next;
            try {
                next = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                next = null;
            }
            if (next == null) {
                return fail("timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what
                        + "; received meanwhile: " + skipped);
            }
            if (wanted.test(next)) {
                return next;
            }
            skipped.add(next);
        }
    }

    PublishDiagnosticsParams awaitDiagnostics(String uri, Predicate<PublishDiagnosticsParams> wanted, String what) {
        return poll(diagnosticsOf(uri), wanted, what + " for " + uri);
    }

    MessageParams awaitLog(Predicate<MessageParams> wanted, String what) {
        return poll(logMessages, wanted, what);
    }

    // --- LanguageClient ---

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams params) {
        diagnosticsHistory.add(params);
        diagnosticsOf(params.getUri()).add(params);
    }

    private BlockingQueue<PublishDiagnosticsParams> diagnosticsOf(String uri) {
        return diagnostics.computeIfAbsent(uri, key -> new LinkedBlockingQueue<>());
    }

    @Override
    public void logMessage(MessageParams message) {
        logHistory.add(message);
        logMessages.add(message);
    }

    @Override
    public void showMessage(MessageParams message) {
        shownMessages.add(message);
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
        shownMessages.add(new MessageParams(params.getType(), params.getMessage()));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void telemetryEvent(Object object) {
    }

    @Override
    public CompletableFuture<Void> registerCapability(RegistrationParams params) {
        registrations.add(params);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> unregisterCapability(UnregistrationParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<ApplyWorkspaceEditResponse> applyEdit(ApplyWorkspaceEditParams params) {
        return CompletableFuture.completedFuture(new ApplyWorkspaceEditResponse(false));
    }

    @Override
    public CompletableFuture<List<WorkspaceFolder>> workspaceFolders() {
        return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public CompletableFuture<List<Object>> configuration(ConfigurationParams params) {
        List<Object> answer = new ArrayList<>();
        params.getItems().forEach(item -> answer.add(item.getSection() == null ? null : settings.get(item.getSection())));
        configurationRequests.add(params);
        return CompletableFuture.completedFuture(answer);
    }

    @Override
    public CompletableFuture<Void> refreshDiagnostics() {
        diagnosticRefreshes.add(new Object());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> createProgress(WorkDoneProgressCreateParams params) {
        progress.add(params);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void notifyProgress(ProgressParams params) {
        progress.add(params);
    }

    /** Disconnects and waits for the server to stop, so that no server outlives its test. */
    @Override
    public void close() {
        disconnect();
        try {
            serveResult.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The test that cares asserts on serve() itself.
        } finally {
            listening.cancel(true);
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
