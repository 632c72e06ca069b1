package dev.gotchals.rules;

import dev.gotchals.docker.Instruction;
import dev.gotchals.docker.Stage;
import dev.gotchals.model.deploy.AlpineReleases;
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
import java.util.stream.Collectors;

/**
 * GT014 builder-runner-mismatch: the release is built on one OS release and run on another.
 */
public final class BuilderRunnerMismatchRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT014", "builder-runner-mismatch",
            "The release is built on one OS release and run on another", Severity.WARNING, """
            **What it finds.** A production Dockerfile that runs `mix release` in one stage and copies the release \
            into a final stage whose base image is another operating system or another release of it: a \
            `hexpm/elixir:…-debian-bookworm-…` builder with a `debian:bullseye-slim` runner, an Alpine builder \
            with a Debian runner or the reverse, Ubuntu `noble` against `jammy`. Between Debian and Ubuntu releases \
            whose libraries are known, only a runner that lacks what the build links against is reported: an older \
            glibc, another OpenSSL (`libssl1.1` against `libssl3`) or libtinfo, unless the runner's own \
            instructions install it (`apt-get install libtinfo5`, `libncurses5`, `libssl1.1`, also through a \
            variable they name it in); an older release's build on a newer \
            one that keeps them (`bookworm` on `trixie`, `jammy` on `noble`, `bullseye` on Ubuntu `focal`) runs. \
            Image names are read after the \
            global `ARG` defaults are substituted, so one `ARG DEBIAN_VERSION` feeding both stages (as \
            `mix phx.gen.release --docker` writes) is fine. Nothing is reported when either side's OS cannot be \
            told from its name (`elixir:1.16`, a private base image, `scratch`), or when the final stage is built \
            `FROM` the builder.

            An official `elixir:1.11-alpine` or `erlang:23-alpine` tag names no Alpine release, but the image was \
            built on a known span of them over its life, from its first build to its last rebuild (a table kept \
            from the official images' history; versions it does not know, and variants such as `-otp-25-alpine`, \
            are not compared). A runner pinned outside that span (`elixir:1.12-alpine`, built on Alpine 3.13 and \
            later, with `alpine:3.9`) is reported, and so is one older than the last build of a minor's own tag \
            no longer rebuilt, which is what every pull gives today (`elixir:1.10-alpine`, last built on Alpine \
            3.16, with `alpine:3.11`; a patch tag such as `1.10.4-alpine` may have stopped earlier and is not \
            compared so). So is a runner on a floating tag (`alpine`, `alpine:latest`, \
            `alpine:3`, `alpine:edge`), which now gives an Alpine with OpenSSL 3 only, when the builder's image was \
            last built on an Alpine before 3.17 (OpenSSL 1.1 or older): `elixir:1.11-alpine`, no longer rebuilt, \
            or a tag naming `alpine-3.16`. A builder whose image still follows the newest Alpine \
            (`elixir:1.18-alpine`) with a floating runner is not reported.

            **Why it matters.** A release includes the Erlang runtime (ERTS) and the NIFs of its dependencies, \
            compiled and linked on the builder. They load the runner's shared libraries: glibc against musl \
            does not start at all, and across Debian or Ubuntu releases the versions of glibc, OpenSSL \
            (`libssl1.1` against `libssl3`) and ncurses differ, so the release fails at boot or, worse, the first \
            time `:crypto` or a NIF is loaded. A crypto NIF built against OpenSSL 1.1 cannot load where only \
            OpenSSL 3 is installed, which is what a floating `alpine` runner gives today.

            **Instead.** Build and run on the same OS release: one `ARG` for the Debian (or Alpine, Ubuntu) \
            version, used in both `FROM` lines, and when upgrading, change it once. For Alpine, build on an \
            `hexpm/elixir:…-alpine-<version>` tag and run on `alpine:<the same version>`.

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
            // What the runner's own instructions install (`apt-get install libtinfo5`) it does not lack.
            String runnerInstalls = image.chain(runner).stream().flatMap(stage -> stage.instructions().stream())
                    .map(Instruction::text).collect(Collectors.joining("\n"));
            String message = builderBase == null || runnerBase == null ? null
                    : mismatch(builderBase, runnerBase, runnerInstalls);
            if (message == null) {
                continue;
            }
            findings.add(new Finding(INFO, INFO.defaultSeverity(), image.file(),
                    runner.from().tree().startOffset(runner.from().node()),
                    runner.from().tree().endOffset(runner.from().node()), message, List.of()));
        }
        return findings;
    }

    /**
     * What is wrong with running on the runner's base image what was built on the builder's, or null when nothing is
     * known to be.
     */
    private static String mismatch(BaseImage builder, BaseImage runner, String runnerInstalls) {
        BaseImage.OsRelease builderOs = builder.os();
        BaseImage.OsRelease runnerOs = runner.os();
        if (builderOs == null || runnerOs == null) {
            return null;
        }
        if (builderOs.differsFrom(runnerOs, runnerInstalls)) {
            String gap = builderOs.libraryGap(runnerOs, runnerInstalls);
            return "The release is built on " + builderOs + " (`" + builder.reference() + "`) but runs on " + runnerOs
                    + " (`" + runner.reference() + "`): "
                    + (gap != null ? "the runner has " + gap + ", so the runtime or the crypto NIF fails to load"
                                   : "the runtime and NIFs built there link against other system libraries (glibc or "
                                     + "musl, OpenSSL, ncurses)")
                    + ". Build and run on the same OS release, from one shared `ARG`";
        }
        AlpineReleases built = builder.alpineReleases();
        if (built == null || !builderOs.family().equals("alpine")) {
            return null;
        }
        String runs = runnerOs.release();
        if (runs == null) {
            if (!runner.followsNewestAlpine() || !built.predateOpenSsl3()) {
                return null;
            }
            return "The release is built on " + builtOn(builder, built) + ", with an OpenSSL older than 3, but runs "
                    + "on `" + runner.reference() + "`, a floating tag that now gives an Alpine with OpenSSL 3 only: "
                    + "the crypto NIF built against the older libcrypto fails to load at boot. " + pin(built);
        }
        if (built.includes(runs)) {
            // A minor's tag no longer rebuilt gives its last build to every rebuild from now on.
            String today = builder.os().release() == null ? AlpineReleases.pulledToday(builder.repository(), builder.tag()) : null;
            if (today == null || !AlpineReleases.before(runs, today)) {
                return null;
            }
            return "The release is built on `" + builder.reference() + "`, an image no longer rebuilt, which a build "
                    + "pulls today as its last build, on Alpine " + today + ", but runs on Alpine " + runs + " (`"
                    + runner.reference() + "`), an older one: the runtime and NIFs built there link against newer "
                    + "system libraries (musl, OpenSSL, ncurses) than the runner has. " + pin(built);
        }
        String consequence;
        if (built.allNewerThan(runs)) {
            consequence = "older than any Alpine that image was built on: the runtime and NIFs built there link "
                    + "against newer system libraries (musl, OpenSSL, ncurses) than the runner has";
        } else if (built.predateOpenSsl3() && AlpineReleases.hasOpenSsl3(runs)) {
            consequence = "newer than any Alpine that image was built on, with OpenSSL 3 only: the crypto NIF built "
                    + "there needs an older libcrypto, which the runner does not ship";
        } else {
            consequence = "newer than any Alpine that image was built on: the runtime and NIFs built there link "
                    + "against the system libraries (musl, OpenSSL, ncurses) of an older Alpine";
        }
        return "The release is built on " + builtOn(builder, built) + ", but runs on Alpine " + runs + " (`"
                + runner.reference() + "`), " + consequence + ". " + pin(built);
    }

    /** The advice: one Alpine release for both, named where the builder's tag names none. */
    private static String pin(AlpineReleases built) {
        return "Pin both stages to one Alpine release, from one shared `ARG`"
                + (built.first().equals(built.last()) ? "" : ", or build on an `hexpm/elixir` tag that names it");
    }

    /** The builder's image and the Alpine releases it was built on, as its name tells them. */
    private static String builtOn(BaseImage builder, AlpineReleases built) {
        if (built.first().equals(built.last())) {
            return "Alpine " + built.first() + " (`" + builder.reference() + "`)";
        }
        if (built.last() == null) {
            return "`" + builder.reference() + "`, an image built on Alpine " + built.first()
                    + " and on each later release";
        }
        if (builder.tag().matches("\\d+\\.\\d+\\.\\d+.*")) {
            // A patch tag was built over a part of its line's life, which one the table does not say.
            return "`" + builder.reference() + "`, of a line of images built on Alpine " + built.first() + " to "
                    + built.last();
        }
        return "`" + builder.reference() + "`, an image no longer rebuilt, built on Alpine " + built.first() + " to "
                + built.last() + " over its life";
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
