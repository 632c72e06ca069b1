package dev.gotchals.rules;

import dev.gotchals.engine.RuleEngine;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.suppress.SuppressAction;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.TextDocument;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every quick fix offered on the sample workspaces, applied to a copy: the files it writes parse without error
 * (tree-sitter, and Elixir's own {@code Code.string_to_quoted!/1} when {@code elixir} is installed; CI sets
 * GOTCHA_REQUIRE_ELIXIR=1 so it must be), and analysing again no longer reports the finding it fixed.
 */
class QuickFixValidityTest {
    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> everyFixOnTheSampleWorkspacesWritesValidFilesAndRemovesItsFinding() throws IOException {
        Path samples = TestWorkspaces.root();
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> folders = Files.list(samples)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                List<Finding> findings = analyse(folder);
                for (int f = 0; f < findings.size(); f++) {
                    Finding finding = findings.get(f);
                    for (int x = 0; x < finding.fixes().size(); x++) {
                        int findingIndex = f;
                        int fixIndex = x;
                        String name = folder.getFileName() + ": " + finding.rule().id() + " fix " + (x + 1) + " ("
                                + finding.fixes().get(x).title() + ")";
                        tests.add(DynamicTest.dynamicTest(name, () -> applyAndCheck(folder, findingIndex,
                                "fix" + fixIndex, found -> found.fixes().get(fixIndex))));
                    }
                }
            }
        }
        assertFalse(tests.isEmpty(), "the sample workspaces should offer fixes to check");
        return tests.stream();
    }

    /**
     * "Suppress GTnnn on this line" on every finding of the samples: the directive it writes keeps the file valid,
     * hides that finding, and is not itself reported as an unused suppression.
     */
    @TestFactory
    Stream<DynamicTest> everySuppressActionOnTheSampleWorkspacesHidesItsFindingAndNothingElse() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> folders = Files.list(TestWorkspaces.root())) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                List<Finding> findings = analyse(folder);
                for (int f = 0; f < findings.size(); f++) {
                    Finding finding = findings.get(f);
                    if (SuppressAction.fix(finding, Rules.catalog()).isEmpty()) {
                        continue;
                    }
                    int findingIndex = f;
                    String name = folder.getFileName() + ": suppress " + finding.rule().id() + " in "
                            + folder.relativize(finding.file().path()) + " at " + finding.start();
                    tests.add(DynamicTest.dynamicTest(name, () -> applyAndCheck(folder, findingIndex, "suppress",
                            found -> SuppressAction.fix(found, Rules.catalog()).orElseThrow())));
                }
            }
        }
        assertTrue(tests.size() > 20, "the sample workspaces should have findings to suppress: " + tests.size());
        return tests.stream();
    }

    private void applyAndCheck(Path sample, int findingIndex, String what, Function<Finding, Fix> choice) throws Exception {
        Path copy = temp.resolve(sample.getFileName() + "-" + findingIndex + "-" + what);
        copyTree(sample, copy);
        Finding finding = analyse(copy).get(findingIndex);
        Fix fix = choice.apply(finding);

        List<String> before = summaries(analyse(copy));
        Map<Path, String> written = apply(fix);
        List<Path> elixirFiles = new ArrayList<>();
        for (Map.Entry<Path, String> file : written.entrySet()) {
            Files.createDirectories(file.getKey().getParent());
            Files.writeString(file.getKey(), file.getValue());
            String name = file.getKey().getFileName().toString();
            SourceLanguage language = name.endsWith(".ex") || name.endsWith(".exs") ? SourceLanguage.ELIXIR
                    : name.contains("Dockerfile") || name.contains("Containerfile") ? SourceLanguage.DOCKERFILE : null;
            if (language != null) {
                SyntaxTree tree = SyntaxTree.parse(language, TextDocument.of(file.getValue()));
                assertFalse(tree.hasErrors(), "tree-sitter finds a syntax error in " + file.getKey() + ":\n" + file.getValue());
            }
            if (language == SourceLanguage.ELIXIR) {
                elixirFiles.add(file.getKey());
            }
        }
        if (!elixirFiles.isEmpty()) {
            checkWithElixir(elixirFiles);
        }

        List<String> after = summaries(analyse(copy));
        String fixed = summary(finding);
        assertEquals(before.stream().filter(f -> f.equals(fixed)).count() - 1, after.stream().filter(f -> f.equals(fixed)).count(),
                "the finding is still reported after the fix: " + fixed);
        List<String> remaining = new ArrayList<>(before);
        remaining.remove(fixed);
        for (String other : after) {
            assertTrue(remaining.remove(other), "the fix brought a new finding: " + other + "\nbefore: " + before);
        }
    }

    /** A finding without its position, which edits above it move. */
    private static String summary(Finding finding) {
        return finding.rule().id() + " " + finding.file().path() + " " + finding.message();
    }

    private static List<String> summaries(List<Finding> findings) {
        return findings.stream().map(QuickFixValidityTest::summary).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    private static List<Finding> analyse(Path folder) {
        Workspace workspace = new Workspace(List.of(folder));
        RuleEngine engine = new RuleEngine(Rules.all());
        List<Finding> findings = new ArrayList<>();
        for (MixProject project : workspace.projects()) {
            findings.addAll(engine.analyze(project, workspace));
        }
        findings.sort(Comparator.comparing((Finding f) -> f.file().path()).thenComparingInt(Finding::start)
                .thenComparing(f -> f.rule().id()));
        return findings;
    }

    /** The full new text of every file the fix touches. */
    private static Map<Path, String> apply(Fix fix) {
        Map<Path, String> texts = new LinkedHashMap<>();
        Map<Path, List<Fix.Edit>> edits = new LinkedHashMap<>();
        for (Fix.Change change : fix.changes()) {
            if (change instanceof Fix.Edit edit) {
                edits.computeIfAbsent(edit.path(), p -> new ArrayList<>()).add(edit);
            } else if (change instanceof Fix.CreateFile create) {
                texts.put(create.path(), create.content());
            }
        }
        for (Map.Entry<Path, List<Fix.Edit>> entry : edits.entrySet()) {
            List<Fix.Edit> fileEdits = new ArrayList<>(entry.getValue());
            fileEdits.sort(Comparator.comparingInt(Fix.Edit::start).reversed());
            String text = fileEdits.get(0).file().text().text();
            for (Fix.Edit edit : fileEdits) {
                text = text.substring(0, edit.start()) + edit.newText() + text.substring(edit.end());
            }
            texts.put(entry.getKey(), text);
        }
        return texts;
    }

    private static void checkWithElixir(Iterable<Path> files) throws Exception {
        boolean required = "1".equals(System.getenv("GOTCHA_REQUIRE_ELIXIR"));
        boolean available = Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "elixir")));
        if (!available) {
            assertFalse(required, "GOTCHA_REQUIRE_ELIXIR=1 but elixir is not on PATH");
            assumeTrue(false, "elixir is not installed; tree-sitter checked the files");
        }
        List<String> command = new ArrayList<>(List.of("elixir", "-e",
                "Enum.each(System.argv(), fn f -> Code.string_to_quoted!(File.read!(f), file: f) end)"));
        files.forEach(file -> command.add(file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean done = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(done, "elixir did not finish");
        assertEquals(0, process.exitValue(), "Elixir's parser rejects a fixed file:\n" + output);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
