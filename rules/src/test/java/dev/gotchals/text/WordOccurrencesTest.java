package dev.gotchals.text;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The occurrences an edited text carries, in any case or exact, are those a search of the whole new text finds,
 * wherever the edit falls.
 */
class WordOccurrencesTest {
    private static final String WORD = "gotcha:";
    private static final String[] FRAGMENTS = {"gotcha:", "GOTCHA:", "got", "cha", ":", "g", "a:", "x", "\n", "# ", ""};

    @Test
    void anEditedTextFindsTheWordWhereASearchOfTheWholeTextDoes() {
        Random random = new Random(11);
        for (int sequence = 0; sequence < 200; sequence++) {
            TextDocument document = TextDocument.of("# gotcha:ignore GT001\nRUN x\n# Gotcha: y\n");
            document.occurrences(WORD);
            for (int edit = 0; edit < 30; edit++) {
                int start = random.nextInt(document.length() + 1);
                int end = start + random.nextInt(Math.min(9, document.length() - start + 1));
                String inserted = FRAGMENTS[random.nextInt(FRAGMENTS.length)];
                document = document.withEdit(start, end, inserted).document();
                assertArrayEquals(WordOccurrences.in(document.text(), WORD).offsets(), document.occurrences(WORD),
                        "sequence " + sequence + ", edit " + edit + " of: " + document.text());
            }
        }
    }

    @Test
    void anEditedTextContainsAWordExactlyWhereASearchOfTheWholeTextFindsIt() {
        String word = "envsubst";
        String[] fragments = {"envsubst", "ENVSUBST", "env", "subst", "s", "t", "x", "\n", " ", ""};
        Random random = new Random(12);
        for (int sequence = 0; sequence < 200; sequence++) {
            TextDocument document = TextDocument.of("RUN envsubst < a > b\nRUN Envsubst\n");
            document.contains(word);
            for (int edit = 0; edit < 30; edit++) {
                int start = random.nextInt(document.length() + 1);
                int end = start + random.nextInt(Math.min(9, document.length() - start + 1));
                document = document.withEdit(start, end, fragments[random.nextInt(fragments.length)]).document();
                assertEquals(document.text().contains(word), document.contains(word),
                        "sequence " + sequence + ", edit " + edit + " of: " + document.text());
            }
        }
    }

    @Test
    void aWordEndingWithALetterIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TextDocument.of("x").occurrences("gotcha"));
    }
}
