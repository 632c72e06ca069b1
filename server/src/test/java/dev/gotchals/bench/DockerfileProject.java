package dev.gotchals.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Phoenix-like release project written for {@link DockerfileBenchmark}: mix.exs, config, lib, rel and a
 * multi-stage Dockerfile of a chosen length, with the place where the benchmark types (a package name in a
 * {@code RUN apt-get install} or {@code RUN mkdir} line near the middle of the file).
 */
record DockerfileProject(Path root, Path dockerfile, String text, int lines, int editLine, int editColumn) {

    /** Lines of the realistic Dockerfile; longer ones repeat build steps in the builder stage. */
    static final int TYPICAL_LINES = 93;

    String uri() {
        return dockerfile.toUri().toString();
    }

    static DockerfileProject write(Path root, int lines) throws IOException {
        List<String> dockerfile = lines == TYPICAL_LINES ? typicalDockerfile() : longDockerfile(lines);
        String text = String.join("\n", dockerfile) + "\n";
        Files.createDirectories(root.resolve("config"));
        Files.createDirectories(root.resolve("lib/shop_web"));
        Files.createDirectories(root.resolve("rel"));
        Files.createDirectories(root.resolve("priv/static"));
        Files.writeString(root.resolve("mix.exs"), MIX_EXS);
        Files.writeString(root.resolve("mix.lock"), "%{}\n");
        Files.writeString(root.resolve("config/config.exs"), CONFIG_EXS);
        Files.writeString(root.resolve("config/prod.exs"), PROD_EXS);
        Files.writeString(root.resolve("config/runtime.exs"), RUNTIME_EXS);
        Files.writeString(root.resolve("lib/shop.ex"), "defmodule Shop do\n  @moduledoc \"The shop.\"\nend\n");
        Files.writeString(root.resolve("lib/shop_web/endpoint.ex"), ENDPOINT_EX);
        Files.writeString(root.resolve("rel/env.sh.eex"), "#!/bin/sh\nexport ERL_AFLAGS=\"-proto_dist inet6_tcp\"\n");
        Files.writeString(root.resolve(".dockerignore"), "_build/\ndeps/\n.git/\nnode_modules/\n");
        Path file = root.resolve("Dockerfile");
        Files.writeString(file, text);
        int middle = dockerfile.size() / 2;
        for (int i = 0; i < dockerfile.size(); i++) {
            int line = (middle + i) % dockerfile.size();
            int column = editColumn(dockerfile.get(line));
            if (column >= 0) {
                return new DockerfileProject(root, file, text, dockerfile.size(), line, column);
            }
        }
        throw new IllegalStateException("no line to edit in the generated Dockerfile");
    }

    /** After "git" of the builder's package list, or after "mkdir" of a long file's step; -1 elsewhere. */
    private static int editColumn(String line) {
        int git = line.indexOf("build-essential git");
        if (git >= 0) {
            return git + "build-essential git".length();
        }
        return line.startsWith("RUN mkdir -p /app/priv/static/") ? "RUN mkdir".length() : -1;
    }

    /** The release Dockerfile of a Phoenix application, exactly {@link #TYPICAL_LINES} lines. */
    static List<String> typicalDockerfile() {
        List<String> out = new ArrayList<>(header());
        out.addAll(builderSteps());
        out.addAll(runner());
        if (out.size() != TYPICAL_LINES) {
            throw new IllegalStateException("the typical Dockerfile has " + out.size() + " lines");
        }
        return out;
    }

    /** The same Dockerfile with generated steps in the builder stage, exactly {@code lines} lines. */
    static List<String> longDockerfile(int lines) {
        List<String> out = new ArrayList<>(header());
        List<String> tail = new ArrayList<>(builderSteps());
        tail.addAll(runner());
        for (int i = 0; out.size() + tail.size() + 6 <= lines; i++) {
            out.add("# Static bundle " + i + " for the storefront (owner: team-" + (i % 7) + ")");
            out.add("ENV BUNDLE_" + i + "_VERSION=\"" + (i % 13) + "." + (i % 5) + ".0\"");
            out.add("RUN mkdir -p /app/priv/static/bundle-" + i + " \\");
            out.add("  && echo \"bundle " + i + "\" > /app/priv/static/bundle-" + i + "/VERSION");
            out.add("COPY assets/bundle-" + (i % 40) + " assets/bundle-" + i);
            out.add("");
        }
        while (out.size() + tail.size() < lines) {
            out.add("#");
        }
        out.addAll(tail);
        if (out.size() != lines) {
            throw new IllegalArgumentException("Dockerfiles must have at least " + out.size() + " lines");
        }
        return out;
    }

    private static List<String> header() {
        return List.of(
                "# syntax=docker/dockerfile:1",
                "# Release image of the shop: built with Elixir, run on Debian slim.",
                "# The three versions below move together; see docs/upgrading.md before bumping one.",
                "ARG ELIXIR_VERSION=1.17.3",
                "ARG OTP_VERSION=27.1.2",
                "ARG DEBIAN_VERSION=bookworm-20241016-slim",
                "",
                "ARG BUILDER_IMAGE=\"hexpm/elixir:${ELIXIR_VERSION}-erlang-${OTP_VERSION}-debian-${DEBIAN_VERSION}\"",
                "ARG RUNNER_IMAGE=\"debian:${DEBIAN_VERSION}\"",
                "",
                "FROM ${BUILDER_IMAGE} AS builder",
                "",
                "# Compilers for NIFs, git for dependencies fetched from repositories.",
                "RUN apt-get update -y \\",
                "  && apt-get install -y --no-install-recommends build-essential git curl \\",
                "  && apt-get clean \\",
                "  && rm -rf /var/lib/apt/lists/*",
                "",
                "WORKDIR /app",
                "",
                "RUN mix local.hex --force \\",
                "  && mix local.rebar --force",
                "",
                "ENV MIX_ENV=\"prod\"",
                "ENV ERL_FLAGS=\"+JPperf true\"",
                "");
    }

