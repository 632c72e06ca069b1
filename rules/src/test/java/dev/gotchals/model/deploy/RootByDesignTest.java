package dev.gotchals.model.deploy;

import dev.gotchals.docker.Dockerfile;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.TextDocument;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RootByDesignTest {
    private static DockerImage image(String text) {
        TextDocument document = TextDocument.of(text);
        return new DockerImage(Dockerfile.read(new DocumentSnapshot(Path.of("/p/Dockerfile"), DocumentSnapshot.ON_DISK,
                document, SyntaxTree.parse(SourceLanguage.DOCKERFILE, document))));
    }

    private static boolean commentedOut(String text) {
        DockerImage image = image(text);
        return RootByDesign.nonRootUserCommentedOut(image, image.finalStage());
    }

    private static boolean tooling(String text) {
        DockerImage image = image(text);
        return RootByDesign.installsRootTooling(image, image.finalStage());
    }

    @Test
    void stagesKeepTheirCommentLinesAndReadCommentedInstructions() {
        DockerImage image = image("FROM debian AS build\n# USER builder\nRUN make \\\n  # USER inside a RUN\n  && true\n"
                + "FROM debian\nWORKDIR /app\n# RUN chown nobody /app\n  #USER nobody\n# User data lives in /data\n"
                + "CMD [\"/app/bin/server\"] # USER trailing\n");
        assertEquals(List.of("builder"), image.dockerfile().stages().get(0).commentedOut("USER"));
        assertEquals(List.of("nobody"), image.finalStage().commentedOut("USER"));
        assertEquals(List.of("chown nobody /app"), image.finalStage().commentedOut("RUN"));
    }

    @Test
    void aNonRootUserCommentedOutInTheFinalStageOrItsParentsCounts() {
        assertTrue(commentedOut("FROM debian\nWORKDIR /app\n# RUN chown nobody /app\n# USER nobody\nCMD x\n"));
        assertTrue(commentedOut("FROM debian AS base\n#USER app:app\nFROM base\nCMD x\n"));
        assertTrue(commentedOut("FROM debian\nCMD x\n# USER 1000\n"));
    }

    @Test
    void rootProseAndOtherStagesCommentsDoNot() {
        assertFalse(commentedOut("FROM debian\n# USER root\n# USER 0:0\nCMD x\n"));
        assertFalse(commentedOut("FROM debian\n# User nobody cannot write /data\n# USER nobody would break the cache\nCMD x\n"));
        assertFalse(commentedOut("FROM elixir AS build\n# USER nobody\nRUN mix release\nFROM debian\nCMD x\n"));
        assertFalse(commentedOut("FROM debian\nRUN echo '# USER nobody' > /notes\nCMD x\n"));
    }

    @Test
    void containerEnginesRuntimesAndFirewallToolingCount() {
        assertTrue(tooling("FROM alpine\nRUN apk update && apk add --no-cache podman iptables fuse-overlayfs\nCMD x\n"));
        assertTrue(tooling("FROM debian\nRUN apt-get update && apt-get install -y docker-ce-cli=5:24.0.7-1\nCMD x\n"));
        assertTrue(tooling("FROM debian AS base\nRUN apt-get install -y nftables\nFROM base\nCMD x\n"));
    }

    @Test
    void otherPackagesAndOtherStagesDoNot() {
        assertFalse(tooling("FROM debian\nRUN apt-get install -y libstdc++6 openssl locales ca-certificates\nCMD x\n"));
        assertFalse(tooling("FROM docker:27 AS tools\nRUN apk add docker-cli\nFROM debian\nCMD x\n"));
        assertFalse(tooling("FROM debian\nRUN apt-get remove -y iptables\nCMD x\n"));
    }
}
