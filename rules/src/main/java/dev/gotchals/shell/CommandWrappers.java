package dev.gotchals.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The programs that run another command: init processes ({@code tini --}), user switches ({@code gosu nobody},
 * {@code su -c}), {@code exec}, {@code env A=1}, shells given a script ({@code sh -c "…"}), and Elixir's own
 * {@code elixir --name n@host -S mix phx.server} (or {@code iex}), which runs a Mix task in a node it names. Seeing
 * through them tells which program a container or script really starts.
 */
public final class CommandWrappers {
    /** Wrappers whose options all start with a dash and are followed by the command (Nanobox's node-start too). */
    private static final Set<String> OPTIONS_THEN_COMMAND = Set.of("exec", "nohup", "time", "tini", "tini-static",
            "dumb-init", "catatonit", "setpriv", "--", "node-start");
    /** Wrappers that take a user (or user:group) before the command. */
    private static final Set<String> USER_THEN_COMMAND = Set.of("gosu", "su-exec", "s6-setuidgid");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh");
    private static final int MAX_DEPTH = 8;
    /** The options of {@code ssh} that take a value: {@code -p 2222}, {@code -i key}, {@code -o Opt=v}. */
    private static final String SSH_OPTIONS_WITH_VALUE = "BbcDEeFIiJLlmOoPpQRSWw";

    private CommandWrappers() {
    }

    /** The commands {@code command} really runs: itself without wrappers, or the commands of its shell script. */
    public static List<SimpleCommand> unwrap(SimpleCommand command) {
        return unwrap(command, 0, new ArrayList<>());
    }

    /**
     * Whether a command runs what it wraps as another user than its own: {@code gosu app}, {@code su-exec},
     * {@code s6-setuidgid}, {@code setpriv --reuid}, {@code sudo -u app}, {@code su app -c "…"}, also inside
     * {@code sh -c "…"}.
     */
    public static boolean switchesUser(SimpleCommand command) {
        List<SimpleCommand> wrappers = new ArrayList<>();
        unwrap(command, 0, wrappers);
        return wrappers.stream().anyMatch(CommandWrappers::isUserSwitch);
    }

    /** Whether a command runs what it wraps on another host: {@code ssh deploy@host "…"}, also inside {@code sh -c}. */
    public static boolean runsOnAnotherHost(SimpleCommand command) {
        List<SimpleCommand> wrappers = new ArrayList<>();
        unwrap(command, 0, wrappers);
        return wrappers.stream().anyMatch(wrapper -> wrapper.program().equals("ssh"));
    }

    private static boolean isUserSwitch(SimpleCommand wrapper) {
        String program = wrapper.program();
        List<String> options = wrapper.words().stream().map(Word::text).toList();
        return switch (program) {
            case "gosu", "su-exec", "s6-setuidgid" -> true;
            case "setpriv" -> options.stream().anyMatch(option -> option.startsWith("--reuid"));
            case "sudo" -> options.contains("-u");
            case "su" -> suNamesUser(options);
            default -> false;
        };
    }

