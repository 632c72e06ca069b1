package dev.gotchals.model.deploy;

import dev.gotchals.docker.Instruction;
import dev.gotchals.docker.Stage;
import dev.gotchals.shell.PackageInstalls;
import dev.gotchals.shell.Word;

import java.util.List;
import java.util.Set;

/**
 * Why an image that runs as root does so by design rather than by oversight. Root is a choice when the image
 * carries software that cannot work without it, when its start raises resource limits, or when the team wrote the
 * non-root user and then commented it out.
 * Either way, advice to add {@code USER nobody} would break the image or repeat what its authors already weighed.
 */
public final class RootByDesign {
    /**
     * Packages that need root in the container: container engines and their clients (the engine's socket is root
     * whatever the container's user), the runtimes and overlay filesystems under them, and firewall tooling.
     */
    private static final Set<String> ROOT_TOOLING = Set.of("podman", "buildah", "docker", "docker.io", "docker-ce",
            "docker-engine", "docker-cli", "docker-ce-cli", "moby-engine", "containerd", "containerd.io", "runc",
            "crun", "fuse-overlayfs", "iptables", "ip6tables", "nftables");

    private RootByDesign() {
    }

    /** Whether the final stage runs as root on purpose, for any of the reasons below. */
    public static boolean of(DockerImage image, Stage stage, Launch launch) {
        return mountsLiteFs(image, stage, launch) || nonRootUserCommentedOut(image, stage)
                || installsRootTooling(image, stage) || raisesLimits(launch);
    }

    /**
     * Whether the start raises a resource limit or a kernel setting on its way to the release ({@code ulimit -n
     * "$RLIMIT_NOFILE"} in the entrypoint, {@code sysctl -w}, {@code prlimit}): raising a limit past its hard
     * value, or changing a kernel setting, needs root.
     */
    public static boolean raisesLimits(Launch launch) {
        for (LaunchCommand command : launch.commands()) {
            List<String> words = command.command().words().stream().map(Word::text).toList();
            String program = command.command().program();
            boolean setsValue = words.stream().skip(1).anyMatch(word -> word.matches("\\d+|unlimited|\\$.*|.*=.*"));
            if ((program.equals("ulimit") || program.equals("sysctl") || program.equals("prlimit")) && setsValue) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the stage carries LiteFS ({@code COPY --from=flyio/litefs}), or the start runs it: LiteFS mounts a FUSE
     * filesystem, which needs root.
     */
    public static boolean mountsLiteFs(DockerImage image, Stage stage, Launch launch) {
        boolean copied = image.copies(stage).stream()
                .anyMatch(copy -> copy.fromStage() != null && copy.fromStage().startsWith("flyio/litefs"));
        boolean started = launch.commands().stream().anyMatch(command -> "litefs".equals(command.command().program()));
        return copied || started;
    }

    /**
     * Whether the stage, or a stage it is built FROM, carries a {@code USER} of another user than root commented out
     * ({@code # USER nobody}, as the generator writes it with the comment mark added): the team tried the
     * unprivileged user and turned it off.
     */
    public static boolean nonRootUserCommentedOut(DockerImage image, Stage stage) {
        for (Stage current : image.chain(stage)) {
            for (String user : current.commentedOut("USER")) {
                String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
                if (name.matches("\\S+") && !name.equals("root") && !name.equals("0")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the stage, or a stage it is built FROM, installs a container engine, a container runtime, an overlay
     * filesystem for containers or firewall tooling ({@code apk add podman iptables}): an image that starts
     * containers or changes the network runs as root (and usually privileged) by design.
     */
    public static boolean installsRootTooling(DockerImage image, Stage stage) {
        for (Stage current : image.chain(stage)) {
            for (Instruction run : current.all("RUN")) {
                if (run.runs().stream().flatMap(command -> PackageInstalls.of(command).stream())
                        .anyMatch(ROOT_TOOLING::contains)) {
                    return true;
                }
            }
        }
        return false;
    }
}
