package dev.gotchals.server;

import dev.gotchals.analysis.AnalysisService.ProjectAnalysis;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.document.InvalidChangeException;
import dev.gotchals.document.OpenDocument;
import dev.gotchals.document.TextChange;
import dev.gotchals.engine.Changes;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.suppress.SuppressAction;
import dev.gotchals.workspace.MixProject;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentDiagnosticParams;
import org.eclipse.lsp4j.DocumentDiagnosticReport;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.RelatedFullDocumentDiagnosticReport;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.TextDocumentService;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Document sync, published diagnostics, code actions and hovers. Notifications only update text and schedule
 * analysis; diagnostics are published from the analysis thread, for the version they were computed on and
 * only while that version is still the document's.
 */
final class DocumentService implements TextDocumentService {
    private static final Logger LOG = Logger.getLogger(DocumentService.class.getName());

    private final GotchaLanguageServer server;
    /** The URI each open document was opened with: publish under the client's own spelling of it. */
    private final Map<Path, String> clientUris = new ConcurrentHashMap<>();
    /** The findings last published for each open document, with the version they belong to. */
    private final Map<Path, Published> published = new ConcurrentHashMap<>();
    /** URIs of documents never opened whose didChange was already warned about. */
    private final Set<String> notOpenWarned = ConcurrentHashMap.newKeySet();
    /** Files outside the workspace that a fix tried to change, already logged. */
    private final Set<Path> escapesLogged = ConcurrentHashMap.newKeySet();

    private record Published(int version, List<Finding> findings, List<Diagnostic> diagnostics) {
    }

    DocumentService(GotchaLanguageServer server) {
        this.server = server;
    }

    String uriOf(Path path) {
        return clientUris.getOrDefault(path, Uris.toUri(path));
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        var item = params.getTextDocument();
        Path path = Uris.toPath(item.getUri());
        server.session().ifPresent(session -> {
            if (path == null) {
                return;
            }
            if (session.workspace().openDocument(path) != null) {
                LOG.fine("didOpen of " + item.getUri() + ", which is already open: taking the new text");
            }
            clientUris.put(path, item.getUri());
            notOpenWarned.remove(item.getUri());
            session.workspace().open(path, item.getVersion(), item.getText(), session.conversions().encoding());
            scheduleFor(path);
        });
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        Path path = Uris.toPath(params.getTextDocument().getUri());
        server.session().ifPresent(session -> {
            OpenDocument document = path == null ? null : session.workspace().openDocument(path);
            if (document == null) {
                // Once per document: a client that lost track of it sends one change per keystroke.
                if (notOpenWarned.add(params.getTextDocument().getUri())) {
                    LOG.warning("didChange for " + params.getTextDocument().getUri() + ", which is not open: ignored, "
                            + "and so are its further changes until it is opened");
                }
                return;
            }
            List<TextChange> changes = new ArrayList<>();
            for (TextDocumentContentChangeEvent event : params.getContentChanges()) {
                changes.add(event.getRange() == null ? TextChange.full(event.getText())
                        : TextChange.replace(ProtocolConversions.textPosition(event.getRange().getStart()),
                        ProtocolConversions.textPosition(event.getRange().getEnd()), event.getText()));
            }
            boolean wasInSync = document.outOfSync() == null;
            try {
                document.apply(params.getTextDocument().getVersion(), changes);
            } catch (InvalidChangeException e) {
                if (wasInSync) {
                    LOG.warning(params.getTextDocument().getUri() + ": " + e.getMessage()
                            + "; diagnostics for it pause until the editor sends the full text");
                }
            }
            scheduleFor(path);
        });
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        Path path = Uris.toPath(params.getTextDocument().getUri());
        server.session().ifPresent(session -> {
            if (path == null) {
                return;
            }
            Optional<MixProject> project = session.workspace().projectOf(path);
            // Under the publishing lock, so an analysis finishing now cannot republish after the clearing.
            synchronized (this) {
                session.workspace().close(path);
                published.remove(path);
                String uri = clientUris.remove(path);
                if (server.client() != null) {
                    server.client().publishDiagnostics(new PublishDiagnosticsParams(uri != null ? uri : Uris.toUri(path), List.of()));
                }
            }
            // Unsaved text is gone: other files' findings now come from the disk copy.
            project.ifPresent(p -> session.scheduler().schedule(p, Changes.edited(Set.of(path))));
        });
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // The buffer already holds the saved text; nothing changes until a file watcher reports other files.
    }

    private void scheduleFor(Path path) {
        server.session().ifPresent(session -> session.workspace().projectOf(path).ifPresent(project ->
                session.scheduler().schedule(project, Changes.edited(Set.of(path)))));
    }

