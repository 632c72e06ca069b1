package dev.gotchals.model.deploy;

import dev.gotchals.docker.Instruction;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.ValueModel;
import dev.gotchals.shell.SimpleCommand;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables a production image's {@code mix release} step takes from BuildKit secret mounts:
 * {@code RUN --mount=type=secret,id=token,env=TOKEN mix release}, or
 * {@code TOKEN=$(cat /run/secrets/token) mix release}. A secret mount keeps the value out of the image's layers and
 * history, but build-time config that reads it hands it to {@code mix release}, which writes it into the release's
 * {@code sys.config}, and that ships in the image.
 *
 * <p>A value: a Dockerfile keystroke that mounts nothing new reruns nothing that asked.
 */
public record ReleaseSecretMounts(Set<String> variables) implements ValueModel {
    /** A secret mount that exposes the secret as a variable: {@code --mount=type=secret,id=x,env=NAME}. */
    private static final Pattern MOUNT_AS_VARIABLE = Pattern.compile(
            "--mount=(?=[^\\s]*\\btype=secret\\b)[^\\s]*\\benv=([A-Za-z_][A-Za-z0-9_]*)");
    /** Where BuildKit mounts secrets by default. */
    private static final String SECRETS_FOLDER = "/run/secrets/";

    /** @param variables the variables {@code mix release} takes from secret mounts */
    public ReleaseSecretMounts {
        variables = Set.copyOf(variables);
    }

    public static ReleaseSecretMounts of(ProjectContext project) {
        return project.model(ReleaseSecretMounts.class, ReleaseSecretMounts::read);
    }

    private static ReleaseSecretMounts read(ProjectContext project) {
        Set<String> variables = new LinkedHashSet<>();
        for (DockerImage image : DeployModel.of(project).productionImages()) {
            Instruction release = image.releaseRun();
            if (release == null) {
                continue;
            }
            Matcher mount = MOUNT_AS_VARIABLE.matcher(release.text());
            while (mount.find()) {
                variables.add(mount.group(1));
            }
            for (SimpleCommand command : release.runsByText()) {
                command.assignments().forEach((name, value) -> {
                    if (value.contains(SECRETS_FOLDER)) {
                        variables.add(name);
                    }
                });
            }
        }
        return new ReleaseSecretMounts(variables);
    }

    /** Whether {@code mix release} takes the variable from a secret mount. */
    public boolean passesToRelease(String variable) {
        return variables.contains(variable);
    }
}
