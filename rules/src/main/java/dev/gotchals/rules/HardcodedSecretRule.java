package dev.gotchals.rules;

import dev.gotchals.docker.Dockerfile;
import dev.gotchals.docker.Instruction;
import dev.gotchals.docker.Stage;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ConfigCall;
import dev.gotchals.elixir.ConfigPhase;
import dev.gotchals.elixir.ConfigTimeline;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.EnvCondition;
import dev.gotchals.elixir.Truth;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.RuleOption;
import dev.gotchals.rule.Severity;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.workspace.FileRole;
import dev.gotchals.workspace.MixProject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GT005 hardcoded-secret: a secret written into the configuration production runs with (a literal, a URL with an
 * inline password, a literal fallback for an unset variable), a secret baked into a Docker image, and calls of
 * the non-existent {@code System.get_env!/1}.
 *
 * <p>Which keys are secret: the key (or env var name) is split at {@code _} and lower-cased; it is secret when its
 * last word is one of {@link #SECRET_LAST_WORDS} or its last two words are one of {@link #SECRET_LAST_PAIRS}.
 * So {@code password}, {@code db_password}, {@code client_secret}, {@code auth_token}, {@code api_key},
 * {@code secret_access_key}, {@code secret_key_base} are secret; {@code signing_salt}, {@code token_ttl},
 * {@code access_key_id}, {@code public_key}, {@code SECRET_KEY_BASE_FILE} are not.
 */
public final class HardcodedSecretRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT005", "hardcoded-secret",
            "Secret written into production config or a Docker image", Severity.ERROR, """
            **What it finds.**
            - A literal value for a secret-like key (`secret_key_base`, `password`, `secret`, `token`, \
            `api_key`, `private_key`, `access_key`, `secret_key`, `encryption_key`, `signing_key`, and any key \
            ending in `_password`, `_secret`, `_token`, `_api_key` …) in a config call that runs in production: \
            `config/config.exs`, `config/prod.exs` and the files they import, `config/runtime.exs`.
            - A URL with an inline password (`ecto://user:pass@host/db`, `postgres://…`, `redis://:pass@…`) \
            as a literal there, whatever its key.
            - A literal fallback for such a value: `System.get_env("STRIPE_KEY") || "sk_…"` or \
            `System.get_env("STRIPE_KEY", "sk_…")`.
            - A Dockerfile `ENV` or `ARG` default with a literal value for a secret-like name \
            (`SECRET_KEY_BASE`, `DATABASE_PASSWORD`, `*_TOKEN`, `*_API_KEY`) or a URL with an inline password.
            - Any call of `System.get_env!/1`, in config or in `lib/`: the function does not exist.

            A key is secret-like when, split at `_`, its last word is `password`, `passwd`, `passphrase`, \
            `secret`, `token` or `apikey`, or its last two words are `api_key`, `private_key`, `access_key`, \
            `secret_key`, `encryption_key`, `signing_key`, `master_key` or `key_base`. Salts (`signing_salt`, \
            `encryption_salt`: Phoenix generates them as literals, they are not secret), `*_FILE` indirections \
            (`ENV SECRET_KEY_BASE_FILE=/run/secrets/…`), empty strings, `${VAR}` placeholders, values read with \
            `System.fetch_env!/1` or `System.get_env(…) || raise …` are fine. So are `dev.exs`, `test.exs`, \
            config under `if config_env() in [:dev, :test]`, dev/test Dockerfiles (`Dockerfile.dev`), and a \
            literal in `config.exs` that production overrides (it is then a development default, like the \
            literal `secret_key_base` Phoenix writes in `dev.exs`).

            **Why it matters.** A literal secret is in the repository, in every clone, CI log and backup, and \
            the same value ships in every build: rotating it means a new release, and whoever can read the \
            code can sign sessions (`secret_key_base`) or call the API. A literal fallback is worse than none: \
            when the variable is missing in production the app boots with the committed key instead of \
            failing. A Docker `ENV`/`ARG` value is stored in the image, where `docker inspect` and \
            `docker history` show it to anyone who can pull the image. `System.get_env!/1` is a common typo: \
            Elixir has `System.fetch_env!/1`; the call raises `UndefinedFunctionError`, and in \
            `config/runtime.exs` the release crashes at boot.

            **Instead.** Read secrets at boot in `config/runtime.exs`, inside `if config_env() == :prod do`, \
            with `System.fetch_env!("NAME")` (or `System.get_env("NAME") || raise "…"`), and give the \
            variables to the container from the platform's secret store (`fly secrets set`, Kubernetes \
            secrets, Docker secrets). Development literals belong in `dev.exs` and `test.exs`.

            **Fix.** `System.get_env!` is renamed to `System.fetch_env!` (safe). A literal or a literal \
            fallback becomes `System.fetch_env!("NAME")` (not safe: the variable must be set where the app is \
            deployed). The variable is named after the key: an existing `System.get_env("NAME")` keeps its \
            name; `secret_key_base` reads `SECRET_KEY_BASE`; other keys are prefixed with what they belong to \
            (the enclosing key, else the config subject, a `…Repo` being `DATABASE`, else a dependency's app \
            name): `password` under `MyApp.Repo` reads `DATABASE_PASSWORD`, `api_key` under `:stripe` reads \
            `STRIPE_API_KEY`. In `runtime.exs` the value is replaced in place. In `prod.exs` (read at build \
            time, so an env read there would be baked into the release) the setting moves into the \
            `if config_env() == :prod do` block of `runtime.exs` (created with `import Config` when missing); \
            it is just removed when `runtime.exs` already sets it. In `config.exs`, where dev and test use the \
            literal too, a production override is added to `runtime.exs`. A Dockerfile secret has no automatic \
            fix: remove it and pass the value at runtime from the platform's secrets.""", """
            ```elixir
            # config/prod.exs
            config :my_app, MyAppWeb.Endpoint,
              secret_key_base: "p0BH3kq7…"

            # config/runtime.exs
            config :stripity_stripe, api_key: System.get_env("STRIPE_KEY") || "sk_test_…"
            config :my_app, MyApp.Repo, url: System.get_env!("DATABASE_URL")
            ```

            ```dockerfile
            ENV SECRET_KEY_BASE=p0BH3kq7…
            ```
            """, """
            ```elixir
            # config/runtime.exs
            if config_env() == :prod do
              config :my_app, MyAppWeb.Endpoint, secret_key_base: System.fetch_env!("SECRET_KEY_BASE")
              config :stripity_stripe, api_key: System.fetch_env!("STRIPE_KEY")
              config :my_app, MyApp.Repo, url: System.fetch_env!("DATABASE_URL")
            end
            ```

            ```dockerfile
            # no secret in the image: `fly secrets set SECRET_KEY_BASE=…`, or the orchestrator's secrets
            ENV SECRET_KEY_BASE_FILE=/run/secrets/secret_key_base
            ```
            """, List.of(new RuleOption("secret_keys", "Extra key names to treat as secret-like, in config and in "
                    + "Dockerfile `ENV`/`ARG`, besides the built-in ones; compared whole and without regard to case, "
                    + "so `stripe_key` also covers `ENV STRIPE_KEY`.", "stripe_key")));

    /** A key is secret when its last {@code _}-separated word is one of these. */
    static final Set<String> SECRET_LAST_WORDS = Set.of("password", "passwd", "passphrase", "secret", "token", "apikey");
    /** … or when its last two words are one of these. */
    static final Set<String> SECRET_LAST_PAIRS = Set.of("api_key", "private_key", "access_key", "secret_key",
            "encryption_key", "signing_key", "master_key", "key_base");

    /**
     * Text every secret-like key (see {@link #isSecretName}) or credential URL contains; a config call without any
     * of it is skipped unread.
     */
    private static final String[] CANDIDATE_TEXT = {"pass", "secret", "token", "apikey", "_key", "key_base", "://"};

    /** A URL with a non-empty password: {@code scheme://user:pass@host} (the user may be empty). */
    private static final Pattern CREDENTIAL_URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/?#@\\s:]*:([^/?#@\\s]+)@");
    /** Distillery-style {@code "${VAR}"}, replaced from the environment at boot: an indirection. */
    private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{[A-Za-z_][A-Za-z0-9_]*}$");
    /** Dockerfile name parts marking a development or test image. */
    private static final Set<String> NON_PROD_DOCKERFILE_PARTS = Set.of("dev", "development", "test", "local");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ProjectContext project) {
        List<Finding> findings = new ArrayList<>();
        checkConfig(project, findings);
        checkGetEnvBang(project, findings);
        checkDockerfiles(project, findings);
        return findings;
    }

    /** Whether a key or variable name is secret-like (see the class comment). */
    static boolean isSecretName(String name) {
        if (name == null) {
            return false;
        }
        List<String> words = new ArrayList<>();
        for (String word : name.toLowerCase(Locale.ROOT).split("_")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        int n = words.size();
        if (n == 0) {
            return false;
        }
        return SECRET_LAST_WORDS.contains(words.get(n - 1))
                || n >= 2 && SECRET_LAST_PAIRS.contains(words.get(n - 2) + "_" + words.get(n - 1));
    }

    /** The key names this analysis treats as secret: the built-in ones and the {@code secret_keys} option's. */
    private record SecretNames(Set<String> extra) {
        static SecretNames of(ProjectContext project) {
            Set<String> extra = new HashSet<>();
            for (String key : project.settings().option(INFO, "secret_keys")) {
                if (!key.isBlank()) {
                    extra.add(key.strip().toLowerCase(Locale.ROOT));
                }
            }
            return new SecretNames(Set.copyOf(extra));
        }

        boolean matches(String name) {
            return isSecretName(name) || name != null && extra.contains(name.toLowerCase(Locale.ROOT));
        }

        /** {@link #CANDIDATE_TEXT} and the extra keys: a config call without any of them cannot hold a secret. */
        String[] candidateText() {
            if (extra.isEmpty()) {
                return CANDIDATE_TEXT;
            }
            List<String> needles = new ArrayList<>(List.of(CANDIDATE_TEXT));
            extra.stream().sorted().forEach(needles::add);
            return needles.toArray(String[]::new);
        }
    }

    /** A URL carrying a literal password. */
    static boolean isCredentialUrl(String value) {
        Matcher matcher = CREDENTIAL_URL.matcher(value.strip());
        return matcher.find() && !matcher.group(1).contains("$");
    }

    private static boolean isMeaningful(String literal) {
        return literal != null && !literal.isBlank() && !PLACEHOLDER.matcher(literal.strip()).matches();
    }

    // ---------------------------------------------------------------- config

    private enum Kind { LITERAL, URL, FALLBACK }

    /**
     * A secret value found in config.
     *
     * @param reported the node the diagnostic covers
     * @param replaced the expression the fix replaces with {@code System.fetch_env!}
     * @param envName  the variable an existing {@code System.get_env} reads, or null
     * @param viaVariable whether the value was reached through a variable assigned earlier in the file
     */
    private record Hit(Kind kind, Node reported, Node replaced, String envName, boolean fixable, boolean viaVariable) {
    }

    /** A keyword pair of a config call, with the pairs beside it and the pair it is nested in. */
    private record PairAt(Node pair, String key, List<Node> siblings, PairAt parent) {
        List<String> keys() {
            List<String> keys = parent == null ? new ArrayList<>() : parent.keys();
            keys.add(key);
            return keys;
        }
    }

    /** The dev and test timelines, to know which config calls run outside production too. */
    private record OtherEnvs(ConfigTimeline dev, ConfigTimeline test) {
        boolean runs(ConfigCall call) {
            return contains(dev, call) || contains(test, call);
        }

        private static boolean contains(ConfigTimeline timeline, ConfigCall call) {
            for (ConfigCall other : timeline.calls()) {
                if (other.file().path().equals(call.file().path()) && other.call().startByte() == call.call().startByte()) {
                    return true;
                }
            }
            return false;
        }
    }

    private void checkConfig(ProjectContext project, List<Finding> findings) {
        ConfigTimeline prod = ConfigTimeline.prod(project);
        SecretNames names = SecretNames.of(project);
        String[] candidateText = names.candidateText();
        OtherEnvs others = project.model(OtherEnvs.class,
                p -> new OtherEnvs(ConfigTimeline.of(p, "dev"), ConfigTimeline.of(p, "test")));
        Set<String> seen = new HashSet<>();
        List<ConfigCall> calls = prod.calls();
        for (int index = 0; index < calls.size(); index++) {
            ConfigCall call = calls.get(index);
            SyntaxTree tree = call.tree();
            if (!tree.mentions(call.call(), candidateText) && !passesVariable(call.pairs())) {
                continue; // no secret-like key, no URL, no variable that could hold one
            }
            List<PairAt> pairs = new ArrayList<>();
            collectPairs(tree, call.pairs(), null, pairs);
            for (PairAt at : pairs) {
                Hit hit = classify(tree, call, at, names);
                if (hit == null) {
                    continue;
                }
                DocumentSnapshot file = call.file();
                if (!seen.add(file.path() + ":" + hit.reported().startByte())) {
                    continue;
                }
                List<String> path = fullPath(call, at);
                boolean shared = others.runs(call);
                boolean overridden = overriddenLater(prod, index, call.app(), path);
                if (shared && overridden) {
                    continue; // a development default that production replaces
                }
                String where = describe(call, at) + " in " + project.project().relativize(file.path());
                String message = switch (hit.kind()) {
                    case LITERAL -> where + " is a literal value, so the production secret lives in the source tree "
                            + "and ships with every build.";
                    case URL -> where + " is a literal URL with an inline password, so the production credentials "
                            + "live in the source tree and ship with every build.";
                    case FALLBACK -> where + " falls back to a literal value when "
                            + (hit.envName() == null ? "the variable" : hit.envName())
                            + " is unset, so production runs with a committed secret instead of failing at boot.";
                };
                List<Fix> fixes = new ArrayList<>();
                if (hit.fixable()) {
                    Fix fix = fix(project, prod, index, call, at, hit, shared, overridden);
                    if (fix != null) {
                        fixes.add(fix);
                    }
                }
                findings.add(new Finding(INFO, INFO.defaultSeverity(), file, tree.startOffset(hit.reported()),
                        tree.endOffset(hit.reported()), message, fixes));
            }
        }
    }

    /** Whether a value of these pairs (or of nested keyword lists) is a variable, which may hold a secret URL. */
    private static boolean passesVariable(List<Node> pairs) {
        for (Node pair : pairs) {
            Node value = pair.child("value");
            if (value != null && (value.is("identifier")
                    || (value.is("list") || value.is("keywords")) && passesVariable(ElixirSyntax.pairsOf(value)))) {
                return true;
            }
        }
        return false;
    }

    private static void collectPairs(SyntaxTree tree, List<Node> pairs, PairAt parent, List<PairAt> out) {
        for (Node pair : pairs) {
            String key = ElixirSyntax.keywordName(tree, pair);
            Node value = pair.child("value");
            if (key == null || value == null) {
                continue;
            }
            PairAt at = new PairAt(pair, key, pairs, parent);
            out.add(at);
            if (value.is("list") || value.is("keywords")) {
                collectPairs(tree, ElixirSyntax.pairsOf(value), at, out);
            }
        }
    }

    /** "`password` for Shop.Repo", "`api_key` for :stripe", "`secret` in :shop". */
    private static String describe(ConfigCall call, PairAt at) {
        String key = "`" + at.key() + "`";
        if (at.parent() != null) {
            return key + " under `" + at.parent().key() + "`";
        }
        if (call.subject() != null) {
            String subject = Character.isUpperCase(call.subject().charAt(0)) ? call.subject() : ":" + call.subject();
            return key + " for " + subject;
        }
        return key + " of :" + call.app();
    }

    private static Hit classify(SyntaxTree tree, ConfigCall call, PairAt at, SecretNames names) {
        Node value = at.pair().child("value");
        boolean secretKey = names.matches(at.key());
        Hit direct = classifyValue(tree, value, secretKey, false);
        if (direct != null || !value.is("identifier")) {
            return direct;
        }
        // `secret_key_base: secret_key_base`, assigned earlier in the same file.
        String variable = tree.text(value);
        Node assigned = assignmentBefore(tree, tree.root(), variable, call.call().startByte());
        return assigned == null ? null : classifyValue(tree, assigned, secretKey || names.matches(variable), true);
    }

    private static Hit classifyValue(SyntaxTree tree, Node value, boolean secretKey, boolean viaVariable) {
        String literal = literal(tree, value);
        if (literal != null) {
            if (secretKey && isMeaningful(literal)) {
                return new Hit(Kind.LITERAL, value, value, null, true, viaVariable);
            }
            if (isCredentialUrl(literal)) {
                return new Hit(Kind.URL, value, value, null, true, viaVariable);
            }
            return null;
        }
        // System.get_env("X", "literal")
        if (ElixirSyntax.isRemoteCall(tree, value, "System", "get_env")) {
            List<Node> arguments = ElixirSyntax.arguments(value);
            if (arguments.size() == 2) {
                String fallback = literal(tree, arguments.get(1));
                String env = ElixirSyntax.stringLiteral(tree, arguments.get(0));
                if (isMeaningful(fallback) && (secretKey || isCredentialUrl(fallback))) {
                    return new Hit(Kind.FALLBACK, value, value, env, env != null, viaVariable);
                }
            }
            return null;
        }
        // System.get_env("X") || "literal"
        if (value.is("binary_operator") && isOperator(tree, value, "||")) {
            Node left = value.child("left");
            String fallback = literal(tree, value.child("right"));
            if (left == null || !isMeaningful(fallback) || !(secretKey || isCredentialUrl(fallback)) || !readsEnv(tree, left)) {
                return null;
            }
            String env = null;
            if (ElixirSyntax.isRemoteCall(tree, left, "System", "get_env") && ElixirSyntax.arguments(left).size() == 1) {
                env = ElixirSyntax.stringLiteral(tree, ElixirSyntax.arguments(left).get(0));
            }
            return new Hit(Kind.FALLBACK, value, value, env, env != null, viaVariable);
        }
        return null;
    }

    private static boolean isOperator(SyntaxTree tree, Node node, String operator) {
        Node op = node.child("operator");
        return op != null && tree.text(op).strip().equals(operator);
    }

    private static boolean readsEnv(SyntaxTree tree, Node node) {
        boolean[] found = {false};
        node.forEachDescendant(n -> found[0] |= ElixirSyntax.isRemoteCall(tree, n, "System", "get_env"));
        return found[0];
    }

    /** The content of a string or charlist without interpolation, or null. */
    private static String literal(SyntaxTree tree, Node node) {
        if (node == null || !(node.is("string") || node.is("charlist"))) {
            return null;
        }
        StringBuilder content = new StringBuilder();
        for (Node child : node.namedChildren()) {
            if (child.is("quoted_content") || child.is("escape_sequence")) {
                content.append(tree.text(child));
            } else {
                return null;
            }
        }
        return content.toString();
    }

    /** The right side of the last {@code variable = …} before {@code beforeByte}, searched through nested blocks. */
    private static Node assignmentBefore(SyntaxTree tree, Node scope, String variable, int beforeByte) {
        Node[] found = {null};
        scope.forEachDescendant(node -> {
            if (node.endByte() <= beforeByte && node.is("binary_operator") && isOperator(tree, node, "=")) {
                Node left = node.child("left");
                if (left != null && left.is("identifier") && tree.text(left).equals(variable)) {
                    found[0] = node.child("right");
                }
            }
        });
        return found[0];
    }

    /** The setting's path as Config merges it: the subject (when there is one), then the keys. */
    private static List<String> fullPath(ConfigCall call, PairAt at) {
        List<String> path = new ArrayList<>();
        if (call.subject() != null) {
            path.add(call.subject());
        }
        path.addAll(at.keys());
        return path;
    }

    /** Whether a config call after {@code index} surely sets the same app and path. */
    private static boolean overriddenLater(ConfigTimeline prod, int index, String app, List<String> path) {
        List<ConfigCall> calls = prod.calls();
        for (int i = index + 1; i < calls.size(); i++) {
            ConfigCall later = calls.get(i);
            if (later.applies() == Truth.TRUE && later.app().equals(app) && sets(later, path)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sets(ConfigCall call, List<String> path) {
        List<String> rest = path;
        if (call.subject() != null) {
            if (path.isEmpty() || !path.get(0).equals(call.subject())) {
                return false;
            }
            rest = path.subList(1, path.size());
        }
        List<Node> pairs = call.pairs();
        for (int i = 0; i < rest.size(); i++) {
            Node match = null;
            for (Node pair : pairs) {
                if (rest.get(i).equals(ElixirSyntax.keywordName(call.tree(), pair))) {
                    match = pair;
                }
            }
            if (match == null) {
                return false;
            }
            if (i < rest.size() - 1) {
                Node value = match.child("value");
                if (value == null || !(value.is("list") || value.is("keywords"))) {
                    return false;
                }
                pairs = ElixirSyntax.pairsOf(value);
            }
        }
        return !rest.isEmpty();
    }

    // ---------------------------------------------------------------- config fixes

    private static Fix fix(ProjectContext project, ConfigTimeline prod, int index, ConfigCall call, PairAt at, Hit hit,
                           boolean shared, boolean overridden) {
        DocumentSnapshot file = call.file();
        SyntaxTree tree = file.tree();
        String env = hit.envName() != null ? hit.envName() : envName(project.project(), call, at);
        String read = "System.fetch_env!(\"" + env + "\")";
        int replaceStart = tree.startOffset(hit.replaced());
        int replaceEnd = tree.endOffset(hit.replaced());
        if (call.phase() == ConfigPhase.RUNTIME) {
            return new Fix("Read " + env + " with System.fetch_env!/1", false,
                    List.of(new Fix.Edit(file, replaceStart, replaceEnd, read)));
        }
        if (hit.viaVariable()) {
            return null; // the variable may feed other settings; moving it is a person's call
        }
        String fileName = project.project().relativize(file.path());
        if (overridden) {
            // Production never sees this value: a later setting replaces it.
            List<Fix.Edit> removal = removal(file, call, at);
            return removal == null ? null : new Fix("Remove the literal `" + at.key() + "` from " + fileName
                    + " (a later setting replaces it in production)", true,
                    List.copyOf(removal));
        }
        String runtimeName = project.configFile("runtime.exs") == null && project.configFile("releases.exs") != null
                ? "releases.exs" : "runtime.exs";
        List<Fix.Change> changes = new ArrayList<>();
        String block;
        String title;
        if (shared) {
            block = overrideCall(tree, call, at, read);
            title = "Set `" + at.key() + "` from " + env + " in config/" + runtimeName
                    + " for production (dev and test keep the literal)";
        } else {
            title = "Move `" + at.key() + "` to config/" + runtimeName + " and read " + env + " with System.fetch_env!/1";
            boolean wholeCall = at.parent() == null && call.pairs().size() == 1;
            int[] statement = wholeCall ? statementRange(file, call.call()) : null;
            if (statement != null) {
                String text = file.text().text();
                String moved = text.substring(statement[0], replaceStart) + read
                        + text.substring(replaceEnd, tree.endOffset(call.call()));
                block = reindent(moved);
                changes.add(removeLines(file, statement));
            } else {
                List<Fix.Edit> removal = removal(file, call, at);
                if (removal == null) {
                    return null;
                }
                changes.addAll(removal);
                block = overrideCall(tree, call, at, read);
            }
        }
        Fix.Change insertion = insertIntoRuntime(project, block);
        if (insertion == null) {
            return null;
        }
        changes.add(insertion);
        return new Fix(title, false, changes);
    }

    /**
     * The variable for a setting: SECRET_KEY_BASE for {@code secret_key_base}; otherwise the key prefixed by the
     * enclosing key, else by the subject (a {@code …Repo} is DATABASE), else by a dependency's app name.
     */
    static String envName(MixProject project, ConfigCall call, PairAt at) {
        String key = macroCase(at.key());
        if (at.key().equals("secret_key_base")) {
            return key;
        }
        String qualifier = null;
        if (at.parent() != null) {
            qualifier = at.parent().key();
        } else if (call.subject() != null) {
            String subject = call.subject();
            String last = subject.substring(subject.lastIndexOf('.') + 1);
            qualifier = last.endsWith("Repo") ? "DATABASE" : last;
        } else if (!isOwnApp(project, call.app())) {
            qualifier = call.app();
        }
        if (qualifier == null) {
            return key;
        }
        String prefix = macroCase(qualifier);
        return key.equals(prefix) || key.startsWith(prefix + "_") ? key : prefix + "_" + key;
    }

    private static boolean isOwnApp(MixProject project, String app) {
        if (app.equals(project.appName())) {
            return true;
        }
        return project.apps().stream().anyMatch(a -> a.appName().equals(app));
    }

    /** {@code MyMailer} → MY_MAILER, {@code api_key} → API_KEY. */
    static String macroCase(String name) {
        String snake = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9]+", "_");
        return snake.toUpperCase(Locale.ROOT).replaceAll("^_+|_+$", "");
    }

    /** {@code config :app, Subject, outer: [key: read]}: only the secret, which Config deep-merges into the rest. */
    private static String overrideCall(SyntaxTree tree, ConfigCall call, PairAt at, String read) {
        List<Node> arguments = ElixirSyntax.arguments(call.call());
        StringBuilder text = new StringBuilder("config ").append(tree.text(arguments.get(0)));
        if (call.subject() != null) {
            text.append(", ").append(tree.text(arguments.get(1)));
        }
        List<String> keys = at.keys();
        StringBuilder value = new StringBuilder(read);
        for (int i = keys.size() - 1; i >= 0; i--) {
            String pair = keys.get(i) + ": " + value;
            value = new StringBuilder(i == 0 ? pair : "[" + pair + "]");
        }
        return "  " + text.append(", ").append(value);
    }

    /** The call's lines and the comment lines right above it, when nothing else shares its lines. */
    private static int[] statementRange(DocumentSnapshot file, Node node) {
        String text = file.text().text();
        SyntaxTree tree = file.tree();
        int start = tree.startOffset(node);
        int end = tree.endOffset(node);
        int lineStart = text.lastIndexOf('\n', start - 1) + 1;
        if (!text.substring(lineStart, start).isBlank()) {
            return null;
        }
        int lineEnd = text.indexOf('\n', end);
        lineEnd = lineEnd < 0 ? text.length() : lineEnd + 1;
        if (!text.substring(end, lineEnd).isBlank()) {
            return null;
        }
        // Comment lines directly above describe the call: they go with it.
        while (lineStart > 0) {
            int previous = text.lastIndexOf('\n', lineStart - 2) + 1;
            if (!text.substring(previous, lineStart).strip().startsWith("#")) {
                break;
            }
            lineStart = previous;
        }
        return new int[] {lineStart, lineEnd};
    }

    /** Removes whole lines without leaving two blank lines where they were. */
    private static Fix.Edit removeLines(DocumentSnapshot file, int[] range) {
        String text = file.text().text();
        int start = range[0];
        int end = range[1];
        boolean blankBefore = start == 0 || start >= 2 && text.charAt(start - 1) == '\n' && text.charAt(start - 2) == '\n';
        if (blankBefore && end < text.length() && text.charAt(end) == '\n') {
            end++;
        } else if (blankBefore && end == text.length() && start > 0) {
            start--;
        }
        return new Fix.Edit(file, start, end, "");
    }

    /** Dedents lines (the first line's indentation is the call's) and indents them by two spaces. */
    private static String reindent(String lines) {
        String[] split = lines.split("\n", -1);
        int indent = Integer.MAX_VALUE;
        for (String line : split) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < split.length; i++) {
            String line = split[i];
            if (i > 0) {
                out.append('\n');
            }
            if (!line.isBlank()) {
                out.append("  ").append(line.substring(Math.min(indent, line.length())));
            }
        }
        return out.toString().stripTrailing();
    }

    /**
     * Edits that remove a pair from its call: the pair with the comma before (or after) it; a pair alone in a
     * nested list takes the enclosing pair with it; a pair alone in the call takes the whole call.
     */
    private static List<Fix.Edit> removal(DocumentSnapshot file, ConfigCall call, PairAt at) {
        SyntaxTree tree = file.tree();
        PairAt target = at;
        while (target.siblings().size() == 1 && target.parent() != null) {
            target = target.parent();
        }
        if (target.siblings().size() == 1) {
            int[] range = statementRange(file, call.call());
            if (range == null) {
                return null;
            }
            return List.of(removeLines(file, range));
        }
        int position = target.siblings().indexOf(target.pair());
        Node pair = target.pair();
        if (position > 0) {
            Node previous = target.siblings().get(position - 1);
            return List.of(new Fix.Edit(file, tree.endOffset(previous), tree.endOffset(pair), ""));
        }
        Node next = target.siblings().get(1);
        return List.of(new Fix.Edit(file, tree.startOffset(pair), tree.startOffset(next), ""));
    }

    /** Adds {@code block} (indented lines) to the prod block of runtime.exs, creating the block or the file. */
    private static Fix.Change insertIntoRuntime(ProjectContext project, String block) {
        DocumentSnapshot runtime = project.configFile("runtime.exs");
        if (runtime == null) {
            runtime = project.configFile("releases.exs");
        }
        if (runtime == null) {
            Path path = project.project().root().resolve("config").resolve("runtime.exs");
            return new Fix.CreateFile(path, "import Config\n\nif config_env() == :prod do\n" + block + "\nend\n");
        }
        if (!runtime.isParsed()) {
            return null;
        }
        SyntaxTree tree = runtime.tree();
        String text = runtime.text().text();
        for (Node statement : tree.statements()) {
            Deadline.check();
            if (!"if".equals(ElixirSyntax.localCallName(tree, statement))) {
                continue;
            }
            List<Node> arguments = ElixirSyntax.arguments(statement);
            Node doBlock = ElixirSyntax.doBlock(statement);
            if (arguments.size() != 1 || doBlock == null || doBlock.firstOfType("else_block") != null
                    || EnvCondition.evaluate(tree, arguments.get(0), "prod") != Truth.TRUE
                    || EnvCondition.evaluate(tree, arguments.get(0), "dev") != Truth.FALSE
                    || EnvCondition.evaluate(tree, arguments.get(0), "test") != Truth.FALSE) {
                continue;
            }
            int end = tree.endOffset(doBlock);
            if (!text.startsWith("end", end - 3)) {
                continue;
            }
            int endLine = text.lastIndexOf('\n', end - 4) + 1;
            if (endLine == 0 || !text.substring(endLine, end - 3).isBlank()) {
                continue;
            }
            int previousLine = text.lastIndexOf('\n', endLine - 2) + 1;
            String before = text.substring(previousLine, endLine - 1).strip();
            boolean needsBlank = !before.isEmpty() && !before.endsWith(" do");
            return new Fix.Edit(runtime, endLine, endLine, (needsBlank ? "\n" : "") + block + "\n");
        }
        String separator = text.isEmpty() || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
        return new Fix.Edit(runtime, text.length(), text.length(),
                separator + "if config_env() == :prod do\n" + block + "\nend\n");
    }

    // ---------------------------------------------------------------- System.get_env!

    private void checkGetEnvBang(ProjectContext project, List<Finding> findings) {
        List<DocumentSnapshot> files = new ArrayList<>(project.files(FileRole.CONFIG));
        files.addAll(project.files(FileRole.ELIXIR_SOURCE));
        for (DocumentSnapshot file : files) {
            if (!file.isParsed()) {
                continue;
            }
            SyntaxTree tree = file.tree();
            if (!tree.mentions(tree.root(), "get_env!")) {
                continue;
            }
            String name = project.project().relativize(file.path());
            boolean config = name.endsWith(".exs");
            String fileName = file.path().getFileName().toString();
            boolean runtime = fileName.equals("runtime.exs") || fileName.equals("releases.exs");
            String consequence = !config
                    ? "the compiler only warns about it, and the call raises UndefinedFunctionError when it runs."
                    : runtime
                    ? "evaluating " + name + " raises UndefinedFunctionError, so the release crashes at boot."
                    : "loading " + name + " raises UndefinedFunctionError, so Mix fails before it compiles anything.";
            tree.root().forEachDescendant(node -> {
                if (!ElixirSyntax.isRemoteCall(tree, node, "System", "get_env!")) {
                    return;
                }
                Node target = node.child("target");
                Node function = target.child("right");
                List<Fix> fixes = ElixirSyntax.arguments(node).size() <= 1
                        ? List.of(new Fix("Use System.fetch_env!/1", true, List.of(new Fix.Edit(file,
                        tree.startOffset(function), tree.endOffset(function), "fetch_env!"))))
                        : List.of();
                findings.add(new Finding(INFO, INFO.defaultSeverity(), file, tree.startOffset(target),
                        tree.endOffset(target), "System.get_env!/1 does not exist (Elixir has System.fetch_env!/1): "
                        + consequence, fixes));
            });
        }
    }

    // ---------------------------------------------------------------- Dockerfiles

    private void checkDockerfiles(ProjectContext project, List<Finding> findings) {
        SecretNames names = SecretNames.of(project);
        for (DocumentSnapshot file : project.files(FileRole.DOCKERFILE)) {
            if (!file.isParsed() || isNonProdDockerfile(file.path().getFileName().toString())) {
                continue;
            }
            Dockerfile dockerfile = Dockerfile.read(file);
            List<Instruction> instructions = new ArrayList<>(dockerfile.globalArgs());
            for (Stage stage : dockerfile.stages()) {
                instructions.addAll(stage.instructions());
            }
            String name = project.project().relativize(file.path());
            for (Instruction instruction : instructions) {
                Deadline.check();
                if (!instruction.is("ENV") && !instruction.is("ARG")) {
                    continue;
                }
                for (Instruction.Variable variable : instruction.variables()) {
                    String value = variable.value();
                    if (value == null || value.isBlank() || value.contains("$") || variable.nameNode() == null
                            || variable.valueNode() == null) {
                        continue;
                    }
                    boolean secret = names.matches(variable.name());
                    if (!secret && !isCredentialUrl(value)) {
                        continue;
                    }
                    String what = secret ? "a literal value" : "a URL with an inline password";
                    String message = instruction.is("ENV")
                            ? "ENV " + variable.name() + " in " + name + " is " + what + ", baked into the image where "
                              + "`docker inspect` shows it to anyone who can pull it; pass it at runtime from the "
                              + "platform's secrets instead."
                            : "ARG " + variable.name() + " in " + name + " has " + what + " as its default, committed "
                              + "with the Dockerfile and recorded in the image's build history; pass it at runtime "
                              + "from the platform's secrets instead.";
                    SyntaxTree tree = file.tree();
                    findings.add(new Finding(INFO, INFO.defaultSeverity(), file, tree.startOffset(variable.nameNode()),
                            tree.endOffset(variable.valueNode()), message, List.of()));
                }
            }
        }
    }

    /** {@code Dockerfile.dev}, {@code test.Dockerfile}, {@code Dockerfile.local}: images that never run production. */
    static boolean isNonProdDockerfile(String fileName) {
        for (String part : fileName.toLowerCase(Locale.ROOT).split("[.\\-_]")) {
            if (NON_PROD_DOCKERFILE_PARTS.contains(part)) {
                return true;
            }
        }
        return false;
    }
}
