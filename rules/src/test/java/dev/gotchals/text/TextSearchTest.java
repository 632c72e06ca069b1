package dev.gotchals.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextSearchTest {
    @Test
    void findsTheNeedleInAnyCaseOfItsLetters() {
        assertTrue(TextSearch.containsIgnoringCase("x = System.get_env(\"A\")", "get_env"));
        assertTrue(TextSearch.containsIgnoringCase("System.GET_ENV(\"A\")", "get_env"));
        assertTrue(TextSearch.containsIgnoringCase("gEt_EnV", "get_env"));
        assertTrue(TextSearch.containsIgnoringCase("ga gb GET_ENV", "get_env"), "after false starts in both cases");
        assertTrue(TextSearch.containsIgnoringCase("anything", ""));
        assertFalse(TextSearch.containsIgnoringCase("get_en", "get_env"));
        assertFalse(TextSearch.containsIgnoringCase("System.fetch_env!", "get_env"));
        assertTrue(TextSearch.containsIgnoringCase("_ENV", "_env"));
    }

    @Test
    void aLongTextWithManyFalseStartsIsReadOnce() {
        String text = "g".repeat(2_000_000) + "et_env";
        assertTrue(TextSearch.containsIgnoringCase(text, "get_env"));
        assertFalse(TextSearch.containsIgnoringCase("G".repeat(2_000_000), "get_env"));
    }

    @Test
    void anOffsetIsInACommentLineWhenOnlyBlanksComeBeforeTheHashOnItsLine() {
        String text = "key: 1\n  #  url = get_env(:key)\nurl = get_env(:key) # note\n#key";
        assertTrue(TextSearch.inHashCommentLine(text, text.indexOf("get_env")), "a commented-out line");
        assertFalse(TextSearch.inHashCommentLine(text, text.lastIndexOf("get_env")), "code before a trailing comment");
        assertFalse(TextSearch.inHashCommentLine(text, 0), "the first line's start");
        assertTrue(TextSearch.inHashCommentLine(text, text.length() - 3), "the last line, no newline after it");
        assertFalse(TextSearch.inHashCommentLine(text, text.length() - 4), "the hash itself starts nothing before it");
    }
}
