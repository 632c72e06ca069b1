package dev.gotchals.document;

import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.PositionEncoding;
import dev.gotchals.text.TextDocument;
import dev.gotchals.text.TextPosition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random edit sequences through the editor's change path: after every step the text must equal a plain string
 * edited the same way, and the incrementally reparsed tree (tree-sitter's and our copy of it) must equal a
 * fresh parse of that text. Run more with -Dgotcha.fuzz.sequences=N -Dgotcha.fuzz.seed=S.
 */
class IncrementalParsingPropertyTest {
    private static final String[] FRAGMENTS = {
            "config :logger, level: :debug\n", "import Config\n", "if config_env() == :prod do\n", "end\n",
            "System.get_env(\"PORT\")", " || raise \"missing\"", "url: [host: \"é.example\", port: 443]",
            "\r\n", "\n", "\r", "#", "# comment 😀 ü 中文\n", "do", " ", "\"", "[", "]", "(", ")", ",", ":",
            "config :app, App.Endpoint,\n  server: true\n", "é", "😀", "中", "\t", "\"\"\"\nheredoc\n\"\"\"\n",
            "FROM debian:bookworm\n", "RUN mix release\n", "CMD [\"/app/bin/server\"]\n", "\\\n", "ENV A=1 \\\n  B=2\n"
    };

    private static final String SEED_TEXT = """
            import Config

            # Logger 🪵 for prod
            config :logger, level: :info

            config :shop, ShopWeb.Endpoint,
              url: [host: "example.com", port: 443],
              cache_static_manifest: "priv/static/cache_manifest.json"

            if config_env() == :prod do
              config :shop, Shop.Repo, url: System.get_env("DATABASE_URL") || raise "DATABASE_URL missing"
            end
            """;

    private static final String SEED_DOCKERFILE = "FROM hexpm/elixir:1.17 AS builder\nRUN mix deps.get\n"
            + "COPY assets ./ \nADD a b\t\r\nRUN mix release\n"
            + "FROM debian:bookworm-slim\nCMD [\"/app/bin/server\"]\n";
    /** Edit sequences per language in the default suite; the stress runs take ten times more. */
    private static final int SEQUENCES = 100;

    @Test
    void incrementalTreesEqualFreshParsesForElixir() {
        run(SourceLanguage.ELIXIR, SEED_TEXT, SEQUENCES);
    }

    @Test
    void incrementalTreesEqualFreshParsesForDockerfiles() {
        run(SourceLanguage.DOCKERFILE, SEED_DOCKERFILE, SEQUENCES);
    }

    @Tag("stress")
    @Test
    void longRunOfElixirEdits() {
        run(SourceLanguage.ELIXIR, SEED_TEXT, 10 * SEQUENCES);
    }

    @Tag("stress")
    @Test
    void longRunOfDockerfileEdits() {
        run(SourceLanguage.DOCKERFILE, SEED_DOCKERFILE, 10 * SEQUENCES);
    }

    private void run(SourceLanguage language, String seedText, int defaultSequences) {
        long seed = Long.getLong("gotcha.fuzz.seed", 20261126L);
        int sequences = Integer.getInteger("gotcha.fuzz.sequences", defaultSequences);
        int steps = 12;
        Random random = new Random(seed);
        Long onlySequence = Long.getLong("gotcha.fuzz.sequenceSeed");
        for (int sequence = 0; sequence < sequences; sequence++) {
            long sequenceSeed = onlySequence != null ? onlySequence : random.nextLong();
            if (onlySequence != null && sequence > 0) {
                break;
            }
            try {
                runSequence(language, seedText, new Random(sequenceSeed), steps);
            } catch (AssertionError | RuntimeException e) {
                fail(language + " sequence " + sequence + " failed; replay it alone with -Dgotcha.fuzz.sequenceSeed="
                        + sequenceSeed + " (run seed " + seed + "): " + e.getMessage(), e);
            }
        }
    }

    private void runSequence(SourceLanguage language, String seedText, Random random, int steps) {
        PositionEncoding encoding = random.nextBoolean() ? PositionEncoding.UTF16 : PositionEncoding.UTF8;
        String expected = seedText;
        OpenDocument document = new OpenDocument(Path.of("/w/config/config.exs"), language, encoding, 0, expected);
        document.snapshot();
        for (int step = 1; step <= steps; step++) {
            int changesInBatch = 1 + random.nextInt(3);
            List<TextChange> batch = new ArrayList<>();
            for (int i = 0; i < changesInBatch; i++) {
                TextDocument reference = TextDocument.of(expected);
                int start = randomBoundary(expected, random);
                int end = Math.min(expected.length(), start + (random.nextInt(4) == 0 ? random.nextInt(40) : random.nextInt(4)));
                end = avoidSplittingPair(expected, end);
                String insert = random.nextInt(5) == 0 ? "" : FRAGMENTS[random.nextInt(FRAGMENTS.length)];
                TextPosition from = reference.positionAt(start, encoding);
                TextPosition to = reference.positionAt(end, encoding);
                batch.add(TextChange.replace(from, to, insert));
                expected = expected.substring(0, start) + insert + expected.substring(end);
            }
            try {
                document.apply(step, batch);
            } catch (InvalidChangeException e) {
                throw new AssertionError("valid change rejected: " + e.getMessage(), e);
            }
            // Parse only every few steps, as an editor that types faster than analysis would.
            if (random.nextInt(3) == 0 || step == steps) {
                DocumentSnapshot snapshot = document.snapshot();
                assertEquals(expected, snapshot.text().text(), "text after step " + step);
                SyntaxTree fresh = SyntaxTree.parse(language, TextDocument.of(expected));
                if (!fresh.hasErrors()) {
                    // Our copy of the nodes says what tree-sitter says (its s-expressions differ only around errors).
                    assertEquals(fresh.treeSitterSexp(), fresh.root().sexp(), "node copy of a fresh parse");
                }
                assertEquals(fresh.treeSitterSexp(), snapshot.tree().treeSitterSexp(), "tree-sitter tree after step " + step);
                // tree-sitter may recover from errors differently in anonymous nodes when it reuses an old tree,
                // so our copy is checked against a full copy of the same incremental tree.
                Node withoutReuse = snapshot.tree().copyWithoutReuse();
                assertEquals(describe(withoutReuse), describe(snapshot.tree().root()), "statements after step " + step);
                assertEquals(withoutReuse, snapshot.tree().root(), "node copy after step " + step);
            }
        }
    }

    private static String describe(Node root) {
        StringBuilder out = new StringBuilder();
        for (var statement : root.children()) {
            out.append(statement).append(' ').append(statement.sexp()).append('\n');
        }
        return out.toString();
    }

    private static int randomBoundary(String text, Random random) {
        if (text.isEmpty()) {
            return 0;
        }
        int choice = random.nextInt(10);
        int offset = choice == 0 ? 0 : choice == 1 ? text.length() : random.nextInt(text.length() + 1);
        return avoidSplittingPair(text, offset);
    }

    /** Editors never put a position between the halves of a surrogate pair, or inside a CRLF line break. */
    private static int avoidSplittingPair(String text, int offset) {
        if (offset > 0 && offset < text.length() && (Character.isLowSurrogate(text.charAt(offset))
                || text.charAt(offset - 1) == '\r' && text.charAt(offset) == '\n')) {
            return offset - 1;
        }
        return offset;
    }
}
