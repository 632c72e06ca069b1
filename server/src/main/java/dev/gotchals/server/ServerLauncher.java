package dev.gotchals.server;

import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.services.GenericEndpoint;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * Starts the language server on stdio, or on a TCP port bound to 127.0.0.1 for debugging. Standard output carries
 * JSON-RPC only: {@code System.out} is pointed at standard error before anything can print.
 */
public final class ServerLauncher {
    private static final Logger LOG = Logger.getLogger(ServerLauncher.class.getName());
    /** lsp4j's loggers, kept here so that the filters set on them stay (a logger without references may go). */
    private static final List<Logger> LSP4J_LOGGERS = List.of(Logger.getLogger(RemoteEndpoint.class.getName()),
            Logger.getLogger(GenericEndpoint.class.getName()));

    private ServerLauncher() {
    }

    public static int run(List<String> args, PrintStream err) {
        Integer port = null;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--stdio" -> {
                }
                case "--port" -> {
                    try {
                        port = Integer.parseInt(args.get(++i));
                    } catch (RuntimeException e) {
                        err.println("gotcha-ls lsp: --port takes a port number");
                        return 2;
                    }
                }
                default -> {
                    err.println("gotcha-ls lsp: unknown option " + args.get(i));
                    return 2;
                }
            }
        }
        PrintStream stdout = System.out;
        System.setOut(System.err);
        configureLogging(err);
        try {
            if (port == null) {
                return serve(System.in, stdout);
            }
            try (ServerSocket listener = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                LOG.info("listening on 127.0.0.1:" + listener.getLocalPort());
                try (Socket socket = listener.accept()) {
                    return serve(socket.getInputStream(), socket.getOutputStream());
                }
            }
        } catch (IOException e) {
            err.println("gotcha-ls lsp: " + e.getMessage());
            return 1;
        }
    }

    /** Serves one client until it exits or closes its stream; returns the LSP exit code. */
    public static int serve(InputStream in, OutputStream out) {
        GotchaLanguageServer server = new GotchaLanguageServer();
        Launcher<LanguageClient> launcher = new LSPLauncher.Builder<LanguageClient>()
                .setLocalService(server)
                .setRemoteInterface(LanguageClient.class)
                .setInput(new FramingInputStream(in))
                .setOutput(out)
                .wrapMessages(new LifecycleGate(server))
                .setExceptionHandler(ServerLauncher::responseError)
                .create();
        LanguageClient client = launcher.getRemoteProxy();
        server.connect(client);
        Filter lsp4jNoise = new Lsp4jNoise();
        LSP4J_LOGGERS.forEach(logger -> logger.setFilter(lsp4jNoise));
        Handler toClient = new ClientLogHandler(client);
        Logger.getLogger("").addHandler(toClient);
        Future<Void> listening = launcher.startListening();
        try {
            listening.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "connection failed", e.getCause());
        } finally {
            Logger.getLogger("").removeHandler(toClient);
            server.session().ifPresent(session -> session.scheduler().shutdown());
        }
        // The client closed the stream without exit: 0 only if it had asked for shutdown.
        return server.shutdownRequested() ? 0 : 1;
    }

    /**
     * lsp4j's service interfaces implement the methods a server does not support by throwing
     * UnsupportedOperationException, which lsp4j would answer as an InternalError: the client should hear
     * MethodNotFound, as for any unknown method. Only those default methods count, not a failure in our code.
     */
    private static ResponseError responseError(Throwable thrown) {
        StackTraceElement[] stack = thrown.getStackTrace();
        if (thrown instanceof UnsupportedOperationException && stack.length > 0
                && stack[0].getClassName().startsWith("org.eclipse.lsp4j.services.")) {
            return new ResponseError(ResponseErrorCode.MethodNotFound, "method not supported", null);
        }
        return RemoteEndpoint.DEFAULT_EXCEPTION_HANDLER.apply(thrown);
    }

    /** Ends the process for the LSP {@code exit} notification; tests replace this hook. */
    static volatile java.util.function.IntConsumer exitHook = System::exit;

    static void exit(int code) {
        exitHook.accept(code);
    }

    private static void configureLogging(PrintStream err) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "[%4$s] %3$s: %5$s%6$s%n");
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.INFO);
        StreamHandler stderr = new StreamHandler(err, new SimpleFormatter()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        root.addHandler(stderr);
    }

    /**
     * The warnings of lsp4j that a client can cause once per keystroke, and that would each reach the editor's log:
     * a $/cancelRequest for a request already answered is routine (editors cancel stale hovers and code actions as
     * the user types) and is not logged; "Unsupported request/notification method: m" is logged once per method.
     */
    private static final class Lsp4jNoise implements Filter {
        private static final int MAX_REMEMBERED = 1000;
        private final Set<String> logged = ConcurrentHashMap.newKeySet();

        @Override
        public boolean isLoggable(LogRecord record) {
            String message = record.getMessage();
            if (message == null) {
                return true;
            }
            if (message.startsWith("Unmatched cancel notification")) {
                return false;
            }
            if (message.startsWith("Unsupported ")) {
                return logged.size() < MAX_REMEMBERED && logged.add(message);
            }
            return true;
        }
    }

    /** Forwards log records to the editor's log (window/logMessage); package-private for its test. */
    static final class ClientLogHandler extends Handler {
        /**
         * Set while a record is being sent: lsp4j logs a notification it failed to send (the editor went away), and
         * forwarding that record would send, fail and log again without end.
         */
        private static final ThreadLocal<Boolean> SENDING = ThreadLocal.withInitial(() -> false);
        private final LanguageClient client;

        ClientLogHandler(LanguageClient client) {
            this.client = client;
            setLevel(Level.INFO);
        }

        @Override
        public void publish(LogRecord record) {
            if (!isLoggable(record) || SENDING.get()) {
                return;
            }
            MessageType type = record.getLevel().intValue() >= Level.SEVERE.intValue() ? MessageType.Error
                    : record.getLevel().intValue() >= Level.WARNING.intValue() ? MessageType.Warning : MessageType.Log;
            String message = record.getMessage() + (record.getThrown() != null ? ": " + record.getThrown() : "");
            SENDING.set(true);
            try {
                client.logMessage(new MessageParams(type, message));
            } catch (RuntimeException e) {
                // The connection is gone; stderr still has the record.
            } finally {
                SENDING.set(false);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
