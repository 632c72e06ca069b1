package dev.gotchals.rules;

import dev.gotchals.docker.Dockerfile;
import dev.gotchals.docker.Instruction;
import dev.gotchals.docker.ShellCommand;
import dev.gotchals.docker.Stage;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ConfigCall;
import dev.gotchals.elixir.ConfigPhase;
import dev.gotchals.elixir.ConfigTimeline;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.EnvCondition;
import dev.gotchals.elixir.Truth;
import dev.gotchals.facts.ProjectFacts;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.workspace.FileRole;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * GT001 compile-time-env: an environment variable read in build-time config (config.exs, prod.exs and what they
 * import) of a project that ships as a Mix release, so the build machine's value is baked into the release.
 */
public final class CompileTimeEnvRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT001", "compile-time-env",
            "Environment variable read at build time in a release", Severity.WARNING, """
            **What it finds.** In a project that ships as a Mix release (a Dockerfile runs `mix release`, \
            `mix.exs` declares `releases:`, or `rel/` exists): `System.get_env/1,2`, `System.fetch_env/1` or \
            `System.fetch_env!/1` in config that is evaluated for prod while the release is built: \
            `config/config.exs`, `config/prod.exs`, a legacy `prod.secret.exs`, and whatever they \
            `import_config`. Reads in `config/runtime.exs` (or the older `releases.exs`), `dev.exs`, `test.exs` \
            and in branches that only run in dev or test (`if config_env() == :dev`, \
            `unless config_env() == :prod`, a `case config_env()` clause for `:test` …) are fine. So are reads of \
            a variable the Dockerfile's build stage sets itself with `ENV`/`ARG` (a deliberate build-time value \
            such as a git revision), Mix's own `MIX_ENV`, `MIX_TARGET` …, and Nerves projects, whose firmware is meant to carry build-time config.

            **Why it matters.** `config.exs` and the files it imports are evaluated when `mix release` assembles \
            the release, on the build machine (a CI runner, a Docker build stage). `System.get_env("DATABASE_URL")` \
            there reads the *build* environment, which usually does not have the production value: the release \
            gets `nil` (or the build machine's value) written into its `sys.config`, and setting the variable on \
            the server later changes nothing. `System.fetch_env!` fails the build outright when the builder \
            lacks the variable. Mix prints no warning about either.

            **Instead.** Read environment variables in `config/runtime.exs`, which is copied into the release \
            and evaluated at every boot, inside `if config_env() == :prod do … end` for production-only values.

            **Fix.** Moves the enclosing top-level `config` call (with the comment lines right above it) from \
            `prod.exs`/`prod.secret.exs` to the end of the `if config_env() == :prod do` block of \
            `config/runtime.exs`, creating that block, or `runtime.exs` itself with `import Config`, when missing. \
            The fix is marked safe unless the move could change what the app sees: the call uses a variable \
            bound elsewhere in its file (then no fix is offered, as the moved code would not compile), a later \
            build-time call or runtime.exs sets the same keys (their order would flip), or the keys are read \
            with `Application.compile_env` (the release refuses to boot when they change at runtime). A call in \
            `config.exs` runs in every environment, so it is moved to the top of `runtime.exs`, outside the prod \
            block, where dev and test still evaluate it (marked unsafe: it now runs after `dev.exs`/`test.exs`). \
            A read outside a `config` call, such as `port = String.to_integer(System.get_env("PORT") || "4000")` \
            at the top of `prod.exs`, gets no fix: the binding and every statement that uses it would have to \
            move together, which is a change to make by hand.""", """
            ```elixir
            # config/prod.exs (the Dockerfile runs `mix release`)
            import Config

            config :shop, Shop.Repo,
              url: System.get_env("DATABASE_URL")

            config :shop, ShopWeb.Endpoint,
              secret_key_base: System.fetch_env!("SECRET_KEY_BASE")
            ```
            """, """
            ```elixir
            # config/runtime.exs
            import Config

            if config_env() == :prod do
              config :shop, Shop.Repo,
                url: System.get_env("DATABASE_URL")

              config :shop, ShopWeb.Endpoint,
                secret_key_base: System.fetch_env!("SECRET_KEY_BASE")
            end
            ```
            """);

    private static final int MAX_IMPORT_DEPTH = 8;
    private static final String ENV = "prod";
    /** Endpoint keys Phoenix reads with Application.compile_env: setting them at runtime is ineffective or fatal. */
    private static final Set<String> COMPILE_TIME_KEYS = Set.of("code_reloader", "debug_errors", "force_ssl");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ProjectContext project) {
        ProjectFacts facts = ProjectFacts.of(project);
        if (!facts.buildsRelease() || dependsOnNerves(project)) {
            return List.of();
        }
        DocumentSnapshot config = project.configFile("config.exs");
        if (config == null) {
            return List.of();
        }
        Walker walker = new Walker(project, buildStageVariables(facts));
        walker.walkFile(config, Truth.TRUE, false, new HashSet<>(), 0);

        List<Finding> findings = new ArrayList<>();
        for (Read read : walker.reads) {
            findings.add(finding(project, facts, read));
        }
        return findings;
    }

    /** One environment-variable read that runs at build time for prod. */
    private record Read(DocumentSnapshot file, Node call, Node statement, boolean topLevel, boolean prodOnly,
                        Truth applies) {
    }

    private Finding finding(ProjectContext project, ProjectFacts facts, Read read) {
        SyntaxTree tree = read.file().tree();
        String fileName = project.project().relativize(read.file().path());
        String message = readLabel(tree, read.call()) + " in " + fileName + " is evaluated when the release is built ("
                + facts.releaseEvidence() + "), so the build machine's value is baked into the release; "
                + "read it in config/runtime.exs.";
        List<Fix> fixes = new ArrayList<>();
        Fix move = moveFix(project, read);
        if (move != null) {
            fixes.add(move);
        }
        return new Finding(INFO, INFO.defaultSeverity(), read.file(), tree.startOffset(read.call()),
                tree.endOffset(read.call()), message, fixes);
    }

    /** {@code System.get_env("DATABASE_URL")}, or the call as written when its argument is not a literal. */
    private static String readLabel(SyntaxTree tree, Node call) {
        String text = tree.text(call);
        return text.contains("\n") || text.length() > 80 ? text.substring(0, text.indexOf('(') + 1) + "…)" : text;
    }

    // ---- what runs at build time for prod ----

    private static final class Walker {
        private final ProjectContext project;
        private final Set<String> buildVariables;
        private final List<Read> reads = new ArrayList<>();

        Walker(ProjectContext project, Set<String> buildVariables) {
            this.project = project;
            this.buildVariables = buildVariables;
        }

        void walkFile(DocumentSnapshot file, Truth applies, boolean prodOnly, Set<Path> visiting, int depth) {
            if (!file.isParsed() || depth > MAX_IMPORT_DEPTH || !visiting.add(file.path())) {
                return;
            }
            walkStatements(file, file.tree().statements(), applies, true, prodOnly, visiting, depth);
            visiting.remove(file.path());
        }

        /** Statements of one block still to walk, and whether the block applies. */
        private static final class Frame {
            final List<Node> statements;
            final Truth applies;
            final boolean topLevel;
            int next;

            Frame(List<Node> statements, Truth applies, boolean topLevel) {
                this.statements = statements;
                this.applies = applies;
                this.topLevel = topLevel;
            }
        }

        /**
         * Walks statements in evaluation order, entering {@code if}/{@code unless} blocks where they stand. The
         * blocks still open are kept on an explicit stack, so any nesting depth fits the default thread stack.
         */
        private void walkStatements(DocumentSnapshot file, List<Node> statements, Truth applies, boolean topLevel,
                                    boolean prodOnly, Set<Path> visiting, int depth) {
            SyntaxTree tree = file.tree();
            ArrayDeque<Frame> open = new ArrayDeque<>();
            open.push(new Frame(statements, applies, topLevel));
            while (!open.isEmpty()) {
                Frame frame = open.peek();
                if (frame.next >= frame.statements.size() || frame.applies == Truth.FALSE) {
                    open.pop();
                    continue;
                }
                Deadline.check();
                Node statement = frame.statements.get(frame.next++);
                String name = ElixirSyntax.localCallName(tree, statement);
                Node block = ElixirSyntax.doBlock(statement);
                if ("import_config".equals(name)) {
                    List<Node> arguments = ElixirSyntax.arguments(statement);
                    DocumentSnapshot imported = ConfigTimeline.resolveImport(project, file, statement, ENV);
                    if (imported != null) {
                        boolean byEnv = tree.text(arguments.get(0)).contains("#{");
                        walkFile(imported, frame.applies, prodOnly || byEnv || isProdFileName(imported), visiting,
                                depth + 1);
                    }
                } else if (("if".equals(name) || "unless".equals(name)) && block != null) {
                    List<Node> arguments = ElixirSyntax.arguments(statement);
                    Truth condition = Truth.UNKNOWN;
                    if (!arguments.isEmpty()) {
                        scan(file, arguments.get(0), statement, false, prodOnly, frame.applies);
                        condition = EnvCondition.evaluate(tree, arguments.get(0), ENV);
                    }
                    if (name.equals("unless")) {
                        condition = condition.not();
                    }
                    // The else block is walked after the do block, and both before the next statement.
                    open.push(new Frame(ElixirSyntax.blockStatements(block, true), frame.applies.and(condition.not()),
                            false));
                    open.push(new Frame(ElixirSyntax.blockStatements(block, false), frame.applies.and(condition), false));
                } else if (tree.mentions(statement, "_env")) {
                    // Every read this rule knows (get_env, fetch_env, fetch_env!) has "_env" in its text.
                    scan(file, statement, statement, frame.topLevel, prodOnly, frame.applies);
                }
            }
        }

        /** Finds reads in an expression, skipping branches that do not run for prod and function bodies. */
        private void scan(DocumentSnapshot file, Node node, Node statement, boolean topLevel, boolean prodOnly,
                          Truth applies) {
            if (applies == Truth.FALSE || node.is("anonymous_function") || node.is("comment")) {
                return;
            }
            SyntaxTree tree = file.tree();
            if (isRead(tree, node)) {
                String variable = ElixirSyntax.stringLiteral(tree, ElixirSyntax.arguments(node).get(0));
                // MIX_ENV, MIX_TARGET …: Mix's own build settings, build-time by nature.
                if (variable == null || !buildVariables.contains(variable) && !variable.startsWith("MIX_")) {
                    reads.add(new Read(file, node, statement, topLevel, prodOnly, applies));
                }
            }
            String name = ElixirSyntax.localCallName(tree, node);
            if ("if".equals(name) || "unless".equals(name)) {
                scanConditional(file, node, statement, topLevel, prodOnly, applies, name.equals("unless"));
                return;
            }
            List<Node> arguments = "case".equals(name) ? ElixirSyntax.arguments(node) : List.of();
            if (arguments.size() == 1 && EnvCondition.isEnvExpression(tree, arguments.get(0))
                    && ElixirSyntax.doBlock(node) != null) {
                scanEnvCase(file, ElixirSyntax.doBlock(node), statement, topLevel, prodOnly, applies);
                return;
            }
            for (Node child : node.children()) {
                scan(file, child, statement, topLevel, prodOnly, applies);
            }
        }

        private void scanConditional(DocumentSnapshot file, Node call, Node statement, boolean topLevel,
                                     boolean prodOnly, Truth applies, boolean unless) {
            SyntaxTree tree = file.tree();
            List<Node> arguments = ElixirSyntax.arguments(call);
            if (arguments.isEmpty()) {
                return;
            }
            scan(file, arguments.get(0), statement, topLevel, prodOnly, applies);
            Truth condition = EnvCondition.evaluate(tree, arguments.get(0), ENV);
            if (unless) {
                condition = condition.not();
            }
            Truth then = applies.and(condition);
            Truth otherwise = applies.and(condition.not());
            Node block = ElixirSyntax.doBlock(call);
            if (block != null) {
                for (Node child : ElixirSyntax.blockStatements(block, false)) {
                    scan(file, child, statement, topLevel, prodOnly, then);
                }
                for (Node child : ElixirSyntax.blockStatements(block, true)) {
                    scan(file, child, statement, topLevel, prodOnly, otherwise);
                }
            }
            // if cond, do: a, else: b
            for (Node pair : arguments.size() > 1 ? ElixirSyntax.pairsOf(arguments.get(arguments.size() - 1)) : List.<Node>of()) {
                String key = ElixirSyntax.keywordName(tree, pair);
                Node value = pair.child("value");
                if (value != null) {
                    scan(file, value, statement, topLevel, prodOnly, "else".equals(key) ? otherwise : then);
                }
            }
        }

        /** {@code case config_env() do :dev -> …; _ -> … end}: only the clause prod takes runs. */
        private void scanEnvCase(DocumentSnapshot file, Node doBlock, Node statement, boolean topLevel,
                                 boolean prodOnly, Truth applies) {
            SyntaxTree tree = file.tree();
            boolean prodMatched = false;
            for (Node clause : doBlock.namedChildren()) {
                if (!clause.is("stab_clause")) {
                    continue;
                }
                Node left = clause.child("left");
                List<Node> patterns = left == null ? List.of() : left.namedChildren();
                boolean allAtoms = !patterns.isEmpty() && patterns.stream().allMatch(p -> ElixirSyntax.atomName(tree, p) != null);
                boolean matchesProd = patterns.stream().anyMatch(p -> ENV.equals(ElixirSyntax.atomName(tree, p)));
                boolean runs = allAtoms ? matchesProd : !prodMatched;
                prodMatched |= matchesProd;
                Node right = clause.child("right");
                if (runs && right != null) {
                    scan(file, right, statement, topLevel, prodOnly, applies);
                }
            }
        }
    }

    private static boolean isRead(SyntaxTree tree, Node node) {
        if (!node.is("call")) {
            return false;
        }
        int arity = ElixirSyntax.arguments(node).size();
        return ElixirSyntax.isRemoteCall(tree, node, "System", "get_env") && (arity == 1 || arity == 2)
                || ElixirSyntax.isRemoteCall(tree, node, "System", "fetch_env") && arity == 1
                || ElixirSyntax.isRemoteCall(tree, node, "System", "fetch_env!") && arity == 1;
    }

    private static boolean isProdFileName(DocumentSnapshot file) {
        String name = file.path().getFileName().toString();
        return name.equals("prod.exs") || name.startsWith("prod.") && name.endsWith(".exs");
    }

    /** Nerves firmware is meant to carry build-time config: its env reads at build time are deliberate. */
    private static boolean dependsOnNerves(ProjectContext project) {
        for (DocumentSnapshot mix : project.files(FileRole.MIX_PROJECT)) {
            if (!mix.isParsed()) {
                continue;
            }
            SyntaxTree tree = mix.tree();
            boolean[] found = {false};
            tree.root().forEachDescendant(node -> {
                if (node.is("tuple") && !node.namedChildren().isEmpty()
                        && "nerves".equals(ElixirSyntax.atomName(tree, node.namedChildren().get(0)))) {
                    found[0] = true;
                }
            });
            if (found[0]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Variables the Dockerfile sets in a stage that runs {@code mix release} (or a stage it builds FROM), with ENV,
     * ARG, or an assignment in front of a command: reading those at build time is the point.
     */
    private static Set<String> buildStageVariables(ProjectFacts facts) {
        Set<String> names = new HashSet<>();
        for (Dockerfile dockerfile : facts.dockerfiles()) {
            for (Stage stage : dockerfile.stages()) {
                boolean releases = stage.all("RUN").stream()
                        .anyMatch(run -> run.commands().stream().anyMatch(command -> command.isMix("release")));
                for (Stage s = stage; releases && s != null; s = dockerfile.parent(s)) {
                    for (Instruction instruction : s.instructions()) {
                        instruction.variables().forEach(variable -> names.add(variable.name()));
                        if (instruction.is("RUN")) {
                            for (ShellCommand command : instruction.commands()) {
                                names.addAll(command.assignments().keySet());
                            }
                        }
                    }
                }
            }
        }
        return names;
    }

    // ---- the fix: move the config call to runtime.exs ----

    private static Fix moveFix(ProjectContext project, Read read) {
        DocumentSnapshot file = read.file();
        SyntaxTree tree = file.tree();
        Node call = read.statement();
        if (read.applies() != Truth.TRUE || !read.topLevel() || !"config".equals(ElixirSyntax.localCallName(tree, call))
                || ElixirSyntax.arguments(call).isEmpty() || usesLocalVariables(tree, call)
                || hasMultilineString(tree, call)) {
            return null;
        }
        String text = file.text().text();
        int callStart = tree.startOffset(call);
        int callEnd = tree.endOffset(call);
        int lineStart = lineStart(text, callStart);
        if (!text.substring(lineStart, callStart).isBlank()) {
            return null;
        }
        int lineEnd = text.indexOf('\n', callEnd);
        lineEnd = lineEnd < 0 ? text.length() : lineEnd;
        String trailing = text.substring(callEnd, lineEnd).strip();
        if (!trailing.isEmpty() && !trailing.startsWith("#")) {
            return null;
        }
        int moveStart = lineStart;
        while (moveStart > 0) {
            int previous = lineStart(text, moveStart - 1);
            if (!text.substring(previous, moveStart).strip().startsWith("#")) {
                break;
            }
            moveStart = previous;
        }
        String moved = text.substring(moveStart, lineEnd);
        int baseIndent = callStart - lineStart;

        DocumentSnapshot runtime = project.configFile("runtime.exs");
        if (runtime == null && project.configFile("releases.exs") != null) {
            return null; // creating runtime.exs would silently disable releases.exs
        }
        if (runtime != null && !runtime.isParsed()) {
            return null;
        }
        String label = callLabel(tree, call);
        Fix.Edit removal = removal(file, moveStart, lineEnd);
        if (read.prodOnly()) {
            boolean safe = safeToMove(project, read, runtime);
            if (runtime == null) {
                Path path = project.project().root().resolve("config").resolve("runtime.exs");
                String content = "import Config\n\nif config_env() == :prod do\n" + reindent(moved, baseIndent, "  ")
                        + "\nend\n";
                return new Fix("Move `" + label + "` into a new config/runtime.exs, inside `if config_env() == :prod`",
                        safe, List.of(removal, new Fix.CreateFile(path, content)));
            }
            Fix.Edit insertion = insertIntoProdBlock(runtime, moved, baseIndent);
            if (insertion == null) {
                return null;
            }
            return new Fix("Move `" + label + "` into the `if config_env() == :prod` block of config/runtime.exs",
                    safe, List.of(removal, insertion));
        }
        // config.exs (or a file it imports for every environment): dev and test need the call too.
        String title = "Move `" + label + "` to config/runtime.exs (evaluated at boot, in every environment)";
        String block = reindent(moved, baseIndent, "");
        if (runtime == null) {
            Path path = project.project().root().resolve("config").resolve("runtime.exs");
            return new Fix(title, false, List.of(removal, new Fix.CreateFile(path, "import Config\n\n" + block + "\n")));
        }
        Fix.Edit insertion = insertAfterImportConfig(runtime, block);
        return insertion == null ? null : new Fix(title, false, List.of(removal, insertion));
    }

    /** {@code config :shop, Shop.Repo} as written. */
    private static String callLabel(SyntaxTree tree, Node call) {
        List<Node> arguments = ElixirSyntax.arguments(call);
        StringBuilder label = new StringBuilder("config ").append(tree.text(arguments.get(0)));
        if (arguments.size() >= 2 && !arguments.get(1).is("keywords")) {
            String subject = tree.text(arguments.get(1));
            if (!subject.contains("\n") && subject.length() <= 60) {
                label.append(", ").append(subject);
            }
        }
        return label.toString();
    }

    /** Whether the call refers to a variable bound by another top-level statement of its file. */
    private static boolean usesLocalVariables(SyntaxTree tree, Node call) {
        Set<String> bound = new HashSet<>();
        for (Node statement : tree.statements()) {
            Deadline.check();
            if (statement.is("binary_operator") && statement.child("operator") != null
                    && tree.text(statement.child("operator")).equals("=") && statement.child("left") != null) {
                statement.child("left").forEachDescendant(node -> {
                    if (node.is("identifier")) {
                        bound.add(tree.text(node));
                    }
                });
            }
        }
        boolean[] uses = {false};
        call.forEachDescendant(node -> {
            if (node.is("identifier") && !"target".equals(node.field()) && bound.contains(tree.text(node))) {
                uses[0] = true;
            }
        });
        return uses[0];
    }

    /** A plain string spanning lines would change its content when re-indented (heredocs strip indentation). */
    private static boolean hasMultilineString(SyntaxTree tree, Node call) {
        boolean[] found = {false};
        call.forEachDescendant(node -> {
            if (node.is("string") || node.is("charlist") || node.is("sigil")) {
                String text = tree.text(node);
                boolean heredoc = text.matches("(?s)(~[a-zA-Z]+)?(\"\"\"|''').*");
                if (text.contains("\n") && !heredoc && !node.is("sigil")) {
                    found[0] = true;
                }
            }
        });
        return found[0];
    }

    /**
     * Safe unless the move could change what the app sees: a later build-time call or a runtime.exs call sets the
     * same keys (their order would flip), or the keys are read at compile time.
     */
    private static boolean safeToMove(ProjectContext project, Read read, DocumentSnapshot runtime) {
        ConfigTimeline timeline = ConfigTimeline.prod(project);
        ConfigCall moved = null;
        for (ConfigCall call : timeline.calls()) {
            if (moved == null) {
                if (call.file().path().equals(read.file().path()) && call.call().startByte() == read.statement().startByte()) {
                    moved = call;
                }
            } else if ((call.phase() == ConfigPhase.RUNTIME || call.phase() == ConfigPhase.BUILD) && overlaps(moved, call)) {
                return false;
            }
        }
        if (moved == null) {
            return false;
        }
        for (Node pair : moved.pairs()) {
            if (COMPILE_TIME_KEYS.contains(ElixirSyntax.keywordName(moved.tree(), pair))) {
                return false;
            }
        }
        return !readWithCompileEnv(project, moved.app());
    }

    private static boolean overlaps(ConfigCall a, ConfigCall b) {
        if (!a.app().equals(b.app()) || !java.util.Objects.equals(a.subject(), b.subject())) {
            return false;
        }
        if (a.pairs().isEmpty() || b.pairs().isEmpty()) {
            return true;
        }
        Set<String> keys = new HashSet<>();
        a.pairs().forEach(pair -> keys.add(ElixirSyntax.keywordName(a.tree(), pair)));
        return b.pairs().stream().anyMatch(pair -> keys.contains(ElixirSyntax.keywordName(b.tree(), pair)));
    }

    /** Whether the project's code reads the app's config with Application.compile_env (checked at release boot). */
    private static boolean readWithCompileEnv(ProjectContext project, String app) {
        for (DocumentSnapshot source : project.files(FileRole.ELIXIR_SOURCE)) {
            if (!source.isParsed() || !source.text().text().contains("compile_env")) {
                continue;
            }
            SyntaxTree tree = source.tree();
            boolean[] found = {false};
            tree.root().forEachDescendant(node -> {
                if ((ElixirSyntax.isRemoteCall(tree, node, "Application", "compile_env")
                        || ElixirSyntax.isRemoteCall(tree, node, "Application", "compile_env!"))
                        && !ElixirSyntax.arguments(node).isEmpty()
                        && app.equals(ElixirSyntax.atomName(tree, ElixirSyntax.arguments(node).get(0)))) {
                    found[0] = true;
                }
            });
            if (found[0]) {
                return true;
            }
        }
        return false;
    }

    /** Removes lines {@code [start, end)} (end at a newline or the end of the text) without leaving a blank pile. */
    private static Fix.Edit removal(DocumentSnapshot file, int start, int end) {
        String text = file.text().text();
        int from = start;
        int to = end < text.length() ? end + 1 : end;
        boolean blankBefore = from == 0 || from >= 2 && text.charAt(from - 2) == '\n' || isBlankLineBefore(text, from);
        if (blankBefore) {
            int after = to;
            while (after < text.length()) {
                int next = text.indexOf('\n', after);
                int lineEnd = next < 0 ? text.length() : next + 1;
                if (!text.substring(after, lineEnd).isBlank()) {
                    break;
                }
                after = lineEnd;
            }
            to = after;
            if (to == text.length()) {
                // Nothing follows: drop the blank lines before as well, keeping the final newline.
                while (from > 0 && isBlankLineBefore(text, from)) {
                    from = lineStart(text, from - 1);
                }
            }
        }
        return new Fix.Edit(file, from, to, "");
    }

    /** Whether the line ending just before {@code offset} (a line start) is blank. */
    private static boolean isBlankLineBefore(String text, int offset) {
        if (offset == 0) {
            return false;
        }
        int previous = lineStart(text, offset - 1);
        return text.substring(previous, offset).isBlank();
    }

    private static int lineStart(String text, int offset) {
        int newline = text.lastIndexOf('\n', offset - 1);
        return newline + 1;
    }

    /** Each line moved left by up to {@code baseIndent} spaces and prefixed with {@code indent} (blank lines stay empty). */
    private static String reindent(String moved, int baseIndent, String indent) {
        StringBuilder out = new StringBuilder();
        String[] lines = moved.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int strip = 0;
            while (strip < baseIndent && strip < line.length() && line.charAt(strip) == ' ') {
                strip++;
            }
            String rest = line.substring(strip).stripTrailing();
            if (i > 0) {
                out.append('\n');
            }
            if (!rest.isEmpty()) {
                out.append(indent).append(rest);
            }
        }
        return out.toString();
    }

    /** Inserts at the end of runtime.exs's prod-only block, or appends such a block. */
    private static Fix.Edit insertIntoProdBlock(DocumentSnapshot runtime, String moved, int baseIndent) {
        SyntaxTree tree = runtime.tree();
        String text = runtime.text().text();
        for (Node statement : tree.statements()) {
            Deadline.check();
            Node block = ElixirSyntax.doBlock(statement);
            List<Node> arguments = ElixirSyntax.arguments(statement);
            if (!"if".equals(ElixirSyntax.localCallName(tree, statement)) || block == null || arguments.isEmpty()
                    || block.firstOfType("else_block") != null || !prodOnlyCondition(tree, arguments.get(0))) {
                continue;
            }
            List<Node> children = block.children();
            Node end = children.get(children.size() - 1);
            if (!tree.text(end).equals("end")) {
                return null;
            }
            int endOffset = tree.startOffset(end);
            int insertAt = lineStart(text, endOffset);
            if (!text.substring(insertAt, endOffset).isBlank()) {
                return null;
            }
            List<Node> inside = ElixirSyntax.blockStatements(block, false);
            String indent = "  ";
            if (!inside.isEmpty()) {
                int first = tree.startOffset(inside.get(0));
                String firstIndent = text.substring(lineStart(text, first), first);
                indent = firstIndent.isBlank() && !firstIndent.isEmpty() ? firstIndent : indent;
            }
            String separator = inside.isEmpty() || isBlankLineBefore(text, insertAt) ? "" : "\n";
            return new Fix.Edit(runtime, insertAt, insertAt, separator + reindent(moved, baseIndent, indent) + "\n");
        }
        String separator = text.isEmpty() || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
        return new Fix.Edit(runtime, text.length(), text.length(), separator + "if config_env() == :prod do\n"
                + reindent(moved, baseIndent, "  ") + "\nend\n");
    }

    /** {@code config_env() == :prod}: true for prod, false for dev and test. */
    private static boolean prodOnlyCondition(SyntaxTree tree, Node condition) {
        return EnvCondition.evaluate(tree, condition, "prod") == Truth.TRUE
                && EnvCondition.evaluate(tree, condition, "dev") == Truth.FALSE
                && EnvCondition.evaluate(tree, condition, "test") == Truth.FALSE;
    }

    /** Inserts a top-level block right after runtime.exs's {@code import Config} line. */
    private static Fix.Edit insertAfterImportConfig(DocumentSnapshot runtime, String block) {
        SyntaxTree tree = runtime.tree();
        String text = runtime.text().text();
        for (Node statement : tree.statements()) {
            Deadline.check();
            List<Node> arguments = ElixirSyntax.arguments(statement);
            if ("import".equals(ElixirSyntax.localCallName(tree, statement)) && arguments.size() == 1
                    && tree.text(arguments.get(0)).equals("Config")) {
                int end = tree.endOffset(statement);
                int lineEnd = text.indexOf('\n', end);
                if (lineEnd < 0) {
                    return new Fix.Edit(runtime, text.length(), text.length(), "\n\n" + block + "\n");
                }
                int insertAt = lineEnd + 1;
                boolean blankAfter = insertAt >= text.length() || text.charAt(insertAt) == '\n';
                return new Fix.Edit(runtime, insertAt, insertAt, "\n" + block + "\n" + (blankAfter ? "" : "\n"));
            }
        }
        return null;
    }
}
