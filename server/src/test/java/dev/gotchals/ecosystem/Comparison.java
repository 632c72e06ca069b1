package dev.gotchals.ecosystem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Today's findings of a repository against its snapshot. Findings pair with snapshot entries by
 * {@link Finding#matchKey()}; several with the same key pair in position order, and the extra ones on either side
 * have appeared or disappeared.
 *
 * @param kept        today's findings that the snapshot holds, each with the verdict recorded for it
 * @param appeared    today's findings that the snapshot does not hold
 * @param disappeared snapshot entries that are no longer reported
 */
record Comparison(List<Snapshot.Entry> kept, List<Finding> appeared, List<Snapshot.Entry> disappeared) {
    private static final Comparator<Finding> POSITION = Comparator.comparingInt(Finding::line)
            .thenComparingInt(Finding::column);

    static Comparison of(Snapshot snapshot, List<Finding> findings) {
        Map<String, List<Snapshot.Entry>> recorded = new LinkedHashMap<>();
        for (Snapshot.Entry entry : snapshot.entries()) {
            recorded.computeIfAbsent(entry.finding().matchKey(), key -> new ArrayList<>()).add(entry);
        }
        Map<String, List<Finding>> current = new LinkedHashMap<>();
        for (Finding finding : findings) {
            current.computeIfAbsent(finding.matchKey(), key -> new ArrayList<>()).add(finding);
        }
        List<Snapshot.Entry> kept = new ArrayList<>();
        List<Finding> appeared = new ArrayList<>();
        List<Snapshot.Entry> disappeared = new ArrayList<>();
        current.forEach((key, found) -> {
            List<Snapshot.Entry> before = recorded.getOrDefault(key, List.of()).stream()
                    .sorted(Comparator.comparing(Snapshot.Entry::finding, POSITION))
                    .toList();
            found.sort(POSITION);
            for (int index = 0; index < found.size(); index++) {
                if (index < before.size()) {
                    kept.add(new Snapshot.Entry(found.get(index), before.get(index).verdict()));
                } else {
                    appeared.add(found.get(index));
                }
            }
            if (before.size() > found.size()) {
                disappeared.addAll(before.subList(found.size(), before.size()));
            }
        });
        recorded.forEach((key, before) -> {
            if (!current.containsKey(key)) {
                disappeared.addAll(before);
            }
        });
        appeared.sort(Finding.REPORT_ORDER);
        disappeared.sort(Comparator.comparing(Snapshot.Entry::finding, Finding.REPORT_ORDER));
        return new Comparison(List.copyOf(kept), List.copyOf(appeared), List.copyOf(disappeared));
    }

    boolean changed() {
        return !appeared.isEmpty() || !disappeared.isEmpty();
    }

    /** Every finding reported today with its verdict: the recorded one, or unreviewed for those that appeared. */
    List<Snapshot.Entry> current() {
        List<Snapshot.Entry> entries = new ArrayList<>(kept);
        appeared.forEach(finding -> entries.add(new Snapshot.Entry(finding, Verdict.UNREVIEWED)));
        return entries;
    }

    /** The snapshot that records today's findings, keeping the comments and the verdicts that still match. */
    Snapshot updated(Snapshot previous) {
        return new Snapshot(previous.comments(), previous.missed(), current());
    }
}
