package dev.gotchals.ecosystem;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a program to completion with its output in files, so that neither pipe can fill up and block it. */
final class Processes {
    /** What a finished program left: exit code, standard output and standard error. */
    record Result(int exitCode, String stdout, String stderr) {
        /** The last lines of standard error, for a message about a failure. */
        String stderrTail() {
            List<String> lines = stderr.strip().lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        }
    }

    private Processes() {
    }

    static Result run(List<String> command, Path workingDirectory, String stdin, long timeoutMinutes)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("gotcha-ecosystem-", ".out");
        Path err = Files.createTempFile("gotcha-ecosystem-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            if (stdin == null) {
                builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            }
            Process process = builder.start();
            if (stdin != null) {
                try (OutputStream input = process.getOutputStream()) {
                    input.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                throw new IOException(String.join(" ", command) + " took longer than " + timeoutMinutes + " minutes");
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
