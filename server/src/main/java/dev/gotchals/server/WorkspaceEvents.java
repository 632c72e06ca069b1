package dev.gotchals.server;

import dev.gotchals.workspace.MixProject;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.services.WorkspaceService;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.logging.Logger;

/** Files changed on disk while not open in the editor, and configuration changes. */
final class WorkspaceEvents implements WorkspaceService {
    private static final Logger LOG = Logger.getLogger(WorkspaceEvents.class.getName());
    private final GotchaLanguageServer server;

    WorkspaceEvents(GotchaLanguageServer server) {
        this.server = server;
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        server.session().ifPresent(session -> {
            boolean layoutChanged = false;
            for (FileEvent event : params.getChanges()) {
                Path path = Uris.toPath(event.getUri());
                if (path == null) {
                    continue;
                }
                boolean createdOrDeleted = event.getType() != FileChangeType.Changed;
                layoutChanged |= session.workspace().diskChanged(path, createdOrDeleted);
                if (!layoutChanged) {
                    session.workspace().projectOf(path).ifPresent(project -> session.scheduler().schedule(project,
                            session.workspace().roleOf(path).map(EnumSet::of).orElse(null)));
                }
            }
            if (layoutChanged) {
                LOG.info("project layout changed; analysing every project again");
                for (MixProject project : session.workspace().projects()) {
                    session.scheduler().schedule(project, null);
                }
            }
        });
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        if (server.session().isPresent()) {
            server.configurationChanged(params == null ? null : params.getSettings());
        }
    }
}
