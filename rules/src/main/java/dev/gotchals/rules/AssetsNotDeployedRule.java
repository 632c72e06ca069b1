package dev.gotchals.rules;

import dev.gotchals.docker.Dockerfile;
import dev.gotchals.docker.Instruction;
import dev.gotchals.docker.ShellCommand;
import dev.gotchals.docker.Stage;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.facts.ProjectFacts;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.workspace.FileRole;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GT004 assets-not-deployed: a Dockerfile stage runs {@code mix release} without the assets built and digested
 * before it, or without {@code MIX_ENV=prod}.
 */
public final class AssetsNotDeployedRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT004", "assets-not-deployed",
            "Release built without deployed assets or without `MIX_ENV=prod`", Severity.ERROR, """
            **What it finds.** A Dockerfile stage that runs `mix release` for a project with front-end assets \
            (an `assets/` folder, esbuild/tailwind config, or an `assets.deploy` alias) without running \
            `mix assets.deploy` (or `mix phx.digest`) before it, in that stage or in a stage it builds `FROM`; \
            or that runs it after `mix release`. Also a `mix release` that runs without `MIX_ENV=prod`: no \
            `ENV MIX_ENV="prod"` in the stage or the stages it builds from, no `ARG MIX_ENV=prod`, no \
            `MIX_ENV=prod` on the command itself. Each Dockerfile is judged on its own.

            **Why it matters.** `mix release` copies `priv/static` into the release when it assembles it. \
            Phoenix projects keep the built CSS and JS out of git (and the generated `.dockerignore` keeps \
            `priv/static/assets/` out of the image), so unless `mix assets.deploy` builds, minifies and \
            digests them before the release, the release ships without them: pages load without styles and \
            scripts, and Phoenix cannot find `priv/static/cache_manifest.json`. Running it after the release is \
            too late for the same reason. Without `MIX_ENV=prod`, Mix builds a dev release: `config/dev.exs` is \
            compiled in, `runtime.exs`'s `if config_env() == :prod` block never runs, and the runner stage's \
            `COPY --from=… /app/_build/prod/rel/…` finds nothing.

            **Instead.** Set `ENV MIX_ENV="prod"` early in the build stage and run `mix assets.deploy` before \
            `mix release`, as `mix phx.gen.release --docker` generates (Phoenix 1.7 runs it before \
            `mix compile`, 1.8 after; both are fine, only the order against `mix release` matters). \
            API-only projects without assets need no `assets.deploy`. Not reported either: a `MIX_ENV` that \
            comes from an `ARG` without a default (CI sets it), a custom environment such as `staging`, a \
            `preferred_envs: [release: :prod]` in `mix.exs`, an alias of `mix.exs` that runs `phx.digest`, \
            assets copied in from a stage that deploys them, and a build script the rule cannot read.

            **Fix.** Inserts `RUN mix assets.deploy` before the release (with `COPY assets assets` when the \
            stage has not copied the assets yet), or moves the misplaced one before it; inserts \
            `ENV MIX_ENV="prod"` after the `FROM` (or `WORKDIR`) of the first stage that runs Mix.""", """
            ```dockerfile
            FROM hexpm/elixir:1.18.4-erlang-27.3.4-debian-trixie-20251117-slim AS builder
            WORKDIR /app
            COPY . .
            RUN mix deps.get --only prod && mix compile
            # no MIX_ENV: a dev release; no assets.deploy: no CSS/JS in the release
            RUN mix release
            ```
            """, """
            ```dockerfile
            FROM hexpm/elixir:1.18.4-erlang-27.3.4-debian-trixie-20251117-slim AS builder
            WORKDIR /app
            ENV MIX_ENV="prod"
            COPY . .
            RUN mix deps.get --only prod && mix compile
            RUN mix assets.deploy
            RUN mix release
            ```
            """);

    private static final String DEPLOY_LINE = "RUN mix assets.deploy";

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ProjectContext project) {
        ProjectFacts facts = ProjectFacts.of(project);
        MixTasks mix = MixTasks.read(project.files(FileRole.MIX_PROJECT));
        List<Finding> findings = new ArrayList<>();
        for (Dockerfile dockerfile : facts.dockerfiles()) {
            for (Stage stage : dockerfile.stages()) {
                Step release = firstRelease(stage, mix);
                if (release == null) {
                    continue;
                }
                Check check = new Check(dockerfile, stage, release, mix);
                if (facts.hasAssets()) {
                    Finding assets = check.assets();
                    if (assets != null) {
                        findings.add(assets);
                    }
                }
                Finding env = check.mixEnv();
                if (env != null) {
                    findings.add(env);
                }
            }
        }
        return findings;
    }

    /** One simple command of a RUN: the instruction and the command's index in it. */
    record Step(Instruction run, int index, ShellCommand command) {
    }

    private static Step firstRelease(Stage stage, MixTasks mix) {
        for (Instruction run : stage.all("RUN")) {
            List<ShellCommand> commands = run.commands();
            for (int i = 0; i < commands.size(); i++) {
                if (mix.tasks(commands.get(i)).contains("release")) {
                    return new Step(run, i, commands.get(i));
                }
            }
        }
        return null;
    }

    /** The stage and the stages it builds FROM, oldest first. */
    private static List<Stage> chain(Dockerfile dockerfile, Stage stage) {
        List<Stage> chain = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (Stage s = stage; s != null && seen.add(s.index()); s = dockerfile.parent(s)) {
            chain.add(0, s);
        }
        return chain;
    }

    /** "stage `builder`", or "the stage FROM `elixir:1.18`" for a stage without a name. */
    private static String describe(Stage stage) {
        return stage.alias() != null ? "stage `" + stage.alias() + "`" : "the stage FROM `" + stage.image() + "`";
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static int line(DocumentSnapshot file, int offset) {
        String text = file.text().text();
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The checks of one stage's first {@code mix release}. */
    private static final class Check {
        private final Dockerfile dockerfile;
        private final DocumentSnapshot file;
        private final String text;
        private final Stage stage;
        private final Step release;
        private final MixTasks mix;
        private final List<Stage> chain;

        Check(Dockerfile dockerfile, Stage stage, Step release, MixTasks mix) {
            this.dockerfile = dockerfile;
            this.file = dockerfile.file();
            this.text = file.text().text();
            this.stage = stage;
            this.release = release;
            this.mix = mix;
            this.chain = chain(dockerfile, stage);
        }

        /** Every instruction of the chain that runs before the release's RUN, in order. */
        private List<Instruction> before() {
            List<Instruction> before = new ArrayList<>();
            for (Stage s : chain) {
                for (Instruction instruction : s.instructions()) {
                    if (instruction.equals(release.run())) {
                        return before;
                    }
                    before.add(instruction);
                }
            }
            return before;
        }

        // ---- assets ----

        Finding assets() {
            List<Instruction> before = before();
            for (Instruction instruction : before) {
                if (instruction.is("RUN") && instruction.commands().stream().anyMatch(c -> mix.deploys(c) || opaque(c))) {
                    return null;
                }
                if (instruction.is("COPY") && copiesFromDeployingStage(instruction)) {
                    return null;
                }
            }
            List<ShellCommand> commands = release.run().commands();
            for (int i = 0; i < release.index(); i++) {
                if (mix.deploys(commands.get(i)) || opaque(commands.get(i))) {
                    return null;
                }
            }
            if (mix.isDeployTask("release")) {
                return null; // a `release` alias of mix.exs that deploys the assets first
            }
            List<String> tasks = mix.tasks(release.command());
            int releaseTask = tasks.indexOf("release");
            if (tasks.subList(0, releaseTask).stream().anyMatch(mix::isDeployTask)) {
                return null; // mix do assets.deploy, release
            }
            int[] range = releaseRange();
            Step late = lateDeploy(tasks.subList(releaseTask + 1, tasks.size()).stream().anyMatch(mix::isDeployTask));
            if (late != null) {
                String what = late.command().words().size() >= 2 ? "mix " + late.command().words().get(1) : "mix";
                String message = "`" + what + "` runs after `mix release` in " + describe(stage) + " (line " + line(file, start(late.run())) + "), too late: "
                        + "the release has already copied priv/static, so it ships without the built, digested assets.";
                List<Fix> fixes = new ArrayList<>();
                Fix move = moveFix(late);
                if (move != null) {
                    fixes.add(move);
                }
                return new Finding(INFO, INFO.defaultSeverity(), file, range[0], range[1], message, fixes);
            }
            String message = capitalized(describe(stage)) + " runs `mix release` with no `mix assets.deploy` (or "
                    + "`mix phx.digest`) before it in this stage or the stages it builds FROM, so the release ships this "
                    + "project's front-end assets unbuilt and undigested: app.css and app.js are missing or stale and "
                    + "priv/static/cache_manifest.json does not exist.";
            List<Fix> fixes = new ArrayList<>();
            Fix insert = insertFix();
            if (insert != null) {
                fixes.add(insert);
            }
            return new Finding(INFO, INFO.defaultSeverity(), file, range[0], range[1], message, fixes);
        }

        /**
         * A command that runs a script this rule cannot read ({@code ./build.sh}, {@code make}, {@code bash x.sh}),
         * which may build the assets; {@code sh -c "…"} is read as the commands it runs.
         */
        private boolean opaque(ShellCommand command) {
            if (command.words().isEmpty()) {
                return false;
            }
            List<String> words = command.words();
            String first = words.get(0);
            String program = command.program();
            if (first.startsWith("./") || first.startsWith("../") || program.endsWith(".sh")
                    || Set.of("make", "just").contains(program)) {
                return true;
            }
            if (Set.of("sh", "bash", "ash", "dash", "zsh").contains(program)) {
                int c = words.indexOf("-c");
                if (c >= 0) {
                    return c + 1 < words.size() && ShellCommand.split(words.get(c + 1)).stream()
                            .anyMatch(inner -> mix.deploys(inner) || opaque(inner));
                }
                // `bash script.sh` runs a file; `curl … | bash -` runs what it reads from the pipe.
                return words.subList(1, words.size()).stream().anyMatch(word -> !word.startsWith("-"));
            }
            return false;
        }

        /** {@code COPY --from=<stage>} of a stage of this file that deploys assets (an assets-building stage). */
        private boolean copiesFromDeployingStage(Instruction copy) {
            for (Node param : copy.node().namedChildren()) {
                String p = copy.tree().text(param);
                if (param.is("param") && p.startsWith("--from=")) {
                    String name = p.substring("--from=".length());
                    Stage from = dockerfile.stage(name);
                    if (from == null && name.matches("\\d+")) {
                        int index = Integer.parseInt(name);
                        from = index < dockerfile.stages().size() ? dockerfile.stages().get(index) : null;
                    }
                    if (from != null && from.index() != stage.index()) {
                        for (Stage s : chain(dockerfile, from)) {
                            for (Instruction run : s.all("RUN")) {
                                if (run.commands().stream().anyMatch(mix::deploys)) {
                                    return true;
                                }
                            }
                        }
                    }
                }
            }
            return false;
        }

        /** The first assets.deploy/phx.digest after the release in its stage, or null. */
        private Step lateDeploy(boolean sameMixDo) {
            if (sameMixDo) {
                return new Step(release.run(), release.index(), release.command());
            }
            boolean after = false;
            for (Instruction instruction : stage.instructions()) {
                if (instruction.equals(release.run())) {
                    after = true;
                    List<ShellCommand> commands = instruction.commands();
                    for (int i = release.index() + 1; i < commands.size(); i++) {
                        if (mix.deploys(commands.get(i))) {
                            return new Step(instruction, i, commands.get(i));
                        }
                    }
                } else if (after && instruction.is("RUN")) {
                    List<ShellCommand> commands = instruction.commands();
                    for (int i = 0; i < commands.size(); i++) {
                        if (mix.deploys(commands.get(i))) {
                            return new Step(instruction, i, commands.get(i));
                        }
                    }
                }
            }
            return null;
        }

        // ---- MIX_ENV ----

        /** MIX_ENV as known at one point: unset, a value, or unknown (set by the build, or not readable). */
        private record Value(String value, boolean known, Instruction from, Node valueNode) {
            static final Value UNSET = new Value(null, true, null, null);
            static final Value UNKNOWN = new Value(null, false, null, null);
        }

        Finding mixEnv() {
            Value value = mixEnvAtRelease();
            if (!value.known()) {
                return null;
            }
            String v = value.value();
            boolean devLike = v == null || v.isEmpty() || v.equals("dev") || v.equals("test");
            if (!devLike || v == null && mix.releasesInProd()) {
                return null;
            }
            int[] range = releaseRange();
            String consequence = "so Mix builds a " + (v != null && v.equals("test") ? "test" : "dev") + " release: "
                    + "config/" + (v != null && v.equals("test") ? "test" : "dev") + ".exs is compiled in and runtime.exs's "
                    + "`if config_env() == :prod` block never runs.";
            List<Fix> fixes = new ArrayList<>();
            String message;
            if (v == null) {
                message = "MIX_ENV is not set where " + describe(stage)
                        + " runs `mix release` (no `ENV MIX_ENV=\"prod\"` there or in a stage it builds FROM), " + consequence;
                Fix insert = insertEnvFix();
                if (insert != null) {
                    fixes.add(insert);
                }
            } else {
                String where = value.from() != null ? " (line " + line(file, start(value.from())) + ")" : "";
                message = "MIX_ENV is `" + v + "`" + where + " where " + describe(stage) + " runs `mix release`, " + consequence;
                if (value.from() != null && value.from().is("ENV") && value.valueNode() != null) {
                    fixes.add(new Fix("Set MIX_ENV to \"prod\"", true, List.of(new Fix.Edit(file,
                            value.from().tree().startOffset(value.valueNode()),
                            value.from().tree().endOffset(value.valueNode()), "\"prod\""))));
                }
            }
            return new Finding(INFO, INFO.defaultSeverity(), file, range[0], range[1], message, fixes);
        }

        private Value mixEnvAtRelease() {
            Map<String, String> globalArgs = new HashMap<>();
            for (Instruction arg : dockerfile.globalArgs()) {
                for (Instruction.Variable variable : arg.variables()) {
                    globalArgs.put(variable.name(), variable.value());
                }
            }
            Value env = Value.UNSET;
            Value arg = Value.UNSET;
            Map<String, Value> stageArgs = new HashMap<>();
            Map<String, Value> envs = new HashMap<>();
            for (Stage s : chain) {
                arg = Value.UNSET;
                stageArgs.clear();
                for (Instruction instruction : s.instructions()) {
                    if (instruction.equals(release.run())) {
                        break;
                    }
                    if (instruction.is("ARG")) {
                        for (Instruction.Variable variable : instruction.variables()) {
                            Value declared;
                            if (variable.value() != null) {
                                String resolved = resolve(variable.value(), stageArgs, envs);
                                declared = resolved == null || !resolved.equals("prod") ? Value.UNKNOWN
                                        : new Value(resolved, true, instruction, variable.valueNode());
                            } else if (globalArgs.get(variable.name()) != null) {
                                String resolved = resolve(globalArgs.get(variable.name()), Map.of(), Map.of());
                                declared = resolved == null || !resolved.equals("prod") ? Value.UNKNOWN
                                        : new Value(resolved, true, instruction, null);
                            } else {
                                declared = Value.UNKNOWN; // set by the build (--build-arg): not ours to judge
                            }
                            stageArgs.put(variable.name(), declared);
                            if (variable.name().equals("MIX_ENV")) {
                                arg = declared;
                            }
                        }
                    } else if (instruction.is("ENV")) {
                        for (Instruction.Variable variable : instruction.variables()) {
                            String resolved = variable.value() == null ? null : resolve(variable.value(), stageArgs, envs);
                            Value set = resolved == null ? Value.UNKNOWN
                                    : new Value(resolved, true, instruction, variable.valueNode());
                            envs.put(variable.name(), set);
                            if (variable.name().equals("MIX_ENV")) {
                                env = set;
                            }
                        }
                    }
                }
            }
            Value value = env != Value.UNSET ? env : arg;
            // Earlier commands of the release's own RUN, then the command's own assignment.
            List<ShellCommand> commands = release.run().commands();
            for (int i = 0; i < release.index(); i++) {
                ShellCommand command = commands.get(i);
                List<String> words = command.words();
                if (words.isEmpty() && command.assignments().containsKey("MIX_ENV")) {
                    value = Value.UNKNOWN; // a shell variable; whether it reaches mix depends on an export
                }
                if (!words.isEmpty() && words.get(0).equals("export")) {
                    for (String word : words.subList(1, words.size())) {
                        if (word.startsWith("MIX_ENV=")) {
                            value = literal(word.substring("MIX_ENV=".length()));
                        } else if (word.equals("MIX_ENV")) {
                            value = Value.UNKNOWN;
                        }
                    }
                }
            }
            String own = release.command().assignments().get("MIX_ENV");
            if (own != null) {
                value = literal(own);
            }
            return value;
        }

        private static Value literal(String shellValue) {
            return shellValue.contains("$") ? Value.UNKNOWN : new Value(shellValue, true, null, null);
        }

        /**
         * Docker's substitution of a value that is a literal or one variable reference ({@code $X}, {@code ${X}},
         * {@code ${X:-default}}); null when the result cannot be known.
         */
        private static String resolve(String value, Map<String, Value> args, Map<String, Value> envs) {
            if (!value.contains("$")) {
                return value;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("\\$(?:([A-Za-z_][A-Za-z0-9_]*)|\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}$]*))?})").matcher(value);
            if (!m.matches()) {
                return null;
            }
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            Value v = envs.containsKey(name) ? envs.get(name) : args.get(name);
            if (v == null) {
                return m.group(3); // unset: the default, or unknown without one
            }
            if (!v.known()) {
                return null;
            }
            return v.value() == null || v.value().isEmpty() && value.contains(":-") ? m.group(3) : v.value();
        }

        // ---- locations and fixes ----

        private int start(Instruction instruction) {
            return instruction.tree().startOffset(instruction.node());
        }

        private int end(Instruction instruction) {
            return instruction.tree().endOffset(instruction.node());
        }

        /** The shell text's offset in the file, or -1 for exec form. */
        private int shellStart(Instruction run) {
            Node shell = run.node().firstOfType("shell_command");
            return shell == null ? -1 : run.tree().startOffset(shell);
        }

        /** The commands of a shell-form RUN with their places in its shell text; null for exec form. */
        private List<ShellCommand> spans(Instruction run) {
            String shell = run.shellForm();
            return shell == null ? null : ShellCommand.split(shell);
        }

        /** The `mix release` command's chars, or the whole RUN when they cannot be placed. */
        private int[] releaseRange() {
            List<ShellCommand> spans = spans(release.run());
            if (spans != null) {
                int base = shellStart(release.run());
                ShellCommand span = spans.get(release.index());
                return new int[] {base + span.start(), base + span.end()};
            }
            return new int[] {start(release.run()), end(release.run())};
        }

        private int lineStart(int offset) {
            int newline = text.lastIndexOf('\n', offset - 1);
            return newline + 1;
        }

        /** Where a line inserted "before the release" goes: above the comment lines directly over its RUN. */
        private int insertionLine(Instruction run) {
            int at = lineStart(start(run));
            while (at > 0) {
                int previous = lineStart(at - 1);
                if (text.substring(previous, at).strip().startsWith("#")) {
                    at = previous;
                } else {
                    break;
                }
            }
            return at;
        }

        private String indentation(Instruction run) {
            int lineStart = lineStart(start(run));
            String prefix = text.substring(lineStart, start(run));
            return prefix.isBlank() ? prefix : "";
        }

        /** Whether a COPY/ADD before the release brings the assets folder into the stage. */
        private boolean assetsCopied() {
            for (Instruction instruction : before()) {
                if (!instruction.is("COPY") && !instruction.is("ADD")) {
                    continue;
                }
                List<String> paths = new ArrayList<>();
                boolean fromStage = false;
                for (Node child : instruction.node().namedChildren()) {
                    if (child.is("param") && instruction.tree().text(child).startsWith("--from=")) {
                        fromStage = true;
                    } else if (child.is("path")) {
                        paths.add(instruction.tree().text(child));
                    }
                }
                if (fromStage || paths.size() < 2) {
                    continue;
                }
                for (String source : paths.subList(0, paths.size() - 1)) {
                    String s = source.replaceFirst("^\\./", "");
                    if (s.isEmpty() || s.equals(".") || s.equals("*") || s.equals("assets") || s.startsWith("assets/")) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** The text that runs assets.deploy in its own lines, before the release. */
        private String deployLines(String indentation, String deployText) {
            String copy = assetsCopied() ? "" : indentation + "COPY assets assets\n";
            return copy + deployText;
        }

        /**
         * Inserts {@code mix assets.deploy} right before the release: a RUN line of its own when the release starts
         * its RUN, otherwise a command chained in the release's RUN in the style of its other commands.
         */
        private Insertion insertDeploy() {
            Instruction run = release.run();
            if (release.index() == 0) {
                String indentation = indentation(run);
                return new Insertion(insertionLine(run), deployLines(indentation, indentation + DEPLOY_LINE + "\n"));
            }
            List<ShellCommand> spans = spans(run);
            if (spans == null || !assetsCopied()) {
                return null;
            }
            int at = shellStart(run) + spans.get(release.index()).start();
            String prefix = text.substring(lineStart(at), at);
            String insert;
            if (prefix.isBlank()) {
                insert = "mix assets.deploy && \\\n" + prefix;
            } else if (prefix.strip().matches("&&|;") ) {
                insert = "mix assets.deploy \\\n" + prefix;
            } else {
                insert = "mix assets.deploy && ";
            }
            return new Insertion(at, insert);
        }

        /** Text to insert at a char offset. */
        private record Insertion(int at, String text) {
        }

        private Fix insertFix() {
            Insertion insert = insertDeploy();
            if (insert == null) {
                return null;
            }
            return new Fix("Run `mix assets.deploy` before `mix release`", false,
                    List.of(new Fix.Edit(file, insert.at(), insert.at(), insert.text())));
        }

        private Fix moveFix(Step late) {
            if (late.run().equals(release.run()) && late.index() == release.index()) {
                return null; // inside one `mix do`: rewrite by hand
            }
            List<ShellCommand> spans = spans(late.run());
            if (spans == null) {
                return null;
            }
            List<Fix.Change> edits = new ArrayList<>();
            int base = shellStart(late.run());
            String title = "Move `" + String.join(" ", late.command().words()) + "` before `mix release`";
            if (spans.size() == 1) {
                // A RUN of its own: move it, with its comment lines, above the release.
                int blockStart = insertionLine(late.run());
                int blockEnd = end(late.run());
                int deleteEnd = blockEnd < text.length() && text.charAt(blockEnd) == '\n' ? blockEnd + 1 : blockEnd;
                String block = text.substring(blockStart, blockEnd);
                int deleteStart = blockStart;
                boolean blankBefore = blockStart >= 2 && text.charAt(blockStart - 1) == '\n' && text.charAt(blockStart - 2) == '\n';
                boolean blankAfter = deleteEnd >= text.length() || text.charAt(deleteEnd) == '\n';
                if (blankBefore && blankAfter) {
                    deleteStart--;
                }
                if (release.index() == 0) {
                    String insertion = deployLines(indentation(release.run()), block + "\n");
                    edits.add(new Fix.Edit(file, insertionLine(release.run()), insertionLine(release.run()), insertion));
                } else {
                    Insertion insert = insertDeploy();
                    if (insert == null) {
                        return null;
                    }
                    edits.add(new Fix.Edit(file, insert.at(), insert.at(), insert.text()));
                }
                edits.add(new Fix.Edit(file, deleteStart, deleteEnd, ""));
                return new Fix(title, true, edits);
            }
            int k = late.index();
            int deleteStart = k > 0 ? base + spans.get(k - 1).end() : base + spans.get(0).start();
            int deleteEnd = k > 0 ? base + spans.get(k).end() : base + spans.get(1).start();
            Insertion insert = insertDeploy();
            if (insert == null || insert.at() >= deleteStart) {
                return null;
            }
            edits.add(new Fix.Edit(file, insert.at(), insert.at(), insert.text()));
            edits.add(new Fix.Edit(file, deleteStart, deleteEnd, ""));
            return new Fix(title, true, edits);
        }

        /** {@code ENV MIX_ENV="prod"} after the FROM, or the WORKDIR, of the first stage of the chain that runs Mix. */
        private Fix insertEnvFix() {
            Stage target = stage;
            for (Stage s : chain) {
                if (s.all("RUN").stream().anyMatch(run -> run.commands().stream().anyMatch(ShellCommand::isMix))) {
                    target = s;
                    break;
                }
            }
            Instruction after = target.from();
            for (Instruction instruction : target.instructions()) {
                if (instruction.is("RUN") && instruction.commands().stream().anyMatch(ShellCommand::isMix)) {
                    break;
                }
                if (instruction.is("WORKDIR")) {
                    after = instruction;
                    break;
                }
            }
            int lineEnd = text.indexOf('\n', end(after));
            String line = indentation(after) + "ENV MIX_ENV=\"prod\"";
            Fix.Edit edit = lineEnd < 0
                    ? new Fix.Edit(file, text.length(), text.length(), "\n" + line + "\n")
                    : new Fix.Edit(file, lineEnd + 1, lineEnd + 1, line + "\n");
            return new Fix("Set `ENV MIX_ENV=\"prod\"` in " + describe(target), true, List.of(edit));
        }
    }

    /**
     * The Mix tasks a command runs, read with the project's aliases: which names build and digest the assets
     * ({@code assets.deploy}, {@code phx.digest}, or an alias running one), and whether mix.exs makes
     * {@code mix release} run in prod on its own ({@code preferred_envs: [release: :prod]}).
     */
    static final class MixTasks {
        private final Set<String> deployTasks = new HashSet<>(Set.of("assets.deploy", "phx.digest"));
        private boolean releasesInProd;

        static MixTasks read(List<DocumentSnapshot> mixFiles) {
            MixTasks tasks = new MixTasks();
            Map<String, List<String>> aliases = new HashMap<>();
            for (DocumentSnapshot file : mixFiles) {
                if (!file.isParsed()) {
                    continue;
                }
                SyntaxTree tree = file.tree();
                tree.root().forEachDescendant(node -> {
                    if (!node.is("pair")) {
                        return;
                    }
                    String name = keyName(tree, node);
                    Node value = node.child("value");
                    if (name == null || value == null) {
                        return;
                    }
                    if ((name.equals("preferred_envs") || name.equals("preferred_cli_env")) && value.is("list")) {
                        for (Node pair : ElixirSyntax.pairsOf(value)) {
                            if ("release".equals(keyName(tree, pair)) && "prod".equals(ElixirSyntax.atomName(tree, pair.child("value")))) {
                                tasks.releasesInProd = true;
                            }
                        }
                    } else if (value.is("list")) {
                        List<String> steps = new ArrayList<>();
                        for (Node item : value.namedChildren()) {
                            String step = ElixirSyntax.stringLiteral(tree, item);
                            if (step != null && !step.isBlank()) {
                                steps.add(step.strip().split("\\s+")[0]);
                            }
                        }
                        if (!steps.isEmpty()) {
                            aliases.put(name, steps);
                        }
                    }
                });
            }
            boolean changed = true;
            while (changed) {
                changed = false;
                for (Map.Entry<String, List<String>> alias : aliases.entrySet()) {
                    if (!tasks.deployTasks.contains(alias.getKey())
                            && alias.getValue().stream().anyMatch(tasks.deployTasks::contains)) {
                        tasks.deployTasks.add(alias.getKey());
                        changed = true;
                    }
                }
            }
            return tasks;
        }

        private static String keyName(SyntaxTree tree, Node pair) {
            String name = ElixirSyntax.keywordName(tree, pair);
            if (name != null) {
                return name;
            }
            Node key = pair.child("key");
            if (key != null && key.is("quoted_keyword")) {
                String text = tree.text(key).strip();
                int close = text.lastIndexOf('"');
                return close > 1 ? text.substring(1, close) : null;
            }
            return null;
        }

        /** The tasks of a {@code mix} command in order: {@code mix do a, b} / {@code mix do a + b} give both. */
        List<String> tasks(ShellCommand command) {
            List<String> words = command.words();
            if (!command.isMix() || words.size() < 2) {
                return List.of();
            }
            if (!words.get(1).equals("do")) {
                return List.of(words.get(1));
            }
            List<String> tasks = new ArrayList<>();
            for (String part : String.join(" ", words.subList(2, words.size())).split("[,+]")) {
                String[] task = part.strip().split("\\s+");
                if (!task[0].isEmpty()) {
                    tasks.add(task[0]);
                }
            }
            return tasks;
        }

        boolean isDeployTask(String task) {
            return deployTasks.contains(task);
        }

        boolean deploys(ShellCommand command) {
            return tasks(command).stream().anyMatch(this::isDeployTask);
        }

        boolean releasesInProd() {
            return releasesInProd;
        }
    }
}
