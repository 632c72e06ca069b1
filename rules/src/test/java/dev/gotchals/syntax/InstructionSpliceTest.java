package dev.gotchals.syntax;

import dev.gotchals.text.TextDocument;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A Dockerfile edit is reparsed by parsing the instructions around it alone; the result must be the tree a fresh
 * parse of the whole text gives, wherever the edit falls (line breaks, continuations, comments, blank lines,
 * trailing blanks, heredocs). Run more with -Dgotcha.fuzz.sequences=N -Dgotcha.fuzz.seed=S.
 */
class InstructionSpliceTest {
    private static final String DOCKERFILE = """
            # syntax=docker/dockerfile:1
            ARG ELIXIR_VERSION=1.17.3
            FROM hexpm/elixir:${ELIXIR_VERSION} AS builder

            RUN apt-get update -y && apt-get install -y build-essential git \\
                && apt-get clean && rm -f /var/lib/apt/lists/*_*
            WORKDIR /app
            ENV MIX_ENV="prod" \\
              LANG=C.UTF-8
            COPY mix.exs mix.lock ./\s
            # a comment between instructions
            RUN mix deps.get --only $MIX_ENV
              COPY config/config.exs config/${MIX_ENV}.exs config/

            RUN <<EOF
            mix assets.deploy
            EOF
            COPY lib lib\t\r
            RUN mix compile
            RUN mix release
            FROM debian:bookworm-slim
            USER nobody
            COPY --from=builder --chown=nobody:root /app/_build/prod/rel/app ./
            CMD ["/app/bin/server"]
            """;

    private static final String[] FRAGMENTS = {
            "x", " ", "\t", "\n", "\\\n", "\\", "#", "# note\n", "RUN mix release\n", "ENV A=1 \\\n  B=2\n",
            "COPY a b\n", "\"", "[", "]", "$", "${X}", "<<EOF\n", "EOF\n", "\r\n", "é", "FROM x AS y\n", "\n\n"
    };

    @Test
    void editsAnywhereGiveTheTreeOfAFreshParse() {
        long seed = Long.getLong("gotcha.fuzz.seed", 20261204L);
        randomEdits(seed, Integer.getInteger("gotcha.fuzz.sequences", 150));
    }

    @Test
    void mostEditsFromATextWithoutErrorsToAnotherAreSpliced() {
        int[] splicedOfClean = randomEdits(20261204L, 150);
        // The others touch the heredoc, or a cut the parse does not end at.
        assertTrue(splicedOfClean[0] > splicedOfClean[1] / 2,
                splicedOfClean[0] + " of " + splicedOfClean[1] + " reparses without errors spliced");
    }

    /** Checks every reparse against a fresh parse; the reparses spliced, and those from and to a text without errors. */
    private static int[] randomEdits(long seed, int sequences) {
        Random random = new Random(seed);
        int spliced = 0;
        int cleanReparses = 0;
        for (int sequence = 0; sequence < sequences; sequence++) {
            String text = DOCKERFILE;
            SyntaxTree tree = SyntaxTree.parse(SourceLanguage.DOCKERFILE, TextDocument.of(text));
            for (int step = 0; step < 4; step++) {
                int start = random.nextInt(text.length() + 1);
                int end = Math.min(text.length(), start + (random.nextInt(4) == 0 ? random.nextInt(30) : random.nextInt(3)));
                String insert = random.nextInt(4) == 0 ? "" : FRAGMENTS[random.nextInt(FRAGMENTS.length)];
                TextDocument.Edited edited = TextDocument.of(text).withEdit(start, end, insert);
                text = edited.document().text();
                boolean wasClean = !tree.hasErrors();
                tree = tree.reparse(edited.document(), List.of(edited.edit()));
                SyntaxTree fresh = SyntaxTree.parse(SourceLanguage.DOCKERFILE, TextDocument.of(text));
                if (wasClean && !fresh.hasErrors()) {
                    cleanReparses++;
                    spliced += tree.isSpliced() ? 1 : 0;
                }
                if (!fresh.root().equals(tree.root()) || fresh.hasErrors() != tree.hasErrors()) {
                    fail("sequence " + sequence + " step " + step + " (seed " + seed + "): edit at " + start + "-" + end
                            + " inserting " + describe(insert) + "\n" + describe(text) + "\nfresh:   "
                            + fresh.root().sexp() + "\nspliced: " + tree.root().sexp());
                }
            }
        }
        return new int[] {spliced, cleanReparses};
    }

