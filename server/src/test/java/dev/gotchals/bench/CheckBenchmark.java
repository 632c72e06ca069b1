package dev.gotchals.bench;

import dev.gotchals.analysis.AnalysisService;
import dev.gotchals.rule.Settings;
import dev.gotchals.rules.Rules;
import dev.gotchals.workspace.Workspace;

import com.sun.management.OperatingSystemMXBean;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How {@code gotcha-ls check} grows with a project's number of files: a program, not a test (run by
 * {@code bin/bench}). For each size N it writes a Mix project with N small {@code lib/**}{@code /*.ex} files
 * (a Phoenix-like mix.exs and config around them), times {@code java -jar gotcha-ls.jar check} on it, and prints
 * the time per file beyond that of the same project without lib files (the JVM's start and the rules' fixed
 * work), and how that cost compares with the smallest size's: 1.00 is linear growth. Then, in this JVM once
 * warm, the scan of the workspace and the first analysis of the project, as the language server does them
 * after {@code initialized}.
 *
 * <p>Options: {@code --files 1000,10000,30000 --runs 1 --jar server/target/gotcha-ls.jar --timeout-ms 600000}.
 * With several runs, each figure is the fastest: the machine's other work only ever adds time.
 */
public final class CheckBenchmark {
    private static final PrintStream OUT = System.out;
    /** Source files per folder of the generated lib/, as a real project spreads its modules. */
    private static final int FILES_PER_FOLDER = 100;
    /** Analyses of the smallest project before the in-process figures: the JIT compiles the parser's copy by then. */
    private static final int WARM_UP_RUNS = 3;

    private CheckBenchmark() {
    }

    private record Options(List<Integer> sizes, int runs, Path jar, long timeoutMs) {
    }

    private static Options parse(String[] args) {
        List<Integer> sizes = List.of(1_000, 10_000, 30_000);
        int runs = 1;
        Path jar = null;
        long timeoutMs = 600_000;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null && !arg.equals("-h") && !arg.equals("--help")) {
                throw new IllegalArgumentException("unknown option or missing value: " + arg + " (try --help)");
            }
            switch (arg) {
                case "--files" -> sizes = Arrays.stream(value.split(","))
                        .map(s -> Integer.parseInt(s.trim().replace("_", ""))).sorted().toList();
                case "--runs" -> runs = Integer.parseInt(value);
                case "--jar" -> jar = Path.of(value);
                case "--timeout-ms" -> timeoutMs = Long.parseLong(value);
                case "-h", "--help" -> {
                    OUT.println("usage: CheckBenchmark [--files 1000,10000,30000] [--runs 1] [--jar PATH]"
                            + " [--timeout-ms 600000]");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + arg + " (try --help)");
            }
            i++;
        }
        if (sizes.isEmpty() || sizes.get(0) < 1 || runs < 1) {
            throw new IllegalArgumentException("--files takes positive sizes, --runs a positive count");
        }
        return new Options(sizes, runs, jar == null ? LatencyBenchmark.findJar() : jar, timeoutMs);
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("CheckBenchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        LatencyBenchmark.quietLogging();
        Path tmp = Files.createTempDirectory("gotcha-check-bench").toRealPath();
        int status = 0;
        try {
            run(options, tmp);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        } finally {
            LatencyBenchmark.deleteRecursively(tmp);
        }
        OUT.flush();
        System.exit(status);
    }

    private static void run(Options o, Path tmp) throws Exception {
        OUT.println();
        OUT.printf(Locale.ROOT, "gotcha-ls check of a project with N small lib/**/*.ex files (s); fastest of %d run(s);"
                + " load average %s%n", o.runs(), loadAverage());
        Path empty = SmallFilesProject.write(tmp.resolve("files-0"), 0);
        List<Path> projects = new ArrayList<>();
        for (int size : o.sizes()) {
            projects.add(SmallFilesProject.write(tmp.resolve("files-" + size), size));
        }
        if (!Files.isRegularFile(o.jar())) {
            OUT.println("  skipped: no " + o.jar() + " (run mvn package)");
        } else {
            long fixed = fastestCheck(o, empty);
            List<String[]> rows = new ArrayList<>();
            double firstPerFile = 0;
            for (int i = 0; i < projects.size(); i++) {
                int files = o.sizes().get(i);
                long nanos = fastestCheck(o, projects.get(i));
                double perFile = Math.max(0, nanos - fixed) / 1e6 / files;
                if (i == 0) {
                    firstPerFile = perFile;
                }
                rows.add(new String[] {String.format(Locale.ROOT, "%,d", files), seconds(nanos), seconds(nanos - fixed),
                        String.format(Locale.ROOT, "%.3f", perFile),
                        firstPerFile > 0 ? String.format(Locale.ROOT, "%.2f", perFile / firstPerFile) : "-"});
            }
            LatencyBenchmark.printTable(new String[] {"files", "check", "beyond fixed", "ms/file", "vs linear"}, rows);
            OUT.printf(Locale.ROOT, "  fixed: check of the same project without lib files, %s s (JVM start, rules' own work);"
                    + " vs linear: ms/file against the first size's (1.00 = linear)%n", seconds(fixed));
        }

        OUT.println();
        OUT.println("The same projects in this JVM, warmed up on the smallest three times: scan of the workspace, first analysis (s),"
                + " and the CPU time of every thread of the JVM for both (GC and parallel parsing included)");
        for (int warmUp = 0; warmUp < WARM_UP_RUNS; warmUp++) {
            inProcess(projects.get(0));
        }
        List<String[]> rows = new ArrayList<>();
        double firstCpuPerFile = 0;
        for (int i = 0; i < projects.size(); i++) {
            long[] times = inProcess(projects.get(i));
            int files = o.sizes().get(i);
            double cpuPerFile = times[2] / 1e6 / files;
            if (i == 0) {
                firstCpuPerFile = cpuPerFile;
            }
            rows.add(new String[] {String.format(Locale.ROOT, "%,d", files), seconds(times[0]), seconds(times[1]),
                    String.format(Locale.ROOT, "%.3f", (times[0] + times[1]) / 1e6 / files), seconds(times[2]),
                    String.format(Locale.ROOT, "%.3f", cpuPerFile),
                    firstCpuPerFile > 0 ? String.format(Locale.ROOT, "%.2f", cpuPerFile / firstCpuPerFile) : "-"});
        }
        LatencyBenchmark.printTable(new String[] {"files", "scan", "analysis", "ms/file", "cpu", "cpu ms/file", "vs linear"},
                rows);
        OUT.println("  vs linear: CPU ms/file against the first size's, free of the JVM's start and of other work on the"
                + " machine (1.00 = linear)");
        OUT.println("  load average after: " + loadAverage());
    }

    /** The fastest of the runs of {@code java -jar gotcha-ls.jar check} on the project, in nanoseconds. */
    private static long fastestCheck(Options o, Path project) throws IOException, InterruptedException {
        long best = Long.MAX_VALUE;
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        for (int run = 0; run < o.runs(); run++) {
            ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", o.jar().toString(), "check",
                    "--fail-on", "never", project.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            long start = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(o.timeoutMs(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("check of " + project + " took over " + o.timeoutMs() + " ms");
            }
            long took = System.nanoTime() - start;
            if (process.exitValue() != 0) {
                throw new IllegalStateException("check of " + project + " exited with " + process.exitValue());
            }
            best = Math.min(best, took);
        }
        return best;
    }

    /**
     * Nanoseconds to scan the folder into a workspace, then to analyse its projects as a first analysis does, and
     * the process's CPU time for both.
     */
    private static long[] inProcess(Path project) {
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        Workspace workspace = new Workspace(List.of(project));
        long scanned = System.nanoTime();
        new AnalysisService(workspace, Rules.all()).analyseAll(Settings.DEFAULT, Map.of());
        return new long[] {scanned - start, System.nanoTime() - scanned, processCpuNanos() - cpu};
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** The machine's load over 1, 5 and 15 minutes: other work on it stretches every figure. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
    }

    /** A Mix project with a Phoenix-like mix.exs and config, and a given number of small source files under lib/. */
    static final class SmallFilesProject {
        private SmallFilesProject() {
        }

        static Path write(Path root, int files) throws IOException {
            Files.createDirectories(root.resolve("config"));
            Files.writeString(root.resolve("mix.exs"), """
                    defmodule Bench.MixProject do
                      use Mix.Project

                      def project do
                        [app: :bench, version: "0.1.0", elixir: "~> 1.15", deps: deps(), releases: [bench: []]]
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

                    config :bench, ecto_repos: [Bench.Repo]
                    config :bench, BenchWeb.Endpoint, url: [host: "localhost"], pubsub_server: Bench.PubSub

                    import_config "#{config_env()}.exs"
                    """);
            Files.writeString(root.resolve("config/prod.exs"), """
                    import Config

                    config :logger, level: :info
                    """);
            Files.writeString(root.resolve("config/runtime.exs"), """
                    import Config

                    if config_env() == :prod do
                      config :bench, Bench.Repo, url: System.fetch_env!("DATABASE_URL")
                      config :bench, BenchWeb.Endpoint, server: true,
                        secret_key_base: System.fetch_env!("SECRET_KEY_BASE")
                    end
                    """);
            for (int i = 0; i < files; i++) {
                Path folder = root.resolve("lib/bench/part" + (i / FILES_PER_FOLDER));
                if (i % FILES_PER_FOLDER == 0) {
                    Files.createDirectories(folder);
                }
                Files.writeString(folder.resolve("module" + i + ".ex"), module(i));
            }
            return root;
        }

        /** About a dozen lines: a struct, a public and a private function; one in ten reads the app's env. */
        static String module(int i) {
            String name = "Bench.Part" + (i / FILES_PER_FOLDER) + ".Module" + i;
            String body = i % 10 == 0 ? "Application.get_env(:bench, :limit, " + i + ")" : "normalize(input) + " + i;
            return "defmodule " + name + " do\n"
                    + "  @moduledoc \"Part of the generated benchmark project.\"\n"
                    + "  alias Bench.Repo\n\n"
                    + "  defstruct [:id, :name]\n\n"
                    + "  def run(input) do\n"
                    + "    " + body + "\n"
                    + "  end\n\n"
                    + "  defp normalize(input) when is_integer(input), do: input\n"
                    + "  defp normalize(_), do: 0\n"
                    + "end\n";
        }
    }
}
