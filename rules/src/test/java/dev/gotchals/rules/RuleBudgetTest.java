package dev.gotchals.rules;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A rule that never finishes is stopped when its time budget is spent, logged, and the other rules still report. */
class RuleBudgetTest {
    private static final long BUDGET_MILLIS = 300;

    @TempDir
    Path dir;

    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logged) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger engineLogger = Logger.getLogger(RuleEngine.class.getName());
    private String previousBudget;

    @BeforeEach
    void setUp() {
        engineLogger.addHandler(capture);
        previousBudget = System.setProperty("gotcha.ruleBudgetMillis", Long.toString(BUDGET_MILLIS));
    }

    @AfterEach
    void tearDown() {
        engineLogger.removeHandler(capture);
        if (previousBudget == null) {
            System.clearProperty("gotcha.ruleBudgetMillis");
        } else {
            System.setProperty("gotcha.ruleBudgetMillis", previousBudget);
        }
    }

    /** Walks the config's syntax tree over and over, forever. */
    private static final class EndlessWalkRule implements Rule {
        @Override
        public RuleInfo info() {
            return new RuleInfo("GT990", "endless-walk", "walks forever", Severity.ERROR, "test", "bad", "good");
        }

        @Override
        public List<Finding> check(ProjectContext project) {
            DocumentSnapshot config = project.configFile("config.exs");
            long[] visited = {0};
            while (true) {
                config.tree().root().forEachDescendant(node -> visited[0]++);
            }
        }
    }

    /** Walks the config's syntax tree for a while, then reports nothing. */
    private static final class SlowRule implements Rule {
        static final long WORK_MILLIS = 3 * BUDGET_MILLIS;

        @Override
        public RuleInfo info() {
            return new RuleInfo("GT991", "slow-walk", "walks a while", Severity.ERROR, "test", "bad", "good");
        }

        @Override
        public List<Finding> check(ProjectContext project) {
            DocumentSnapshot config = project.configFile("config.exs");
            long until = System.nanoTime() + WORK_MILLIS * 1_000_000L;
            while (System.nanoTime() < until) {
                config.tree().root().forEachDescendant(node -> { });
            }
            return List.of();
        }
    }

    @Test
    void aBatchBudgetWaitsForASlowRuleThatTheEditorsBudgetStops() throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("mix.exs"), "defmodule Shop.MixProject do\n  def project, do: [app: :shop]\nend\n");
        Files.writeString(dir.resolve("config/config.exs"), "import Config\nconfig :logger, level: :info\n");
        Workspace workspace = new Workspace(List.of(dir));
        List<Rule> rules = List.of(new SlowRule());

        new RuleEngine(rules).analyze(workspace.projects().get(0), workspace);
        new RuleEngine(rules, 20 * SlowRule.WORK_MILLIS).analyze(workspace.projects().get(0), workspace);

        List<String> stops;
        synchronized (logged) {
            stops = logged.stream().map(LogRecord::getMessage).filter(message -> message.contains("GT991")).toList();
        }
        assertEquals(1, stops.size(), "stopped under the editor's budget only: " + stops);
        assertTrue(stops.get(0).contains("over its budget of " + BUDGET_MILLIS + " ms"), stops.get(0));
    }

    @Test
    void aRuleThatWalksForeverIsStoppedAndLoggedAndTheOthersStillReport() throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("mix.exs"), "defmodule Shop.MixProject do\n  def project, do: [app: :shop]\nend\n");
        Files.writeString(dir.resolve("config/config.exs"), "import Config\nconfig :logger, level: :debug\n");
        Workspace workspace = new Workspace(List.of(dir));
        RuleEngine engine = new RuleEngine(List.of(new EndlessWalkRule(), new ProdDebugLoggingRule()));

        long started = System.nanoTime();
        List<Finding> findings = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> engine.analyze(workspace.projects().get(0), workspace));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(List.of("GT007"), findings.stream().map(f -> f.rule().id()).toList());
        List<LogRecord> stops;
        synchronized (logged) {
            stops = logged.stream().filter(r -> r.getMessage().contains("GT990")).toList();
        }
        assertEquals(1, stops.size(), "logged once");
        assertEquals(Level.WARNING, stops.get(0).getLevel());
        Matcher stopped = Pattern.compile("stopped after (\\d+) ms").matcher(stops.get(0).getMessage());
        assertTrue(stopped.find(), stops.get(0).getMessage());
        long reported = Long.parseLong(stopped.group(1));
        assertTrue(reported >= BUDGET_MILLIS && reported <= elapsedMillis, stops.get(0).getMessage());
        System.out.println("endless rule: " + stops.get(0).getMessage() + "; analysis took " + elapsedMillis + " ms");
    }
}