    /** Whether {@code su} is given a user other than root (without one, it runs as root). */
    private static boolean suNamesUser(List<String> words) {
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("-c") || word.equals("--command") || word.equals("-s") || word.equals("--shell")
                    || word.equals("-g") || word.equals("--group")) {
                i++;
            } else if (!word.startsWith("-")) {
                return !word.equals("root");
            }
        }
        return false;
    }

    /** Unwraps {@code command}, adding every wrapper it sees through to {@code wrappers}. */
    private static List<SimpleCommand> unwrap(SimpleCommand command, int depth, List<SimpleCommand> wrappers) {
        SimpleCommand current = command;
        while (!current.words().isEmpty() && depth < MAX_DEPTH) {
            String program = current.program();
            if (OPTIONS_THEN_COMMAND.contains(program) || USER_THEN_COMMAND.contains(program)
                    || program.equals("sudo") || program.equals("env") || program.equals("su") || SHELLS.contains(program)) {
                wrappers.add(current);
            }
            if (OPTIONS_THEN_COMMAND.contains(program)) {
                current = current.drop(afterOptions(current, 1));
            } else if (USER_THEN_COMMAND.contains(program)) {
                current = current.drop(afterOptions(current, 1) + 1);
            } else if (program.equals("sudo")) {
                current = current.drop(afterSudoOptions(current));
            } else if (program.equals("env")) {
                int first = afterOptions(current, 1);
                Map<String, String> set = new LinkedHashMap<>();
                while (first < current.words().size() && current.word(first).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                    String assignment = current.word(first++);
                    set.put(assignment.substring(0, assignment.indexOf('=')), assignment.substring(assignment.indexOf('=') + 1));
                }
                current = current.drop(first).withAssignments(set);
            } else if (program.equals("su")) {
                int script = -1;
                for (int i = 1; i < current.words().size() - 1; i++) {
                    if (current.word(i).equals("-c") || current.word(i).equals("--command")) {
                        script = i + 1;
                    }
                }
                return script < 0 ? List.of() : inner(current, current.words().get(script), depth, wrappers);
            } else if (program.equals("ssh")) {
                // `ssh deploy@host "cd app && bin/app eval …"`: the command runs on that host, part of the deployment.
                int first = sshRemoteCommand(current);
                if (first == current.words().size()) {
                    break; // no command: a login shell, or the script on its input
                }
                wrappers.add(current);
                if (first == current.words().size() - 1) {
                    return inner(current, current.words().get(first), depth, wrappers);
                }
                current = current.drop(first);
            } else if ((program.equals("elixir") || program.equals("iex")) && mixScript(current) > 0) {
                wrappers.add(current);
                current = current.drop(mixScript(current));
            } else if (SHELLS.contains(program)) {
                int first = afterOptions(current, 1);
                boolean runsString = current.words().subList(1, first).stream()
                        .anyMatch(option -> !option.text().startsWith("--") && option.text().endsWith("c"));
                if (runsString && first < current.words().size()) {
                    return inner(current, current.words().get(first), depth, wrappers);
                }
                current = current.drop(first);
            } else {
                break;
            }
        }
        return current.words().isEmpty() ? List.of() : List.of(current);
    }

    /**
     * The index of {@code mix} in {@code elixir [options] -S mix …}, or -1. The options before {@code -S} name the
     * node and its cookie ({@code --name}, {@code --cookie}, {@code --erl "…"}); {@code -S} ends them.
     */
    private static int mixScript(SimpleCommand command) {
        for (int i = 1; i + 1 < command.words().size(); i++) {
            if (command.word(i).equals("-S")) {
                String script = command.word(i + 1);
                return script.equals("mix") || script.endsWith("/mix") ? i + 1 : -1;
            }
        }
        return -1;
    }

    /** Whether {@code program} is a shell ({@code sh}, {@code bash}, …). */
    public static boolean isShell(String program) {
        return SHELLS.contains(program);
    }

    /**
     * The index of the first word of the command an {@code ssh} runs on the remote host: after its options and the
     * host, and options written after the host too ({@code ssh deploy@host -p 5123 "…"}, which OpenSSH takes); the
     * number of words when it is given none (it then runs its input, or a login shell).
     */
    static int sshRemoteCommand(SimpleCommand ssh) {
        int host = sshOptionsEnd(ssh, 1);
        return host >= ssh.words().size() ? ssh.words().size() : sshOptionsEnd(ssh, host + 1);
    }

    /** The index after the ssh options that start at {@code index}, each with its value. */
    private static int sshOptionsEnd(SimpleCommand ssh, int index) {
        while (index < ssh.words().size() && ssh.word(index).startsWith("-")) {
            String option = ssh.word(index++);
            if (option.equals("--")) {
                break;
            }
            char last = option.charAt(option.length() - 1);
            if (option.length() == 2 && SSH_OPTIONS_WITH_VALUE.indexOf(last) >= 0) {
                index++; // `-p 2222`; `-p2222` carries its value
            }
        }
        return Math.min(index, ssh.words().size());
    }

    /** The commands of a script given as one word ({@code sh -c "…"}), each seen through its own wrappers. */
    private static List<SimpleCommand> inner(SimpleCommand outer, Word script, int depth, List<SimpleCommand> wrappers) {
        List<SimpleCommand> commands = new ArrayList<>();
        ShellScript parsed = ShellScript.parse(script.text(), script.start() + (script.quoted() ? 1 : 0));
        for (SimpleCommand command : parsed.commands()) {
            commands.addAll(unwrap(parsed.withVariablesBefore(command).withAssignments(outer.assignments()), depth + 1, wrappers));
        }
        return commands;
    }

    /** The index of the first word from {@code from} on that is not an option; a {@code --} ends the options. */
    private static int afterOptions(SimpleCommand command, int from) {
        int index = from;
        while (index < command.words().size() && command.word(index).startsWith("-")) {
            if (command.word(index++).equals("--")) {
                break;
            }
        }
        return index;
    }

    private static int afterSudoOptions(SimpleCommand command) {
        int index = 1;
        while (index < command.words().size() && command.word(index).startsWith("-")) {
            String option = command.word(index++);
            if (option.equals("-u") || option.equals("-g")) {
                index++;
            }
        }
        return index;
    }
}
