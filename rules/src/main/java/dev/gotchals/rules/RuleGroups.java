package dev.gotchals.rules;

import dev.gotchals.rule.RuleInfo;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rules grouped by what they protect, each with the one line the README's rules table says it catches. The
 * README's table is rendered from here ({@link #readmeTable()}), and a test keeps both in step with the rules.
 */
public final class RuleGroups {
    /** One rule in a group, by id, with what it catches in a line of Markdown. */
    public record Entry(String id, String catches) {
    }

    /** A heading and its rules, in the order the README lists them. */
    public record Group(String title, List<Entry> rules) {
    }

    public static final List<Group> GROUPS = List.of(
            new Group("Configuration is read when and where it should be", List.of(
                    new Entry("GT001", "in a release project, `System.get_env`/`fetch_env`/`fetch_env!` evaluated at build time for prod (`config.exs`, `prod.exs` and what they import): the build machine's value is baked in"),
                    new Entry("GT009", "`force_ssl`, `code_reloader` or `debug_errors` in the runtime config: Phoenix reads them at compile time, so they have no effect (before 1.8) or stop the release from booting (1.8)"),
                    new Entry("GT010", "`Mix.env()` or another `Mix` call, `use Mix.Config` or `import_config` in the runtime config a release reads: there is no Mix in a release"),
                    new Entry("GT011", "a release stage copies config files but not the runtime config (`config/runtime.exs`, or `releases.exs` where that is the one read) before `mix release`"),
                    new Entry("GT012", "both `config/releases.exs` and `config/runtime.exs` where the release is built with Elixir 1.11 or later: `releases.exs` is ignored with everything it sets; a `config/release.exs` (singular) that nothing names, which no Mix reads"))),
            new Group("The release starts, serves and ships its assets", List.of(
                    new Entry("GT002", "`mix` on the start path of a release (final-stage `CMD`/`ENTRYPOINT`, entrypoint and `rel/overlays/bin` scripts, fly.toml `release_command`, Procfile), `RUN mix ecto.migrate` at build time, no `Ecto.Migrator` module to migrate with"),
                    new Entry("GT003", "a release whose endpoint never gets `server: true` in prod (`PHX_SERVER` that nothing on the launch path sets), or whose prod URL host stays `localhost`/`127.0.0.1`/`example.com`"),
                    new Entry("GT004", "a Dockerfile stage runs `mix release` without `mix assets.deploy` (or `phx.digest`) before it, for a project with assets; or without `MIX_ENV=prod`"),
                    new Entry("GT014", "the release is built on one OS release and run on another (Debian bookworm builder, bullseye runner; Alpine against Debian; Ubuntu jammy against noble; an official `elixir:1.11-alpine` builder, no longer rebuilt, with a floating `alpine:3` runner), shared `ARG`s resolved"),
                    new Entry("GT015", "the runner stage of a release image on bare Debian/Ubuntu sets no UTF-8 `LANG`/`LC_ALL` and no `+fnu`: the VM runs with latin1 file names"),
                    new Entry("GT020", "`mix phx.digest` in an image stage where no asset build ran and no built assets were copied in, while `priv/static` is not committed: the release ships without its JS and CSS"),
                    new Entry("GT017", "a fly.io deployment whose production Repo config has no `socket_options: [:inet6]` (nor the generated `ECTO_IPV6` switch): Fly's private network is IPv6 only"))),
            new Group("Secrets stay out of the source and the image", List.of(
                    new Entry("GT005", "literal secrets (`secret_key_base`, passwords, tokens, API keys, credential URLs, literal fallbacks) in prod config or Dockerfile `ENV`/`ARG`; any `System.get_env!/1`, which does not exist"),
                    new Entry("GT016", "secrets passed to an image build as an `ARG` or copied into an `ENV` (`ENV TOKEN=$TOKEN`): they stay in the image's history; `RUN --mount=type=secret` keeps them out"),
                    new Entry("GT019", "a literal Erlang cookie for a distributed release (`cookie:` in mix.exs, `RELEASE_COOKIE` in `rel/env.sh.eex`, a Dockerfile `ENV` or fly.toml `[env]`): anyone who reads the repository can connect to a node"))),
            new Group("Production runs hardened", List.of(
                    new Entry("GT007", "the `:logger` level production ends with is `:debug` or `:all` (in `prod.exs`, `runtime.exs`, or `config.exs` with no prod override), falls back to debug when `LOG_LEVEL` is unset, or is not set at all in a deployed Phoenix app (Logger's default is `:debug`)"),
                    new Entry("GT008", "`check_origin: false` (as information, when a socket carries a session that knows the visitor), `debug_errors: true`, `code_reloader: true` or `watchers` for an endpoint in the config production ends with (`dev.exs` and dev or test branches are fine)"),
                    new Entry("GT013", "a production image's final stage starts the release as root (no `USER`, or `USER root`/`0`, also through `FROM` an earlier stage) and nothing on the launch path switches user (`gosu`, `su-exec`, `setpriv` …); non-root base images excepted"))),
            new Group("Health checks tell the truth", List.of(
                    new Entry("GT006", "in an Ecto project, a health route or endpoint health plug that a readiness check polls (fly.io checks, a Docker `HEALTHCHECK`, a Kubernetes `readinessProbe`, `/readyz`, or its docs say a load balancer does) and that answers without touching the database"),
                    new Entry("GT018", "`force_ssl` in prod without `rewrite_on: [:x_forwarded_proto]` behind fly.io's or Heroku's TLS proxy (a redirect loop), or without `exclude:` for plain-HTTP health probes (they get 301s)"))),
            new Group("Gotcha LS's own settings and suppressions", List.of(
                    new Entry("GT100", "an entry of the project's `.gotcha.exs` that cannot be read (see [Configuration](#configuration)): it is ignored, the rest applies"),
                    new Entry("GT101", "a `# gotcha:` suppression that suppresses nothing: the rule it names reports nothing there, the rule does not exist, or the directive names no rule (reported by the engine, see [Suppressing a finding](#suppressing-a-finding))"))));

    private RuleGroups() {
    }

    /** The README's rules section: a heading and a table per group, slug links and default severities from the rules. */
    public static String readmeTable() {
        Map<String, RuleInfo> byId = Rules.catalog().stream().collect(Collectors.toMap(RuleInfo::id, Function.identity()));
        StringBuilder out = new StringBuilder();
        for (Group group : GROUPS) {
            out.append("### ").append(group.title()).append("\n\n")
                    .append("| id | slug | default | what it catches |\n|---|---|---|---|\n");
            for (Entry entry : group.rules()) {
                RuleInfo rule = byId.get(entry.id());
                if (rule == null) {
                    throw new IllegalStateException("no rule " + entry.id());
                }
                out.append("| ").append(rule.id()).append(" | [`").append(rule.slug()).append("`](docs/rules/")
                        .append(rule.slug()).append(".md) | ").append(rule.defaultSeverity().label()).append(" | ")
                        .append(entry.catches()).append(" |\n");
            }
            out.append("\n");
        }
        return out.toString();
    }
}
