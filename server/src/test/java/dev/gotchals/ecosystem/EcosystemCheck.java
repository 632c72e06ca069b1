package dev.gotchals.ecosystem;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The ecosystem check: runs {@code gotcha-ls check} over real repositories pinned in {@code ecosystem/repos.tsv},
 * compares each one's findings with its reviewed snapshot in {@code ecosystem/expected/}, and prints what appeared,
 * what disappeared and the precision of the reviewed findings. Exit code 0 when nothing changed, 1 when findings
 * appeared or disappeared (or a check or a fix failed), 2 for a usage or setup error.
 */
public final class EcosystemCheck {
    private static final int CHANGED = 1;
    private static final int SETUP_ERROR = 2;

    private final Path checkout;
    private final Options options;
    private final GotchaCli cli;
    private final PrintStream out;
    private final PrecisionTally tally = new PrecisionTally();
    private int appeared;
    private int disappeared;
    private int failures;
    private int fixesApplied;
    private int leftOut;
    private final List<String> fixViolations = new ArrayList<>();

    private EcosystemCheck(Path checkout, Options options, GotchaCli cli, PrintStream out) {
        this.checkout = checkout;
        this.options = options;
        this.cli = cli;
        this.out = out;
    }

    /** Entry point of {@code bin/ecosystem}, which sets {@code gotcha.ecosystem.home} and {@code gotcha.ecosystem.jar}. */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path checkout = Path.of(System.getProperty("gotcha.ecosystem.home", ".")).toAbsolutePath().normalize();
        Path jar = Path.of(System.getProperty("gotcha.ecosystem.jar",
                checkout.resolve("server/target/gotcha-ls.jar").toString()));
        Options options;
        try {
            options = Options.parse(args, System.getenv(), checkout);
        } catch (IllegalArgumentException e) {
            System.err.println("ecosystem: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(SETUP_ERROR);
            return;
        }
        GotchaCli cli = new GotchaCli(Path.of(System.getProperty("java.home"), "bin", "java"), jar);
        System.exit(new EcosystemCheck(checkout, options, cli, System.out).run());
    }

    private int run() throws IOException, InterruptedException {
        List<Repo> repos = selectedRepos();
        if (repos == null) {
            return SETUP_ERROR;
        }
        if (options.skipMissing()) {
            repos = withMirrors(repos);
        }
        Map<Repo, Snapshot> snapshots = snapshots(repos);
        if (snapshots == null || !mirrorsReady(repos)) {
            return SETUP_ERROR;
        }
        for (Repo repo : repos) {
            check(repo, snapshots.get(repo));
        }
        printSummary(repos.size());
        boolean unexplained = !options.write() && (appeared > 0 || disappeared > 0);
        return unexplained || failures > 0 || !fixViolations.isEmpty() ? CHANGED : 0;
    }

    private List<Repo> selectedRepos() throws IOException {
        Path list = checkout.resolve("ecosystem/repos.tsv");
        if (!Files.isRegularFile(list)) {
            System.err.println("ecosystem: no repository list at " + list);
            return null;
        }
        List<Repo> repos = Repo.read(list);
        if (options.only().isEmpty()) {
            return repos;
        }
        List<Repo> only = repos.stream().filter(repo -> repo.name().equals(options.only().get())).toList();
        if (only.isEmpty()) {
            System.err.println("ecosystem: " + options.only().get() + " is not in " + list);
            return null;
        }
        return only;
    }

    private Path snapshotFile(Repo repo) {
        return checkout.resolve("ecosystem/expected").resolve(repo.folderName() + ".txt");
    }

    /** Every selected repository's snapshot (empty when it has none yet), or null after reporting a malformed one. */
    private Map<Repo, Snapshot> snapshots(List<Repo> repos) throws IOException {
        Map<Repo, Snapshot> snapshots = new LinkedHashMap<>();
        boolean malformed = false;
        for (Repo repo : repos) {
            Path file = snapshotFile(repo);
            try {
                snapshots.put(repo, Files.isRegularFile(file) ? Snapshot.parse(Files.readAllLines(file)) : Snapshot.EMPTY);
            } catch (IllegalArgumentException e) {
                System.err.println("ecosystem: " + checkout.relativize(file) + ": " + e.getMessage());
                malformed = true;
            }
        }
        return malformed ? null : snapshots;
    }

    /**
     * The repositories whose mirror is there, after saying on stderr which are left out: every figure the run prints
     * is then over the others only.
     */
    private List<Repo> withMirrors(List<Repo> repos) throws IOException, InterruptedException {
        List<Repo> ready = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (Repo repo : repos) {
            if (MirrorCheckout.problem(options.mirrors(), repo) == null) {
                ready.add(repo);
            } else {
                left.add(repo.name());
            }
        }
        leftOut = left.size();
        if (!left.isEmpty()) {
            System.err.println("ecosystem: " + left.size() + " of " + repos.size() + " repositories left out, without "
                    + "a mirror in " + options.mirrors() + ": " + String.join(", ", left));
        }
        return ready;
    }

