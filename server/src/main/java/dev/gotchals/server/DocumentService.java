package dev.gotchals.server;

import dev.gotchals.document.InvalidChangeException;
import dev.gotchals.document.OpenDocument;
import dev.gotchals.document.TextChange;
import dev.gotchals.engine.AffectedProjects;
import dev.gotchals.engine.Changes;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.suppress.SuppressAction;
import dev.gotchals.workspace.MixProject;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
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
 * Document sync, pulled diagnostics, code actions and hovers. Notifications only update text and schedule
 * analysis; {@link WorkspaceDiagnostics} hands the findings to the client from the analysis thread.
 */
final class DocumentService implements TextDocumentService {
    private static final Logger LOG = Logger.getLogger(DocumentService.class.getName());

    private final GotchaLanguageServer server;
    /** The URI each open document was opened with: publish under the client's own spelling of it. */
    private final Map<Path, String> clientUris = new ConcurrentHashMap<>();
    /** URIs of documents never opened whose didChange was already warned about. */
    private final Set<String> notOpenWarned = ConcurrentHashMap.newKeySet();
    /** Files outside the workspace that a fix tried to change, already logged. */
    private final Set<Path> escapesLogged = ConcurrentHashMap.newKeySet();

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
            List<MixProject> projects = AffectedProjects.of(session.workspace(), path);
            // Under the publishing lock, so an analysis finishing now cannot publish for the closed version.
            session.diagnostics().closed(path, () -> session.workspace().close(path));
            clientUris.remove(path);
            // Unsaved text is gone: this file's and other files' findings now come from the disk copy.
            projects.forEach(p -> session.scheduler().schedule(p, Changes.edited(Set.of(path))));
        });
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // The buffer already holds the saved text; nothing changes until a file watcher reports other files.
    }

    private void scheduleFor(Path path) {
        server.session().ifPresent(session -> AffectedProjects.of(session.workspace(), path).forEach(project ->
                session.scheduler().schedule(project, Changes.edited(Set.of(path)))));
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        Path path = Uris.toPath(params.getTextDocument().getUri());
        var session = server.session().orElse(null);
        WorkspaceDiagnostics.Report current = session == null || path == null ? null : session.diagnostics().report(path);
        OpenDocument document = session == null || path == null ? null : session.workspace().openDocument(path);
        if (current == null || document == null || !current.open() || document.version() != current.version()) {
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
        WorkspaceDiagnostics.Report current = session == null || path == null ? null : session.diagnostics().report(path);
        // Only an open document is hovered: a closed one's disk findings may arrive before the editor knows it closed.
        if (current == null || !current.open()) {
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

    /** textDocument/diagnostic: the file's findings once the analyses its project waits for are done. */
    @Override
    public CompletableFuture<DocumentDiagnosticReport> diagnostic(DocumentDiagnosticParams params) {
        Path path = Uris.toPath(params.getTextDocument().getUri());
        var session = server.session().orElse(null);
        Optional<MixProject> project = session == null || path == null ? Optional.empty() : session.workspace().projectOf(path);
        if (project.isEmpty()) {
            return CompletableFuture.completedFuture(new DocumentDiagnosticReport(new RelatedFullDocumentDiagnosticReport(List.of())));
        }
        return session.scheduler().afterProject(project.get(),
                () -> session.diagnostics().documentReport(path, params.getPreviousResultId()));
    }

    private static boolean overlaps(org.eclipse.lsp4j.Range a, org.eclipse.lsp4j.Range b) {
        return compare(a.getStart(), b.getEnd()) <= 0 && compare(b.getStart(), a.getEnd()) <= 0;
    }

    private static int compare(org.eclipse.lsp4j.Position a, org.eclipse.lsp4j.Position b) {
        return a.getLine() != b.getLine() ? Integer.compare(a.getLine(), b.getLine())
                : Integer.compare(a.getCharacter(), b.getCharacter());
    }
}
