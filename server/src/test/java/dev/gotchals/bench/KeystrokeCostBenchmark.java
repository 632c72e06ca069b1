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
import dev.gotchals.text.TextDocument;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a keystroke recomputes: a program, not a test (run by {@code bin/bench-keystroke}). On a copy of a sample
 * workspace ({@code naive-all-gotchas} unless {@code --workspace} names another), it types into an open document
 * at three places (a Dockerfile stage, one config call, a lib file), analyses after each keystroke as the language
 * server does, and prints per keystroke the rules run again and kept, the models built, and the time the engine
 * took (parsing included, the JIT warm after {@code --warmup} keystrokes).
 *
 * <p>Options: {@code --workspace naive-all-gotchas --keystrokes 40 --warmup 200}.
 */
public final class KeystrokeCostBenchmark {
    private static final PrintStream OUT = System.out;

    private KeystrokeCostBenchmark() {
    }

    /** Where to type: after the first occurrence of {@code after} in {@code file}, the character {@code typed}. */
    private record Place(String what, String file, String after, String typed) {
    }

    private static final List<Place> PLACES = List.of(
            new Place("Dockerfile, the builder stage's RUN mix compile", "Dockerfile", "RUN mix compile", " "),
            new Place("config/prod.exs, the Repo's config call", "config/prod.exs", "pool_size: 1", "0"),
            new Place("lib file, a controller action", "lib/market_web/controllers/page_controller.ex",
                    "render(conn, :home)", " "));

    public static void main(String[] args) throws IOException, InvalidChangeException {
        String workspaceName = "naive-all-gotchas";
        int keystrokes = 40;
        int warmup = 200;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--workspace" -> workspaceName = args[i + 1];
                case "--keystrokes" -> keystrokes = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path root = copy(Path.of("test-workspaces", workspaceName), Files.createTempDirectory("gotcha-keystroke"));
        Workspace workspace = new Workspace(List.of(root));
        MixProject project = workspace.projects().get(0);
        RuleEngine engine = new RuleEngine(Rules.all());
        engine.analyze(context(project, workspace), Changes.EVERYTHING);
        Recomputed first = engine.lastRecomputed(project.root());
        OUT.printf(Locale.ROOT, "%s: %d rules, first analysis built %d models%n", workspaceName,
                first.rulesRun().size(), first.modelsBuilt().size());
        for (Place place : PLACES) {
            Path path = root.resolve(place.file());
            if (!Files.exists(path)) {
                continue;
            }
            OpenDocument document = workspace.open(path, 1, Files.readString(path), PositionEncoding.UTF16);
            engine.analyze(context(project, workspace), Changes.edited(List.of(path)));
            for (int i = 0; i < warmup; i++) {
                type(document, place, i % 2 == 0 ? place.typed() : "");
                engine.analyze(context(project, workspace), Changes.edited(List.of(path)));
            }
            List<Long> micros = new ArrayList<>();
            Map<String, Integer> rulesRun = new TreeMap<>();
            Map<String, Integer> modelsBuilt = new TreeMap<>();
            int kept = 0;
            for (int i = 0; i < keystrokes; i++) {
                type(document, place, place.typed());
                long start = System.nanoTime();
                engine.analyze(context(project, workspace), Changes.edited(List.of(path)));
                micros.add((System.nanoTime() - start) / 1000);
                Recomputed recomputed = engine.lastRecomputed(project.root());
                recomputed.rulesRun().forEach(id -> rulesRun.merge(id, 1, Integer::sum));
                recomputed.modelsBuilt().forEach(model -> modelsBuilt.merge(model.replace(root + "/", ""), 1,
                        Integer::sum));
                kept += recomputed.rulesKept();
            }
            workspace.close(path);
            micros.sort(Comparator.naturalOrder());
            OUT.printf(Locale.ROOT, "%n%s (%d keystrokes): p50 %.2f ms, p90 %.2f ms%n", place.what(), keystrokes,
                    micros.get(micros.size() / 2) / 1000.0, micros.get(micros.size() * 9 / 10) / 1000.0);
            OUT.printf(Locale.ROOT, "  rules run per keystroke %.1f, kept %.1f: %s%n",
                    rulesRun.values().stream().mapToInt(Integer::intValue).sum() / (double) keystrokes,
                    kept / (double) keystrokes, rulesRun.keySet());
            OUT.printf(Locale.ROOT, "  models built per keystroke %.1f: %s%n",
                    modelsBuilt.values().stream().mapToInt(Integer::intValue).sum() / (double) keystrokes,
                    modelsBuilt.keySet());
        }
    }

    /** Types {@code typed} after the place's anchor (an empty string deletes the character typed before). */
    private static void type(OpenDocument document, Place place, String typed) throws InvalidChangeException {
        String text = document.text();
        int at = text.indexOf(place.after()) + place.after().length();
        TextDocument before = TextDocument.of(text);
        TextChange change = typed.isEmpty()
                ? TextChange.replace(before.positionAt(at, PositionEncoding.UTF16),
                before.positionAt(at + place.typed().length(), PositionEncoding.UTF16), "")
                : TextChange.replace(before.positionAt(at, PositionEncoding.UTF16),
                before.positionAt(at, PositionEncoding.UTF16), typed);
        document.apply(document.version() + 1, List.of(change));
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

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return to;
    }
}
