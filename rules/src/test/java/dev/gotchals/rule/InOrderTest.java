package dev.gotchals.rule;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Collections compared in order first are still equal or unequal as sets and maps are. */
class InOrderTest {

    @Test
    void setsAreEqualInAnyOrderAndUnequalWithOtherElements() {
        assertTrue(InOrder.sameSet(new LinkedHashSet<>(List.of("A", "B")), new LinkedHashSet<>(List.of("A", "B"))));
        assertTrue(InOrder.sameSet(new LinkedHashSet<>(List.of("A", "B")), new LinkedHashSet<>(List.of("B", "A"))));
        assertTrue(InOrder.sameSet(Set.of("A", "B"), new LinkedHashSet<>(List.of("B", "A"))));
        assertFalse(InOrder.sameSet(Set.of("A", "B"), Set.of("A", "C")));
        assertFalse(InOrder.sameSet(Set.of("A"), Set.of("A", "B")));
    }

    @Test
    void mapsAreEqualInAnyOrderAndUnequalWithOtherKeysOrValues() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", null);
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", null);
        ba.put("a", "1");
        assertTrue(InOrder.sameMap(ab, new LinkedHashMap<>(ab)));
        assertTrue(InOrder.sameMap(ab, ba));
        Map<String, String> otherValue = new LinkedHashMap<>(ab);
        otherValue.put("b", "2");
        assertFalse(InOrder.sameMap(ab, otherValue));
        // The same values in order under other keys.
        Map<String, String> otherKey = new LinkedHashMap<>();
        otherKey.put("a", "1");
        otherKey.put("c", null);
        assertFalse(InOrder.sameMap(ab, otherKey));
        assertTrue(InOrder.sameMaps(List.of(ab, Map.of()), List.of(ba, Map.of())));
        assertFalse(InOrder.sameMaps(List.of(ab, Map.of()), List.of(Map.of(), ab)));
    }
}
