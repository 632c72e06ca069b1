package dev.gotchals.rule;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Equality of the sets and maps a {@link ValueModel} holds, which the next analysis usually builds again in the same
 * order from the same strings (those kept with the Dockerfile instructions they were read from): compared element by
 * element in order first, where each comparison is mostly an identity check, and as sets or maps only when the order
 * differs. A value of thousands of names then compares without hashing each into the other.
 */
public final class InOrder {
    private InOrder() {
    }

    /** Whether two sets hold the same elements; cheap when they iterate alike. */
    public static boolean sameSet(Set<?> a, Set<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        return inLockstep(a, b) || a.equals(b);
    }

    /** Whether two maps hold the same entries; cheap when they iterate alike. */
    public static boolean sameMap(Map<?, ?> a, Map<?, ?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        // Keys, then values, in lockstep: a map's key set and values iterate in the order of its entries, and an
        // unmodifiable map's entries would be wrapped one by one.
        return inLockstep(a.keySet(), b.keySet()) && inLockstep(a.values(), b.values()) || a.equals(b);
    }

    private static boolean inLockstep(Collection<?> a, Collection<?> b) {
        Iterator<?> other = b.iterator();
        for (Object element : a) {
            if (!Objects.equals(element, other.next())) {
                return false;
            }
        }
        return true;
    }

    /** Whether two lists of maps hold equal maps at each place (see {@link #sameMap}). */
    public static boolean sameMaps(List<? extends Map<?, ?>> a, List<? extends Map<?, ?>> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!sameMap(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
