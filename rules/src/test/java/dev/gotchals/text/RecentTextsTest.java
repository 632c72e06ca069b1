package dev.gotchals.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class RecentTextsTest {
    private static final int MAX_ENTRIES = 1000;
    private static final long MAX_CHARS = 64 * 1024;

    @Test
    void keepsAtMostItsCountDroppingTheLeastRecentlyUsed() {
        RecentTexts<String> cache = new RecentTexts<>(MAX_ENTRIES, MAX_CHARS);
        String script = "read";
        cache.put("first", script);
        for (int i = 0; i < MAX_ENTRIES; i++) {
            if (i == MAX_ENTRIES / 2) {
                assertNotNull(cache.get("first"), "used again: now the most recent");
            }
            cache.put("script " + i, script);
        }

        assertEquals(MAX_ENTRIES, cache.size());
        assertNotNull(cache.get("first"));
        assertNull(cache.get("script 0"));
    }

    @Test
    void keepsAtMostItsTextAndNeverAScriptTooLongToShare() {
        RecentTexts<String> cache = new RecentTexts<>(MAX_ENTRIES, MAX_CHARS);
        String script = "read";
        String huge = "x".repeat((int) (MAX_CHARS / 16) + 1);
        cache.put(huge, script);
        assertNull(cache.get(huge));

        String large = "y".repeat((int) (MAX_CHARS / 16) - 2);
        for (int i = 10; i < 30; i++) {
            cache.put(i + large, script);
        }
        assertEquals(16, cache.size(), "the longest scripts shared fill it 16 times");
        assertNotNull(cache.get(29 + large));
        assertNull(cache.get(10 + large));
    }
}
