package dev.gotchals.ecosystem;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Verdict counts over findings, in total and per rule, with the real problems reviews found unreported: the
 * precision and the recall they give. Hints, which {@code check} leaves out unless asked, are counted apart.
 */
final class PrecisionTally {
    /** Counts of one group of findings. */
    record Counts(int right, int wrong, int arguable, int unreviewed, int missed) {
        static final Counts NONE = new Counts(0, 0, 0, 0, 0);

        Counts plus(Verdict.Kind kind) {
            return switch (kind) {
                case RIGHT -> new Counts(right + 1, wrong, arguable, unreviewed, missed);
                case WRONG -> new Counts(right, wrong + 1, arguable, unreviewed, missed);
                case ARGUABLE -> new Counts(right, wrong, arguable + 1, unreviewed, missed);
                case UNREVIEWED -> new Counts(right, wrong, arguable, unreviewed + 1, missed);
            };
        }

        Counts plusMissed() {
            return new Counts(right, wrong, arguable, unreviewed, missed + 1);
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

        /** right / (right + wrong): the findings a review could decide. Empty with none decided. */
        OptionalDouble decidedPrecision() {
            return right + wrong == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) right / (right + wrong));
        }

        /** right / (right + missed): of the real problems known, the share reported. Empty with none known. */
        OptionalDouble recall() {
            return right + missed == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) right / (right + missed));
        }
    }

    private Counts total = Counts.NONE;
    private Counts hints = Counts.NONE;
    private final Map<String, Counts> byRule = new TreeMap<>();

    void addAll(Collection<Snapshot.Entry> entries) {
        for (Snapshot.Entry entry : entries) {
            if (entry.finding().hint()) {
                hints = hints.plus(entry.verdict().kind());
            } else {
                add(entry.finding().rule(), entry.verdict().kind());
            }
        }
    }

    void addMissed(Collection<Snapshot.Missed> missed) {
        for (Snapshot.Missed item : missed) {
            total = total.plusMissed();
            byRule.merge(item.rule(), Counts.NONE.plusMissed(), (before, one) -> before.plusMissed());
        }
    }

    void add(String rule, Verdict.Kind kind) {
        total = total.plus(kind);
        byRule.merge(rule, Counts.NONE.plus(kind), (before, one) -> before.plus(kind));
    }

    /** The findings {@code check} reports. */
    Counts total() {
        return total;
    }

    /** The hints: shown in editors, left out of {@code check} without {@code --hints}. */
    Counts hints() {
        return hints;
    }

    /** Counts per rule id, sorted by id. */
    Map<String, Counts> byRule() {
        return Collections.unmodifiableMap(new TreeMap<>(byRule));
    }
}
