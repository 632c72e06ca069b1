package dev.gotchals.server;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.gotchals.cli.CliRun;
import dev.gotchals.cli.TestCopies;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticCapabilities;
import org.eclipse.lsp4j.DiagnosticRegistrationOptions;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DiagnosticWorkspaceCapabilities;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesCapabilities;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentDiagnosticParams;
import org.eclipse.lsp4j.DocumentDiagnosticReport;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.PreviousResultId;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.PublishDiagnosticsCapabilities;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WindowClientCapabilities;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceDiagnosticParams;
import org.eclipse.lsp4j.WorkspaceDiagnosticReport;
import org.eclipse.lsp4j.WorkspaceDocumentDiagnosticReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole workspace's findings in the editor, over real JSON-RPC: files never opened get their findings after
 * initialized and when they change on disk; the {@code openFiles} scope keeps them out; a client that pulls is never
 * pushed to and gets the same findings by document and by workspace, with result ids; first analyses report
 * progress; and the editor agrees with {@code gotcha-ls check} on every sample workspace.
 */
class WorkspaceDiagnosticsTest {
    private static final Set<String> DOCKERFILE_RULES = Set.of("GT002", "GT003", "GT004");

    @TempDir
    Path temp;

    private final List<TestClient> clients = new ArrayList<>();

    @AfterEach
    void disconnect() {
        clients.forEach(TestClient::close);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Pushed to a client that does not pull

    @Test
    void theDockerfilesAndTheRoutersFindingsArePublishedAfterInitializedWithoutOpeningEither() throws IOException {
        Path root = TestCopies.copy("naive-all-gotchas", temp);
        TestClient client = start(root, pushing(), null);
        String dockerfile = uri(root.resolve("Dockerfile"));
        String router = uri(root.resolve("lib/market_web/router.ex"));

        PublishDiagnosticsParams image = client.awaitDiagnostics(dockerfile, p -> true, "the Dockerfile's findings");
        assertNull(image.getVersion(), "a file that is not open carries no version");
        assertEquals(DOCKERFILE_RULES, codes(image.getDiagnostics()));
        PublishDiagnosticsParams routes = client.awaitDiagnostics(router, p -> true, "the router's findings");
        assertNull(routes.getVersion());
        assertEquals(Set.of("GT006"), codes(routes.getDiagnostics()));

        settle(client);
        Map<String, Long> publishes = client.diagnosticsHistory.stream()
                .collect(Collectors.groupingBy(PublishDiagnosticsParams::getUri, Collectors.counting()));
        assertEquals(Set.of(dockerfile, router, uri(root.resolve("config/prod.exs")), uri(root.resolve("fly.toml"))),
                publishes.keySet(), "the files with findings, and only those");
        assertTrue(publishes.values().stream().allMatch(count -> count == 1), "each published once: " + publishes);
    }

    @Test
    void fixingTheDockerfileOnDiskClearsItsFindings() throws IOException {
        Path root = TestCopies.copy("endpoint-not-served", temp);
        TestClient client = start(root, pushing(), null);
        Path dockerfilePath = root.resolve("Dockerfile");
        String dockerfile = uri(dockerfilePath);
        PublishDiagnosticsParams before = client.awaitDiagnostics(dockerfile, p -> true, "GT003 on the CMD");
        assertEquals(Set.of("GT003"), codes(before.getDiagnostics()));

        String cmd = "CMD [\"/app/bin/myapp\", \"start\"]";
        String text = Files.readString(dockerfilePath);
        assertTrue(text.contains(cmd), "sample Dockerfile as the test expects it");
        Files.writeString(dockerfilePath, text.replace(cmd, "ENV PHX_SERVER=true\n" + cmd));
        client.server().getWorkspaceService().didChangeWatchedFiles(
                new DidChangeWatchedFilesParams(List.of(new FileEvent(dockerfile, FileChangeType.Changed))));

        PublishDiagnosticsParams after = client.awaitDiagnostics(dockerfile, p -> true, "the Dockerfile after the fix");
        assertEquals(List.of(), after.getDiagnostics(), "its last finding went: cleared");
        assertNull(after.getVersion());
        settle(client);
        assertEquals(1, client.diagnosticsHistory.stream().filter(p -> p.getUri().equals(dockerfile)
                && p.getDiagnostics().isEmpty()).count(), "cleared once, and not published again");
    }

    @Test
    void aProjectWhoseMixExsGoesTakesItsFindingsWithIt() throws IOException {
        Path root = TestCopies.copy("endpoint-not-served", temp);
        TestClient client = start(root, pushing(), null);
        String dockerfile = uri(root.resolve("Dockerfile"));
        client.awaitDiagnostics(dockerfile, p -> !p.getDiagnostics().isEmpty(), "GT003 on the CMD");

        Files.delete(root.resolve("mix.exs"));
        client.server().getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(
                List.of(new FileEvent(uri(root.resolve("mix.exs")), FileChangeType.Deleted))));
        assertEquals(List.of(), client.awaitDiagnostics(dockerfile, p -> true,
                "the Dockerfile once there is no Mix project").getDiagnostics());
    }

