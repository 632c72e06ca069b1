package dev.gotchals.rules;

import dev.gotchals.docker.Stage;
import dev.gotchals.model.deploy.BaseImage;
import dev.gotchals.model.deploy.Copy;
import dev.gotchals.model.deploy.DeployModel;
import dev.gotchals.model.deploy.DockerImage;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * GT014 builder-runner-mismatch: the release is built on one OS release and run on another.
 */
public final class BuilderRunnerMismatchRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT014", "builder-runner-mismatch",
            "The release is built on one OS release and run on another", Severity.WARNING, """
            **What it finds.** A production Dockerfile that runs `mix release` in one stage and copies the release \
            into a final stage whose base image is another operating system or another release of it: a \
            `hexpm/elixir:…-debian-bookworm-…` builder with a `debian:bullseye-slim` runner, an Alpine builder \
            with a Debian runner or the reverse, Ubuntu `jammy` against `noble`. Image names are read after the \
            global `ARG` defaults are substituted, so one `ARG DEBIAN_VERSION` feeding both stages (as \
            `mix phx.gen.release --docker` writes) is fine. Nothing is reported when either side's OS cannot be \
            told from its name (`elixir:1.16`, a private base image, `scratch`), or when the final stage is built \
            `FROM` the builder.

            **Why it matters.** A release includes the Erlang runtime (ERTS) and the NIFs of its dependencies, \
            compiled and linked on the builder. They load the runner's shared libraries: glibc against musl \
            does not start at all, and across Debian or Ubuntu releases the versions of glibc, OpenSSL \
            (`libssl1.1` against `libssl3`) and ncurses differ, so the release fails at boot or, worse, the first \
            time `:crypto` or a NIF is loaded.

            **Instead.** Build and run on the same OS release: one `ARG` for the Debian (or Alpine, Ubuntu) \
            version, used in both `FROM` lines, and when upgrading, change it once.

            **Fix.** None: which side should move is a choice.""", """
            ```dockerfile
            # Dockerfile
            FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim AS builder
            RUN mix release

            FROM debian:bullseye-slim
            COPY --from=builder /app/_build/prod/rel/shop ./
            ```
            """, """
            ```dockerfile
            # Dockerfile
            ARG DEBIAN_VERSION=bookworm-20241016-slim
            FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-${DEBIAN_VERSION} AS builder
            RUN mix release

            FROM debian:${DEBIAN_VERSION}
            COPY --from=builder /app/_build/prod/rel/shop ./
            ```
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ProjectContext project) {
        List<Finding> findings = new ArrayList<>();
        for (DockerImage image : DeployModel.of(project).releaseImages()) {
            Stage build = image.releaseStage();
            Stage runner = image.finalStage();
            if (build == null || runner == null || image.chain(runner).contains(build) || !copiesFrom(image, runner, build)) {
                continue;
            }
            BaseImage builderBase = BaseImage.of(image, build);
            BaseImage runnerBase = BaseImage.of(image, runner);
            BaseImage.OsRelease builderOs = builderBase == null ? null : builderBase.os();
            BaseImage.OsRelease runnerOs = runnerBase == null ? null : runnerBase.os();
            if (builderOs == null || runnerOs == null || !builderOs.differsFrom(runnerOs)) {
                continue;
            }
            String message = "The release is built on " + builderOs + " (`" + builderBase.reference()
                    + "`) but runs on " + runnerOs + " (`" + runnerBase.reference() + "`): the runtime and NIFs "
                    + "built there link against other system libraries (glibc or musl, OpenSSL, ncurses). Build "
                    + "and run on the same OS release, from one shared `ARG`";
            findings.add(new Finding(INFO, INFO.defaultSeverity(), image.file(),
                    runner.from().tree().startOffset(runner.from().node()),
                    runner.from().tree().endOffset(runner.from().node()), message, List.of()));
        }
        return findings;
    }

    /** Whether the runner copies something from the build stage or a stage built on it. */
    private static boolean copiesFrom(DockerImage image, Stage runner, Stage build) {
        for (Copy copy : image.copies(runner)) {
            Stage source = copy.fromStage() == null ? null : image.stage(copy.fromStage());
            if (source != null && image.chain(source).contains(build)) {
                return true;
            }
        }
        return false;
    }
}
