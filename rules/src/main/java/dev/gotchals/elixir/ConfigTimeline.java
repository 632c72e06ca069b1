package dev.gotchals.elixir;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every {@code config} call of a project in the order Elixir evaluates them for one environment: config.exs
 * with each {@code import_config} expanded where it stands (so a call after the import overrides the imported
 * file), then runtime.exs. Calls whose condition rules the environment out are left out; calls under a
 * condition the linter cannot decide are kept with {@link Truth#UNKNOWN}.
 */
public final class ConfigTimeline {
    private static final int MAX_IMPORT_DEPTH = 8;

    private final String env;
    private final List<ConfigCall> calls;
    private final Set<Path> files;

    private ConfigTimeline(String env, List<ConfigCall> calls, Set<Path> files) {
        this.env = env;
        this.calls = List.copyOf(calls);
        this.files = Set.copyOf(files);
    }

    /** The production timeline, built once per analysis and shared by the rules. */
    public static ConfigTimeline prod(ProjectContext project) {
        return project.model(ConfigTimeline.class, p -> of(p, "prod"));
    }

    public static ConfigTimeline of(ProjectContext project, String env) {
        Builder builder = new Builder(project, env);
        DocumentSnapshot config = project.configFile("config.exs");
        if (config != null) {
            builder.walkFile(config, ConfigPhase.BUILD, new HashSet<>(), 0);
        }
        DocumentSnapshot runtime = project.configFile("runtime.exs");
        if (runtime == null) {
            runtime = project.configFile("releases.exs");
        }
        if (runtime != null) {
            builder.walkFile(runtime, ConfigPhase.RUNTIME, new HashSet<>(), 0);
        }
        return new ConfigTimeline(env, builder.calls, builder.files);
    }

    public String env() {
        return env;
    }

    public List<ConfigCall> calls() {
        return calls;
    }

    /** Whether the file is evaluated in this environment (config.exs imports it, or it is runtime.exs). */
    public boolean evaluates(Path file) {
        return files.contains(file);
    }

    /** A value given to a key, where and how surely. */
    public record Setting(ConfigCall call, Node value) {
    }

    /** Every setting of {@code app}/{@code subject}/{@code key} in evaluation order ({@code subject} may be null). */
    public List<Setting> settings(String app, String subject, String key) {
        List<Setting> settings = new ArrayList<>();
        for (ConfigCall call : calls) {
            if (call.app().equals(app) && java.util.Objects.equals(call.subject(), subject)) {
                Node value = call.value(key);
                if (value != null) {
                    settings.add(new Setting(call, value));
                }
            }
        }
        return settings;
    }

    /**
     * The file an {@code import_config} call loads for {@code env}: {@code import_config "prod.exs"} or
     * {@code import_config "#{config_env()}.exs"}, relative to the importing file. Null when it cannot be told.
     */
    public static DocumentSnapshot resolveImport(ProjectContext project, DocumentSnapshot file, Node call, String env) {
        List<Node> arguments = ElixirSyntax.arguments(call);
        if (arguments.size() != 1 || !arguments.get(0).is("string")) {
            return null;
        }
        SyntaxTree tree = file.tree();
        StringBuilder name = new StringBuilder();
        for (Node part : arguments.get(0).namedChildren()) {
            if (part.is("quoted_content")) {
                name.append(tree.text(part));
            } else if (part.is("interpolation") && part.namedChildren().size() == 1
                    && EnvCondition.isEnvExpression(tree, part.namedChildren().get(0))) {
                name.append(env);
            } else {
                return null;
            }
        }
        return project.file(file.path().resolveSibling(name.toString()).normalize());
    }

    private static final class Builder {
        private final ProjectContext project;
        private final String env;
        private final List<ConfigCall> calls = new ArrayList<>();
        private final Set<Path> files = new HashSet<>();

        Builder(ProjectContext project, String env) {
            this.project = project;
            this.env = env;
        }

        void walkFile(DocumentSnapshot file, ConfigPhase phase, Set<Path> visiting, int depth) {
            if (!file.isParsed() || depth > MAX_IMPORT_DEPTH || !visiting.add(file.path())) {
                return;
            }
            files.add(file.path());
            walk(file, file.tree().statements(), Truth.TRUE, phase, visiting, depth);
            visiting.remove(file.path());
        }

        /** Statements of one block still to walk, and whether the block applies. */
        private static final class Frame {
            final List<Node> statements;
            final Truth applies;
            int next;

            Frame(List<Node> statements, Truth applies) {
                this.statements = statements;
                this.applies = applies;
            }
        }

        /**
         * Walks statements in evaluation order, entering {@code if}/{@code unless} blocks where they stand. The
         * blocks still open are kept on an explicit stack, so any nesting depth fits the default thread stack.
         */
        private void walk(DocumentSnapshot file, List<Node> statements, Truth applies, ConfigPhase phase,
                          Set<Path> visiting, int depth) {
            SyntaxTree tree = file.tree();
            ArrayDeque<Frame> open = new ArrayDeque<>();
            open.push(new Frame(statements, applies));
            while (!open.isEmpty()) {
                Frame frame = open.peek();
                if (frame.next >= frame.statements.size()) {
                    open.pop();
                    continue;
                }
                Deadline.check();
                Node statement = frame.statements.get(frame.next++);
                String name = ElixirSyntax.localCallName(tree, statement);
                if (name == null || frame.applies == Truth.FALSE) {
                    continue;
                }
                switch (name) {
                    case "config" -> addConfig(file, statement, frame.applies, phase);
                    case "import_config" -> {
                        DocumentSnapshot imported = resolveImport(project, file, statement, env);
                        if (imported != null) {
                            int before = calls.size();
                            walkFile(imported, phase, visiting, depth + 1);
                            if (frame.applies != Truth.TRUE) {
                                for (int i = before; i < calls.size(); i++) {
                                    ConfigCall c = calls.get(i);
                                    calls.set(i, new ConfigCall(c.file(), c.call(), c.app(), c.subject(), c.pairs(),
                                            c.applies().and(frame.applies), c.phase()));
                                }
                            }
                        }
                    }
                    case "if", "unless" -> {
                        List<Node> arguments = ElixirSyntax.arguments(statement);
                        Truth condition = arguments.isEmpty() ? Truth.UNKNOWN
                                : EnvCondition.evaluate(tree, arguments.get(0), env);
                        if (name.equals("unless")) {
                            condition = condition.not();
                        }
                        Node block = ElixirSyntax.doBlock(statement);
                        // The else block is walked after the do block, and both before the next statement.
                        open.push(new Frame(ElixirSyntax.blockStatements(block, true), frame.applies.and(condition.not())));
                        open.push(new Frame(ElixirSyntax.blockStatements(block, false), frame.applies.and(condition)));
                    }
                    default -> {
                    }
                }
            }
        }

        private void addConfig(DocumentSnapshot file, Node call, Truth applies, ConfigPhase phase) {
            SyntaxTree tree = file.tree();
            List<Node> arguments = ElixirSyntax.arguments(call);
            if (arguments.isEmpty()) {
                return;
            }
            String app = ElixirSyntax.atomName(tree, arguments.get(0));
            if (app == null) {
                return;
            }
            String subject = null;
            if (arguments.size() >= 3 || arguments.size() == 2 && !arguments.get(1).is("keywords")) {
                Node second = arguments.get(1);
                subject = second.is("atom") ? ElixirSyntax.atomName(tree, second) : tree.text(second);
            }
            calls.add(new ConfigCall(file, call, app, subject, ElixirSyntax.keywordPairs(call), applies, phase));
        }

    }
}
