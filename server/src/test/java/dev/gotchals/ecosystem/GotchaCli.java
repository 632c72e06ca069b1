package dev.gotchals.ecosystem;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the built {@code gotcha-ls} jar's {@code check} in a folder, as a user would, and reads its JSON report. */
final class GotchaCli {
    /** The findings of one run, and what the run said on standard error (with {@code --fix}: the fixes applied). */
    record Run(List<Finding> findings, List<String> messages) {
    }

    private static final long TIMEOUT_MINUTES = 10;

    private final Path java;
    private final Path jar;

    GotchaCli(Path java, Path jar) {
        this.java = java;
        this.jar = jar;
    }

    /** {@code gotcha-ls check --format json --hints} over the whole folder; with {@code fix}, {@code --fix} first. */
    Run check(Path folder, boolean fix) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:+UseSerialGC", "-Xss8m",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "check", "--format", "json", "--hints", "--fail-on", "never"));
        if (fix) {
            command.add("--fix");
        }
        command.add(".");
        Processes.Result result = Processes.run(command, folder, null, TIMEOUT_MINUTES);
        if (result.exitCode() != 0) {
            throw new IOException("gotcha-ls check" + (fix ? " --fix" : "") + " exited with " + result.exitCode()
                    + ":\n" + result.stderrTail());
        }
        return new Run(findings(result.stdout()), result.stderr().lines().toList());
    }

    static List<Finding> findings(String json) {
        List<Finding> findings = new ArrayList<>();
        for (JsonElement element : JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("findings")) {
            JsonObject finding = element.getAsJsonObject();
            findings.add(new Finding(finding.get("rule").getAsString(), finding.get("file").getAsString(),
                    finding.get("line").getAsInt(), finding.get("column").getAsInt(),
                    finding.get("message").getAsString(), "hint".equals(finding.get("severity").getAsString())));
        }
        return findings;
    }
}
