package dev.gotchals.server;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import dev.gotchals.analysis.AnalysisService;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.document.OpenDocument;
import dev.gotchals.engine.Changes;
import dev.gotchals.engine.RuleEngine;
import dev.gotchals.product.Version;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Settings;
import dev.gotchals.rules.Rules;
import dev.gotchals.text.PositionEncoding;
import dev.gotchals.workspace.FileClassifier;
import dev.gotchals.workspace.Workspace;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.ConfigurationItem;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.DiagnosticRegistrationOptions;
import org.eclipse.lsp4j.DidChangeWatchedFilesRegistrationOptions;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.FileSystemWatcher;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.PositionEncodingKind;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.SaveOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * The language server: negotiates capabilities, owns the session's workspace and analysis thread, and hands
 * document and workspace notifications to {@link DocumentService} and {@link WorkspaceEvents}.
 */
public final class GotchaLanguageServer implements LanguageServer, LanguageClientAware {
    private static final Logger LOG = Logger.getLogger(GotchaLanguageServer.class.getName());
    /** Files whose change on disk can change a finding, watched when the client can register watchers. */
    static final List<String> WATCHED_GLOBS = FileClassifier.watcherGlobs();
    /** The settings section the server reads from the editor. */
    static final String SETTINGS_SECTION = "gotcha";

    private final List<Rule> rules;
    /** The rule identities settings may name: the rules and those the engine reports itself. */
    private final List<RuleInfo> catalog;
    private final DocumentService documents = new DocumentService(this);
    private final WorkspaceEvents workspaceEvents = new WorkspaceEvents(this);
    private final ShowStatusCommand showStatus = new ShowStatusCommand(this, () -> this.editorSettings);
    private LanguageClient client;
    private Session session;
    private boolean shutdownRequested;
    private boolean dynamicWatchers;
    /** Whether the client answers workspace/configuration, so settings are pulled rather than pushed. */
    private boolean pullsConfiguration;
    /** The editor's settings: every analysis reads the current ones, which win over the project's own. */
    private volatile Settings editorSettings = Settings.DEFAULT;
    /** Which files the editor is shown findings for; changing it needs no new analysis. */
    private volatile DiagnosticScope diagnosticScope = DiagnosticScope.WORKSPACE;

    /** What lives from initialize to exit. */
    record Session(Workspace workspace, AnalysisScheduler scheduler, ProtocolConversions conversions,
                   WorkspaceDiagnostics diagnostics) {
    }

    public GotchaLanguageServer() {
        this(Rules.all());
    }

    /** A server running other rules than the built-in ones: for tests. */
    GotchaLanguageServer(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        this.catalog = RuleEngine.catalogOf(this.rules);
    }

    @Override
    public void connect(LanguageClient languageClient) {
        this.client = languageClient;
    }

    /** The rule identities of this server's rules: what settings, suppressions and their actions name. */
    List<RuleInfo> catalog() {
        return catalog;
    }

    LanguageClient client() {
        return client;
    }

