package dev.gotchals.analysis;

import dev.gotchals.document.InvalidChangeException;
import dev.gotchals.document.OpenDocument;
import dev.gotchals.document.TextChange;
import dev.gotchals.engine.Changes;
import dev.gotchals.rule.Settings;
import dev.gotchals.rules.Rules;
import dev.gotchals.text.PositionEncoding;
import dev.gotchals.text.TextPosition;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the cost of a keystroke grows with the length of the file typed into: a Dockerfile four times as long may cost
 * about four times as much per keystroke (the walks over its instructions), never sixteen times. A question asked
 * of every instruction that walks every instruction again made a keystroke in a 20,000-line Dockerfile take 0.6 s
 * instead of 30 ms, and nothing else noticed. Times are the analysing thread's CPU, the median of many keystrokes,
 * compared between two lengths in the same run, so a loaded machine slows both; the bound leaves twice the linear
 * growth. The figures themselves are {@code bin/bench-keystroke}'s.
 */
@Tag("stress")
class KeystrokeScalingTest {
    private static final int SHORT = 1_500;
    private static final int LONG = 4 * SHORT;
    private static final int WARMUP = 30;
    private static final int MEASURED = 40;

    @TempDir
    Path dir;

    @Test
    void aDockerfileKeystrokeCostsLinearlyInTheFilesLength() throws IOException, InvalidChangeException {
        keystrokeCost(SHORT); // the JIT compiles the code both lengths run
        double shortCost = keystrokeCost(SHORT);
        double longCost = keystrokeCost(LONG);
        System.out.printf("Dockerfile keystroke CPU, median: %,d steps %.2f ms, %,d steps %.2f ms (x%.1f)%n",
                SHORT, shortCost / 1e6, LONG, longCost / 1e6, longCost / shortCost);
        assertTrue(longCost < 8 * shortCost, String.format(
                "a keystroke in a Dockerfile 4x as long costs %.1fx as much (%.2f ms against %.2f ms): something walks "
                        + "the file once per instruction", longCost / shortCost, longCost / 1e6, shortCost / 1e6));
    }

    /** The median CPU time of a keystroke in a RUN line in the middle of a Dockerfile of {@code steps} build steps. */
    private double keystrokeCost(int steps) throws IOException, InvalidChangeException {
        Path root = Files.createTempDirectory(dir, "project");
        List<String> lines = dockerfile(steps);
        writeProject(root, lines);
        int line = lines.indexOf("RUN mkdir -p /app/priv/static/bundle-" + steps / 2 + " \\");
        int column = "RUN mkdir".length();
        Workspace workspace = new Workspace(List.of(root));
        MixProject project = workspace.projects().get(0);
        Path dockerfile = root.resolve("Dockerfile");
        AnalysisService analyses = new AnalysisService(workspace, Rules.all());
        analyses.analyse(project, Settings.DEFAULT, Changes.EVERYTHING);
        OpenDocument document = workspace.open(dockerfile, 1, String.join("\n", lines) + "\n", PositionEncoding.UTF16);
        analyses.analyse(project, Settings.DEFAULT, Changes.edited(List.of(dockerfile)));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Long> costs = new ArrayList<>();
        for (int i = 0; i < WARMUP + MEASURED; i++) {
            boolean insert = i % 2 == 0;
            TextPosition at = new TextPosition(line, column);
            TextPosition end = new TextPosition(line, column + (insert ? 0 : 1));
            long start = threads.getCurrentThreadCpuTime();
            document.apply(document.version() + 1, List.of(TextChange.replace(at, end, insert ? "x" : "")));
            analyses.analyse(project, Settings.DEFAULT, Changes.edited(List.of(dockerfile)));
            if (i >= WARMUP) {
                costs.add(threads.getCurrentThreadCpuTime() - start);
            }
        }
        Collections.sort(costs);
        return costs.get(costs.size() / 2);
    }

