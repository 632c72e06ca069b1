package dev.gotchals.rule;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * The elements of a set, or the keys and values of a map, in the order it iterates, for a {@link ValueModel} to
 * compare its value cheaply: the next analysis usually builds the same set again in the same order from the same
 * strings (those kept with the Dockerfile instructions they were read from), and two arrays compare in order with
 * mostly identity checks, where two sets of thousands of names would hash each into the other or walk their
 * scattered entries. Equal in order implies equal as sets or maps; unequal in order says nothing (compare those).
 */
public final class InOrder {
    private final Object[] elements;

    private InOrder(Object[] elements) {
        this.elements = elements;
    }

    public static InOrder of(Set<?> set) {
        return new InOrder(set.toArray());
    }

    public static InOrder of(Map<?, ?> map) {
        Object[] elements = new Object[map.size() * 2];
        int i = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            elements[i] = entry.getKey();
            elements[map.size() + i++] = entry.getValue();
        }
        return new InOrder(elements);
    }

    /** Whether both hold equal elements in the same order (so equal sets or maps). */
    public boolean same(InOrder other) {
        return Arrays.equals(elements, other.elements);
    }
}
