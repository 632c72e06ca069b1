package dev.gotchals.bench;

import dev.gotchals.server.ServerLauncher;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentDiagnosticParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
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
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceEditCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Memory of the real language server under two floods, driven over JSON-RPC by an lsp4j client in this JVM (so the
 * heap measured is the server's; the client keeps only counters). A program, not a test: run it with
 * {@code bin/bench-memory}.
 *
 * <p>It writes a Mix project with {@code --documents} extra config files ({@code config/bench_00001.exs} …, each
 * a few KB of realistic config), starts a server session on it, waits for the first analysis (which reads every
 * file from disk and keeps the parsed copies: memory proportional to the workspace, there by design), and prints
 * heap used after a forced GC and the process's resident set (VmRSS: tree-sitter trees live off-heap and are freed
 * by a Cleaner once unreachable; RSS minus the committed heap approximates native memory, tree-sitter's included).
 * Then:
 * <ol>
 *   <li>opens and closes every one of those documents (didOpen with the full text, didClose), in bursts;</li>
 *   <li>edits {@code config/prod.exs} {@code --edits} times with one-character incremental changes (inserting and
 *   deleting a character in a comment), waiting for the publish of every {@code --sync-every}-th version so that
 *   the server reparses and analyses many versions instead of coalescing the whole flood into one.</li>
 * </ol>
 * A checkpoint row is printed every tenth of each flood, so growth shows as a trend, not a single number.
 *
 * <p>Options: {@code --documents 10000 --edits 100000 --sync-every 10 --doc-bytes 3000 --timeout-ms 120000}.
 */
public final class MemoryBenchmark {
    private static final PrintStream OUT = System.out;

    private MemoryBenchmark() {
    }

    private record Options(int documents, int edits, int syncEvery, int docBytes, long timeoutMs) {
    }

    private static Options parse(String[] args) {
        int documents = 10_000;
        int edits = 100_000;
        int syncEvery = 10;
        int docBytes = 3_000;
        long timeoutMs = 120_000;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1].replace("_", "") : null;
            switch (arg) {
                case "--documents" -> documents = Integer.parseInt(need(value, arg));
                case "--edits" -> edits = Integer.parseInt(need(value, arg));
                case "--sync-every" -> syncEvery = Integer.parseInt(need(value, arg));
                case "--doc-bytes" -> docBytes = Integer.parseInt(need(value, arg));
                case "--timeout-ms" -> timeoutMs = Long.parseLong(need(value, arg));
                case "-h", "--help" -> {
                    OUT.println("usage: MemoryBenchmark [--documents 10000] [--edits 100000] [--sync-every 10]"
                            + " [--doc-bytes 3000] [--timeout-ms 120000]");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + arg + " (try --help)");
            }
            i++;
        }
        if (documents < 0 || edits < 0 || syncEvery < 1 || docBytes < 100) {
            throw new IllegalArgumentException("--documents/--edits not negative, --sync-every >= 1, --doc-bytes >= 100");
        }
        return new Options(documents, edits, syncEvery, docBytes, timeoutMs);
    }

    private static String need(String value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("MemoryBenchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        quietLogging();
        Path tmp = Files.createTempDirectory("gotcha-bench-memory").toRealPath();
        int status = 0;
        try {
            run(options, tmp.resolve("membench"));
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        } finally {
            deleteRecursively(tmp);
        }
        OUT.flush();
        // lsp4j's default executors (inside ServerLauncher.serve) leave non-daemon threads behind for a minute.
        System.exit(status);
    }

    private static void run(Options o, Path root) throws Exception {
        Runtime rt = Runtime.getRuntime();
        OUT.println("Gotcha LS memory benchmark");
        OUT.printf(Locale.ROOT, "  java.version %s, %d processors, max heap %d MiB, JVM args %s%n",
                System.getProperty("java.version"), rt.availableProcessors(), rt.maxMemory() >> 20,
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        OUT.printf(Locale.ROOT, "  %,d documents of ~%,d bytes opened and closed; %,d one-character edits of one document,"
                + " waiting for the publish of every %d%n", o.documents(), o.docBytes(), o.edits(), o.syncEvery());

        List<Path> documents = writeProject(root, o.documents(), o.docBytes());
        Path prod = root.resolve("config/prod.exs");
        String prodText = Files.readString(prod);
        String prodUri = prod.toUri().toString();
        String configUri = root.resolve("config/config.exs").toUri().toString();

        OUT.println();
        OUT.printf(Locale.ROOT, "  %-44s %10s %10s %10s %12s %9s%n", "checkpoint (MiB)", "heap used", "committed", "VmRSS",
                "RSS-committed", "elapsed s");
        long t0 = System.nanoTime();
        Connection c = Connection.inProcess(o.timeoutMs());
        try {
            c.initialize(root);
            c.server().initialized(new InitializedParams());
            c.barrier(configUri); // the first analysis has read every file from disk
            Sample start = sample("start (after the first analysis)", t0);
            List<Sample> samples = new ArrayList<>(List.of(start));

            // 1. Open and close every document, in bursts of 100 followed by a barrier, so that the analysis thread
            // sees many different sets of open documents.
            int step = Math.max(1, o.documents() / 10);
            for (int i = 0; i < documents.size(); i++) {
                Path doc = documents.get(i);
                String uri = doc.toUri().toString();
                c.server().getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                        new TextDocumentItem(uri, "elixir", 1, Files.readString(doc))));
                c.server().getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
                if ((i + 1) % 100 == 0) {
                    c.barrier(configUri);
                }
                if ((i + 1) % step == 0 && i + 1 < documents.size()) {
                    c.barrier(configUri);
                    samples.add(sample(String.format(Locale.ROOT, "  opened and closed %,d", i + 1), t0));
                }
            }
            c.barrier(configUri);
            Sample afterOpenClose = sample(String.format(Locale.ROOT, "after open/close of %,d documents", documents.size()), t0);
            samples.add(afterOpenClose);

            // 2. Edit prod.exs: insert and delete one character in a comment.
            int version = 1;
            c.server().getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                    new TextDocumentItem(prodUri, "elixir", version, prodText)));
            c.awaitPublish(prodUri, version);
            int line = lineOf(prodText, "# Edited by MemoryBenchmark");
            int column = "# Edited by MemoryBenchmark".length();
            int editStep = Math.max(1, o.edits() / 10);
            boolean inserted = false;
            for (int i = 0; i < o.edits(); i++) {
                version++;
                Position at = new Position(line, column);
                TextDocumentContentChangeEvent change = inserted
                        ? new TextDocumentContentChangeEvent(new Range(at, new Position(line, column + 1)), "")
                        : new TextDocumentContentChangeEvent(new Range(at, at), "x");
                inserted = !inserted;
                c.server().getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                        new VersionedTextDocumentIdentifier(prodUri, version), List.of(change)));
                if ((i + 1) % o.syncEvery() == 0 || i + 1 == o.edits()) {
                    c.awaitPublish(prodUri, version);
                }
                if ((i + 1) % editStep == 0 && i + 1 < o.edits()) {
                    samples.add(sample(String.format(Locale.ROOT, "  edited %,d times", i + 1), t0));
                }
            }
            Sample afterEdits = sample(String.format(Locale.ROOT, "after %,d edits of prod.exs (still open)", o.edits()), t0);
            samples.add(afterEdits);
            c.server().getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(prodUri)));
            c.barrier(configUri);
            samples.add(sample("after closing prod.exs", t0));

            OUT.println();
            OUT.printf(Locale.ROOT, "  publishes received %,d (%,d for prod.exs, up to version %d); analyses forced by barriers"
                    + " %,d%n", c.client.publishes.get(), c.client.prodPublishes(prodUri), version, c.barriers);
            OUT.printf(Locale.ROOT, "  heap growth: open/close flood %+.1f MiB, edit flood %+.1f MiB (heap used after GC)%n",
                    mib(afterOpenClose.heap() - start.heap()), mib(afterEdits.heap() - afterOpenClose.heap()));
            OUT.printf(Locale.ROOT, "  RSS growth:  open/close flood %+.1f MiB, edit flood %+.1f MiB%n",
                    mib(afterOpenClose.rss() - start.rss()), mib(afterEdits.rss() - afterOpenClose.rss()));
        } finally {
            c.close();
        }
    }

    // ---------------------------------------------------------------------------------------------- measuring

    private record Sample(String label, long heap, long rss) {
    }

    private static Sample sample(String label, long t0) throws InterruptedException {
        long heap = heapAfterGc();
        long committed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
        long rss = rssBytes();
        OUT.printf(Locale.ROOT, "  %-44s %10.1f %10.1f %10s %12s %9.1f%n", label, mib(heap), mib(committed),
                rss < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", mib(rss)),
                rss < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", mib(rss - committed)), (System.nanoTime() - t0) / 1e9);
        OUT.flush();
        return new Sample(label, heap, rss);
    }

    /** Heap used after collecting until it stops shrinking (Cleaners run in between, freeing native trees). */
    private static long heapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long previous = Long.MAX_VALUE;
        long used = 0;
        for (int i = 0; i < 6; i++) {
            System.gc();
            Thread.sleep(100);
            used = memory.getHeapMemoryUsage().getUsed();
            if (i >= 2 && used >= previous - (1 << 16)) {
                break;
            }
            previous = used;
        }
        return used;
    }

    /** The resident set of this process, from /proc/self/status (Linux), or -1. */
    private static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    // ---------------------------------------------------------------------------------------------- the project

    private static List<Path> writeProject(Path root, int count, int docBytes) throws IOException {
        Files.createDirectories(root.resolve("config"));
        Files.writeString(root.resolve("mix.exs"), """
                defmodule Membench.MixProject do
                  use Mix.Project

                  def project do
                    [app: :membench, version: "0.1.0", elixir: "~> 1.15", deps: deps(),
                     releases: [membench: [include_executables_for: [:unix]]]]
                  end

                  def application, do: [mod: {Membench.Application, []}, extra_applications: [:logger]]

                  defp deps, do: [{:phoenix, "~> 1.7"}, {:ecto_sql, "~> 3.10"}, {:postgrex, ">= 0.0.0"}]
                end
                """);
        Files.writeString(root.resolve("config/config.exs"), """
                import Config

                config :membench, MembenchWeb.Endpoint, url: [host: "localhost"]
                config :logger, level: :info

                import_config "#{config_env()}.exs"
                """);
        StringBuilder prod = new StringBuilder("import Config\n\n# Edited by MemoryBenchmark\n");
        prod.append(body(0, docBytes));
        prod.append("config :logger, level: :debug\n");
        Files.writeString(root.resolve("config/prod.exs"), prod.toString());
        Files.writeString(root.resolve("config/runtime.exs"), """
                import Config

                if config_env() == :prod do
                  config :membench, MembenchWeb.Endpoint, server: true, secret_key_base: System.fetch_env!("SECRET_KEY_BASE")
                end
                """);
        List<Path> documents = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            Path file = root.resolve(String.format(Locale.ROOT, "config/bench_%05d.exs", i));
            Files.writeString(file, "import Config\n\n" + body(i, docBytes), StandardCharsets.UTF_8);
            documents.add(file);
        }
        return documents;
    }

    /** About {@code bytes} of config calls, different for each {@code seed}. */
    private static String body(int seed, int bytes) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; b.length() < bytes; k++) {
            int n = seed * 1000 + k;
            b.append("# Service ").append(n).append(" (owner: team-").append(n % 7).append(")\n");
            b.append("config :membench, Membench.Service").append(n).append(",\n");
            b.append("  url: [host: \"svc").append(n).append(".internal.example.com\", port: 443],\n");
            b.append("  pool_size: ").append(5 + n % 20).append(",\n");
            b.append("  timeout: ").append(1_000 * (1 + n % 30)).append("\n\n");
        }
        return b.toString();
    }

    private static int lineOf(String text, String prefix) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(prefix)) {
                return i;
            }
        }
        throw new IllegalStateException("no line starting with " + prefix);
    }

    // ---------------------------------------------------------------------------------------------- the client

    /** Counts publishes and remembers the newest version per URI; keeps nothing else, so it cannot grow. */
    private static final class CountingClient implements LanguageClient {
        final AtomicLong publishes = new AtomicLong();
        final Map<String, Integer> latest = new ConcurrentHashMap<>();
        final Map<String, AtomicLong> perUri = new ConcurrentHashMap<>();

        long prodPublishes(String uri) {
            AtomicLong n = perUri.get(uri);
            return n == null ? 0 : n.get();
        }

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams params) {
            publishes.incrementAndGet();
            if (params.getVersion() != null) {
                latest.merge(params.getUri(), params.getVersion(), Math::max);
                perUri.computeIfAbsent(params.getUri(), uri -> new AtomicLong()).incrementAndGet();
                perUri.keySet().removeIf(uri -> !uri.endsWith("prod.exs"));
            }
            latest.keySet().removeIf(uri -> !uri.endsWith("prod.exs"));
            synchronized (this) {
                notifyAll();
            }
        }

        synchronized void awaitVersion(String uri, int version, long timeoutMs) throws InterruptedException, TimeoutException {
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (latest.getOrDefault(uri, Integer.MIN_VALUE) < version) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new TimeoutException("no publishDiagnostics of " + uri + " version " + version);
                }
                wait(left);
            }
        }

        @Override
        public void logMessage(MessageParams message) {
            if (message.getType() == MessageType.Error || message.getType() == MessageType.Warning) {
                System.err.println("server " + message.getType() + ": " + message.getMessage());
            }
        }

        @Override
        public void showMessage(MessageParams message) {
            System.err.println("server showMessage: " + message.getMessage());
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

    /** ServerLauncher.serve on a thread of this JVM, over two OS pipes, as in LatencyBenchmark. */
    private static final class Connection {
        final CountingClient client = new CountingClient();
        private final long timeoutMs;
        private LanguageServer server;
        private OutputStream toServer;
        private Thread serverThread;
        private ExecutorService executor;
        long barriers;

        private Connection(long timeoutMs) {
            this.timeoutMs = timeoutMs;
        }

        static Connection inProcess(long timeoutMs) throws IOException {
            Connection c = new Connection(timeoutMs);
            Pipe clientToServer = Pipe.open();
            Pipe serverToClient = Pipe.open();
            InputStream serverIn = new BufferedInputStream(Channels.newInputStream(clientToServer.source()));
            OutputStream serverOut = new BufferedOutputStream(Channels.newOutputStream(serverToClient.sink()));
            c.serverThread = new Thread(() -> {
                try {
                    ServerLauncher.serve(serverIn, serverOut);
                } finally {
                    try {
                        serverOut.close();
                    } catch (IOException e) {
                        // gone already
                    }
                }
            }, "bench-server");
            c.serverThread.setDaemon(true);
            c.serverThread.start();
            c.toServer = new BufferedOutputStream(Channels.newOutputStream(clientToServer.sink()));
            InputStream fromServer = new BufferedInputStream(Channels.newInputStream(serverToClient.source()));
            c.executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "bench-client");
                thread.setDaemon(true);
                return thread;
            });
            Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(c.client, fromServer, c.toServer, c.executor, null);
            launcher.startListening();
            c.server = launcher.getRemoteProxy();
            return c;
        }

        LanguageServer server() {
            return server;
        }

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
            WorkspaceClientCapabilities workspace = new WorkspaceClientCapabilities();
            WorkspaceEditCapabilities edits = new WorkspaceEditCapabilities();
            edits.setDocumentChanges(true);
            workspace.setWorkspaceEdit(edits);
            capabilities.setWorkspace(workspace);
            params.setCapabilities(capabilities);
            server.initialize(params).get(timeoutMs, TimeUnit.MILLISECONDS);
        }

        /** Waits until the analysis queue has drained: a pull-diagnostics request runs after everything scheduled. */
        void barrier(String uri) throws Exception {
            barriers++;
            server.getTextDocumentService().diagnostic(new DocumentDiagnosticParams(new TextDocumentIdentifier(uri)))
                    .get(timeoutMs, TimeUnit.MILLISECONDS);
        }

        void awaitPublish(String uri, int version) throws InterruptedException, TimeoutException {
            client.awaitVersion(uri, version, timeoutMs);
        }

        void close() throws Exception {
            try {
                server.shutdown().get(timeoutMs, TimeUnit.MILLISECONDS);
            } finally {
                toServer.close();
                serverThread.join(10_000);
                executor.shutdownNow();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- misc

    private static void quietLogging() {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            handler.setLevel(Level.WARNING);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
