package dev.gotchals.suppress;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.RuleDocs;
import dev.gotchals.rule.Severity;
import dev.gotchals.rules.Rules;
import dev.gotchals.syntax.SourceLanguage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.gotchals.suppress.DirectiveScannerTest.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The edit of "Suppress GTnnn on this line", on findings placed by hand where the tricky cases are. */
class SuppressActionTest {
    /** A finding of {@code rule} on the first occurrence of {@code marker}. */
    private static Finding finding(String rule, DocumentSnapshot file, String marker) {
        int start = file.text().text().indexOf(marker);
        assertTrue(start >= 0, marker);
        return new Finding(RuleDocs.lookup(Rules.catalog(), rule), Severity.ERROR, file, start, start + marker.length(),
                "found", List.of());
    }

    private static Optional<Fix> suppress(Finding finding) {
        return SuppressAction.fix(finding, Rules.catalog());
    }

    /** The file's text after the action's edit. */
    private static String applied(Finding finding) {
        Fix fix = suppress(finding).orElseThrow(() -> new AssertionError("no suppress action"));
        Fix.Edit edit = (Fix.Edit) fix.changes().get(0);
        String text = finding.file().text().text();
        return text.substring(0, edit.start()) + edit.newText() + text.substring(edit.end());
    }

    @Test
    void insertsADirectiveAboveTheFindingsFirstLineWithItsIndentation() {
        DocumentSnapshot file = snapshot("config/prod.exs", SourceLanguage.ELIXIR,
                "import Config\nconfig :shop, ShopWeb.Endpoint,\n  secret_key_base: \"abc\"\n");
        Finding finding = finding("GT005", file, "\"abc\"");

        Fix fix = suppress(finding).orElseThrow();
        assertEquals("Suppress GT005 on this line", fix.title());
        assertFalse(fix.safe(), "never applied without asking");
        assertEquals("import Config\nconfig :shop, ShopWeb.Endpoint,\n  # gotcha:disable-next-line GT005\n"
                + "  secret_key_base: \"abc\"\n", applied(finding));
    }

    @Test
    void keepsTheFilesLineEnding() {
        DocumentSnapshot file = snapshot("Dockerfile", SourceLanguage.DOCKERFILE,
                "FROM debian\r\n\tENV SECRET_KEY_BASE=abc\r\n");

        assertEquals("FROM debian\r\n\t# gotcha:disable-next-line GT005\r\n\tENV SECRET_KEY_BASE=abc\r\n",
                applied(finding("GT005", file, "SECRET_KEY_BASE=abc")));
    }

    @Test
    void addsTheIdToANextLineDirectiveAlreadyAboveInsteadOfStackingAnother() {
        DocumentSnapshot file = snapshot("config/prod.exs", SourceLanguage.ELIXIR,
                "import Config\n# gotcha:disable-next-line compile-time-env read at build on purpose\n"
                        + "config :shop, key: System.get_env(\"KEY\") || \"abc\"\n");

        assertEquals("import Config\n# gotcha:disable-next-line compile-time-env, GT005 read at build on purpose\n"
                + "config :shop, key: System.get_env(\"KEY\") || \"abc\"\n", applied(finding("GT005", file, "\"abc\"")));
    }

    @Test
    void aRestOfFileDirectiveOrAPlainCommentAboveGetsANewLineBelowIt() {
        DocumentSnapshot file = snapshot("config/prod.exs", SourceLanguage.ELIXIR,
                "import Config\n# gotcha:disable GT001\nconfig :logger, level: :debug\n");

        assertEquals("import Config\n# gotcha:disable GT001\n# gotcha:disable-next-line GT007\nconfig :logger, level: :debug\n",
                applied(finding("GT007", file, ":debug")));
    }

    @Test
    void noActionInsideAMultiLineElixirStringOrSigil() {
        DocumentSnapshot file = snapshot("config/runtime.exs", SourceLanguage.ELIXIR, """
                import Config
                config :shop, pem: \"""
                -----BEGIN PRIVATE KEY-----
                \"""
                config :shop, words: ~w(
                  secret_key
                )
                """);

        assertTrue(suppress(finding("GT005", file, "-----BEGIN")).isEmpty());
        assertTrue(suppress(finding("GT005", file, "secret_key")).isEmpty());
        assertTrue(suppress(finding("GT005", file, "config :shop, pem")).isPresent(), "the string starts after the line start");
    }

    @Test
    void noActionBetweenTheLinesOfADockerfileHeredocButInsideARunContinuation() {
        DocumentSnapshot file = snapshot("Dockerfile", SourceLanguage.DOCKERFILE, """
                FROM hexpm/elixir AS build
                RUN <<EOF
                mix ecto.migrate
                EOF
                RUN mix deps.get && \\
                    mix ecto.migrate
                """);

        assertTrue(suppress(finding("GT002", file, "mix ecto.migrate\nEOF")).isEmpty());
        assertEquals("""
                FROM hexpm/elixir AS build
                RUN <<EOF
                mix ecto.migrate
                EOF
                RUN mix deps.get && \\
                    # gotcha:disable-next-line GT002
                    mix ecto.migrate
                """, applied(finding("GT002", file, "mix ecto.migrate\n", 1)));
    }

    @Test
    void noActionInsideAContinuedEnvWhichTheGrammarCannotParseWithAComment() {
        DocumentSnapshot file = snapshot("Dockerfile", SourceLanguage.DOCKERFILE,
                "FROM debian\nENV MIX_ENV=prod \\\n    SECRET_KEY_BASE=abc\n");

        assertTrue(suppress(finding("GT005", file, "SECRET_KEY_BASE=abc")).isEmpty());
    }

    @Test
    void inScriptsNoActionAfterAContinuationInsideAHeredocOrAQuoteOrOnTheShebang() {
        DocumentSnapshot script = snapshot("rel/overlays/bin/server", null, """
                #!/bin/sh
                cd -P -- "$(dirname -- "$0")"
                exec env PHX_SERVER=true \\
                  mix phx.server
                cat <<EOF
                mix phx.server
                EOF
                sh -c "
                mix phx.server"
                # don't start a second one
                mix phx.server
                """);

        assertTrue(suppress(finding("GT002", script, "#!/bin/sh")).isEmpty());
        assertTrue(suppress(finding("GT002", script, "mix phx.server\n")).isEmpty(), "continued command");
        assertTrue(suppress(finding("GT002", script, "mix phx.server\nEOF")).isEmpty(), "heredoc");
        assertTrue(suppress(finding("GT002", script, "mix phx.server\"")).isEmpty(), "quoted");
        assertTrue(applied(finding("GT002", script, "mix phx.server\n", 2))
                .endsWith("# don't start a second one\n# gotcha:disable-next-line GT002\nmix phx.server\n"));
    }

    @Test
    void theUnusedSuppressionRuleGetsNoSuppressAction() {
        DocumentSnapshot file = snapshot("config/prod.exs", SourceLanguage.ELIXIR, "import Config\n# gotcha:disable GT005\n");

        assertTrue(suppress(finding("GT101", file, "# gotcha:disable GT005")).isEmpty());
    }

    /** A finding on the {@code n}th (0-based) occurrence of {@code marker}. */
    private static Finding finding(String rule, DocumentSnapshot file, String marker, int n) {
        int start = -1;
        for (int i = 0; i <= n; i++) {
            start = file.text().text().indexOf(marker, start + 1);
        }
        return new Finding(RuleDocs.lookup(Rules.catalog(), rule), Severity.ERROR, file, start, start + marker.length(),
                "found", List.of());
    }
}
