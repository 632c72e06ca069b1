package dev.gotchals.rule;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sets and maps that are the same in order are equal; another order or content is not the same. */
class InOrderTest {

    @Test
    void setsAreTheSameOnlyWithEqualElementsInTheSameOrder() {
        InOrder ab = InOrder.of(new LinkedHashSet<>(List.of("A", "B")));
        assertTrue(ab.same(InOrder.of(new LinkedHashSet<>(List.of(new String("A"), "B")))));
        assertFalse(ab.same(InOrder.of(new LinkedHashSet<>(List.of("B", "A")))), "compared as sets instead");
        assertFalse(ab.same(InOrder.of(new LinkedHashSet<>(List.of("A", "C")))));
        assertFalse(ab.same(InOrder.of(new LinkedHashSet<>(List.of("A")))));
    }

    @Test
    void mapsAreTheSameOnlyWithEqualKeysAndValuesInTheSameOrder() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", null);
        assertTrue(InOrder.of(ab).same(InOrder.of(new LinkedHashMap<>(ab))));
        Map<String, String> otherValue = new LinkedHashMap<>(ab);
        otherValue.put("b", "2");
        assertFalse(InOrder.of(ab).same(InOrder.of(otherValue)));
        // A value under another key, the keys and values otherwise alike.
        Map<String, String> swapped = new LinkedHashMap<>();
        swapped.put("a", null);
        swapped.put("b", "1");
        assertFalse(InOrder.of(ab).same(InOrder.of(swapped)));
    }
}
