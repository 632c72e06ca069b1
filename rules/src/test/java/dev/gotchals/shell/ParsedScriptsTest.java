package dev.gotchals.shell;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class ParsedScriptsTest {

    @Test
    void keepsAtMostItsCountDroppingTheLeastRecentlyUsed() {
        ParsedScripts cache = new ParsedScripts();
        ShellScript script = ShellScript.parse("true");
        cache.put("first", script);
        for (int i = 0; i < ParsedScripts.MAX_SCRIPTS; i++) {
            if (i == ParsedScripts.MAX_SCRIPTS / 2) {
                assertNotNull(cache.get("first"), "used again: now the most recent");
            }
            cache.put("script " + i, script);
        }

        assertEquals(ParsedScripts.MAX_SCRIPTS, cache.size());
        assertNotNull(cache.get("first"));
        assertNull(cache.get("script 0"));
    }

    @Test
    void keepsAtMostItsTextAndNeverAScriptTooLongToShare() {
        ParsedScripts cache = new ParsedScripts();
        ShellScript script = ShellScript.parse("true");
        String huge = "x".repeat((int) (ParsedScripts.MAX_CHARS / 16) + 1);
        cache.put(huge, script);
        assertNull(cache.get(huge));

        String large = "y".repeat((int) (ParsedScripts.MAX_CHARS / 16) - 2);
        for (int i = 10; i < 30; i++) {
            cache.put(i + large, script);
        }
        assertEquals(16, cache.size(), "the longest scripts shared fill it 16 times");
        assertNotNull(cache.get(29 + large));
        assertNull(cache.get(10 + large));
    }
}
