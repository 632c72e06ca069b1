package dev.gotchals.server;

import dev.gotchals.engine.AffectedProjects;
import dev.gotchals.workspace.MixProject;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.WorkspaceDiagnosticParams;
import org.eclipse.lsp4j.WorkspaceDiagnosticReport;
import org.eclipse.lsp4j.services.WorkspaceService;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Files changed on disk while not open in the editor, configuration changes, workspace diagnostics and commands. */
final class WorkspaceEvents implements WorkspaceService {
    private final GotchaLanguageServer server;

    WorkspaceEvents(GotchaLanguageServer server) {
        this.server = server;
    }

    /**
     * Analyses each project where a reported file lies, with what changed there: the files, and whether its file
     * listing changed (a file of some role appeared or vanished); a project that is new, wholly; every project when a
     * mix.exs changed ({@link AffectedProjects#afterDiskChanges}).
     */
    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        server.session().ifPresent(session -> {
            List<MixProject> before = session.workspace().projects();
            Set<Path> changed = new HashSet<>();
            for (FileEvent event : params.getChanges()) {
                Path path = Uris.toPath(event.getUri());
                if (path != null) {
                    changed.add(path.toAbsolutePath().normalize());
                    session.workspace().diskChanged(path, event.getType() != FileChangeType.Changed);
                }
            }
            Set<Path> roots = new HashSet<>();
            session.workspace().projects().forEach(project -> roots.add(project.root()));
            before.stream().map(MixProject::root).filter(root -> !roots.contains(root))
                    .forEach(session.diagnostics()::projectGone);
            AffectedProjects.afterDiskChanges(before, session.workspace().projects(), changed)
                    .forEach(session.scheduler()::scheduleInBackground);
        });
    }

    /** workspace/diagnostic: every file's findings once the analyses waiting now are done. */
    @Override
    public CompletableFuture<WorkspaceDiagnosticReport> diagnostic(WorkspaceDiagnosticParams params) {
        return server.session()
                .map(session -> session.scheduler().afterPending(
                        () -> session.diagnostics().workspaceReport(params.getPreviousResultIds())))
                .orElseGet(() -> CompletableFuture.completedFuture(new WorkspaceDiagnosticReport(List.of())));
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        if (server.session().isPresent()) {
            server.configurationChanged(params == null ? null : params.getSettings());
        }
    }

    @Override
    public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
        return server.executeCommand(params);
    }
}
