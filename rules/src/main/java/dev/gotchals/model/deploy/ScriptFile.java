package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.shell.ShellScript;

/** A shell script of the project (an entrypoint, a {@code rel/overlays/bin/} script, {@code rel/env.sh.eex}), parsed. */
public record ScriptFile(DocumentSnapshot file, ShellScript script) {

    /** The script, or null when there is none or it cannot be read (the model then cannot follow it). */
    static ScriptFile read(DocumentSnapshot file) {
        if (file == null) {
            return null;
        }
        ShellScript script = ShellScript.parse(file.text().text());
        return script.readable() ? new ScriptFile(file, script) : null;
    }

    public String name() {
        return file.path().getFileName().toString();
    }
}
