package dev.gotchals.syntax;

import org.treesitter.TSLanguage;
import org.treesitter.TreeSitterDockerfile;
import org.treesitter.TreeSitterElixir;

import java.util.function.Supplier;

/** The languages Gotcha LS parses with tree-sitter. Plain scripts (fly.toml, Procfile, shell) are read as text. */
public enum SourceLanguage {
    ELIXIR(TreeSitterElixir::new),
    DOCKERFILE(TreeSitterDockerfile::new);

    private final Supplier<TSLanguage> grammar;
    private volatile TSLanguage loaded;

    SourceLanguage(Supplier<TSLanguage> grammar) {
        this.grammar = grammar;
    }

    /** The tree-sitter grammar, loaded (native library included) on first use. */
    TSLanguage grammar() {
        TSLanguage language = loaded;
        if (language == null) {
            synchronized (this) {
                if (loaded == null) {
                    loaded = grammar.get();
                }
                language = loaded;
            }
        }
        return language;
    }
}
