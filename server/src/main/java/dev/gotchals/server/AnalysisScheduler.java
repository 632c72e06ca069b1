package dev.gotchals.server;

import dev.gotchals.analysis.AnalysisService;
import dev.gotchals.analysis.AnalysisService.ProjectAnalysis;
import dev.gotchals.engine.Changes;
import dev.gotchals.rule.Settings;
import dev.gotchals.workspace.MixProject;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
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
 */
final class AnalysisScheduler {
    private static final Logger LOG = Logger.getLogger(AnalysisScheduler.class.getName());

    interface Listener {
        void analysed(ProjectAnalysis result);
    }

    private final AnalysisService analysis;
    /** The editor's settings as they are when an analysis starts: they win over each project's own. */
    private final Supplier<Settings> overrides;
    private final Listener listener;
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
    private boolean drainQueued;

    AnalysisScheduler(AnalysisService analysis, Supplier<Settings> overrides, Listener listener) {
        this.analysis = analysis;
        this.overrides = overrides;
        this.listener = listener;
    }

    /** Asks for an analysis of {@code project} after {@code changed}. */
    synchronized void schedule(MixProject project, Changes changed) {
        pending.merge(project.root(), changed, Changes::and);
        pendingProjects.put(project.root(), project);
        if (!drainQueued) {
            drainQueued = true;
            executor.execute(this::drain);
        }
    }

    /** Runs after everything scheduled so far, then analyses {@code project} and returns its result. */
    CompletableFuture<ProjectAnalysis> analyseNow(MixProject project) {
        return CompletableFuture.supplyAsync(() -> analyse(project, Changes.NOTHING), executor);
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
        }
        executor.shutdown();
    }

    private void drain() {
        Map<Path, Changes> work;
        Map<Path, MixProject> projects;
        synchronized (this) {
            work = new LinkedHashMap<>(pending);
            projects = new HashMap<>(pendingProjects);
            pending.clear();
            pendingProjects.clear();
            drainQueued = false;
        }
        for (Map.Entry<Path, Changes> entry : work.entrySet()) {
            if (executor.isShutdown()) {
                return;
            }
            try {
                listener.analysed(analyse(projects.get(entry.getKey()), entry.getValue()));
            } catch (RuntimeException | StackOverflowError e) {
                LOG.log(Level.SEVERE, "analysis of " + entry.getKey() + " failed", e);
            }
        }
    }

    private ProjectAnalysis analyse(MixProject project, Changes changed) {
        return analysis.analyse(project, overrides.get(), changed);
    }
}
