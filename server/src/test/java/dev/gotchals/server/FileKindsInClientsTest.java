package dev.gotchals.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.gotchals.cli.RepoRoot;
import dev.gotchals.workspace.FileClassifier;
import dev.gotchals.workspace.FileRole;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The file kinds ({@link FileRole}) are the one list of the files Gotcha LS reads. The server registers them as
 * watcher globs itself; the pre-commit hook and the editor clients repeat them in their own formats, and these
 * tests fail when one of those copies drifts from the kinds.
 */
class FileKindsInClientsTest {
    private static final Path ROOT = RepoRoot.get();

    @Test
    void everySampleOfAKindsPatternIsClassifiedAsThatKind() {
        for (FileRole role : FileRole.values()) {
            for (String sample : samples(role)) {
                assertEquals(Optional.of(role), FileClassifier.classify(Path.of(sample)), sample);
            }
        }
    }

    @Test
    void theServerWatchesEveryKind() {
        assertEquals(Arrays.stream(FileRole.values()).flatMap(role -> role.watcherGlobs().stream()).toList(),
                GotchaLanguageServer.WATCHED_GLOBS);
    }

    @Test
    void thePreCommitHookRunsWhenAFileOfAnyKindChanges() throws IOException {
        Matcher files = Pattern.compile("(?m)^\\s*files:\\s*'(.*)'\\s*$").matcher(read(".pre-commit-hooks.yaml"));
        assertTrue(files.find(), "a files: pattern in .pre-commit-hooks.yaml");
        Pattern hook = Pattern.compile(files.group(1));
        for (FileRole role : FileRole.values()) {
            for (String sample : samples(role)) {
                for (String where : List.of("", "services/shop/")) {
                    assertTrue(hook.matcher(where + sample).find(), role + ": " + where + sample);
                }
            }
        }
        for (String other : List.of("README.md", "assets/package.json", "priv/static/app.js", ".github/dependabot.yml")) {
            assertFalse(hook.matcher(other).find(), other);
        }
        Matcher readme = Pattern.compile("(?m)^\\s*files:\\s*'(.*)'\\s*$").matcher(read("README.md"));
        assertTrue(readme.find(), "the README's local hook has a files: pattern");
        assertEquals(files.group(1), readme.group(1), "the README's local hook runs on the same files");
    }

    @Test
    void vsCodeOpensEveryKindAndTheLanguagesWithGrammars() throws IOException {
        String source = read("clients/vscode/src/extension.ts");
        int start = source.indexOf("export const DOCUMENT_SELECTOR");
        String selector = source.substring(start, source.indexOf("];", start));
        assertEquals(GotchaLanguageServer.WATCHED_GLOBS, all(Pattern.compile("pattern: '([^']*)'"), selector));
        assertEquals(registryLanguages(), new TreeSet<>(all(Pattern.compile("language: '([^']*)'"), selector)));
    }

    @Test
    void vsCodeActivatesOnTheLanguagesWithGrammarsAndOnMixProjects() throws IOException {
        JsonObject manifest = JsonParser.parseString(read("clients/vscode/package.json")).getAsJsonObject();
        JsonArray events = manifest.getAsJsonArray("activationEvents");
        List<String> expected = new ArrayList<>();
        registryLanguages().forEach(language -> expected.add("onLanguage:" + language));
        expected.add("workspaceContains:" + FileRole.MIX_PROJECT.watcherGlobs().get(0));
        List<String> declared = new ArrayList<>();
        events.forEach(event -> declared.add(event.getAsString()));
        assertEquals(new TreeSet<>(expected), new TreeSet<>(declared));
    }

    /** The terminal clients attach by filetype, not by path: they list the languages of the kinds with grammars. */
    @Test
    void terminalEditorClientsServeTheLanguagesWithGrammars() throws IOException {
        Matcher neovim = Pattern.compile("filetypes = \\{([^}]*)}").matcher(read("clients/neovim/lua/gotcha_ls/init.lua"));
        assertTrue(neovim.find());
        assertEquals(registryLanguages(), new TreeSet<>(all(Pattern.compile("\"([^\"]+)\""), neovim.group(1))));

        assertEquals(registryLanguages(), new TreeSet<>(all(Pattern.compile("(?m)^name = \"([^\"]+)\""),
                read("clients/helix/languages.toml"))));

        try (Stream<Path> linters = Files.list(ROOT.resolve("clients/vim/ale_linters"))) {
            assertEquals(registryLanguages(), linters.map(path -> path.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new)));
        }

        Matcher emacs = Pattern.compile("\\(defcustom gotcha-ls-modes\\s+'\\(([^)]*)\\)").matcher(read("clients/emacs/gotcha-ls.el"));
        assertTrue(emacs.find());
        assertEquals(registryLanguages(), Arrays.stream(emacs.group(1).trim().split("\\s+"))
                .map(mode -> mode.replaceAll("(-ts)?-mode$", "")).collect(Collectors.toCollection(TreeSet::new)));
    }

    private static Set<String> registryLanguages() {
        return Arrays.stream(FileRole.values()).map(FileRole::language).filter(Objects::nonNull)
                .map(language -> language.name().toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static String read(String path) throws IOException {
        return Files.readString(ROOT.resolve(path));
    }

    /** Concrete relative paths the role's patterns match. */
    private static List<String> samples(FileRole role) {
        return role.patterns().stream().flatMap(pattern -> samples(pattern.text()).stream()).toList();
    }

    /**
     * Concrete relative paths a glob matches: each alternative of a {@code {a,b}} group, {@code **}{@code /} as no
     * folder and as two, a wildcard as {@code x}, a character class as its first character.
     */
    static List<String> samples(String glob) {
        int open = glob.indexOf('{');
        if (open >= 0) {
            int close = glob.indexOf('}', open);
            List<String> expanded = new ArrayList<>();
            for (String alternative : glob.substring(open + 1, close).split(",")) {
                expanded.addAll(samples(glob.substring(0, open) + alternative + glob.substring(close + 1)));
            }
            return expanded;
        }
        if (glob.contains("**/")) {
            int at = glob.indexOf("**/");
            List<String> expanded = new ArrayList<>();
            for (String folders : List.of("", "x/y/")) {
                expanded.addAll(samples(glob.substring(0, at) + folders + glob.substring(at + 3)));
            }
            return expanded;
        }
        String concrete = glob.replaceAll("\\[([^]])[^]]*]", "$1").replace('*', 'x').replace('?', 'x');
        return List.of(concrete);
    }
}
