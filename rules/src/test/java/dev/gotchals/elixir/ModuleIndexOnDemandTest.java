package dev.gotchals.elixir;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.TextDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The module index parses a file only when a question needs it, and answers as if it had parsed them all. */
class ModuleIndexOnDemandTest {
    private static DocumentSnapshot unparsed(String path, String source) {
        return DocumentSnapshot.parsedOnDemand(Path.of("/project").resolve(path), DocumentSnapshot.ON_DISK,
                TextDocument.of(source), SourceLanguage.ELIXIR);
    }

    /**
     * Every way of writing a module the grammar reads as {@code defmodule} with an alias: the text scan must not
     * miss the name, nor a nested module's full name, whatever the grammar makes of the blanks and comments.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "defmodule Shop.Accounts do\nend\n",
            "defmodule(Shop.Paren, do: nil)\n",
            "defmodule( Shop.Spaced , do: nil)\n",
            "defmodule Shop.Keyword, do: nil\n",
            "defmodule\tShop.Tab do\nend\n",
            "defmodule Shop.Crlf do\r\nend\r\n",
            "defmodule Shop.Outer do\n  defmodule Inner.Deep do\n  end\nend\n",
            "defmodule # why\n  Shop.Commented do\nend\n",
            "defmodule \\\n  Shop.Continued do\nend\n",
            "defmodule Shop .\n  Split do\nend\n",
            "defmodule Shop.\n  Dot do\nend\n",
            "defmodule Shop.Ünicode do\nend\n",
            "defmodule Shop.Q? do\nend\n",
            "defmodule A1_b.C_2 do\nend\n",
            "\"defmodule Fake do\"\ndefmodule Shop.Real do\nend\n",
            "defmodule Shop.Sigil do\n  @doc ~S\"defmodule x\"\n  defmodule Child do\n  end\nend\n",
    })
    void theTextScanFindsEveryModuleTheGrammarReads(String source) {
        SyntaxTree tree = SyntaxTree.parse(SourceLanguage.ELIXIR, TextDocument.of(source));
        DefinedNames scanned = DefinedNames.scan(source);
        List<String> written = new ArrayList<>();
        tree.root().forEachDescendant(node -> {
            List<Node> arguments = "defmodule".equals(ElixirSyntax.localCallName(tree, node))
                    ? ElixirSyntax.arguments(node) : List.of();
            if (!arguments.isEmpty() && arguments.get(0).is("alias")) {
                written.add(tree.text(arguments.get(0)));
            }
        });
        for (String alias : written) {
            assertTrue(scanned.mayDefine(alias), alias + " in " + source);
            assertTrue(scanned.mayDefine("Outer." + alias), "Outer." + alias + " in " + source);
        }
        // And the index built from the unparsed file finds every module an index of the parsed file holds.
        ModuleIndex eager = Sources.index("lib/a.ex", source);
        ModuleIndex onDemand = ModuleIndex.of(List.of(unparsed("lib/a.ex", source)));
        assertEquals(eager.all().stream().map(ModuleIndex.Module::name).toList(),
                onDemand.all().stream().map(ModuleIndex.Module::name).toList(), source);
        for (ModuleIndex.Module module : eager.all()) {
            assertNotNull(onDemand.find(module.name()), module.name());
        }
    }

    @Test
    void findParsesOnlyTheFilesThatMayDefineTheName() {
        DocumentSnapshot accounts = unparsed("lib/accounts.ex", "defmodule Shop.Accounts do\nend\n");
        DocumentSnapshot other = unparsed("lib/other.ex", "defmodule Shop.Other do\n  alias Shop.Accounts\nend\n");
        DocumentSnapshot helpers = unparsed("lib/helpers.ex", "defmodule Shop.Helpers do\nend\n");
        ModuleIndex index = ModuleIndex.of(List.of(other, helpers, accounts));
        assertEquals("Shop.Accounts", index.find("Shop.Accounts").name());
        assertTrue(accounts.treeParsed());
        assertFalse(other.treeParsed(), "it names Shop.Accounts, but defines Shop.Other only");
        assertFalse(helpers.treeParsed());
        assertNull(index.find("Shop.Missing"));
        assertFalse(helpers.treeParsed());
    }

    @Test
    void aQuestionParsesOnlyTheFilesWhoseTextHasItsWord() {
        DocumentSnapshot repo = unparsed("lib/repo.ex", "defmodule Shop.Repo do\n  use Ecto.Repo, otp_app: :shop\nend\n");
        DocumentSnapshot plain = unparsed("lib/plain.ex", "defmodule Shop.Plain do\nend\n");
        ModuleIndex index = ModuleIndex.of(List.of(plain, repo));
        assertEquals(List.of("Shop.Repo"), index.inFilesMentioning("Ecto.Repo").stream().map(ModuleIndex.Module::name)
                .toList());
        assertFalse(plain.treeParsed());
        assertFalse(index.isEmpty());
    }

    /**
     * When two files define one name, the first file's module is the one indexed, even when only the second has
     * the word a question looks for: the first must be parsed to know it hides the second.
     */
    @Test
    void aModuleHiddenByAnEarlierOneOfTheSameNameIsNotAnswered() {
        DocumentSnapshot plain = unparsed("lib/a.ex", "defmodule Shop.Repo do\nend\n");
        DocumentSnapshot repo = unparsed("lib/b.ex", "defmodule Shop.Repo do\n  use Ecto.Repo, otp_app: :shop\nend\n");
        ModuleIndex index = ModuleIndex.of(List.of(plain, repo));
        assertEquals(List.of(), index.inFilesMentioning("Ecto.Repo"));
        assertSame(plain.tree(), index.find("Shop.Repo").tree());

        ModuleIndex reversed = ModuleIndex.of(List.of(
                unparsed("lib/b.ex", "defmodule Shop.Repo do\n  use Ecto.Repo, otp_app: :shop\nend\n"),
                unparsed("lib/a.ex", "defmodule Shop.Repo do\nend\n")));
        assertEquals(1, reversed.inFilesMentioning("Ecto.Repo").size());
    }

    @Test
    void migrationRunnersAreFoundThroughAGroupedAlias() {
        // The file never writes "Ecto.Migrator": the question looks for the last segment.
        ModuleIndex index = ModuleIndex.of(List.of(unparsed("lib/release.ex", """
                defmodule Shop.Release do
                  alias Ecto.{Migrator}
                  def migrate, do: Migrator.with_repo(Shop.Repo, &Migrator.run(&1, :up, all: true))
                end
                """)));
        assertEquals(List.of("Shop.Release"), index.migratorCallers().stream().map(ModuleIndex.Module::name).toList());
    }

    @Test
    void filesWithoutModulesMakeAnEmptyIndex() {
        ModuleIndex index = ModuleIndex.of(List.of(unparsed("lib/doc.ex", "# how to defmodule things\n"),
                unparsed("lib/none.ex", "IO.puts(:hi)\n")));
        assertTrue(index.isEmpty());
        assertEquals(List.of(), index.all());
    }
}
