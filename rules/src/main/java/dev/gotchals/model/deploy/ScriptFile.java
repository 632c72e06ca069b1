package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.shell.ShellScript;

/** A shell script of the project (an entrypoint, a {@code rel/overlays/bin/} script, {@code rel/env.sh.eex}), parsed. */
public record ScriptFile(DocumentSnapshot file, ShellScript script) {

    static ScriptFile read(DocumentSnapshot file) {
        return file == null ? null : new ScriptFile(file, ShellScript.parse(file.text().text()));
    }

    public String name() {
        return file.path().getFileName().toString();
    }
}
