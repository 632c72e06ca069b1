package dev.gotchals.rules;

import dev.gotchals.docker.Stage;
import dev.gotchals.edit.DockerfileEdits;
import dev.gotchals.model.deploy.BaseImage;
import dev.gotchals.model.deploy.DeployModel;
import dev.gotchals.model.deploy.DockerImage;
import dev.gotchals.model.deploy.ImageLocale;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * GT015 missing-utf8-locale: the release image runs without a UTF-8 locale.
 */
public final class MissingUtf8LocaleRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT015", "missing-utf8-locale",
            "The release image runs without a UTF-8 locale", Severity.INFO, """
            **What it finds.** The final stage of a production image that builds or runs a release sets no UTF-8 \
            locale: no `LANG`, `LC_CTYPE` or `LC_ALL` ending in `UTF-8` (or set to a non-UTF-8 one such as \
            `C`), no `+fnu` emulator flag (`ELIXIR_ERL_OPTIONS`, `ERL_FLAGS`, `rel/vm.args.eex`), on a bare \
            `debian` or `ubuntu` base image, or the official `erlang` image on Debian, which set none. Images \
            built on `elixir` or `hexpm/*` images (which set `LANG=C.UTF-8`), on Alpine (musl falls back to \
            `C.UTF-8`) or on an unknown base \
            are not reported, nor are locales or emulator flags set by the platform (fly.toml `[env]`, \
            `rel/env.sh.eex`; a flag the script writes out without `+fnu`, such as Fly's \
            `ERL_AFLAGS="-proto_dist inet6_tcp"`, sets none), a deployment (a production Compose service's \
            `environment:`, a Kubernetes manifest) \
            or the entrypoint, nor a final stage that holds no release: not built FROM the stage that builds it, \
            copying \
            none in and starting none (a stub left for later, `FROM debian` with `CMD ["/bin/bash"]`).

            **Why it matters.** Without a UTF-8 locale the Erlang VM uses latin1 for file names and the \
            terminal: Elixir warns at every boot that the VM "is running with native name encoding of latin1", \
            file names with non-ASCII characters (uploads, `Path.wildcard`) are mangled or fail, and a remote \
            console prints accented text as escapes.

            **Instead.** Set a UTF-8 locale in the runner stage. `mix phx.gen.release --docker` installs \
            `locales`, generates `en_US.UTF-8` and sets `LANG`, `LANGUAGE` and `LC_ALL`; `ENV LANG=C.UTF-8` \
            needs no package on Debian and Ubuntu.

            **Fix.** Adds `ENV LANG=C.UTF-8` to the final stage (safe: Debian and Ubuntu ship `C.UTF-8` without \
            the `locales` package).""", """
            ```dockerfile
            # Dockerfile
            FROM debian:bookworm-slim
            COPY --from=builder /app/_build/prod/rel/shop ./
            CMD ["/app/bin/server"]
            ```
            """, """
            ```dockerfile
            # Dockerfile
            FROM debian:bookworm-slim
            ENV LANG=C.UTF-8
            COPY --from=builder /app/_build/prod/rel/shop ./
            CMD ["/app/bin/server"]
            ```
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ProjectContext project) {
        DeployModel model = DeployModel.of(project);
        List<Finding> findings = new ArrayList<>();
        for (DockerImage image : model.releaseImages()) {
            Stage runner = image.finalStage();
            // The running image must have the release to run: built or copied into its last stage, or started there.
            boolean holdsRelease = image.finalStageHoldsRelease() || model.startsRelease(image);
            if (runner == null || !model.isAppImage(image) || image.mayHide("ENV") || !holdsRelease
                    || ImageLocale.of(project, model, image) != ImageLocale.NONE) {
                continue;
            }
            BaseImage base = BaseImage.of(image, runner);
            String from = base == null ? "its base image" : "`" + base.reference() + "`";
            String message = "The release runs without a UTF-8 locale (" + from + " sets none): the VM falls back "
                    + "to latin1 for file names and the console. Set `ENV LANG=C.UTF-8` in this stage";
            // LC_ALL and LC_CTYPE outrank LANG: with either set, LANG alone would not do
            boolean langDecides = image.environment(runner).keySet().stream()
                    .noneMatch(name -> name.equals("LC_ALL") || name.equals("LC_CTYPE"));
            List<Fix> fixes = langDecides ? List.of(new Fix("Set `LANG=C.UTF-8`", true,
                    List.of(DockerfileEdits.setEnv(image.file(), runner, "LANG", "C.UTF-8")))) : List.of();
            findings.add(new Finding(INFO, INFO.defaultSeverity(), image.file(),
                    runner.from().tree().startOffset(runner.from().node()),
                    runner.from().tree().endOffset(runner.from().node()), message, fixes));
        }
        return findings;
    }
}
