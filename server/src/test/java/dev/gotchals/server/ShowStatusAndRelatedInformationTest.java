package dev.gotchals.server;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.gotchals.cli.RepoRoot;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.PublishDiagnosticsCapabilities;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Over JSON-RPC: {@code gotcha.showStatus} through {@code workspace/executeCommand}, and related locations as
 * {@code relatedInformation} for the clients that declare it. The sample workspaces are only read.
 */
class ShowStatusAndRelatedInformationTest {
    private TestClient client;

    @BeforeEach
    void connect() throws IOException {
        client = TestClient.connect();
    }

    @AfterEach
    void disconnect() {
        // Shut down first: the analysis thread stops publishing before the pipes close.
        TestClient.await(client.server().shutdown(), "shutdown");
        client.close();
    }

    @Test
    void showStatusIsAdvertisedAndAnswersTheStatusAsJsonAndLogsItsText() {
        Path root = workspace("configured");
        InitializeResult result = initialize(root, capabilities(true));
        assertEquals(List.of("gotcha.showStatus"), result.getCapabilities().getExecuteCommandProvider().getCommands());

        JsonObject status = showStatus();
        assertEquals("gotcha-ls", status.get("tool").getAsString());
        JsonObject project = status.getAsJsonArray("projects").get(0).getAsJsonObject();
        assertEquals("ledger", project.get("app").getAsString());
        assertEquals("/app/bin/server (through rel/overlays/bin/server)",
                project.getAsJsonArray("images").get(0).getAsJsonObject().get("releaseStart").getAsString());
        assertEquals(List.of("off"), List.of(project.getAsJsonObject("settings").getAsJsonObject("rules")
                .getAsJsonArray("GT007").get(0).getAsString()));
        String text = status.get("text").getAsString();
        assertTrue(text.contains("\nProject ledger at "), text);
        assertTrue(text.contains("\n    GT007: off\n"), text);
        var logged = client.awaitLog(message -> message.getType() == MessageType.Info
                && message.getMessage().equals(text), "the status text in the log");
        assertEquals(text, logged.getMessage());
    }

    @Test
    void editorSettingsAreAmongTheSettingsInForce() {
        Path root = workspace("configured");
        initialize(root, capabilities(true), com.google.gson.JsonParser.parseString(
                "{\"rules\": {\"GT007\": {\"enabled\": true, \"severity\": \"error\"}}}"));
        JsonObject status = showStatus();
        JsonObject rules = status.getAsJsonArray("projects").get(0).getAsJsonObject().getAsJsonObject("settings")
                .getAsJsonObject("rules");
        assertEquals("severity error", rules.getAsJsonArray("GT007").get(0).getAsString(),
                "the editor turns GT007 back on at its own severity: " + rules);
        assertEquals(1, rules.getAsJsonArray("GT007").size(), rules.toString());
    }

    @Test
    void anUnknownCommandIsAnErrorAndTheServerGoesOn() throws Exception {
        initialize(workspace("configured"), capabilities(true));
        var unknown = client.server().getWorkspaceService().executeCommand(new ExecuteCommandParams("gotcha.nope", List.of()));
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> unknown.get(TestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(failure.getCause() instanceof ResponseErrorException, failure.toString());
        assertEquals("ledger", showStatus().getAsJsonArray("projects").get(0).getAsJsonObject().get("app").getAsString());
    }

    @Test
    void aClientDeclaringRelatedInformationGetsTheEvidenceOfAFindingInOtherFiles() throws IOException {
        Path root = workspace("endpoint-not-served");
        initialize(root, capabilities(true));
        Diagnostic finding = gt003OnTheOpenedDockerfile(root);

        List<DiagnosticRelatedInformation> related = finding.getRelatedInformation();
        assertEquals(1, related.size(), finding.toString());
        assertEquals(uri(root.resolve("config/runtime.exs")), related.get(0).getLocation().getUri());
        assertEquals(19, related.get(0).getLocation().getRange().getStart().getLine(), "the config line of the switch");
        assertEquals("serves MyappWeb.Endpoint only when PHX_SERVER is set", related.get(0).getMessage());
    }

    @Test
    void aClientWithoutRelatedInformationGetsThePlainDiagnostic() throws IOException {
        Path root = workspace("endpoint-not-served");
        initialize(root, capabilities(false));
        assertNull(gt003OnTheOpenedDockerfile(root).getRelatedInformation());
    }

    /** The answer to gotcha.showStatus, as the client's JSON-RPC layer received it. */
    private JsonObject showStatus() {
        Object answer = TestClient.await(client.server().getWorkspaceService()
                .executeCommand(new ExecuteCommandParams("gotcha.showStatus", List.of())), "gotcha.showStatus");
        return new Gson().toJsonTree(answer).getAsJsonObject();
    }

    private Diagnostic gt003OnTheOpenedDockerfile(Path root) throws IOException {
        String uri = uri(root.resolve("Dockerfile"));
        client.server().getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri,
                "dockerfile", 1, Files.readString(root.resolve("Dockerfile")))));
        PublishDiagnosticsParams published = client.awaitDiagnostics(uri,
                p -> p.getDiagnostics().stream().anyMatch(d -> "GT003".equals(d.getCode().getLeft())), "GT003");
        return published.getDiagnostics().stream().filter(d -> "GT003".equals(d.getCode().getLeft())).findFirst()
                .orElseThrow();
    }

    private static Path workspace(String name) {
        return RepoRoot.get().resolve("test-workspaces").resolve(name);
    }

    private static String uri(Path path) {
        return path.toAbsolutePath().normalize().toUri().toString();
    }

    private InitializeResult initialize(Path root, ClientCapabilities capabilities) {
        return initialize(root, capabilities, null);
    }

    private InitializeResult initialize(Path root, ClientCapabilities capabilities, Object initializationOptions) {
        return client.initialize(root, capabilities, initializationOptions);
    }

    private static ClientCapabilities capabilities(boolean relatedInformation) {
        TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
        text.setPublishDiagnostics(new PublishDiagnosticsCapabilities(relatedInformation));
        return new ClientCapabilities(new WorkspaceClientCapabilities(), text, null);
    }
}
