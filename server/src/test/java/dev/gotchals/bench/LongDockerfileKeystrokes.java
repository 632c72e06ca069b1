package dev.gotchals.bench;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.document.InvalidChangeException;
import dev.gotchals.document.OpenDocument;
import dev.gotchals.document.TextChange;
import dev.gotchals.engine.Changes;
import dev.gotchals.engine.Recomputed;
import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Settings;
import dev.gotchals.rules.Rules;
import dev.gotchals.text.PositionEncoding;
import dev.gotchals.text.TextPosition;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Dockerfile benchmark's keystrokes in process: a program, not a test (run by {@code bin/bench-keystroke
 * --dockerfile-lines N}). It writes {@link DockerfileProject}'s project with an N-line Dockerfile, opens it, types
 * and deletes a character where {@link DockerfileBenchmark} does, analysing after each keystroke as the language
 * server does, and prints the time of the first analysis and open (and the collector's share of it), the engine's
 * time (parsing included) of the first 300 keystrokes and of the second half, its CPU time, the collector's time
 * and the bytes allocated per keystroke, and the rules and models run again.
 * Run it with the launcher's JVM options to see what the server sees, without the protocol.
 *
 * <p>Options: {@code --dockerfile-lines 20000 --keystrokes 400}.
 */
public final class LongDockerfileKeystrokes {
    private LongDockerfileKeystrokes() {
    }

    public static void main(String[] args) throws IOException, InvalidChangeException {
        int lines = 20_000;
        int keystrokes = 400;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--dockerfile-lines" -> lines = Integer.parseInt(args[i + 1]);
                case "--keystrokes" -> keystrokes = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        DockerfileProject project = DockerfileProject.write(Files.createTempDirectory("gotcha-dockerfile"), lines);
        Workspace workspace = new Workspace(List.of(project.root()));
        MixProject mix = workspace.projects().get(0);
        RuleEngine engine = new RuleEngine(Rules.all());
        long collectedBeforeOpen = collectorMillis();
        long collectionsBeforeOpen = collections();
        long opened = System.nanoTime();
        engine.analyze(context(mix, workspace), Changes.EVERYTHING);
        long analysed = System.nanoTime();
        OpenDocument document = workspace.open(project.dockerfile(), 1, project.text(), PositionEncoding.UTF16);
        engine.analyze(context(mix, workspace), Changes.edited(List.of(project.dockerfile())));
        long done = System.nanoTime();
        System.out.printf("%,d lines: first analysis and open %.0f ms, of which the collector %d ms in %d collections%n",
                lines, (done - opened) / 1e6, collectorMillis() - collectedBeforeOpen,
                collections() - collectionsBeforeOpen);
        Recomputed atOpen = engine.lastRecomputed(mix.root());
        System.out.printf("  first analysis %.0f ms; open and its analysis %.1f ms (%d rules run, %d models built)%n",
                (analysed - opened) / 1e6, (done - analysed) / 1e6, atOpen.rulesRun().size(), atOpen.modelsBuilt().size());

        com.sun.management.ThreadMXBean thread = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<Long> wall = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        long allocated = 0;
        long collectedBefore = 0;
        Map<String, Integer> rulesRun = new TreeMap<>();
        Map<String, Integer> modelsBuilt = new TreeMap<>();
        int half = keystrokes / 2;
        for (int i = 0; i < keystrokes; i++) {
            if (i == half) {
                collectedBefore = collectorMillis();
            }
            boolean insert = i % 2 == 0;
            TextPosition at = new TextPosition(project.editLine(), project.editColumn());
            TextPosition end = new TextPosition(project.editLine(), project.editColumn() + (insert ? 0 : 1));
            long start = System.nanoTime();
            long cpuStart = thread.getCurrentThreadCpuTime();
            long allocatedStart = thread.getCurrentThreadAllocatedBytes();
            document.apply(document.version() + 1, List.of(TextChange.replace(at, end, insert ? "x" : "")));
            engine.analyze(context(mix, workspace), Changes.edited(List.of(project.dockerfile())));
            wall.add(System.nanoTime() - start);
            cpu.add(thread.getCurrentThreadCpuTime() - cpuStart);
            if (i >= half) {
                allocated += thread.getCurrentThreadAllocatedBytes() - allocatedStart;
                Recomputed recomputed = engine.lastRecomputed(mix.root());
                recomputed.rulesRun().forEach(id -> rulesRun.merge(id, 1, Integer::sum));
                recomputed.modelsBuilt().forEach(model -> modelsBuilt.merge(
                        model.replace(project.root() + "/", ""), 1, Integer::sum));
            }
        }
        int measured = keystrokes - half;
        List<Long> first = wall.subList(0, Math.min(300, keystrokes));
        System.out.printf("first %d keystrokes: p50 %.2f ms, p99 %.2f ms%n", first.size(), percentile(first, 50),
                percentile(first, 99));
        System.out.printf("keystrokes %d-%d: p50 %.2f ms, p90 %.2f ms; CPU p50 %.2f ms; collector %.1f ms and %.1f MB "
                        + "allocated per keystroke%n", half + 1, keystrokes, percentile(wall.subList(half, keystrokes), 50),
                percentile(wall.subList(half, keystrokes), 90), percentile(cpu.subList(half, keystrokes), 50),
                (collectorMillis() - collectedBefore) / (double) measured, allocated / 1e6 / measured);
        System.out.println("rules run: " + rulesRun.keySet());
        System.out.println("models built: " + modelsBuilt.keySet());
    }

    /** The {@code p}th percentile of durations in nanoseconds, in milliseconds. */
    private static double percentile(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6;
    }

    private static long collectorMillis() {
        long millis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            millis += collector.getCollectionTime();
        }
        return millis;
    }

    private static long collections() {
        long count = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += collector.getCollectionCount();
        }
        return count;
    }

    /** A context as the language server's analysis makes it: the open documents pinned at their current version. */
    private static ProjectContext context(MixProject project, Workspace workspace) {
        ProjectContext context = new ProjectContext(project, workspace, Settings.DEFAULT);
        for (OpenDocument document : workspace.openDocuments()) {
            DocumentSnapshot snapshot = document.snapshot();
            context.pin(snapshot);
        }
        return context;
    }
}
