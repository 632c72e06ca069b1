package dev.gotchals.bench;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentDiagnosticParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsCapabilities;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.UnregistrationParams;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Any language server started as a child process and driven over its stdio by an lsp4j client, the way an editor
 * runs it: the same driver for every server measured. Records when each publishDiagnostics arrives.
 */
final class StdioServer implements AutoCloseable {

    /** One publishDiagnostics, with the time it arrived; version is null when the server sends none. */
    record Published(String uri, Integer version, long nanos, int diagnostics) {
    }

    private final Process process;
    private final LanguageServer server;
    private final BlockingQueue<Published> published;
    private final ExecutorService executor;
    private final long timeoutMs;
    private final long startedAt;
    private long initializedAt;
    private boolean pullDiagnostics;
    private int unversioned;

    private StdioServer(Process process, LanguageServer server, BlockingQueue<Published> published,
                        ExecutorService executor, long timeoutMs, long startedAt) {
        this.process = process;
        this.server = server;
        this.published = published;
        this.executor = executor;
        this.timeoutMs = timeoutMs;
        this.startedAt = startedAt;
    }

    /** Spawns {@code command} with {@code environment} added to this process's; its stderr is dropped. */
    static StdioServer spawn(List<String> command, Map<String, String> environment, long timeoutMs) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        BlockingQueue<Published> published = new LinkedBlockingQueue<>();
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "bench-client");
            thread.setDaemon(true);
            return thread;
        });
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(new Recorder(published),
                process.getInputStream(), process.getOutputStream(), executor, null);
        launcher.startListening();
        return new StdioServer(process, launcher.getRemoteProxy(), published, executor, timeoutMs, start);
    }

    /** Sends initialize for {@code root} and waits for its result; then initialized. */
    void initialize(Path root) throws Exception {
        InitializeParams params = new InitializeParams();
        params.setProcessId((int) ProcessHandle.current().pid());
        params.setWorkspaceFolders(List.of(new WorkspaceFolder(root.toUri().toString(), root.getFileName().toString())));
        ClientCapabilities capabilities = new ClientCapabilities();
        TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
        PublishDiagnosticsCapabilities publish = new PublishDiagnosticsCapabilities(true);
        publish.setVersionSupport(true);
        text.setPublishDiagnostics(publish);
        capabilities.setTextDocument(text);
        params.setCapabilities(capabilities);
        InitializeResult result = server.initialize(params).get(timeoutMs, TimeUnit.MILLISECONDS);
        initializedAt = System.nanoTime();
        pullDiagnostics = result.getCapabilities().getDiagnosticProvider() != null;
        server.initialized(new InitializedParams());
    }

    /** From the spawn to the initialize result. */
    long initializeNanos() {
        return initializedAt - startedAt;
    }

    /**
     * Waits until what initialized scheduled is done, when the server answers pull diagnostics (they queue behind
     * it): a user opens a file in a started editor, not during the server's first analysis.
     */
    void settle(String uri) throws Exception {
        if (pullDiagnostics) {
            server.getTextDocumentService().diagnostic(new DocumentDiagnosticParams(new TextDocumentIdentifier(uri)))
                    .get(timeoutMs, TimeUnit.MILLISECONDS);
        }
    }

    void open(String uri, String languageId, String text) {
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, languageId, 1, text)));
    }

    /** Sends one incremental change replacing [from, to) of {@code line} with {@code text}. */
    void change(String uri, int version, int line, int from, int to, String text) {
        Range range = new Range(new Position(line, from), new Position(line, to));
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version), List.of(new TextDocumentContentChangeEvent(range, text))));
    }

    /**
     * The publish of {@code version} of {@code uri}, skipping older ones. A publish without a version counts as the
     * one awaited: the caller sends one change at a time, so it answers the last one (such a server must publish
     * for every change; {@link #unversioned} counts them, {@link #quiet} checks there were no extra ones).
     */
    Published awaitPublish(String uri, int version) throws InterruptedException, TimeoutException, IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("no publishDiagnostics for " + uri + " version " + version + " within "
                        + timeoutMs + " ms");
            }
            // In slices, so that a server that died (out of memory, say) fails the scenario at once.
            Published p = published.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            if (p == null) {
                if (!process.isAlive()) {
                    throw new IOException("the server exited with status " + process.exitValue());
                }
                continue;
            }
            if (p.uri().equals(uri) && p.version() == null) {
                unversioned++;
                return p;
            }
            if (p.uri().equals(uri) && p.version() == version) {
                return p;
            }
        }
    }

    /** Publishes that carried no version. */
    int unversioned() {
        return unversioned;
    }

    /** True when no publish arrives within {@code millis}: a server that publishes once per change sent no extra one. */
    boolean quiet(long millis) throws InterruptedException {
        return published.poll(millis, TimeUnit.MILLISECONDS) == null;
    }

    /** VmRSS of the server process, in KiB. */
    long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for process " + process.pid());
    }

    @Override
    public void close() {
        try {
            server.shutdown().get(timeoutMs, TimeUnit.MILLISECONDS);
            server.exit();
        } catch (Exception e) {
            // a server that does not shut down cleanly is stopped below
        } finally {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // gone already
            }
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            executor.shutdownNow();
        }
    }

    /** The client side: records publishes, answers the server's requests with nothing. */
    private record Recorder(BlockingQueue<Published> published) implements LanguageClient {
        @Override
        public void publishDiagnostics(PublishDiagnosticsParams params) {
            long now = System.nanoTime();
            published.add(new Published(params.getUri(), params.getVersion(), now, params.getDiagnostics().size()));
        }

        @Override
        public void logMessage(MessageParams message) {
        }

        @Override
        public void showMessage(MessageParams message) {
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public CompletableFuture<Void> registerCapability(RegistrationParams params) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> unregisterCapability(UnregistrationParams params) {
            return CompletableFuture.completedFuture(null);
        }
    }
}
