package dev.gotchals.server;

import dev.gotchals.analysis.AnalysisService;
import dev.gotchals.engine.Changes;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Settings;
import dev.gotchals.rule.Severity;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Analysing the workspace yields to edits: the worker takes one project at a time, an edited project goes ahead of
 * those waiting in the background, and a request about one project is answered without waiting for the others.
 */
class AnalysisSchedulerTest {
    @TempDir
    Path temp;

    private final List<String> analysed = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstStarted = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);
    private AnalysisScheduler scheduler;
    private MixProject alpha;
    private MixProject beta;
    private MixProject gamma;

    @BeforeEach
    void start() throws IOException {
        for (String name : List.of("alpha", "beta", "gamma")) {
            Path root = Files.createDirectories(temp.resolve(name));
            Files.writeString(root.resolve("mix.exs"), "defmodule " + Character.toUpperCase(name.charAt(0))
                    + name.substring(1) + ".MixProject do\n  use Mix.Project\n  def project, do: [app: :" + name + "]\nend\n");
        }
        Workspace workspace = new Workspace(List.of(temp));
        alpha = project(workspace, "alpha");
        beta = project(workspace, "beta");
        gamma = project(workspace, "gamma");
        scheduler = new AnalysisScheduler(new AnalysisService(workspace, List.of(new HoldingRule())), () -> Settings.DEFAULT,
                result -> analysed.add(result.project().appName()), AnalysisProgress.none());
    }

    @AfterEach
    void stop() {
        releaseFirst.countDown();
        scheduler.shutdown();
    }

    @Test
    void anEditedProjectIsAnalysedBeforeTheProjectsWaitingInTheBackground() throws Exception {
        scheduler.scheduleInBackground(alpha, Changes.EVERYTHING);
        assertTrue(firstStarted.await(10, TimeUnit.SECONDS), "the first analysis started");
        scheduler.scheduleInBackground(beta, Changes.EVERYTHING);
        scheduler.scheduleInBackground(gamma, Changes.EVERYTHING);
        scheduler.schedule(gamma, Changes.edited(Set.of(gamma.root().resolve("mix.exs"))));
        releaseFirst.countDown();

        scheduler.afterPending(() -> null).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("alpha", "gamma", "beta"), analysed);
    }

    @Test
    void aRequestAboutOneProjectIsAnsweredWithoutWaitingForTheOthers() throws Exception {
        scheduler.scheduleInBackground(alpha, Changes.EVERYTHING);
        assertTrue(firstStarted.await(10, TimeUnit.SECONDS), "the first analysis started");
        scheduler.scheduleInBackground(beta, Changes.EVERYTHING);
        scheduler.scheduleInBackground(gamma, Changes.EVERYTHING);
        var answer = scheduler.afterProject(gamma, () -> List.copyOf(analysed));
        releaseFirst.countDown();

        assertEquals(List.of("alpha", "gamma"), answer.get(10, TimeUnit.SECONDS),
                "gamma's waiting analysis ran for the request, beta's still waits");
        scheduler.afterPending(() -> null).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("alpha", "gamma", "beta"), analysed);
    }

    private static MixProject project(Workspace workspace, String name) {
        return workspace.projects().stream().filter(p -> p.root().getFileName().toString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no project " + name + " in " + workspace.projects()));
    }

    /** Holds the first analysis until the test releases it, so that work can queue up behind it. */
    private final class HoldingRule implements Rule {
        private final RuleInfo info = new RuleInfo("TEST1", "holding", "holds the first analysis", Severity.INFO,
                "test", "", "");

        @Override
        public RuleInfo info() {
            return info;
        }

        @Override
        public List<Finding> check(ProjectContext project) {
            if (firstStarted.getCount() > 0) {
                firstStarted.countDown();
                try {
                    releaseFirst.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return List.of();
        }
    }
}
