package dev.gotchals.bench;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.document.OpenDocument;
import dev.gotchals.document.TextChange;
import dev.gotchals.engine.Changes;
import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rules.Rules;
import dev.gotchals.server.ServerLauncher;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.PositionEncoding;
import dev.gotchals.text.TextDocument;
import dev.gotchals.text.TextPosition;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentDiagnosticParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsCapabilities;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.UnregistrationParams;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceEditCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Edit-to-diagnostics latency of the real language server, driven over JSON-RPC by an lsp4j client. A program,
 * not a test (surefire does not pick it up): run it with {@code bin/bench} or
 * {@code mvn -q -pl server -am test-compile exec:java -Dexec.args="--sizes 200,2000"} (see server/pom.xml).
 *
 * <p>For each size N it writes a Mix project whose {@code config/prod.exs} has N realistic lines (including
 * {@code config :logger, level: :debug}, so GT007 reports one finding), starts a fresh server session on it,
 * opens prod.exs, then sends one-character incremental {@code didChange}s (alternately inserting and deleting a
 * character in a comment near the middle of the file) and times each from sending the notification to
 * receiving the {@code publishDiagnostics} that carries exactly that version. Edits are sent one at a time, so
 * the server's coalescing of bursts never hides work.
 *
 * <p>Options: {@code --sizes 200,2000,20000 --edits 500 --warmup 200 --target comment|string
 * --position 0.5 --server inprocess|jar --jar server/target/gotcha-ls.jar --no-breakdown --timeout-ms 30000}.
 */
public final class LatencyBenchmark {
    private static final PrintStream OUT = System.out;

    private LatencyBenchmark() {
    }

    // ---------------------------------------------------------------------------------------------- options

    private record Options(List<Integer> sizes, int edits, int warmup, String target, double position,
                           String serverMode, Path jar, boolean breakdown, long timeoutMs) {
    }

