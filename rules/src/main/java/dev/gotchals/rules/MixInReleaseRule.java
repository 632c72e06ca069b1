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
import dev.gotchals.syntax.Deadline;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.workspace.FileRole;
import dev.gotchals.workspace.MixProject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GT002 mix-in-release: a project that ships as a Mix release runs {@code mix} on its production start path, or
 * has no {@code Ecto.Migrator} module to migrate with once Mix is gone.
 */
public final class MixInReleaseRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT002", "mix-in-release",
            "`mix` on the start path of a Mix release", Severity.ERROR, """
            **What it finds.** In a project that ships as a Mix release (a Dockerfile runs `mix release`, or \
            `mix.exs` declares `releases:`), a `mix` command on the production start path: the `CMD` or \
            `ENTRYPOINT` of a production Dockerfile's final stage and the entrypoint scripts they run, a `RUN mix` \
            in a runner stage that only holds the release, the scripts in `rel/overlays/bin/`, the \
            `release_command` (and `[processes]`) of `fly.toml`, and the `Procfile`'s `release:` line (every line \
            once the Procfile starts the release). Also `RUN mix ecto.migrate` \
            (or `ecto.setup`, `ecto.create` …) in any stage, which migrates at image build time, and a project that \
            uses Ecto, builds a release, and has no module calling `Ecto.Migrator` (the `Release.migrate/0` \
            pattern), so it has no way to migrate without Mix.

            **Why it matters.** A release contains the compiled app and the Erlang runtime, not Mix: the runner \
            image that `mix phx.gen.release --docker` generates has no Elixir toolchain, so `mix ecto.migrate` at \
            boot fails with `mix: not found`. Where Mix happens to be in the image, `mix` at boot compiles the \
            app (`mix ecto.migrate` runs `app.config`, which compiles) and evaluates `config.exs` on the server, \
            needs the sources and build tools in the image, and bypasses the release you built. Migrating in a `RUN` step happens while the image is built: the build \
            has no access to the production database (with the generated `runtime.exs`, `mix ecto.migrate` raises \
            for a missing `DATABASE_URL`), or it migrates whatever database the build machine reaches, before the \
            new code is deployed. Dockerfiles named for development (`Dockerfile.dev`, `Dockerfile.test` …) and \
            Heroku/Gigalixir-style projects that deploy with Mix instead of a release are not reported.

            **Instead.** Start the release (`/app/bin/server`, `bin/<app> start`) and migrate with the release: a \
            `<App>.Release.migrate/0` built on `Ecto.Migrator`, run as `bin/<app> eval <App>.Release.migrate` or \
            through the `rel/overlays/bin/migrate` script, as a deploy step (`fly.toml` \
            `release_command = "/app/bin/migrate"`, a Kubernetes job, a Procfile `release:` line) or before \
            `bin/server` in the container command.

            **Fix.** Creates `lib/<app>/release.ex` and `rel/overlays/bin/migrate` as `mix phx.gen.release` \
            generates them (app name and module prefix read from `mix.exs`; umbrella projects are left to you) \
            and replaces `mix ecto.migrate` on the start path with the release's `bin/migrate`, adding \
            `COPY rel rel` before `RUN mix release` when the Dockerfile does not copy `rel/` yet. A new \
            `rel/overlays/bin/migrate` must be made executable (`chmod +x`) before it is committed.""", """
            ```dockerfile
            # Dockerfile: the runner stage holds only the release
            FROM debian:bookworm-slim
            WORKDIR /app
            COPY --from=builder /app/_build/prod/rel/shop ./
            CMD ["sh", "-c", "mix ecto.migrate && /app/bin/server"]
            ```
            """, """
            ```dockerfile
            # Dockerfile
            CMD ["sh", "-c", "/app/bin/migrate && /app/bin/server"]
            ```

            ```elixir
            # lib/shop/release.ex (what `mix phx.gen.release` generates)
            defmodule Shop.Release do
              @app :shop

              def migrate do
                load_app()

                for repo <- repos() do
                  {:ok, _, _} = Ecto.Migrator.with_repo(repo, &Ecto.Migrator.run(&1, :up, all: true))
                end
              end

              def rollback(repo, version) do
                load_app()
                {:ok, _, _} = Ecto.Migrator.with_repo(repo, &Ecto.Migrator.run(&1, :down, to: version))
              end

              defp repos, do: Application.fetch_env!(@app, :ecto_repos)

              defp load_app, do: Application.load(@app)
            end
            ```
            """);

    private static final Set<String> DB_TASKS = Set.of("ecto.migrate", "ecto.rollback", "ecto.setup", "ecto.reset",
            "ecto.create", "ecto.drop", "ecto.load");
    /** Words that may precede a command on a script line without being the program. */
    private static final Set<String> SHELL_PREFIXES = Set.of("if", "then", "else", "elif", "do", "while", "until",
            "!", "time", "{", "(", "sudo", "nohup");
    private static final Pattern TOML_TABLE = Pattern.compile("^\\s*\\[\\[?\\s*([^\\]]*?)\\s*]]?\\s*(#.*)?$");
    private static final Pattern TOML_STRING = Pattern.compile("^\\s*([A-Za-z0-9_\\-]+)\\s*=\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*')");
    private static final Pattern MULTI_ALIAS_MIGRATOR = Pattern.compile("(?m)^\\s*alias\\s+Ecto\\.\\{[^}]*\\bMigrator\\b");
    private static final Pattern PROCFILE_LINE = Pattern.compile("^([A-Za-z0-9_\\-]+)\\s*:(.*)$");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ProjectContext project) {
        ProjectFacts facts = ProjectFacts.of(project);
        if (!facts.buildsRelease()) {
            return List.of();
        }
        Check check = new Check(project, facts);
        check.run();
        return check.findings;
    }

    /** One analysis of one project. */
    private static final class Check {
        private final ProjectContext project;
        private final ProjectFacts facts;
        private final MixProject mix;
        private final List<Finding> findings = new ArrayList<>();
        private final ReleaseDeclaration declaration;
        /** The Dockerfiles whose final stage is what production runs. */
        private final List<Dockerfile> production = new ArrayList<>();
        /** The Dockerfile that builds the release, or null. */
        private final Dockerfile releaseDockerfile;
        private Boolean hasMigrator;
        private Boolean hasRepo;
        private final Set<Path> checkedScripts = new java.util.HashSet<>();

        Check(ProjectContext project, ProjectFacts facts) {
            this.project = project;
            this.facts = facts;
            this.mix = project.project();
            this.declaration = ReleaseDeclaration.read(project.file(mix.root().resolve("mix.exs")));
            Dockerfile builder = null;
            for (Dockerfile dockerfile : facts.dockerfiles()) {
                String name = dockerfile.file().path().getFileName().toString();
                if (dockerfile.buildsRelease() && !namedFor(name, Set.of("dev", "development", "local", "test", "ci"))) {
                    production.add(dockerfile);
                    if (builder == null) {
                        builder = dockerfile;
                    }
                }
            }
            this.releaseDockerfile = builder;
            for (Dockerfile dockerfile : facts.dockerfiles()) {
                // Dockerfile.prod that runs Mix next to a Dockerfile that builds the release: two production images.
                if (builder != null && !dockerfile.buildsRelease()
                        && namedFor(dockerfile.file().path().getFileName().toString(), Set.of("prod", "production", "release"))) {
                    production.add(dockerfile);
                }
            }
        }

        /** Whether a module in lib/ runs Ecto.Migrator (read on first use: most projects never ask). */
        private boolean hasMigrator() {
            if (hasMigrator == null) {
                hasMigrator = false;
                for (DocumentSnapshot source : project.files(FileRole.ELIXIR_SOURCE)) {
                    // A text search first: walking every tree of a large project on each keystroke is not free.
                    if (source.isParsed() && source.text().text().contains("Migrator")
                            && callsMigrator(source.tree(), source.text().text())) {
                        hasMigrator = true;
                        break;
                    }
                }
            }
            return hasMigrator;
        }

        /** Whether a module in lib/ is an Ecto repo ({@code use Ecto.Repo}). */
        private boolean hasRepo() {
            if (hasRepo == null) {
                hasRepo = false;
                for (DocumentSnapshot source : project.files(FileRole.ELIXIR_SOURCE)) {
                    if (source.isParsed() && source.text().text().contains("Ecto.Repo") && usesEctoRepo(source.tree())) {
                        hasRepo = true;
                        break;
                    }
                }
            }
            return hasRepo;
        }

        /** The release's name, for `bin/<name>`: the first of mix.exs `releases:`, else the app's. */
        private String releaseName() {
            return declaration.firstName() != null ? declaration.firstName() : mix.appName();
        }

        /** Release evidence the GT002 paragraph accepts: a Dockerfile runs it, or mix.exs declares it. */
        private boolean releaseIsBuilt() {
            return releaseDockerfile != null || declaration.declared();
        }

        void run() {
            if (releaseIsBuilt()) {
                for (Dockerfile dockerfile : production) {
                    checkDockerfile(dockerfile);
                }
                for (DocumentSnapshot manifest : project.files(FileRole.DEPLOY_MANIFEST)) {
                    String name = manifest.path().getFileName().toString();
                    if (name.equals("fly.toml")) {
                        checkFlyToml(manifest);
                    } else if (name.equals("Procfile")) {
                        checkProcfile(manifest);
                    }
                }
            }
            for (DocumentSnapshot script : project.files(FileRole.RELEASE_SCRIPT)) {
                checkScript(script, "the release script " + mix.relativize(script.path())
                        + ", which runs inside the release where Mix does not exist", null);
            }
            if (releaseIsBuilt() && facts.usesEcto() && hasRepo() && !hasMigrator()) {
                reportMissingMigrator();
            }
        }

        // ---- Dockerfiles ----------------------------------------------------------------------------------

        private void checkDockerfile(Dockerfile dockerfile) {
            Stage last = dockerfile.finalStage();
            if (last == null) {
                return;
            }
            String where = mix.relativize(dockerfile.file().path());
            boolean runner = isRunnerWithoutMix(dockerfile, last);
            for (Stage stage : dockerfile.stages()) {
                for (Instruction run : stage.all("RUN")) {
                    int from = 0;
                    for (ShellCommand command : run.commands()) {
                        Deadline.check();
                        if (!command.isMix()) {
                            continue;
                        }
                        String task = task(command);
                        int[] span = locate(run.text(), command, from);
                        from = span[1];
                        if (stage == last && runner) {
                            report(dockerfile.file(), run, span, "`" + task + "` in the final stage of " + where
                                    + " cannot run: that stage starts from " + resolvedImage(dockerfile, last)
                                    + " and holds only the release copied from the build stage, and a release has "
                                    + "no Mix; run it in the build stage before `mix release`.", List.of());
                        } else if (DB_TASKS.contains(command.words().size() > 1 ? command.words().get(1) : "")) {
                            report(dockerfile.file(), run, span, "`RUN " + task + "` in " + where + " touches the "
                                    + "database while the image is built, where the production database is out of "
                                    + "reach (the generated runtime.exs raises for a missing DATABASE_URL) or the "
                                    + "wrong one is migrated; migrate when the release is deployed, with its "
                                    + "bin/migrate.", List.of());
                        }
                    }
                }
            }
            Instruction entrypoint = inherited(dockerfile, last, "ENTRYPOINT");
            Instruction cmd = inherited(dockerfile, last, "CMD");
            for (Instruction start : new Instruction[]{entrypoint, cmd}) {
                if (start == null) {
                    continue;
                }
                int from = 0;
                for (ShellCommand command : start.commands()) {
                    if (command.isMix()) {
                        int[] span = locate(start.text(), command, from);
                        from = span[1];
                        String task = task(command);
                        String message = "`" + task + "` in the " + start.keyword() + " of " + where
                                + (runner ? " cannot run: the final stage holds only the release ("
                                            + facts.releaseEvidence() + ") and a release has no Mix, so the container "
                                            + "fails to start; " + instead(command, releaseName())
                                          : " runs Mix when the container starts although the project ships as a "
                                            + "release (" + facts.releaseEvidence() + "): Mix needs the build "
                                            + "toolchain and sources in the image and compiles the app at boot; "
                                            + instead(command, releaseName()));
                        report(dockerfile.file(), start, span, message,
                                migrateFix(command, dockerfile.file(), absolute(start, span), releaseRoot(dockerfile)));
                    }
                }
                for (DocumentSnapshot script : referencedScripts(start)) {
                    if (checkedScripts.add(script.path())) {
                        checkScript(script, "the script " + mix.relativize(script.path()) + " that the "
                                + start.keyword() + " of " + where + " runs, although the project ships as a release ("
                                + facts.releaseEvidence() + ")", releaseRoot(dockerfile));
                    }
                }
            }
        }

        /** The last instruction of a kind in the stage or the earlier stages it is built FROM. */
        private static Instruction inherited(Dockerfile dockerfile, Stage stage, String keyword) {
            for (Stage current = stage; current != null; current = dockerfile.parent(current)) {
                List<Instruction> all = current.all(keyword);
                if (!all.isEmpty()) {
                    return all.get(all.size() - 1);
                }
            }
            return null;
        }

        /**
         * Whether the stage is a runner: it copies from another stage, does not build the release itself, and
         * starts from an image that is not an Elixir image (debian, alpine, ubuntu …).
         */
        private static boolean isRunnerWithoutMix(Dockerfile dockerfile, Stage stage) {
            if (dockerfile.parent(stage) != null || stage.all("COPY").stream().noneMatch(c -> c.text().contains("--from"))) {
                return false;
            }
            for (Instruction run : stage.all("RUN")) {
                // Builds the release here, or installs Elixir (apk add elixir): Mix is there after all.
                if (run.commands().stream().anyMatch(c -> c.isMix("release"))
                        || run.text().toLowerCase(Locale.ROOT).contains("elixir")) {
                    return false;
                }
            }
            String image = resolvedImage(dockerfile, stage).toLowerCase(Locale.ROOT);
            return !image.contains("$") && !image.contains("elixir") && !image.contains("erlang")
                    && !image.contains("beam") && !image.isEmpty();
        }

        /** The stage's image with global ARG defaults substituted ({@code ${RUNNER_IMAGE}} → debian:…). */
        private static String resolvedImage(Dockerfile dockerfile, Stage stage) {
            String image = stage.image();
            for (int round = 0; round < 5 && image.contains("$"); round++) {
                for (Instruction arg : dockerfile.globalArgs()) {
                    for (Instruction.Variable variable : arg.variables()) {
                        if (variable.value() != null) {
                            image = image.replace("${" + variable.name() + "}", variable.value())
                                    .replaceAll("\\$" + Pattern.quote(variable.name()) + "(?![A-Za-z0-9_])",
                                            Matcher.quoteReplacement(variable.value()));
                        }
                    }
                }
            }
            return image;
        }

        /** The project's entrypoint and release scripts that a CMD/ENTRYPOINT names. */
        private List<DocumentSnapshot> referencedScripts(Instruction start) {
            List<DocumentSnapshot> scripts = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (ShellCommand command : start.commands()) {
                for (String word : command.words()) {
                    int slash = word.lastIndexOf('/');
                    names.add(slash >= 0 ? word.substring(slash + 1) : word);
                }
            }
            for (DocumentSnapshot script : project.files(FileRole.ENTRYPOINT_SCRIPT)) {
                if (names.contains(script.path().getFileName().toString())) {
                    scripts.add(script);
                }
            }
            return scripts;
        }

        // ---- scripts and manifests -------------------------------------------------------------------------

        private void checkScript(DocumentSnapshot script, String where, String root) {
            String text = script.text().text();
            int lineStart = 0;
            while (lineStart <= text.length()) {
                int newline = text.indexOf('\n', lineStart);
                int lineEnd = newline < 0 ? text.length() : newline;
                String line = text.substring(lineStart, lineEnd);
                int from = 0;
                for (ShellCommand command : ShellCommand.split(line)) {
                    Deadline.check();
                    ShellCommand program = withoutPrefixes(command);
                    if (program.isMix()) {
                        int[] span = locate(line, program, from);
                        from = span[1];
                        int[] absolute = {lineStart + span[0], lineStart + span[1]};
                        String message = "`" + task(program) + "` in " + where + ": " + instead(program, releaseName());
                        findings.add(new Finding(INFO, INFO.defaultSeverity(), script, absolute[0], absolute[1],
                                message, migrateFix(program, script, absolute, root)));
                    }
                }
                if (newline < 0) {
                    break;
                }
                lineStart = newline + 1;
            }
        }

        private void checkFlyToml(DocumentSnapshot file) {
            String text = file.text().text();
            String table = "";
            int lineStart = 0;
            while (lineStart < text.length()) {
                Deadline.check();
                int newline = text.indexOf('\n', lineStart);
                int lineEnd = newline < 0 ? text.length() : newline;
                String line = text.substring(lineStart, lineEnd);
                Matcher header = TOML_TABLE.matcher(line);
                Matcher pair = TOML_STRING.matcher(line);
                if (header.matches()) {
                    table = header.group(1).replace("\"", "");
                } else if (pair.find()) {
                    String key = pair.group(1);
                    boolean startPath = table.equals("deploy") && key.equals("release_command")
                            || table.equals("processes")
                            || table.isEmpty() && key.equals("release_command");
                    if (startPath) {
                        int valueStart = lineStart + pair.start(2) + 1;
                        String value = pair.group(2).substring(1, pair.group(2).length() - 1);
                        String what = table.equals("processes") ? "the `" + key + "` process of fly.toml"
                                : "the fly.toml release_command";
                        checkCommandLine(file, value, valueStart, what);
                    }
                }
                if (newline < 0) {
                    break;
                }
                lineStart = newline + 1;
            }
        }

        /**
         * A Procfile is on the release's start path when it starts or runs the release somewhere; then every line
         * that runs Mix is reported. Otherwise only its {@code release:} line (a deploy step, never a local process)
         * is: a Procfile of {@code mix phx.server} next to a release Dockerfile is a Mix-style or development one.
         */
        private void checkProcfile(DocumentSnapshot file) {
            String text = file.text().text();
            boolean startsRelease = false;
            for (String line : text.split("\n")) {
                Matcher process = PROCFILE_LINE.matcher(line);
                if (process.matches()) {
                    for (ShellCommand command : ShellCommand.split(process.group(2))) {
                        Deadline.check();
                        String program = command.words().isEmpty() ? "" : withoutPrefixes(command).words().get(0);
                        startsRelease |= program.matches("(.*/)?bin/[^/]+") || program.contains("/rel/");
                    }
                }
            }
            int lineStart = 0;
            while (lineStart < text.length()) {
                Deadline.check();
                int newline = text.indexOf('\n', lineStart);
                int lineEnd = newline < 0 ? text.length() : newline;
                Matcher line = PROCFILE_LINE.matcher(text.substring(lineStart, lineEnd));
                if (line.matches() && (startsRelease || line.group(1).equals("release"))) {
                    checkCommandLine(file, line.group(2), lineStart + line.start(2),
                            "the Procfile `" + line.group(1) + ":` line");
                }
                if (newline < 0) {
                    break;
                }
                lineStart = newline + 1;
            }
        }

        /** Reports the mix commands of one command line that starts at {@code offset} in {@code file}. */
        private void checkCommandLine(DocumentSnapshot file, String line, int offset, String what) {
            int from = 0;
            for (ShellCommand command : ShellCommand.split(line)) {
                Deadline.check();
                ShellCommand program = withoutPrefixes(command);
                if (!program.isMix()) {
                    continue;
                }
                int[] span = locate(line, program, from);
                from = span[1];
                int[] absolute = {offset + span[0], offset + span[1]};
                String message = "`" + task(program) + "` in " + what + " runs Mix although the project ships as a "
                        + "release (" + facts.releaseEvidence() + ") and a release has no Mix: " + instead(program, releaseName());
                findings.add(new Finding(INFO, INFO.defaultSeverity(), file, absolute[0], absolute[1], message,
                        migrateFix(program, file, absolute, manifestRoot())));
            }
        }

        // ---- Ecto.Migrator ---------------------------------------------------------------------------------

        private void reportMissingMigrator() {
            DocumentSnapshot file;
            int start;
            int end;
            if (releaseDockerfile != null) {
                Instruction release = releaseDockerfile.firstRun(command -> command.isMix("release"));
                file = releaseDockerfile.file();
                start = release.tree().startOffset(release.node());
                end = release.tree().endOffset(release.node());
            } else {
                file = declaration.file();
                start = declaration.tree().startOffset(declaration.key());
                end = declaration.tree().endOffset(declaration.key());
            }
            String message = "The project uses Ecto and builds a release (" + facts.releaseEvidence() + "), but no "
                    + "module in lib/ calls Ecto.Migrator, so production can only migrate with `mix ecto.migrate`, "
                    + "which a release does not contain; add a " + mix.modulePrefix() + ".Release.migrate/0 run by "
                    + "bin/migrate.";
            List<Fix> fixes = new ArrayList<>();
            List<Fix.Change> changes = releaseSetup();
            if (changes != null && !changes.isEmpty()) {
                fixes.add(new Fix("Create " + mix.modulePrefix() + ".Release (lib/" + mix.appName() + "/release.ex)"
                        + " and rel/overlays/bin/migrate, as mix phx.gen.release does (then chmod +x the script)",
                        true, changes));
            }
            findings.add(new Finding(INFO, INFO.defaultSeverity(), file, start, end, message, fixes));
        }

        /**
         * The changes that give the release a working {@code bin/migrate}: release.ex when no module runs
         * Ecto.Migrator, the overlay script when missing, {@code COPY rel rel} when the Dockerfile lacks it.
         * Null when they cannot be made (an umbrella, an unknown release name).
         */
        private List<Fix.Change> releaseSetup() {
            List<Fix.Change> changes = new ArrayList<>();
            if (!hasMigrator()) {
                Path releaseEx = mix.root().resolve("lib").resolve(mix.appName()).resolve("release.ex");
                if (mix.umbrella() || project.file(releaseEx) != null) {
                    return null;
                }
                changes.add(new Fix.CreateFile(releaseEx, releaseModule(mix.modulePrefix(), mix.appName())));
            }
            Path migrate = mix.root().resolve("rel/overlays/bin/migrate");
            if (project.file(migrate) == null) {
                String name = declaration.declared() ? declaration.firstName() : mix.appName();
                if (name == null || mix.umbrella()) {
                    return null;
                }
                changes.add(new Fix.CreateFile(migrate, migrateScript(name, mix.modulePrefix())));
            }
            if (releaseDockerfile != null) {
                Fix.Edit copyRel = copyRelEdit(releaseDockerfile);
                if (copyRel != null) {
                    changes.add(copyRel);
                }
            }
            return changes;
        }

        /** Inserts {@code COPY rel rel} before {@code RUN mix release} when no COPY of that stage brings rel/. */
        private static Fix.Edit copyRelEdit(Dockerfile dockerfile) {
            for (Stage stage : dockerfile.stages()) {
                Instruction release = null;
                for (Instruction run : stage.all("RUN")) {
                    if (run.commands().stream().anyMatch(c -> c.isMix("release"))) {
                        release = run;
                        break;
                    }
                }
                if (release == null) {
                    continue;
                }
                for (Stage current = stage; current != null; current = dockerfile.parent(current)) {
                    for (Instruction copy : current.instructions()) {
                        if ((copy.is("COPY") || copy.is("ADD")) && copiesRel(copy)) {
                            return null;
                        }
                    }
                }
                String text = dockerfile.file().text().text();
                int start = release.tree().startOffset(release.node());
                int lineStart = text.lastIndexOf('\n', start - 1) + 1;
                String indent = text.substring(lineStart, start).isBlank() ? text.substring(lineStart, start) : "";
                return new Fix.Edit(dockerfile.file(), lineStart, lineStart, indent + "COPY rel rel\n");
            }
            return null;
        }

        private static boolean copiesRel(Instruction copy) {
            if (copy.text().contains("--from")) {
                return false;
            }
            List<String> words = new ArrayList<>(List.of(copy.text().trim().split("\\s+")));
            words.remove(0);
            words.removeIf(word -> word.startsWith("--"));
            if (words.size() < 2) {
                return false;
            }
            for (String source : words.subList(0, words.size() - 1)) {
                String cleaned = source.replace("\"", "").replace("[", "").replace(",", "").replace("]", "");
                if (cleaned.equals(".") || cleaned.equals("./") || cleaned.equals("rel") || cleaned.equals("rel/")
                        || cleaned.equals("./rel") || cleaned.equals("./rel/")) {
                    return true;
                }
            }
            return false;
        }

        // ---- the fix for `mix ecto.migrate` on the start path ------------------------------------------------

        /**
         * Replaces a bare {@code mix ecto.migrate} with {@code <root>/bin/migrate} and sets up what that script
         * needs; no fix for other mix commands or when the release's location is unknown.
         */
        private List<Fix> migrateFix(ShellCommand command, DocumentSnapshot file, int[] span, String root) {
            if (!command.isMix("ecto.migrate") || command.words().size() != 2 || root == null) {
                return List.of();
            }
            List<Fix.Change> setup = releaseSetup();
            if (setup == null) {
                return List.of();
            }
            String text = file.text().text();
            int start = span[0];
            if (!command.assignments().isEmpty()) {
                // Drop the MIX_ENV=prod in front: bin/migrate does not read it.
                Matcher assignments = Pattern.compile("(?:[A-Za-z_][A-Za-z0-9_]*=\\S*\\s+)+$")
                        .matcher(text.substring(Math.max(0, start - 200), start));
                if (assignments.find()) {
                    start -= assignments.group().length();
                }
            }
            String replacement = root + "/bin/migrate";
            List<Fix.Change> changes = new ArrayList<>();
            changes.add(new Fix.Edit(file, start, span[1], replacement));
            for (Fix.Change change : setup) {
                if (change instanceof Fix.Edit edit && edit.path().equals(file)) {
                    changes.add(0, edit);
                } else {
                    changes.add(change);
                }
            }
            boolean creates = setup.stream().anyMatch(c -> c instanceof Fix.CreateFile create
                    && create.path().getFileName().toString().equals("migrate"));
            String title = "Replace `mix ecto.migrate` with `" + replacement + "`"
                    + (setup.isEmpty() ? "" : creates ? " (creates rel/overlays/bin/migrate: chmod +x it)"
                    : " (adds " + mix.modulePrefix() + ".Release)");
            return List.of(new Fix(title, !creates, changes));
        }

        /** Where a production Dockerfile puts the release ("/app"), from its final stage's COPY of rel/. */
        private String releaseRoot(Dockerfile dockerfile) {
            Stage last = dockerfile.finalStage();
            if (last == null || !dockerfile.buildsRelease()) {
                return null;
            }
            String workdir = null;
            for (Instruction instruction : last.instructions()) {
                if (instruction.is("WORKDIR")) {
                    String dir = instruction.text().trim().substring("WORKDIR".length()).trim().replace("\"", "");
                    workdir = dir.startsWith("/") ? dir : null;
                } else if (instruction.is("COPY") && instruction.text().contains("--from")
                        && instruction.text().contains("/rel/")) {
                    String[] words = instruction.text().trim().split("\\s+");
                    String dest = words[words.length - 1].replace("\"", "");
                    if (dest.contains("$")) {
                        return null;
                    }
                    if (dest.startsWith("/")) {
                        return trimSlash(dest);
                    }
                    if (workdir == null) {
                        return null;
                    }
                    String relative = dest.startsWith("./") ? dest.substring(2) : dest.equals(".") ? "" : dest;
                    return trimSlash(relative.isEmpty() ? workdir : trimSlash(workdir) + "/" + relative);
                }
            }
            return null;
        }

        /** The release root a script or manifest should name: the release Dockerfile's, else Mix's build path. */
        private String manifestRoot() {
            if (releaseDockerfile != null) {
                return releaseRoot(releaseDockerfile);
            }
            String name = declaration.declared() ? declaration.firstName() : mix.appName();
            return name == null ? null : "_build/prod/rel/" + name;
        }

        // ---- helpers ----------------------------------------------------------------------------------------

        /** Reports {@code span}, relative to the instruction's text. */
        private void report(DocumentSnapshot file, Instruction instruction, int[] span, String message, List<Fix> fixes) {
            int[] at = absolute(instruction, span);
            findings.add(new Finding(INFO, INFO.defaultSeverity(), file, at[0], at[1], message, fixes));
        }

        private static int[] absolute(Instruction instruction, int[] span) {
            int base = instruction.tree().startOffset(instruction.node());
            return new int[]{base + span[0], base + span[1]};
        }
    }

    /** {@code releases:} in the project's mix.exs: the key node and the first release's name. */
    private record ReleaseDeclaration(DocumentSnapshot file, SyntaxTree tree, Node key, String firstName) {
        boolean declared() {
            return key != null;
        }

        static ReleaseDeclaration read(DocumentSnapshot mixExs) {
            if (mixExs == null || !mixExs.isParsed()) {
                return new ReleaseDeclaration(mixExs, null, null, null);
            }
            SyntaxTree tree = mixExs.tree();
            Node[] found = new Node[2];
            tree.root().forEachDescendant(node -> {
                if (found[0] == null && node.is("pair") && "releases".equals(ElixirSyntax.keywordName(tree, node))) {
                    found[0] = node.child("key");
                    found[1] = node.child("value");
                }
            });
            String name = null;
            if (found[1] != null) {
                List<Node> pairs = ElixirSyntax.pairsOf(found[1]);
                if (!pairs.isEmpty()) {
                    name = ElixirSyntax.keywordName(tree, pairs.get(0));
                }
            }
            return new ReleaseDeclaration(mixExs, tree, found[0], name);
        }
    }

    /** The module {@code mix phx.gen.release} (Phoenix 1.7) writes to lib/&lt;app&gt;/release.ex. */
    static String releaseModule(String prefix, String app) {
        return """
                defmodule %s.Release do
                  @moduledoc \"""
                  Used for executing DB release tasks when run in production without Mix
                  installed.
                  \"""
                  @app :%s

                  def migrate do
                    load_app()

                    for repo <- repos() do
                      {:ok, _, _} = Ecto.Migrator.with_repo(repo, &Ecto.Migrator.run(&1, :up, all: true))
                    end
                  end

                  def rollback(repo, version) do
                    load_app()
                    {:ok, _, _} = Ecto.Migrator.with_repo(repo, &Ecto.Migrator.run(&1, :down, to: version))
                  end

                  defp repos do
                    Application.fetch_env!(@app, :ecto_repos)
                  end

                  defp load_app do
                    Application.load(@app)
                  end
                end
                """.formatted(prefix, app);
    }

    /** The rel/overlays/bin/migrate script {@code mix phx.gen.release} writes. */
    static String migrateScript(String release, String prefix) {
        return """
                #!/bin/sh
                set -eu

                cd -P -- "$(dirname -- "$0")"
                exec ./%s eval %s.Release.migrate
                """.formatted(release, prefix);
    }

    /** Whether a file name, cut at dots, dashes and underscores, contains one of the words ("Dockerfile.prod"). */
    private static boolean namedFor(String fileName, Set<String> words) {
        for (String part : fileName.toLowerCase(Locale.ROOT).split("[._\\-]")) {
            if (words.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /** {@code Ecto.Migrator} in code (not in a comment or string), also as {@code alias Ecto.{Migrator}}. */
    private static boolean callsMigrator(SyntaxTree tree, String text) {
        if (MULTI_ALIAS_MIGRATOR.matcher(text).find()) {
            return true;
        }
        boolean[] found = {false};
        tree.root().forEachDescendant(node -> {
            if (!found[0] && node.is("alias") && tree.text(node).equals("Ecto.Migrator")) {
                found[0] = true;
            }
        });
        return found[0];
    }

    /** Whether the file has {@code use Ecto.Repo}. */
    private static boolean usesEctoRepo(SyntaxTree tree) {
        boolean[] found = {false};
        tree.root().forEachDescendant(node -> {
            if (!found[0] && "use".equals(ElixirSyntax.localCallName(tree, node))) {
                List<Node> arguments = ElixirSyntax.arguments(node);
                found[0] = !arguments.isEmpty() && arguments.get(0).is("alias")
                        && tree.text(arguments.get(0)).equals("Ecto.Repo");
            }
        });
        return found[0];
    }

    /** {@code mix ecto.migrate}: the program and its task, as the person wrote it. */
    private static String task(ShellCommand command) {
        return command.words().size() > 1 ? "mix " + command.words().get(1) : "mix";
    }

    private static String instead(ShellCommand command, String release) {
        String task = command.words().size() > 1 ? command.words().get(1) : "";
        if (task.equals("ecto.migrate")) {
            return "migrate with the release's bin/migrate (Ecto.Migrator through `bin/" + release + " eval`) instead.";
        }
        if (task.equals("phx.server") || task.equals("run")) {
            return "start the release's bin/server (or `bin/" + release + " start`) instead.";
        }
        return "run it while building, or through `bin/" + release + " eval` in the release.";
    }

    /** The command without leading shell keywords and wrappers ({@code if mix …}, {@code time mix …}). */
    private static ShellCommand withoutPrefixes(ShellCommand command) {
        List<String> words = command.words();
        int first = 0;
        while (first < words.size() - 1 && SHELL_PREFIXES.contains(words.get(first))) {
            first++;
        }
        return first == 0 ? command : new ShellCommand(command.assignments(), words.subList(first, words.size()), command.start(), command.end());
    }

    /**
     * Where {@code mix <task>} stands in {@code text}, searching from {@code from}: [start of the program word,
     * end of the task word); the whole text when the words cannot be found as written.
     */
    private static int[] locate(String text, ShellCommand command, int from) {
        Matcher program = Pattern.compile("(?<![A-Za-z0-9_.\\-])" + Pattern.quote(command.words().get(0))
                + "(?![A-Za-z0-9_.\\-])").matcher(text);
        if (!program.find(Math.min(from, text.length()))) {
            return new int[]{0, text.length()};
        }
        int start = program.start();
        int end = program.end();
        if (command.words().size() > 1) {
            int task = text.indexOf(command.words().get(1), end);
            if (task >= 0) {
                end = task + command.words().get(1).length();
            }
        }
        return new int[]{start, end};
    }

    private static String trimSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
