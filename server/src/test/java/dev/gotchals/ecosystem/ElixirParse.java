package dev.gotchals.ecosystem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Parses Elixir files with Elixir's own parser, all of them in a single {@code elixir} process. */
final class ElixirParse {
    /** Reads one path per line on standard input; prints {@code path<TAB>error} for each file that does not parse. */
    private static final String SCRIPT = """
            for path <- String.split(IO.read(:stdio, :eof), "\\n", trim: true) do
              try do
                Code.string_to_quoted!(File.read!(path), file: path)
              rescue
                error -> IO.puts(path <> "\\t" <> String.replace(Exception.message(error), "\\n", " "))
              end
            end
            """;

    private ElixirParse() {
    }

    /** The parse error of every file that does not parse, by path; files that parse are absent. */
    static Map<Path, String> errors(List<Path> files) throws IOException, InterruptedException {
        Map<Path, String> errors = new HashMap<>();
        if (files.isEmpty()) {
            return errors;
        }
        StringBuilder input = new StringBuilder();
        files.forEach(file -> input.append(file.toAbsolutePath()).append('\n'));
        Processes.Result result = Processes.run(List.of("elixir", "-e", SCRIPT), Path.of("."), input.toString(), 10);
        if (result.exitCode() != 0) {
            throw new IOException("elixir failed:\n" + result.stderrTail());
        }
        for (String line : result.stdout().lines().toList()) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                errors.put(Path.of(line.substring(0, tab)), line.substring(tab + 1));
            }
        }
        return errors;
    }
}
