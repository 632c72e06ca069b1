package dev.gotchals.server;

import dev.gotchals.workspace.MixProject;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Work done progress ({@code $/progress}) for analyses the user may wait for: the first analysis of each project
 * at once, any other once it has run for {@link #SLOW_AFTER_MILLIS}. Only for clients that let the server create
 * progress tokens ({@code window.workDoneProgress}); each token is created with
 * {@code window/workDoneProgress/create} and used once the client has answered.
 */
final class AnalysisProgress implements AnalysisScheduler.Progress {
    private static final Logger LOG = Logger.getLogger(AnalysisProgress.class.getName());
    /** An analysis that takes longer than this is one the user notices. */
    static final long SLOW_AFTER_MILLIS = 300;
    static final String TITLE = "Gotcha LS";

    private final Supplier<LanguageClient> client;
    private final Path workspaceRoot;
    private final AtomicInteger tokens = new AtomicInteger();
    /** Shared by every session: it only starts the reports of slow analyses. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gotcha-progress");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param workspaceRoot the folder project roots are named relative to, or null to name them by absolute path
     */
    AnalysisProgress(Supplier<LanguageClient> client, Path workspaceRoot) {
        this.client = client;
        this.workspaceRoot = workspaceRoot;
    }

    /** Progress that reports nothing, for clients that cannot show it. */
    static AnalysisScheduler.Progress none() {
        return (project, first) -> () -> { };
    }

    @Override
    public Runnable started(MixProject project, boolean firstOfProject) {
        Report report = new Report(message(project));
        if (firstOfProject) {
            report.begin();
            return report::end;
        }
        ScheduledFuture<?> slow = TIMER.schedule(report::begin, SLOW_AFTER_MILLIS, TimeUnit.MILLISECONDS);
        return () -> {
            slow.cancel(false);
            report.end();
        };
    }

    private String message(MixProject project) {
        Path root = project.root();
        String where = workspaceRoot != null && root.startsWith(workspaceRoot) && !root.equals(workspaceRoot)
                ? workspaceRoot.relativize(root).toString() : root.toString();
        return "analysing " + project.appName() + " (" + where + ")";
    }

    /** One progress from begin to end; end without begin sends nothing. */
    private final class Report {
        private final String message;
        private final Either<String, Integer> token = Either.forLeft("gotcha-analysis-" + tokens.incrementAndGet());
        /** Completes once begin was sent; null until begin is asked for. */
        private CompletableFuture<Void> begun;
        /** The analysis is over: a begin that comes late (its timer fired meanwhile) is not sent. */
        private boolean ended;

        Report(String message) {
            this.message = message;
        }

        synchronized void begin() {
            LanguageClient to = client.get();
            if (begun != null || ended || to == null) {
                return;
            }
            WorkDoneProgressBegin begin = new WorkDoneProgressBegin();
            begin.setTitle(TITLE);
            begin.setMessage(message);
            begin.setCancellable(false);
            begun = to.createProgress(new WorkDoneProgressCreateParams(token))
                    .thenRun(() -> to.notifyProgress(new ProgressParams(token, Either.forLeft(begin))));
        }

        synchronized void end() {
            ended = true;
            LanguageClient to = client.get();
            if (begun == null || to == null) {
                return;
            }
            WorkDoneProgressEnd end = new WorkDoneProgressEnd();
            begun.thenRun(() -> to.notifyProgress(new ProgressParams(token, Either.forLeft(end))))
                    .exceptionally(e -> {
                        LOG.fine("no progress shown for " + message + ": " + e.getMessage());
                        return null;
                    });
        }
    }
}
