package dev.gotchals.model.project;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GitIgnoreTest {
    private static boolean leavesOut(String gitignore, String path) {
        return GitIgnore.parse(gitignore).leavesOut(path);
    }

    @Test
    void aFolderLineLeavesOutTheFolderAndWhatItHolds() {
        assertTrue(leavesOut("/priv/static/assets/\n", "priv/static/assets"));
        assertTrue(leavesOut("priv/static/assets/**\n", "priv/static/assets"));
        assertTrue(leavesOut("# configs we change locally\n/config/\n", "config/runtime.exs"));
        assertFalse(leavesOut("/priv/static/images/\n", "priv/static/assets"));
        assertFalse(leavesOut("/config/\n", "apps/web/config/runtime.exs"), "a leading slash anchors at the root");
    }

    @Test
    void aNameWithoutSlashMatchesAtAnyDepthAndGlobsStayWithinAName() {
        assertTrue(leavesOut("prod.secret.exs\n", "config/prod.secret.exs"));
        assertTrue(leavesOut("*.secret.exs\n", "apps/web/config/prod.secret.exs"));
        assertTrue(leavesOut("config/*.secret.exs\n", "config/prod.secret.exs"));
        assertFalse(leavesOut("config/*.exs\n", "config/sub/prod.exs"), "one * does not cross a folder");
        assertTrue(leavesOut("config/**/*.exs\n", "config/sub/prod.exs"));
        assertFalse(leavesOut("erl_crash.dump\n*.ez\n", "config/prod.exs"));
    }

    @Test
    void theLastLineThatMatchesDecidesAndBangReincludes() {
        assertFalse(leavesOut("/priv/static/assets/\n!/priv/static/assets/\n", "priv/static/assets"));
        assertTrue(leavesOut("priv/static/*\n!priv/static/robots.txt\n", "priv/static/js"));
        assertFalse(leavesOut("priv/static/*\n!priv/static/robots.txt\n", "priv/static/robots.txt"));
    }
}
