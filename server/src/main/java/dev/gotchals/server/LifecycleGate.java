package dev.gotchals.server;

import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.messages.NotificationMessage;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

import java.util.List;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The LSP lifecycle, which lsp4j leaves to the server: before {@code initialize}, a request is answered with
 * ServerNotInitialized and a notification other than {@code exit} is dropped; after {@code shutdown}, a request
 * is answered with InvalidRequest and a notification other than {@code exit} is dropped (the analysis thread is
 * gone); a second {@code initialize} is an InvalidRequest. A {@code $/} request is a MethodNotFound, as LSP asks
 * (lsp4j would answer null): this server implements none. Sits in front of lsp4j's endpoint, so that it covers
 * every method, known or not. Runs on the message thread, where {@code initialize} and {@code shutdown} run too.
 */
final class LifecycleGate implements Function<MessageConsumer, MessageConsumer> {
    private static final Logger LOG = Logger.getLogger(LifecycleGate.class.getName());
    private final GotchaLanguageServer server;

    LifecycleGate(GotchaLanguageServer server) {
        this.server = server;
    }

    /** lsp4j wraps both directions with this: only what comes in, to the endpoint, goes through the gate. */
    @Override
    public MessageConsumer apply(MessageConsumer consumer) {
        return consumer instanceof RemoteEndpoint endpoint ? message -> pass(endpoint, message) : consumer;
    }

    private void pass(RemoteEndpoint endpoint, Message message) {
        boolean initialized = server.session().isPresent();
        boolean shutDown = server.shutdownRequested();
        if (message instanceof RequestMessage request) {
            String method = request.getMethod();
            if (!initialized && !"initialize".equals(method)) {
                refuse(endpoint, request, ResponseErrorCode.ServerNotInitialized, "the server is not initialized yet");
                return;
            }
            if (shutDown) {
                refuse(endpoint, request, ResponseErrorCode.InvalidRequest, "the server is shut down");
                return;
            }
            if (initialized && "initialize".equals(method)) {
                refuse(endpoint, request, ResponseErrorCode.InvalidRequest, "the server is already initialized");
                return;
            }
            if (method != null && method.startsWith("$/")) {
                // LSP: an unknown "$/" request is a MethodNotFound (lsp4j answers null), and this server has none.
                refuse(endpoint, request, ResponseErrorCode.MethodNotFound, "no such method");
                return;
            }
        } else if (message instanceof NotificationMessage notification && !"exit".equals(notification.getMethod())
                && (!initialized || shutDown)) {
            LOG.fine(() -> "dropped " + notification.getMethod() + (shutDown ? " after shutdown" : " before initialize"));
            return;
        }
        endpoint.consume(message);
    }

    private static void refuse(RemoteEndpoint endpoint, RequestMessage request, ResponseErrorCode code, String why) {
        LOG.fine(() -> request.getMethod() + " refused: " + why);
        endpoint.handle(request, List.of(new MessageIssue(request.getMethod() + ": " + why, code.getValue())));
    }
}
