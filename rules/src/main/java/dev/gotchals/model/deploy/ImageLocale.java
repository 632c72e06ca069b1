package dev.gotchals.model.deploy;

import dev.gotchals.docker.Stage;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.shell.ShellScript;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether the release in an image runs with a UTF-8 locale, which the Erlang VM needs to use UTF-8 for file names
 * and the terminal (Elixir warns at boot that the VM "is running with native name encoding of latin1"): from the
 * final stage's {@code LC_ALL}, {@code LC_CTYPE} or {@code LANG}, a {@code +fnu} emulator flag (in
 * {@code ELIXIR_ERL_OPTIONS}, {@code ERL_FLAGS}… or {@code rel/vm.args.eex}), or the base image's default; not known
 * where a platform, a production Compose service or a Kubernetes manifest gives the container one of those variables.
 */
public enum ImageLocale {
    /** A UTF-8 locale or {@code +fnu} is set. */
    UTF8,
    /** Nothing sets one: a bare Debian or Ubuntu base image, or an explicit non-UTF-8 locale. */
    NONE,
    /** It cannot be told: a base image that may set one, or a setting from outside the Dockerfile. */
    UNKNOWN;

    private static final List<String> LOCALE_ORDER = List.of("LC_ALL", "LC_CTYPE", "LANG");
    private static final List<String> FLAG_VARIABLES = List.of("ELIXIR_ERL_OPTIONS", "ERL_FLAGS", "ERL_AFLAGS",
            "ERL_ZFLAGS");
    private static final List<String> VM_ARGS = List.of("rel/vm.args.eex", "rel/vm.args");

    /** The locale of the image's final stage when it starts. */
    public static ImageLocale of(ProjectContext project, DeployModel model, DockerImage image) {
        Stage stage = image.finalStage();
        if (stage == null) {
            return UNKNOWN;
        }
        Map<String, String> environment = image.environment(stage);
        if (FLAG_VARIABLES.stream().anyMatch(name -> environment.getOrDefault(name, "").contains("+fnu"))
                || vmArgsSetUtf8(project)) {
            return UTF8;
        }
        Set<String> outside = new HashSet<>(model.platformEnvironment());
        outside.removeAll(flagsWithoutFnu(model));
        // What a production Compose service or a Kubernetes manifest gives the container: perhaps `+fnu`.
        ComposeServices.of(project).releaseEnvironment().forEach(variable -> outside.add(variable.name()));
        ManifestEnvironment.of(project).variables().forEach(variable -> outside.add(variable.name()));
        Launch launch = model.launch(image);
        boolean setOutside = LOCALE_ORDER.stream().anyMatch(outside::contains)
                || FLAG_VARIABLES.stream().anyMatch(outside::contains)
                || launch != null && launch.commands().stream().anyMatch(command -> LOCALE_ORDER.stream()
                        .anyMatch(name -> command.environment().contains(name) && !environment.containsKey(name)));
        if (setOutside) {
            return UNKNOWN;
        }
        for (String name : LOCALE_ORDER) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return value.contains("$") ? UNKNOWN : utf8(value) ? UTF8 : NONE;
            }
        }
        BaseImage base = BaseImage.of(image, stage);
        return base != null && base.withoutLocale() ? NONE : UNKNOWN;
    }

    /**
     * The emulator flag variables that only rel/env.sh.eex sets, each time to a value written out without {@code +fnu}
     * ({@code export ERL_AFLAGS="-proto_dist inet6_tcp"}): known, and no locale.
     */
    private static Set<String> flagsWithoutFnu(DeployModel model) {
        Set<String> known = new HashSet<>();
        ScriptFile script = model.envScript();
        if (script == null) {
            return known;
        }
        FlyToml fly = model.manifests().fly();
        for (String flag : FLAG_VARIABLES) {
            List<ShellScript.Assignment> set = script.script().assignments().stream()
                    .filter(assignment -> assignment.name().equals(flag)).toList();
            boolean platform = fly != null && fly.environment().containsKey(flag)
                    || model.manifests().kamal().stream().anyMatch(kamal -> kamal.environment().contains(flag));
            if (!set.isEmpty() && !platform && set.stream().allMatch(assignment -> assignment.value() != null
                    && !assignment.value().contains("$") && !assignment.value().contains("+fnu"))) {
                known.add(flag);
            }
        }
        return known;
    }

    private static boolean utf8(String locale) {
        String lower = locale.toLowerCase(Locale.ROOT);
        return lower.contains("utf-8") || lower.contains("utf8");
    }

    private static boolean vmArgsSetUtf8(ProjectContext project) {
        for (String path : VM_ARGS) {
            DocumentSnapshot file = project.file(project.project().root().resolve(path));
            if (file != null && file.text().text().lines().anyMatch(line -> line.strip().startsWith("+fnu"))) {
                return true;
            }
        }
        return false;
    }
}
