package dev.gotchals.text;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The occurrences an edited text carries, in any case or exact, are those a search of the whole new text finds,
 * wherever the edit falls.
 */
class WordOccurrencesTest {
    private static final String WORD = "gotcha:";

    @Test
    void anEditedTextFindsTheWordWhereASearchOfTheWholeTextDoes() {
        editAtRandom(11, "# gotcha:ignore GT001\nRUN x\n# Gotcha: y\n",
                new String[] {"gotcha:", "GOTCHA:", "got", "cha", ":", "g", "a:", "x", "\n", "# ", ""},
                document -> document.occurrences(WORD),
                (document, where) -> assertArrayEquals(WordOccurrences.in(document.text(), WORD).offsets(),
                        document.occurrences(WORD), where));
    }

    @Test
    void anEditedTextContainsAWordExactlyWhereASearchOfTheWholeTextFindsIt() {
        String word = "envsubst";
        editAtRandom(12, "RUN envsubst < a > b\nRUN Envsubst\n",
                new String[] {"envsubst", "ENVSUBST", "env", "subst", "s", "t", "x", "\n", " ", ""},
                document -> document.contains(word),
                (document, where) -> assertEquals(document.text().contains(word), document.contains(word), where));
    }

    @Test
    void aWordEndingWithALetterIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TextDocument.of("x").occurrences("gotcha"));
    }

    /**
     * 200 sequences of 30 random edits of {@code text}, each inserting one of {@code fragments}: {@code ask} is asked
     * of the first text (so that the edits carry what it found), {@code check} of each edited one.
     */
    private static void editAtRandom(long seed, String text, String[] fragments, Consumer<TextDocument> ask,
                                     BiConsumer<TextDocument, String> check) {
        Random random = new Random(seed);
        for (int sequence = 0; sequence < 200; sequence++) {
            TextDocument document = TextDocument.of(text);
            ask.accept(document);
            for (int edit = 0; edit < 30; edit++) {
                int start = random.nextInt(document.length() + 1);
                int end = start + random.nextInt(Math.min(9, document.length() - start + 1));
                document = document.withEdit(start, end, fragments[random.nextInt(fragments.length)]).document();
                check.accept(document, "sequence " + sequence + ", edit " + edit + " of: " + document.text());
            }
        }
    }
}