    private boolean mirrorsReady(List<Repo> repos) throws IOException, InterruptedException {
        boolean ready = true;
        for (Repo repo : repos) {
            String problem = MirrorCheckout.problem(options.mirrors(), repo);
            if (problem != null) {
                System.err.println("ecosystem: " + problem + ". Make it with: git clone --mirror https://github.com/"
                        + repo.name() + ".git " + options.mirrors().resolve(repo.folderName()).resolve("repo")
                        + " (or fetch into it), or point --mirrors / GOTCHA_MIRRORS at the folder that holds it.");
                ready = false;
            }
        }
        return ready;
    }

    private void check(Repo repo, Snapshot snapshot) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("gotcha-ecosystem-");
        try {
            Path tree = Files.createDirectories(work.resolve("repo"));
            List<String> missing = MirrorCheckout.checkout(options.mirrors(), repo, tree);
            GotchaCli.Run run = cli.check(tree, false);
            Comparison comparison = Comparison.of(snapshot, run.findings());
            report(repo, run.findings(), missing.size(), comparison);
            tally.addAll(comparison.current());
            tally.addMissed(snapshot.missed());
            if (options.write()) {
                Files.createDirectories(snapshotFile(repo).getParent());
                Files.write(snapshotFile(repo), comparison.updated(snapshot).render());
            }
            if (options.fixes()) {
                checkFixes(run.findings(), tree, work.resolve("fixed"));
            }
        } catch (IOException e) {
            failures++;
            out.println("! " + repo.name() + ": " + e.getMessage());
        } finally {
            deleteTree(work);
        }
    }

    private void report(Repo repo, List<Finding> found, int missingBlobs, Comparison comparison) {
        long hints = found.stream().filter(Finding::hint).count();
        long findings = found.size() - hints;
        out.printf("== %s @ %s: %d finding%s%s, %d appeared, %d disappeared%s%n", repo.name(), repo.shortCommit(),
                findings, findings == 1 ? "" : "s", hints == 0 ? "" : " and " + hints + (hints == 1 ? " hint" : " hints"),
                comparison.appeared().size(), comparison.disappeared().size(),
                missingBlobs == 0 ? "" : " (" + missingBlobs + (missingBlobs == 1 ? " file" : " files") + " absent from the mirror)");
        comparison.appeared().forEach(finding -> out.println("+ " + finding.describe()));
        comparison.disappeared().forEach(entry -> out.println("- " + entry.line()));
        appeared += comparison.appeared().size();
        disappeared += comparison.disappeared().size();
    }

    private void checkFixes(List<Finding> before, Path tree, Path copy) throws IOException, InterruptedException {
        FixCheck.Report report = new FixCheck(cli).run(tree, before, copy);
        fixesApplied += report.applied();
        out.printf("   fixes: %d applied, %d file%s changed%s%n", report.applied(), report.changedFiles().size(),
                report.changedFiles().size() == 1 ? "" : "s",
                report.changedFiles().isEmpty() ? "" : " (" + String.join(", ", report.changedFiles()) + ")");
        report.violations().forEach(violation -> out.println("!  " + violation));
        fixViolations.addAll(report.violations());
    }

    private void printSummary(int repositories) {
        PrecisionTally.Counts total = tally.total();
        out.println();
        out.printf("%d repositor%s, %d findings: %d appeared, %d disappeared%s%s%s%n", repositories,
                repositories == 1 ? "y" : "ies", total.findings(), appeared, disappeared,
                options.write() ? " (snapshots rewritten)" : "", failures == 0 ? "" : "; " + failures + " failed",
                leftOut == 0 ? "" : "; " + leftOut + " left out without a mirror");
        out.printf("reviewed %d: right %d, wrong %d, arguable %d; precision %s (%s over the decided: right and wrong); "
                + "unreviewed %d%n", total.reviewed(), total.right(), total.wrong(), total.arguable(),
                ratio(total.precision()), ratio(total.decidedPrecision()), total.unreviewed());
        out.printf("missed %d real problems the reviews found; recall %s%n", total.missed(), ratio(total.recall()));
        PrecisionTally.Counts hints = tally.hints();
        out.printf("hints (editors show them, check only with --hints; not counted above): %d, reviewed %d: right %d, "
                + "wrong %d, arguable %d; precision %s; unreviewed %d%n", hints.findings(), hints.reviewed(),
                hints.right(), hints.wrong(), hints.arguable(), ratio(hints.precision()), hints.unreviewed());
        out.printf("%-7s %8s %8s %6s %6s %9s %10s %9s %7s %6s%n", "rule", "findings", "reviewed", "right", "wrong",
                "arguable", "unreviewed", "precision", "missed", "recall");
        tally.byRule().forEach((rule, counts) -> out.printf("%-7s %8d %8d %6d %6d %9d %10d %9s %7d %6s%n", rule,
                counts.findings(), counts.reviewed(), counts.right(), counts.wrong(), counts.arguable(),
                counts.unreviewed(), ratio(counts.precision()), counts.missed(), ratio(counts.recall())));
        if (options.fixes()) {
            out.printf("fixes: %d applied, %d violation%s%n", fixesApplied, fixViolations.size(),
                    fixViolations.size() == 1 ? "" : "s");
        }
    }

    private static String ratio(OptionalDouble ratio) {
        return ratio.isPresent() ? String.format(Locale.ROOT, "%.3f", ratio.getAsDouble()) : "-";
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
