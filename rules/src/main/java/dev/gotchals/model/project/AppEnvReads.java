package dev.gotchals.model.project;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.workspace.FileRole;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How the project's code ({@code lib/}) reads application config: when it runs ({@code Application.get_env},
 * {@code fetch_env}, {@code fetch_env!}) or when it compiles ({@code Application.compile_env},
 * {@code compile_env!}), a value a release checks again at boot and refuses to start when it changed.
 */
public final class AppEnvReads {
    /** When a read happens. */
    public enum Kind { RUNTIME, COMPILE_TIME }

    private static final Map<String, Kind> FUNCTIONS = Map.of("get_env", Kind.RUNTIME, "fetch_env", Kind.RUNTIME,
            "fetch_env!", Kind.RUNTIME, "compile_env", Kind.COMPILE_TIME, "compile_env!", Kind.COMPILE_TIME);

    /**
     * One read of an app's config.
     *
     * @param app  the app ({@code :shop} → "shop"), or null when it is not a literal atom
     * @param key  the key read ({@code :feature}, {@code ShopWeb.Endpoint}; the first of a compile_env path), or
     *             null when not written literally
     * @param kind when it is read
     * @param call the call as written
     */
    public record Read(String app, String key, Kind kind, RemoteCalls.Call call) {
    }

    private final List<Read> reads;

    private AppEnvReads(List<Read> reads) {
        this.reads = List.copyOf(reads);
    }

    public static AppEnvReads of(ProjectContext project) {
        return project.model(AppEnvReads.class, AppEnvReads::read);
    }

    private static AppEnvReads read(ProjectContext project) {
        List<Read> reads = new ArrayList<>();
        RemoteCalls calls = RemoteCalls.of(project);
        for (Map.Entry<String, Kind> function : FUNCTIONS.entrySet()) {
            for (RemoteCalls.Call call : calls.find(FileRole.ELIXIR_SOURCE, "Application", function.getKey())) {
                List<Node> arguments = call.arguments();
                if (!arguments.isEmpty()) {
                    String app = ElixirSyntax.atomName(call.tree(), arguments.get(0));
                    String key = arguments.size() > 1 ? key(call.tree(), arguments.get(1)) : null;
                    reads.add(new Read(app, key, function.getValue(), call));
                }
            }
        }
        reads.sort(Comparator.comparing((Read read) -> read.call().file().path())
                .thenComparingInt(read -> read.call().node().startByte()));
        return new AppEnvReads(reads);
    }

    /** {@code :feature} → "feature", {@code ShopWeb.Endpoint} as written, {@code [:feature, :enabled]} → "feature". */
    private static String key(SyntaxTree tree, Node node) {
        Node first = node.is("list") && !node.namedChildren().isEmpty() ? node.namedChildren().get(0) : node;
        return first.is("alias") ? tree.text(first) : ElixirSyntax.atomName(tree, first);
    }

    public List<Read> reads() {
        return reads;
    }

    /** Whether the code reads any of {@code app}'s config at compile time. */
    public boolean readsAtCompileTime(String app) {
        return reads.stream().anyMatch(read -> read.kind() == Kind.COMPILE_TIME && app.equals(read.app()));
    }
}
