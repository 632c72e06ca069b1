package dev.gotchals.server;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.document.OpenDocument;
import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Settings;
import dev.gotchals.workspace.FileRole;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
 * coalesce per project (the newest text wins, the changed roles add up), so a burst of keystrokes costs one
 * analysis. Each analysis pins the versions of the open documents it reads, and the results it hands on are
 * tagged with those versions so stale ones can be dropped.
 */
final class AnalysisScheduler {
    private static final Logger LOG = Logger.getLogger(AnalysisScheduler.class.getName());

    /** What one analysis of a project found, per open document, with the version it read. */
    record Result(MixProject project, Map<Path, DocumentSnapshot> openSnapshots, Map<Path, List<Finding>> findings) {
    }

    interface Listener {
        void analysed(Result result);
    }

    private final Workspace workspace;
    private final RuleEngine engine;
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
    /** Project root → changed roles (null: everything) waiting for the worker. */
    private final Map<Path, Set<FileRole>> pending = new LinkedHashMap<>();
    private final Map<Path, MixProject> pendingProjects = new HashMap<>();
    private boolean drainQueued;

    AnalysisScheduler(Workspace workspace, RuleEngine engine, Supplier<Settings> overrides, Listener listener) {
        this.workspace = workspace;
        this.engine = engine;
        this.overrides = overrides;
        this.listener = listener;
    }

    /** Asks for an analysis of {@code project} after files of {@code changed} roles changed (null: all). */
    synchronized void schedule(MixProject project, Set<FileRole> changed) {
        Set<FileRole> roles = pending.containsKey(project.root()) ? pending.get(project.root()) : EnumSet.noneOf(FileRole.class);
        pending.put(project.root(), roles == null || changed == null ? null : union(roles, changed));
        pendingProjects.put(project.root(), project);
        if (!drainQueued) {
            drainQueued = true;
            executor.execute(this::drain);
        }
    }

    /** Runs after everything scheduled so far, then analyses {@code project} and returns its result. */
    CompletableFuture<Result> analyseNow(MixProject project) {
        return CompletableFuture.supplyAsync(() -> analyse(project, null), executor);
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
        Map<Path, Set<FileRole>> work;
        Map<Path, MixProject> projects;
        synchronized (this) {
            work = new LinkedHashMap<>(pending);
            projects = new HashMap<>(pendingProjects);
            pending.clear();
            pendingProjects.clear();
            drainQueued = false;
        }
        for (Map.Entry<Path, Set<FileRole>> entry : work.entrySet()) {
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

    private Result analyse(MixProject project, Set<FileRole> changed) {
        ProjectContext context = new ProjectContext(project, workspace, overrides.get(), engine.catalog());
        Map<Path, DocumentSnapshot> openSnapshots = new HashMap<>();
        for (OpenDocument document : workspace.openDocuments()) {
            if (project.contains(document.path())) {
                DocumentSnapshot snapshot = document.snapshot();
                context.pin(snapshot);
                openSnapshots.put(document.path(), snapshot);
            }
        }
        Map<Path, List<Finding>> findings = new HashMap<>();
        for (Finding finding : engine.analyze(context, changed)) {
            findings.computeIfAbsent(finding.file().path(), path -> new ArrayList<>()).add(finding);
        }
        return new Result(project, openSnapshots, findings);
    }

    private static Set<FileRole> union(Set<FileRole> a, Set<FileRole> b) {
        Set<FileRole> all = EnumSet.noneOf(FileRole.class);
        all.addAll(a);
        all.addAll(b);
        return all;
    }
}
