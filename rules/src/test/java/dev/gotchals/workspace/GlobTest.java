package dev.gotchals.workspace;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GlobTest {
    @Test
    void aStarStaysInsideOneSegment() {
        Glob glob = Glob.of("rel/overlays/bin/*");
        assertTrue(glob.matches("rel/overlays/bin/server"));
        assertFalse(glob.matches("rel/overlays/bin/sub/server"));
        assertFalse(glob.matches("app/rel/overlays/bin/server"), "anchored at the start");
    }

    @Test
    void aDoubleStarSpansZeroOrMoreFolders() {
        Glob glob = Glob.of("config/**/*.exs");
        assertTrue(glob.matches("config/prod.exs"), "zero folders, as editors' globs match");
        assertTrue(glob.matches("config/envs/deep/prod.exs"));
        assertFalse(glob.matches("lib/config/prod.exs"));
        assertTrue(Glob.of("**/Dockerfile").matches("Dockerfile"));
        assertTrue(Glob.of("**/Dockerfile").matches("a/b/Dockerfile"));
        assertFalse(Glob.of("**/Dockerfile").matches("a/xDockerfile"));
    }

    @Test
    void bracesAreAlternativesAndBracketsCharacters() {
        Glob glob = Glob.of(".github/workflows/*.{yml,yaml}");
        assertTrue(glob.matches(".github/workflows/ci.yml"));
        assertTrue(glob.matches(".github/workflows/ci.yaml"));
        assertFalse(glob.matches(".github/workflows/ci.json"));
        assertTrue(Glob.of("[Ee]nv").matches("Env"));
        assertFalse(Glob.of("[Ee]nv").matches("xnv"));
        assertTrue(Glob.of("[!.]x").matches("ax"));
        assertFalse(Glob.of("[!.]x").matches(".x"));
        assertFalse(Glob.of("[!.]x").matches("/x"), "a negated class stays inside one segment");
    }

    @Test
    void otherCharactersAreLiteral() {
        assertTrue(Glob.of("fly.toml").matches("fly.toml"));
        assertFalse(Glob.of("fly.toml").matches("flyxtoml"));
        assertTrue(Glob.of("a+b(c)$").matches("a+b(c)$"));
        assertTrue(Glob.of("?.exs").matches("a.exs"));
        assertFalse(Glob.of("?.exs").matches("ab.exs"));
    }

    @Test
    void unclosedGroupsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Glob.of("{a,b"));
        assertThrows(IllegalArgumentException.class, () -> Glob.of("[ab"));
        assertEquals("**/{a,b}", Glob.of("**/{a,b}").text());
    }
}
