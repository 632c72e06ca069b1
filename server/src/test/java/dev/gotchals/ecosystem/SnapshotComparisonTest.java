package dev.gotchals.ecosystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotComparisonTest {
    private static final String HEALTH = "GT006 lib/web/router.ex:49:5 GET /health is answered by Web.Health.show/2"
            + " (lib/web/health.ex:8) without touching the database";

    private static Finding finding(String rule, String file, int line, String message) {
        return new Finding(rule, file, line, 3, message);
    }

    @Test
    void parsesFindingsVerdictsAndComments() {
        Snapshot snapshot = Snapshot.parse(List.of(
                "# reviewed against Phoenix 1.7",
                "",
                HEALTH + " | wrong: the probe is a liveness check | nothing more",
                "GT003 config/config.exs:109:15 host stays \"localhost\" | right"));

        assertEquals(List.of("# reviewed against Phoenix 1.7"), snapshot.comments());
        Snapshot.Entry health = snapshot.entries().get(0);
        assertEquals(new Finding("GT006", "lib/web/router.ex", 49, 5,
                "GET /health is answered by Web.Health.show/2 (lib/web/health.ex:8) without touching the database"),
                health.finding());
        assertEquals(new Verdict(Verdict.Kind.WRONG, "the probe is a liveness check | nothing more"), health.verdict());
        assertEquals(Verdict.Kind.RIGHT, snapshot.entries().get(1).verdict().kind());
    }

    @Test
    void aHintIsMarkedInItsLineCountedApartAndChangesWhenItStopsBeingOne() {
        String line = "GT001 hint config/prod.exs:4:30 System.get_env(\"POOL_SIZE\") || \"10\" is read at build | "
                + "arguable: a latent trap";
        Snapshot snapshot = Snapshot.parse(List.of(line));
        Finding hint = snapshot.entries().get(0).finding();
        assertTrue(hint.hint());
        assertEquals("config/prod.exs", hint.file());
        assertEquals(List.of(line), snapshot.render(), "a hint's line reads back as it was written");

        Finding reported = new Finding("GT001", "config/prod.exs", 4, 30, hint.message());
        Comparison comparison = Comparison.of(snapshot, List.of(reported));
        assertEquals(List.of(reported), comparison.appeared(), "a hint that becomes a finding check reports is new");
        assertEquals(1, comparison.disappeared().size());

        PrecisionTally tally = new PrecisionTally();
        tally.addAll(Comparison.of(snapshot, List.of(hint)).current());
        assertEquals(PrecisionTally.Counts.NONE, tally.total());
        assertEquals(new PrecisionTally.Counts(0, 0, 1, 0, 0), tally.hints());
    }

    @Test
    void aRightVerdictMayCarryItsReasonAndKeepsIt() {
        Verdict right = Verdict.parse("right: nothing sets the key again for prod");
        assertEquals(new Verdict(Verdict.Kind.RIGHT, "nothing sets the key again for prod"), right);
        assertEquals("right: nothing sets the key again for prod", right.text());
        assertEquals("right", Verdict.parse("right").text());
        assertThrows(IllegalArgumentException.class, () -> Verdict.parse("unreviewed: later"));
    }

    @Test
    void rendersCommentsThenFindingsInReportOrderAndParsesBack() {
        Snapshot snapshot = Snapshot.parse(List.of(
                HEALTH + " | arguable: behind a proxy",
                "# note",
                "GT003 config/config.exs:109:15 host | unreviewed"));

        List<String> rendered = snapshot.render();

        assertEquals(List.of("# note", "GT003 config/config.exs:109:15 host | unreviewed",
                HEALTH + " | arguable: behind a proxy"), rendered);
        assertEquals(rendered, Snapshot.parse(rendered).render());
    }

    @Test
    void rejectsMalformedLinesNamingThem() {
        assertThrows(IllegalArgumentException.class, () -> Snapshot.parse(List.of("GT003 config/config.exs:1:1 host")));
        var noReason = assertThrows(IllegalArgumentException.class,
                () -> Snapshot.parse(List.of("# c", "GT003 config/config.exs:1:1 host | wrong")));
        assertTrue(noReason.getMessage().startsWith("line 2: "), noReason.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Snapshot.parse(List.of("GT003 config.exs:1 host | right")));
        assertThrows(IllegalArgumentException.class, () -> Snapshot.parse(List.of("GT003 a.exs:1:1 host | maybe")));
    }

    @Test
    void matchKeyIgnoresLineNumbersButNotFilesOrRules() {
        Finding moved = finding("GT006", "lib/web/router.ex", 60,
                "GET /health is answered by Web.Health.show/2 (lib/web/health.ex:12) without touching the database");
        Finding original = Snapshot.parse(List.of(HEALTH + " | right")).entries().get(0).finding();

        assertEquals(original.matchKey(), moved.matchKey());
        assertEquals(finding("GT001", "a.exs", 1, "read on line 4").matchKey(),
                finding("GT001", "a.exs", 9, "read on line 7").matchKey());
        assertTrue(!original.matchKey().equals(finding("GT005", "lib/web/router.ex", 49, moved.message()).matchKey()));
    }

    @Test
    void keepsVerdictsOfMovedFindingsAndListsWhatAppearedAndDisappeared() {
        Snapshot snapshot = Snapshot.parse(List.of(
                "GT001 config/prod.exs:3:3 reads PORT at build time | right",
                "GT005 config/config.exs:10:3 a literal secret | wrong: placeholder"));
        List<Finding> today = List.of(
                finding("GT001", "config/prod.exs", 7, "reads PORT at build time"),
                finding("GT003", "config/config.exs", 2, "host stays localhost"));

        Comparison comparison = Comparison.of(snapshot, today);

        assertEquals(List.of(new Snapshot.Entry(today.get(0), new Verdict(Verdict.Kind.RIGHT, ""))), comparison.kept());
        assertEquals(List.of(today.get(1)), comparison.appeared());
        assertEquals(List.of(snapshot.entries().get(1)), comparison.disappeared());
        assertTrue(comparison.changed());
        assertEquals(List.of("GT003 config/config.exs:2:3 host stays localhost | unreviewed",
                "GT001 config/prod.exs:7:3 reads PORT at build time | right"), comparison.updated(snapshot).render());
    }

    @Test
    void pairsFindingsWithTheSameKeyInPositionOrder() {
        Snapshot snapshot = Snapshot.parse(List.of(
                "GT005 config/config.exs:4:3 a literal secret | right",
                "GT005 config/config.exs:9:3 a literal secret | wrong: test value"));

        Comparison oneLeft = Comparison.of(snapshot, List.of(finding("GT005", "config/config.exs", 5, "a literal secret")));
        Comparison same = Comparison.of(snapshot, List.of(finding("GT005", "config/config.exs", 10, "a literal secret"),
                finding("GT005", "config/config.exs", 5, "a literal secret")));

        assertEquals(Verdict.Kind.RIGHT, oneLeft.kept().get(0).verdict().kind());
        assertEquals(List.of(snapshot.entries().get(1)), oneLeft.disappeared());
        assertTrue(!same.changed());
        assertEquals(List.of(5, 10), same.kept().stream().map(entry -> entry.finding().line()).toList());
        assertEquals(List.of(Verdict.Kind.RIGHT, Verdict.Kind.WRONG),
                same.kept().stream().map(entry -> entry.verdict().kind()).toList());
    }

    @Test
    void precisionCountsArguableAgainstAndLeavesUnreviewedOut() {
        PrecisionTally tally = new PrecisionTally();
        List.of(Verdict.Kind.RIGHT, Verdict.Kind.RIGHT, Verdict.Kind.RIGHT, Verdict.Kind.WRONG)
                .forEach(kind -> tally.add("GT001", kind));
        tally.add("GT005", Verdict.Kind.ARGUABLE);
        tally.add("GT005", Verdict.Kind.UNREVIEWED);
        tally.add("GT006", Verdict.Kind.UNREVIEWED);

        assertEquals(new PrecisionTally.Counts(3, 1, 1, 2, 0), tally.total());
        assertEquals(0.6, tally.total().precision().getAsDouble(), 1e-9);
        assertEquals(0.75, tally.total().decidedPrecision().getAsDouble(), 1e-9);
        Map<String, PrecisionTally.Counts> byRule = tally.byRule();
        assertEquals(List.of("GT001", "GT005", "GT006"), List.copyOf(byRule.keySet()));
        assertEquals(0.75, byRule.get("GT001").precision().getAsDouble(), 1e-9);
        assertEquals(0.0, byRule.get("GT005").precision().getAsDouble(), 1e-9);
        assertTrue(byRule.get("GT006").precision().isEmpty());
    }

    @Test
    void missedProblemsAreKeptThroughARewriteAndGiveTheRecall() {
        Snapshot snapshot = Snapshot.parse(List.of(
                "# reviewed by hand",
                "missed GT005 config/config.exs:67 the literal survives when runtime.exs drops nil values",
                "GT005 config/runtime.exs:28:22 falls back to a literal | right"));
        assertEquals(List.of(new Snapshot.Missed("GT005", "config/config.exs:67",
                "the literal survives when runtime.exs drops nil values")), snapshot.missed());
        Comparison comparison = Comparison.of(snapshot, List.of(finding("GT005", "config/runtime.exs", 28, "falls back to a literal")));
        assertEquals(List.of("# reviewed by hand",
                "missed GT005 config/config.exs:67 the literal survives when runtime.exs drops nil values",
                "GT005 config/runtime.exs:28:3 falls back to a literal | right"), comparison.updated(snapshot).render());

        PrecisionTally tally = new PrecisionTally();
        tally.addAll(comparison.current());
        tally.addMissed(snapshot.missed());
        assertEquals(0.5, tally.total().recall().getAsDouble(), 1e-9);
        assertEquals(0.5, tally.byRule().get("GT005").recall().getAsDouble(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Snapshot.parse(List.of("missed GT005 no-location")));
    }

    @Test
    void fixesMayNotBringARuleToAFileItDidNotReport() {
        List<Finding> before = List.of(finding("GT001", "config/prod.exs", 3, "reads PORT"));
        List<Finding> after = List.of(finding("GT001", "config/prod.exs", 9, "reads HOST"),
                finding("GT007", "config/runtime.exs", 1, "server: true missing"));

        assertEquals(List.of("new after the fixes: GT007 config/runtime.exs:1:3 server: true missing"),
                FixCheck.newFindings(before, after));
    }
}
