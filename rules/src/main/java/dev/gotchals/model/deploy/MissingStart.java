package dev.gotchals.model.deploy;

import dev.gotchals.docker.Instruction;

/**
 * A program the image starts in the release's {@code bin/} that is not there: the container exits as it starts.
 *
 * @param start         the command of the launch that runs it (in the CMD, the ENTRYPOINT or a script they run)
 * @param program       the program as the start writes it ({@code /app/bin/server})
 * @param releaseFolder where the release really is when the image copies the build's whole {@code rel/} folder
 *                      ({@code /app/shop}), so that nothing is in {@code /app/bin/}; null when the release's folder is
 *                      the one the start names and only the script is missing (no {@code rel/overlays/bin/<name>})
 * @param modeChange    a RUN of the image that changes the missing file's mode ({@code chmod +x /app/bin/server}),
 *                      which fails the build before any start; null when none does
 */
public record MissingStart(LaunchCommand start, String program, String releaseFolder, Instruction modeChange) {
    /** The script's name in the release's {@code bin/} ({@code server}). */
    public String name() {
        return program.substring(program.lastIndexOf('/') + 1);
    }
}
