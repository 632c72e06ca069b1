package dev.gotchals.rules;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.EnvCondition;
import dev.gotchals.model.config.ConfigCall;
import dev.gotchals.model.config.ConfigEntry;
import dev.gotchals.model.config.EnvCalls;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.workspace.MixProject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What GT005 counts as a secret: secret-like names and the values that put a secret in config (a literal, a URL
 * with an inline password, a literal fallback for an unset variable).
 *
 * <p>Which keys are secret: the key (or env var name) is split at {@code _} and lower-cased; it is secret when its
 * last word is one of {@link #SECRET_LAST_WORDS} or its last two words are one of {@link #SECRET_LAST_PAIRS}.
 * So {@code password}, {@code db_password}, {@code client_secret}, {@code auth_token}, {@code api_key},
 * {@code secret_access_key}, {@code secret_key_base} are secret; {@code signing_salt}, {@code token_ttl},
 * {@code access_key_id}, {@code public_key}, {@code SECRET_KEY_BASE_FILE} are not.
 *
 * <p>Which values stand in for a secret instead of being one ({@link Hit#placeholder()}): well-known placeholders and
 * test values, a service's default login (the password equal to the user name beside it), and a filler that the same
 * keyword list also gives settings that are no secrets ({@code client_id} and {@code client_secret} both falling back
 * to {@code "ASFD"}). A service rejects such a value, so it neither protects nor exposes anything; the rule still
 * reports one that a key the app signs with keeps, since anyone can forge with a value they can read.
 */
final class SecretValues {
    private SecretValues() {
    }

    /**
     * A key is secret when its last {@code _}-separated word is one of these ({@code pat}: GITHUB_PAT's token;
     * {@code signer}: Joken's {@code default_signer}, the HMAC key itself when given as a string).
     */
    static final Set<String> SECRET_LAST_WORDS = Set.of("password", "passwd", "pass", "passphrase", "keyphrase",
            "ivphrase", "secret", "token", "apikey", "pat", "signer");
    /** … or when its last two words are one of these. */
    static final Set<String> SECRET_LAST_PAIRS = Set.of("api_key", "private_key", "access_key", "secret_key",
            "encryption_key", "signing_key", "master_key", "key_base", "license_key");

    /** A word before a last word {@code secret} that makes the name one of a Kubernetes Secret object, not a value. */
    private static final Set<String> KUBERNETES_WORDS = Set.of("kube", "k8s", "kubernetes");

    /**
     * What a Kubernetes Secret object is kept for, before a last word {@code secret} in a name that names Kubernetes
     * earlier ({@code KUBERNETES_BUILD_SECRET}); not a credential's word ({@code K8S_CLIENT_SECRET} is one).
     */
    private static final Set<String> SECRET_OBJECT_PURPOSES = Set.of("build", "registry", "pull", "image", "tls",
            "docker", "cert", "certificate", "env", "config");

    /** What {@link #isSecretName} said of the names asked lately; emptied when it holds {@link #MAX_NAMES_ASKED}. */
    private static final Map<String, Boolean> NAMES_ASKED = new ConcurrentHashMap<>();
    private static final int MAX_NAMES_ASKED = 65_536;

    /**
     * Text every secret-like key (see {@link #isSecretName}) or credential URL contains; a config call without any
     * of it is skipped unread.
     */
    private static final String[] CANDIDATE_TEXT = {"pass", "secret", "token", "apikey", "_key", "key_base", "pat", "signer",
        "://", "aiza", "sk_live_", "rk_live_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xox", "sg.", "sk-", "key-", "private key", "glpat-", "shp", "npm_"};

    /**
     * Credentials a vendor issues in a format of its own, a secret whatever the key or variable that holds them is
     * called ({@code API_KEY_GEMINI}, {@code :gemini}): each with what to call it in a message. Test keys
     * ({@code sk_test_}) and keys made for browsers are left out; so are identifiers such as AWS access key ids.
     */
    private static final List<Map.Entry<Pattern, String>> CREDENTIAL_FORMATS = List.of(
            Map.entry(Pattern.compile("AIza[0-9A-Za-z_-]{35}"), "a Google API key"),
            Map.entry(Pattern.compile("[sr]k_live_[0-9A-Za-z]{20,}"), "a live Stripe secret key"),
            Map.entry(Pattern.compile("gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,}"), "a GitHub token"),
            Map.entry(Pattern.compile("glpat-[0-9A-Za-z_-]{20,}"), "a GitLab token"),
            Map.entry(Pattern.compile("xox[abposr]-[0-9A-Za-z-]{20,}"), "a Slack token"),
            Map.entry(Pattern.compile("https://hooks\\.slack\\.com/services/T[0-9A-Z]+/B[0-9A-Z]+/[0-9A-Za-z]{20,}"),
                    "a Slack webhook URL"),
            Map.entry(Pattern.compile("SG\\.[0-9A-Za-z_-]{22}\\.[0-9A-Za-z_-]{43}"), "a SendGrid API key"),
            Map.entry(Pattern.compile("sk-(?=[0-9A-Za-z_-]*[0-9])(?=[0-9A-Za-z_-]*[A-Z])[0-9A-Za-z_-]{40,}"),
                    "an OpenAI-style secret key"),
            Map.entry(Pattern.compile("key-[0-9a-f]{32}"), "a Mailgun API key"),
            Map.entry(Pattern.compile("shp(at|ss|ca|pa)_[0-9a-fA-F]{32}"), "a Shopify access token"),
            Map.entry(Pattern.compile("npm_[0-9A-Za-z]{36}"), "an npm token"),
            Map.entry(Pattern.compile("(?s)-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED) )?PRIVATE KEY-----.*"),
                    "a private key"));

    /**
     * Keys a vendor issues for its test mode, with what to call them in a message: they reach the account's test data
     * only, so committing one leaks little, but a production that runs with one takes no real payment.
     */
    private static final Pattern STRIPE_TEST_MODE_KEY = Pattern.compile("[sr]k_test_[0-9A-Za-z]{10,}");

    /** The shortest secret_key_base Plug's cookie session store accepts (it raises for a shorter one). */
    private static final int MIN_KEY_BASE_BYTES = 64;
    /** Words of one case and their separators ({@code nokeyyet}, {@code not-set-yet}): nothing a generator writes. */
    private static final Pattern WORDS = Pattern.compile("([a-z]+|[A-Z]+)([ _.-]([a-z]+|[A-Z]+))*");
    /**
     * Values that say they are not a real secret: the well-known defaults of local databases and admin consoles
     * ({@code postgres}, {@code admin}), the key Ollama's OpenAI-compatible API asks for and ignores
     * ({@code ollama}), and what tutorials and templates write in the secret's place.
     */
    private static final Set<String> PLACEHOLDERS = Set.of("postgres", "password", "pass", "passwd", "pwd", "admin",
            "root", "secret", "ollama",
            "changeme", "changeit", "dummy", "placeholder", "example", "test", "testing", "nokey", "none", "null", "nil",
            "todo", "default", "insecure", "notasecret");
    /**
     * Words that mark a value as standing in for the real one ({@code change_me_in_prod}, {@code your-api-key},
     * {@code SECRET_KEY_HERE}, {@code YOUR REAL KEY BASE HERE}, {@code LocalKeyDoNotUseInProduction}, {@code testkey},
     * {@code not_secure_not_secure…},
     * {@code somesecret}, a sentinel such as {@code NO_PRIVATE_KEY_SET} or {@code not_set}).
     */
    private static final Pattern PLACEHOLDER_WORDS = Pattern.compile(
            "change[_-]?(me|it|this)|change[_-]?(in|for|before)[_-]?prod|replace[_-]?(me|this)|placeholder|dummy"
            + "|not[_-]?a[_-]?secret|^(my|your)[ _-]|(^|[ _-])(dev|development|local|test)[_-]?only([ _-]|$)"
            + "|[ _-]here$|do[_-]?not[_-]?use|not[_-]?for[_-]?prod|(^|[ _-])(not[_-]?secure|insecure)([ _-]|$)"
            + "|^(test|fake|sample|demo|example|some|my|your)[_-]?(api[_-]?)?(key|secret|token|password|pass|pwd)$"
            + "|^no[_-][a-z_-]*[_-](set|provided|configured)$|^(not[_-]?(set|provided|configured)|unset)$"
            // how to make one, written where it goes: `GENERATE_WITH_mix_phx.gen.secret`
            + "|^generate[_ -]|phx[._-]gen[._-]secret");
    /**
     * Values that say the setting needs no secret at all ({@code doesntmatter}, {@code unused}): the service it goes to
     * takes none, so there is neither a leak nor a real secret production lacks.
     */
    private static final Pattern UNNEEDED = Pattern.compile(
            "^(it[ _-]?)?does(n'?t|[ _-]?not)[ _-]?matter$|^(unused|not[ _-]?used|not[ _-]?needed|unneeded|ignored"
            + "|irrelevant|any|anything|whatever)$");

    /**
     * A note written where the secret would be ({@code see runtime config}, {@code set in the environment}): words
     * and spaces only, one of them pointing elsewhere.
     */
    private static final Pattern NOTE = Pattern.compile(
            "^(?=[a-z .,:;'()/-]+$)(?=\\S+ \\S)(?=.*\\b(see|set|runtime|config|env|environment|vault|secrets?|replaced?|"
            + "provided|injected|deploy(ment)?)\\b).*$");
    /**
     * Test secrets vendors publish for development, accepted by their test keys only: Google reCAPTCHA's and Cloudflare
     * Turnstile's (hCaptcha's is a repeated character, below); and the example logins their quickstarts and manifests
     * publish for a local instance (OpenObserve's root password), known to everyone who read them.
     */
    private static final Set<String> PUBLISHED_TEST_SECRETS = Set.of("6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe",
            "1x0000000000000000000000000000000AA", "2x0000000000000000000000000000000AA",
            "3x0000000000000000000000000000000AA", "Complexpass#123");
    /**
     * The example credentials of AWS's documentation, which tutorials and local S3 stand-ins copy: the key id
     * {@code AKIAIOSFODNN7EXAMPLE} and secrets such as {@code wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY}.
     */
    private static final Pattern AWS_DOCUMENTATION_EXAMPLE = Pattern.compile("^[A-Za-z0-9/+]{8,}EXAMPLE(KEY)?$");
    /**
     * A vendor's key shape with filler where the key goes: a short prefix, perhaps a word, then runs of one character
     * ({@code SG.x.x}, {@code sk_live_xxxxxxxx}, {@code AKIAXXXXXXXXXXXXXXXX}).
     */
    private static final Pattern FILLED_SHAPE = Pattern.compile("^[a-z0-9]{1,6}(?:[._-][a-z]{1,6})?(?:[._-]?(?:x+|\\*+))+$");
    /**
     * A variable's name set off by marks, as a value redacted before publishing or a slot to fill in is written:
     * {@code ***STRIPE_API_KEY***}, {@code %MAILGUN_KEY%}, {@code __API_TOKEN__}, {@code [[DB_PASSWORD]]}, {@code ***MAIL_DOMAIN}.
     */
    private static final Pattern MARKED_NAME = Pattern.compile(
            "^(?:\\*{2,}|%|_{2,}|#{2,}|\\[\\[?|@{1,2})\\s*[A-Z][A-Z0-9_]*[A-Z0-9]\\s*(?:\\*{2,}|%|_{2,}|#{2,}|\\]\\]?|@{1,2})?$");
    /** A single character repeated, after an optional {@code 0x}: hCaptcha's test secret {@code 0x0000…}. */
    private static final Pattern REPEATED = Pattern.compile("^(0x)?(.)\\2*$");
    /** The armour lines of a PEM block. */
    private static final Pattern PEM_ARMOR = Pattern.compile("-----(begin|end) [a-z ]+-----");
    /**
     * Prefixes of keys made to ship to browsers, public by design: PostHog project keys ({@code phc_}), Stripe
     * publishable keys ({@code pk_live_}, {@code pk_test_}), Mapbox public tokens ({@code pk.}).
     */
    private static final List<String> PUBLIC_KEY_PREFIXES = List.of("phc_", "pk_live_", "pk_test_", "pk.");

    /**
     * Keys of services that are public by design, per application: Bugsnag's notifier key and Honeybadger's project
     * API key only submit error reports, and each service ships its key in browser code (honeybadger.js is configured
     * with the same project key in the page).
     */
    private static final Map<String, Set<String>> PUBLIC_BY_DESIGN = Map.of("bugsnag", Set.of("api_key"),
            "honeybadger", Set.of("api_key"));

    /** A URL with a non-empty password: {@code scheme://user:pass@host} (the user may be empty). */
    private static final Pattern CREDENTIAL_URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/?#@\\s:]*:([^/?#@\\s]+)@([^/?#:\\s]*)");
    /**
     * Hosts of the machine itself, or of the developer's machine seen from a container ({@code host.docker.internal}):
     * a login there is a local service's (docker-compose, a dev database).
     */
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "0.0.0.0",
            "host.docker.internal");
    /** The developer's machine as a container sees it (Docker Desktop's name): only development logs in there. */
    private static final String DEVELOPERS_HOST = "host.docker.internal";
    /** The keys that give a login's host, and its user, beside its password. */
    private static final Set<String> HOST_KEYS = Set.of("hostname", "host");
    private static final Set<String> USER_KEYS = Set.of("username", "user");
    /** Distillery-style {@code "${VAR}"}, replaced from the environment at boot: an indirection. */
    private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{[A-Za-z_][A-Za-z0-9_]*}$");
    /**
     * A template's placeholder ({@code "{{ secret_key_base }}"} of Ansible or Jinja, {@code "{{ .Values.key }}"}):
     * the file is a template a deployment renders, and the value holds no secret.
     */
    private static final Pattern TEMPLATE_PLACEHOLDER = Pattern.compile("^\\{\\{[^{}]+}}$");
    /**
     * Where a secrets store keeps the secret, which a config provider resolves at boot:
     * {@code secret:/app/db_password} (AwsParameterStoreConfigProvider), {@code ssm:/…}, {@code vault:…},
     * {@code op://vault/item/field}, an AWS ARN of Secrets Manager or SSM, Google Secret Manager's
     * {@code projects/P/secrets/S/versions/latest}.
     */
    private static final Pattern SECRET_REFERENCE = Pattern.compile("^(?:(?:secrets?|ssm|vault|op|sm|parameter)"
            + ":/{0,2}[\\w.-]+(?:/[\\w.-]+)*|arn:aws:(?:secretsmanager|ssm):[\\w:/.+=@-]+"
            + "|projects/[\\w-]+/secrets/[\\w-]+(?:/versions/\\w+)?)$");

    /**
     * Whether a key or variable name is secret-like (see the class comment). Remembered by name: every ENV of a long
     * Dockerfile is asked on every keystroke, by the same strings, and working it out cut and lower-cased two words.
     */
    static boolean isSecretName(String name) {
        if (name == null) {
            return false;
        }
        Boolean known = NAMES_ASKED.get(name);
        if (known == null) {
            // Kubernetes names a Secret's keys with hyphens (`secret-key-base`): the same words.
            known = readSecretName(name.replace('-', '_'));
            if (NAMES_ASKED.size() >= MAX_NAMES_ASKED) {
                NAMES_ASKED.clear();
            }
            NAMES_ASKED.put(name, known);
        }
        return known;
    }

    private static boolean readSecretName(String name) {
        // The last two words, found from the end without splitting the name: this is asked of every ENV of a long
        // Dockerfile. Empty words (a doubled or trailing `_`) do not count.
        int lastEnd = wordEndBefore(name, name.length());
        if (lastEnd == 0) {
            return false;
        }
        int lastStart = name.lastIndexOf('_', lastEnd - 1) + 1;
        String last = name.substring(lastStart, lastEnd).toLowerCase(Locale.ROOT);
        // libpq's PGPASSWORD and the like run the words together.
        int previousEnd = wordEndBefore(name, lastStart);
        int previousStart = previousEnd == 0 ? 0 : name.lastIndexOf('_', previousEnd - 1) + 1;
        String previous = previousEnd == 0 ? "" : name.substring(previousStart, previousEnd).toLowerCase(Locale.ROOT);
        if (last.equals("secret") && (KUBERNETES_WORDS.contains(previous)
                || SECRET_OBJECT_PURPOSES.contains(previous) && namesKubernetes(name, previousStart))) {
            // Tailscale's TS_KUBE_SECRET, lenra's KUBERNETES_BUILD_SECRET: the name of a Kubernetes Secret object
            return false;
        }
        if (SECRET_LAST_WORDS.contains(last) || last.endsWith("password")) {
            return true;
        }
        return previousEnd != 0 && SECRET_LAST_PAIRS.contains(previous + "_" + last);
    }

    /** Whether a word of {@code name} before {@code end} is one of {@link #KUBERNETES_WORDS}. */
    private static boolean namesKubernetes(String name, int end) {
        for (String word : name.substring(0, end).toLowerCase(Locale.ROOT).split("_")) {
            if (KUBERNETES_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** The end of the last non-empty {@code _}-separated word of {@code name} before {@code end}; 0 when none. */
    private static int wordEndBefore(String name, int end) {
        int at = end;
        while (at > 0 && name.charAt(at - 1) == '_') {
            at--;
        }
        return at;
    }

    /** The key names this analysis treats as secret: the built-in ones and the {@code secret_keys} option's. */
    record SecretNames(Set<String> extra) {
        static SecretNames of(ProjectContext project, RuleInfo rule) {
            Set<String> extra = new HashSet<>();
            for (String key : project.settings().option(rule, "secret_keys")) {
                if (!key.isBlank()) {
                    extra.add(key.strip().toLowerCase(Locale.ROOT));
                }
            }
            return new SecretNames(Set.copyOf(extra));
        }

        boolean matches(String name) {
            return isSecretName(name) || name != null && !extra.isEmpty() && extra.contains(name.toLowerCase(Locale.ROOT));
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

    /** What a vendor's test-mode key is called in messages ("Stripe's test-mode key"), or null for any other value. */
    static String testModeKeyKind(String value) {
        return value != null && STRIPE_TEST_MODE_KEY.matcher(value.strip()).matches() ? "Stripe's test-mode key" : null;
    }

    /**
     * What a value is when it has a vendor's credential format ({@link #CREDENTIAL_FORMATS}): "a Google API key", or
     * null. The whole value must match: a key quoted inside a sentence or a longer token is not taken for one.
     */
    static String credentialKind(String value) {
        if (value == null || value.length() < 20) {
            return null;
        }
        String stripped = value.strip();
        // Asked of every ENV of a long Dockerfile: the formats' first letters rule out most values unmatched.
        if (CREDENTIAL_STARTS.indexOf(stripped.charAt(0)) < 0) {
            return null;
        }
        for (Map.Entry<Pattern, String> format : CREDENTIAL_FORMATS) {
            if (format.getKey().matcher(stripped).matches()) {
                return isPlaceholder(value) ? null : format.getValue();
            }
        }
        return null;
    }

    /** An AWS access key id: a long-term ({@code AKIA}) or temporary ({@code ASIA}) one. */
    private static final Pattern AWS_KEY_ID = Pattern.compile("(AKIA|ASIA)[0-9A-Z]{16}");

    /**
     * Whether the entry is the secret of an AWS key pair: {@code secret_access_key} beside an {@code access_key_id}
     * that is a real key id, which together sign requests to the account.
     */
    static boolean besideAwsKeyId(ConfigCall call, ConfigEntry entry) {
        if (!entry.key().equals("secret_access_key")) {
            return false;
        }
        for (Node sibling : entry.siblings()) {
            String keyId = ElixirSyntax.stringLiteral(call.tree(), sibling.child("value"));
            if ("access_key_id".equals(ElixirSyntax.keywordName(call.tree(), sibling)) && keyId != null
                    && AWS_KEY_ID.matcher(keyId).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The characters the {@link #CREDENTIAL_FORMATS} start with. */
    private static final String CREDENTIAL_STARTS = "AsrgxhSkn-";

    /** A URL carrying a literal password that is not a placeholder ({@code ecto://postgres:postgres@localhost}). */
    static boolean isCredentialUrl(String value) {
        if (!value.contains("://")) {
            return false; // no URL: most values, not worth a matcher (asked of every ENV of a long Dockerfile)
        }
        Matcher matcher = CREDENTIAL_URL.matcher(value.strip());
        return matcher.find() && !matcher.group(1).contains("$") && !isPlaceholder(matcher.group(1))
                && !LOCAL_HOSTS.contains(matcher.group(2).toLowerCase(Locale.ROOT));
    }

    /** Whether a value says that the setting needs no secret ({@code doesntmatter}, {@code unused}). */
    static boolean saysUnneeded(String value) {
        return value != null && UNNEEDED.matcher(value.strip().toLowerCase(Locale.ROOT)).matches();
    }

    /** Whether a value is a well-known default, test or placeholder value rather than a secret. */
    static boolean isPlaceholder(String value) {
        String lower = value.strip().toLowerCase(Locale.ROOT);
        return PUBLISHED_TEST_SECRETS.contains(value.strip()) || PLACEHOLDERS.contains(lower) || saysUnneeded(value)
                || AWS_DOCUMENTATION_EXAMPLE.matcher(value.strip()).matches()
                || PLACEHOLDER_WORDS.matcher(lower).find() || REPEATED.matcher(lower).matches()
                || FILLED_SHAPE.matcher(lower).matches() || filledPem(lower)
                || lower.startsWith("<") && lower.endsWith(">") || NOTE.matcher(lower).matches()
                || MARKED_NAME.matcher(value.strip()).matches()
                || placeholderLogin(lower);
    }

    /**
     * A {@code user:password} pair, as basic-auth tokens are written, whose password is a well-known default
     * ({@code admin:admin}, Grafana's first login; {@code guest:guest}, RabbitMQ's).
     */
    private static boolean placeholderLogin(String lower) {
        int colon = lower.indexOf(':');
        if (colon <= 0 || colon != lower.lastIndexOf(':') || lower.contains("/")) {
            return false;
        }
        String user = lower.substring(0, colon);
        String password = lower.substring(colon + 1);
        return PLACEHOLDERS.contains(password) || password.equals(user) && WORDS.matcher(user).matches();
    }

    /** A PEM block whose body is one character repeated ({@code -----BEGIN PRIVATE KEY----- XXXX… -----END …}). */
    private static boolean filledPem(String lower) {
        if (!lower.startsWith("-----begin ")) {
            return false;
        }
        String body = PEM_ARMOR.matcher(lower).replaceAll("").replaceAll("\\s+", "");
        return !body.isEmpty() && REPEATED.matcher(body).matches();
    }

    /**
     * Whether a value of the secret {@code name} stands in for it: a placeholder ({@link #isPlaceholder}), or the name
     * spelled out ({@code SECRET_KEY_BASE: secret-key-base}, {@code WEBHOOK_TOKEN: webhook-token}).
     */
    static boolean isPlaceholderFor(String name, String value) {
        if (isPlaceholder(value)) {
            return true;
        }
        String letters = name == null ? "" : lettersAndDigits(name);
        return !letters.isEmpty() && letters.equals(lettersAndDigits(value));
    }

    /**
     * Whether a value of {@code name} stands in for a secret_key_base: a placeholder ({@link #isPlaceholderFor}), or
     * words or a number too short for Plug's cookie store, which refuses a key base under 64 bytes ({@code nokeyyet},
     * {@code 124}).
     */
    static boolean isKeyBaseStandIn(String name, String value) {
        return isPlaceholderFor(name, value) || tooShortForKeyBase(name, value)
                && (WORDS.matcher(value.strip()).matches() || DIGITS.matcher(value.strip()).matches());
    }

    /** A number written alone ({@code 124}). */
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    /** An environment read that falls back to a loopback address: {@code get_env("X") || "localhost"}, {@code get_env("X", "127.0.0.1")}. */
    private static final Pattern LOOPBACK_FALLBACK = Pattern.compile(
            "get_env\\(\\s*\"[A-Za-z0-9_]+\"\\s*(?:\\)\\s*\\|\\||,)\\s*\"(?:localhost|127\\.0\\.0\\.1|0\\.0\\.0\\.0|::1)\"");

    /** Whether a SECRET_KEY_BASE is shorter than the 64 bytes Plug's cookie store requires: a stand-in, not a key. */
    static boolean tooShortForKeyBase(String name, String value) {
        return isKeyBaseName(name) && value != null
                && value.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BASE_BYTES;
    }

    /** Whether a variable or key names a secret_key_base ({@code SECRET_KEY_BASE}, {@code secret_key_base}). */
    static boolean isKeyBaseName(String name) {
        return name != null && lettersAndDigits(name).equals("secretkeybase");
    }

    /** The letters and digits of {@code text}, lower-cased: {@code SECRET_KEY_BASE} and {@code secret-key-base} alike. */
    private static String lettersAndDigits(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                kept.append(Character.toLowerCase(c));
            }
        }
        return kept.toString();
    }

    /** Whether the application's key is public by design (see {@link #PUBLIC_BY_DESIGN}). */
    static boolean isPublicByDesign(String app, String key) {
        return app != null && key != null && PUBLIC_BY_DESIGN.getOrDefault(app, Set.of()).contains(key);
    }

    /** Whether a value is a key meant to be public (shipped to browsers). */
    static boolean isPublicKey(String value) {
        String stripped = value.strip();
        for (String prefix : PUBLIC_KEY_PREFIXES) {
            if (stripped.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The variable a {@code "${VAR}"} placeholder names, when {@code value} is one; null otherwise. */
    static String bootPlaceholder(SyntaxTree tree, Node value) {
        String literal = literal(tree, value);
        return literal != null && PLACEHOLDER.matcher(literal.strip()).matches()
                ? literal.strip().substring(2, literal.strip().length() - 1) : null;
    }

    /**
     * A literal that may hold a secret: not empty, not a {@code ${VAR}} indirection, a template's
     * {@code {{ var }}} placeholder or a secrets store's reference, not a public key.
     */
    static boolean isMeaningful(String literal) {
        return literal != null && !literal.isBlank() && !PLACEHOLDER.matcher(literal.strip()).matches()
                && !TEMPLATE_PLACEHOLDER.matcher(literal.strip()).matches()
                && !SECRET_REFERENCE.matcher(literal.strip()).matches() && !isPublicKey(literal);
    }

    /** How a secret got into config; a default login is a literal password equal to the user name beside it. */
    enum Kind { LITERAL, URL, FALLBACK, DEFAULT_LOGIN }

    /**
     * A secret value found in config.
     *
     * @param reported    the node the diagnostic covers
     * @param replaced    the expression the fix replaces with {@code System.fetch_env!}
     * @param envName     the variable an existing {@code System.get_env} reads, or null
     * @param viaVariable whether the value was reached through a variable bound earlier in the file
     * @param literal     the literal value production may end with
     * @param filler      whether the same keyword list gives the literal to a setting that is no secret too
     * @param through     for a fallback, the local function of the file that returns the literal when what it reads
     *                    is missing ({@code file_read.(path, "6FXm…")}), or null for a fallback of an env read
     */
    record Hit(Kind kind, Node reported, Node replaced, String envName, boolean fixable, boolean viaVariable,
               String literal, boolean filler, String through) {
        Hit(Kind kind, Node reported, Node replaced, String envName, boolean fixable, boolean viaVariable,
            String literal) {
            this(kind, reported, replaced, envName, fixable, viaVariable, literal, false, null);
        }

        /**
         * Whether the literal is a well-known test, placeholder or default value, or a filler, not a leaked secret.
         */
        boolean placeholder() {
            return filler || kind == Kind.DEFAULT_LOGIN || literal != null && isPlaceholder(literal);
        }

        Hit asFiller() {
            return new Hit(kind, reported, replaced, envName, fixable, viaVariable, literal, true, through);
        }
    }

    /** @param calls how the call's file reads the environment, the project's own wrappers included */
    static Hit classify(ConfigCall call, ConfigEntry entry, SecretNames names, EnvCalls calls) {
        SyntaxTree tree = call.tree();
        boolean secretKey = names.matches(entry.key());
        Node jwkKey = secretKey ? symmetricJwkKey(tree, entry.value()) : null;
        Node value = jwkKey != null ? jwkKey : entry.value();
        Hit direct = classifyValue(tree, calls, value, secretKey, false);
        if (direct != null && direct.kind() == Kind.LITERAL && direct.literal().equals(siblingUser(tree, entry))) {
            // postgres/postgres, guest/guest, memgraph/memgraph: a service's default login, public by nature
            return new Hit(Kind.DEFAULT_LOGIN, direct.reported(), direct.replaced(), null, direct.fixable(), false,
                    direct.literal());
        }
        if (direct != null && direct.kind() == Kind.LITERAL && developersHostBeside(tree, entry)) {
            return null; // a login to a service on the developer's machine: a local default, not production's
        }
        Hit hit = direct != null ? direct : classifyBound(call, value, secretKey, names, calls);
        if (hit != null && secretKey && hit.kind() != Kind.URL && fillsNonSecret(tree, calls, entry, names, hit.literal())) {
            return hit.asFiller(); // client_id and client_secret both fall back to "ASFD": a filler, not a credential
        }
        if (hit != null && secretKey && hit.kind() != Kind.URL && hit.literal() != null
                && (isPlaceholderFor(entry.key(), hit.literal())
                    || hit.envName() != null && isPlaceholderFor(hit.envName(), hit.literal()))) {
            return hit.asFiller(); // bearer_token: get_env("BEARER_TOKEN", "bearer-token"): its own name spelled out
        }
        return hit;
    }

    /**
     * Whether a sibling of the entry that is no secret (an id, a URL, a name) is given {@code literal} too, as its
     * value or as the fallback of its read: a value written in for settings that are not secrets is a filler that
     * stands in for the real ones, not a credential.
     */
    private static boolean fillsNonSecret(SyntaxTree tree, EnvCalls calls, ConfigEntry entry, SecretNames names,
                                          String literal) {
        for (Node sibling : entry.siblings()) {
            String key = ElixirSyntax.keywordName(tree, sibling);
            if (sibling != entry.pair() && key != null && !names.matches(key)
                    && literal.equals(literalOrFallback(tree, calls, sibling.child("value")))) {
                return true;
            }
        }
        return false;
    }

    /** {@code "x"}, {@code System.get_env("X", "x")} or {@code System.get_env("X") || "x"}: the literal, else null. */
    private static String literalOrFallback(SyntaxTree tree, EnvCalls calls, Node value) {
        if (value == null) {
            return null;
        }
        EnvCalls.DefaultedRead read = calls.defaultedRead(value);
        if (read != null) {
            return literal(tree, read.fallback());
        }
        if (value.is("binary_operator") && isOperator(tree, value, "||") && value.child("left") != null
                && fallsBackFrom(calls, value.child("left"))) {
            return literal(tree, value.child("right"));
        }
        return literal(tree, value);
    }

    /**
     * Whether {@code left || fallback} takes its fallback when a variable is unset: {@code left} reads the
     * environment, and not through a lookup that never yields nil ({@link EnvCalls#neverFalsy}).
     */
    private static boolean fallsBackFrom(EnvCalls calls, Node left) {
        return readsEnv(calls, left) && !calls.neverFalsy(left);
    }

    /** The hit of {@code config :app, :key, value}, the application's key set as a whole (see {@link ConfigCall#keyedValue}). */
    static Hit classifyKeyed(ConfigCall call, SecretNames names, EnvCalls calls) {
        Node value = call.keyedValue();
        if (value == null) {
            return null;
        }
        boolean secretKey = names.matches(call.subject());
        Node jwkKey = secretKey ? symmetricJwkKey(call.tree(), value) : null;
        if (jwkKey != null) {
            return classifyValue(call.tree(), calls, jwkKey, true, false);
        }
        Hit direct = classifyValue(call.tree(), calls, value, secretKey, false);
        return direct != null ? direct : classifyBound(call, value, secretKey, names, calls);
    }

    /**
     * The key material of a symmetric JSON Web Key written as a map ({@code %{"kty" => "oct", "k" => "…"}}, a
     * Guardian or JOSE HMAC key): the {@code "k"} value, which signs as a password would; null for any other value.
     */
    static Node symmetricJwkKey(SyntaxTree tree, Node value) {
        if (value == null || !value.is("map")) {
            return null;
        }
        Node[] key = {null};
        boolean[] symmetric = {false};
        value.forEachDescendant(node -> {
            Node operator = node.is("binary_operator") ? node.child("operator") : null;
            if (operator == null || !tree.text(operator).equals("=>")) {
                return;
            }
            String name = ElixirSyntax.stringLiteral(tree, node.child("left"));
            if ("k".equals(name)) {
                key[0] = node.child("right");
            } else if ("kty".equals(name)) {
                symmetric[0] = "oct".equals(ElixirSyntax.stringLiteral(tree, node.child("right")));
            }
        });
        return symmetric[0] ? key[0] : null;
    }

    /**
     * {@code secret_key_base: secret_key_base}: the value of a variable bound earlier in the same file; or the literal
     * a local function of the file returns when what it reads is missing ({@code file_read.(path, "6FXm…")}).
     */
    private static Hit classifyBound(ConfigCall call, Node value, boolean secretKey, SecretNames names, EnvCalls calls) {
        Node assigned = call.resolve(value);
        boolean secret = secretKey || value.is("identifier") && names.matches(call.tree().text(value));
        Hit bound = assigned == value ? null : classifyValue(call.tree(), calls, assigned, secret, true);
        if (bound != null) {
            return bound;
        }
        LocalDefault passed = LocalDefault.of(call, assigned);
        Hit hit = passed == null ? null : classifyValue(call.tree(), calls, passed.argument(), secret, assigned != value);
        return hit == null || hit.kind() != Kind.LITERAL ? null : new Hit(Kind.FALLBACK, hit.reported(), hit.replaced(),
                null, false, hit.viaVariable(), hit.literal(), false, passed.function());
    }

    /**
     * An argument of a call of an anonymous function the file binds, {@code read = fn path, default -> case
     * File.read(path) do {:ok, data} -> data; _ -> default end end}, that the function may return as it is: a result
     * of its body (through {@code if}, {@code case}, {@code cond}) is that parameter.
     */
    private record LocalDefault(String function, Node argument) {
        static LocalDefault of(ConfigCall call, Node value) {
            SyntaxTree tree = call.tree();
            Node target = value.is("call") ? value.child("target") : null;
            Node name = target != null && target.is("dot") && target.child("right") == null ? target.child("left") : null;
            Node function = name != null && name.is("identifier") ? call.resolve(name) : null;
            if (function == null || !function.is("anonymous_function") || function.namedChildren().size() != 1) {
                return null;
            }
            Node clause = function.namedChildren().get(0);
            Node params = clause.child("left");
            Node body = clause.child("right");
            List<Node> arguments = ElixirSyntax.arguments(value);
            if (params == null || body == null || params.namedChildren().size() != arguments.size()) {
                return null;
            }
            List<Node> results = new ArrayList<>(List.of(last(body)));
            for (int i = 0; i < results.size() && i < 16; i++) {
                for (Node branch : ProdBranches.results(tree, results.get(i))) {
                    results.add(branch.is("body") ? last(branch) : branch);
                }
            }
            for (int i = 0; i < arguments.size(); i++) {
                Node param = params.namedChildren().get(i);
                for (Node result : results) {
                    if (param.is("identifier") && result.is("identifier") && tree.text(result).equals(tree.text(param))) {
                        return new LocalDefault(tree.text(name), arguments.get(i));
                    }
                }
            }
            return null;
        }

        private static Node last(Node body) {
            List<Node> statements = body.is("body") ? body.namedChildren() : List.of(body);
            return statements.isEmpty() ? body : statements.get(statements.size() - 1);
        }
    }

    private static Hit classifyValue(SyntaxTree tree, EnvCalls calls, Node value, boolean secretKey,
                                     boolean viaVariable) {
        String literal = literal(tree, value);
        if (literal != null) {
            if ((secretKey || credentialKind(literal) != null) && isMeaningful(literal)) {
                return new Hit(Kind.LITERAL, value, value, null, true, viaVariable, literal);
            }
            if (isCredentialUrl(literal)) {
                return new Hit(Kind.URL, value, value, null, true, viaVariable, literal);
            }
            return null;
        }
        // System.get_env("X", "literal"), also as get_env/2 after `import System` or as Map.get(System.get_env(), …)
        EnvCalls.DefaultedRead read = calls.defaultedRead(value);
        if (read != null) {
            String fallback = literal(tree, read.fallback());
            String env = ElixirSyntax.stringLiteral(tree, read.variable());
            if (isMeaningful(fallback) && (secretKey || isCredentialUrl(fallback) || credentialKind(fallback) != null)) {
                return new Hit(Kind.FALLBACK, value, value, env, env != null, viaVariable, fallback);
            }
            return null;
        }
        if (calls.readsVariable(value)) {
            return null;
        }
        // to_string(Mix.env) <> "SuPerseCret": literals joined with what the build fixes are as constant as one
        String joined = constantJoin(tree, value);
        if (joined != null && (secretKey || credentialKind(joined) != null) && isMeaningful(joined)) {
            return new Hit(Kind.LITERAL, value, value, null, true, viaVariable, joined);
        }
        // System.get_env("X") || "literal"
        if (value.is("binary_operator") && isOperator(tree, value, "||")) {
            Node left = value.child("left");
            String fallback = literal(tree, value.child("right"));
            if (left == null || !isMeaningful(fallback)
                    || !(secretKey || isCredentialUrl(fallback) || credentialKind(fallback) != null)
                    || !fallsBackFrom(calls, left)) {
                return null;
            }
            String env = null;
            if (calls.readsVariable(left)) {
                env = ElixirSyntax.stringLiteral(tree, ElixirSyntax.arguments(left).get(0));
            }
            return new Hit(Kind.FALLBACK, value, value, env, env != null, viaVariable, fallback);
        }
        // if/unless/case/cond: a branch production may take yields the secret
        for (Node result : ProdBranches.results(tree, value)) {
            Hit hit = classifyValue(tree, calls, result, secretKey, viaVariable);
            if (hit != null) {
                return new Hit(hit.kind(), hit.reported(), hit.replaced(), hit.envName(), false, viaVariable,
                        hit.literal());
            }
        }
        return null;
    }

    /**
     * Whether the keyword list gives the developer's machine as seen from a container as the host beside the entry
     * ({@code hostname: "host.docker.internal"}). A {@code localhost} beside it may be production's own database on
     * the same server, whose password is production's.
     */
    private static boolean developersHostBeside(SyntaxTree tree, ConfigEntry entry) {
        return DEVELOPERS_HOST.equalsIgnoreCase(hostBeside(tree, entry));
    }

    /**
     * Whether the literal host beside the entry is the machine itself ({@code host: "http://localhost:3000"},
     * {@code hostname: "127.0.0.1"}): the login is for a server running beside the app.
     */
    static boolean loopbackHostBeside(SyntaxTree tree, ConfigEntry entry) {
        String host = hostBeside(tree, entry);
        if (host == null) {
            return false;
        }
        int scheme = host.indexOf("://");
        String name = scheme < 0 ? host : host.substring(scheme + 3).replaceFirst("^[^@/]*@", "");
        name = name.replaceFirst("[/?#].*$", "").replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
        return LOCAL_HOSTS.contains(name) && !name.equals(DEVELOPERS_HOST);
    }

    /** The literal host given beside an entry ({@code hostname:} or {@code host:} in the same list), or null. */
    static String hostBeside(SyntaxTree tree, ConfigEntry entry) {
        Node host = pairBeside(tree, entry, HOST_KEYS);
        return host == null ? null : literal(tree, host.child("value"));
    }

    /**
     * Whether the server the entry's login is for is read from the environment with a loopback address as its fallback
     * ({@code hostname: System.get_env("DB_HOST") || "127.0.0.1"}, {@code host: System.get_env("MINIO_HOST",
     * "localhost")}, {@code "0.0.0.0"}, which a client reaches as the machine itself): unset, the pair logs into a
     * server on the machine itself, a developer's.
     */
    static boolean serverFallsBackToLoopback(SyntaxTree tree, ConfigEntry entry) {
        Node host = pairBeside(tree, entry, HOST_KEYS);
        return host != null && host.child("value") != null
                && LOOPBACK_FALLBACK.matcher(tree.text(host.child("value"))).find();
    }

    /** Whether the entry's keyword list turns its integration off: {@code enabled: false} beside it. */
    static boolean disabledBeside(SyntaxTree tree, ConfigEntry entry) {
        Node enabled = pairBeside(tree, entry, Set.of("enabled"));
        return enabled != null && enabled.child("value") != null
                && "false".equals(tree.text(enabled.child("value")).strip());
    }

    /** The first pair of the entry's keyword list, other than its own, whose key is one of {@code keys}; null when none. */
    static Node pairBeside(SyntaxTree tree, ConfigEntry entry, Set<String> keys) {
        for (Node sibling : entry.siblings()) {
            String key = ElixirSyntax.keywordName(tree, sibling);
            if (sibling != entry.pair() && key != null && keys.contains(key)) {
                return sibling;
            }
        }
        return null;
    }

    /** The literal user name set beside an entry ({@code username:} or {@code user:} in the same list), or null. */
    private static String siblingUser(SyntaxTree tree, ConfigEntry entry) {
        Node user = pairBeside(tree, entry, USER_KEYS);
        return user == null ? null : literal(tree, user.child("value"));
    }

    /**
     * The literal parts of a {@code <>} whose every part is a literal or the Mix environment the build fixes
     * ({@code Mix.env}, {@code config_env()}, either through {@code to_string/1} or {@code Atom.to_string/1}), joined;
     * null for anything else, or with no literal part.
     */
    private static String constantJoin(SyntaxTree tree, Node node) {
        if (!node.is("binary_operator") || !isOperator(tree, node, "<>")) {
            return null;
        }
        StringBuilder literals = new StringBuilder();
        return joinConstants(tree, node, literals) && !literals.isEmpty() ? literals.toString() : null;
    }

    private static boolean joinConstants(SyntaxTree tree, Node node, StringBuilder literals) {
        if (node == null) {
            return false;
        }
        if (node.is("binary_operator") && isOperator(tree, node, "<>")) {
            return joinConstants(tree, node.child("left"), literals)
                    && joinConstants(tree, node.child("right"), literals);
        }
        String literal = literal(tree, node);
        if (literal != null) {
            literals.append(literal);
            return true;
        }
        return isBuildEnvironment(tree, node);
    }

    /** {@code Mix.env}, {@code config_env()}, or either through {@code to_string/1} or {@code Atom.to_string/1}. */
    private static boolean isBuildEnvironment(SyntaxTree tree, Node node) {
        boolean converted = "to_string".equals(ElixirSyntax.localCallName(tree, node))
                || ElixirSyntax.isRemoteCall(tree, node, "Atom", "to_string");
        if (converted) {
            List<Node> arguments = ElixirSyntax.arguments(node);
            return arguments.size() == 1 && EnvCondition.isEnvExpression(tree, arguments.get(0));
        }
        return EnvCondition.isEnvExpression(tree, node);
    }

    private static boolean isOperator(SyntaxTree tree, Node node, String operator) {
        Node op = node.child("operator");
        return op != null && tree.text(op).strip().equals(operator);
    }

    private static boolean readsEnv(EnvCalls calls, Node node) {
        boolean[] found = {false};
        node.forEachDescendant(n -> found[0] |= calls.readsVariable(n));
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

    /**
     * The variable for a setting: SECRET_KEY_BASE for {@code secret_key_base}; otherwise the key prefixed by the
     * enclosing key, else by the subject (a {@code …Repo} is DATABASE), else by a dependency's app name.
     */
    static String envName(MixProject project, ConfigCall call, ConfigEntry at) {
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
}
