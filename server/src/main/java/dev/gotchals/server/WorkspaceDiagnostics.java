package dev.gotchals.server;

import dev.gotchals.analysis.AnalysisService.ProjectAnalysis;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.document.OpenDocument;
import dev.gotchals.rule.Finding;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DocumentDiagnosticReport;
import org.eclipse.lsp4j.PreviousResultId;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.RelatedFullDocumentDiagnosticReport;
import org.eclipse.lsp4j.RelatedUnchangedDocumentDiagnosticReport;
import org.eclipse.lsp4j.WorkspaceDiagnosticReport;
import org.eclipse.lsp4j.WorkspaceDocumentDiagnosticReport;
import org.eclipse.lsp4j.WorkspaceFullDocumentDiagnosticReport;
import org.eclipse.lsp4j.WorkspaceUnchangedDocumentDiagnosticReport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The newest findings of every file of the workspace's projects, open or not, and how they reach the client. A
 * client that pulls (it declared {@code textDocument.diagnostic}) asks with {@code textDocument/diagnostic} and
 * {@code workspace/diagnostic}, and is told to ask again ({@code workspace/diagnostic/refresh}) when a change
 * elsewhere changed a file's findings; it is never pushed to, so it never holds two copies of a finding. Other
 * clients get {@code publishDiagnostics}: for an open file with the version the findings were computed on, only
 * while that version is still the document's; for a file that is not open without a version, and only in the
 * {@link DiagnosticScope#WORKSPACE} scope.
 */
final class WorkspaceDiagnostics {
    private static final Logger LOG = Logger.getLogger(WorkspaceDiagnostics.class.getName());

    /**
     * What the client was last given for one file.
     *
     * @param version the open document's version the findings belong to; null for the disk copy
     * @param diagnostics null while unknown: the document was closed and its disk copy is being analysed
     * @param resultId changes whenever the diagnostics do, so a pulling client re-reads only changed files
     */
    record Report(Path project, Integer version, List<Finding> findings, List<Diagnostic> diagnostics, String resultId) {
        boolean open() {
            return version != null;
        }
    }

    private final GotchaLanguageServer server;
    /** The URI the client knows a file by. */
    private final Function<Path, String> uriOf;
    private final boolean pull;
    private final boolean refreshSupport;
    /** Guarded by this; holds every file with findings and every open file analysed. */
    private final Map<Path, Report> reports = new HashMap<>();
    /** Result ids of one server run differ from another's, so a client's ids from before a restart never match. */
    private final String resultIdPrefix = Long.toString(System.currentTimeMillis(), 36) + "-";
    /** The result id of "no findings" for a file this server holds nothing about. */
    private final String emptyResultId = resultIdPrefix + "0";
    private long lastResultId;
    private DiagnosticScope scope = DiagnosticScope.WORKSPACE;

    /**
     * @param pull whether the client pulls diagnostics (and is then never pushed to)
     * @param refreshSupport whether the client accepts {@code workspace/diagnostic/refresh}
     */
    WorkspaceDiagnostics(GotchaLanguageServer server, Function<Path, String> uriOf, boolean pull, boolean refreshSupport) {
        this.server = server;
        this.uriOf = uriOf;
        this.pull = pull;
        this.refreshSupport = refreshSupport;
    }

    boolean pull() {
        return pull;
    }

    /** The last report of an open or unopened file, or null. */
    synchronized Report report(Path path) {
        return reports.get(path);
    }

    /** Takes what an analysis found, and tells the client what changed for it. */
    synchronized void analysed(ProjectAnalysis result) {
        var session = server.session().orElse(null);
        if (session == null || server.client() == null || server.shutdownRequested()) {
            return;
        }
        Map<Path, List<Finding>> byFile = result.findingsByFile();
        boolean changedElsewhere = false;
        for (Path path : filesOf(result, byFile.keySet())) {
            DocumentSnapshot read = result.openSnapshots().get(path);
            if (stale(session.workspace().openDocument(path), read)) {
                continue;
            }
            List<Finding> findings = byFile.getOrDefault(path, List.of());
            Report previous = reports.get(path);
            // Findings of rules that read nothing that changed come back as the same objects: converted once.
            List<Diagnostic> diagnostics = previous != null && previous.diagnostics() != null
                    && sameObjects(previous.findings(), findings) ? previous.diagnostics()
                    : findings.stream().map(session.conversions()::diagnostic).toList();
            changedElsewhere |= take(path, new Report(result.project().root(), read == null ? null : read.version(),
                    findings, diagnostics, null));
        }
        if (changedElsewhere) {
            refresh();
        }
    }

    private static boolean sameObjects(List<Finding> before, List<Finding> now) {
        if (before.size() != now.size()) {
            return false;
        }
        for (int i = 0; i < now.size(); i++) {
            if (before.get(i) != now.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** The files an analysis speaks for: those with findings, those it read open, and those it reported before. */
    private Set<Path> filesOf(ProjectAnalysis result, Set<Path> withFindings) {
        Set<Path> files = new LinkedHashSet<>(withFindings);
        reports.forEach((path, report) -> {
            if (report.project().equals(result.project().root())) {
                files.add(path);
            }
        });
        files.addAll(result.openSnapshots().keySet());
        return files;
    }

    /**
     * Whether what the analysis read of a file is no longer what the editor holds: the file was opened, edited or
     * closed since, and the analysis of its newer state follows.
     */
    private static boolean stale(OpenDocument document, DocumentSnapshot read) {
        if (document == null) {
            return read != null;
        }
        return read == null || document.version() != read.version() || document.outOfSync() != null;
    }

    /**
     * Keeps a file's new findings ({@code found} has no result id yet) and pushes them when they changed; true when
     * they changed without the client having opened or edited the file, which it then needs to be told of.
     */
    private boolean take(Path path, Report found) {
        Report previous = reports.get(path);
        boolean sameVersion = previous != null && Objects.equals(previous.version(), found.version());
        if (sameVersion && found.diagnostics().equals(previous.diagnostics())) {
            // Same diagnostics, but keep the newest findings: their fixes must be computed on the latest text.
            reports.put(path, new Report(found.project(), found.version(), found.findings(), found.diagnostics(),
                    previous.resultId()));
            return false;
        }
        if (!found.open() && found.findings().isEmpty()) {
            reports.remove(path);
        } else {
            reports.put(path, new Report(found.project(), found.version(), found.findings(), found.diagnostics(),
                    nextResultId()));
        }
        if (!pull && (found.open() || scope == DiagnosticScope.WORKSPACE)) {
            publish(path, found.diagnostics(), found.version());
        }
        // A client that just opened or edited the file asks for its diagnostics itself.
        return !found.open() || sameVersion;
    }

    /**
     * A document was closed ({@code close} closes it, under the lock an analysis publishes with). In the workspace
     * scope its findings now come from the disk copy, whose analysis follows; otherwise they are cleared.
     */
    synchronized void closed(Path path, Runnable close) {
        close.run();
        Report report = reports.remove(path);
        if (report != null && scope == DiagnosticScope.WORKSPACE) {
            reports.put(path, new Report(report.project(), null, List.of(), null, report.resultId()));
        } else if (!pull) {
            publish(path, List.of(), null);
        }
    }

    /** A project is no longer in the workspace (its mix.exs went): its files' findings go with it. */
    synchronized void projectGone(Path project) {
        boolean any = false;
        for (var entries = reports.entrySet().iterator(); entries.hasNext(); ) {
            Map.Entry<Path, Report> entry = entries.next();
            Report report = entry.getValue();
            if (!report.project().equals(project)) {
                continue;
            }
            entries.remove();
            any = true;
            if (!pull && (report.open() || scope == DiagnosticScope.WORKSPACE)) {
                publish(entry.getKey(), List.of(), report.version());
            }
        }
        if (any) {
            refresh();
        }
    }

    /** Changes the scope; files that are not open appear or vanish at once. */
    synchronized void scope(DiagnosticScope newScope) {
        if (newScope == scope) {
            return;
        }
        scope = newScope;
        boolean any = false;
        for (Map.Entry<Path, Report> entry : reports.entrySet()) {
            Report report = entry.getValue();
            if (report.open() || report.diagnostics() == null) {
                continue;
            }
            any = true;
            // A new result id: what a pulling client holds for the file is no longer what it should show.
            entry.setValue(new Report(report.project(), null, report.findings(), report.diagnostics(), nextResultId()));
            if (!pull) {
                publish(entry.getKey(), scope == DiagnosticScope.WORKSPACE ? report.diagnostics() : List.of(), null);
            }
        }
        if (any) {
            refresh();
        }
    }

    /** The answer to textDocument/diagnostic: a file's findings (in any scope: it was asked for). */
    synchronized DocumentDiagnosticReport documentReport(Path path, String previousResultId) {
        Report report = path == null ? null : reports.get(path);
        if (report == null || report.diagnostics() == null) {
            RelatedFullDocumentDiagnosticReport empty = new RelatedFullDocumentDiagnosticReport(List.of());
            return new DocumentDiagnosticReport(empty);
        }
        if (report.resultId().equals(previousResultId)) {
            return new DocumentDiagnosticReport(new RelatedUnchangedDocumentDiagnosticReport(report.resultId()));
        }
        RelatedFullDocumentDiagnosticReport full = new RelatedFullDocumentDiagnosticReport(report.diagnostics());
        full.setResultId(report.resultId());
        return new DocumentDiagnosticReport(full);
    }

    /**
     * The answer to workspace/diagnostic: every file in scope with findings, and every open file, as unchanged when
     * the client holds its current result id; a file the client holds findings for that has none now, as empty.
     */
    synchronized WorkspaceDiagnosticReport workspaceReport(List<PreviousResultId> previousResultIds) {
        Map<String, String> held = new HashMap<>();
        if (previousResultIds != null) {
            previousResultIds.forEach(previous -> held.put(previous.getUri(), previous.getValue()));
        }
        List<WorkspaceDocumentDiagnosticReport> items = new ArrayList<>();
        reports.forEach((path, report) -> {
            if (report.diagnostics() == null || !report.open() && scope != DiagnosticScope.WORKSPACE) {
                return;
            }
            String uri = uriOf.apply(path);
            String heldId = held.remove(uri);
            items.add(report.resultId().equals(heldId) ? unchanged(uri, report.resultId(), report.version())
                    : full(uri, report.diagnostics(), report.resultId(), report.version()));
        });
        held.forEach((uri, heldId) -> items.add(emptyResultId.equals(heldId) ? unchanged(uri, emptyResultId, null)
                : full(uri, List.of(), emptyResultId, null)));
        return new WorkspaceDiagnosticReport(items);
    }

    private static WorkspaceDocumentDiagnosticReport full(String uri, List<Diagnostic> diagnostics, String resultId,
                                                          Integer version) {
        WorkspaceFullDocumentDiagnosticReport full = new WorkspaceFullDocumentDiagnosticReport(diagnostics, uri, version);
        full.setResultId(resultId);
        return new WorkspaceDocumentDiagnosticReport(full);
    }

    private static WorkspaceDocumentDiagnosticReport unchanged(String uri, String resultId, Integer version) {
        return new WorkspaceDocumentDiagnosticReport(new WorkspaceUnchangedDocumentDiagnosticReport(resultId, uri, version));
    }

    private String nextResultId() {
        return resultIdPrefix + ++lastResultId;
    }

    private void publish(Path path, List<Diagnostic> diagnostics, Integer version) {
        server.client().publishDiagnostics(new PublishDiagnosticsParams(uriOf.apply(path), diagnostics, version));
    }

    /** Asks a pulling client to pull again; it refreshes the open files' and the workspace's diagnostics. */
    private void refresh() {
        if (pull && refreshSupport && server.client() != null) {
            server.client().refreshDiagnostics().exceptionally(e -> {
                LOG.fine("workspace/diagnostic/refresh failed: " + e.getMessage());
                return null;
            });
        }
    }
}
