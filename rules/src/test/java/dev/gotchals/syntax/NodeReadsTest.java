package dev.gotchals.syntax;

import dev.gotchals.text.TextDocument;
import org.junit.jupiter.api.Test;
import org.treesitter.TSNode;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeReadsTest {
    @Test
    void theStartByteIsReadFromTheNodeWithoutANativeCall() {
        assertTrue(NodeReads.readsStartByteFromTheNode(), "the tree-sitter binding no longer has TSNode.context0");
    }

    @Test
    void everyNodeReadsAsTreeSittersOwnGetters() {
        // Multi-byte text, syntax errors (ERROR and zero-width MISSING nodes) and each grammar.
        int missing = 0;
        missing += compareEveryNode(SourceLanguage.ELIXIR, """
                defmodule Shop.Café do
                  @moduledoc "Ünïcode 🚀"
                  def run(input) when is_integer(input), do: input + 1
                  def broken(, do: [1, 2
                end
                foo(
                """);
        missing += compareEveryNode(SourceLanguage.DOCKERFILE, """
                FROM elixir:1.16 AS build
                ENV MIX_ENV="prod" LANG=C.UTF-8
                RUN mix deps.get && \\
                    mix release
                COPY --from=build /app/_build/prod/rel/shop ./
                CMD ["/app/bin/shop", "start"
                """);
        missing += compareEveryNode(SourceLanguage.BASH, """
                #!/bin/sh
                set -eu
                if [ -n "${DATABASE_URL:-}" ]; then
                  exec /app/bin/shop eval "Shop.Release.migrate()"
                fi
                echo "$(
                """);
        assertTrue(missing > 0, "the texts should make tree-sitter insert MISSING nodes");
    }

    /** Compares every node of the text's tree; returns how many were MISSING. */
    private static int compareEveryNode(SourceLanguage language, String source) {
        TSTree tree = Parsers.parse(language, TextDocument.of(source), null);
        int missing = 0;
        try (TSTreeCursor cursor = new TSTreeCursor(tree.getRootNode())) {
            while (true) {
                TSNode node = cursor.currentNode();
                String where = language + " " + node;
                assertEquals(node.getSymbol(), NodeReads.symbol(node), where);
                assertEquals(node.getStartByte(), NodeReads.startByte(node), where);
                assertEquals(node.getEndByte(), NodeReads.endByte(node), where);
                assertEquals(node.isMissing(), NodeReads.isMissing(node), where);
                missing += node.isMissing() ? 1 : 0;
                if (cursor.gotoFirstChild()) {
                    continue;
                }
                while (!cursor.gotoNextSibling()) {
                    if (!cursor.gotoParent()) {
                        return missing;
                    }
                }
            }
        }
    }
}
