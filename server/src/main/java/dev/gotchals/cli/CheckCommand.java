package dev.gotchals.cli;

import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Settings;
import dev.gotchals.rule.Severity;
import dev.gotchals.rules.Rules;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code gotcha-ls check}: analyses the Mix projects under the given folders, prints the findings in the chosen
 * format, and sets the exit code; optionally against a baseline, or fixing what is safe to fix.
 */
final class CheckCommand {
    static final String USAGE = """
            Usage: gotcha-ls check [OPTIONS] [PATH...]

            Checks every Mix project under each PATH (default: the current folder) and prints its findings, with
            paths relative to the current folder.

            Options:
              --format FORMAT          text (default): path:line:col: severity [id] message
                                       json: a stable JSON document of the findings
                                       sarif: SARIF 2.1.0, for code scanning (GitHub upload-sarif)
                                       github: GitHub Actions annotations (::error file=…,line=…::message)
              --fail-on LEVEL          error (default), warning, info, hint or never: the lowest severity
                                       that makes the exit code 1
              --hints                  report hints too, as editors show them: what no deployment the
                                       project shows trips over yet (a literal default that production
                                       runs with), and suppressions that suppress nothing
              --rule RULE[,RULE...]    run only these rules (ids or slugs; repeatable)
              --ignore RULE[,RULE...]  do not run these rules (ids or slugs; repeatable)
                                       Both win over the project's own settings.
              --baseline FILE          do not report (nor fix) the findings recorded in FILE
              --write-baseline FILE    record today's findings in FILE, report nothing, exit 0
              --fix                    apply every safe fix (repeating until none is left), then report
                                       what remains; prints what it changed on stderr
              --diff                   print what --fix would change as a unified diff; write nothing
              -h, --help               show this help

            Exit code: 1 when a reported finding is at or above the --fail-on level, 0 otherwise,
            2 for a usage error, a missing or malformed baseline, or a file that could not be written.""";

    private final PrintStream out;
    private final PrintStream err;
    private final Path workingDirectory;
    private final List<Rule> rules = Rules.all();
    /** Every rule identity a finding can carry: the rules and what the engine reports itself (GT101). */
    private final List<RuleInfo> catalog = RuleEngine.catalogOf(rules);

    CheckCommand(PrintStream out, PrintStream err, Path workingDirectory) {
        this.out = out;
        this.err = err;
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    int run(List<String> args) {
        CheckOptions options;
        Settings commandLine;
        try {
            options = CheckOptions.parse(args);
            if (options.help()) {
                out.println(USAGE);
                return 0;
            }
            commandLine = RuleSelection.overlay(catalog, options.rules(), options.ignored());
        } catch (UsageException e) {
            return usage(e.getMessage());
        }
        List<Path> folders = new ArrayList<>();
        for (Path path : options.paths()) {
            Path folder = resolve(path);
            if (!Files.isDirectory(folder)) {
                return usage("not a folder: " + path);
            }
            folders.add(folder);
        }
        Baseline baseline = null;
        if (options.baseline() != null) {
            try {
                baseline = Baseline.read(resolve(options.baseline()), options.baseline().toString());
            } catch (Baseline.Invalid e) {
                err.println("gotcha-ls check: " + e.getMessage());
                return 2;
            }
        }
        Baseline applied = baseline;
        UnaryOperator<List<ReportedFinding>> shown = found -> options.hints() ? found
                : found.stream().filter(reported -> reported.finding().severity() != Severity.HINT).toList();
        UnaryOperator<List<ReportedFinding>> notInBaseline = found -> applied == null ? found : applied.newFindings(found);

        if (options.fix() || options.diff()) {
            try {
                fix(options, folders, commandLine, found -> notInBaseline.apply(shown.apply(found)));
            } catch (IOException e) {
                err.println("gotcha-ls check: could not write " + e.getMessage() + " (" + e.getClass().getSimpleName() + ")");
                return 2;
            }
        }
        Analysis analysis = Analysis.run(rules, folders, commandLine, Map.of());
        if (analysis.projectCount() == 0) {
            err.println("gotcha-ls: no Mix project (mix.exs) under " + String.join(", ", options.paths().stream()
                    .map(p -> p.toString().isEmpty() ? "." : p.toString()).toList()));
        }
        List<ReportedFinding> found = new ArrayList<>();
        for (Finding finding : analysis.findings()) {
            found.add(ReportedFinding.of(finding, workingDirectory));
        }
        found.sort(ReportedFinding.ORDER);
        int hintsLeftOut = found.size();
        found = shown.apply(found);
        hintsLeftOut -= found.size();

        if (options.writeBaseline() != null) {
            try {
                Baseline.write(found, resolve(options.writeBaseline()));
            } catch (IOException e) {
                err.println("gotcha-ls check: could not write the baseline " + options.writeBaseline() + ": " + e.getMessage());
                return 2;
            }
            err.println("gotcha-ls: recorded " + count(found.size(), "finding") + " in " + options.writeBaseline());
            return 0;
        }
        List<ReportedFinding> reported = notInBaseline.apply(found);
        if (baseline != null) {
            err.println("gotcha-ls: " + count(found.size() - reported.size(), "finding") + " hidden by the baseline "
                    + options.baseline());
        }
        if (!options.diff()) {
            options.format().writer().write(reported, catalog, workingDirectory, out);
        }
        if (options.format() == OutputFormat.TEXT || options.diff()) {
            err.println(count(reported.size(), "finding") + " in " + count(analysis.projectCount(), "project")
                    + (hintsLeftOut == 0 ? "" : " (and " + count(hintsLeftOut, "hint") + ": --hints shows them)"));
        }
        Severity failOn = options.failOn();
        boolean failed = failOn != null && reported.stream().anyMatch(f -> f.finding().severity().atLeast(failOn));
        return failed ? 1 : 0;
    }

    /** Applies the safe fixes (--fix), or prints them as a diff (--diff), saying on stderr what it did. */
    private void fix(CheckOptions options, List<Path> folders, Settings commandLine,
                     UnaryOperator<List<ReportedFinding>> selection) throws IOException {
        boolean write = !options.diff();
        SafeFixer.Outcome outcome = new SafeFixer(rules, folders, commandLine, workingDirectory, selection, write).run();
        for (SafeFixer.Applied applied : outcome.applied()) {
            err.println((write ? "fixed " : "would fix ") + SafeFixer.describe(applied));
        }
        for (String reason : outcome.notApplied()) {
            err.println("not applied: " + reason);
        }
        if (outcome.passLimitHit()) {
            err.println("gotcha-ls: stopped after " + SafeFixer.MAX_PASSES + " passes of fixes with safe fixes left; "
                    + "run --fix again");
        }
        if (outcome.after().isEmpty()) {
            err.println("gotcha-ls: nothing to fix");
        }
        if (!write) {
            outcome.after().keySet().stream().sorted().forEach(path -> {
                for (String line : UnifiedDiff.of(DisplayPath.of(path, workingDirectory), outcome.before().get(path),
                        outcome.after().get(path))) {
                    out.println(line);
                }
            });
        }
    }

    private Path resolve(Path path) {
        return workingDirectory.resolve(path).normalize();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private int usage(String problem) {
        err.println("gotcha-ls check: " + problem);
        err.println(USAGE);
        return 2;
    }
}
