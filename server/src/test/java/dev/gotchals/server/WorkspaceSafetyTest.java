package dev.gotchals.server;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CreateFile;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentDiagnosticParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsCapabilities;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ResourceOperation;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceEditCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.IntConsumer;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The language server writes nothing, even while it offers fixes that create files; and the fixes it offers only
 * reach files inside the workspace folders, after {@code ..} and symbolic links are resolved.
 */
class WorkspaceSafetyTest {
    @TempDir
    Path temp;

    private Path root;
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            warnings.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private IntConsumer originalExitHook;

    @BeforeEach
    void setUp() throws IOException {
        root = temp.toRealPath();
        Logger.getLogger(DocumentService.class.getName()).addHandler(capture);
        originalExitHook = ServerLauncher.exitHook;
        ServerLauncher.exitHook = code -> { };
    }

    @AfterEach
    void tearDown() {
        Logger.getLogger(DocumentService.class.getName()).removeHandler(capture);
        ServerLauncher.exitHook = originalExitHook;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The LSP path writes nothing

    @Test
    void aFullSessionOfferingFileCreatingFixesLeavesTheWorkspaceUntouched() throws Exception {
        Path ws = copyWorkspace("mix-in-release", root.resolve("ws"));
        Map<String, String> before = fileSystemState(root);

        try (TestClient client = TestClient.connect()) {
            LanguageServer server = client.server();
            TestClient.await(server.initialize(initializeParams(ws)), "initialize");
            server.initialized(new InitializedParams());
            Path dockerfile = ws.resolve("Dockerfile");
            String uri = uri(dockerfile);
            String text = Files.readString(dockerfile);
            server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "dockerfile", 1, text)));
            client.awaitDiagnostics(uri, p -> Integer.valueOf(1).equals(p.getVersion()), "the first diagnostics");