    @Test
    void anEditInTheMiddleOfALongFileParsesOnlyTheInstructionsAroundIt() {
        StringBuilder text = new StringBuilder("FROM hexpm/elixir:1.17 AS builder\n");
        for (int i = 0; i < 2_000; i++) {
            text.append("RUN echo step").append(i).append('\n');
        }
        SyntaxTree tree = SyntaxTree.parse(SourceLanguage.DOCKERFILE, TextDocument.of(text.toString()));
        int at = text.indexOf("step1000") + 4;
        TextDocument.Edited edited = tree.text().withEdit(at, at, "x");
        SyntaxTree reparsed = tree.reparse(edited.document(), List.of(edited.edit()));

        assertTrue(reparsed.isSpliced());
        assertEquals(SyntaxTree.parse(SourceLanguage.DOCKERFILE, edited.document()).root(), reparsed.root());
        // The instructions before the change are the same objects; the parsed part is a few lines around it.
        List<Node> before = tree.statements();
        List<Node> after = reparsed.statements();
        assertTrue(before.get(1) == after.get(1) && before.get(1990) == after.get(1990));
        assertFalse(before.get(2002) == after.get(2002));
    }

    @Test
    void theCommonEndOfTwoTextsIsFoundAcrossBlocks() {
        Random random = new Random(7);
        for (int run = 0; run < 500; run++) {
            byte[] before = new byte[random.nextInt(1_500)];
            for (int i = 0; i < before.length; i++) {
                before[i] = (byte) ('a' + random.nextInt(2));
            }
            int at = before.length == 0 ? 0 : random.nextInt(before.length);
            byte[] inserted = new byte[random.nextInt(3)];
            Arrays.fill(inserted, (byte) 'a');
            int removed = Math.min(random.nextInt(3), before.length - at);
            byte[] after = new byte[before.length - removed + inserted.length];
            System.arraycopy(before, 0, after, 0, at);
            System.arraycopy(inserted, 0, after, at, inserted.length);
            System.arraycopy(before, at + removed, after, at + inserted.length, before.length - at - removed);
            int prefix = Math.max(0, Arrays.mismatch(before, after));
            int most = Math.min(before.length, after.length) - prefix;
            int expected = 0;
            while (expected < most && before[before.length - 1 - expected] == after[after.length - 1 - expected]) {
                expected++;
            }
            assertEquals(expected, InstructionSplice.commonSuffix(before, after, prefix), "run " + run);
        }
    }

    @Test
    void aHeredocOrASyntaxErrorIsParsedWhole() {
        SyntaxTree tree = SyntaxTree.parse(SourceLanguage.DOCKERFILE, TextDocument.of(DOCKERFILE));
        int inHeredoc = DOCKERFILE.indexOf("assets.deploy");
        TextDocument.Edited heredocEdit = tree.text().withEdit(inHeredoc, inHeredoc, "x");
        assertFalse(tree.reparse(heredocEdit.document(), List.of(heredocEdit.edit())).isSpliced());

        int inWorkdir = DOCKERFILE.indexOf("WORKDIR");
        TextDocument.Edited broken = tree.text().withEdit(inWorkdir, inWorkdir + 7, "WORK");
        SyntaxTree reparsed = tree.reparse(broken.document(), List.of(broken.edit()));
        assertFalse(reparsed.isSpliced());
        assertTrue(reparsed.hasErrors());
    }

    private static String describe(String text) {
        return text.replace("\r", "\\r").replace("\t", "\\t").replace("\n", "\\n\n");
    }
}
