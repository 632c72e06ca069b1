package dev.gotchals.server;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionCapabilities;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionKindCapabilities;
import org.eclipse.lsp4j.CodeActionLiteralSupportCapabilities;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.ConfigurationItem;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DiagnosticTag;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesCapabilities;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentDiagnosticParams;
import org.eclipse.lsp4j.DocumentDiagnosticReport;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.GeneralClientCapabilities;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverCapabilities;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PositionEncodingKind;
import org.eclipse.lsp4j.PublishDiagnosticsCapabilities;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ResourceOperation;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.WorkspaceEditCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Drives the real language server through lsp4j over in-memory pipes, the way an editor does: initialize, open,
 * type, ask for fixes and apply them, hover, pull diagnostics, close, shut down. Each test copies a sample
 * project from {@code test-workspaces/} to a temporary folder first.
 */
class LanguageServerIntegrationTest {
    private static final String GT007 = "GT007";

    @TempDir
    Path temp;

    private TestClient client;
    private IntConsumer originalExitHook;
    private final BlockingQueue<Integer> exitCodes = new LinkedBlockingQueue<>();
    private RegistrationParams watcherRegistration;

    @BeforeEach
    void connect() throws IOException {
        originalExitHook = ServerLauncher.exitHook;
        ServerLauncher.exitHook = exitCodes::add;
        client = TestClient.connect();
    }