    /**
     * A release Dockerfile whose builder stage repeats {@code steps} times the instructions the model reads (ENV,
     * ARG, RUN with an assignment, COPY from the context and into the release's folders, a WORKDIR), and whose image
     * starts a script that rel/ does not have, so that the questions about the start's script are asked too.
     */
    private static List<String> dockerfile(int steps) {
        List<String> out = new ArrayList<>(List.of(
                "ARG ELIXIR_VERSION=1.17.3",
                "FROM hexpm/elixir:${ELIXIR_VERSION}-erlang-27.1.2-debian-bookworm-20241016-slim AS builder",
                "RUN apt-get update -y && apt-get install -y build-essential git",
                "WORKDIR /app",
                "ENV MIX_ENV=\"prod\"",
                "COPY mix.exs mix.lock ./",
                "RUN mix deps.get --only $MIX_ENV",
                "COPY config/config.exs config/${MIX_ENV}.exs config/"));
        for (int i = 0; i < steps; i++) {
            out.add("ENV BUNDLE_" + i + "_VERSION=\"" + (i % 13) + ".0\"");
            out.add("ARG BUNDLE_" + i + "_MIRROR");
            out.add("RUN mkdir -p /app/priv/static/bundle-" + i + " \\");
            out.add("  && BUNDLE=" + i + " echo \"bundle " + i + "\" > /app/priv/static/bundle-" + i + "/VERSION");
            out.add("COPY assets/bundle-" + (i % 40) + " assets/bundle-" + i);
            if (i % 50 == 0) {
                out.add("COPY rel/notes-" + i + " rel/notes-" + i);
                out.add("WORKDIR /app");
            }
        }
        out.addAll(List.of(
                "COPY priv priv",
                "COPY lib lib",
                "RUN mix compile",
                "COPY config/runtime.exs config/",
                "COPY rel rel",
                "RUN mix release",
                "FROM debian:bookworm-20241016-slim AS runner",
                "WORKDIR /app",
                "RUN chown nobody /app",
                "ENV MIX_ENV=\"prod\"",
                "COPY --from=builder --chown=nobody:root /app/_build/${MIX_ENV}/rel/shop ./",
                "USER nobody",
                "CMD [\"/app/bin/server\"]"));
        return out;
    }

    private static void writeProject(Path root, List<String> dockerfile) throws IOException {
        Files.createDirectories(root.resolve("config"));
        Files.createDirectories(root.resolve("lib/shop_web"));
        Files.createDirectories(root.resolve("lib/shop"));
        Files.createDirectories(root.resolve("rel"));
        Files.writeString(root.resolve("mix.exs"), """
                defmodule Shop.MixProject do
                  use Mix.Project

                  def project do
                    [app: :shop, version: "0.1.0", elixir: "~> 1.15", deps: deps()]
                  end

                  defp deps do
                    [{:phoenix, "~> 1.7"}, {:ecto_sql, "~> 3.10"}, {:postgrex, ">= 0.0.0"}]
                  end
                end
                """);
        Files.writeString(root.resolve("config/config.exs"), """
                import Config
                config :shop, ShopWeb.Endpoint, url: [host: "localhost"]
                import_config "#{config_env()}.exs"
                """);
        Files.writeString(root.resolve("config/prod.exs"), """
                import Config
                config :logger, level: :info
                """);
        Files.writeString(root.resolve("config/runtime.exs"), """
                import Config

                if config_env() == :prod do
                  config :shop, Shop.Repo, url: System.fetch_env!("DATABASE_URL")
                  config :shop, ShopWeb.Endpoint,
                    server: true,
                    secret_key_base: System.fetch_env!("SECRET_KEY_BASE")
                end
                """);
        Files.writeString(root.resolve("lib/shop/repo.ex"), """
                defmodule Shop.Repo do
                  use Ecto.Repo, otp_app: :shop, adapter: Ecto.Adapters.Postgres
                end
                """);
        Files.writeString(root.resolve("lib/shop_web/endpoint.ex"), """
                defmodule ShopWeb.Endpoint do
                  use Phoenix.Endpoint, otp_app: :shop
                end
                """);
        Files.writeString(root.resolve("Dockerfile"), String.join("\n", dockerfile) + "\n");
    }
}
