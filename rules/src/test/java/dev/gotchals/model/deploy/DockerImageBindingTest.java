package dev.gotchals.model.deploy;

import dev.gotchals.docker.Dockerfile;
import dev.gotchals.docker.Instruction;
import dev.gotchals.docker.Stage;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.TextDocument;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class DockerImageBindingTest {
    private static DockerImage image(String text) {
        TextDocument document = TextDocument.of(text);
        return new DockerImage(Dockerfile.read(new DocumentSnapshot(Path.of("/p/Dockerfile"), DocumentSnapshot.ON_DISK,
                document, SyntaxTree.parse(SourceLanguage.DOCKERFILE, document))));
    }

    private static Instruction lastRun(DockerImage image) {
        Stage stage = image.finalStage();
        return stage.all("RUN").get(stage.all("RUN").size() - 1);
    }

    private static DockerImage.Binding mixEnv(DockerImage image) {
        return image.binding(image.finalStage(), lastRun(image), "MIX_ENV");
    }

    @Test
    void theLastEnvOrArgOfTheStageBeforeTheInstructionSetsTheVariable() {
        DockerImage image = image("FROM elixir\nARG MIX_ENV=prod\nENV MIX_ENV=${MIX_ENV}\nRUN mix release\nENV MIX_ENV=dev\n");
        DockerImage.Binding binding = mixEnv(image);
        assertEquals("ENV", binding.instruction().keyword());
        assertEquals("prod", binding.value());
        assertEquals("${MIX_ENV}", binding.variable().value());
    }

    @Test
    void envIsInheritedThroughFromButArgsAreNot() {
        DockerImage inherited = image("FROM elixir AS base\nENV MIX_ENV=prod\nFROM base\nRUN mix release\n");
        assertEquals("prod", mixEnv(inherited).value());
        assertSame(inherited.dockerfile().stages().get(0).all("ENV").get(0), mixEnv(inherited).instruction());

        assertNull(mixEnv(image("FROM elixir AS base\nARG MIX_ENV=prod\nFROM base\nRUN mix release\n")));
    }

    @Test
    void anArgWithoutDefaultTakesTheGlobalOneOrIsLeftToTheBuild() {
        DockerImage global = image("ARG MIX_ENV=prod\nFROM elixir\nARG MIX_ENV\nRUN mix release\n");
        assertEquals("prod", mixEnv(global).value());

        DockerImage passed = image("FROM elixir\nARG MIX_ENV\nRUN mix release\n");
        assertEquals("ARG", mixEnv(passed).instruction().keyword());
        assertNull(mixEnv(passed).value());

        assertNull(mixEnv(image("ARG MIX_ENV=prod\nFROM elixir\nRUN mix release\n")));

        DockerImage afterEnv = image("FROM elixir\nENV MIX_ENV=prod\nARG MIX_ENV\nENV LANG=C.UTF-8\nRUN mix release\n");
        assertEquals("ARG", mixEnv(afterEnv).instruction().keyword());
        assertEquals("prod", mixEnv(afterEnv).value(), "the ARG passes nothing here: the ENV before it still holds");
    }

    @Test
    void copyFromNamesAStageByAliasOrIndexElseAnOutsideImage() {
        DockerImage image = image("FROM elixir AS Build\nRUN mix release\nFROM debian\nCMD [\"bin/server\"]\n");
        assertEquals(0, image.stage("build").index());
        assertEquals(1, image.stage("1").index());
        assertNull(image.stage("2"));
        assertNull(image.stage("node:20"));
    }
}