    /** The session, or empty before initialize (requests then get no results). */
    Optional<Session> session() {
        return Optional.ofNullable(session);
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        List<Path> folders = new ArrayList<>();
        if (params.getWorkspaceFolders() != null) {
            for (WorkspaceFolder folder : params.getWorkspaceFolders()) {
                Optional.ofNullable(Uris.toPath(folder.getUri())).ifPresent(folders::add);
            }
        }
        if (folders.isEmpty() && params.getRootUri() != null) {
            Optional.ofNullable(Uris.toPath(params.getRootUri())).ifPresent(folders::add);
        }
        var capabilities = params.getCapabilities();
        boolean utf8 = capabilities != null && capabilities.getGeneral() != null
                && capabilities.getGeneral().getPositionEncodings() != null
                && capabilities.getGeneral().getPositionEncodings().contains(PositionEncodingKind.UTF8);
        boolean documentChanges = capabilities != null && capabilities.getWorkspace() != null
                && capabilities.getWorkspace().getWorkspaceEdit() != null
                && Boolean.TRUE.equals(capabilities.getWorkspace().getWorkspaceEdit().getDocumentChanges());
        dynamicWatchers = capabilities != null && capabilities.getWorkspace() != null
                && capabilities.getWorkspace().getDidChangeWatchedFiles() != null
                && Boolean.TRUE.equals(capabilities.getWorkspace().getDidChangeWatchedFiles().getDynamicRegistration());

        pullsConfiguration = capabilities != null && capabilities.getWorkspace() != null
                && Boolean.TRUE.equals(capabilities.getWorkspace().getConfiguration());
        EditorSettings initial = readEditorSettings(params.getInitializationOptions(), "initializationOptions");
        editorSettings = initial.settings();
        diagnosticScope = initial.scope();
        boolean pullsDiagnostics = capabilities != null && capabilities.getTextDocument() != null
                && capabilities.getTextDocument().getDiagnostic() != null;
        boolean refreshesDiagnostics = capabilities != null && capabilities.getWorkspace() != null
                && capabilities.getWorkspace().getDiagnostics() != null
                && Boolean.TRUE.equals(capabilities.getWorkspace().getDiagnostics().getRefreshSupport());
        boolean showsProgress = capabilities != null && capabilities.getWindow() != null
                && Boolean.TRUE.equals(capabilities.getWindow().getWorkDoneProgress());

        PositionEncoding encoding = utf8 ? PositionEncoding.UTF8 : PositionEncoding.UTF16;
        Workspace workspace = new Workspace(folders);
        ProtocolConversions conversions = new ProtocolConversions(encoding, documentChanges, documents::uriOf,
                ProtocolConversions.supportsRelatedInformation(capabilities), workspace::isInside,
                file -> editedVersion(workspace, file));
        WorkspaceDiagnostics diagnostics = new WorkspaceDiagnostics(this, documents::uriOf, pullsDiagnostics,
                refreshesDiagnostics);
        diagnostics.scope(diagnosticScope);
        AnalysisScheduler.Progress progress = showsProgress
                ? new AnalysisProgress(this::client, folders.isEmpty() ? null : folders.get(0)) : AnalysisProgress.none();
        AnalysisScheduler scheduler = new AnalysisScheduler(new AnalysisService(workspace, rules), () -> editorSettings,
                diagnostics::analysed, progress);
        session = new Session(workspace, scheduler, conversions, diagnostics);
        LOG.info("Gotcha LS " + Version.get() + ": folders " + folders + ", positions in " + encoding);

        ServerCapabilities server = new ServerCapabilities();
        TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
        sync.setOpenClose(true);
        sync.setChange(TextDocumentSyncKind.Incremental);
        sync.setSave(new SaveOptions(false));
        server.setTextDocumentSync(sync);
        server.setPositionEncoding(utf8 ? PositionEncodingKind.UTF8 : PositionEncodingKind.UTF16);
        server.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix)));
        server.setHoverProvider(true);
        server.setExecuteCommandProvider(new ExecuteCommandOptions(ShowStatusCommand.COMMANDS));
        // Pull diagnostics are advertised only to clients that declared them, and those are then never pushed to: a
        // client that gets both keeps two collections and shows each finding twice. The others get every file's
        // findings pushed (textDocument/diagnostic is still answered when they ask).
        if (pullsDiagnostics) {
            DiagnosticRegistrationOptions pull = new DiagnosticRegistrationOptions();
            pull.setInterFileDependencies(true);
            pull.setWorkspaceDiagnostics(true);
            pull.setIdentifier(ProtocolConversions.SOURCE);
            server.setDiagnosticProvider(pull);
        }
        return CompletableFuture.completedFuture(new InitializeResult(server, new ServerInfo("gotcha-ls", Version.get())));
    }

    @Override
    public void initialized(InitializedParams params) {
        if (dynamicWatchers && client != null) {
            List<FileSystemWatcher> watchers = WATCHED_GLOBS.stream()
                    .map(glob -> new FileSystemWatcher(Either.forLeft(glob))).toList();
            client.registerCapability(new RegistrationParams(List.of(new Registration("gotcha-watched-files",
                    "workspace/didChangeWatchedFiles", new DidChangeWatchedFilesRegistrationOptions(watchers)))));
        }
        // The folders are scanned now, after the editor has its answer to initialize.
        session().ifPresent(s -> LOG.info(s.workspace().projects().size() + " Mix project(s) in "
                + s.workspace().folders()));
        analyseEveryProject();
        if (pullsConfiguration) {
            pullConfiguration();
        }
    }

    private void analyseEveryProject() {
        session().ifPresent(s -> s.workspace().projects().forEach(project ->
                s.scheduler().scheduleInBackground(project, Changes.EVERYTHING)));
    }

    /**
     * Asks the client for the {@code gotcha} section (after initialized and on every configuration change); when
     * the answer differs from the settings in use, every project is analysed again. A client without settings for
     * the section answers null, which keeps the settings from initializationOptions.
     */
    void pullConfiguration() {
        if (!pullsConfiguration || client == null) {
            return;
        }
        ConfigurationItem item = new ConfigurationItem();
        item.setSection(SETTINGS_SECTION);
        client.configuration(new ConfigurationParams(List.of(item))).thenAccept(answer -> {
            Object section = answer == null || answer.isEmpty() ? null : answer.get(0);
            if (section != null && !(section instanceof JsonElement json && json.isJsonNull())) {
                useEditorSettings(section, "workspace/configuration");
            }
        }).exceptionally(e -> {
            LOG.warning("workspace/configuration failed: " + e.getMessage() + "; the editor settings stay as they were");
            return null;
        });
    }

    /**
     * The version of the document an edit computed on {@code file} applies to: the snapshot's own, or, for the disk
     * copy of a file the editor opened with that very text (findings kept from before the open refer to it), the open
     * document's version. Null for a file that is not open, or whose text has changed since.
     */
    private static Integer editedVersion(Workspace workspace, DocumentSnapshot file) {
        if (file.version() != DocumentSnapshot.ON_DISK) {
            return file.version();
        }
        OpenDocument open = workspace.openDocument(file.path());
        return open != null && open.holds(file.text()) ? open.version() : null;
    }

    /** workspace/didChangeConfiguration: pull the section again, or read it from the notification. */
    void configurationChanged(Object pushed) {
        if (pullsConfiguration) {
            pullConfiguration();
        } else {
            useEditorSettings(pushed, "workspace/didChangeConfiguration");
        }
    }

    /**
     * Takes new editor settings: when the rules' settings differ from those in use, analyses every project again;
     * a new diagnostics scope shows or hides the findings of files that are not open.
     */
    private void useEditorSettings(Object json, String source) {
        EditorSettings read = readEditorSettings(json, source);
        if (read.scope() != diagnosticScope) {
            diagnosticScope = read.scope();
            session().ifPresent(s -> s.diagnostics().scope(read.scope()));
        }
        if (read.settings().equals(editorSettings)) {
            return;
        }
        editorSettings = read.settings();
        LOG.info("editor settings changed (" + source + "); analysing every project again");
        analyseEveryProject();
    }

    /** The settings in a JSON value from the client; values that cannot be read are logged and skipped. */
    private EditorSettings readEditorSettings(Object json, String source) {
        JsonElement element = json == null ? null
                : json instanceof JsonElement given ? given : new Gson().toJsonTree(json);
        EditorSettings read = EditorSettings.read(element, catalog);
        for (String warning : read.warnings()) {
            LOG.warning(warning + " (from " + source + ")");
        }
        return read;
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdownRequested = true;
        session().ifPresent(s -> s.scheduler().shutdown());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        // LSP: exit code 0 after a shutdown request, 1 otherwise.
        ServerLauncher.exit(shutdownRequested ? 0 : 1);
    }

    boolean shutdownRequested() {
        return shutdownRequested;
    }

    /** workspace/executeCommand: {@code gotcha.showStatus}. */
    CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
        return showStatus.execute(params);
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return documents;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspaceEvents;
    }
}
