package dev.gotchals.server;

import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.MessageIssue;
import org.eclipse.lsp4j.jsonrpc.messages.NotificationMessage;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Checks each incoming message before lsp4j dispatches it, for what lsp4j leaves to the server. The LSP
 * lifecycle: before {@code initialize}, a request is answered with ServerNotInitialized and a notification other
 * than {@code exit} is dropped; after {@code shutdown}, a request is answered with InvalidRequest and a
 * notification other than {@code exit} is dropped (the analysis thread is gone); a second {@code initialize} is
 * an InvalidRequest. And two answers lsp4j gets wrong: a {@code $/} request is a MethodNotFound, as LSP asks
 * (lsp4j answers null; this server implements none), and a request without the params its method needs is an
 * InvalidParams (lsp4j passes null on, and answers the handler's NullPointerException as an InternalError).
 * Sits in front of lsp4j's endpoint, so that it covers every method, known or not; runs on the message thread,
 * where {@code initialize} and {@code shutdown} run too.
 */
final class LifecycleGate implements Function<MessageConsumer, MessageConsumer> {
    private static final Logger LOG = Logger.getLogger(LifecycleGate.class.getName());
    private static final Map<String, JsonRpcMethod> METHODS = ServiceEndpoints.getSupportedMethods(GotchaLanguageServer.class);
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
            if (lacksParams(method, request.getParams())) {
                refuse(endpoint, request, ResponseErrorCode.InvalidParams, "params are missing");
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

    /** A request to a method of the server that takes params, without them: the handler would fail on null. */
    private static boolean lacksParams(String method, Object params) {
        return params == null && METHODS.containsKey(method) && METHODS.get(method).getParameterTypes().length > 0;
    }

    private static void refuse(RemoteEndpoint endpoint, RequestMessage request, ResponseErrorCode code, String why) {
        LOG.fine(() -> request.getMethod() + " refused: " + why);
        endpoint.handle(request, List.of(new MessageIssue(request.getMethod() + ": " + why, code.getValue())));
    }
}
