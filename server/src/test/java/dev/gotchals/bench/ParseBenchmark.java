package dev.gotchals.bench;

import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.TextDocument;
import org.treesitter.TSParser;
import org.treesitter.TreeSitterElixir;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

/**
 * What parsing one small Elixir file costs, step by step: a program, not a test (run by {@code bin/bench}). It
 * parses the modules {@link CheckBenchmark} writes, first with tree-sitter alone, then into a {@link SyntaxTree}
 * (tree-sitter, then the copy of every node into Java), and prints the CPU time of this thread per file and per
 * node for each step: the cost of a file in {@code check} that grows with its size.
 *
 * <p>Options: {@code --files 2000 --rounds 10}; each figure is the fastest round, since other work on the machine
 * only ever adds time.
 */
public final class ParseBenchmark {
    private static final PrintStream OUT = System.out;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ParseBenchmark() {
    }

    public static void main(String[] args) {
        int files = 2_000;
        int rounds = 10;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--files" -> files = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> {
                    System.err.println("ParseBenchmark: unknown option " + args[i] + " (--files N --rounds N)");
                    System.exit(2);
                }
            }
        }
        run(Math.max(1, files), Math.max(1, rounds));
    }

    private static void run(int files, int rounds) {
        String[] sources = new String[files];
        TextDocument[] documents = new TextDocument[files];
        long nodes = 0;
        for (int i = 0; i < files; i++) {
            sources[i] = CheckBenchmark.SmallFilesProject.module(i);
            documents[i] = TextDocument.of(sources[i]);
            nodes += nodeCount(SyntaxTree.parse(SourceLanguage.ELIXIR, documents[i]).root());
        }
        TSParser parser = new TSParser();
        parser.setLanguage(new TreeSitterElixir());
        long parseOnly = Long.MAX_VALUE;
        long parseAndCopy = Long.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (String source : sources) {
                parser.parseString(null, source);
            }
            long parsed = THREADS.getCurrentThreadCpuTime();
            for (TextDocument document : documents) {
                SyntaxTree.parse(SourceLanguage.ELIXIR, document);
            }
            long copied = THREADS.getCurrentThreadCpuTime();
            parseOnly = Math.min(parseOnly, parsed - start);
            parseAndCopy = Math.min(parseAndCopy, copied - parsed);
        }
        double perNode = (double) nodes / files;
        OUT.println();
        OUT.printf(Locale.ROOT, "Parse of a small lib/*.ex module (%.0f nodes), CPU of one thread, fastest of %d rounds"
                + " over %,d files%n", perNode, rounds, files);
        long copyOnly = Math.max(0, parseAndCopy - parseOnly);
        LatencyBenchmark.printTable(new String[] {"step", "us/file", "us/node"}, List.of(
                row("tree-sitter parse", parseOnly, files, perNode),
                row("copy into Nodes", copyOnly, files, perNode),
                row("SyntaxTree.parse", parseAndCopy, files, perNode)));
    }

    private static String[] row(String step, long nanos, int files, double nodesPerFile) {
        double perFile = nanos / 1e3 / files;
        return new String[] {step, String.format(Locale.ROOT, "%.1f", perFile),
                String.format(Locale.ROOT, "%.2f", perFile / nodesPerFile)};
    }

    private static long nodeCount(Node root) {
        long[] count = {0};
        root.forEachDescendant(node -> count[0]++);
        return count[0];
    }
}
