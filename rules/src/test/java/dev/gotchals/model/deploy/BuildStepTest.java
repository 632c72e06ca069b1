package dev.gotchals.model.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildStepTest {
    private static BuildStep mix(String... tasks) {
        return new BuildStep(null, null, null, List.of(tasks), true);
    }

    @Test
    void aBareDigestBuildsNothing() {
        assertTrue(mix("phx.digest").digestsUnbuilt());
        assertFalse(mix("phx.digest").producesAssets());
        assertTrue(mix("phx.digest").builds(), "GT004 counts a digest as an asset step");
        assertTrue(mix("compile", "phx.digest", "release").digestsUnbuilt());
    }

    @Test
    void aDigestAfterABuildOrAShellTaskDigestsBuiltAssets() {
        assertFalse(mix("tailwind", "esbuild", "phx.digest").digestsUnbuilt());
        assertFalse(mix("cmd", "phx.digest").digestsUnbuilt());
        assertFalse(mix("assets.deploy").digestsUnbuilt());
        assertTrue(mix("assets.deploy").producesAssets());
        assertTrue(mix("phx.digest", "esbuild").producesAssets());
    }

    @Test
    void aDigestAfterTheReleaseOrAnUnreadableAliasIsNotOneBeforeIt() {
        assertFalse(mix("release", "phx.digest").digestsUnbuilt());
        assertFalse(new BuildStep(null, null, null, List.of("phx.digest"), false).digestsUnbuilt());
    }
}
