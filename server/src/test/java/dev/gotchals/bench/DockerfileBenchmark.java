package dev.gotchals.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Dockerfile latency and memory of language servers started as editors start them, side by side: Gotcha LS (its
 * distribution's launcher, or one run per set of JVM options) and any other server, e.g.
 * dockerfile-language-server-nodejs, with the same driver ({@link StdioServer}) on the same generated files. A
 * program, not a test: run it with {@code bin/bench --dockerfile-only}.
 *
 * <p>Per server: spawn to initialize result (median of {@code --starts}); a 93-line release Dockerfile in a
 * Phoenix-like project, opened, then one-character edits (a character typed, then deleted, in a package name) each
 * timed from its didChange to the publishDiagnostics of that version, the first {@code --edits} measured from the
 * very first (no warm-up), VmRSS after {@code --rss-edits}; a {@code --lines}-line Dockerfile, open to first
 * diagnostics, {@code --long-edits} edits and VmRSS. Each scenario in a fresh process.
 *
 * <p>Options: {@code --gotcha "COMMAND"} (its variants: {@code --variant "NAME=JVM OPTIONS"}, repeatable, passed
 * in GOTCHA_JVM_OPTIONS), {@code --peer "COMMAND"}, {@code --starts 5 --edits 300 --rss-edits 1000 --lines 20000
 * --long-edits 50 --timeout-ms 60000}.
 */
public final class DockerfileBenchmark {

    private record Subject(String name, List<String> command, Map<String, String> environment) {
    }

    private record Options(List<Subject> subjects, int starts, int edits, int rssEdits, int lines, int longEdits,
                           long timeoutMs) {
    }

    /** What one server measured; NaN where a scenario failed. */
    private record Figures(double initializeMs, double openMs, double p50, double p99, double laterP50, double rssMib,
                           double longOpenMs, double longP50, double longP99, double longRssMib, String note) {
    }

    private DockerfileBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("DockerfileBenchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path tmp = Files.createTempDirectory("gotcha-docker-bench").toRealPath();
        try {
            DockerfileProject typical = DockerfileProject.write(tmp.resolve("typical"), DockerfileProject.TYPICAL_LINES);
            DockerfileProject large = DockerfileProject.write(tmp.resolve("large"), options.lines());
            Map<Subject, Figures> figures = new LinkedHashMap<>();
            for (Subject subject : options.subjects()) {
                System.err.println("measuring " + subject.name() + " ...");
                figures.put(subject, measure(options, subject, typical, large));
            }
            print(options, figures);
        } finally {
            LatencyBenchmark.deleteRecursively(tmp);
        }
        System.exit(0);
    }

    private static Options parse(String[] args) {
        List<String> gotcha = null;
        List<String> peer = null;
        Map<String, String> variants = new LinkedHashMap<>();
        int starts = 5;
        int edits = 300;
        int rssEdits = 1_000;
        int lines = 20_000;
        int longEdits = 50;
        long timeoutMs = 60_000;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            i++;
            switch (arg) {
                case "--gotcha" -> gotcha = List.of(value.trim().split("\\s+"));
                case "--peer" -> peer = List.of(value.trim().split("\\s+"));
                case "--variant" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--variant is NAME=JVM OPTIONS");
                    }
                    variants.put(value.substring(0, eq), value.substring(eq + 1));
                }
                case "--starts" -> starts = Integer.parseInt(value);
                case "--edits" -> edits = Integer.parseInt(value);
                case "--rss-edits" -> rssEdits = Integer.parseInt(value);
                case "--lines" -> lines = Integer.parseInt(value.replace("_", "").replace(",", ""));
                case "--long-edits" -> longEdits = Integer.parseInt(value);
                case "--timeout-ms" -> timeoutMs = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (starts < 1 || edits < 1 || rssEdits < edits || longEdits < 1) {
            throw new IllegalArgumentException("--starts, --edits, --long-edits must be positive, --rss-edits >= --edits");
        }
        List<Subject> subjects = new ArrayList<>();
        if (gotcha != null && variants.isEmpty()) {
            subjects.add(new Subject("Gotcha LS", gotcha, Map.of()));
        }
        for (Map.Entry<String, String> variant : variants.entrySet()) {
            if (gotcha == null) {
                throw new IllegalArgumentException("--variant needs --gotcha");
            }
            subjects.add(new Subject(variant.getKey(), gotcha, Map.of("GOTCHA_JVM_OPTIONS", variant.getValue())));
        }
        if (peer != null) {
            subjects.add(new Subject("peer", peer, Map.of()));
        }
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("nothing to measure: give --gotcha and/or --peer");
        }
        return new Options(subjects, starts, edits, rssEdits, lines, longEdits, timeoutMs);
    }

    // ---------------------------------------------------------------------------------------------- measuring

    private static Figures measure(Options o, Subject s, DockerfileProject typical, DockerfileProject large) {
        double initializeMs = Double.NaN;
        double[] session = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        double[] longSession = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        List<String> problems = new ArrayList<>();
        try {
            initializeMs = medianStart(o, s, typical);
        } catch (Exception e) {
            problems.add("start: " + e);
        }
        try {
            session = typingSession(o, s, typical, o.edits(), o.rssEdits(), problems);
        } catch (Exception e) {
            problems.add(typical.lines() + " lines: " + e);
        }
        try {
            double[] l = typingSession(o, s, large, o.longEdits(), o.longEdits(), problems);
            longSession = new double[] {l[0], l[1], l[2], l[4]};
        } catch (Exception e) {
            problems.add(large.lines() + " lines: " + e);
        }
        return new Figures(initializeMs, session[0], session[1], session[2], session[3], session[4], longSession[0],
                longSession[1], longSession[2], longSession[3], String.join("; ", problems));
    }

    private static double medianStart(Options o, Subject s, DockerfileProject project) throws Exception {
        long[] starts = new long[o.starts()];
        for (int i = 0; i < starts.length; i++) {
            try (StdioServer server = StdioServer.spawn(s.command(), s.environment(), o.timeoutMs())) {
                server.initialize(project.root());
                starts[i] = server.initializeNanos();
            }
        }
        Arrays.sort(starts);
        return millis(starts[starts.length / 2]);
    }

    /**
     * Opens the project's Dockerfile in a fresh server and types: {open ms, p50 and p99 of the first
     * {@code measured} edits, p50 of the others, RSS MiB after {@code total} edits}.
     */
    private static double[] typingSession(Options o, Subject s, DockerfileProject p, int measured, int total,
                                          List<String> problems) throws Exception {
        try (StdioServer server = StdioServer.spawn(s.command(), s.environment(), o.timeoutMs())) {
            server.initialize(p.root());
            server.settle(p.uri());
            long sent = System.nanoTime();
            server.open(p.uri(), "dockerfile", p.text());
            double openMs = millis(server.awaitPublish(p.uri(), 1).nanos() - sent);
            long[] first = new long[measured];
            long[] later = new long[total - measured];
            for (int i = 0; i < total; i++) {
                int version = i + 2;
                boolean insert = i % 2 == 0;
                int column = p.editColumn();
                long start = System.nanoTime();
                server.change(p.uri(), version, p.editLine(), column, insert ? column : column + 1, insert ? "x" : "");
                long took = server.awaitPublish(p.uri(), version).nanos() - start;
                if (i < measured) {
                    first[i] = took;
                } else {
                    later[i - measured] = took;
                }
            }
            double rssMib = server.rssKib() / 1024.0;
            if (server.unversioned() > 0 && !server.quiet(500)) {
                problems.add(p.lines() + " lines: publishes without version and more of them than changes");
            }
            Arrays.sort(first);
            Arrays.sort(later);
            return new double[] {openMs, millis(percentile(first, 50)), millis(percentile(first, 99)),
                    later.length == 0 ? Double.NaN : millis(percentile(later, 50)), rssMib};
        }
    }

    /** Nearest rank of a sorted array. */
    private static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    // ---------------------------------------------------------------------------------------------- printing

    private static void print(Options o, Map<Subject, Figures> figures) throws Exception {
        System.out.println("Dockerfile latency and memory, each server started as a child process over stdio");
        System.out.printf(Locale.ROOT, "  %s; %d processors; load average %s%n", cpuModel(),
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).trim());
        for (Subject s : figures.keySet()) {
            String env = s.environment().isEmpty() ? "" : "  " + s.environment();
            System.out.println("  " + s.name() + ": " + String.join(" ", s.command()) + env);
        }
        int t = DockerfileProject.TYPICAL_LINES;
        String big = String.format(Locale.ROOT, "%,d", o.lines());
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("", "target"));
        figures.keySet().forEach(s -> header.add(s.name()));
        rows.add(header.toArray(String[]::new));
        rows.add(row("spawn -> initialize result, median of " + o.starts(), "<= 150 ms", figures, f -> ms(f.initializeMs())));
        rows.add(row(t + " lines: open -> first diagnostics", "", figures, f -> ms(f.openMs())));
        rows.add(row(t + " lines: keystroke -> diagnostics p50, first " + o.edits(), "<= 1 ms", figures, f -> ms(f.p50())));
        rows.add(row(t + " lines: keystroke -> diagnostics p99, first " + o.edits(), "<= 5 ms", figures, f -> ms(f.p99())));
        rows.add(row(t + " lines: p50 of edits " + (o.edits() + 1) + "-" + o.rssEdits(), "", figures, f -> ms(f.laterP50())));
        rows.add(row(t + " lines: RSS after " + String.format(Locale.ROOT, "%,d", o.rssEdits()) + " edits", "<= 80 MiB",
                figures, f -> mib(f.rssMib())));
        rows.add(row(big + " lines: open -> first diagnostics", "<= 1000 ms", figures, f -> ms(f.longOpenMs())));
        rows.add(row(big + " lines: keystroke -> diagnostics p50, " + o.longEdits() + " edits", "<= 10 ms", figures,
                f -> ms(f.longP50())));
        rows.add(row(big + " lines: same, p99", "", figures, f -> ms(f.longP99())));
        rows.add(row(big + " lines: RSS after " + o.longEdits() + " edits", "", figures, f -> mib(f.longRssMib())));
        int[] widths = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < r.length; i++) {
                line.append(' ').append(i == 0 ? pad(r[i], widths[i], false) : pad(r[i], widths[i], true)).append(' ');
            }
            System.out.println(line.toString().stripTrailing());
        }
        figures.forEach((s, f) -> {
            if (!f.note().isEmpty()) {
                System.out.println("  " + s.name() + ": " + f.note());
            }
        });
    }

    private interface Cell {
        String of(Figures f);
    }

    private static String[] row(String label, String target, Map<Subject, Figures> figures, Cell cell) {
        List<String> r = new ArrayList<>(List.of(label, target));
        figures.values().forEach(f -> r.add(cell.of(f)));
        return r.toArray(String[]::new);
    }

    private static String pad(String s, int width, boolean right) {
        String spaces = " ".repeat(width - s.length());
        return right ? spaces + s : s + spaces;
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, v < 10 ? "%.2f ms" : "%.0f ms", v);
    }

    private static String mib(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f MiB", v);
    }

    private static String cpuModel() throws Exception {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown cpu");
    }
}
