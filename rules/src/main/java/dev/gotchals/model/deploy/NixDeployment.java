package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.FileRole;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the project's Nix expressions ship it: a derivation that builds the release with nixpkgs'
 * {@code beamPackages.mixRelease} (which runs {@code mix release} in the Nix build, config evaluated there), an image
 * built from it ({@code dockerTools.buildLayeredImage}, nix2container's {@code buildImage}), and NixOS services that run
 * it ({@code systemd.services.<name>}), with the environment they write in ({@code RELEASE_COOKIE = "…";}). Read by
 * text: the Nix language has no grammar here, and these forms are plain enough.
 */
public final class NixDeployment {
    private static final Pattern MIX_RELEASE = Pattern.compile("\\bmixRelease\\b");
    /** Folders of a flake's checks and tests, whose builds only test. */
    private static final Set<String> CHECK_FOLDERS = Set.of("checks", "tests", "test");
    private static final Pattern IMAGE = Pattern.compile("\\b(buildImage|buildLayeredImage|streamLayeredImage)\\b");
    private static final Pattern SERVICE = Pattern.compile("\\bsystemd\\.services\\b");
    /** {@code NAME = "value";}: a variable of a service's environment written as a string without interpolation. */
    private static final Pattern VARIABLE = Pattern.compile("(?m)^\\s*\"?([A-Z][A-Z0-9_]*)\"?\\s*=\\s*\"([^\"$\\\\]*)\"\\s*;");

    /** {@code TOP_SRC = src;}: an attribute named like an environment variable, which a derivation exports to its build. */
    private static final Pattern BUILD_VARIABLE = Pattern.compile("(?m)^\\s*([A-Z][A-Z0-9_]*)\\s*=");

    /** One variable a NixOS module's environment sets, with where its value is written. */
    public record Variable(DocumentSnapshot file, String name, String value, int start, int end) {
    }

    private final DocumentSnapshot releaseFile;
    private final boolean buildsImage;
    private final boolean runsService;
    private final List<Variable> serviceEnvironment;

    private NixDeployment(DocumentSnapshot releaseFile, boolean buildsImage, boolean runsService,
                          List<Variable> serviceEnvironment) {
        this.releaseFile = releaseFile;
        this.buildsImage = buildsImage;
        this.runsService = runsService;
        this.serviceEnvironment = List.copyOf(serviceEnvironment);
    }

    public static NixDeployment of(ProjectContext project) {
        return project.model(NixDeployment.class, NixDeployment::read);
    }

    private static NixDeployment read(ProjectContext project) {
        DocumentSnapshot release = null;
        DocumentSnapshot checkRelease = null;
        boolean image = false;
        boolean service = false;
        List<Variable> environment = new ArrayList<>();
        for (DocumentSnapshot file : project.files(FileRole.NIX_EXPRESSION)) {
            String text = file.text().text();
            if (release == null && MIX_RELEASE.matcher(text).find()) {
                // A flake's checks (nix/checks/isFormatted.nix) build the release to test it, not to ship it.
                if (!inChecks(project, file)) {
                    release = file;
                } else if (checkRelease == null) {
                    checkRelease = file;
                }
            }
            image |= IMAGE.matcher(text).find();
            if (SERVICE.matcher(text).find()) {
                service = true;
                Matcher variable = VARIABLE.matcher(text);
                while (variable.find()) {
                    environment.add(new Variable(file, variable.group(1), variable.group(2), variable.start(2),
                            variable.end(2)));
                }
            }
        }
        return new NixDeployment(release != null ? release : checkRelease, image, service, environment);
    }

    /** Whether the expression lies in a folder of the flake's checks or tests ({@code nix/checks/}). */
    private static boolean inChecks(ProjectContext project, DocumentSnapshot file) {
        Path folder = project.project().root().relativize(file.path()).getParent();
        if (folder == null) {
            return false;
        }
        for (Path name : folder) {
            if (CHECK_FOLDERS.contains(name.toString())) {
                return true;
            }
        }
        return false;
    }

    /** The first Nix expression that builds the release with {@code mixRelease}, or null. */
    public DocumentSnapshot releaseFile() {
        return releaseFile;
    }

    /**
     * Whether the Nix expressions show where the release runs: a NixOS service, or an image of it that a CI workflow
     * pushes to a registry.
     */
    public boolean showsDeployment(ProjectContext project) {
        return releaseFile != null && (runsService || buildsImage && CiWorkflows.of(project).pushesImages());
    }

    /**
     * The variables the derivation that builds the release sets for its build ({@code TOP_SRC = src;} among the
     * attributes of the file that calls {@code mixRelease}): reading them in build-time config is deliberate.
     */
    public Set<String> buildVariables() {
        Set<String> variables = new LinkedHashSet<>();
        if (releaseFile != null) {
            Matcher variable = BUILD_VARIABLE.matcher(releaseFile.text().text());
            while (variable.find()) {
                variables.add(variable.group(1));
            }
        }
        return variables;
    }

    /** The variables the NixOS services' environments set to strings written in, in file order. */
    public List<Variable> serviceEnvironment() {
        return serviceEnvironment;
    }
}
