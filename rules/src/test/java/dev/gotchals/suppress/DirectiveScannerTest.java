package dev.gotchals.suppress;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rules.Rules;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.TextDocument;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectiveScannerTest {
    private static final DirectiveParser PARSER = new DirectiveParser(Rules.catalog());

    static DocumentSnapshot snapshot(String name, SourceLanguage language, String text) {
        TextDocument document = TextDocument.of(text);
        return new DocumentSnapshot(Path.of("/project").resolve(name), DocumentSnapshot.ON_DISK, document,
                language == null ? null : SyntaxTree.parse(language, document));
    }

    /** Each directive as "line:keyword names" (0-based lines). */
    private static List<String> scan(DocumentSnapshot file) {
        return DirectiveScanner.scan(file, PARSER).stream().map(d -> d.line() + ":" + d.keyword() + " "
                + d.names().stream().map(Directive.Name::text).toList() + (d.wholeLine() ? "" : " trailing")).toList();
    }

    @Test
    void inElixirOnlyCommentNodesCountNotStringsThatContainTheText() {
        DocumentSnapshot file = snapshot("config/prod.exs", SourceLanguage.ELIXIR, """
                import Config
                # gotcha:disable-next-line GT005
                config :shop, note: "# gotcha:disable GT007"
                config :shop, doc: \"""
                # gotcha:disable GT001
                \"""
                config :shop, sigil: ~S(
                # gotcha:disable GT002
                )
                config :shop, key: "x" # gotcha:disable-next-line GT003
                """);

        assertEquals(List.of("1:disable-next-line [GT005]", "9:disable-next-line [GT003] trailing"), scan(file));
    }

    @Test
    void inADockerfileOnlyWholeLineCommentsCountNotHeredocLinesOrArguments() {
        DocumentSnapshot file = snapshot("Dockerfile", SourceLanguage.DOCKERFILE, """
                FROM hexpm/elixir AS build
                  # gotcha:disable-next-line GT004 indented
                RUN mix release
                RUN echo hi # gotcha:disable GT002
                RUN <<EOF
                # gotcha:disable GT005
                EOF
                RUN mix deps.get && \\
                    # gotcha:disable-next-line GT002
                    mix ecto.migrate
                """);

        assertEquals(List.of("1:disable-next-line [GT004]", "8:disable-next-line [GT002]"), scan(file));
    }

    @Test
    void inFilesWithoutAGrammarWholeLineHashCommentsCount() {
        DocumentSnapshot file = snapshot("Procfile", null, """
                # gotcha:disable-next-line mix-in-release Heroku deploys without a release
                release: mix ecto.migrate
                web: echo "# gotcha:disable GT002" && mix phx.server
                """);

        assertEquals(List.of("0:disable-next-line [mix-in-release]"), scan(file));
    }

    @Test
    void aFileThatNeverSaysGotchaHasNoDirectives() {
        assertTrue(scan(snapshot("config/config.exs", SourceLanguage.ELIXIR, "import Config\n# a comment\n")).isEmpty());
        assertFalse(scan(snapshot("fly.toml", null, "# GOTCHA:DISABLE GT002\n")).isEmpty(), "the marker is found in any case");
    }

    @Test
    void marksInAnyCaseBackToBackAndAtTheStartOfTheFileAreAllFound() {
        DocumentSnapshot file = snapshot("Procfile", null, """
                # Gotcha:disable-next-line GT002
                release: mix ecto.migrate
                # gOtChA:disable-next-line GT003 gotcha:enable
                web: bin/app start
                """);

        assertEquals(List.of("0:disable-next-line [GT002]", "2:disable-next-line [GT003]"), scan(file));
        assertTrue(scan(snapshot("Procfile", null, "gotcha:\n:gotcha\n")).isEmpty(), "a mark outside a comment");
    }
}
