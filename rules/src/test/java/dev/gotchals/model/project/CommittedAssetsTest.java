package dev.gotchals.model.project;

import dev.gotchals.model.config.ConfigProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommittedAssetsTest {
    @TempDir
    Path temp;
    private int projects;

    private boolean present(Map<String, String> files) {
        return CommittedAssets.present(ConfigProject.open(temp.resolve("project" + projects++), files));
    }

    @Test
    void builtScriptsOrStylesInPrivStaticAreCommitted() {
        assertTrue(present(Map.of("priv/static/assets/app.js", "")));
        assertTrue(present(Map.of("priv/static/assets/css/app.css", "")));
        assertTrue(present(Map.of("priv/static/js/app.js", "")));
        assertTrue(present(Map.of("priv/static/css/app.css", "", ".gitignore", "/priv/static/assets/\n")));
    }

    @Test
    void imagesAloneOrFilesGitIgnoresAreNot() {
        assertFalse(present(Map.of("priv/static/images/logo.svg", "", "priv/static/robots.txt", "")));
        assertFalse(present(Map.of("priv/static/assets/app.js", "", ".gitignore", "/_build/\n/priv/static/assets/\n")));
        assertFalse(present(Map.of("priv/static/js/app.js", "", ".gitignore", "priv/static/*\n!priv/static/robots.txt\n")));
    }
}
