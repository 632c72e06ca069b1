package dev.gotchals.syntax;

import dev.gotchals.rules.TestWorkspaces;
import dev.gotchals.text.TextDocument;
import org.junit.jupiter.api.Test;
import org.treesitter.TSNode;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The copy of a tree equals one made the straightforward way, with every getter asked of every node. */
class NodeCopierTest {
    @Test
    void theGrammarsAwkwardCasesCopyAsEveryGetterSays() {
        int missing = 0;
        for (String text : List.of(
                "",
                "FROM elixir:1.16 AS build\r\nENV MIX_ENV=\"prod\" LANG=C.UTF-8\r\nRUN mix deps.get && \\\r\n"
                        + "    mix release\r\n",
                // Flags and paths end with tokens the grammar hides: their end is not their last child's.
                "FROM --platform=linux/amd64 elixir AS build\nCOPY --chown=app:app --from=build $SRC/x ${DEST}/y\n"
                        + "ADD --checksum=sha256:abc https://x/y.tgz /opt/\nRUN --mount=type=secret,id=k cat /k",
                "FROM x \nRUN apt-get update \\\n# a note\n  && apt-get install -y git \t\nENV A=1 \\\n  B=\"two\"\n",
                "FROM x\nRUN <<EOF\nmix release\nEOF\nCOPY <<-EOT /app/x\n\tline\n\tEOT\nRUN mix\u0000release\n",
                "FROM x\nLABEL description=\"Café 🚀\"\nRUN echo \"$(\nENV =\nCOPY --from= \nHEALTHCHECK CMD\n",
                "FROM elixir:1.16 AS build\nCOPY --from=build /app/_build/prod/rel/shop ./\nCMD [\"/app/bin/shop\", \"start\"\n")) {
            missing += compare(SourceLanguage.DOCKERFILE, text, "a Dockerfile");
        }
        for (String text : List.of(
                "",
                "mkdir -p /app/priv/static/bundle-2 \\\n  && echo \"bundle 2\" > /app/priv/static/bundle-2/VERSION",
                "#!/bin/sh\nset -eu\nif [ -n \"${DATABASE_URL:-}\" ]; then\r\n  exec /app/bin/shop start\nfi\necho \"$(\n",
                "cat <<EOF > /etc/x\n$HOME\nEOF\necho ${x:-$(date)} 'a\u0000b' | tee -a y\na=(1 2) b=$((1 + 2))x\n",
                "case \"$1\" in\n  start) exec bin/shop start ;;\n  *) echo \"héllo ✓\" ;;\nesac\n[[ -f x && $y == z* ]]",
                "x|".repeat(40))) {
            missing += compare(SourceLanguage.BASH, text, "a script");
        }
        for (String text : List.of(
                "",
                "defmodule Shop.Café do\r\n  def run(input) when is_integer(input), do: input + 1\r\nend\r\n",
                "defmodule Shop do\n  def broken(, do: [1, 2\nend\nfoo(\n",
                "x = \"\"\"\nheredoc #{1 +\n\"\"\"\n~s(a #{b} c)a")) {
            missing += compare(SourceLanguage.ELIXIR, text, "Elixir");
        }
        assertTrue(missing > 0, "the texts should make tree-sitter insert MISSING nodes");
    }

    @Test
    void everyFileOfTheSampleWorkspacesCopiesAsEveryGetterSays() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(TestWorkspaces.root())) {
            paths.filter(Files::isRegularFile).forEach(files::add);
        }
        int compared = 0;
        for (Path file : files) {
            SourceLanguage language = languageOf(file.getFileName().toString());
            if (language != null) {
                compare(language, Files.readString(file), file.toString());
                compared++;
            }
        }
        assertTrue(compared > 100, "only " + compared + " files compared");
    }

    /** Compares the copy of each statement, and of the whole tree; returns how many MISSING nodes the tree has. */
    private static int compare(SourceLanguage language, String source, String what) {
        TextDocument text = TextDocument.of(source);
        TSTree tree = Parsers.parse(language, text, null);
        TSNode root = tree.getRootNode();
        Node expected;
        try (TSTreeCursor cursor = new TSTreeCursor(root)) {
            expected = reference(cursor, text, null);
        }
        NodeCopier copier = new NodeCopier(language, text);
        assertEquals(expected, copier.copy(root), what + ": " + source);
        assertEquals(expected.children(), copier.copyChildren(root), what + ", statement by statement: " + source);
        int[] missing = new int[1];
        expected.forEachDescendant(node -> missing[0] += node.isMissing() ? 1 : 0);
        return missing[0];
    }

    /** The cursor's node asked everything by the binding's own getters, recursively. */
    private static Node reference(TSTreeCursor cursor, TextDocument text, String field) {
        TSNode node = cursor.currentNode();
        List<Node> children = new ArrayList<>();
        if (cursor.gotoFirstChild()) {
            do {
                children.add(reference(cursor, text, cursor.currentFieldName()));
            } while (cursor.gotoNextSibling());
            cursor.gotoParent();
        }
        int start = node.getStartByte();
        int end = node.getEndByte();
        return new Node(node.getType(), node.isNamed(), node.isMissing(), field, start, end, List.copyOf(children),
                children.isEmpty() ? text.textOfBytes(start, end) : null);
    }

    private static SourceLanguage languageOf(String name) {
        if (name.startsWith("Dockerfile") || name.endsWith(".dockerfile")) {
            return SourceLanguage.DOCKERFILE;
        }
        if (name.endsWith(".ex") || name.endsWith(".exs")) {
            return SourceLanguage.ELIXIR;
        }
        return name.endsWith(".sh") || name.endsWith(".sh.eex") ? SourceLanguage.BASH : null;
    }
}
