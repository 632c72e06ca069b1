package dev.gotchals.elixir;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.mix.MixExs;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.TextDocument;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Parsed Elixir files from inline text, for the model's tests. */
public final class Sources {
    private Sources() {
    }

    public static DocumentSnapshot file(String path, String source) {
        TextDocument text = TextDocument.of(source);
        return new DocumentSnapshot(Path.of("/project").resolve(path), DocumentSnapshot.ON_DISK, text,
                SyntaxTree.parse(SourceLanguage.ELIXIR, text));
    }

    /** The module index of files given as path, source, path, source, … */
    public static ModuleIndex index(String... pathsAndSources) {
        List<DocumentSnapshot> files = new ArrayList<>();
        for (int i = 0; i < pathsAndSources.length; i += 2) {
            files.add(file(pathsAndSources[i], pathsAndSources[i + 1]));
        }
        return ModuleIndex.of(files);
    }

    public static MixExs mix(String source) {
        return MixExs.read(file("mix.exs", source));
    }
}
