package dev.gotchals.rules;

import dev.gotchals.docker.Instruction;
import dev.gotchals.docker.Stage;
import dev.gotchals.edit.DockerfileEdits;
import dev.gotchals.model.deploy.BaseImage;
import dev.gotchals.model.deploy.DeployModel;
import dev.gotchals.model.deploy.DockerImage;
import dev.gotchals.model.deploy.ImageUser;
import dev.gotchals.model.deploy.Launch;
import dev.gotchals.model.deploy.LaunchCommand;
import dev.gotchals.model.deploy.RootByDesign;
import dev.gotchals.model.project.NetworkListeners;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.ForeignSuppression;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;
import dev.gotchals.shell.SimpleCommand;

import java.util.ArrayList;
import java.util.List;

/**
 * GT013 image-runs-as-root: the production image starts the release as root.
 */
public final class ImageRunsAsRootRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT013", "image-runs-as-root",
            "The production image starts the release as root", Severity.WARNING, """
            **What it finds.** A production Dockerfile whose final stage starts the release (its CMD or \
            ENTRYPOINT, through wrappers and the project's scripts, or an ENTRYPOINT that is the release's own \
            `bin/<name>` or a link to it, whose subcommand the run gives) as root: no `USER` in the stage or in the \
            stages it is built `FROM`, or `USER root` / `USER 0`, and nothing on the way to the release switches \
            to another user (`gosu`, `su-exec`, `s6-setuidgid`, `setpriv --reuid`, `su app -c`, `sudo -u`); and \
            one that serves production with Mix instead (its start runs `mix phx.server` with `MIX_ENV=prod`, set \
            by the image or on the command; an image that runs the task without it is a development one) as root. \
            Base images that run as a non-root user by themselves (distroless `:nonroot`, `*-nonroot` tags, \
            Chainguard images) are fine, and so is a user named by a build variable. So is an image that carries \
            LiteFS (`COPY --from=flyio/litefs`, or a start through `litefs mount`): mounting its FUSE filesystem \
            needs root. So is an image that installs a container engine or its client, a container runtime or \
            firewall tooling (`podman`, `buildah`, `docker`, `containerd`, `runc`, `fuse-overlayfs`, `iptables`, \
            `nftables`): starting containers and changing the network need root, so it runs as root by design. \
            So is a start that raises a resource limit or a kernel setting on its way to the release (`ulimit -n \
            "$RLIMIT_NOFILE"` in the entrypoint script, `sysctl -w`, `prlimit`), which may need root. \
            So is a final stage that carries its unprivileged user commented out (`# USER nobody`): running as \
            root is then a decision its authors made, not an oversight. So is an image that only Heroku's \
            container runtime runs (`heroku.yml` builds it, or the \
            project's scripts, CI workflows or README push it to `registry.heroku.com` or run \
            `heroku container:push`, and \
            no fly.toml, Kubernetes or Helm manifest or CI workflow that pushes images runs it elsewhere): Heroku \
            starts every container as an unprivileged user, whatever its `USER` says. So is a tool's image \
            that neither builds a release of the project nor copies one in and starts the tool's own release \
            (`FROM livebook/livebook`, `CMD ["/app/bin/livebook", "start"]`): it is not the project's production \
            image. So is the image of a release that listens on nothing: its `mix.lock` holds no web or socket \
            server (Phoenix, Plug.Cowboy, Bandit, Cowboy, Ranch, Thousand Island, gRPC …), its mix.exs names \
            none, and its code opens no socket (`:gen_tcp.listen`): a command-line tool or a load generator run by \
            hand, which no stranger can reach. An image in a subfolder on a plain base that unpacks and starts the \
            project's release, built elsewhere, is the app's. Dockerfiles for development, tests and CI are not \
            checked, and a Dockerfile with a `USER` \
            line the grammar could not read is not said to lack one. A `# hadolint \
            ignore=DL3002` comment above the `USER` \
            line suppresses it too.

            **Why it matters.** A release does not need root: it listens on an unprivileged port and writes \
            only its own `tmp` directory. Running it as root turns any remote code execution (a deserialisation \
            bug, a vulnerable NIF, an `eval` reachable from a request) into root in the container, with write \
            access to the release's own code and, on a misconfigured host, a short way out of the container.

            **Instead.** Do what `mix phx.gen.release --docker` generates: give the release directory to an \
            unprivileged user and switch to it before the start, `RUN chown nobody /app` then `USER nobody`, \
            copying the release with `--chown=nobody:root`. An entrypoint that must do root work first can \
            end with `exec gosu nobody "$@"`.

            **Fix.** Inserts `RUN chown nobody <release directory>` and `USER nobody` above the CMD, where the \
            final stage sets no user, starts on a Debian, Ubuntu or Alpine base, runs no entrypoint script of the \
            project (which may need root) and prepares no volumes or directories of its own (which `nobody` \
            could not write). Review it: files the app writes outside the release directory \
            must be writable by `nobody`.""", """
            ```dockerfile
            # Dockerfile
            FROM debian:bookworm-slim
            WORKDIR /app
            COPY --from=builder /app/_build/prod/rel/shop ./
            CMD ["/app/bin/server"]
            ```
            """, """
            ```dockerfile
            # Dockerfile
            FROM debian:bookworm-slim
            WORKDIR /app
            RUN chown nobody /app
            COPY --from=builder --chown=nobody:root /app/_build/prod/rel/shop ./
            USER nobody
            CMD ["/app/bin/server"]
            ```
            """).honouring(ForeignSuppression.hadolint("DL3002"));

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ProjectContext project) {
        DeployModel model = DeployModel.of(project);
        List<Finding> findings = new ArrayList<>();
        if (NetworkListeners.listensOnNothing(project)) {
            return findings; // a tool's release, run by hand: no stranger reaches it
        }
        for (DockerImage image : model.productionImages()) {
            Launch launch = model.launch(image);
            if (!model.isAppImage(image) || launch == null || model.runsOnlyUnprivileged(image)) {
                continue;
            }
            boolean release = model.startsRelease(image);
            SimpleCommand mixServer = release ? null : productionMixServer(image, launch);
            if (!release && mixServer == null) {
                continue;
            }
            Stage stage = image.finalStage();
            ImageUser user = ImageUser.of(image, stage);
            if (!user.root() || ImageUser.switchedOnLaunch(launch) || RootByDesign.of(image, stage, launch)) {
                continue;
            }
            if (!release) {
                if (user.instruction() != null || !image.mayHide("USER")) {
                    findings.add(mixAsRoot(image, user, launch, mixServer));
                }
            } else if (user.instruction() != null) {
                findings.add(explicitRoot(image, user));
            } else if (!image.mayHide("USER")) {
                findings.add(noUser(image, stage, user, launch)); // not where a USER may hide in a part the grammar lost
            }
        }
        return findings;
    }

    /**
     * The command by which the image runs the app for production with Mix rather than as a release, or null: its
     * start runs {@code mix phx.server} with {@code MIX_ENV=prod}, set by the image or on the command. A development
     * image runs the same task without it.
     */
    private static SimpleCommand productionMixServer(DockerImage image, Launch launch) {
        return launch.commands().stream().filter(command -> !command.assumed()).map(LaunchCommand::command)
                .filter(command -> command.isMixPhoenixServer() && "prod".equals(image.mixEnvironment(command)))
                .findFirst().orElse(null);
    }

    private static Finding explicitRoot(DockerImage image, ImageUser user) {
        Instruction instruction = user.instruction();
        return new Finding(INFO, INFO.defaultSeverity(), image.file(), instruction.tree().startOffset(instruction.node()),
                instruction.tree().endOffset(instruction.node()),
                "The production image starts the release as `" + user.name() + "`: switch to an unprivileged user "
                        + "(`USER nobody` after `RUN chown nobody /app`) or drop privileges in the entrypoint "
                        + "(`exec gosu nobody \"$@\"`)", List.of());
    }

    /**
     * An image that serves production with {@code mix phx.server} (Phoenix 1.2's {@code phoenix.server}) as root; Mix
     * needs its folders writable, so no fix.
     */
    private static Finding mixAsRoot(DockerImage image, ImageUser user, Launch launch, SimpleCommand server) {
        Instruction shown = user.instruction() != null ? user.instruction() : launch.shown();
        String who = user.instruction() != null ? "`" + user.name() + "`"
                : "root (the final stage sets no `USER`, and " + (user.base() == null ? "its base image"
                        : "`" + user.base().reference() + "`") + " runs as root)";
        return new Finding(INFO, INFO.defaultSeverity(), image.file(), shown.tree().startOffset(shown.node()),
                shown.tree().endOffset(shown.node()),
                "The production image runs the app with `mix " + server.word(1) + "` as " + who + ": create a user that owns "
                        + "the app's folder and its home (Mix writes `_build`, `~/.mix` and `~/.hex`) and switch to it "
                        + "with `USER`, or build a release and run it as `nobody`", List.of());
    }

    private static Finding noUser(DockerImage image, Stage stage, ImageUser user, Launch launch) {
        Instruction shown = launch.shown();
        String base = user.base() == null ? "its base image" : "`" + user.base().reference() + "`";
        String folder = image.releaseRoot() != null ? image.releaseRoot() : image.releaseFolderParent();
        String chown = folder != null ? "`RUN chown nobody " + folder + "`"
                : "a `RUN chown nobody` of the release's folder";
        String port = privilegedPort(image, stage);
        String message = "The production image starts the release as root: the final stage sets no `USER` and "
                + base + " runs as root. Add " + chown + " and `USER nobody` before the start, as "
                + "`mix phx.gen.release --docker` does"
                + (port == null ? "" : ", and move `PORT=" + port + "` above 1024 (publish it on " + port
                   + " where the container runs): only root binds a port below 1024");
        // The generated pair alone would leave the release unable to bind its port.
        Fix fix = port == null ? fix(image, stage, user.base(), launch) : null;
        return new Finding(INFO, INFO.defaultSeverity(), image.file(), shown.tree().startOffset(shown.node()),
                shown.tree().endOffset(shown.node()), message, fix == null ? List.of() : List.of(fix));
    }

    /** The port below 1024 the final stage's {@code ENV PORT} gives the release ({@code PORT=80}), or null. */
    private static String privilegedPort(DockerImage image, Stage stage) {
        String port = image.environment(stage).get("PORT");
        return port != null && port.matches("\\d{1,4}") && Integer.parseInt(port) < 1024 ? port : null;
    }

    /** Whether the stage declares volumes or makes directories and permissions that root alone may own. */
    private static boolean preparesWritablePlaces(Stage stage) {
        return !stage.all("VOLUME").isEmpty() || stage.all("RUN").stream().anyMatch(run -> run.runs().stream()
                .anyMatch(command -> List.of("mkdir", "chmod", "chown", "useradd", "adduser").contains(command.program())));
    }

    /** The generated pair of lines, where the stage's start is its own and needs no root on the way. */
    private static Fix fix(DockerImage image, Stage stage, BaseImage base, Launch launch) {
        String root = image.releaseRoot();
        Instruction shown = launch.shown();
        boolean ownStart = stage.instructions().contains(shown)
                && (launch.entrypoint() == null || stage.instructions().contains(launch.entrypoint()));
        if (root == null || base == null || base.os() == null || !base.hasShell() || !ownStart
                || ImageUser.runsEntrypointScript(launch) || preparesWritablePlaces(stage)) {
            return null;
        }
        Instruction first = launch.entrypoint() != null ? launch.entrypoint() : shown;
        if (launch.entrypoint() != null && launch.cmd() != null
                && stage.instructions().indexOf(launch.cmd()) < stage.instructions().indexOf(first)) {
            first = launch.cmd();
        }
        return new Fix("Run the release as `nobody`", false, List.of(DockerfileEdits.insertAbove(image.file(), first,
                List.of("RUN chown nobody " + root, "USER nobody"))));
    }
}
