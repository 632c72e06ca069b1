package dev.gotchals.rules;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.document.OpenDocument;
import dev.gotchals.document.TextChange;
import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.Settings;
import dev.gotchals.settings.SettingsFileParser;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.PositionEncoding;
import dev.gotchals.text.TextDocument;
import dev.gotchals.workspace.FileRole;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Hostile documents through the parsing path and through every rule, on a thread with the JVM's default 1 MiB
 * stack: no exception escapes, no rule runs past its time budget ({@link RuleEngine#budgetMillis()}, plus the
 * moment a stopped rule takes to notice), and the findings in the project's clean files are still reported beside
 * the hostile ones by every rule the budget did not stop. Each input is placed in
 * every file a rule reads (config, release config, lib sources, Dockerfile, scripts, manifests, the settings file), once read from
 * disk (the {@code check} path) and once as open editor buffers (the language server's path). Prints the slowest
 * rule per input. The default suite runs a small input of each kind; the production-sized ones (megabytes, 50,000
 * levels of nesting, each rule pushed to its budget) are tagged {@code stress} and run with {@code -Pstress}.
 */
class HostileInputTest {
    /** The JVM's default thread stack on 64-bit Linux: the analysis must not need a bigger one. */
    private static final long DEFAULT_STACK_BYTES = 1024 * 1024;
    private static final Pattern STOPPED = Pattern.compile("rule (GT\\d+) .*stopped after");

    /** Files that get the hostile text. The clean ones ({@link #CLEAN}) carry findings that must survive. */
    private static final List<String> HOSTILE_FILES = List.of("config/config.exs", "config/prod.exs",
            "config/dev.exs", "rel/env.exs", "lib/shop/release.ex", "lib/shop/application.ex",
            "lib/shop_web/router.ex", "lib/shop_web/endpoint.ex", "Dockerfile", "rel/overlays/bin/server",
            "fly.toml", "Procfile", "docker-entrypoint.sh", ".gotcha.exs");
    /** Dense inputs big enough to cost memory go into one file of each role only. */
    private static final List<String> FEW_FILES = List.of("config/config.exs", "rel/env.exs", "lib/shop_web/router.ex",
            "Dockerfile", "rel/overlays/bin/server", "fly.toml", "Procfile", "docker-entrypoint.sh", ".gotcha.exs");

    private static final Map<String, String> CLEAN = Map.of(
            "mix.exs", """
                    defmodule Shop.MixProject do
                      use Mix.Project

                      def project do
                        [app: :shop, version: "0.1.0", deps: deps(), releases: [shop: []]]
                      end

                      def application do
                        [mod: {Shop.Application, []}, extra_applications: [:logger]]
                      end

                      defp deps do
                        [{:phoenix, "~> 1.7"}, {:ecto_sql, "~> 3.10"}, {:postgrex, ">= 0.0.0"}]
                      end
                    end
                    """,
            "config/runtime.exs", """
                    import Config

                    config :logger, level: :debug
                    config :shop, Shop.Repo, password: "hunter2-literal-password"
                    """,
            "Dockerfile.prod", """
                    FROM hexpm/elixir:1.17 AS build
                    ENV MIX_ENV=prod
                    RUN mix release

                    FROM debian:bookworm-slim
                    CMD ["mix", "phx.server"]
                    """);

    /** A hostile input: its bytes on disk (null: the UTF-8 of its text) and the text an editor would send. */
    private record Hostile(String name, String text, byte[] bytes, List<String> files) {
        static Hostile of(String name, String text) {
            return new Hostile(name, text, null, HOSTILE_FILES);
        }

        byte[] diskBytes() {
            return bytes != null ? bytes : text.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Each kind of hostile input, small (the default suite) or production-sized (the stress profile). */
    enum Kind {
        INVALID_UTF8 {
            Hostile input(boolean production) {
                ByteArrayOutputStream invalid = new ByteArrayOutputStream();
                for (int i = 0; i < (production ? 200 : 10); i++) {
                    invalid.writeBytes("config :shop, key: \"".getBytes(StandardCharsets.UTF_8));
                    // a stray continuation, 0xFF, an encoded surrogate, a truncated 4-byte sequence, an overlong '/'
                    invalid.writeBytes(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80,
                            (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0xC0, (byte) 0xAF});
                    invalid.writeBytes("\"\nRUN echo \u00e9\u0080\n".getBytes(StandardCharsets.UTF_8));
                }
                byte[] bytes = invalid.toByteArray();
                // What an editor delivers for a file that is not valid UTF-8: the bytes decoded with U+FFFD.
                return new Hostile("invalid UTF-8 (decoded with U+FFFD)", new String(bytes, StandardCharsets.UTF_8), bytes,
                        HOSTILE_FILES);
            }
        },
        LONE_SURROGATES {
            Hostile input(boolean production) {
                return Hostile.of("lone surrogates in the editor's text", ("config :shop, k: \"\uD800\" \uDC00 x \uD83D\n"
                        + "# \uDFFF\uD800\nRUN echo \uDBFF\n").repeat(production ? 200 : 10) + "\uD800");
            }
        },
        NUL_BYTES {
            Hostile input(boolean production) {
                return Hostile.of("NUL bytes", ("\u0000config :shop,\u0000 key: \"a\u0000b\"\n\u0000\u0000FROM \u0000\n"
                        + "RUN mix\u0000release\n").repeat(production ? 200 : 10));
            }
        },
        OVER_THE_PARSE_LIMIT {
            Hostile input(boolean production) {
                String line = "config :shop, key: [a: 1, b: \"two\"]; RUN mix release; ";
                return production
                        ? new Hostile("10 MB single line (over the parse limit)",
                        line.repeat(10 * 1024 * 1024 / line.length()), null, HOSTILE_FILES)
                        : new Hostile("a single line just over the parse limit",
                        line.repeat((int) (OpenDocument.MAX_ANALYSED_BYTES / line.length()) + 1), null, FEW_FILES);
            }
        },
        LONG_LINE_OF_TOKENS {
            Hostile input(boolean production) {
                String line = "config :shop, key: [a: 1, b: \"two\"]; RUN mix release; ";
                return new Hostile((production ? "3.9 MB" : "16 KB") + " single line of tokens",
                        line.repeat((production ? 39 * 1024 * 1024 / 10 : 16 * 1024) / line.length()), null, FEW_FILES);
            }
        },
        LONG_STRING_LITERAL {
            Hostile input(boolean production) {
                return new Hostile((production ? "3.9 MB" : "64 KB") + " single string literal", "config :shop, blob: \""
                        + "x".repeat(production ? 39 * 1024 * 1024 / 10 : 64 * 1024) + "\"\n", null, HOSTILE_FILES);
            }
        },
        NESTED_BRACKETS {
            Hostile input(boolean production) {
                int depth = production ? 50_000 : 1_000;
                return new Hostile(depth + " nested brackets", "config :shop, key: " + "[{(".repeat(depth / 3) + "1"
                        + ")}]".repeat(depth / 3) + "\n" + "[".repeat(depth) + "\n", null, HOSTILE_FILES);
            }
        },
        NESTED_DO_BLOCKS {
            Hostile input(boolean production) {
                int depth = production ? 50_000 : 1_000;
                return new Hostile(depth + " nested do ... end blocks", "if config_env() == :prod do\n".repeat(depth)
                        + "config :shop, key: System.get_env(\"KEY\")\n" + "end\n".repeat(depth), null, HOSTILE_FILES);
            }
        },
        RANDOM_BYTES {
            Hostile input(boolean production) {
                byte[] random = new byte[production ? 256 * 1024 : 4 * 1024];
                new Random(6).nextBytes(random);
                return new Hostile("binary file (random bytes) named Dockerfile and every other name",
                        new String(random, StandardCharsets.UTF_8), random, HOSTILE_FILES);
            }
        },
        HALF_AN_EXPRESSION {
            Hostile input(boolean production) {
                return Hostile.of("half an Elixir expression", """
                        import Config

                        config :shop, ShopWeb.Endpoint,
                          url: [host: System.get_env("PHX_HOST") || "example.com", port: 443],
                          http: [ip: {0, 0, 0, 0, 0, 0, 0, 0}, port: String.to_integer(System.get_env("PORT") ||
                        """);
            }
        },
        EMPTY_FILE {
            Hostile input(boolean production) {
                return Hostile.of("empty file", "");
            }
        },
        ONLY_COMMENTS {
            Hostile input(boolean production) {
                return Hostile.of("only comments", "# config :shop, key: System.get_env(\"KEY\")\n# RUN mix release\n"
                        .repeat(production ? 1000 : 50));
            }
        };

        abstract Hostile input(boolean production);
    }

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
    private final Logger gotchaLogger = Logger.getLogger("dev.gotchals");

    @BeforeEach
    void captureLogs() {
        gotchaLogger.addHandler(capture);
    }

    @AfterEach
    void releaseLogs() {
        gotchaLogger.removeHandler(capture);
    }

    // One small input of each kind, each runnable alone: -Dtest='HostileInputTest#nulBytes'.

    @Test
    void invalidUtf8() throws Throwable {
        survives(Kind.INVALID_UTF8.input(false));
    }

    @Test
    void loneSurrogates() throws Throwable {
        survives(Kind.LONE_SURROGATES.input(false));
    }

    @Test
    void nulBytes() throws Throwable {
        survives(Kind.NUL_BYTES.input(false));
    }

    @Test
    void overTheParseLimit() throws Throwable {
        survives(Kind.OVER_THE_PARSE_LIMIT.input(false));
    }

    @Test
    void longLineOfTokens() throws Throwable {
        survives(Kind.LONG_LINE_OF_TOKENS.input(false));
    }

    @Test
    void longStringLiteral() throws Throwable {
        survives(Kind.LONG_STRING_LITERAL.input(false));
    }

    @Test
    void nestedBrackets() throws Throwable {
        survives(Kind.NESTED_BRACKETS.input(false));
    }

    @Test
    void nestedDoBlocks() throws Throwable {
        survives(Kind.NESTED_DO_BLOCKS.input(false));
    }

    @Test
    void randomBytes() throws Throwable {
        survives(Kind.RANDOM_BYTES.input(false));
    }

    @Test
    void halfAnExpression() throws Throwable {
        survives(Kind.HALF_AN_EXPRESSION.input(false));
    }

    @Test
    void emptyFile() throws Throwable {
        survives(Kind.EMPTY_FILE.input(false));
    }

    @Test
    void onlyComments() throws Throwable {
        survives(Kind.ONLY_COMMENTS.input(false));
    }

    /** Production-sized inputs, minutes in all: {@code mvn verify -Pstress}. */
    @Tag("stress")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void productionSized(Kind kind) throws Throwable {
        // A stopped rule notices at its next check; on 50,000 nested blocks GT001 has been seen to notice from
        // 0.9 s to 3.2 s late on a 2-core machine (between two checks lie 50,000-deep walks and the collection of
        // trees of millions of nodes): not yet explained, so the bound leaves room for twice that.
        survives(kind.input(true), 8000);
    }

    /** The input parses on a default stack, in every language and through the editor's edits, and no rule fails on it. */
    private void survives(Hostile input) throws Throwable {
        survives(input, 1000);
    }

    /** @param graceMillis how long past its budget a rule may run before it notices it was stopped */
    private void survives(Hostile input, long graceMillis) throws Throwable {
        parsesOnADefaultStack(input);
        everyRuleSurvives(input, graceMillis);
    }

    private void parsesOnADefaultStack(Hostile input) throws Throwable {
        onDefaultStack(() -> {
            // The languages a document is parsed in whole; shell is only ever parsed within a time limit
            // (ShellScript), which the analysis of the hostile scripts below exercises.
            Set<SourceLanguage> documentLanguages = new TreeSet<>();
            for (FileRole role : FileRole.values()) {
                if (role.language() != null) {
                    documentLanguages.add(role.language());
                }
            }
            for (SourceLanguage language : documentLanguages) {
                if (input.text().length() > OpenDocument.MAX_ANALYSED_BYTES) {
                    continue;
                }
                SyntaxTree tree = SyntaxTree.parse(language, TextDocument.of(input.text()));
                assertEquals(tree.copyWithoutReuse(), tree.root(), input.name() + " " + language);
                long[] named = {0};
                tree.root().forEachDescendant(node -> named[0] += node.isNamed() ? 1 : 0);
                String sexp = tree.root().sexp();
                assertEquals(named[0], sexp.chars().filter(c -> c == '(').count(), input.name() + " " + language);

                // Through the editor's path (on the 3.9 MB line and the 50,000-deep nestings, SyntaxTree gives up
                // reuse: tree-sitter's changed-range comparison ran for over 30 minutes there): open, then edits at the start and in the middle.
                OpenDocument document = new OpenDocument(dir.resolve("x"), language, PositionEncoding.UTF16, 1,
                        input.text());
                document.snapshot();
                String expected = input.text();
                TextDocument before = TextDocument.of(expected);
                int middle = expected.length() / 2;
                try {
                    document.apply(2, List.of(
                            TextChange.replace(before.positionAt(middle, PositionEncoding.UTF16),
                                    before.positionAt(middle, PositionEncoding.UTF16), "\uDC00 do [ "),
                            TextChange.replace(before.positionAt(0, PositionEncoding.UTF16),
                                    before.positionAt(0, PositionEncoding.UTF16), "x\u0000\uD800")));
                } catch (dev.gotchals.document.InvalidChangeException e) {
                    throw new AssertionError(e);
                }
                expected = "x\u0000\uD800" + expected.substring(0, middle) + "\uDC00 do [ " + expected.substring(middle);
                DocumentSnapshot snapshot = document.snapshot();
                assertEquals(expected, snapshot.text().text(), input.name());
                assertTrue(java.util.Arrays.equals(expected.getBytes(StandardCharsets.UTF_8), snapshot.text().utf8()),
                        input.name() + ": the UTF-8 bytes stay an exact encoding of the text");
                assertEquals(snapshot.tree().copyWithoutReuse(), snapshot.tree().root(), input.name() + " " + language);
            }
        });
    }

    @Test
    void aDocumentOverTheParseLimitIsNotParsedAndSaysSoOnce() {
        String big = "a = 1; ".repeat((int) (OpenDocument.MAX_ANALYSED_BYTES / 7) + 1);
        OpenDocument document = new OpenDocument(dir.resolve("config/config.exs"), SourceLanguage.ELIXIR,
                PositionEncoding.UTF16, 1, big);
        assertNull(document.snapshot().tree());
        for (int version = 2; version < 5; version++) {
            try {
                document.apply(version, List.of(TextChange.replace(new dev.gotchals.text.TextPosition(0, 0),
                        new dev.gotchals.text.TextPosition(0, 0), "b")));
            } catch (dev.gotchals.document.InvalidChangeException e) {
                throw new AssertionError(e);
            }
            assertNull(document.snapshot().tree());
        }
        assertEquals(1, warnings("not analysing").size(), "one warning, not one per keystroke");
        try {
            document.apply(5, List.of(TextChange.full("config :logger, level: :debug\n")));
        } catch (dev.gotchals.document.InvalidChangeException e) {
            throw new AssertionError(e);
        }
        assertTrue(document.snapshot().isParsed(), "parsed again once it is small");
    }

    /** Every rule survives the input in every file, and the clean files' findings stay. */
    private void everyRuleSurvives(Hostile input, long grace) throws Throwable {
        Set<String> baseline = cleanFindings(analyse(new Hostile("baseline", "", null, HOSTILE_FILES), false, null));
        assertTrue(baseline.stream().anyMatch(f -> f.startsWith("GT007 config/runtime.exs")), baseline.toString());
        assertTrue(baseline.stream().anyMatch(f -> f.startsWith("GT002 Dockerfile.prod")), baseline.toString());
        logged.clear();

        System.out.printf("%-62s %-7s %s%n", "hostile input (rule budget " + RuleEngine.budgetMillis() + " ms)",
                "worst", "per rule, ms (disk | editor)");
        List<String> failures = new ArrayList<>();
        Map<String, long[]> timings = new LinkedHashMap<>();
        Map<Boolean, List<Finding>> byPath = new LinkedHashMap<>();
        for (boolean editor : new boolean[] {false, true}) {
            byPath.put(editor, analyse(input, editor, timings));
        }
        // A rule may be stopped by its budget (that is the bound at work, logged); it must not fail.
        Set<String> stopped = new TreeSet<>();
        for (LogRecord record : drainLogs()) {
            Matcher stop = STOPPED.matcher(record.getMessage());
            if (stop.find()) {
                stopped.add(stop.group(1));
            } else if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                failures.add(input.name() + ": " + record.getMessage()
                        + (record.getThrown() != null ? " " + record.getThrown() : ""));
            }
        }
        for (Map.Entry<Boolean, List<Finding>> analysed : byPath.entrySet()) {
            Set<String> found = cleanFindings(analysed.getValue());
            for (String expected : baseline) {
                if (!found.contains(expected) && !stopped.contains(expected.substring(0, expected.indexOf(' ')))) {
                    failures.add(input.name() + (analysed.getKey() ? " (editor)" : " (disk)") + ": lost " + expected);
                }
            }
        }
        long worst = 0;
        String worstRule = "";
        StringBuilder perRule = new StringBuilder();
        for (Map.Entry<String, long[]> timing : timings.entrySet()) {
            long[] t = timing.getValue();
            if (Math.max(t[0], t[1]) >= worst) {
                worst = Math.max(t[0], t[1]);
                worstRule = timing.getKey();
            }
            if (Math.max(t[0], t[1]) > RuleEngine.budgetMillis() + grace) {
                failures.add(input.name() + ": " + timing.getKey() + " ran " + Math.max(t[0], t[1])
                        + " ms, past its budget of " + RuleEngine.budgetMillis() + " ms");
            }
            perRule.append(timing.getKey()).append(' ').append(t[0]).append('|').append(t[1]).append("  ");
        }
        System.out.printf("%-62s %4d %s %s%s%n", input.name(), worst, worstRule, perRule.toString().trim(),
                stopped.isEmpty() ? "" : "  stopped by the budget: " + stopped);
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    /** Writes the project with the hostile text in place, analyses it rule by rule, and returns every finding. */
    private List<Finding> analyse(Hostile input, boolean editor, Map<String, long[]> timings) throws Throwable {
        Path root = Files.createTempDirectory(dir, "project");
        for (Map.Entry<String, String> clean : CLEAN.entrySet()) {
            write(root.resolve(clean.getKey()), clean.getValue().getBytes(StandardCharsets.UTF_8));
        }
        for (String file : input.files()) {
            write(root.resolve(file), input.diskBytes());
        }
        AtomicReference<List<Finding>> result = new AtomicReference<>();
        onDefaultStack(() -> {
            Workspace workspace = new Workspace(List.of(root));
            if (editor) {
                for (String file : input.files()) {
                    workspace.open(root.resolve(file), 1, input.text(), PositionEncoding.UTF16);
                }
            }
            assertEquals(1, workspace.projects().size());
            MixProject project = workspace.projects().get(0);
            // Every rule's engine shares this context: its settings file may name any rule.
            ProjectContext context = new ProjectContext(project, workspace, Settings.DEFAULT,
                    file -> SettingsFileParser.parse(file, Rules.catalog()));
            for (FileRole role : FileRole.values()) {
                // Parse up front (a file read from disk is parsed when first asked for its tree), so the timings
                // below are the rules' own: a rule may run on another thread, whose paused time is not this one's.
                context.files(role).forEach(DocumentSnapshot::tree);
            }
            List<Finding> findings = new ArrayList<>();
            for (Rule rule : Rules.all()) {
                // The rule's own time: shared parsing it happens to trigger first is off its clock, and bounded apart.
                long start = System.nanoTime() - Deadline.pausedNanos();
                findings.addAll(new RuleEngine(List.of(rule)).analyze(context, null));
                long millis = (System.nanoTime() - Deadline.pausedNanos() - start) / 1_000_000;
                if (timings != null) {
                    timings.computeIfAbsent(rule.info().id(), id -> new long[2])[editor ? 1 : 0] = millis;
                }
            }
            result.set(findings);
        });
        return result.get();
    }

    /** Findings in the files that hold no hostile text, as "rule file start-end". */
    private static Set<String> cleanFindings(List<Finding> findings) {
        Set<String> clean = new TreeSet<>();
        for (Finding finding : findings) {
            Path path = finding.file().path();
            for (String file : CLEAN.keySet()) {
                if (path.endsWith(file)) {
                    clean.add(finding.rule().id() + " " + file + " " + finding.start() + "-" + finding.end());
                }
            }
        }
        return clean;
    }

    private List<LogRecord> warnings(String containing) {
        return drainLogs().stream().filter(r -> r.getMessage().contains(containing)).toList();
    }

    private List<LogRecord> drainLogs() {
        synchronized (logged) {
            List<LogRecord> copy = List.copyOf(logged);
            logged.clear();
            return copy;
        }
    }

    private static void write(Path path, byte[] bytes) throws IOException {
        Files.createDirectories(path.getParent());
        Files.write(path, bytes);
    }

    private interface Work {
        void run() throws Throwable;
    }

    /** Runs {@code work} on a thread with the JVM's default stack size, rethrowing what it throws. */
    private static void onDefaultStack(Work work) throws Throwable {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                work.run();
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "hostile-input", DEFAULT_STACK_BYTES);
        thread.start();
        thread.join();
        if (thrown.get() != null) {
            throw thrown.get();
        }
    }
}