    @AfterEach
    void disconnect() {
        try {
            client.close();
        } finally {
            ServerLauncher.exitHook = originalExitHook;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // 1. initialize

    @Test
    void initializeNegotiatesCapabilitiesAndRegistersFileWatchers() {
        Path root = workspace("naive-debug-logging");
        InitializeResult result = initialize(root, capabilities(false));

        ServerCapabilities capabilities = result.getCapabilities();
        TextDocumentSyncOptions sync = capabilities.getTextDocumentSync().getRight();
        assertNotNull(sync, "text document sync as options");
        assertEquals(TextDocumentSyncKind.Incremental, sync.getChange());
        assertEquals(Boolean.TRUE, sync.getOpenClose());
        CodeActionOptions codeActions = capabilities.getCodeActionProvider().getRight();
        assertNotNull(codeActions, "code action options");
        assertEquals(List.of(CodeActionKind.QuickFix), codeActions.getCodeActionKinds());
        assertEquals(Either.forLeft(true), capabilities.getHoverProvider());
        assertNull(capabilities.getDiagnosticProvider(),
                "a client that did not declare pull diagnostics gets them pushed, and is not offered pull");
        assertEquals(PositionEncodingKind.UTF16, capabilities.getPositionEncoding(),
                "UTF-16 when the client does not offer UTF-8");
        assertEquals("gotcha-ls", result.getServerInfo().getName());

        // initialized: the client said it can register watchers dynamically, so the server did.
        var registrations = watcherRegistration.getRegistrations();
        assertEquals(1, registrations.size());
        Registration watchers = registrations.get(0);
        assertEquals("workspace/didChangeWatchedFiles", watchers.getMethod());
        assertTrue(String.valueOf(watchers.getRegisterOptions()).contains("**/rel/env.sh.eex"), watchers.toString());
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2. didOpen

    @Test
    void openingProdExsPublishesOneGt007OnTheDebugAtom() throws IOException {
        Path root = workspace("naive-debug-logging");
        initialize(root, capabilities(false));
        Doc prod = new Doc(root.resolve("config/prod.exs"), false).open();

        PublishDiagnosticsParams published = client.awaitDiagnostics(prod.uri, p -> true, "diagnostics after didOpen");
        assertEquals(1, published.getVersion());
        assertEquals(1, published.getDiagnostics().size(), published.toString());
        Diagnostic diagnostic = published.getDiagnostics().get(0);
        assertEquals(GT007, diagnostic.getCode().getLeft());
        assertEquals("gotcha", diagnostic.getSource());
        assertEquals(DiagnosticSeverity.Warning, diagnostic.getSeverity());

        String line = prod.text.split("\n", -1)[18];
        assertEquals("config :logger, level: :debug", line, "sample file as the test expects it");
        int column = line.indexOf(":debug");
        assertEquals(new Range(new Position(18, column), new Position(18, column + ":debug".length())),
                diagnostic.getRange());
        assertEquals(prod.levelRange(), diagnostic.getRange());
    }

    @Test
    void aCleanProjectPublishesEmptyDiagnostics() throws IOException {
        Path root = workspace("phx-release-clean");
        initialize(root, capabilities(false));
        Doc prod = new Doc(root.resolve("config/prod.exs"), false).open();

        PublishDiagnosticsParams published = client.awaitDiagnostics(prod.uri, p -> true, "diagnostics after didOpen");
        assertEquals(1, published.getVersion());
        assertEquals(List.of(), published.getDiagnostics());
    }

    // ---------------------------------------------------------------------------------------------------------
    // 3. incremental didChange

    @Test
    void incrementalChangesArePublishedForTheirVersionsAndTheFixClearsTheDiagnostic() throws IOException {
        Path root = workspace("naive-debug-logging");
        initialize(root, capabilities(false));
        Doc prod = new Doc(root.resolve("config/prod.exs"), false).open();
        awaitFindings(prod, 1, 1);

        // Type a new comment line under "import Config", three keystrokes sent as fast as an editor would.
        int afterImport = prod.text.indexOf('\n');
        prod.replace(afterImport, afterImport, "\n");
        prod.replace(afterImport + 1, afterImport + 1, "#");
        prod.replace(afterImport + 2, afterImport + 2, " hi");
        assertEquals(4, prod.version);
        assertTrue(prod.text.startsWith("import Config\n# hi\n\n"), prod.text);

        // However the burst was coalesced, version 4 is published, with the finding moved one line down.
        PublishDiagnosticsParams v4 = client.awaitDiagnostics(prod.uri, p -> p.getVersion() == 4, "version 4");
        assertEquals(1, v4.getDiagnostics().size());
        assertEquals(19, v4.getDiagnostics().get(0).getRange().getStart().getLine());
        assertEquals(prod.levelRange(), v4.getDiagnostics().get(0).getRange());

        // Now replace ":debug" by ":info" in pieces, waiting for each version's diagnostics.
        int debug = prod.levelValue();
        prod.replace(debug + 1, debug + ":debug".length(), "");      // "level: :"
        client.awaitDiagnostics(prod.uri, p -> p.getVersion() == 5, "version 5");
        prod.replace(debug + 1, debug + 1, "in");                    // "level: :in"
        client.awaitDiagnostics(prod.uri, p -> p.getVersion() == 6, "version 6");
        prod.replace(debug + 3, debug + 3, "fo");                    // "level: :info"
        assertTrue(prod.text.contains("config :logger, level: :info\n"), prod.text);
        PublishDiagnosticsParams v7 = client.awaitDiagnostics(prod.uri, p -> p.getVersion() == 7, "version 7");
        assertEquals(List.of(), v7.getDiagnostics(), "the fixed text has no finding");

        barrier(prod);
        List<PublishDiagnosticsParams> all = client.diagnosticsHistory.stream()
                .filter(p -> p.getUri().equals(prod.uri)).toList();
        // The workspace's first analysis may publish the file on disk (no version) before the server sees it opened.
        int opened = 0;
        while (opened < all.size() && all.get(opened).getVersion() == null) {
            opened++;
        }
        List<PublishDiagnosticsParams> history = all.subList(opened, all.size());
        int previous = 0;
        for (PublishDiagnosticsParams p : history) {
            assertNotNull(p.getVersion(), "every publish for an open document carries its version");
            assertTrue(p.getVersion() <= prod.version, "published version " + p.getVersion() + " > " + prod.version);
            assertTrue(p.getVersion() >= previous, "versions go forward: " + history);
            previous = p.getVersion();
        }
        PublishDiagnosticsParams last = history.get(history.size() - 1);
        assertEquals(7, last.getVersion(), "the last publish is for the last version");
        assertEquals(List.of(), last.getDiagnostics());
    }

    // ---------------------------------------------------------------------------------------------------------
    // 4. code actions, for clients with and without documentChanges

    @Test
    void quickFixForAClientWithDocumentChangesEditsTheOpenVersion() throws IOException {
        Path root = workspace("naive-debug-logging");
        initialize(root, capabilities(true));
        Doc prod = new Doc(root.resolve("config/prod.exs"), false).open();
        Diagnostic diagnostic = awaitFindings(prod, 1, 1).get(0);

        CodeAction fix = preferredQuickFix(prod, diagnostic);
        WorkspaceEdit edit = fix.getEdit();
        assertTrue(edit.getChanges() == null || edit.getChanges().isEmpty(), "documentChanges clients get documentChanges only");
        assertEquals(1, edit.getDocumentChanges().size());
        TextDocumentEdit documentEdit = edit.getDocumentChanges().get(0).getLeft();
        assertNotNull(documentEdit, "a text document edit, not a resource operation");
        assertEquals(new VersionedTextDocumentIdentifier(prod.uri, 1), documentEdit.getTextDocument(),
                "the edit names the open version");

        String fixed = applyEdits(prod.text, documentEdit.getEdits(), false);
        assertTrue(fixed.contains("config :logger, level: :info\n"), fixed);
        assertFalse(fixed.contains("level: :debug"), fixed);

        // An editor applies the edit to its buffer and reports it as ranged changes.
        prod.applyAsChanges(documentEdit.getEdits());
        assertEquals(fixed, prod.text);
        assertEquals(List.of(), awaitFindings(prod, 2, 0));
    }

    @Test
    void quickFixForAClientWithoutDocumentChangesUsesTheChangesMap() throws IOException {
        Path root = workspace("naive-debug-logging");
        initialize(root, capabilities(false));
        Doc prod = new Doc(root.resolve("config/prod.exs"), false).open();
        Diagnostic diagnostic = awaitFindings(prod, 1, 1).get(0);

        CodeAction fix = preferredQuickFix(prod, diagnostic);
        WorkspaceEdit edit = fix.getEdit();
        assertNull(edit.getDocumentChanges());
        assertEquals(List.of(prod.uri), List.copyOf(edit.getChanges().keySet()));
        List<TextEdit> edits = edit.getChanges().get(prod.uri);
        assertEquals(List.of(new TextEdit(prod.levelRange(), ":info")), edits);

        String fixed = applyEdits(prod.text, edits, false);
        assertTrue(fixed.contains("config :logger, level: :info\n"), fixed);
        prod.replaceAll(fixed);
        assertEquals(List.of(), awaitFindings(prod, 2, 0));
    }

    // ---------------------------------------------------------------------------------------------------------
    // 5. :debug from config.exs: the fix goes to prod.exs, which is not open

    @Test
    void aFileOpenedAfterTheFirstAnalysisReadItFromDiskGetsFixesForTheOpenVersion() throws IOException {
        Path root = workspace("debug-in-config-no-override");
        initialize(root, capabilities(true));
        Doc config = new Doc(root.resolve("config/config.exs"), false);
        // The workspace's first analysis reads config.exs from disk and publishes its finding without a version.
        client.awaitDiagnostics(config.uri, p -> p.getVersion() == null && !p.getDiagnostics().isEmpty(),
                "the first analysis's finding on the unopened file");
        config.open();
        Diagnostic diagnostic = awaitFindings(config, 1, 1).get(0);

        List<CodeAction> actions = codeActions(config, diagnostic);
        TextDocumentEdit configEdit = actions.get(1).getEdit().getDocumentChanges().get(0).getLeft();
        assertEquals(new VersionedTextDocumentIdentifier(config.uri, 1), configEdit.getTextDocument(),
                "the finding kept from the disk copy's analysis edits the open version of the same text");
    }

    @Test
    void debugFromConfigExsIsFixedByAnOverrideAppendedToTheUnopenedProdExs() throws IOException {
        Path root = workspace("debug-in-config-no-override");
        initialize(root, capabilities(true));
        Doc config = new Doc(root.resolve("config/config.exs"), false).open();
        Diagnostic diagnostic = awaitFindings(config, 1, 1).get(0);
        assertEquals(40, diagnostic.getRange().getStart().getLine());
        assertEquals(config.levelRange(), diagnostic.getRange());

        List<CodeAction> actions = codeActions(config, diagnostic);
        assertEquals(3, actions.size(), actions.toString());
        assertEquals("Suppress GT007 on this line", actions.get(2).getTitle(), "suppressing comes after the fixes");

        CodeAction override = actions.get(0);
        assertEquals(Boolean.TRUE, override.getIsPreferred());
        assertEquals(CodeActionKind.QuickFix, override.getKind());
        assertEquals(GT007, override.getDiagnostics().get(0).getCode().getLeft());
        Path prodPath = root.resolve("config/prod.exs");
        String prodUri = uri(prodPath);
        List<Either<TextDocumentEdit, ResourceOperation>> changes = override.getEdit().getDocumentChanges();
        assertEquals(1, changes.size());
        TextDocumentEdit prodEdit = changes.get(0).getLeft();
        assertEquals(prodUri, prodEdit.getTextDocument().getUri());
        assertNull(prodEdit.getTextDocument().getVersion(), "prod.exs is not open: its edit has no version");
        assertTrue(client.trace().matches("(?s).*\"version\"\\s*:\\s*null.*"),
                "the null version is on the wire, as LSP's OptionalVersionedTextDocumentIdentifier wants");

        String prodOnDisk = Files.readString(prodPath);
        TextEdit append = prodEdit.getEdits().get(0);
        Position endOfFile = positionAt(prodOnDisk, prodOnDisk.length(), false);
        assertEquals(new Range(endOfFile, endOfFile), append.getRange(), "appended at the end of prod.exs");
        String prodFixed = applyEdits(prodOnDisk, prodEdit.getEdits(), false);
        assertTrue(prodFixed.startsWith(prodOnDisk));
        assertTrue(prodFixed.endsWith("config :logger, level: :info\n"), prodFixed);

        CodeAction everywhere = actions.get(1);
        assertNotEquals(Boolean.TRUE, everywhere.getIsPreferred(), "changing config.exs is not the preferred fix");
        TextDocumentEdit configEdit = everywhere.getEdit().getDocumentChanges().get(0).getLeft();
        assertEquals(new VersionedTextDocumentIdentifier(config.uri, 1), configEdit.getTextDocument());
        assertEquals(List.of(new TextEdit(config.levelRange(), ":info")), configEdit.getEdits());

        // The editor saves prod.exs and its file watcher reports it: the finding in config.exs goes away.
        Files.writeString(prodPath, prodFixed);
        client.server().getWorkspaceService().didChangeWatchedFiles(
                new DidChangeWatchedFilesParams(List.of(new FileEvent(prodUri, FileChangeType.Changed))));
        PublishDiagnosticsParams after = client.awaitDiagnostics(config.uri, p -> p.getDiagnostics().isEmpty(),
                "config.exs cleared after prod.exs changed on disk");
        assertEquals(1, after.getVersion());
    }

    @Test
    void theOverrideNamesTheOpenVersionOfProdExsAndApplyingItClearsConfigExs() throws IOException {
        Path root = workspace("debug-in-config-no-override");
        initialize(root, capabilities(true));
        Doc config = new Doc(root.resolve("config/config.exs"), false).open();
        Diagnostic diagnostic = awaitFindings(config, 1, 1).get(0);
        // Opening and editing prod.exs does not change config.exs's diagnostics, so they are not sent again;
        // but the fix must now be computed on the buffer of prod.exs, not on the disk copy read before.
        Doc prod = new Doc(root.resolve("config/prod.exs"), false).open();
        awaitFindings(prod, 1, 0);
        prod.replace(0, 0, "# edited, not saved\n");
        awaitFindings(prod, 2, 0);
        barrier(prod);
        assertEquals(1, client.diagnosticsHistory.stream()
                        .filter(p -> p.getUri().equals(config.uri) && p.getVersion() != null).count(),
                "config.exs's diagnostics did not change since it was opened");

        CodeAction override = codeActions(config, diagnostic).get(0);
        assertEquals(Boolean.TRUE, override.getIsPreferred());
        TextDocumentEdit prodEdit = override.getEdit().getDocumentChanges().get(0).getLeft();
        assertEquals(new VersionedTextDocumentIdentifier(prod.uri, 2), prodEdit.getTextDocument(),
                "the edit is for the buffer's version, not the disk's");
        Position endOfBuffer = positionAt(prod.text, prod.text.length(), false);
        assertEquals(new Range(endOfBuffer, endOfBuffer), prodEdit.getEdits().get(0).getRange());

        prod.applyAsChanges(prodEdit.getEdits());
        assertTrue(prod.text.startsWith("# edited, not saved\n"), prod.text);
        assertTrue(prod.text.endsWith("config :logger, level: :info\n"), prod.text);
        awaitFindings(prod, 3, 0);
        PublishDiagnosticsParams cleared = client.awaitDiagnostics(config.uri, p -> p.getDiagnostics().isEmpty(),
                "config.exs cleared by the unsaved override in prod.exs");
        assertEquals(1, cleared.getVersion());
    }

    // ---------------------------------------------------------------------------------------------------------
    // 6. hover

    @Test
    void editingRuntimeExsClearsTheEndpointFindingInTheOpenDockerfileWithoutSaving() throws IOException {
        Path root = workspace("endpoint-not-served");
        initialize(root, capabilities(false));
        Doc dockerfile = new Doc(root.resolve("Dockerfile"), false).open();
        PublishDiagnosticsParams before = client.awaitDiagnostics(dockerfile.uri,
                p -> p.getDiagnostics().stream().anyMatch(d -> "GT003".equals(d.getCode().getLeft())), "GT003 on the CMD");
        assertEquals(1, before.getDiagnostics().size(), before.toString());

        // Serve the endpoint unconditionally in runtime.exs, in the editor only: the disk copy stays as it was.
        Doc runtime = new Doc(root.resolve("config/runtime.exs"), false).open();
        String conditional = "if System.get_env(\"PHX_SERVER\") do";
        int at = runtime.text.indexOf(conditional);
        assertTrue(at >= 0, "sample runtime.exs has the generated PHX_SERVER block");
        runtime.replace(at, at + conditional.length(), "if true do");

        PublishDiagnosticsParams after = client.awaitDiagnostics(dockerfile.uri, p -> p.getDiagnostics().isEmpty(),
                "the Dockerfile's GT003 cleared by an unsaved runtime.exs edit");
        assertEquals(1, after.getVersion(), "the Dockerfile itself did not change");
        assertTrue(Files.readString(root.resolve("config/runtime.exs")).contains(conditional), "nothing was written");
    }

    @Test
    void hoverExplainsTheRuleOnTheFindingAndNothingElsewhere() throws IOException {
        Path root = workspace("naive-debug-logging");
        initialize(root, capabilities(false));
        Doc prod = new Doc(root.resolve("config/prod.exs"), false).open();
        Diagnostic diagnostic = awaitFindings(prod, 1, 1).get(0);

        Position inside = new Position(diagnostic.getRange().getStart().getLine(),
                diagnostic.getRange().getStart().getCharacter() + 2);
        Hover hover = hover(prod, inside);
        assertNotNull(hover, "hover on the finding");
        assertEquals(MarkupKind.MARKDOWN, hover.getContents().getRight().getKind());
        String markdown = hover.getContents().getRight().getValue();
        assertTrue(markdown.contains(GT007), markdown);
        assertTrue(markdown.contains("prod-debug-logging"), markdown);
        assertEquals(diagnostic.getRange(), hover.getRange());

        assertNull(hover(prod, new Position(0, 2)), "no hover on `import Config`");
        assertNull(hover(prod, new Position(18, 1)), "no hover on `config` of the same line");
    }

    // ---------------------------------------------------------------------------------------------------------
    // 7. pull diagnostics

    @Test
    void pullDiagnosticsReturnAFullReportForOpenAndUnopenedFiles() throws IOException {
        Path root = workspace("naive-debug-logging");
        initialize(root, capabilities(false));
        Doc prod = new Doc(root.resolve("config/prod.exs"), false);

        // Not open: the server reads the file from disk.
        List<Diagnostic> fromDisk = pull(prod.uri);
        assertEquals(1, fromDisk.size(), fromDisk.toString());
        assertEquals(GT007, fromDisk.get(0).getCode().getLeft());
        assertEquals(prod.levelRange(), fromDisk.get(0).getRange());

        // Open with unsaved changes: the report follows the buffer.
        prod.open();
        List<Diagnostic> pushed = awaitFindings(prod, 1, 1);
        assertEquals(pushed, pull(prod.uri));
        int debug = prod.levelValue();
        prod.replace(debug, debug + ":debug".length(), ":warning");
        assertEquals(List.of(), pull(prod.uri));

        assertEquals(List.of(), pull(uri(root.resolve("config/dev.exs"))), "no finding in dev.exs");
    }

    // ---------------------------------------------------------------------------------------------------------
    // 8. UTF-8 positions

    @Test
    void aClientOfferingUtf8GetsColumnsCountedInBytes() throws IOException {
        Path root = workspace("naive-debug-logging");
        Path prodPath = root.resolve("config/prod.exs");
        String prefix = "config :blog, motto: \"é😀\"; ";
        String original = Files.readString(prodPath);
        assertTrue(original.contains("\nconfig :logger, level: :debug\n"));
        Files.writeString(prodPath, original.replace("\nconfig :logger, level: :debug\n",
                "\n" + prefix + "config :logger, level: :debug\n"));

        InitializeResult result = initialize(root, capabilities(false, PositionEncodingKind.UTF8, PositionEncodingKind.UTF16));
        assertEquals(PositionEncodingKind.UTF8, result.getCapabilities().getPositionEncoding());

        Doc prod = new Doc(prodPath, true).open();
        String beforeDebug = prefix + "config :logger, level: ";
        int debugColumn = utf8Length(beforeDebug);
        assertEquals(beforeDebug.length() + 3, debugColumn, "é is 1 UTF-16 unit and 2 bytes, 😀 2 units and 4 bytes");
        Diagnostic diagnostic = awaitFindings(prod, 1, 1).get(0);
        assertEquals(new Range(new Position(18, debugColumn), new Position(18, debugColumn + 6)), diagnostic.getRange());

        // Insert "ü" after the emoji, at a byte column. Read as UTF-16 units, that column would fall after the
        // `; ` and turn `config` into `üconfig`, and the finding would vanish.
        int afterEmoji = utf8Length("config :blog, motto: \"é😀");
        assertEquals(28, afterEmoji);
        prod.change(new TextDocumentContentChangeEvent(
                new Range(new Position(18, afterEmoji), new Position(18, afterEmoji)), "ü"));
        assertEquals(prefix.replace("😀", "😀ü") + "config :logger, level: :debug", prod.line(18));
        diagnostic = awaitFindings(prod, 2, 1).get(0);
        assertEquals(new Range(new Position(18, debugColumn + 2), new Position(18, debugColumn + 8)),
                diagnostic.getRange(), "the finding moved by the 2 bytes of ü");

        // The fix's edit is in bytes too; applied with byte columns, it gives the expected line.
        List<TextEdit> edits = preferredQuickFix(prod, diagnostic).getEdit().getChanges().get(prod.uri);
        assertEquals(List.of(new TextEdit(diagnostic.getRange(), ":info")), edits);
        prod.applyAsChanges(edits);
        assertEquals("config :blog, motto: \"é😀ü\"; config :logger, level: :info", prod.line(18));
        assertEquals(List.of(), awaitFindings(prod, 3, 0));

        // And back, by byte columns computed on our copy: the server's text must agree with it exactly.
        int info = prod.levelValue();
        prod.replace(info, info + ":info".length(), ":debug");
        diagnostic = awaitFindings(prod, 4, 1).get(0);
        assertEquals(new Range(new Position(18, debugColumn + 2), new Position(18, debugColumn + 8)),
                diagnostic.getRange());
    }

    // ---------------------------------------------------------------------------------------------------------
    // 9. robustness

    @Test
    void aRangedChangePastTheEndIsRejectedWithAWarningUntilAFullTextChange() throws IOException {
        Path root = workspace("naive-debug-logging");
        initialize(root, capabilities(false));
        Doc prod = new Doc(root.resolve("config/prod.exs"), false).open();
        awaitFindings(prod, 1, 1);

        prod.sendWithoutApplying(new TextDocumentContentChangeEvent(
                new Range(new Position(500, 0), new Position(500, 3)), "oops"));
        MessageParams warning = client.awaitLog(m -> m.getMessage().contains(prod.uri),
                "a log message about the rejected change");
        assertEquals(MessageType.Warning, warning.getType());
        assertTrue(warning.getMessage().contains("full text"), warning.getMessage());

        // A later ranged change cannot be trusted either, and nothing is published while out of step.
        prod.sendWithoutApplying(new TextDocumentContentChangeEvent(
                new Range(new Position(0, 0), new Position(0, 0)), "# "));
        barrier(prod);
        assertTrue(client.diagnosticsHistory.stream().noneMatch(p -> p.getVersion() != null && p.getVersion() > 1),
                "no diagnostics for versions the server could not follow: " + client.diagnosticsHistory);
        assertEquals(List.of(), codeActions(prod, new Range(new Position(18, 0), new Position(18, 40))),
                "no fixes computed on a text that is out of step");
        assertTrue(client.logHistory.stream().noneMatch(m -> m.getType() == MessageType.Error), client.logHistory.toString());

        // A full-text change brings the server back: two new lines above move the finding to line 20.
        prod.replaceAll("# one\n# two\n" + prod.text);
        Diagnostic diagnostic = awaitFindings(prod, 4, 1).get(0);
        assertEquals(new Range(new Position(20, 23), new Position(20, 29)), diagnostic.getRange());
        assertEquals(prod.levelRange(), diagnostic.getRange());
        assertEquals(2, codeActions(prod, diagnostic.getRange()).size(), "the fix and the suppression are offered again");
    }

    @Test
    void aChangeToADocumentThatIsNotOpenIsIgnored() throws IOException {
        Path root = workspace("naive-debug-logging");
        initialize(root, capabilities(false));
        Doc dev = new Doc(root.resolve("config/dev.exs"), false);
        dev.version = 3;
        dev.sendWithoutApplying(new TextDocumentContentChangeEvent(
                new Range(new Position(0, 0), new Position(0, 0)), "config :logger, level: :debug\n"));
        client.awaitLog(m -> m.getMessage().contains(dev.uri) && m.getMessage().contains("not open"),
                "a log message about the change to a document that is not open");

        Doc prod = new Doc(root.resolve("config/prod.exs"), false).open();
        awaitFindings(prod, 1, 1);
        barrier(prod);
        assertTrue(client.diagnosticsHistory.stream().noneMatch(p -> p.getUri().equals(dev.uri)),
                "nothing published for the document that was never opened");
        assertFalse(client.serverStopped());
    }

    @Test
    void requestsAndNotificationsBeforeInitializeDoNotBreakTheServer() throws IOException {
        Path root = workspace("naive-debug-logging");
        Doc prod = new Doc(root.resolve("config/prod.exs"), false);

        prod.open(); // before initialize: dropped, as LSP asks
        // LSP: a request before initialize is answered with ServerNotInitialized.
        TextDocumentService documents = client.server().getTextDocumentService();
        assertServerNotInitialized(documents.hover(new HoverParams(new TextDocumentIdentifier(prod.uri), new Position(18, 25))));
        assertServerNotInitialized(documents.codeAction(new CodeActionParams(new TextDocumentIdentifier(prod.uri),
                new Range(new Position(18, 0), new Position(18, 29)), new CodeActionContext(List.of()))));
        assertServerNotInitialized(documents.diagnostic(new DocumentDiagnosticParams(new TextDocumentIdentifier(prod.uri))));
        assertFalse(client.serverStopped());

        initialize(root, capabilities(false));
        prod.open();
        awaitFindings(prod, 1, 1);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 10. didClose

    @Test
    void inTheOpenFilesScopeClosingADocumentClearsItsDiagnostics() throws IOException {
        Path root = workspace("naive-debug-logging");
        initialize(root, capabilities(false), json("{\"diagnostics\": {\"scope\": \"openFiles\"}}"));
        Doc prod = new Doc(root.resolve("config/prod.exs"), false).open();
        awaitFindings(prod, 1, 1);

        client.server().getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(prod.uri)));
        PublishDiagnosticsParams cleared = client.awaitDiagnostics(prod.uri, p -> p.getVersion() == null, "diagnostics after didClose");
        assertEquals(List.of(), cleared.getDiagnostics());

        assertNull(hover(prod, new Position(18, 25)), "no hover once closed");
        assertEquals(List.of(), codeActions(prod, new Range(new Position(18, 23), new Position(18, 29))));
        barrier(prod);
        assertEquals(cleared, client.diagnosticsHistory.get(client.diagnosticsHistory.size() - 1),
                "the disk copy's finding is not shown for a file that is not open");
    }

    @Test
    void inTheWorkspaceScopeClosingADocumentShowsItsDiskCopysFindingsWithoutAVersion() throws IOException {
        Path root = workspace("naive-debug-logging");
        initialize(root, capabilities(false));
        Doc prod = new Doc(root.resolve("config/prod.exs"), false).open();
        awaitFindings(prod, 1, 1);
        int debug = prod.levelValue();
        prod.replace(debug, debug + ":debug".length(), ":info");
        awaitFindings(prod, 2, 0);

        // Closed without saving: the disk copy still says :debug.
        client.server().getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(prod.uri)));
        PublishDiagnosticsParams closed = client.awaitDiagnostics(prod.uri, p -> p.getVersion() == null, "diagnostics after didClose");
        assertEquals(1, closed.getDiagnostics().size(), closed.toString());
        assertEquals(GT007, closed.getDiagnostics().get(0).getCode().getLeft());

        assertEquals(List.of(), codeActions(prod, new Range(new Position(18, 23), new Position(18, 29))),
                "fixes are offered on open documents, whose version they name");
    }

