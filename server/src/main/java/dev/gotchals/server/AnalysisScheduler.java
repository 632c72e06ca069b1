package dev.gotchals.server;

import dev.gotchals.analysis.AnalysisService;
import dev.gotchals.analysis.AnalysisService.ProjectAnalysis;
import dev.gotchals.engine.Changes;
import dev.gotchals.rule.Settings;
import dev.gotchals.workspace.MixProject;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs analyses on one background thread, off the JSON-RPC thread. Requests that arrive while it is busy
 * coalesce per project (the newest text wins, the changes add up), so a burst of keystrokes costs one
 * analysis. Each analysis pins the versions of the open documents it reads, and the results it hands on are
 * tagged with those versions so stale ones can be dropped.
 *
 * <p>The worker takes one project at a time, and edits of open documents go first: analysing the rest of the
 * workspace (at start, after a settings change, after files changed on disk) never holds up a keystroke by more
 * than the one project analysis already running, and requests queued meanwhile are answered between projects.
 */
final class AnalysisScheduler {
    private static final Logger LOG = Logger.getLogger(AnalysisScheduler.class.getName());

    interface Listener {
        void analysed(ProjectAnalysis result);
    }

    /** Told when an analysis starts; the returned runnable is run when it ends. */
    interface Progress {
        Runnable started(MixProject project, boolean firstOfProject);
    }

    private final AnalysisService analysis;
    /** The editor's settings as they are when an analysis starts: they win over each project's own. */
    private final Supplier<Settings> overrides;
    private final Listener listener;
    private final Progress progress;
    /** Syntax trees are walked recursively; a deep stack lets absurdly nested files parse instead of overflow. */
    private static final long ANALYSIS_STACK_BYTES = 256L * 1024 * 1024;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(null, runnable, "gotcha-analysis", ANALYSIS_STACK_BYTES);
        thread.setDaemon(true);
        return thread;
    });
    /** Project root → what changed in it, waiting for the worker. */
    private final Map<Path, Changes> pending = new LinkedHashMap<>();
    private final Map<Path, MixProject> pendingProjects = new HashMap<>();
    /** Roots of pending projects with an edit of an open document among their changes: they go first. */
    private final Set<Path> editedRoots = new HashSet<>();
    /** Roots analysed at least once, touched only by the worker. */
    private final Set<Path> analysedRoots = new HashSet<>();
    /** A drain is queued or running. */
    private boolean drainQueued;

    AnalysisScheduler(AnalysisService analysis, Supplier<Settings> overrides, Listener listener, Progress progress) {
        this.analysis = analysis;
        this.overrides = overrides;
        this.listener = listener;
        this.progress = progress;
    }

    /** Asks for an analysis of {@code project} after an edit of one of its open documents: it goes first. */
    synchronized void schedule(MixProject project, Changes changed) {
        editedRoots.add(project.root());
        scheduleInBackground(project, changed);
    }

    /** Asks for an analysis of {@code project} after {@code changed}, behind the edits of open documents. */
    synchronized void scheduleInBackground(MixProject project, Changes changed) {
        pending.merge(project.root(), changed, Changes::and);
        pendingProjects.put(project.root(), project);
        queueDrain();
    }

    /**
     * Answers with {@code answer} on the worker once {@code project}'s waiting work (if any) is done, without waiting
     * for the other projects': what a request about one file needs.
     */
    <T> CompletableFuture<T> afterProject(MixProject project, Supplier<T> answer) {
        return CompletableFuture.supplyAsync(() -> {
            Changes changed;
            synchronized (this) {
                changed = pending.remove(project.root());
                pendingProjects.remove(project.root());
                editedRoots.remove(project.root());
            }
            if (changed != null) {
                analyseAndTell(project, changed);
            }
            return answer.get();
        }, executor);
    }

    /** Answers with {@code answer} on the worker after every analysis waiting now: what a workspace request needs. */
    <T> CompletableFuture<T> afterPending(Supplier<T> answer) {
        return CompletableFuture.supplyAsync(() -> {
            while (drainOne()) {
                // each project's results go to the listener before the answer
            }
            return answer.get();
        }, executor);
    }

    /**
     * Runs other work that reads the projects (parsing them, with the deep stack) on the analysis thread, after
     * everything scheduled so far: it neither races an analysis nor stalls the message thread.
     */
    <T> CompletableFuture<T> submit(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, executor);
    }

    /**
     * Drops waiting work and lets a running analysis finish: interrupting it could cut a message it is writing to
     * the client in half, and a client that asked for shutdown still expects its answer to arrive whole.
     */
    void shutdown() {
        synchronized (this) {
            pending.clear();
            pendingProjects.clear();
            editedRoots.clear();
        }
        executor.shutdown();
    }

    private void queueDrain() {
        if (!drainQueued && !executor.isShutdown()) {
            drainQueued = true;
            executor.execute(this::drain);
        }
    }

    /**
     * Analyses one waiting project, then queues itself again, behind the requests that arrived meanwhile: work
     * scheduled while it runs waits for that turn rather than queueing a turn of its own ahead of them.
     */
    private void drain() {
        drainOne();
        synchronized (this) {
            drainQueued = false;
            if (!pending.isEmpty()) {
                queueDrain();
            }
        }
    }

    /** Analyses the waiting project that should go first; false when none waits. */
    private boolean drainOne() {
        MixProject project;
        Changes changed;
        synchronized (this) {
            Path root = pending.keySet().stream().filter(editedRoots::contains).findFirst()
                    .orElse(pending.isEmpty() ? null : pending.keySet().iterator().next());
            if (root == null || executor.isShutdown()) {
                return false;
            }
            changed = pending.remove(root);
            project = pendingProjects.remove(root);
            editedRoots.remove(root);
        }
        analyseAndTell(project, changed);
        return true;
    }

    private void analyseAndTell(MixProject project, Changes changed) {
        Runnable ended = progress.started(project, analysedRoots.add(project.root()));
        try {
            listener.analysed(analysis.analyse(project, overrides.get(), changed));
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(Level.SEVERE, "analysis of " + project.root() + " failed", e);
        } finally {
            ended.run();
        }
    }
}
