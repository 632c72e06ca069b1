package dev.gotchals.model.deploy;

import dev.gotchals.model.config.ConfigProject;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.shell.CommandWrappers;
import dev.gotchals.shell.ShellScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageUserTest {
    @TempDir
    Path root;

    private ProjectContext project(Map<String, String> files) {
        return ConfigProject.open(root, files);
    }

    private ImageUser user(String dockerfile) throws IOException {
        DockerImage image = DeployModel.of(project(Map.of("Dockerfile", dockerfile))).images().get(0);
        return ImageUser.of(image, image.finalStage());
    }

    @Test
    void noUserOverARootBaseIsRoot() throws IOException {
        ImageUser user = user("FROM debian:bookworm-slim\nCMD [\"/app/bin/server\"]\n");
        assertNull(user.instruction());
        assertTrue(user.root());
    }

    @Test
    void theLastUserOfTheChainDecidesWithVariablesSubstituted() throws IOException {
        assertFalse(user("FROM debian AS base\nUSER app\nFROM base\nCMD x\n").root());
        assertTrue(user("FROM debian AS base\nUSER app\nFROM base\nUSER 0:0\nCMD x\n").root());
        assertTrue(user("ARG RUN_AS=root\nFROM debian\nARG RUN_AS\nUSER ${RUN_AS}\n").root());
        assertEquals("nobody", user("FROM debian\nENV APP_USER=nobody\nUSER $APP_USER\n").name());
        assertFalse(user("FROM debian\nUSER ${UNSET}\n").root());
    }

    @Test
    void aQuotedUserIsTheNameInside() throws IOException {
        assertEquals("funless", user("FROM alpine\nENV USER=funless\nUSER \"${USER}\"\nCMD [\"bin/run\"]\n").name());
        assertTrue(user("FROM alpine\nUSER 'root'\nCMD [\"bin/run\"]\n").root());
    }

    @Test
    void aNonRootBaseImageIsNotRootWithoutUser() throws IOException {
        assertFalse(user("FROM gcr.io/distroless/base-debian12:nonroot\nCMD [\"/app/bin/server\"]\n").root());
    }

    @Test
    void userSwitchingWrappersAreSeenAlsoInsideShells() {
        assertTrue(switches("exec gosu nobody \"$@\""));
        assertTrue(switches("su-exec app:app bin/shop start"));
        assertTrue(switches("setpriv --reuid=65534 --regid=65534 --clear-groups bin/shop start"));
        assertTrue(switches("sh -c 'exec s6-setuidgid app bin/shop start'"));
        assertTrue(switches("su app -c 'bin/shop start'"));
        assertFalse(switches("su -c 'bin/shop start'"));
        assertFalse(switches("exec tini -- bin/shop start"));
        assertFalse(switches("sudo bin/shop start"));
    }

    private static boolean switches(String line) {
        return CommandWrappers.switchesUser(ShellScript.parse(line).commands().get(0));
    }

    @Test
    void anEntrypointScriptThatDropsPrivilegesCounts() throws IOException {
        DeployModel model = DeployModel.of(project(Map.of(
                "Dockerfile", "FROM debian\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT [\"/entrypoint.sh\"]\n"
                        + "CMD [\"/app/bin/shop\", \"start\"]\n",
                "entrypoint.sh", "#!/bin/sh\nchown -R app /data\nexec gosu app \"$@\"\n")));
        Launch launch = model.launch(model.images().get(0));
        assertTrue(ImageUser.switchedOnLaunch(launch));
        assertTrue(ImageUser.runsEntrypointScript(launch));
    }
}