    // ---------------------------------------------------------------------------------------------------------
    // 11. shutdown and exit

    @Test
    void shutdownThenExitExitsWithZero() {
        initialize(workspace("naive-debug-logging"), capabilities(false));

        assertNull(TestClient.await(client.server().shutdown(), "shutdown"));
        client.server().exit();
        assertEquals(0, TestClient.poll(exitCodes, code -> true, "the exit hook"));

        client.disconnect();
        assertEquals(0, client.awaitServeResult());
    }

    @Test
    void exitWithoutShutdownExitsWithOne() {
        initialize(workspace("naive-debug-logging"), capabilities(false));

        client.server().exit();
        assertEquals(1, TestClient.poll(exitCodes, code -> true, "the exit hook"));
    }

    @Test
    void closingTheStreamWithoutShutdownEndsServeWithOne() {
        initialize(workspace("naive-debug-logging"), capabilities(false));

        client.disconnect();
        assertEquals(1, client.awaitServeResult());
        assertTrue(exitCodes.isEmpty(), "no exit notification, no exit hook: " + exitCodes);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 12. suppressions

    @Test
    void theSuppressActionWritesADirectiveThatHidesTheFindingAndIsNotReportedUnused() throws IOException {
        Path root = workspace("naive-debug-logging");
        initialize(root, capabilities(true));
        Doc prod = new Doc(root.resolve("config/prod.exs"), false).open();
        Diagnostic diagnostic = awaitFindings(prod, 1, 1).get(0);

        CodeAction suppress = codeActions(prod, diagnostic).stream()
                .filter(a -> a.getTitle().equals("Suppress GT007 on this line")).findFirst()
                .orElseThrow(() -> new AssertionError("no suppress action"));
        assertEquals(CodeActionKind.QuickFix, suppress.getKind());
        assertNotEquals(Boolean.TRUE, suppress.getIsPreferred(), "suppressing is never the preferred action");
        assertEquals(List.of(diagnostic), suppress.getDiagnostics());
        TextDocumentEdit edit = suppress.getEdit().getDocumentChanges().get(0).getLeft();
        assertEquals(new VersionedTextDocumentIdentifier(prod.uri, 1), edit.getTextDocument());
        Position lineStart = new Position(diagnostic.getRange().getStart().getLine(), 0);
        assertEquals(List.of(new TextEdit(new Range(lineStart, lineStart), "# gotcha:disable-next-line GT007\n")),
                edit.getEdits());

        prod.applyAsChanges(edit.getEdits());
        assertTrue(prod.text.contains("# gotcha:disable-next-line GT007\nconfig :logger, level: :debug\n"), prod.text);
        awaitFindings(prod, 2, 0);
    }

    @Test
    void anUnusedSuppressionIsAnUnnecessaryHintWhoseSafeFixRemovesItAndWhichCannotBeSuppressedItself() throws IOException {
        Path root = workspace("suppressed");
        initialize(root, capabilities(true));
        Doc prod = new Doc(root.resolve("config/prod.exs"), false).open();
        PublishDiagnosticsParams published = client.awaitDiagnostics(prod.uri, p -> true, "diagnostics after didOpen");
        assertEquals(1, published.getDiagnostics().size(), published.toString());
        Diagnostic unused = published.getDiagnostics().get(0);
        assertEquals("GT101", unused.getCode().getLeft());
        assertEquals(DiagnosticSeverity.Hint, unused.getSeverity());
        assertEquals(List.of(DiagnosticTag.Unnecessary), unused.getTags());
        int line = unused.getRange().getStart().getLine();
        assertTrue(prod.line(line).startsWith("# gotcha:disable-next-line prod-debug-logging"), prod.line(line));
        assertTrue(client.trace().contains("\"tags\""), "the tag is on the wire");

        List<CodeAction> actions = codeActions(prod, unused);
        assertEquals(List.of("Remove the unused suppression"), actions.stream().map(CodeAction::getTitle).toList());
        assertEquals(Boolean.TRUE, actions.get(0).getIsPreferred(), "a safe fix is preferred");

        prod.applyAsChanges(actions.get(0).getEdit().getDocumentChanges().get(0).getLeft().getEdits());
        assertFalse(prod.text.contains("prod-debug-logging"), prod.text);
        PublishDiagnosticsParams after = client.awaitDiagnostics(prod.uri,
                p -> p.getVersion() != null && p.getVersion() == 2, "diagnostics of version 2");
        assertEquals(List.of(), after.getDiagnostics(), "the used suppression in the same file still holds");
    }

    // ---------------------------------------------------------------------------------------------------------
    // 13. settings: defaults < the project's .gotcha.exs < the editor's

    @Test
    void theProjectFileTurnsARuleOffAndTheEditorTurnsItBackOnAtItsOwnSeverity() throws IOException {
        Path root = workspace("naive-debug-logging");
        Files.writeString(root.resolve(".gotcha.exs"), "[rules: [{\"GT007\", enabled: false}]]\n");
        initialize(root, capabilities(false), json("{\"rules\": {\"GT007\": {\"enabled\": true, \"severity\": \"error\"}}}"));
        assertTrue(String.valueOf(watcherRegistration.getRegistrations().get(0).getRegisterOptions())
                .contains("**/.gotcha.exs"), "the settings file is watched");
        Doc prod = new Doc(root.resolve("config/prod.exs"), false).open();

        List<Diagnostic> diagnostics = awaitFindings(prod, 1, 1);
        assertEquals(DiagnosticSeverity.Error, diagnostics.get(0).getSeverity());
    }

    @Test
    void withoutEditorSettingsTheProjectFileDecidesAndAnEditorSeverityWinsOverIt() throws IOException {
        Path root = workspace("naive-debug-logging");
        Files.writeString(root.resolve(".gotcha.exs"), "[rules: [{\"prod-debug-logging\", severity: :info}]]\n");
        initialize(root, capabilities(false));
        Doc prod = new Doc(root.resolve("config/prod.exs"), false).open();
        assertEquals(DiagnosticSeverity.Information, awaitFindings(prod, 1, 1).get(0).getSeverity());

        client.server().getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                json("{\"gotcha\": {\"rules\": {\"GT007\": {\"severity\": \"hint\"}}}}")));
        PublishDiagnosticsParams republished = client.awaitDiagnostics(prod.uri, p -> true, "diagnostics after the change");
        assertEquals(1, republished.getDiagnostics().size(), republished.toString());
        assertEquals(DiagnosticSeverity.Hint, republished.getDiagnostics().get(0).getSeverity());
    }

    @Test
    void didChangeConfigurationChangesThePublishedDiagnostics() throws IOException {
        Path root = workspace("naive-debug-logging");
        initialize(root, capabilities(false));
        Doc prod = new Doc(root.resolve("config/prod.exs"), false).open();
        assertEquals(DiagnosticSeverity.Warning, awaitFindings(prod, 1, 1).get(0).getSeverity());

        // A client without workspace/configuration pushes the settings in the notification.
        client.server().getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                json("{\"gotcha\": {\"rules\": {\"GT007\": {\"enabled\": false}}}}")));
        assertEquals(List.of(), client.awaitDiagnostics(prod.uri, p -> true, "diagnostics after disabling").getDiagnostics());

        // Wrong values are logged and skipped; the rest applies.
        client.server().getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                json("{\"rules\": {\"GT007\": {\"enabled\": \"yes\", \"severity\": \"error\"}, \"GT123\": {}}}")));
        PublishDiagnosticsParams republished = client.awaitDiagnostics(prod.uri, p -> true, "diagnostics after re-levelling");
        assertEquals(1, republished.getDiagnostics().size(), republished.toString());
        assertEquals(DiagnosticSeverity.Error, republished.getDiagnostics().get(0).getSeverity());
        client.awaitLog(m -> m.getType() == MessageType.Warning && m.getMessage().contains("gotcha.rules.GT007.enabled"),
                "a warning about the wrong value");
        client.awaitLog(m -> m.getType() == MessageType.Warning && m.getMessage().contains("unknown rule \"GT123\""),
                "a warning about the unknown rule");
    }

    @Test
    void aClientWithTheConfigurationCapabilityIsAskedForTheGotchaSection() throws IOException {
        Path root = workspace("naive-debug-logging");
        client.settings.put("gotcha", json("{\"rules\": {\"GT007\": {\"severity\": \"error\"}}}"));
        ClientCapabilities capabilities = capabilities(false);
        capabilities.getWorkspace().setConfiguration(true);
        // initializationOptions say one thing; the answer to workspace/configuration, pulled after initialized, wins.
        initialize(root, capabilities, json("{\"rules\": {\"GT007\": {\"severity\": \"info\"}}}"));
        ConfigurationParams asked = TestClient.poll(client.configurationRequests, p -> true, "workspace/configuration");
        assertEquals(List.of("gotcha"), asked.getItems().stream().map(ConfigurationItem::getSection).toList());
        Doc prod = new Doc(root.resolve("config/prod.exs"), false).open();
        client.awaitDiagnostics(prod.uri, p -> p.getDiagnostics().size() == 1
                && p.getDiagnostics().get(0).getSeverity() == DiagnosticSeverity.Error, "GT007 as an error");

        // On a change the server pulls again, whatever the notification carries.
        client.settings.put("gotcha", json("{\"rules\": {\"prod-debug-logging\": {\"enabled\": false}}}"));
        client.server().getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(json("{}")));
        TestClient.poll(client.configurationRequests, p -> true, "workspace/configuration after the change");
        client.awaitDiagnostics(prod.uri, p -> p.getDiagnostics().isEmpty(), "no diagnostics once GT007 is off");
    }

    @Test
    void editingTheSettingsFileInTheEditorRerunsTheRulesWithoutSaving() throws IOException {
        Path root = workspace("naive-debug-logging");
        Files.writeString(root.resolve(".gotcha.exs"), "[]\n");
        initialize(root, capabilities(false));
        Doc prod = new Doc(root.resolve("config/prod.exs"), false).open();
        awaitFindings(prod, 1, 1);
        Doc settings = new Doc(root.resolve(".gotcha.exs"), false).open();
        assertEquals(List.of(), client.awaitDiagnostics(settings.uri, p -> true, "diagnostics of .gotcha.exs").getDiagnostics());

        settings.replaceAll("[rules: [{\"GT007\", enabled: false}]]\n");
        client.awaitDiagnostics(prod.uri, p -> p.getDiagnostics().isEmpty(), "GT007 gone once the buffer turns it off");

        // An entry that cannot be read is a GT100 on that entry, and no longer turns GT007 off.
        settings.replaceAll("[rules: [{\"GT007\", enabled: \"no\"}]]\n");
        PublishDiagnosticsParams invalid = client.awaitDiagnostics(settings.uri,
                p -> p.getVersion() != null && p.getVersion() == 3, "GT100 on the bad value");
        assertEquals(1, invalid.getDiagnostics().size(), invalid.toString());
        Diagnostic gt100 = invalid.getDiagnostics().get(0);
        assertEquals("GT100", gt100.getCode().getLeft());
        assertEquals(DiagnosticSeverity.Error, gt100.getSeverity());
        int value = settings.text.indexOf("\"no\"");
        assertEquals(new Range(positionAt(settings.text, value, false), positionAt(settings.text, value + 4, false)),
                gt100.getRange());
        client.awaitDiagnostics(prod.uri, p -> p.getDiagnostics().size() == 1, "GT007 back");
    }

    // =========================================================================================================
    // Helpers

    /** An open document as the editor holds it: its URI, text and version, changed in step with the server. */
    private final class Doc {
        final String uri;
        final boolean utf8;
        String text;
        int version;

        Doc(Path path, boolean utf8) throws IOException {
            this.uri = uri(path);
            this.utf8 = utf8;
            this.text = Files.exists(path) ? Files.readString(path) : "";
        }

        Doc open() {
            version = 1;
            client.server().getTextDocumentService().didOpen(
                    new DidOpenTextDocumentParams(new TextDocumentItem(uri, "elixir", version, text)));
            return this;
        }

        String line(int line) {
            return text.split("\n", -1)[line];
        }

        /** The offset of the logger level's value, in {@code level: :debug} (comments mention :debug too). */
        int levelValue() {
            int level = text.indexOf("config :logger, level: :");
            assertTrue(level >= 0, "a logger level in " + uri);
            return level + "config :logger, level: ".length();
        }

        /** The range of the logger level's value, {@code :debug} or {@code :info}, in this document's encoding. */
        Range levelRange() {
            int start = levelValue();
            int end = start + 1;
            while (end < text.length() && Character.isLetter(text.charAt(end))) {
                end++;
            }
            return new Range(positionAt(text, start, utf8), positionAt(text, end, utf8));
        }

        /** Replaces chars [start, end) of the current text, sent as one ranged change. */
        void replace(int start, int end, String newText) {
            change(new TextDocumentContentChangeEvent(
                    new Range(positionAt(text, start, utf8), positionAt(text, end, utf8)), newText));
        }

        void replaceAll(String newText) {
            change(new TextDocumentContentChangeEvent(newText));
        }

        /** Applies edits of a code action the way an editor does, reporting them as ranged changes. */
        void applyAsChanges(List<TextEdit> edits) {
            List<TextEdit> lastFirst = new ArrayList<>(edits);
            lastFirst.sort(Comparator.comparing((TextEdit e) -> offsetAt(text, e.getRange().getStart(), utf8)).reversed());
            change(lastFirst.stream().map(e -> new TextDocumentContentChangeEvent(e.getRange(), e.getNewText()))
                    .toArray(TextDocumentContentChangeEvent[]::new));
        }

        /** Sends one didChange with the next version, and applies its changes to our copy in order. */
        void change(TextDocumentContentChangeEvent... changes) {
            for (TextDocumentContentChangeEvent change : changes) {
                text = change.getRange() == null ? change.getText()
                        : applyEdits(text, List.of(new TextEdit(change.getRange(), change.getText())), utf8);
            }
            sendWithoutApplying(changes);
        }

        /** Sends changes the server should reject or ignore, without touching our copy. */
        void sendWithoutApplying(TextDocumentContentChangeEvent... changes) {
            version++;
            client.server().getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(uri, version), List.of(changes)));
        }
    }

    private Path workspace(String name) {
        Path source = repoRoot().resolve("test-workspaces").resolve(name);
        assertTrue(Files.isDirectory(source), source + " exists");
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
        return fail("no test-workspaces/ above " + Path.of("").toAbsolutePath() + " and gotcha.repoRoot not set");
    }

    private static String uri(Path path) {
        return path.toAbsolutePath().normalize().toUri().toString();
    }

    private InitializeResult initialize(Path root, ClientCapabilities capabilities) {
        return initialize(root, capabilities, null);
    }

    private static JsonElement json(String text) {
        return JsonParser.parseString(text);
    }

    private InitializeResult initialize(Path root, ClientCapabilities capabilities, Object initializationOptions) {
        InitializeParams params = new InitializeParams();
        params.setInitializationOptions(initializationOptions);
        params.setProcessId((int) ProcessHandle.current().pid());
        params.setWorkspaceFolders(List.of(new WorkspaceFolder(uri(root), root.getFileName().toString())));
        params.setCapabilities(capabilities);
        InitializeResult result = TestClient.await(client.server().initialize(params), "initialize");
        client.server().initialized(new InitializedParams());
        // Every client here can register file watchers: the server asks right after initialized.
        watcherRegistration = TestClient.poll(client.registrations, r -> true, "client/registerCapability");
        // The client answers on its message thread, which handles the answer to this request only after that:
        // so a test that disconnects next does not cut the client off in the middle of its answer.
        TestClient.await(client.server().getTextDocumentService().hover(new HoverParams(
                new TextDocumentIdentifier(uri(root.resolve("mix.exs"))), new Position(0, 0))), "a round trip");
        return result;
    }

    private static void assertServerNotInitialized(java.util.concurrent.CompletableFuture<?> request) {
        try {
            request.get(TestClient.TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            fail("a request before initialize is refused");
        } catch (java.util.concurrent.ExecutionException e) {
            assertTrue(e.getCause() instanceof ResponseErrorException, e.toString());
            assertEquals(ResponseErrorCode.ServerNotInitialized.getValue(),
                    ((ResponseErrorException) e.getCause()).getResponseError().getCode());
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            fail("no answer to a request before initialize", e);
        }
    }

    private static ClientCapabilities capabilities(boolean documentChanges, String... positionEncodings) {
        WorkspaceClientCapabilities workspace = new WorkspaceClientCapabilities();
        workspace.setWorkspaceEdit(new WorkspaceEditCapabilities(documentChanges));
        workspace.setDidChangeWatchedFiles(new DidChangeWatchedFilesCapabilities(true));
        workspace.setWorkspaceFolders(true);

        TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
        PublishDiagnosticsCapabilities publish = new PublishDiagnosticsCapabilities(true);
        publish.setVersionSupport(true);
        text.setPublishDiagnostics(publish);
        CodeActionCapabilities codeAction = new CodeActionCapabilities(new CodeActionLiteralSupportCapabilities(
                new CodeActionKindCapabilities(List.of(CodeActionKind.QuickFix))), false, true);
        text.setCodeAction(codeAction);
        text.setHover(new HoverCapabilities(List.of(MarkupKind.MARKDOWN, MarkupKind.PLAINTEXT), false));

        ClientCapabilities capabilities = new ClientCapabilities(workspace, text, null);
        if (positionEncodings.length > 0) {
            GeneralClientCapabilities general = new GeneralClientCapabilities();
            general.setPositionEncodings(List.of(positionEncodings));
            capabilities.setGeneral(general);
        }
        return capabilities;
    }

    /** Waits for the diagnostics of {@code version} and checks how many GT007 findings they hold. */
    private List<Diagnostic> awaitFindings(Doc doc, int version, int count) {
        PublishDiagnosticsParams published = client.awaitDiagnostics(doc.uri,
                p -> p.getVersion() != null && p.getVersion() == version, "diagnostics of version " + version);
        assertEquals(count, published.getDiagnostics().size(), published.toString());
        for (Diagnostic diagnostic : published.getDiagnostics()) {
            assertEquals(GT007, diagnostic.getCode().getLeft());
        }
        return published.getDiagnostics();
    }

    /**
     * Returns once the server has handled everything sent so far and published what it found: a pull request is
     * answered by the analysis thread after the analyses queued before it, whose diagnostics go out first.
     */
    private void barrier(Doc doc) {
        pull(doc.uri);
    }

    private List<Diagnostic> pull(String uri) {
        DocumentDiagnosticReport report = TestClient.await(client.server().getTextDocumentService()
                .diagnostic(new DocumentDiagnosticParams(new TextDocumentIdentifier(uri))), "textDocument/diagnostic");
        assertTrue(report.isRelatedFullDocumentDiagnosticReport(), "a full report: " + report);
        return report.getRelatedFullDocumentDiagnosticReport().getItems();
    }

    private List<CodeAction> codeActions(Doc doc, Range range) {
        CodeActionContext context = new CodeActionContext(List.of());
        return codeActions(doc, range, context);
    }

    private List<CodeAction> codeActions(Doc doc, Diagnostic diagnostic) {
        CodeActionContext context = new CodeActionContext(List.of(diagnostic), List.of(CodeActionKind.QuickFix));
        return codeActions(doc, diagnostic.getRange(), context);
    }

    private List<CodeAction> codeActions(Doc doc, Range range, CodeActionContext context) {
        List<Either<Command, CodeAction>> result = TestClient.await(client.server().getTextDocumentService()
                .codeAction(new CodeActionParams(new TextDocumentIdentifier(doc.uri), range, context)), "codeAction");
        List<CodeAction> actions = new ArrayList<>();
        for (Either<Command, CodeAction> item : result) {
            assertTrue(item.isRight(), "code actions, not bare commands: " + item);
            actions.add(item.getRight());
        }
        return actions;
    }

    /** The one preferred quick fix for a GT007 diagnostic, tied to that diagnostic (then comes the suppression). */
    private CodeAction preferredQuickFix(Doc doc, Diagnostic diagnostic) {
        List<CodeAction> actions = codeActions(doc, diagnostic);
        assertEquals(2, actions.size(), actions.toString());
        assertEquals("Suppress GT007 on this line", actions.get(1).getTitle());
        CodeAction action = actions.get(0);
        assertEquals(CodeActionKind.QuickFix, action.getKind());
        assertEquals(Boolean.TRUE, action.getIsPreferred());
        assertTrue(action.getTitle().contains(":info"), action.getTitle());
        assertEquals(1, action.getDiagnostics().size());
        assertEquals(GT007, action.getDiagnostics().get(0).getCode().getLeft());
        assertEquals(diagnostic.getRange(), action.getDiagnostics().get(0).getRange());
        assertNotNull(action.getEdit(), "the fix carries its edit");
        return action;
    }

    private Hover hover(Doc doc, Position position) {
        return TestClient.await(client.server().getTextDocumentService()
                .hover(new HoverParams(new TextDocumentIdentifier(doc.uri), position)), "hover");
    }

    // --- text positions, computed independently of the server's own code ---

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The LSP position of a char offset (LF line ends), with columns in UTF-16 units or UTF-8 bytes. */
    static Position positionAt(String text, int offset, boolean utf8) {
        int line = 0;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String before = text.substring(lineStart, offset);
        return new Position(line, utf8 ? utf8Length(before) : before.length());
    }

    /** The char offset of an LSP position; a column past the end of its line means the line's end, as in LSP. */
    static int offsetAt(String text, Position position, boolean utf8) {
        int lineStart = 0;
        for (int line = 0; line < position.getLine(); line++) {
            int newline = text.indexOf('\n', lineStart);
            if (newline < 0) {
                return text.length();
            }
            lineStart = newline + 1;
        }
        int lineEnd = text.indexOf('\n', lineStart);
        if (lineEnd < 0) {
            lineEnd = text.length();
        }
        if (!utf8) {
            int offset = Math.min(lineStart + position.getCharacter(), lineEnd);
            assertFalse(offset > lineStart && Character.isLowSurrogate(text.charAt(offset))
                    && Character.isHighSurrogate(text.charAt(offset - 1)), "position " + position + " splits a character");
            return offset;
        }
        int offset = lineStart;
        int bytes = 0;
        while (offset < lineEnd && bytes < position.getCharacter()) {
            int codePoint = text.codePointAt(offset);
            bytes += utf8Length(Character.toString(codePoint));
            offset += Character.charCount(codePoint);
        }
        assertTrue(offset == lineEnd || bytes == position.getCharacter(), "position " + position + " splits a character");
        return offset;
    }

    /** Applies non-overlapping text edits, all positioned in {@code text}, last first. */
    static String applyEdits(String text, List<TextEdit> edits, boolean utf8) {
        record Splice(int start, int end, String newText) {
        }
        List<Splice> splices = new ArrayList<>();
        for (TextEdit edit : edits) {
            splices.add(new Splice(offsetAt(text, edit.getRange().getStart(), utf8),
                    offsetAt(text, edit.getRange().getEnd(), utf8), edit.getNewText()));
        }
        splices.sort(Comparator.comparingInt(Splice::start).reversed());
        StringBuilder result = new StringBuilder(text);
        int limit = Integer.MAX_VALUE;
        for (Splice splice : splices) {
            assertTrue(splice.start() <= splice.end() && splice.end() <= limit, "edits overlap or are inverted: " + edits);
            result.replace(splice.start(), splice.end(), splice.newText());
            limit = splice.start();
        }
        return result.toString();
    }
}
