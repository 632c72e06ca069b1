package dev.gotchals.model.deploy;

import dev.gotchals.docker.Instruction;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.shell.SimpleCommand;

import java.util.Set;

/**
 * One command on the way an image starts, wrappers seen through.
 *
 * @param file        the file it is written in (the Dockerfile or a script)
 * @param instruction the CMD or ENTRYPOINT the start begins at
 * @param script      the script it is written in, or null when it is written in the instruction
 * @param environment the variables set when it runs: the image's ENV, the script's and the command's own
 * @param assumed     written in the CMD but handed to an entrypoint the model cannot read, which most likely runs it
 */
public record LaunchCommand(SimpleCommand command, DocumentSnapshot file, Instruction instruction, ScriptFile script,
                            Set<String> environment, boolean assumed) {
}
