package dev.gotchals.model.project;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.TextSearch;
import dev.gotchals.workspace.FileRole;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls of named remote functions ({@code System.get_env!}, {@code Application.compile_env}) in the project's Elixir
 * files of one role (code under {@code lib/}, config), each function looked up once per analysis.
 */
public final class RemoteCalls {
    /** One call of the function, as written in its file. */
    public record Call(DocumentSnapshot file, Node node) {
        public SyntaxTree tree() {
            return file.tree();
        }

        public List<Node> arguments() {
            return ElixirSyntax.arguments(node);
        }
    }

    private final ProjectContext project;
    private final Map<String, List<Call>> found = new ConcurrentHashMap<>();

    private RemoteCalls(ProjectContext project) {
        this.project = project;
    }

    public static RemoteCalls of(ProjectContext project) {
        return project.model(RemoteCalls.class, RemoteCalls::new);
    }

    /** Every call of {@code module.function} in the files of {@code role}, file by file, in text order. */
    public List<Call> find(FileRole role, String module, String function) {
        return found.computeIfAbsent(role + " " + module + "." + function, key -> scan(role, module, function));
    }

    private List<Call> scan(FileRole role, String module, String function) {
        List<Call> calls = new ArrayList<>();
        String needle = function.toLowerCase(Locale.ROOT);
        for (DocumentSnapshot file : project.files(role)) {
            // The text check first: a file that does not name the function is not parsed.
            if (!file.isParsed() || !TextSearch.containsIgnoringCase(file.text().text(), needle)) {
                continue;
            }
            SyntaxTree tree = file.tree();
            tree.root().forEachDescendant(node -> {
                if (ElixirSyntax.isRemoteCall(tree, node, module, function)) {
                    calls.add(new Call(file, node));
                }
            });
        }
        return List.copyOf(calls);
    }
}
