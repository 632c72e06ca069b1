package dev.gotchals.engine;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One replacement of chars {@code [start, end)} of a text: a random keystroke-sized or line-sized edit, often one
 * that breaks the syntax, or the edit that brings a file back to a known text (its repair).
 */
record TextEdit(int start, int end, String replacement) {
    private static final List<String> BREAKERS = List.of("do", "end", "[", "]", "(", ")", "\"", "\"\"\"", ",", ":",
            "#", "\n", " ", "é", "😀", "\r\n", "{", "}", "=", "\\\n");
    private static final Map<EditableFiles.Kind, List<String>> FRAGMENTS = Map.of(
            EditableFiles.Kind.ELIXIR, List.of("config :logger, level: :debug\n", "import Config\n",
                    "if config_env() == :prod do\n", "end\n", "  server: true,\n", "System.get_env(\"PORT\")",
                    "config :app, App.Endpoint, server: true\n", "import_config \"#{config_env()}.exs\"\n",
                    "config :app, App.Endpoint, debug_errors: true, code_reloader: true\n",
                    "secret_key_base: \"c2VjcmV0IGtleSBiYXNlIGZvciB0ZXN0aW5nIG9ubHkgMTIzNDU2Nzg5MA==\",\n", "Mix.env()",
                    "force_ssl: [hsts: true],\n", "socket_options: [:inet6],\n",
                    "get \"/health\", HealthController, :index\n", "scope \"/\" do\n", "pipe_through :browser\n",
                    "plug :accepts, [\"json\"]\n", "def index(conn, _), do: send_resp(conn, 200, \"ok\")\n",
                    "Repo.query!(\"SELECT 1\")\n", "Application.compile_env(:app, :key)\n",
                    "url: System.fetch_env!(\"DATABASE_URL\"),\n",
                    "releases: [app: [include_executables_for: [:unix]]],\n", "{:ecto_sql, \"~> 3.10\"},\n",
                    "elixir: \"~> 1.14\",\n", "# gotcha:disable-next-line GT005 rotated before go-live\n", "gotcha",
                    "# gotcha:disable hardcoded-secret staging only\n"),
            EditableFiles.Kind.DOCKERFILE, List.of("FROM hexpm/elixir:1.17.3-erlang-27.1-debian-bookworm-20240926-slim AS builder\n",
                    "FROM debian:bookworm-slim\n", "RUN mix release\n", "ENV MIX_ENV=prod\n", "CMD [\"/app/bin/server\"]\n",
                    "CMD mix phx.server\n", "USER nobody\n", "ENV LANG=C.UTF-8\n", "ARG SECRET_KEY_BASE\n",
                    "COPY --from=builder /app/_build/prod/rel/app ./\n", "RUN mix assets.deploy\n",
                    "ENTRYPOINT [\"/app/bin/migrate\"]\n", "COPY config/runtime.exs config/\n", "WORKDIR /app\n",
                    "CMD [\"sh\", \"-c\", \"bin/app eval App.Release.migrate && bin/app start\"]\n",
                    "# gotcha:disable-next-line GT005, GT004 demo image\n", "gotcha", "# GOTCHA:disable GT099 x\n"),
            EditableFiles.Kind.TOML, List.of("[http_service]\n", "internal_port = 4000\n",
                    "[[http_service.checks]]\n  path = \"/health\"\n", "[deploy]\n  release_command = \"/app/bin/migrate\"\n",
                    "[env]\n  ECTO_IPV6 = \"true\"\n  PHX_SERVER = \"true\"\n", "force_https = true\n"),
            EditableFiles.Kind.SHELL, List.of("#!/bin/sh\n", "exec ./bin/app start\n", "cd -P -- \"$(dirname -- \"$0\")\"\n",
                    "PHX_SERVER=true exec ./app start\n", "export RELEASE_COOKIE=abc\n", "./app eval App.Release.migrate\n",
                    "exec /app/bin/server\n", "export PHX_SERVER=true\n"));

    /** A random insertion, deletion or replacement in {@code text}, with fragments of the file's kind. */
    static TextEdit random(String text, EditableFiles.Kind kind, Random random) {
        int start = boundary(text, random);
        int length = random.nextInt(4) == 0 ? random.nextInt(60) : random.nextInt(4);
        int end = safe(text, Math.min(text.length(), start + length));
        String insert;
        int op = random.nextInt(3);
        if (op == 0) {
            insert = "";
        } else {
            List<String> pool = random.nextInt(3) == 0 ? BREAKERS : FRAGMENTS.get(kind);
            insert = pool.get(random.nextInt(pool.size()));
        }
        return op == 1 ? new TextEdit(start, start, insert) : new TextEdit(start, end, insert);
    }

    /** The one replacement that turns {@code text} into {@code wanted}: what differs between them. */
    static TextEdit restore(String text, String wanted) {
        int prefix = 0;
        while (prefix < text.length() && prefix < wanted.length() && text.charAt(prefix) == wanted.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < text.length() - prefix && suffix < wanted.length() - prefix
                && text.charAt(text.length() - 1 - suffix) == wanted.charAt(wanted.length() - 1 - suffix)) {
            suffix++;
        }
        int start = safe(text, prefix);
        int cut = prefix - start;
        int end = text.length() - suffix;
        // Widen the end past a surrogate or CRLF half as the start was widened.
        while (end < text.length() && safe(text, end) != end) {
            end++;
        }
        int wantedEnd = wanted.length() - (text.length() - end);
        return new TextEdit(start, end, wanted.substring(prefix - cut, wantedEnd));
    }

    String applyTo(String text) {
        return text.substring(0, start) + replacement + text.substring(end);
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ") -> \"" + replacement.replace("\\", "\\\\").replace("\n", "\\n")
                .replace("\r", "\\r").replace("\"", "\\\"") + "\"";
    }

    /** A random place, at a line start half of the time: most edits there type or delete whole lines. */
    private static int boundary(String text, Random random) {
        if (text.isEmpty()) {
            return 0;
        }
        int offset = random.nextInt(text.length() + 1);
        if (random.nextBoolean()) {
            int lineStart = text.lastIndexOf('\n', Math.max(0, offset - 1));
            offset = offset == 0 ? 0 : lineStart + 1;
        }
        return safe(text, offset);
    }

    /** Editors never put a position between the halves of a surrogate pair, or inside a CRLF line break. */
    private static int safe(String text, int offset) {
        if (offset > 0 && offset < text.length() && (Character.isLowSurrogate(text.charAt(offset))
                || text.charAt(offset - 1) == '\r' && text.charAt(offset) == '\n')) {
            return offset - 1;
        }
        return offset;
    }
}
