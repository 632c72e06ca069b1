package dev.gotchals.ecosystem;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** Verdict counts over findings, in total and per rule, and the precision they give. */
final class PrecisionTally {
    /** Counts of one group of findings. */
    record Counts(int right, int wrong, int arguable, int unreviewed) {
        static final Counts NONE = new Counts(0, 0, 0, 0);

        Counts plus(Verdict.Kind kind) {
            return switch (kind) {
                case RIGHT -> new Counts(right + 1, wrong, arguable, unreviewed);
                case WRONG -> new Counts(right, wrong + 1, arguable, unreviewed);
                case ARGUABLE -> new Counts(right, wrong, arguable + 1, unreviewed);
                case UNREVIEWED -> new Counts(right, wrong, arguable, unreviewed + 1);
            };
        }

        int reviewed() {
            return right + wrong + arguable;
        }

        int findings() {
            return reviewed() + unreviewed;
        }

        /** right / (right + wrong + arguable): an arguable finding is not counted as right. Empty with none reviewed. */
        OptionalDouble precision() {
            return reviewed() == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) right / reviewed());
        }
    }

    private Counts total = Counts.NONE;
    private final Map<String, Counts> byRule = new TreeMap<>();

    void addAll(Collection<Snapshot.Entry> entries) {
        entries.forEach(entry -> add(entry.finding().rule(), entry.verdict().kind()));
    }

    void add(String rule, Verdict.Kind kind) {
        total = total.plus(kind);
        byRule.merge(rule, Counts.NONE.plus(kind), (before, one) -> before.plus(kind));
    }

    Counts total() {
        return total;
    }

    /** Counts per rule id, sorted by id. */
    Map<String, Counts> byRule() {
        return Collections.unmodifiableMap(new TreeMap<>(byRule));
    }
}
