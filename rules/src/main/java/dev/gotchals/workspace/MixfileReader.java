package dev.gotchals.workspace;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.TextDocument;

import java.util.Locale;

/** Reads the facts Gotcha LS needs from a {@code mix.exs} without evaluating it. */
final class MixfileReader {
    String appName;
    String modulePrefix;
    String appsPath;

    static MixfileReader read(String source) {
        MixfileReader reader = new MixfileReader();
        SyntaxTree tree = SyntaxTree.parse(SourceLanguage.ELIXIR, TextDocument.of(source));
        tree.root().forEachDescendant(node -> reader.visit(tree, node));
        return reader;
    }

    private void visit(SyntaxTree tree, Node node) {
        if (!node.is("pair")) {
            return;
        }
        String key = ElixirSyntax.keywordName(tree, node);
        Node value = node.child("value");
        if (key == null || value == null) {
            return;
        }
        switch (key) {
            case "app" -> {
                if (appName == null && value.is("atom")) {
                    appName = ElixirSyntax.atomName(tree, value);
                }
            }
            case "apps_path" -> {
                if (appsPath == null) {
                    appsPath = ElixirSyntax.stringLiteral(tree, value);
                }
            }
            case "mod" -> {
                // mod: {Shop.Application, []}
                Node module = value.is("tuple") ? value.firstOfType("alias") : null;
                if (modulePrefix == null && module != null) {
                    String name = tree.text(module);
                    int dot = name.indexOf('.');
                    modulePrefix = dot > 0 ? name.substring(0, dot) : name;
                }
            }
            default -> {
            }
        }
    }

    /** "my_app" → "MyApp", as Mix's {@code Macro.camelize/1} does for app names. */
    static String camelize(String appName) {
        StringBuilder out = new StringBuilder();
        for (String part : appName.split("_")) {
            if (!part.isEmpty()) {
                out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return out.toString();
    }
}
