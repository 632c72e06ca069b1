package dev.gotchals.ecosystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Applies every safe fix to a copy of a checked-out repository and judges the result: each Elixir file a fix
 * changed or created must still parse, and no rule may report a file after the fixes that it did not report
 * before (a fix must not create a new problem).
 */
final class FixCheck {
    /** What the fixes did: how many were applied, the files they changed, and every violation found. */
    record Report(int applied, List<String> changedFiles, List<String> violations) {
    }

    private final GotchaCli cli;

    FixCheck(GotchaCli cli) {
        this.cli = cli;
    }

    /** Copies {@code original} to {@code copy}, fixes the copy and compares it with the findings from before. */
    Report run(Path original, List<Finding> before, Path copy) throws IOException, InterruptedException {
        copyTree(original, copy);
        GotchaCli.Run after = cli.check(copy, true);
        int applied = (int) after.messages().stream().filter(line -> line.startsWith("fixed ")).count();
        List<String> changed = changedFiles(original, copy);
        List<String> violations = new ArrayList<>(parseViolations(original, copy, changed));
        violations.addAll(newFindings(before, after.findings()));
        return new Report(applied, changed, violations);
    }

    private static List<String> parseViolations(Path original, Path copy, List<String> changed)
            throws IOException, InterruptedException {
        List<String> elixirFiles = changed.stream().filter(FixCheck::isElixir).toList();
        List<Path> toParse = new ArrayList<>();
        for (String file : elixirFiles) {
            toParse.add(copy.resolve(file));
            if (Files.isRegularFile(original.resolve(file))) {
                toParse.add(original.resolve(file));
            }
        }
        Map<Path, String> errors = ElixirParse.errors(toParse);
        List<String> violations = new ArrayList<>();
        for (String file : elixirFiles) {
            String error = errors.get(copy.resolve(file).toAbsolutePath());
            boolean parsedBefore = !errors.containsKey(original.resolve(file).toAbsolutePath());
            if (error != null && parsedBefore) {
                violations.add(file + ": does not parse after the fixes: " + error.replace(copy + "/", ""));
            }
        }
        return violations;
    }

    /** Findings after the fixes of a rule that did not report their file before. */
    static List<String> newFindings(List<Finding> before, List<Finding> after) {
        Set<String> reportedBefore = new HashSet<>();
        before.forEach(finding -> reportedBefore.add(finding.rule() + " " + finding.file()));
        return after.stream()
                .filter(finding -> !reportedBefore.contains(finding.rule() + " " + finding.file()))
                .map(finding -> "new after the fixes: " + finding.describe())
                .toList();
    }

    private static boolean isElixir(String file) {
        return file.endsWith(".ex") || file.endsWith(".exs");
    }

    /** Regular files of {@code copy} that differ from, or are absent in, {@code original}; sorted. */
    private static List<String> changedFiles(Path original, Path copy) throws IOException {
        List<String> changed = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(copy)) {
            for (Path path : paths.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)).toList()) {
                String relative = copy.relativize(path).toString();
                Path before = original.resolve(relative);
                if (!Files.isRegularFile(before, LinkOption.NOFOLLOW_LINKS) || differ(before, path)) {
                    changed.add(relative);
                }
            }
        }
        changed.sort(null);
        return changed;
    }

    /** The copy keeps modification times, and the fixer writes only files whose content changes. */
    private static boolean differ(Path before, Path after) throws IOException {
        if (Files.size(before) == Files.size(after)
                && Files.getLastModifiedTime(before).equals(Files.getLastModifiedTime(after))) {
            return false;
        }
        return !Arrays.equals(Files.readAllBytes(before), Files.readAllBytes(after));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