    private static List<String> builderSteps() {
        return List.of(
                "# Dependencies first: a change in lib/ keeps their layers cached.",
                "COPY mix.exs mix.lock ./",
                "RUN mix deps.get --only $MIX_ENV",
                "RUN mkdir config",
                "",
                "# Compile-time configuration: a change here recompiles the dependencies.",
                "COPY config/config.exs config/${MIX_ENV}.exs config/",
                "RUN mix deps.compile",
                "",
                "COPY priv priv",
                "COPY lib lib",
                "COPY assets assets",
                "",
                "RUN mix assets.setup",
                "RUN mix compile",
                "RUN mix assets.deploy",
                "",
                "# runtime.exs is read when the release boots, so changing it needs no recompilation.",
                "COPY config/runtime.exs config/",
                "COPY rel rel",
                "RUN mix release",
                "");
    }

    private static List<String> runner() {
        return List.of(
                "# The runner carries the release and what the BEAM needs, nothing else.",
                "FROM ${RUNNER_IMAGE} AS runner",
                "",
                "RUN apt-get update -y \\",
                "  && apt-get install -y --no-install-recommends libstdc++6 openssl libncurses5 locales \\",
                "       ca-certificates tini curl \\",
                "  && apt-get clean \\",
                "  && rm -rf /var/lib/apt/lists/*",
                "",
                "RUN sed -i '/en_US.UTF-8/s/^# //g' /etc/locale.gen && locale-gen",
                "ENV LANG=en_US.UTF-8",
                "ENV LANGUAGE=en_US:en",
                "ENV LC_ALL=en_US.UTF-8",
                "",
                "WORKDIR /app",
                "RUN groupadd --system shop \\",
                "  && useradd --system --gid shop --home /app shop \\",
                "  && chown shop:shop /app",
                "",
                "ENV MIX_ENV=\"prod\"",
                "ENV PHX_SERVER=true",
                "ENV PORT=4000",
                "ENV RELEASE_TMP=/tmp",
                "",
                "COPY --from=builder --chown=shop:shop /app/_build/${MIX_ENV}/rel/shop ./",
                "",
                "LABEL org.opencontainers.image.title=\"shop\" \\",
                "      org.opencontainers.image.source=\"https://shop.example.com/source\" \\",
                "      org.opencontainers.image.licenses=\"UNLICENSED\"",
                "",
                "USER shop",
                "EXPOSE 4000",
                "",
                "# The orchestrator restarts the container when this fails three times in a row.",
                "HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \\",
                "  CMD curl -fsS http://localhost:4000/health || exit 1",
                "",
                "# tini reaps zombies and forwards signals to the BEAM.",
                "ENTRYPOINT [\"/usr/bin/tini\", \"--\"]",
                "",
                "# Migrations run as a release command before the new version takes traffic.",
                "CMD [\"/app/bin/server\"]",
                "",
                "# End of the release image.",
                "# Keep this file in step with .dockerignore.");
    }

    private static final String MIX_EXS = """
            defmodule Shop.MixProject do
              use Mix.Project

              def project do
                [
                  app: :shop,
                  version: "0.1.0",
                  elixir: "~> 1.17",
                  start_permanent: Mix.env() == :prod,
                  deps: deps(),
                  releases: [shop: [include_executables_for: [:unix]]]
                ]
              end

              def application do
                [mod: {Shop.Application, []}, extra_applications: [:logger, :runtime_tools]]
              end

              defp deps do
                [
                  {:phoenix, "~> 1.7.14"},
                  {:phoenix_ecto, "~> 4.5"},
                  {:ecto_sql, "~> 3.10"},
                  {:postgrex, ">= 0.0.0"},
                  {:bandit, "~> 1.5"}
                ]
              end
            end
            """;

    private static final String CONFIG_EXS = """
            import Config

            config :shop, ecto_repos: [Shop.Repo]

            config :shop, ShopWeb.Endpoint,
              url: [host: "localhost"],
              adapter: Bandit.PhoenixAdapter

            config :logger, :console, format: "$time $metadata[$level] $message\\n"

            import_config "#{config_env()}.exs"
            """;

    private static final String PROD_EXS = """
            import Config

            config :shop, ShopWeb.Endpoint, cache_static_manifest: "priv/static/cache_manifest.json"

            config :logger, level: :info
            """;

    private static final String RUNTIME_EXS = """
            import Config

            if System.get_env("PHX_SERVER") do
              config :shop, ShopWeb.Endpoint, server: true
            end

            if config_env() == :prod do
              database_url = System.fetch_env!("DATABASE_URL")
              secret_key_base = System.fetch_env!("SECRET_KEY_BASE")
              host = System.get_env("PHX_HOST") || "shop.example.com"
              port = String.to_integer(System.get_env("PORT") || "4000")

              config :shop, Shop.Repo, url: database_url, pool_size: 10

              config :shop, ShopWeb.Endpoint,
                url: [host: host, port: 443, scheme: "https"],
                http: [ip: {0, 0, 0, 0, 0, 0, 0, 0}, port: port],
                secret_key_base: secret_key_base
            end
            """;

    private static final String ENDPOINT_EX = """
            defmodule ShopWeb.Endpoint do
              use Phoenix.Endpoint, otp_app: :shop

              plug Plug.Static, at: "/", from: :shop, gzip: true
              plug Plug.RequestId
              plug ShopWeb.Router
            end
            """;
}
