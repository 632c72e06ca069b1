package dev.gotchals.syntax;

import dev.gotchals.text.TextDocument;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntaxTreeTest {
    @Test
    void aBlankThatEndsADockerfileLineEndsItsInstruction() {
        String text = "FROM elixir:1.18 AS builder\nCOPY assets ./ \nADD x y\t \r\nRUN npm run build\nRUN mix release\n";
        SyntaxTree tree = SyntaxTree.parse(SourceLanguage.DOCKERFILE, TextDocument.of(text));
        assertEquals(List.of("from_instruction", "copy_instruction", "add_instruction", "run_instruction",
                "run_instruction"), tree.root().namedChildren().stream().map(Node::type).toList());
        assertEquals("COPY assets ./", tree.text(tree.root().namedChildren().get(1)).strip());
        SyntaxTree continued = SyntaxTree.parse(SourceLanguage.DOCKERFILE,
                TextDocument.of("FROM x\nRUN mkdir /a && \\ \n  chmod 755 /a\nCMD [\"bin/x\"]\n"));
        assertFalse(continued.root().isError() || continued.root().sexp().contains("ERROR"), continued.root().sexp());

        // Typing after the blank makes it part of the line again: the edited tree equals a fresh parse.
        String typed = text.replace("./ \n", "./ x\n");
        int at = text.indexOf("./ \n") + 3;
        SyntaxTree edited = tree.reparse(TextDocument.of(typed), List.of(new dev.gotchals.text.InputEdit(at, at, at + 1,
                new dev.gotchals.text.InputEdit.Point(1, 15), new dev.gotchals.text.InputEdit.Point(1, 15),
                new dev.gotchals.text.InputEdit.Point(1, 16))));
        assertEquals(SyntaxTree.parse(SourceLanguage.DOCKERFILE, TextDocument.of(typed)).root().sexp(),
                edited.root().sexp());
        assertEquals(3, edited.root().namedChildren().get(1).namedChildren().size(), "COPY assets ./ x");
    }

    @Test
    void aBlankAfterALineContinuationBeforeACommentLineKeepsTheRestOfTheFile() {
        // Docker reads `git \ ` as continued, and skips the comment line inside the instruction.
        String text = "FROM alpine\nRUN apk add \\\n  git \\ \t\r\n  # ^ for HTTPS \n  curl\nUSER nobody\nCMD [\"bin/x\"]\n";
        SyntaxTree tree = SyntaxTree.parse(SourceLanguage.DOCKERFILE, TextDocument.of(text));
        assertFalse(tree.hasErrors(), tree.root().sexp());
        assertEquals(List.of("from_instruction", "run_instruction", "user_instruction", "cmd_instruction"),
                tree.root().namedChildren().stream().map(Node::type).toList());
        assertTrue(tree.text(tree.root().namedChildren().get(1)).contains("curl"));

        // Deleting the blanks after the backslash, then typing one again: each edited tree equals a fresh parse.
        int blanks = text.indexOf("\\ \t") + 1;
        String tight = text.substring(0, blanks) + text.substring(blanks + 2);
        SyntaxTree deleted = tree.reparse(TextDocument.of(tight), List.of(new dev.gotchals.text.InputEdit(blanks,
                blanks + 2, blanks, new dev.gotchals.text.InputEdit.Point(2, 7), new dev.gotchals.text.InputEdit.Point(2, 9),
                new dev.gotchals.text.InputEdit.Point(2, 7))));
        assertEquals(SyntaxTree.parse(SourceLanguage.DOCKERFILE, TextDocument.of(tight)).root().sexp(), deleted.root().sexp());
        String retyped = tight.substring(0, blanks) + " " + tight.substring(blanks);
        SyntaxTree typed = deleted.reparse(TextDocument.of(retyped), List.of(new dev.gotchals.text.InputEdit(blanks,
                blanks, blanks + 1, new dev.gotchals.text.InputEdit.Point(2, 7), new dev.gotchals.text.InputEdit.Point(2, 7),
                new dev.gotchals.text.InputEdit.Point(2, 8))));
        assertEquals(SyntaxTree.parse(SourceLanguage.DOCKERFILE, TextDocument.of(retyped)).root().sexp(), typed.root().sexp());
        assertFalse(typed.hasErrors(), typed.root().sexp());
    }

    @Test
    void aCommentLineInsideAnEnvContinuationKeepsTheRestOfTheFile() {
        // Docker drops the comment line and goes on with the ENV; the grammar alone loses every later instruction.
        String text = "FROM elixir:1.11-alpine AS build\nENV REFRESHED_AT=2020-11-01 \\\n    # so that CTRL+G works\n"
                + "    TERM=xterm\nRUN mix release\n\nFROM alpine:3.12\nCMD [\"bin/x\", \"start\"]\n";
        SyntaxTree tree = SyntaxTree.parse(SourceLanguage.DOCKERFILE, TextDocument.of(text));
        assertFalse(tree.hasErrors(), tree.root().sexp());
        assertEquals(List.of("from_instruction", "env_instruction", "run_instruction", "from_instruction",
                "cmd_instruction"), tree.root().namedChildren().stream().map(Node::type).toList());
        assertTrue(tree.text(tree.root().namedChildren().get(1)).contains("TERM=xterm"));

        // Deleting the backslash makes the comment a comment of its own, typing it again puts it back in the ENV:
        // each edited tree equals a fresh parse.
        int backslash = text.indexOf("\\\n");
        String cut = text.substring(0, backslash) + text.substring(backslash + 1);
        SyntaxTree deleted = tree.reparse(TextDocument.of(cut), List.of(new dev.gotchals.text.InputEdit(backslash,
                backslash + 1, backslash, new dev.gotchals.text.InputEdit.Point(1, 28),
                new dev.gotchals.text.InputEdit.Point(1, 29), new dev.gotchals.text.InputEdit.Point(1, 28))));
        assertEquals(SyntaxTree.parse(SourceLanguage.DOCKERFILE, TextDocument.of(cut)).root().sexp(), deleted.root().sexp());
        SyntaxTree retyped = deleted.reparse(TextDocument.of(text), List.of(new dev.gotchals.text.InputEdit(backslash,
                backslash, backslash + 1, new dev.gotchals.text.InputEdit.Point(1, 28),
                new dev.gotchals.text.InputEdit.Point(1, 28), new dev.gotchals.text.InputEdit.Point(1, 29))));
        assertEquals(tree.root().sexp(), retyped.root().sexp());
    }

    @Test
    void aQuotedUserKeepsTheRestOfTheFile() {
        // Docker removes the quotes of `USER "${USER}"`; the grammar alone loses the COPY and CMD after it.
        String text = "FROM alpine:3.17\nENV USER=funless\nUSER \"${USER}\"\nCOPY --from=builder /opt/rel .\n"
                + "CMD  [\"sh\", \"-c\", \"bin/run\"]\n";
        SyntaxTree tree = SyntaxTree.parse(SourceLanguage.DOCKERFILE, TextDocument.of(text));
        assertFalse(tree.hasErrors(), tree.root().sexp());
        assertEquals(List.of("from_instruction", "env_instruction", "user_instruction", "copy_instruction",
                "cmd_instruction"), tree.root().namedChildren().stream().map(Node::type).toList());
        Node user = tree.root().namedChildren().get(2);
        assertEquals("${USER}", tree.text(user.namedChildren().get(0)), user.sexp());
        assertFalse(SyntaxTree.parse(SourceLanguage.DOCKERFILE, TextDocument.of(text.replace("\"${USER}\"", "'app'")))
                .hasErrors());
    }

    @Test
    void theNodeCopyOfEverySampleFileMatchesTreeSittersOwnTree() throws IOException {
        Path samples = dev.gotchals.rules.TestWorkspaces.root();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(samples)) {
            files = walk.filter(Files::isRegularFile).filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".ex") || name.endsWith(".exs") || name.equals("Dockerfile");
            }).sorted().toList();
        }
        assertTrue(files.size() > 50, "expected the sample projects' files");
        for (Path file : files) {
            SourceLanguage language = file.getFileName().toString().equals("Dockerfile") ? SourceLanguage.DOCKERFILE : SourceLanguage.ELIXIR;
            SyntaxTree tree = SyntaxTree.parse(language, TextDocument.of(Files.readString(file)));
            assertFalse(tree.hasErrors(), file + " should parse cleanly");
            assertEquals(tree.treeSitterSexp(), tree.root().sexp(), file.toString());
        }
    }

    @Test
    void leavesKeepTheirTextAndMissingNodesAreMarked() {
        SyntaxTree tree = SyntaxTree.parse(SourceLanguage.ELIXIR, TextDocument.of("config :logger, level: :débug\nfoo(\n"));
        Node config = tree.statements().get(0);
        Node atom = config.firstOfType("arguments").namedChildren().get(1).namedChildren().get(0).child("value");
        assertEquals(":débug", atom.leafText());
        assertEquals(":débug", tree.text(atom));
        assertTrue(tree.hasErrors());
    }

    @Test
    void mentionsLooksOnlyInsideTheNodeAndIgnoresAsciiCase() {
        SyntaxTree tree = SyntaxTree.parse(SourceLanguage.ELIXIR,
                TextDocument.of("config :é, Api_KEY: 1\nconfig :shop, url: System.get_env(\"URL\")\n"));
        Node first = tree.statements().get(0);
        Node second = tree.statements().get(1);
        assertTrue(tree.mentions(first, "api_key"));
        assertFalse(tree.mentions(first, "_env"));
        assertTrue(tree.mentions(second, "nothing", "_env"));
        assertFalse(tree.mentions(second, "api_key"));
    }

    @Test
    void pathToListsTheNodesAroundAByteFromTheOutermostToTheInnermost() {
        String source = "config :app, key: \"value\" # note\n";
        SyntaxTree tree = SyntaxTree.parse(SourceLanguage.ELIXIR, TextDocument.of(source));

        List<Node> toValue = tree.root().pathTo(source.indexOf("alu"));
        List<Node> toComment = tree.root().pathTo(source.indexOf("note"));

        assertEquals("call", toValue.get(0).type());
        assertEquals("quoted_content", toValue.get(toValue.size() - 1).type());
        assertTrue(toValue.stream().anyMatch(node -> node.is("string")));
        for (int i = 1; i < toValue.size(); i++) {
            assertTrue(toValue.get(i - 1).children().contains(toValue.get(i)), "each node is its predecessor's child");
        }
        assertEquals(List.of("comment"), toComment.stream().map(Node::type).toList());
        assertEquals(List.of(), tree.root().pathTo(source.length() + 10));
    }

    @Test
    void pathDownToEndsAtTheSameNodeObjectAndIsEmptyForANodeElsewhere() {
        String source = "config :app, key: \"value\"\nconfig :app, key: \"value\"\n";
        SyntaxTree tree = SyntaxTree.parse(SourceLanguage.ELIXIR, TextDocument.of(source));
        Node first = tree.statements().get(0);
        Node second = tree.statements().get(1);
        Node string = tree.root().pathTo(source.lastIndexOf("alu")).stream().filter(node -> node.is("string"))
                .findFirst().orElseThrow();

        List<Node> path = tree.root().pathDownTo(string);
        assertSame(tree.root(), path.get(0));
        assertSame(second, path.get(1), "the second statement, though the first has an equal subtree");
        assertSame(string, path.get(path.size() - 1));
        assertEquals(List.of(), first.pathDownTo(string));
        assertEquals(List.of(first), first.pathDownTo(first));
    }
}