    /** Publishes what an analysis found, for each open document of its project whose version it read. */
    synchronized void publish(ProjectAnalysis result) {
        var session = server.session().orElse(null);
        if (session == null || server.client() == null || server.shutdownRequested()) {
            return;
        }
        Map<Path, List<Finding>> byFile = result.findingsByFile();
        for (Map.Entry<Path, DocumentSnapshot> entry : result.openSnapshots().entrySet()) {
            Path path = entry.getKey();
            OpenDocument document = session.workspace().openDocument(path);
            int version = entry.getValue().version();
            if (document == null || document.version() != version || document.outOfSync() != null) {
                continue; // closed, or a newer version is on its way to the analysis thread
            }
            List<Finding> findings = byFile.getOrDefault(path, List.of());
            List<Diagnostic> diagnostics = findings.stream().map(session.conversions()::diagnostic).toList();
            // Keep the newest findings even when their diagnostics are unchanged: their fixes may edit other
            // files, and must be computed on those files' latest text (and name its version).
            Published previous = published.put(path, new Published(version, findings, diagnostics));
            if (previous != null && previous.version() == version && previous.diagnostics().equals(diagnostics)) {
                continue;
            }
            server.client().publishDiagnostics(new PublishDiagnosticsParams(uriOf(path), diagnostics, version));
        }
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        Path path = Uris.toPath(params.getTextDocument().getUri());
        var session = server.session().orElse(null);
        Published current = path == null ? null : published.get(path);
        OpenDocument document = session == null || path == null ? null : session.workspace().openDocument(path);
        if (current == null || document == null || document.version() != current.version()) {
            return CompletableFuture.completedFuture(List.of());
        }
        List<Either<Command, CodeAction>> actions = new ArrayList<>();
        for (Finding finding : current.findings()) {
            var range = session.conversions().range(finding.file().text(), finding.start(), finding.end());
            if (!overlaps(range, params.getRange())) {
                continue;
            }
            boolean first = true;
            for (Fix fix : finding.fixes()) {
                if (!insideWorkspace(session, finding, fix)) {
                    continue;
                }
                CodeAction action = session.conversions().codeAction(finding, fix, first && fix.safe());
                if (action != null) {
                    actions.add(Either.forRight(action));
                    first = false;
                }
            }
            // Last, and never preferred: silencing a finding is the user's call, not the fix.
            SuppressAction.fix(finding, server.catalog())
                    .map(fix -> session.conversions().codeAction(finding, fix, false))
                    .ifPresent(action -> actions.add(Either.forRight(action)));
        }
        return CompletableFuture.completedFuture(actions);
    }

    /**
     * Whether every file a fix edits or creates lies inside the workspace folders after resolving {@code ..} and
     * symbolic links; a fix that would reach outside is dropped, and logged once per file.
     */
    private boolean insideWorkspace(GotchaLanguageServer.Session session, Finding finding, Fix fix) {
        for (Fix.Change change : fix.changes()) {
            if (!session.workspace().isInside(change.path())) {
                if (escapesLogged.add(change.path())) {
                    LOG.warning("dropped the fix \"" + fix.title() + "\" of " + finding.rule().id() + ": "
                            + change.path() + " is outside the workspace folders once links and .. are resolved");
                }
                return false;
            }
        }
        return true;
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        Path path = Uris.toPath(params.getTextDocument().getUri());
        var session = server.session().orElse(null);
        Published current = path == null ? null : published.get(path);
        if (session == null || current == null) {
            return CompletableFuture.completedFuture(null);
        }
        var at = new org.eclipse.lsp4j.Range(params.getPosition(), params.getPosition());
        StringBuilder markdown = new StringBuilder();
        org.eclipse.lsp4j.Range hovered = null;
        for (Finding finding : current.findings()) {
            var range = session.conversions().range(finding.file().text(), finding.start(), finding.end());
            if (overlaps(range, at)) {
                if (markdown.length() > 0) {
                    markdown.append("\n\n---\n\n");
                }
                markdown.append("**").append(finding.rule().id()).append(" ").append(finding.rule().slug())
                        .append("**: ").append(finding.rule().title()).append("\n\n").append(finding.rule().explanation());
                hovered = range;
            }
        }
        if (hovered == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.completedFuture(new Hover(new MarkupContent(MarkupKind.MARKDOWN, markdown.toString()), hovered));
    }

    @Override
    public CompletableFuture<DocumentDiagnosticReport> diagnostic(DocumentDiagnosticParams params) {
        Path path = Uris.toPath(params.getTextDocument().getUri());
        var session = server.session().orElse(null);
        Optional<MixProject> project = session == null || path == null ? Optional.empty() : session.workspace().projectOf(path);
        if (project.isEmpty()) {
            return CompletableFuture.completedFuture(new DocumentDiagnosticReport(new RelatedFullDocumentDiagnosticReport(List.of())));
        }
        return session.scheduler().analyseNow(project.get()).thenApply(result -> {
            List<Diagnostic> items = result.findingsByFile().getOrDefault(path, List.of()).stream()
                    .map(session.conversions()::diagnostic).toList();
            return new DocumentDiagnosticReport(new RelatedFullDocumentDiagnosticReport(items));
        });
    }

    private static boolean overlaps(org.eclipse.lsp4j.Range a, org.eclipse.lsp4j.Range b) {
        return compare(a.getStart(), b.getEnd()) <= 0 && compare(b.getStart(), a.getEnd()) <= 0;
    }

    private static int compare(org.eclipse.lsp4j.Position a, org.eclipse.lsp4j.Position b) {
        return a.getLine() != b.getLine() ? Integer.compare(a.getLine(), b.getLine())
                : Integer.compare(a.getCharacter(), b.getCharacter());
    }
}
