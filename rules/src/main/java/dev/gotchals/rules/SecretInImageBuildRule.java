package dev.gotchals.rules;

import dev.gotchals.docker.Instruction;
import dev.gotchals.docker.Stage;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.model.config.ConfigPhase;
import dev.gotchals.model.config.ConfigTimeline;
import dev.gotchals.model.config.EnvRead;
import dev.gotchals.model.config.MixExsReads;
import dev.gotchals.model.config.VariableUse;
import dev.gotchals.model.deploy.DeployModel;
import dev.gotchals.model.deploy.DockerImage;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.ForeignSuppression;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;
import dev.gotchals.rules.SecretValues.SecretNames;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.workspace.FileRole;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GT016 secret-in-image-build: a secret handed to a Docker build as a build arg ({@code ARG SECRET_KEY_BASE}) or
 * copied from one into the environment ({@code ENV STRIPE_API_KEY=$STRIPE_API_KEY}). Literal values are GT005's.
 */
public final class SecretInImageBuildRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT016", "secret-in-image-build",
            "Secret passed to the image build as a build arg", Severity.ERROR, """
            **What it finds.** In a stage of a production Dockerfile of the app:
            - an `ARG` with a secret-like name and no default (`ARG SECRET_KEY_BASE`, `ARG HEX_API_KEY`): the \
            build is meant to get the secret with `--build-arg`;
            - an `ENV` that copies such a build arg into the environment (`ENV STRIPE_API_KEY=$STRIPE_API_KEY`).

            Names are secret-like as for `hardcoded-secret` (GT005), its `secret_keys` option included: \
            `*_PASSWORD`, `*_SECRET`, `*_TOKEN`, `*_API_KEY`, `SECRET_KEY_BASE` …; `*_FILE` indirections \
            (`ARG DB_PASSWORD_FILE`) are fine; a database URL passed by the build (`ARG DATABASE_URL`) counts too: \
            it carries the database's password. Not reported: an `ARG` default or `ENV` value that is a literal \
            (GT005 reports a real one; a placeholder such as `ENV SECRET_KEY_BASE=nokey`, which older Phoenix \
            Dockerfiles set in the build stage only so that config compiles, leaks nothing, and neither does an \
            `ENV` that copies a build arg whose default is such a placeholder); an `ENV` that names a variable \
            no `ARG` of the stage declares (it is empty); `ARG`s before the first `FROM`, which only feed `FROM` \
            lines; Dockerfiles of development, test and CI images, and of companion services that neither \
            build nor run Elixir nor start the project's release. An `ARG` that an `ENV` copies is reported once, \
            at the `ENV`; a build arg \
            declared in a build stage and in a stage of the running image too is reported once, in the running \
            image, whose history shows it. One that only a build stage keeps (the running image is not built \
            FROM it) is a warning rather than an error, and says what the release's config does with it: where \
            build-time config reads the variable, `mix release` writes its value into the release's `sys.config`, \
            which the running image ships; where only the runtime config reads it, or only a library when the app \
            runs (`{:system, "AWS_SECRET_ACCESS_KEY"}` in config, ExAws's convention), no config the build \
            evaluates needs it; and where neither config nor code reads it, nor a `RUN` step names it, nor is it \
            a variable build tools read of themselves (`HEX_API_KEY`, `AWS_…`, `SENTRY_AUTH_TOKEN`), nothing needs it.

            **Why it matters.** Docker keeps build args and `ENV` values with the image: `docker history` \
            shows the build args a stage's `RUN` steps saw, `docker inspect` shows the environment, the build \
            cache keeps them (and, with `--provenance=mode=max`, the build's provenance), and every layer after an `ENV` carries it. In a \
            build stage that the final image does not start FROM, the value still lives in the builder's \
            layers and cache, wherever the builder image or cache is pushed (`--cache-to`), and a secret that \
            compile-time config reads ends up in the release's `sys.config` anyway.

            **Instead.** Give a build step the secret through a secret mount, which is never stored: \
            `RUN --mount=type=secret,id=hex_api_key HEX_API_KEY=$(cat /run/secrets/hex_api_key) mix deps.get` \
            (or `--mount=type=secret,id=…,env=HEX_API_KEY`), built with `docker build --secret id=hex_api_key,…`. \
            Secrets the app needs at run time belong in `config/runtime.exs`, read when the container starts \
            from the platform's secret store (`fly secrets set`, Kubernetes secrets), not in the image.

            **Fix.** None: how the build gets the secret instead (a secret mount, or none at all) is a person's \
            call. This rule matches Docker's `SecretsUsedInArgOrEnv` build check.""", """
            ```dockerfile
            FROM hexpm/elixir:1.18.4-erlang-27.3.4-debian-trixie-20251117-slim AS builder
            ARG HEX_API_KEY
            ENV HEX_API_KEY=$HEX_API_KEY
            RUN mix hex.organization auth acme --key "$HEX_API_KEY" && mix deps.get --only prod
            ```
            """, """
            ```dockerfile
            FROM hexpm/elixir:1.18.4-erlang-27.3.4-debian-trixie-20251117-slim AS builder
            RUN --mount=type=secret,id=hex_api_key \\
                mix hex.organization auth acme --key "$(cat /run/secrets/hex_api_key)" && mix deps.get --only prod
            ```
            """).honouring(ForeignSuppression.dockerBuildCheck("SecretsUsedInArgOrEnv"));

    /** {@code $NAME} and {@code ${NAME}}, with or without a {@code :-default}. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ProjectContext project) {
        SecretNames names = SecretNames.of(project, HardcodedSecretRule.INFO);
        DeployModel deploy = DeployModel.of(project);
        List<Finding> findings = new ArrayList<>();
        for (DockerImage image : deploy.productionImages()) {
            if (!image.file().isParsed() || !deploy.isAppImage(image)) {
                continue;
            }
            Set<Stage> running = new HashSet<>(image.finalStage() == null ? List.of() : image.chain(image.finalStage()));
            String name = project.project().relativize(image.file().path());
            List<Reported> reported = new ArrayList<>();
            // What the release's config does with a variable matters only in the image that builds the release.
            BuildUses uses = image.buildsRelease() ? BuildUses.of(project) : BuildUses.NONE;
            for (Stage stage : image.dockerfile().stages()) {
                checkStage(image.file(), name, stage, running.contains(stage), names, uses, reported);
            }
            // One secret passed to a build stage and to the running image too is reported once, where the image
            // shows it.
            Set<String> shownByImage = new HashSet<>();
            reported.stream().filter(r -> r.arg() != null && r.running()).forEach(r -> shownByImage.add(r.arg()));
            for (Reported r : reported) {
                if (r.arg() == null || r.running() || !shownByImage.contains(r.arg())) {
                    findings.add(r.finding());
                }
            }
        }
        return findings;
    }

    /**
     * A finding of a stage.
     *
     * @param arg     the build arg an ARG finding reports, null for an ENV that copies one
     * @param running whether the stage is one the running image is built from
     */
    private record Reported(Finding finding, String arg, boolean running) {
    }

    /**
     * What the release's config does with a variable a build stage is given: the config file that reads it while the
     * release is built (so `mix release` writes its value into sys.config), and the variables only the runtime
     * config reads or names for a library to read when the app runs (at boot: the build needs none of them).
     */
    private record BuildUses(Map<String, String> readAtBuild, Set<String> readAtBoot, Set<String> readByLibraries,
                             MixExsReads mixExs, Predicate<String> readNowhere) {
        static final BuildUses NONE = new BuildUses(Map.of(), Set.of(), Set.of(), null, variable -> false);

        static BuildUses of(ProjectContext project) {
            ConfigTimeline prod = ConfigTimeline.prod(project);
            Map<String, String> readAtBuild = new LinkedHashMap<>();
            for (EnvRead read : prod.envReads()) {
                if (read.variable() != null && read.phase() == ConfigPhase.BUILD) {
                    readAtBuild.putIfAbsent(read.variable(), project.project().relativize(read.file().path()));
                }
            }
            // A config file the repository does not hold (a gitignored prod.secret.exs) may read any variable.
            boolean configInSight = prod.missingImports().isEmpty();
            return new BuildUses(readAtBuild, prod.variablesReadAt(ConfigPhase.RUNTIME), prod.variablesNamedForLibraries(),
                    MixExsReads.of(project), variable -> configInSight && VariableUse.of(project, variable)
                            == VariableUse.UNREAD && !namedInAnyConfig(project, variable));
        }

        /** Whether a config file of any environment names the variable: a test stage may run with test.exs. */
        private static boolean namedInAnyConfig(ProjectContext project, String variable) {
            String quoted = "\"" + variable + "\"";
            return project.files(FileRole.CONFIG).stream().anyMatch(file -> file.text().text().contains(quoted));
        }

        /** What the secret leads to beyond the build stage, as a sentence ending the finding, or null. */
        String consequence(String variable, Stage stage) {
            String file = readAtBuild.get(variable);
            if (file != null) {
                return " Worse, " + file + " reads " + variable + " while the release is built, so `mix release` "
                        + "writes its value into the release's sys.config, which the running image ships: whoever can "
                        + "pull the image reads it there. Read it in the runtime config instead, at boot.";
            }
            // A mix.exs that reads it uses it while the project is built, in ways sys.config does not show.
            if (mixExs != null && mixExs.reads(variable)) {
                return null;
            }
            String reader = readAtBoot.contains(variable) ? "Only the runtime config reads " + variable + ", at boot"
                    : readByLibraries.contains(variable) ? "Only a library reads " + variable + ", when the app runs "
                    + "(`{:system, \"" + variable + "\"}` in config)" : null;
            if (reader == null && !BUILD_TOOL_VARIABLE.matcher(variable).find() && !namedByStep(stage, variable)
                    && readNowhere.test(variable)) {
                return " Neither the project's config nor its code reads " + variable + ": drop the argument unless a "
                        + "build step uses it.";
            }
            return reader == null ? null : " " + reader + ": no config the build evaluates needs it, so drop the "
                    + "argument unless a build step uses it, and give the running app the platform's secret.";
        }
    }

    /**
     * Variables the tools of a build read of themselves, unnamed by any command: Hex's and npm's registry keys, a
     * cloud CLI's credentials, an error tracker's upload token ({@code HEX_API_KEY}, {@code AWS_SECRET_ACCESS_KEY},
     * {@code SENTRY_AUTH_TOKEN}).
     */
    private static final Pattern BUILD_TOOL_VARIABLE = Pattern.compile("^(HEX|NPM|NODE_AUTH|YARN|AWS|GOOGLE|GCLOUD|"
            + "CLOUDSDK|AZURE|GITHUB|GH|GITLAB|CI|BUNDLE|DOCKER|SENTRY|ROLLBAR|HONEYBADGER|APPSIGNAL|BUGSNAG|OBAN)_");

    /**
     * Whether a step of the stage uses the variable: a {@code RUN} that names it ({@code $TOKEN}, {@code ${TOKEN}}), or
     * an {@code ENV} or {@code ARG} that builds another variable's value from it
     * ({@code ENV DATABASE_URL=ecto://app:${POSTGRES_PASSWORD}@db/app}).
     */
    private static boolean namedByStep(Stage stage, String variable) {
        for (Instruction instruction : stage.instructions()) {
            if (instruction.is("RUN") && names(instruction.text(), variable)) {
                return true;
            }
            if (instruction.is("ENV") || instruction.is("ARG")) {
                for (Instruction.Setting setting : instruction.settings()) {
                    if (!setting.name().equals(variable) && setting.value() != null && names(setting.value(), variable)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean names(String text, String variable) {
        return text.contains("$" + variable) || text.contains("${" + variable);
    }

    private static void checkStage(DocumentSnapshot file, String name, Stage stage, boolean running,
                                   SecretNames names, BuildUses uses, List<Reported> findings) {
        Map<String, Instruction.Setting> args = new LinkedHashMap<>();
        Set<String> copied = new HashSet<>();
        Map<String, Finding> argFindings = new LinkedHashMap<>();
        for (Instruction instruction : stage.instructions()) {
            Deadline.check();
            List<Instruction.Setting> settings = instruction.settings();
            for (int v = 0; v < settings.size(); v++) {
                Instruction.Setting setting = settings.get(v);
                // A variable is located only to be reported: its setting is read once for its text, and locating
                // would move the nodes of an instruction a long stage has thousands of.
                boolean isArg = instruction.is("ARG");
                if (isArg) {
                    args.put(setting.name(), setting);
                }
                boolean reported = isArg ? passedByBuild(setting.value())
                                         : instruction.is("ENV") && setting.value() != null;
                if (!reported || !secretLike(names, setting.name())) {
                    continue;
                }
                Instruction.Variable variable = instruction.variables().get(v);
                if (variable.nameNode() == null) {
                    continue;
                }
                if (isArg) {
                    String consequence = running ? null : uses.consequence(variable.name(), stage);
                    argFindings.put(variable.name(), finding(file, variable, running, "ARG " + variable.name()
                            + " in " + name + " takes a secret from the build (`--build-arg`): "
                            + (running ? "`docker history` of the image shows it beside every step that used it"
                                       : "the build stage's history keeps it beside every step that used it")
                            + ", and so does the build cache"
                            + (consequence != null ? "." + consequence : "; give the step that needs it a "
                            + "secret mount (`RUN --mount=type=secret,id=…`) instead.")));
                } else {
                    String arg = copiedArg(variable.value(), args);
                    if (arg != null) {
                        copied.add(arg);
                        String consequence = running ? null : uses.consequence(variable.name(), stage);
                        findings.add(new Reported(finding(file, variable, running, "ENV " + variable.name() + " in " + name
                                + " copies the build arg " + arg + " into the environment of "
                                + (running ? "the image, where `docker inspect` shows it to anyone who can pull it"
                                           : "the build stage, stored with every layer after it and in the build cache")
                                + (consequence != null ? "." + consequence : "; give the step that needs it a secret "
                                + "mount (`RUN --mount=type=secret,id=…`) and the running app the platform's secrets "
                                + "instead.")), null, running));
                    }
                }
            }
        }
        argFindings.forEach((arg, finding) -> {
            if (!copied.contains(arg)) {
                findings.add(new Reported(finding, arg, running)); // one that an ENV copies is reported there
            }
        });
    }

    /**
     * Whether a variable the build passes holds a secret: a secret-like name, or a database URL
     * ({@code DATABASE_URL}, {@code *_DATABASE_URL}), which by Ecto's and the platforms' convention carries the
     * database's password.
     */
    private static boolean secretLike(SecretNames names, String variable) {
        return names.matches(variable) || variable.equals("DATABASE_URL") || variable.endsWith("_DATABASE_URL");
    }

    /** Whether the build passes an ARG's value: no default, an empty one, or one made of other variables. */
    private static boolean passedByBuild(String value) {
        return value == null || value.isBlank() || value.contains("$");
    }

    /** The secret build arg an ENV value reads, or null: a literal, an ENV, an unset name or a dummy default. */
    private static String copiedArg(String value, Map<String, Instruction.Setting> args) {
        Matcher matcher = REFERENCE.matcher(value);
        while (matcher.find()) {
            Instruction.Setting arg = args.get(matcher.group(1));
            if (arg != null && passedByBuild(arg.value())) {
                return arg.name();
            }
        }
        return null;
    }

    /**
     * A finding on the variable: an error where the running image keeps the secret, a warning where only a build
     * stage (its history, the build cache) does.
     */
    private static Finding finding(DocumentSnapshot file, Instruction.Variable variable, boolean running,
                                   String message) {
        SyntaxTree tree = file.tree();
        Node end = variable.valueNode() != null ? variable.valueNode() : variable.nameNode();
        return new Finding(INFO, running ? INFO.defaultSeverity() : Severity.WARNING, file,
                tree.startOffset(variable.nameNode()), tree.endOffset(end), message, List.of());
    }
}
