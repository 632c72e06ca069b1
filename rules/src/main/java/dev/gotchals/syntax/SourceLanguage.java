package dev.gotchals.syntax;

import org.treesitter.TSLanguage;
import org.treesitter.TSSymbolType;
import org.treesitter.TreeSitterBash;
import org.treesitter.TreeSitterDockerfile;
import org.treesitter.TreeSitterElixir;

import java.util.function.Supplier;

/** The languages Gotcha LS parses with tree-sitter. TOML is read with tomlj; a Procfile is a list of lines. */
public enum SourceLanguage {
    ELIXIR(TreeSitterElixir::new),
    DOCKERFILE(TreeSitterDockerfile::new),
    /** Shell scripts and the shell commands of Dockerfiles, Procfiles and fly.toml. */
    BASH(TreeSitterBash::new);

    private final Supplier<TSLanguage> grammar;
    private volatile TSLanguage loaded;
    private volatile Symbols symbols;

    /**
     * Node type and field names by id, read once from the grammar: asking tree-sitter for a node's numeric symbol
     * and looking its name up here saves a JNI string per node.
     */
    record Symbols(String[] names, boolean[] named, String[] fields) {
        String name(int symbol) {
            return symbol >= 0 && symbol < names.length ? names[symbol] : null;
        }

        boolean isNamed(int symbol) {
            return symbol >= 0 && symbol < named.length && named[symbol];
        }

        String field(int id) {
            return id > 0 && id < fields.length ? fields[id] : null;
        }
    }

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

    Symbols symbols() {
        Symbols table = symbols;
        if (table == null) {
            TSLanguage language = grammar();
            int count = language.symbolCount();
            String[] names = new String[count];
            boolean[] named = new boolean[count];
            for (int symbol = 0; symbol < count; symbol++) {
                String name = language.symbolName(symbol);
                names[symbol] = name == null ? null : name.intern();
                named[symbol] = language.symbolType(symbol) == TSSymbolType.TSSymbolTypeRegular;
            }
            String[] fields = new String[language.fieldCount() + 1];
            for (int id = 1; id < fields.length; id++) {
                String field = language.fieldNameForId(id);
                fields[id] = field == null ? null : field.intern();
            }
            table = new Symbols(names, named, fields);
            symbols = table;
        }
        return table;
    }
}
