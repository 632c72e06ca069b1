package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.shell.ShellScript;
import dev.gotchals.shell.SimpleCommand;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * mina's {@code config/deploy.rb}: a Ruby deploy script whose {@code command}s run over ssh on the host its
 * {@code set :domain} names. Where its deploy task runs {@code mix release} there, the release is built on the host it
 * runs on, in the deploy user's environment (the {@code ~/.profile} its remote environment sources), and every deploy
 * builds it again.
 */
public final class Mina {
    private static final Pattern REQUIRES_MINA = Pattern.compile("(?m)^\\s*require\\s+['\"]mina/");
    /** One host to deploy to: {@code set :domain, 'app.example.com'} (not a list, not a variable). */
    private static final Pattern ONE_DOMAIN = Pattern.compile("(?m)^\\s*set\\s+:domain\\s*,\\s*['\"][^'\"#{}\\s,]+['\"]\\s*$");
    /** A remote command's shell text: {@code command %[mix release]}, {@code command "mix distillery.release"}. */
    private static final Pattern COMMAND = Pattern.compile(
            "(?m)^\\s*command\\s*\\(?\\s*(?:%[qQ]?\\[([^\\]\\n]*)]|%[qQ]?\\(([^)\\n]*)\\)|%[qQ]?\\{([^}\\n]*)}"
                    + "|\"([^\"\\n]*)\"|'([^'\\n]*)')");

    private final boolean buildsWhereItRuns;

    private Mina(boolean buildsWhereItRuns) {
        this.buildsWhereItRuns = buildsWhereItRuns;
    }

    /** The project's mina deploy script, or null when config/deploy.rb is not one. */
    public static Mina of(ProjectContext project) {
        DocumentSnapshot script = project.file(project.project().root().resolve("config/deploy.rb"));
        if (script == null || !REQUIRES_MINA.matcher(script.text().text()).find()) {
            return null;
        }
        String text = script.text().text();
        return new Mina(ONE_DOMAIN.matcher(text).find() && buildsRelease(text));
    }

    /** Whether a remote command runs {@code mix release} (or Distillery's task), also among others of a {@code mix do}. */
    private static boolean buildsRelease(String text) {
        Matcher command = COMMAND.matcher(text);
        while (command.find()) {
            String shell = "";
            for (int group = 1; group <= command.groupCount(); group++) {
                shell = command.group(group) != null ? command.group(group) : shell;
            }
            if (ShellScript.parse(shell).runs().stream().anyMatch(SimpleCommand::runsReleaseTask)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the deploy builds the release with {@code mix release} on the one host it deploys to. */
    public boolean buildsWhereItRuns() {
        return buildsWhereItRuns;
    }
}