    private static Options parse(String[] args) {
        List<Integer> sizes = List.of(200, 2_000, 20_000);
        int edits = 500;
        int warmup = 200;
        String target = "comment";
        double position = 0.5;
        String serverMode = "inprocess";
        Path jar = null;
        boolean breakdown = true;
        long timeoutMs = 30_000;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--sizes" -> sizes = Arrays.stream(value(args, ++i, arg).split(","))
                        .map(s -> Integer.parseInt(s.trim().replace("_", ""))).toList();
                case "--edits" -> edits = Integer.parseInt(value(args, ++i, arg));
                case "--warmup" -> warmup = Integer.parseInt(value(args, ++i, arg));
                case "--target" -> target = value(args, ++i, arg);
                case "--position" -> position = Double.parseDouble(value(args, ++i, arg));
                case "--server" -> serverMode = value(args, ++i, arg);
                case "--jar" -> jar = Path.of(value(args, ++i, arg));
                case "--no-breakdown" -> breakdown = false;
                case "--timeout-ms" -> timeoutMs = Long.parseLong(value(args, ++i, arg));
                case "-h", "--help" -> {
                    OUT.println("usage: LatencyBenchmark [--sizes 200,2000,20000] [--edits 500] [--warmup 200]"
                            + " [--target comment|string] [--position 0.5] [--server inprocess|jar] [--jar PATH]"
                            + " [--no-breakdown] [--timeout-ms 30000]");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + arg + " (try --help)");
            }
        }
        if (!target.equals("comment") && !target.equals("string")) {
            throw new IllegalArgumentException("--target is comment or string");
        }
        if (!serverMode.equals("inprocess") && !serverMode.equals("jar")) {
            throw new IllegalArgumentException("--server is inprocess or jar");
        }
        if (edits < 1 || warmup < 0 || position < 0 || position > 1) {
            throw new IllegalArgumentException("--edits must be positive, --warmup not negative, --position in [0, 1]");
        }
        if (jar == null) {
            jar = findJar();
        }
        return new Options(sizes, edits, warmup, target, position, serverMode, jar, breakdown, timeoutMs);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** server/target/gotcha-ls.jar, looked for from the working directory upwards (mvn -pl server runs in server/). */
    static Path findJar() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("server/target/gotcha-ls.jar"), dir.resolve("target/gotcha-ls.jar"))) {
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        return Path.of("server/target/gotcha-ls.jar").toAbsolutePath();
    }

    // ---------------------------------------------------------------------------------------------- main

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("LatencyBenchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        quietLogging();
        Path tmp = Files.createTempDirectory("gotcha-bench").toRealPath();
        int status = 0;
        try {
            run(options, tmp);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        } finally {
            deleteRecursively(tmp);
        }
        OUT.flush();
        // lsp4j's default executors (inside ServerLauncher.serve) leave non-daemon threads behind for a minute.
        System.exit(status);
    }

    private static void run(Options o, Path tmp) throws Exception {
        printEnvironment(o);

        List<Project> projects = new ArrayList<>();
        for (int size : o.sizes()) {
            projects.add(Project.write(tmp.resolve("bench-" + size), size, o.target(), o.position()));
        }
        if (projects.isEmpty()) {
            return;
        }

        OUT.println();
        OUT.println("Cold start (ms)");
        List<String[]> cold = new ArrayList<>();
        // In-process: the first session of this JVM loads lsp4j, Gson, the workspace scanner and the server classes.
        long t0 = System.nanoTime();
        Connection first = Connection.inProcess(o.timeoutMs());
        first.initialize(projects.get(0).root());
        long coldInProcess = first.initializedAt() - t0;
        first.close();
        cold.add(new String[] {"in-process: start ServerLauncher.serve -> initialize result", ms(coldInProcess)});

        if (Files.isRegularFile(o.jar())) {
            Project p = projects.get(0);
            Connection sub = Connection.subprocess(o.jar(), o.timeoutMs());
            sub.initialize(p.root());
            long toInit = sub.initializedAt() - sub.startedAt();
            sub.server().initialized(new InitializedParams());
            sub.barrier(p.configUri());
            long sent = System.nanoTime();
            sub.open(p.prodUri(), p.text());
            Published pub = sub.awaitPublish(p.prodUri(), 1);
            long toDiagnostics = pub.nanos() - sub.startedAt();
            long openToPublish = pub.nanos() - sent;
            sub.close();
            cold.add(new String[] {"subprocess: spawn `java -jar gotcha-ls.jar lsp` -> initialize result", ms(toInit)});
            cold.add(new String[] {"subprocess: spawn -> first publishDiagnostics of prod.exs (" + p.lines() + " lines)",
                    ms(toDiagnostics)});
            cold.add(new String[] {"subprocess: didOpen -> that publish (cold JIT)", ms(openToPublish)});
        } else {
            cold.add(new String[] {"subprocess: spawn `java -jar gotcha-ls.jar lsp` -> initialize result",
                    "skipped (no " + o.jar() + "; run mvn package)"});
        }
        int labelWidth = cold.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        for (String[] r : cold) {
            OUT.printf(Locale.ROOT, "  %-" + labelWidth + "s  %9s%n", r[0], r[1]);
        }

        OUT.println();
        OUT.printf(Locale.ROOT, "didChange -> publishDiagnostics of that version (ms); %s server, %d warm-up + %d measured edits,"
                        + " one character in a %s at %.0f%% of the file%n", o.serverMode().equals("jar") ? "subprocess" : "in-process",
                o.warmup(), o.edits(), o.target(), o.position() * 100);
        List<String[]> rows = new ArrayList<>();
        for (Project p : projects) {
            rows.add(measure(o, p));
        }
        printTable(new String[] {"lines", "bytes", "open->1st", "edits", "p50", "p90", "p99", "max", "mean", "findings"}, rows);
        OUT.println("  open->1st: didOpen (whole text over JSON-RPC) -> first publish: full parse, copy, rules, JSON.");

        if (o.breakdown()) {
            OUT.println();
            OUT.println("Where the time goes: the same edits applied directly to the rules module, no JSON-RPC (ms)");
            List<String[]> parts = new ArrayList<>();
            for (Project p : projects) {
                parts.addAll(breakdown(o, p));
            }
            printTable(new String[] {"lines", "step", "p50", "p90", "p99", "max"}, parts);
            OUT.println("  apply: OpenDocument.apply (text + line index); reparse: snapshot() = tree-sitter incremental parse"
                    + " + changed ranges + Node copy/shift;");
            OUT.println("  rules: RuleEngine.analyze (ConfigTimeline + GT007); full parse: SyntaxTree.parse of the whole"
                    + " text (for comparison).");
        }
    }

    private static void printEnvironment(Options o) {
        Runtime rt = Runtime.getRuntime();
        OUT.println("Gotcha LS latency benchmark");
        OUT.printf(Locale.ROOT, "  java.version %s (%s %s), %s %s %s%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("java.vm.version"), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"));
        OUT.printf(Locale.ROOT, "  availableProcessors %d, max heap %d MiB, JVM args %s%n", rt.availableProcessors(),
                rt.maxMemory() / (1024 * 1024), ManagementFactory.getRuntimeMXBean().getInputArguments());
        String cpu = cpuModel();
        if (cpu != null) {
            OUT.println("  cpu " + cpu);
        }
        OUT.printf(Locale.ROOT, "  sizes %s, warm-up %d, edits %d, target %s, server %s%n", o.sizes(), o.warmup(), o.edits(),
                o.target(), o.serverMode());
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------- measuring

    private static String[] measure(Options o, Project p) throws Exception {
        Connection c = o.serverMode().equals("jar") ? Connection.subprocess(o.jar(), o.timeoutMs())
                : Connection.inProcess(o.timeoutMs());
        try {
            c.initialize(p.root());
            c.server().initialized(new InitializedParams());
            // The analysis initialized schedules (every project file from disk) finishes before this answers.
            c.barrier(p.configUri());

            long sent = System.nanoTime();
            c.open(p.prodUri(), p.text());
            Published opened = c.awaitPublish(p.prodUri(), 1);
            long openLatency = opened.nanos() - sent;
            int findings = opened.diagnostics().size();
            if (opened.diagnostics().stream().noneMatch(d -> "GT007".equals(codeOf(d)))) {
                System.err.println("warning: GT007 did not fire on " + p.lines() + " lines: " + opened.diagnostics());
            }

            int version = 1;
            boolean inserted = false;
            long[] samples = new long[o.edits()];
            int total = o.warmup() + o.edits();
            for (int i = 0; i < total; i++) {
                version++;
                Position at = new Position(p.editLine(), p.editColumn());
                TextDocumentContentChangeEvent change = inserted
                        ? new TextDocumentContentChangeEvent(new Range(at, new Position(p.editLine(), p.editColumn() + 1)), "")
                        : new TextDocumentContentChangeEvent(new Range(at, at), "x");
                DidChangeTextDocumentParams params = new DidChangeTextDocumentParams(
                        new VersionedTextDocumentIdentifier(p.prodUri(), version), List.of(change));
                long start = System.nanoTime();
                c.server().getTextDocumentService().didChange(params);
                Published published = c.awaitPublish(p.prodUri(), version);
                inserted = !inserted;
                if (published.diagnostics().size() != findings) {
                    System.err.println("warning: version " + version + " has " + published.diagnostics().size()
                            + " diagnostics, the open had " + findings);
                }
                if (i >= o.warmup()) {
                    samples[i - o.warmup()] = published.nanos() - start;
                }
            }
            c.server().getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(p.prodUri())));
            if (c.client().stray.get() > 0) {
                System.err.println("note: " + c.client().stray.get() + " publishes for other versions or files were ignored");
            }
            Arrays.sort(samples);
            return new String[] {String.format(Locale.ROOT, "%,d", p.lines()), String.format(Locale.ROOT, "%,d", p.bytes()),
                    ms(openLatency), String.valueOf(o.edits()), ms(percentile(samples, 50)), ms(percentile(samples, 90)),
                    ms(percentile(samples, 99)), ms(samples[samples.length - 1]), ms(mean(samples)), String.valueOf(findings)};
        } finally {
            c.close();
        }
    }

    private static String codeOf(Diagnostic d) {
        return d.getCode() == null ? null : d.getCode().isLeft() ? d.getCode().getLeft() : String.valueOf(d.getCode().getRight());
    }

    /** Times the server's steps for the same edits, calling the rules module directly. */
    private static List<String[]> breakdown(Options o, Project p) {
        Workspace workspace = new Workspace(List.of(p.root()));
        MixProject project = workspace.projects().get(0);
        RuleEngine engine = new RuleEngine(Rules.all());
        OpenDocument document = workspace.open(p.prodPath(), 1, p.text(), PositionEncoding.UTF16);
        analyse(workspace, project, engine, document, Changes.EVERYTHING);

        int total = o.warmup() + o.edits();
        long[] apply = new long[o.edits()];
        long[] reparse = new long[o.edits()];
        long[] rules = new long[o.edits()];
        long[] all = new long[o.edits()];
        TextPosition at = new TextPosition(p.editLine(), p.editColumn());
        TextPosition after = new TextPosition(p.editLine(), p.editColumn() + 1);
        boolean inserted = false;
        int findings = 0;
        for (int i = 0; i < total; i++) {
            TextChange change = inserted ? TextChange.replace(at, after, "") : TextChange.replace(at, at, "x");
            long t0 = System.nanoTime();
            try {
                document.apply(i + 2, List.of(change));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            long t1 = System.nanoTime();
            DocumentSnapshot snapshot = document.snapshot();
            long t2 = System.nanoTime();
            findings = analyse(workspace, project, engine, document, Changes.edited(Set.of(document.path()))).size();
            long t3 = System.nanoTime();
            inserted = !inserted;
            if (snapshot.tree() == null) {
                throw new IllegalStateException("prod.exs was not parsed");
            }
            if (i >= o.warmup()) {
                int k = i - o.warmup();
                apply[k] = t1 - t0;
                reparse[k] = t2 - t1;
                rules[k] = t3 - t2;
                all[k] = t3 - t0;
            }
        }
        if (findings != 1) {
            System.err.println("warning: direct analysis of " + p.lines() + " lines found " + findings + " findings");
        }
        int fullRuns = Math.max(3, Math.min(50, 200_000 / Math.max(1, p.lines())));
        long[] full = new long[fullRuns];
        for (int i = 0; i < fullRuns; i++) {
            long t0 = System.nanoTime();
            SyntaxTree tree = SyntaxTree.parse(SourceLanguage.ELIXIR, TextDocument.of(p.text()));
            full[i] = System.nanoTime() - t0;
            if (tree.statements().isEmpty()) {
                throw new IllegalStateException("empty tree");
            }
        }
        String lines = String.format(Locale.ROOT, "%,d", p.lines());
        List<String[]> rows = new ArrayList<>();
        rows.add(row(lines, "apply", apply));
        rows.add(row(lines, "reparse", reparse));
        rows.add(row(lines, "rules", rules));
        rows.add(row(lines, "total", all));
        rows.add(row(lines, "full parse (x" + fullRuns + ")", full));
        return rows;
    }

    private static List<Finding> analyse(Workspace workspace, MixProject project, RuleEngine engine, OpenDocument document,
                                         Changes changed) {
        ProjectContext context = new ProjectContext(project, workspace);
        context.pin(document.snapshot());
        return engine.analyze(context, changed);
    }

    private static String[] row(String lines, String step, long[] samples) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new String[] {lines, step, ms(percentile(sorted, 50)), ms(percentile(sorted, 90)), ms(percentile(sorted, 99)),
                ms(sorted[sorted.length - 1])};
    }

    /** Nearest-rank percentile of sorted samples. */
    private static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static long mean(long[] samples) {
        long sum = 0;
        for (long s : samples) {
            sum += s;
        }
        return sum / samples.length;
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    static void printTable(String[] header, List<String[]> rows) {
        int[] widths = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            widths[i] = header[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder line = new StringBuilder("  ");
        StringBuilder rule = new StringBuilder("  ");
        for (int i = 0; i < header.length; i++) {
            line.append(pad(header[i], widths[i], i)).append(i + 1 < header.length ? "  " : "");
            rule.append("-".repeat(widths[i])).append(i + 1 < header.length ? "  " : "");
        }
        OUT.println(line);
        OUT.println(rule);
        for (String[] row : rows) {
            StringBuilder out = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                out.append(pad(row[i], widths[i], i)).append(i + 1 < row.length ? "  " : "");
            }
            OUT.println(out);
        }
    }

    /** Numbers right-aligned; text columns (a "step") left-aligned. */
    private static String pad(String s, int width, int column) {
        boolean numeric = s.matches("[0-9.,]+|p\\d+|max|mean|lines|bytes|edits|findings|open->1st");
        String spaces = " ".repeat(width - s.length());
        return numeric || column == 0 ? spaces + s : s + spaces;
    }

    // ---------------------------------------------------------------------------------------------- the project

    /** A Mix project on disk whose config/prod.exs has {@code lines} lines, and where the edits go. */
    private record Project(Path root, Path prodPath, String prodUri, String configUri, String text, int lines, int bytes,
                           int editLine, int editColumn) {

        static Project write(Path root, int lines, String target, double position) throws IOException {
            Files.createDirectories(root.resolve("config"));
            Files.writeString(root.resolve("mix.exs"), """
                    defmodule Bench.MixProject do
                      use Mix.Project

                      def project do
                        [
                          app: :bench,
                          version: "0.1.0",
                          elixir: "~> 1.15",
                          start_permanent: Mix.env() == :prod,
                          deps: deps()
                        ]
                      end

                      def application do
                        [mod: {Bench.Application, []}, extra_applications: [:logger, :runtime_tools]]
                      end

                      defp deps do
                        [{:phoenix, "~> 1.7"}, {:ecto_sql, "~> 3.11"}, {:postgrex, ">= 0.0.0"}]
                      end
                    end
                    """);
            Files.writeString(root.resolve("config/config.exs"), """
                    import Config

                    config :bench,
                      ecto_repos: [Bench.Repo],
                      generators: [timestamp_type: :utc_datetime]

                    config :bench, BenchWeb.Endpoint,
                      url: [host: "localhost"],
                      render_errors: [formats: [json: BenchWeb.ErrorJSON], layout: false],
                      pubsub_server: Bench.PubSub

                    config :logger, :console,
                      format: "$time $metadata[$level] $message\\n",
                      metadata: [:request_id]

                    config :phoenix, :json_library, Jason

                    # Import environment specific config. This must remain at the bottom
                    # of this file so it overrides the configuration defined above.
                    import_config "#{config_env()}.exs"
                    """);
            String text = prodConfig(lines);
            Path prod = root.resolve("config/prod.exs");
            Files.writeString(prod, text);

            String[] all = text.split("\n", -1);
            int from = (int) Math.min(all.length - 1, Math.round(position * (lines - 1)));
            int editLine = -1;
            int editColumn = -1;
            for (int pass = 0; pass < 2 && editLine < 0; pass++) {
                // Look forward from the position first, then backward.
                for (int i = from; pass == 0 ? i < lines : i >= 0; i += pass == 0 ? 1 : -1) {
                    String line = all[i];
                    if (target.equals("comment") && line.startsWith("# Bench.Mod")) {
                        editLine = i;
                        editColumn = 2;
                        break;
                    }
                    if (target.equals("string") && line.startsWith("  key: \"")) {
                        editLine = i;
                        editColumn = line.indexOf('"') + 1;
                        break;
                    }
                }
            }
            if (editLine < 0) {
                throw new IllegalStateException("no " + target + " to edit in " + lines + " lines");
            }
            return new Project(root, prod, prod.toUri().toString(), root.resolve("config/config.exs").toUri().toString(),
                    text, lines, text.getBytes(StandardCharsets.UTF_8).length, editLine, editColumn);
        }
    }

    /** A realistic config/prod.exs of exactly {@code lines} lines (the last one ends with a newline). */
    static String prodConfig(int lines) {
        List<String> out = new ArrayList<>(List.of(
                "import Config",
                "",
                "# Production configuration for :bench (generated by LatencyBenchmark).",
                "# Secrets are read at runtime in config/runtime.exs; everything here is compiled into the release.",
                "",
                "# Note we also include the path to a cache manifest containing the digested",
                "# version of static files. This manifest is generated by `mix assets.deploy`.",
                "config :bench, BenchWeb.Endpoint,",
                "  url: [host: \"bench.example.com\", port: 443, scheme: \"https\"],",
                "  cache_static_manifest: \"priv/static/cache_manifest.json\"",
                "",
                "# Verbose logging while we chase the billing bug (GT007 reports this).",
                "config :logger, level: :debug",
                ""));
        List<String> tail = List.of(
                "if config_env() == :prod do",
                "  # Only evaluated when building for prod.",
                "  config :bench, Bench.Repo,",
                "    ssl: true,",
                "    pool_size: 20,",
                "    queue_target: 5_000",
                "",
                "  config :bench, BenchWeb.Endpoint,",
                "    force_ssl: [hsts: true, rewrite_on: [:x_forwarded_proto]],",
                "    http: [ip: {0, 0, 0, 0, 0, 0, 0, 0}, port: 4000]",
                "end");
        for (int i = 0; ; i++) {
            List<String> block = block(i);
            if (out.size() + block.size() + tail.size() > lines) {
                break;
            }
            out.addAll(block);
        }
        int filler = 0;
        while (out.size() + tail.size() < lines) {
            out.add(filler++ % 2 == 0 ? "# (reserved)" : "");
        }
        out.addAll(tail);
        if (out.size() > lines) {
            throw new IllegalArgumentException("sizes must be at least " + out.size() + " lines");
        }
        return String.join("\n", out) + "\n";
    }

    private static List<String> block(int i) {
        String mod = "Bench.Mod" + i;
        List<String> b = new ArrayList<>();
        b.add("# " + mod + ": upstream service " + i + " (owner: team-" + (i % 7) + ")");
        switch (i % 4) {
            case 0 -> {
                b.add("config :bench, " + mod + ",");
                b.add("  key: \"value-" + i + "\",");
                b.add("  url: [host: \"svc" + i + ".internal.example.com\", port: 443],");
                b.add("  pool_size: " + (5 + i % 20) + ",");
                b.add("  timeout: " + (1_000 * (1 + i % 30)));
            }
            case 1 -> {
                b.add("# Retries are cheap here: the service is idempotent. See docs/adr/" + (100 + i) + ".md");
                b.add("config :bench, " + mod + ",");
                b.add("  key: \"value-" + i + "\",");
                b.add("  adapter: {Tesla.Adapter.Finch, name: Bench.Finch},");
                b.add("  url: [host: \"api" + i + ".example.net\", port: 443, path: \"/v" + (1 + i % 3) + "\"],");
                b.add("  headers: [{\"x-api-version\", \"2024-0" + (1 + i % 9) + "-01\"}],");
                b.add("  retries: " + (i % 5));
            }
            case 2 -> {
                b.add("config :bench, " + mod + ", key: \"value-" + i + "\", url: [host: \"cache" + i
                        + ".example.com\", port: 443]");
            }
            default -> {
                b.add("config :bench, " + mod + ",");
                b.add("  key: \"value-" + i + "\",");
                b.add("  url: [host: \"queue" + i + ".example.com\", port: 443],");
                b.add("  enabled: " + (i % 2 == 0) + ",");
                b.add("  topics: [:orders, :payments, :\"shipping_" + i + "\"],");
                b.add("  batch: %{size: " + (10 * (1 + i % 10)) + ", interval_ms: 250}");
            }
        }
        b.add("");
        return b;
    }

    // ---------------------------------------------------------------------------------------------- the client

    private record Published(String uri, Integer version, long nanos, List<Diagnostic> diagnostics) {
    }

    /** Records each publishDiagnostics with the time it arrived; ignores everything else. */
    private static final class BenchClient implements LanguageClient {
        final BlockingQueue<Published> published = new LinkedBlockingQueue<>();
        final AtomicInteger stray = new AtomicInteger();

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams params) {
            long now = System.nanoTime();
            published.add(new Published(params.getUri(), params.getVersion(), now, params.getDiagnostics()));
        }

        @Override
        public void logMessage(MessageParams message) {
            if (message.getType() == MessageType.Error || message.getType() == MessageType.Warning) {
                System.err.println("server " + message.getType() + ": " + message.getMessage());
            }
        }

        @Override
        public void showMessage(MessageParams message) {
            System.err.println("server showMessage: " + message.getMessage());
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public CompletableFuture<Void> registerCapability(RegistrationParams params) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> unregisterCapability(UnregistrationParams params) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /** One client connected to one server session, in this JVM or in a child process. */
    private static final class Connection {
        private final BenchClient client;
        private final LanguageServer server;
        private final long startedAt;
        private final long timeoutMs;
        private final OutputStream toServer;
        private final Thread serverThread;
        private final Process process;
        private final ExecutorService executor;
        private long initializedAt;

        private Connection(BenchClient client, LanguageServer server, long startedAt, long timeoutMs, OutputStream toServer,
                           Thread serverThread, Process process, ExecutorService executor) {
            this.client = client;
            this.server = server;
            this.startedAt = startedAt;
            this.timeoutMs = timeoutMs;
            this.toServer = toServer;
            this.serverThread = serverThread;
            this.process = process;
            this.executor = executor;
        }

        /** ServerLauncher.serve on a thread of this JVM, over two OS pipes. */
        static Connection inProcess(long timeoutMs) throws IOException {
            long start = System.nanoTime();
            Pipe clientToServer = Pipe.open();
            Pipe serverToClient = Pipe.open();
            // Buffered like System.in/System.out, which the stdio server reads and writes.
            InputStream serverIn = new BufferedInputStream(Channels.newInputStream(clientToServer.source()));
            OutputStream serverOut = new BufferedOutputStream(Channels.newOutputStream(serverToClient.sink()));
            Thread thread = new Thread(() -> {
                try {
                    ServerLauncher.serve(serverIn, serverOut);
                } finally {
                    try {
                        serverOut.close();
                    } catch (IOException e) {
                        // gone already
                    }
                }
            }, "bench-server");
            thread.setDaemon(true);
            thread.start();
            OutputStream toServer = new BufferedOutputStream(Channels.newOutputStream(clientToServer.sink()));
            InputStream fromServer = new BufferedInputStream(Channels.newInputStream(serverToClient.source()));
            return connect(start, timeoutMs, fromServer, toServer, thread, null);
        }

        /** {@code java -jar gotcha-ls.jar lsp} in a child process, talking over its stdio. */
        static Connection subprocess(Path jar, long timeoutMs) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString(), "lsp")
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            long start = System.nanoTime();
            Process process = builder.start();
            return connect(start, timeoutMs, process.getInputStream(), process.getOutputStream(), null, process);
        }

        private static Connection connect(long start, long timeoutMs, InputStream in, OutputStream out, Thread serverThread,
                                          Process process) {
            BenchClient client = new BenchClient();
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "bench-client");
                thread.setDaemon(true);
                return thread;
            });
            Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, in, out, executor, null);
            launcher.startListening();
            return new Connection(client, launcher.getRemoteProxy(), start, timeoutMs, out, serverThread, process, executor);
        }

        BenchClient client() {
            return client;
        }

        LanguageServer server() {
            return server;
        }

        long startedAt() {
            return startedAt;
        }

        long initializedAt() {
            return initializedAt;
        }

        @SuppressWarnings("deprecation") // rootUri: older servers read it, this one falls back to it
        void initialize(Path root) throws Exception {
            InitializeParams params = new InitializeParams();
            params.setProcessId((int) ProcessHandle.current().pid());
            params.setRootUri(root.toUri().toString());
            params.setWorkspaceFolders(List.of(new WorkspaceFolder(root.toUri().toString(), root.getFileName().toString())));
            ClientCapabilities capabilities = new ClientCapabilities();
            TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
            PublishDiagnosticsCapabilities publish = new PublishDiagnosticsCapabilities(true);
            publish.setVersionSupport(true);
            text.setPublishDiagnostics(publish);
            capabilities.setTextDocument(text);
            WorkspaceClientCapabilities workspace = new WorkspaceClientCapabilities();
            WorkspaceEditCapabilities edits = new WorkspaceEditCapabilities();
            edits.setDocumentChanges(true);
            workspace.setWorkspaceEdit(edits);
            workspace.setWorkspaceFolders(true);
            capabilities.setWorkspace(workspace);
            params.setCapabilities(capabilities);
            server.initialize(params).get(timeoutMs, TimeUnit.MILLISECONDS);
            initializedAt = System.nanoTime();
        }

        /** Waits until the analysis queue has drained: a pull-diagnostics request runs after everything scheduled. */
        void barrier(String uri) throws Exception {
            server.getTextDocumentService().diagnostic(new DocumentDiagnosticParams(new TextDocumentIdentifier(uri)))
                    .get(timeoutMs, TimeUnit.MILLISECONDS);
        }

        void open(String uri, String text) {
            server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "elixir", 1, text)));
        }

        /** The publish of exactly {@code version} of {@code uri}; others that arrive first are counted and dropped. */
        Published awaitPublish(String uri, int version) throws InterruptedException, TimeoutException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            while (true) {
                long left = deadline - System.nanoTime();
                Published p = left <= 0 ? null : client.published.poll(left, TimeUnit.NANOSECONDS);
                if (p == null) {
                    throw new TimeoutException("no publishDiagnostics for " + uri + " version " + version + " within "
                            + timeoutMs + " ms");
                }
                if (p.uri().equals(uri) && p.version() != null && p.version() == version) {
                    return p;
                }
                client.stray.incrementAndGet();
            }
        }

        void close() throws Exception {
            try {
                server.shutdown().get(timeoutMs, TimeUnit.MILLISECONDS);
                if (process != null) {
                    server.exit();
                }
                // In this JVM no exit: the server's exit notification ends the process. Closing its input ends serve().
            } finally {
                toServer.close();
                if (process != null && !process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                if (serverThread != null) {
                    serverThread.join(10_000);
                }
                executor.shutdownNow();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- misc

    /** The server logs its INFO lines to stderr and to the client; keep the console to warnings. */
    static void quietLogging() {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            handler.setLevel(Level.WARNING);
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