    @Test
    void theOpenFilesScopePublishesOnlyOpenDocumentsAndTheScopeCanChangeWhileRunning() throws IOException {
        Path root = TestCopies.copy("naive-all-gotchas", temp);
        TestClient client = start(root, pushing(), json("{\"diagnostics\": {\"scope\": \"openFiles\"}}"));
        settle(client);
        assertEquals(List.of(), client.diagnosticsHistory, "nothing is open, nothing is published");

        Path prodPath = root.resolve("config/prod.exs");
        String prod = uri(prodPath);
        client.server().getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(prod, "elixir", 1, Files.readString(prodPath))));
        PublishDiagnosticsParams opened = client.awaitDiagnostics(prod, p -> true, "prod.exs once open");
        assertEquals(1, opened.getVersion());
        assertEquals(Set.of("GT001", "GT005", "GT007"), codes(opened.getDiagnostics()));
        settle(client);
        assertEquals(Set.of(prod), client.diagnosticsHistory.stream().map(PublishDiagnosticsParams::getUri)
                .collect(Collectors.toSet()), "only the open document");

        String dockerfile = uri(root.resolve("Dockerfile"));
        configure(client, "{\"gotcha\": {\"diagnostics\": {\"scope\": \"workspace\"}}}");
        assertEquals(DOCKERFILE_RULES, codes(client.awaitDiagnostics(dockerfile, p -> true,
                "the Dockerfile once the scope is the workspace").getDiagnostics()));
        configure(client, "{\"gotcha\": {\"diagnostics\": {\"scope\": \"openFiles\"}}}");
        assertEquals(List.of(), client.awaitDiagnostics(dockerfile, p -> true,
                "the Dockerfile cleared once the scope is the open files again").getDiagnostics());
        settle(client);
        PublishDiagnosticsParams last = client.diagnosticsHistory.stream().filter(p -> p.getUri().equals(prod))
                .reduce((first, second) -> second).orElseThrow();
        assertEquals(1, last.getVersion(), "the open document keeps its findings through both changes");
        assertEquals(3, last.getDiagnostics().size());
    }

    @Test
    void deletingAPathDependencysMixExsStartsTheAnalysisOfTheExampleInsideIt() throws IOException {
        Path root = TestCopies.copy("path-dependency", temp);
        TestClient client = start(root, pushing(), null);
        settle(client);
        String demoConfig = uri(root.resolve("shared_ui/examples/demo/config/config.exs"));
        assertTrue(client.diagnosticsHistory.stream().noneMatch(p -> p.getUri().equals(demoConfig)),
                "an example inside another project is not analysed");

        // shared_ui is no Mix project any more: nothing holds demo/ but demo itself, which is now deployed.
        Path sharedMix = root.resolve("shared_ui/mix.exs");
        Files.delete(sharedMix);
        client.server().getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(
                List.of(new FileEvent(uri(sharedMix), FileChangeType.Deleted))));
        assertEquals(Set.of("GT007"), codes(client.awaitDiagnostics(demoConfig, p -> true,
                "the example's findings once it is a project of its own").getDiagnostics()));
    }

    @Test
    void anEditOfOneFilePublishesNothingForFilesWhoseFindingsStayTheSame() throws IOException {
        Path root = TestCopies.copy("naive-all-gotchas", temp);
        TestClient client = start(root, pushing(), null);
        settle(client);
        int published = client.diagnosticsHistory.size();

        Path prodPath = root.resolve("config/prod.exs");
        String prod = uri(prodPath);
        String prodText = Files.readString(prodPath);
        var documents = client.server().getTextDocumentService();
        documents.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(prod, "elixir", 1, prodText)));
        for (int version = 2; version <= 4; version++) {
            prodText += "# note\n";
            documents.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(prod, version),
                    List.of(new TextDocumentContentChangeEvent(prodText))));
        }
        client.awaitDiagnostics(prod, p -> Integer.valueOf(4).equals(p.getVersion()), "prod.exs at its last version");
        settle(client);
        Set<String> after = client.diagnosticsHistory.subList(published, client.diagnosticsHistory.size()).stream()
                .map(PublishDiagnosticsParams::getUri).collect(Collectors.toSet());
        assertEquals(Set.of(prod), after, "only the edited document: the other files' findings did not change");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Pulled by a client that declared textDocument.diagnostic

    @Test
    void aPullingClientIsNeverPushedToAndSeesTheSameFindingsByDocumentAndByWorkspace() throws IOException {
        Path root = TestCopies.copy("naive-all-gotchas", temp);
        TestClient client = TestClient.connect();
        clients.add(client);
        InitializeResult result = initialize(client, root, pulling(), null);
        DiagnosticRegistrationOptions provider = result.getCapabilities().getDiagnosticProvider();
        assertNotNull(provider, "pull diagnostics are advertised to a client that declared them");
        assertTrue(provider.isWorkspaceDiagnostics());
        assertTrue(provider.isInterFileDependencies());

        Map<String, WorkspaceDocumentDiagnosticReport> first = byUri(workspacePull(client, List.of()));
        Path dockerfilePath = root.resolve("Dockerfile");
        String dockerfile = uri(dockerfilePath);
        String router = uri(root.resolve("lib/market_web/router.ex"));
        assertEquals(Set.of(dockerfile, router, uri(root.resolve("config/prod.exs")), uri(root.resolve("fly.toml"))),
                first.keySet());
        for (WorkspaceDocumentDiagnosticReport report : first.values()) {
            assertNotNull(report.getWorkspaceFullDocumentDiagnosticReport(), "a full report the first time: " + report);
            assertNull(report.getWorkspaceFullDocumentDiagnosticReport().getVersion(), "nothing is open");
        }
        var fullDockerfile = first.get(dockerfile).getWorkspaceFullDocumentDiagnosticReport();
        assertEquals(DOCKERFILE_RULES, codes(fullDockerfile.getItems()));
        for (String uri : List.of(dockerfile, router)) {
            DocumentDiagnosticReport byDocument = documentPull(client, uri, null);
            var full = first.get(uri).getWorkspaceFullDocumentDiagnosticReport();
            assertEquals(full.getItems(), byDocument.getRelatedFullDocumentDiagnosticReport().getItems());
            assertEquals(full.getResultId(), byDocument.getRelatedFullDocumentDiagnosticReport().getResultId());
            assertTrue(documentPull(client, uri, full.getResultId()).isRelatedUnchangedDocumentDiagnosticReport(),
                    "unchanged for the result id the client holds");
        }

        // Pulled again with the result ids it holds: nothing changed, nothing is sent again.
        List<PreviousResultId> held = resultIds(first);
        Map<String, WorkspaceDocumentDiagnosticReport> again = byUri(workspacePull(client, held));
        assertEquals(first.keySet(), again.keySet());
        again.values().forEach(report -> assertNotNull(report.getWorkspaceUnchangedDocumentDiagnosticReport(),
                "unchanged: " + report));

        // A change on disk the client did not make: it is asked to pull again, and only the Dockerfile is new.
        String cmd = "CMD [\"/app/bin/market\", \"start\"]";
        String text = Files.readString(dockerfilePath);
        assertTrue(text.contains(cmd), "sample Dockerfile as the test expects it");
        Files.writeString(dockerfilePath, text.replace(cmd, "ENV PHX_SERVER=true\n" + cmd));
        client.server().getWorkspaceService().didChangeWatchedFiles(
                new DidChangeWatchedFilesParams(List.of(new FileEvent(dockerfile, FileChangeType.Changed))));
        TestClient.poll(client.diagnosticRefreshes, r -> true, "workspace/diagnostic/refresh");
        Map<String, WorkspaceDocumentDiagnosticReport> afterFix = byUri(workspacePull(client, held));
        var newDockerfile = afterFix.get(dockerfile).getWorkspaceFullDocumentDiagnosticReport();
        assertNotNull(newDockerfile, "the Dockerfile's findings changed: " + afterFix.get(dockerfile));
        assertEquals(Set.of("GT002", "GT004"), codes(newDockerfile.getItems()));
        assertNotEquals(fullDockerfile.getResultId(), newDockerfile.getResultId());
        afterFix.forEach((uri, report) -> assertTrue(uri.equals(dockerfile)
                || report.getWorkspaceUnchangedDocumentDiagnosticReport() != null, "unchanged: " + report));

        // Its own edits it pulls by document; the open file's version comes with the workspace report.
        Path prodPath = root.resolve("config/prod.exs");
        String prod = uri(prodPath);
        String prodText = Files.readString(prodPath);
        var documents = client.server().getTextDocumentService();
        documents.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(prod, "elixir", 1, prodText)));
        documents.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(prod, 2),
                List.of(new TextDocumentContentChangeEvent(prodText.replace("level: :debug", "level: :info")))));
        assertEquals(Set.of("GT001", "GT005"),
                codes(documentPull(client, prod, null).getRelatedFullDocumentDiagnosticReport().getItems()));
        var openReport = byUri(workspacePull(client, List.of())).get(prod).getWorkspaceFullDocumentDiagnosticReport();
        assertEquals(2, openReport.getVersion());

        assertEquals(List.of(), client.diagnosticsHistory, "a client that pulls is never pushed to");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Progress

    @Test
    void theFirstAnalysisOfAProjectReportsProgressNamingIt() throws IOException {
        Path root = TestCopies.copy("naive-all-gotchas", temp);
        ClientCapabilities capabilities = pushing();
        WindowClientCapabilities window = new WindowClientCapabilities();
        window.setWorkDoneProgress(true);
        capabilities.setWindow(window);
        TestClient client = start(root, capabilities, null);

        WorkDoneProgressCreateParams create = (WorkDoneProgressCreateParams) TestClient.poll(client.progress,
                p -> p instanceof WorkDoneProgressCreateParams, "window/workDoneProgress/create");
        ProgressParams begin = (ProgressParams) TestClient.poll(client.progress, p -> p instanceof ProgressParams, "begin");
        assertEquals(create.getToken(), begin.getToken());
        WorkDoneProgressBegin begun = assertInstanceOf(WorkDoneProgressBegin.class, begin.getValue().getLeft());
        assertEquals("Gotcha LS", begun.getTitle());
        assertTrue(begun.getMessage().contains("market"), begun.getMessage());
        ProgressParams end = (ProgressParams) TestClient.poll(client.progress, p -> p instanceof ProgressParams, "end");
        assertEquals(create.getToken(), end.getToken());
        assertInstanceOf(WorkDoneProgressEnd.class, end.getValue().getLeft());
    }

    @Test
    void aClientThatCannotShowProgressGetsNone() throws IOException {
        TestClient client = start(TestCopies.copy("naive-all-gotchas", temp), pushing(), null);
        settle(client);
        assertTrue(client.progress.isEmpty(), client.progress.toString());
    }

    // ---------------------------------------------------------------------------------------------------------
    // The editor and the command line agree

    @TestFactory
    Stream<DynamicTest> theEditorShowsWhatCheckReportsOnEverySampleWorkspace() throws IOException {
        List<String> names;
        try (Stream<Path> folders = Files.list(CliRun.workspaces())) {
            names = folders.filter(Files::isDirectory).map(folder -> folder.getFileName().toString()).sorted().toList();
        }
        return names.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path root = TestCopies.copy(name, temp.resolve("agree"));
            // The editor shows hints too: check's with --hints.
            CliRun check = CliRun.in(root, "check", "--format", "json", "--hints", "--fail-on", "never");
            assertEquals(0, check.exit(), check.err());
            Set<String> fromCheck = new TreeSet<>();
            for (JsonElement finding : JsonParser.parseString(check.out()).getAsJsonObject().getAsJsonArray("findings")) {
                JsonObject f = finding.getAsJsonObject();
                fromCheck.add(line(f.get("file").getAsString(), f.get("line").getAsInt(), f.get("column").getAsInt(),
                        f.get("severity").getAsString(), f.get("rule").getAsString(), f.get("message").getAsString()));
            }

            TestClient client = start(root, pushing(), null);
            settle(client);
            Map<String, PublishDiagnosticsParams> latest = new LinkedHashMap<>();
            client.diagnosticsHistory.forEach(p -> latest.put(p.getUri(), p));
            Set<String> fromEditor = new TreeSet<>();
            latest.values().forEach(published -> published.getDiagnostics().forEach(d -> fromEditor.add(line(
                    root.relativize(Uris.toPath(published.getUri())).toString(), d.getRange().getStart().getLine() + 1,
                    d.getRange().getStart().getCharacter() + 1, severity(d.getSeverity()), d.getCode().getLeft(),
                    d.getMessage()))));
            assertEquals(fromCheck, fromEditor, name);
        }));
    }

    // =========================================================================================================
    // Helpers

    private static String line(String file, int line, int column, String severity, String rule, String message) {
        return file + ":" + line + ":" + column + ": " + severity + " [" + rule + "] " + message;
    }

    private static String severity(DiagnosticSeverity severity) {
        return switch (severity) {
            case Error -> "error";
            case Warning -> "warning";
            case Information -> "info";
            case Hint -> "hint";
        };
    }

    /** A client started on {@code root}, initialized, with its file watchers registered. */
    private TestClient start(Path root, ClientCapabilities capabilities, Object initializationOptions) throws IOException {
        TestClient client = TestClient.connect();
        clients.add(client);
        initialize(client, root, capabilities, initializationOptions);
        return client;
    }

    private static InitializeResult initialize(TestClient client, Path root, ClientCapabilities capabilities,
                                               Object initializationOptions) {
        InitializeResult result = client.initialize(root, capabilities, initializationOptions);
        TestClient.poll(client.registrations, r -> true, "client/registerCapability");
        return result;
    }

    /** A client that takes pushed diagnostics and can watch files. */
    private static ClientCapabilities pushing() {
        WorkspaceClientCapabilities workspace = new WorkspaceClientCapabilities();
        workspace.setDidChangeWatchedFiles(new DidChangeWatchedFilesCapabilities(true));
        TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
        PublishDiagnosticsCapabilities publish = new PublishDiagnosticsCapabilities(true);
        publish.setVersionSupport(true);
        text.setPublishDiagnostics(publish);
        return new ClientCapabilities(workspace, text, null);
    }

    /** A client that also pulls diagnostics and accepts refresh requests, as VS Code does. */
    private static ClientCapabilities pulling() {
        ClientCapabilities capabilities = pushing();
        capabilities.getTextDocument().setDiagnostic(new DiagnosticCapabilities(true));
        capabilities.getWorkspace().setDiagnostics(new DiagnosticWorkspaceCapabilities(true));
        return capabilities;
    }

    /** Returns once every analysis waiting now is done and its findings were sent: workspace/diagnostic waits for them. */
    private static void settle(TestClient client) {
        workspacePull(client, List.of());
    }

    private static void configure(TestClient client, String settings) {
        client.server().getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(json(settings)));
    }

    private static WorkspaceDiagnosticReport workspacePull(TestClient client, List<PreviousResultId> held) {
        return TestClient.await(client.server().getWorkspaceService().diagnostic(new WorkspaceDiagnosticParams(held)),
                "workspace/diagnostic");
    }

    private static DocumentDiagnosticReport documentPull(TestClient client, String uri, String previousResultId) {
        DocumentDiagnosticParams params = new DocumentDiagnosticParams(new TextDocumentIdentifier(uri));
        params.setPreviousResultId(previousResultId);
        return TestClient.await(client.server().getTextDocumentService().diagnostic(params), "textDocument/diagnostic");
    }

    private static Map<String, WorkspaceDocumentDiagnosticReport> byUri(WorkspaceDiagnosticReport report) {
        Map<String, WorkspaceDocumentDiagnosticReport> byUri = new LinkedHashMap<>();
        for (WorkspaceDocumentDiagnosticReport item : report.getItems()) {
            String uri = item.isWorkspaceFullDocumentDiagnosticReport()
                    ? item.getWorkspaceFullDocumentDiagnosticReport().getUri()
                    : item.getWorkspaceUnchangedDocumentDiagnosticReport().getUri();
            assertNull(byUri.put(uri, item), "one report per file: " + uri);
        }
        return byUri;
    }

    private static List<PreviousResultId> resultIds(Map<String, WorkspaceDocumentDiagnosticReport> reports) {
        List<PreviousResultId> ids = new ArrayList<>();
        reports.forEach((uri, report) -> ids.add(new PreviousResultId(uri,
                report.getWorkspaceFullDocumentDiagnosticReport().getResultId())));
        return ids;
    }

    private static Set<String> codes(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(d -> d.getCode().getLeft()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static JsonElement json(String text) {
        return JsonParser.parseString(text);
    }

    private static String uri(Path path) {
        return path.toAbsolutePath().normalize().toUri().toString();
    }
}
