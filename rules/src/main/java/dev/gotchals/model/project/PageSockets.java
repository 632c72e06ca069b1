package dev.gotchals.model.project;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.javascript.ScriptText;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.ValueModel;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.workspace.FileRole;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether the project's pages open websockets, read from its own browser code ({@link FileRole#PAGE_SCRIPT}). A
 * browser connects to a channel socket only when a script of the page opens one, so this is what tells whether the
 * sockets an endpoint declares have browser clients at all.
 *
 * <p>A script opens a socket where its code, outside comments, constructs one: Phoenix's {@code new Socket(…)} under
 * any name ({@code new PhoenixSocket(…)}), {@code new LiveSocket(…)}, a plain {@code new WebSocket(…)}. It runs only
 * when the page loads it: a bundler runs its entry points and what they import, so a script that other scripts
 * import only in commented-out lines (the generated {@code // import socket from "./socket"}) never runs. A script no
 * other one names may be an entry point, and counts.
 *
 * <p>Without browser code of its own the project's clients are not in sight (a front end kept elsewhere, mobile
 * apps): then nothing is known.
 */
public enum PageSockets implements ValueModel {
    /** The project has no browser code of its own: who connects is not known. */
    NO_PAGE_SCRIPTS,
    /** A script the pages run opens a socket. */
    OPENED,
    /** The project's browser code opens no socket, or only in scripts nothing loads. */
    NONE_OPENED;

    /** Constructs a socket: {@code new Socket(}, {@code new Phoenix.Socket(}, {@code new LiveSocket(}, {@code new WebSocket(}. */
    private static final Pattern OPENS = Pattern.compile("\\bnew\\s+[\\w$.]*Socket\\s*\\(");
    private static final Pattern SCRIPT_EXTENSION = Pattern.compile("\\.(jsx?|tsx?|[mc]js|vue|svelte)$");

    public static PageSockets of(ProjectContext project) {
        return project.model(PageSockets.class, context -> {
            Map<Path, String> scripts = new LinkedHashMap<>();
            for (DocumentSnapshot script : context.files(FileRole.PAGE_SCRIPT)) {
                scripts.put(script.path(), script.text().text());
            }
            return read(scripts);
        });
    }

    /** Whether browsers may connect to a channel socket: a page script opens a socket, or the pages are not in sight. */
    public boolean browsersMayConnect() {
        return this != NONE_OPENED;
    }

    static PageSockets read(Map<Path, String> scripts) {
        if (scripts.isEmpty()) {
            return NO_PAGE_SCRIPTS;
        }
        Map<Path, ScriptText> texts = new LinkedHashMap<>();
        scripts.forEach((path, text) -> texts.put(path, ScriptText.of(text)));
        for (Map.Entry<Path, ScriptText> script : texts.entrySet()) {
            Deadline.check();
            if (OPENS.matcher(script.getValue().code()).find() && loaded(script.getKey(), texts)) {
                return OPENED;
            }
        }
        return NONE_OPENED;
    }

    /**
     * Whether a page may run the script: another script imports it, or none names it at all (an entry point).
     * Imports are matched by module name, whatever folder they give ({@code "./socket"}, {@code "web/static/js/socket"}).
     */
    private static boolean loaded(Path script, Map<Path, ScriptText> texts) {
        String name = moduleName(script);
        Set<String> imported = new HashSet<>();
        Set<String> commented = new HashSet<>();
        texts.forEach((path, text) -> {
            if (!path.equals(script)) {
                text.imports().forEach(module -> imported.add(moduleName(module)));
                text.commentedImports().forEach(module -> commented.add(moduleName(module)));
            }
        });
        return imported.contains(name) || !commented.contains(name);
    }

    private static String moduleName(Path script) {
        return moduleName(script.toString().replace('\\', '/'));
    }

    /** A module's name: its file name without extension, or its folder's for an {@code index} file. */
    static String moduleName(String module) {
        List<String> parts = List.of(module.replaceAll("/+$", "").split("/"));
        String last = SCRIPT_EXTENSION.matcher(parts.get(parts.size() - 1)).replaceFirst("");
        return last.equals("index") && parts.size() > 1 ? parts.get(parts.size() - 2) : last;
    }
}