            int lines = text.split("\n", -1).length - 1;
            server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, 2),
                    List.of(new TextDocumentContentChangeEvent(new Range(new Position(lines, 0), new Position(lines, 0)),
                            "# edited in the editor, never saved\n"))));
            PublishDiagnosticsParams published = client.awaitDiagnostics(uri, p -> Integer.valueOf(2).equals(p.getVersion()),
                    "diagnostics of the edit");
            List<Diagnostic> gt002 = published.getDiagnostics().stream()
                    .filter(d -> "GT002".equals(d.getCode().getLeft())).toList();
            assertFalse(gt002.isEmpty(), published.toString());

            List<CreateFile> creations = new ArrayList<>();
            for (Diagnostic diagnostic : gt002) {
                for (CodeAction action : codeActions(server, uri, diagnostic)) {
                    for (Either<TextDocumentEdit, ResourceOperation> change : action.getEdit().getDocumentChanges()) {
                        if (change.isRight() && change.getRight() instanceof CreateFile create) {
                            creations.add(create);
                        }
                    }
                }
            }
            assertTrue(creations.stream().anyMatch(c -> c.getUri().endsWith("/lib/notes/release.ex")), creations.toString());
            assertTrue(creations.stream().anyMatch(c -> c.getUri().endsWith("/rel/overlays/bin/migrate")), creations.toString());

            TestClient.await(server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri),
                    gt002.get(0).getRange().getStart())), "hover");
            TestClient.await(server.getTextDocumentService().diagnostic(new DocumentDiagnosticParams(
                    new TextDocumentIdentifier(uri(ws.resolve("config/prod.exs"))))), "pull diagnostics");
            server.getTextDocumentService().didSave(new DidSaveTextDocumentParams(new TextDocumentIdentifier(uri)));
            server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
            // Closed: the disk copy's findings replace the buffer's, without a version.
            client.awaitDiagnostics(uri, p -> p.getVersion() == null && !p.getDiagnostics().isEmpty(),
                    "the disk copy's findings after the close");
            TestClient.await(server.shutdown(), "shutdown");
            server.exit();
        }

        assertEquals(before, fileSystemState(root), "the session changed no file, size or modification time under " + root);
        assertFalse(Files.exists(ws.resolve("lib/notes/release.ex")));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Fixes stay inside the workspace

    @Test
    void fixesReachingOutsideTheWorkspaceAreDroppedAndLoggedOnce() throws Exception {
        Path ws = writeProject(root.resolve("ws"));
        Path outside = Files.createDirectories(root.resolve("outside"));
        Files.createSymbolicLink(ws.resolve("linked"), outside);
        Files.createSymbolicLink(ws.resolve("dangling"), root.resolve("nowhere"));
        List<Fix.Change> inside = List.of(new Fix.CreateFile(ws.resolve("lib/app/release.ex"), "defmodule App.Release do\nend\n"));
        EscapingRule rule = new EscapingRule(List.of(
                new Fix("escape with ..", true, List.of(new Fix.CreateFile(ws.resolve("../outside.ex"), "x"))),
                new Fix("escape with more ..", true, List.of(new Fix.CreateFile(ws.resolve("config/../../../outside.ex"), "x"))),
                new Fix("escape through a linked folder", true, List.of(new Fix.CreateFile(ws.resolve("linked/release.ex"), "x"))),
                new Fix("escape through a dangling link", true, List.of(new Fix.CreateFile(ws.resolve("dangling"), "x"))),
                new Fix("one file inside, one outside", true, List.of(inside.get(0),
                        new Fix.CreateFile(ws.resolve("linked/sub/migrate"), "x"))),
                new Fix("stay inside", true, inside),
                new Fix("stay inside after ..", true, List.of(new Fix.CreateFile(ws.resolve("lib/../rel/overlays/bin/migrate"), "x")))));

        Direct direct = Direct.start(new GotchaLanguageServer(List.of(rule)), ws);
        try {
            Path config = ws.resolve("config/config.exs");
            Diagnostic diagnostic = direct.openAndAwait(config, "TEST1");
            for (int round = 0; round < 3; round++) {
                List<CodeAction> actions = codeActions(direct.server, uri(config), diagnostic);
                assertEquals(List.of("stay inside", "stay inside after ..", "Suppress TEST1 on this line"),
                        actions.stream().map(CodeAction::getTitle).toList(), "the suppression edits the open file itself");
            }
        } finally {
            direct.stop();
        }
        List<String> dropped = warnings.stream().filter(w -> w.startsWith("dropped the fix")).toList();
        assertEquals(5, dropped.size(), "one line per escaping file, however often code actions are asked: " + warnings);
        assertTrue(dropped.stream().anyMatch(w -> w.contains("\"escape with ..\"") && w.contains("TEST1")), dropped.toString());
        try (Stream<Path> files = Files.list(outside)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void theReleaseModuleFixIsDroppedWhenRelIsALinkOutOfTheWorkspace() throws Exception {
        Path ws = copyWorkspace("mix-in-release", root.resolve("ws"));
        Path outside = Files.createDirectories(root.resolve("outside"));
        Files.move(ws.resolve("rel"), outside.resolve("rel"));
        Files.createSymbolicLink(ws.resolve("rel"), outside.resolve("rel"));

        Direct direct = Direct.start(new GotchaLanguageServer(), ws);
        try {
            Path dockerfile = ws.resolve("Dockerfile");
            Diagnostic diagnostic = direct.openAndAwait(dockerfile, "GT002");
            List<String> targets = new ArrayList<>();
            for (Diagnostic d : direct.lastPublished.getDiagnostics()) {
                for (CodeAction action : codeActions(direct.server, uri(dockerfile), d)) {
                    for (Either<TextDocumentEdit, ResourceOperation> change : action.getEdit().getDocumentChanges()) {
                        targets.add(change.isLeft() ? change.getLeft().getTextDocument().getUri()
                                : ((CreateFile) change.getRight()).getUri());
                    }
                }
            }
            assertNotNull(diagnostic);
            for (String target : targets) {
                Path path = Path.of(URI.create(target));
                assertFalse(path.startsWith(ws.resolve("rel")), "a fix writes through the linked rel/: " + target);
                assertTrue(path.startsWith(ws), target);
            }
        } finally {
            direct.stop();
        }
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("dropped the fix") && w.contains("GT002")
                && w.contains("rel/overlays/bin/migrate")), warnings.toString());
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers

    /** Each file and folder under {@code dir}, links not followed, with its type, size and modification time. */
    private static Map<String, String> fileSystemState(Path dir) throws IOException {
        Map<String, String> state = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.toList()) {
                BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                state.put(dir.relativize(path).toString(), (attrs.isDirectory() ? "dir" : attrs.isSymbolicLink() ? "link" : "file")
                        + " " + attrs.size() + " " + attrs.lastModifiedTime().toMillis() + " " + attrs.lastModifiedTime());
            }
        }
        return state;
    }

    private static Path copyWorkspace(String name, Path target) {
        Path source = null;
        for (Path dir = Path.of("").toAbsolutePath(); dir != null && source == null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("test-workspaces").resolve(name))) {
                source = dir.resolve("test-workspaces").resolve(name);
            }
        }
        assertNotNull(source, "test-workspaces/" + name);
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

    private static Path writeProject(Path ws) throws IOException {
        Files.createDirectories(ws.resolve("config"));
        Files.writeString(ws.resolve("mix.exs"), "defmodule App.MixProject do\n  use Mix.Project\n  def project, do: [app: :app]\nend\n");
        Files.writeString(ws.resolve("config/config.exs"), "import Config\nconfig :app, key: 1\n");
        return ws;
    }

    private static String uri(Path path) {
        return path.toUri().toString();
    }

    private static InitializeParams initializeParams(Path ws) {
        InitializeParams params = new InitializeParams();
        params.setProcessId((int) ProcessHandle.current().pid());
        params.setWorkspaceFolders(List.of(new WorkspaceFolder(uri(ws), ws.getFileName().toString())));
        WorkspaceClientCapabilities workspace = new WorkspaceClientCapabilities();
        workspace.setWorkspaceEdit(new WorkspaceEditCapabilities(true));
        TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
        PublishDiagnosticsCapabilities publish = new PublishDiagnosticsCapabilities(true);
        publish.setVersionSupport(true);
        text.setPublishDiagnostics(publish);
        params.setCapabilities(new ClientCapabilities(workspace, text, null));
        return params;
    }

    private static List<CodeAction> codeActions(LanguageServer server, String uri, Diagnostic diagnostic) {
        List<Either<Command, CodeAction>> result = TestClient.await(server.getTextDocumentService().codeAction(
                new CodeActionParams(new TextDocumentIdentifier(uri), diagnostic.getRange(),
                        new CodeActionContext(List.of(diagnostic)))), "codeAction");
        return result.stream().filter(Either::isRight).map(Either::getRight).toList();
    }

    /** A rule that reports config.exs's first line, with the fixes it is given (re-targeted to that version). */
    private static final class EscapingRule implements Rule {
        private static final RuleInfo INFO = new RuleInfo("TEST1", "escaping-fixes", "offers fixes that escape",
                Severity.WARNING, "test", "", "");
        private final List<Fix> fixes;

        EscapingRule(List<Fix> fixes) {
            this.fixes = fixes;
        }

        @Override
        public RuleInfo info() {
            return INFO;
        }

        @Override
        public List<Finding> check(ProjectContext project) {
            DocumentSnapshot config = project.configFile("config.exs");
            if (config == null) {
                return List.of();
            }
            return List.of(new Finding(INFO, Severity.WARNING, config, 0, "import Config".length(), "escaping fixes", fixes));
        }
    }

    /** The server called directly (no JSON-RPC), with a client that records what is published. */
    private static final class Direct implements LanguageClient {
        final GotchaLanguageServer server;
        final BlockingQueue<PublishDiagnosticsParams> publishes = new LinkedBlockingQueue<>();
        PublishDiagnosticsParams lastPublished;

        private Direct(GotchaLanguageServer server) {
            this.server = server;
        }

        static Direct start(GotchaLanguageServer server, Path ws) {
            Direct direct = new Direct(server);
            server.connect(direct);
            TestClient.await(server.initialize(initializeParams(ws)), "initialize");
            server.initialized(new InitializedParams());
            return direct;
        }

        /** Opens a file and returns the first diagnostic of {@code code} published for it. */
        Diagnostic openAndAwait(Path file, String code) throws IOException {
            String uri = uri(file);
            server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                    new TextDocumentItem(uri, "elixir", 1, Files.readString(file))));
            lastPublished = TestClient.poll(publishes, p -> p.getUri().equals(uri) && Integer.valueOf(1).equals(p.getVersion()),
                    "diagnostics of " + uri);
            return lastPublished.getDiagnostics().stream().filter(d -> code.equals(d.getCode().getLeft())).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + code + " in " + lastPublished));
        }

        void stop() {
            server.shutdown();
        }

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams params) {
            publishes.add(params);
        }

        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void showMessage(MessageParams message) {
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams message) {
        }
    }
}
