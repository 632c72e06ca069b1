package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.shell.ShellScript;
import dev.gotchals.shell.SimpleCommand;

import java.util.ArrayList;
import java.util.List;

/** A {@code Procfile}: one {@code name: command} per line ({@code web}, {@code release}, {@code worker} …). */
public record Procfile(DocumentSnapshot file, List<Process> processes) {

    /** One line: the process name and its command, parsed as shell at its place in the file. */
    public record Process(String name, ShellScript script) {
    }

    static Procfile read(DocumentSnapshot file) {
        if (file == null) {
            return null;
        }
        String text = file.text().text();
        List<Process> processes = new ArrayList<>();
        int lineStart = 0;
        while (lineStart < text.length()) {
            int newline = text.indexOf('\n', lineStart);
            int lineEnd = newline < 0 ? text.length() : newline;
            String line = text.substring(lineStart, lineEnd);
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon);
            if (!name.isEmpty() && name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
                processes.add(new Process(name, ShellScript.parse(line.substring(colon + 1), lineStart + colon + 1)));
            }
            lineStart = lineEnd + 1;
        }
        return new Procfile(file, List.copyOf(processes));
    }

    /**
     * Whether a process starts or runs the release: a {@code bin/<name>} program or one under {@code rel/}, other than
     * Mix itself where a buildpack installed it ({@code ./.platform_tools/elixir/bin/mix phx.server}).
     */
    public boolean startsRelease() {
        return processes.stream().flatMap(process -> process.script().runs().stream())
                .anyMatch(command -> !command.isMix()
                        && (command.word(0).matches("(.*/)?bin/[^/]+") || command.word(0).contains("/rel/")));
    }

    /**
     * Whether the {@code web:} process runs the app with Mix ({@code mix phx.server}, {@code mix run}): the Procfile
     * belongs to a Mix deployment (a buildpack), where Mix exists at every step, {@code release:} included.
     */
    public boolean webRunsMix() {
        Process web = process("web");
        return web != null && web.script().runs().stream()
                .anyMatch(SimpleCommand::isMixStart);
    }

    /** The process of that name, or null. */
    public Process process(String name) {
        return processes.stream().filter(process -> process.name().equals(name)).findFirst().orElse(null);
    }
}
