package dev.gotchals.server;

import com.google.gson.JsonObject;
import dev.gotchals.analysis.WorkspaceStatus;
import dev.gotchals.analysis.WorkspaceStatusReader;
import dev.gotchals.product.StatusReport;
import dev.gotchals.rule.Settings;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code workspace/executeCommand} {@code gotcha.showStatus}: answers the status of the workspace as JSON (the
 * fields of {@code gotcha-ls status --format json}, plus {@code text}, the same status as the command line prints
 * it), and writes that text to the server's log ({@code window/logMessage}). The log rather than
 * {@code window/showMessage}: editors show a message as one notification line, while the log keeps the whole text
 * beside the server's other messages; each client's command opens the returned text itself.
 */
final class ShowStatusCommand {
    private static final Logger LOG = Logger.getLogger(ShowStatusCommand.class.getName());
    static final String COMMAND = "gotcha.showStatus";
    static final List<String> COMMANDS = List.of(COMMAND);

    private final GotchaLanguageServer server;
    private final Supplier<Settings> editorSettings;

    ShowStatusCommand(GotchaLanguageServer server, Supplier<Settings> editorSettings) {
        this.server = server;
        this.editorSettings = editorSettings;
    }

    CompletableFuture<Object> execute(ExecuteCommandParams params) {
        if (!COMMAND.equals(params.getCommand())) {
            return CompletableFuture.failedFuture(new ResponseErrorException(new ResponseError(
                    ResponseErrorCode.InvalidParams, "unknown command " + params.getCommand(), null)));
        }
        var session = server.session().orElse(null);
        if (session == null) {
            return CompletableFuture.failedFuture(new ResponseErrorException(new ResponseError(
                    ResponseErrorCode.ServerNotInitialized, "the server is not initialized", null)));
        }
        // On the analysis thread: reading the status parses the projects' deployment files.
        return session.scheduler().<Object>submit(() -> {
            WorkspaceStatus status = WorkspaceStatusReader.read(session.workspace(), server.catalog(),
                    editorSettings.get());
            String text = StatusReport.text(status);
            JsonObject answer = StatusReport.json(status);
            answer.addProperty("text", text);
            if (server.client() != null) {
                server.client().logMessage(new MessageParams(MessageType.Info, text));
            }
            return answer;
        }).whenComplete((answer, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, COMMAND + " failed", failure);
            }
        });
    }
}
