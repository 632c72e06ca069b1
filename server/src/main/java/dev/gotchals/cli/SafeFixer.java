package dev.gotchals.cli;

import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.Settings;
import dev.gotchals.workspace.Workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * {@code check --fix} and {@code --diff}: applies the first safe fix of every finding, in passes. Each pass
 * analyses, takes the fixes whose edits do not overlap an edit already taken in that pass (the others wait for
 * the next pass, against the new text), and applies them; then it analyses again, until no safe fix is left or
 * {@link #MAX_PASSES} passes have run. A fix is applied whole or not at all; one that would create a file that
 * exists, or change a file outside the checked folders, is not applied.
 *
 * <p>With {@code write} each pass writes its files ({@link FileWrites}); without, the changed texts stand in for
 * the files in the next pass (files it would create included) and nothing is written.
 */
final class SafeFixer {
    static final int MAX_PASSES = 10;

    /** A fix that was applied: the files it changed, as shown, and its title. */
    record Applied(List<String> files, String title) {
    }

    /**
     * @param before       each changed file's text before the first pass; null for a created file
     * @param after        each changed file's text after the last pass
     * @param notApplied   why safe fixes were left out (a file to create exists, a path outside the folders)
     * @param passLimitHit safe fixes were still left after {@link #MAX_PASSES} passes
     */
    record Outcome(List<Applied> applied, Map<Path, String> before, Map<Path, String> after, List<String> notApplied,
                   boolean passLimitHit) {
    }

    private final List<Rule> rules;
    private final List<Path> folders;
    private final Settings settings;
    private final Path workingDirectory;
    private final UnaryOperator<List<ReportedFinding>> selection;
    private final boolean write;

    /** @param selection keeps the findings to fix (the baseline leaves out those it covers) */
    SafeFixer(List<Rule> rules, List<Path> folders, Settings settings, Path workingDirectory,
              UnaryOperator<List<ReportedFinding>> selection, boolean write) {
        this.rules = rules;
        this.folders = folders;
        this.settings = settings;
        this.workingDirectory = workingDirectory;
        this.selection = selection;
        this.write = write;
    }

    Outcome run() throws IOException {
        Map<Path, String> before = new LinkedHashMap<>();
        Map<Path, String> after = new LinkedHashMap<>();
        List<Applied> applied = new ArrayList<>();
        Set<String> notApplied = new LinkedHashSet<>();
        for (int pass = 1; ; pass++) {
            Analysis analysis = Analysis.run(rules, folders, settings, write ? Map.of() : after);
            Plan plan = plan(analysis, after.keySet(), notApplied);
            if (plan.fixes.isEmpty()) {
                return new Outcome(applied, before, after, List.copyOf(notApplied), false);
            }
            if (pass > MAX_PASSES) {
                return new Outcome(applied, before, after, List.copyOf(notApplied), true);
            }
            boolean changed = false;
            for (Map.Entry<Path, List<Fix.Edit>> file : plan.edits.entrySet()) {
                String old = file.getValue().get(0).file().text().text();
                String edited = apply(old, file.getValue());
                if (!edited.equals(old)) {
                    if (write) {
                        FileWrites.replace(file.getKey(), edited);
                    }
                    before.putIfAbsent(file.getKey(), old);
                    after.put(file.getKey(), edited);
                    changed = true;
                }
            }
            for (Map.Entry<Path, String> file : plan.creates.entrySet()) {
                if (write) {
                    FileWrites.create(file.getKey(), file.getValue());
                }
                before.putIfAbsent(file.getKey(), null);
                after.put(file.getKey(), file.getValue());
                changed = true;
            }
            for (Fix fix : plan.fixes) {
                applied.add(new Applied(fix.changes().stream().map(c -> shown(c.path())).distinct().toList(), fix.title()));
            }
            if (!changed) {
                return new Outcome(applied, before, after, List.copyOf(notApplied), false); // the fixes change nothing
            }
        }
    }

    /** The fixes one pass applies, and their changes by file. */
    private static final class Plan {
        final List<Fix> fixes = new ArrayList<>();
        final Map<Path, List<Fix.Edit>> edits = new LinkedHashMap<>();
        final Map<Path, String> creates = new LinkedHashMap<>();
    }

    private Plan plan(Analysis analysis, Set<Path> createdOrChanged, Set<String> notApplied) {
        List<ReportedFinding> reported = new ArrayList<>();
        for (Finding finding : analysis.findings()) {
            reported.add(ReportedFinding.of(finding, workingDirectory));
        }
        reported.sort(ReportedFinding.ORDER);
        Workspace workspace = analysis.workspace();
        Plan plan = new Plan();
        for (ReportedFinding finding : selection.apply(reported)) {
            Fix fix = finding.finding().fixes().stream().filter(Fix::safe).findFirst().orElse(null);
            if (fix == null || fix.changes().isEmpty()) {
                continue;
            }
            String refusal = refusal(fix, workspace, createdOrChanged);
            if ("".equals(refusal)) {
                continue;
            } else if (refusal != null) {
                notApplied.add(fix.title() + " (" + finding.file() + ":" + finding.line() + "): " + refusal);
            } else if (fits(fix, plan)) {
                plan.fixes.add(fix);
                for (Fix.Change change : fix.changes()) {
                    if (change instanceof Fix.Edit edit) {
                        plan.edits.computeIfAbsent(edit.path(), p -> new ArrayList<>()).add(edit);
                    } else if (change instanceof Fix.CreateFile create) {
                        plan.creates.put(create.path(), create.content());
                    }
                }
            }
        }
        return plan;
    }

    /**
     * Why the fix must not be applied at all, or null; "" (said nowhere) when a dry run's earlier pass creates the
     * file, which the real run's analysis would have seen.
     */
    private String refusal(Fix fix, Workspace workspace, Set<Path> createdOrChanged) {
        for (Fix.Change change : fix.changes()) {
            if (!workspace.isInside(change.path())) {
                return shown(change.path()) + " is outside the checked folders";
            }
            if (change instanceof Fix.CreateFile create) {
                if (Files.exists(create.path(), LinkOption.NOFOLLOW_LINKS)) {
                    return "it would create " + shown(create.path()) + ", which exists";
                }
                if (createdOrChanged.contains(create.path())) {
                    return "";
                }
            }
        }
        return null;
    }

    /** Whether the fix's changes leave alone what the pass already changes (else it waits for the next pass). */
    private static boolean fits(Fix fix, Plan plan) {
        for (Fix.Change change : fix.changes()) {
            if (change instanceof Fix.Edit edit) {
                if (plan.creates.containsKey(edit.path())) {
                    return false;
                }
                for (Fix.Edit taken : plan.edits.getOrDefault(edit.path(), List.of())) {
                    boolean overlap = edit.start() < taken.end() && taken.start() < edit.end();
                    if (overlap || edit.start() == taken.start() || !taken.file().text().text().equals(edit.file().text().text())) {
                        return false;
                    }
                }
            } else if (change instanceof Fix.CreateFile create && (plan.creates.containsKey(create.path())
                    || plan.edits.containsKey(create.path()))) {
                return false;
            }
        }
        return true;
    }

    private static String apply(String text, List<Fix.Edit> edits) {
        List<Fix.Edit> lastFirst = new ArrayList<>(edits);
        lastFirst.sort(Comparator.comparingInt(Fix.Edit::start).reversed());
        StringBuilder result = new StringBuilder(text);
        for (Fix.Edit edit : lastFirst) {
            result.replace(edit.start(), edit.end(), edit.newText());
        }
        return result.toString();
    }

    private String shown(Path path) {
        return DisplayPath.of(path, workingDirectory);
    }

    static String describe(Applied applied) {
        return applied.files().stream().collect(Collectors.joining(", ")) + ": " + applied.title();
    }
}
