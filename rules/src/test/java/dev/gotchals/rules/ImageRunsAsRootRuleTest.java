package dev.gotchals.rules;

import dev.gotchals.rule.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.gotchals.rules.ImageRulesTestSupport.BUILDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageRunsAsRootRuleTest {
    private static final String RUNNER_WITHOUT_USER = """
            FROM debian:${DEBIAN_VERSION}
            WORKDIR "/app"
            COPY --from=builder /app/_build/prod/rel/shop ./
            CMD ["/app/bin/shop", "start"]
            """;

    @TempDir
    Path dir;

    private List<Finding> check(String dockerfile, String... more) {
        ProjectFixture fixture = new ProjectFixture(dir).with("Dockerfile", dockerfile);
        for (int i = 0; i < more.length; i += 2) {
            fixture.with(more[i], more[i + 1]);
        }
        return fixture.check(new ImageRunsAsRootRule());
    }

    private static Finding only(List<Finding> findings) {
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }

    @Test
    void generatedLayoutsAreSilent() {
        ImageRulesTestSupport.generatedLayoutsAreSilent(new ImageRunsAsRootRule());
    }

    @Test
    void aRunnerWithoutUserIsReportedOnItsStartAndFixedTheGeneratedWay() {
        Finding finding = only(check(BUILDER + RUNNER_WITHOUT_USER));
        assertEquals("CMD [\"/app/bin/shop\", \"start\"]", ProjectFixture.covered(finding));
        assertEquals(1, finding.fixes().size());
        String fixed = ProjectFixture.afterFix(finding.fixes().get(0), dir.resolve("Dockerfile"));
        assertTrue(fixed.contains("RUN chown nobody /app\nUSER nobody\nCMD [\"/app/bin/shop\", \"start\"]"), fixed);
        assertEquals(List.of(), check(fixed));
    }

    @Test
    void aReleaseOnAPortBelow1024IsToldToMoveItAndGetsNoFix() {
        // bahelms/super_perfundo: `ENV PORT=80` in the runner; `USER nobody` alone could no longer bind it.
        Finding finding = only(check(BUILDER + RUNNER_WITHOUT_USER.replace("CMD [", "ENV PORT=80\nCMD [")));
        assertTrue(finding.message().endsWith("and move `PORT=80` above 1024 (publish it on 80 where the container "
                + "runs): only root binds a port below 1024"), finding.message());
        assertEquals(List.of(), finding.fixes());
        assertEquals(1, only(check(BUILDER + RUNNER_WITHOUT_USER.replace("CMD [", "ENV PORT=4000\nCMD ["))).fixes().size());
    }

    @Test
    void anEntrypointThatIsTheReleaseScriptRunsTheReleaseWhateverSubcommandTheRunGives() {
        String bare = RUNNER_WITHOUT_USER.replace("CMD [\"/app/bin/shop\", \"start\"]", "ENTRYPOINT [\"/app/bin/shop\"]");
        assertEquals("ENTRYPOINT [\"/app/bin/shop\"]", ProjectFixture.covered(only(check(BUILDER + bare))));
        String linked = RUNNER_WITHOUT_USER.replace("CMD [\"/app/bin/shop\", \"start\"]",
                "RUN ln -s /app/bin/shop /app/entrypoint\nENTRYPOINT /app/entrypoint start");
        assertEquals("ENTRYPOINT /app/entrypoint start", ProjectFixture.covered(only(check(BUILDER + linked))));
        String usage = RUNNER_WITHOUT_USER.replace("CMD [\"/app/bin/shop\", \"start\"]",
                "ENTRYPOINT [\"bin/shop\"]\nCMD [\"--help\"]");
        assertEquals(1, check(BUILDER + usage).size(), "a default that prints the usage leaves the subcommand to the run");
        assertEquals(List.of(), check(BUILDER + usage.replace("--help", "eval")), "a task that runs and stops");
    }

    @Test
    void aReleaseStartedByItsNameThroughPathIsTheRelease() {
        String byName = RUNNER_WITHOUT_USER.replace("WORKDIR \"/app\"", "ENV PATH=\"/app/bin:$PATH\"\nWORKDIR \"/app\"")
                .replace("CMD [\"/app/bin/shop\", \"start\"]", "ENTRYPOINT [\"shop\", \"start\"]");
        assertEquals("ENTRYPOINT [\"shop\", \"start\"]", ProjectFixture.covered(only(check(BUILDER + byName))));
        assertEquals(List.of(), check(BUILDER + byName.replace("[\"shop\", \"start\"]", "[\"nginx\", \"start\"]")),
                "a program of another name is not the project's release");
    }

    @Test
    void aStartScriptCopiedUnderAnotherNameIsFollowedToTheReleaseItStarts() {
        String viaScript = """
                FROM alpine:3.20
                WORKDIR /ret
                COPY --from=builder /app/_build/prod/rel/shop ./
                COPY container/prod-run.sh /run.sh
                CMD bash /run.sh
                """;
        String script = "export HOME=/ret/var\nexec /ret/bin/shop start\n";
        Finding finding = only(check(BUILDER + viaScript, "container/prod-run.sh", script));
        assertEquals("CMD bash /run.sh", ProjectFixture.covered(finding));
        assertTrue(finding.message().contains("`RUN chown nobody /ret`"), finding.message());
        // Not copied onto the path the CMD runs, the script is another file: nothing shows what starts.
        assertEquals(List.of(), check(BUILDER + viaScript.replace("COPY container/prod-run.sh /run.sh",
                "COPY container/prod-run.sh /other.sh"), "container/prod-run.sh", script));
        assertEquals(List.of(), check(BUILDER + viaScript, "container/prod-run.sh", "exec /ret/bin/shop eval Shop.seed\n"));
    }

    @Test
    void aUserLineTheGrammarCannotReadIsNotSaidToBeMissing() {
        // The grammar loses this ENV (two `$VAR \` continuations, then a quoted `${…}`) and what follows it.
        String unreadable = RUNNER_WITHOUT_USER.replace("WORKDIR \"/app\"",
                "ENV A=$B \\\nC=$D \\\nE=\"${F}\"\nUSER nobody\nWORKDIR \"/app\"");
        assertEquals(List.of(), check(BUILDER + unreadable));
        assertEquals(1, check(BUILDER + RUNNER_WITHOUT_USER.replace("WORKDIR \"/app\"", "ENV A=$B \\\nC=d\nWORKDIR \"/app\"")).size());
        // Errors that hide no USER line: an EXPOSE the grammar cannot read, a last line without its line break.
        assertEquals(1, check(BUILDER + RUNNER_WITHOUT_USER + "EXPOSE ${PORT}/tcp\n").size());
        assertEquals(1, check(BUILDER + RUNNER_WITHOUT_USER.strip()).size());
    }

    @Test
    void aStartThatRaisesResourceLimitsRunsAsRootByDesign() {
        String withLimits = RUNNER_WITHOUT_USER.replace("CMD [\"/app/bin/shop\", \"start\"]",
                "COPY limits.sh /app/limits.sh\nENTRYPOINT [\"/app/limits.sh\"]\nCMD [\"/app/bin/shop\", \"start\"]");
        assertEquals(List.of(), check(BUILDER + withLimits, "limits.sh",
                "#!/bin/bash\nulimit -n \"$RLIMIT_NOFILE\"\nexec \"$@\"\n"));
        assertEquals(1, check(BUILDER + withLimits, "limits.sh", "#!/bin/bash\nulimit -a\nexec \"$@\"\n").size(),
                "printing the limits raises none");
    }

    @Test
    void anEntrypointThatRunsOnlyAReleaseTaskIsSilent() {
        assertEquals(List.of(), check(BUILDER + RUNNER_WITHOUT_USER.replace("CMD [\"/app/bin/shop\", \"start\"]",
                "ENTRYPOINT [\"/app/bin/shop\"]\nCMD [\"eval\", \"Shop.Release.migrate\"]")));
        assertEquals(List.of(), check(BUILDER + RUNNER_WITHOUT_USER.replace("CMD [\"/app/bin/shop\", \"start\"]",
                "ENTRYPOINT [\"/usr/local/bin/tini\", \"--\"]")));
    }

    @Test
    void anExplicitRootUserIsReportedOnTheUserLine() {
        Finding finding = only(check(BUILDER + RUNNER_WITHOUT_USER.replace("CMD", "USER root\nCMD")));
        assertEquals("USER root", ProjectFixture.covered(finding));
        assertEquals(List.of(), finding.fixes());
    }

    @Test
    void rootInheritedThroughFromOfAnEarlierStageIsReported() {
        String dockerfile = BUILDER + """
                FROM debian:${DEBIAN_VERSION} AS base
                USER 0
                FROM base
                COPY --from=builder /app/_build/prod/rel/shop /app
                CMD ["/app/bin/shop", "start"]
                """;
        assertEquals("USER 0", ProjectFixture.covered(only(check(dockerfile))));
    }

    @Test
    void anUnprivilegedUserIsSilent() {
        assertEquals(List.of(), check(BUILDER + RUNNER_WITHOUT_USER.replace("CMD", "USER nobody\nCMD")));
        assertEquals(List.of(), check(BUILDER + RUNNER_WITHOUT_USER.replace("CMD", "USER 65534:65534\nCMD")));
    }

    @Test
    void anEntrypointThatDropsPrivilegesIsSilent() {
        String dockerfile = BUILDER + RUNNER_WITHOUT_USER.replace("CMD",
                "COPY docker-entrypoint.sh /docker-entrypoint.sh\nENTRYPOINT [\"/docker-entrypoint.sh\"]\nCMD");
        for (String wrapper : List.of("gosu nobody", "su-exec nobody", "s6-setuidgid nobody",
                "setpriv --reuid=nobody --regid=nogroup --init-groups")) {
            assertEquals(List.of(), check(dockerfile, "docker-entrypoint.sh",
                    "#!/bin/sh\nset -e\nchown -R nobody /data\nexec " + wrapper + " \"$@\"\n"), wrapper);
        }
    }

    @Test
    void aCmdThatSwitchesUserIsSilent() {
        assertEquals(List.of(), check(BUILDER + RUNNER_WITHOUT_USER.replace("CMD [\"/app/bin/shop\", \"start\"]",
                "CMD [\"su\", \"nobody\", \"-s\", \"/bin/sh\", \"-c\", \"/app/bin/shop start\"]")));
    }

    @Test
    void anImageThatCarriesLiteFsRunsAsRootOnPurpose() {
        String withLiteFs = RUNNER_WITHOUT_USER.replace("CMD", "COPY --from=flyio/litefs:0.5 /usr/local/bin/litefs /usr/local/bin/litefs\nCMD");
        assertEquals(List.of(), check(BUILDER + withLiteFs.replace("CMD", "USER root\nCMD")), "FUSE mounts need root");
        assertEquals(List.of(), check(BUILDER + withLiteFs));
        assertEquals(List.of(), check(BUILDER + RUNNER_WITHOUT_USER.replace("CMD [\"/app/bin/shop\", \"start\"]",
                "CMD [\"litefs\", \"mount\", \"--\", \"/app/bin/shop\", \"start\"]")));
    }

    @Test
    void theGeneratorsUserCommentedOutInTheFinalStageIsADecisionNotAnOversight() {
        String commented = RUNNER_WITHOUT_USER.replace("WORKDIR \"/app\"\n", "WORKDIR \"/app\"\n# RUN chown nobody /app\n")
                .replace("CMD", "# USER nobody\n\nCMD");
        assertEquals(List.of(), check(BUILDER + commented));
        assertEquals(1, check(BUILDER + RUNNER_WITHOUT_USER.replace("CMD", "# USER root\nCMD")).size());
        assertEquals(1, check(BUILDER.replace("WORKDIR /app", "WORKDIR /app\n# USER nobody") + RUNNER_WITHOUT_USER).size(),
                "a comment in the build stage says nothing about the image that runs");
    }

    @Test
    void anImageThatInstallsAContainerEngineOrFirewallToolingRunsAsRootByDesign() {
        for (String install : List.of("apk add --no-cache podman iptables fuse-overlayfs slirp4netns",
                "apt-get install -y --no-install-recommends docker-ce-cli", "apt-get install -y nftables")) {
            assertEquals(List.of(), check(BUILDER + RUNNER_WITHOUT_USER.replace("CMD", "RUN " + install + "\nCMD")), install);
        }
        assertEquals(1, check(BUILDER + RUNNER_WITHOUT_USER.replace("CMD", "RUN apt-get install -y curl git\nCMD")).size());
    }

    @Test
    void anImageOnlyHerokusContainerRuntimeRunsNeverRunsAsRoot() {
        String heroku = "build:\n  docker:\n    web: Dockerfile\nrelease:\n  image: web\n  command:\n    - bin/shop eval \"Shop.Release.migrate\"\n";
        assertEquals(List.of(), check(BUILDER + RUNNER_WITHOUT_USER, "heroku.yml", heroku));
        assertEquals(1, check(BUILDER + RUNNER_WITHOUT_USER, "heroku.yml", heroku, "fly.toml", "app = \"shop\"\n").size(),
                "fly.io runs the image too, as its USER says");
        // elixir-sea/live_view_demo: bin/docker-push tags the image for Heroku's registry, `heroku container:release`.
        String push = "#!/bin/bash\ndocker tag shop:latest registry.heroku.com/$HEROKU_APP/web\n"
                + "docker push registry.heroku.com/$HEROKU_APP/web\n";
        assertEquals(List.of(), check(BUILDER + RUNNER_WITHOUT_USER, "fly.toml", null, "heroku.yml", null,
                "bin/docker-push", push));
        assertEquals(List.of(), check(BUILDER + RUNNER_WITHOUT_USER, "bin/docker-push", null, "README.md",
                "Deploy with `heroku container:push web` and `heroku container:release web`.\n"));
        assertEquals(1, check(BUILDER + RUNNER_WITHOUT_USER, "README.md", null, "bin/docker-push",
                push.replace("registry.heroku.com", "ghcr.io/me")).size(), "another registry: anything may run it");
    }

    @Test
    void nonRootBaseImagesAreSilent() {
        for (String base : List.of("gcr.io/distroless/cc-debian12:nonroot", "cgr.dev/chainguard/glibc-dynamic",
                "gcr.io/distroless/base-nossl-debian12:debug-nonroot")) {
            assertEquals(List.of(), check(BUILDER + RUNNER_WITHOUT_USER.replace("debian:${DEBIAN_VERSION}", base)), base);
        }
    }

    @Test
    void aDistrolessRootImageIsReportedWithoutAFixForItHasNoShell() {
        Finding finding = only(check(BUILDER + RUNNER_WITHOUT_USER.replace("debian:${DEBIAN_VERSION}",
                "gcr.io/distroless/cc-debian12")));
        assertEquals(List.of(), finding.fixes());
    }

    @Test
    void developmentImagesAndImagesThatStartNoReleaseAreSilent() {
        ProjectFixture fixture = new ProjectFixture(dir).with("Dockerfile.dev", BUILDER + RUNNER_WITHOUT_USER)
                .with("Dockerfile", "FROM elixir:1.16\nWORKDIR /app\nCOPY . .\nCMD [\"mix\", \"phx.server\"]\n");
        assertEquals(List.of(), fixture.check(new ImageRunsAsRootRule()));
    }

    @Test
    void anImageInASubfolderThatUnpacksTheProjectsReleaseIsTheApps() {
        // A CI pipeline builds the release in another image; this one, on a plain base, unpacks and starts it.
        String prod = "FROM ubuntu:latest\nWORKDIR /apps\nCOPY _build/prod/rel/shop/releases/0.1.0/shop.tar.gz /apps\n"
                + "RUN tar -xzf shop.tar.gz && rm shop.tar.gz\nENTRYPOINT [\"bin/shop\", \"foreground\"]\n";
        ProjectFixture fixture = new ProjectFixture(dir).with("docker/prod/Dockerfile", prod);
        Finding finding = only(fixture.check(new ImageRunsAsRootRule()));
        assertEquals(List.of(), finding.fixes(), "where the release lands is not known");

        fixture.with("docker/prod/Dockerfile", "FROM grafana/grafana:10.4.0\nCOPY dashboards /etc/grafana/dashboards\n");
        assertEquals(List.of(), fixture.check(new ImageRunsAsRootRule()), "a companion service's image is not the app's");
    }

    @Test
    void anImageThatServesProductionWithMixAsRootIsReportedWithoutAFix() {
        String mix = "FROM elixir:1.16\nWORKDIR /app\nENV MIX_ENV=prod\nCOPY . .\nRUN mix do deps.get, compile\n"
                + "CMD [\"mix\", \"phx.server\"]\n";
        Finding finding = only(check(mix));
        assertEquals("CMD [\"mix\", \"phx.server\"]", ProjectFixture.covered(finding));
        assertTrue(finding.message().startsWith("The production image runs the app with `mix phx.server` as root (the "
                + "final stage sets no `USER`, and `elixir:1.16` runs as root)"), finding.message());
        assertEquals(List.of(), finding.fixes(), "Mix writes _build and its home: `USER nobody` alone would break it");
        assertEquals("USER root", ProjectFixture.covered(only(check(mix.replace("CMD", "USER root\nCMD")))));
        assertEquals(1, check("FROM elixir:1.16\nWORKDIR /app\nCOPY . .\nCMD MIX_ENV=prod mix phx.server\n").size(),
                "MIX_ENV set on the command");
        assertEquals(List.of(), check(mix.replace("CMD", "RUN useradd app && chown -R app /app\nUSER app\nCMD")));
        assertTrue(only(check(mix.replace("phx.server", "phoenix.server"))).message()
                .startsWith("The production image runs the app with `mix phoenix.server` as root"), "Phoenix 1.2's task");
    }

    @Test
    void aToolsImageThatStartsItsOwnReleaseIsNotTheProjectsProductionImage() {
        String tool = """
                FROM livebook/livebook:0.2.0
                ENV LIVEBOOK_DEFAULT_RUNTIME=mix:/data/lib/shop
                WORKDIR /data
                COPY . ./lib/shop
                CMD [ "/app/bin/livebook", "start" ]
                """;
        assertEquals(List.of(), check(tool), "the image starts Livebook's release, not the project's");
        assertEquals(1, check(tool.replace("/app/bin/livebook", "/app/bin/shop")).size(),
                "a start of the project's release is the project's, whatever the image is built from");
        assertEquals(1, check(tool.replace("COPY . ./lib/shop", "COPY _build/prod/rel/ /app/bin/")).size(),
                "an image that copies a release in starts it, whatever its name");
        assertEquals(1, check(BUILDER + RUNNER_WITHOUT_USER.replace("/app/bin/shop", "/app/bin/store")).size(),
                "an image that builds a release starts it, whatever its name");
    }

    @Test
    void noFixWhereTheStagePreparesVolumesOrRunsAnEntrypointScript() {
        assertEquals(List.of(), only(check(BUILDER + RUNNER_WITHOUT_USER.replace("CMD",
                "RUN mkdir -p /data\nVOLUME /data\nCMD"))).fixes());
        String withScript = BUILDER + RUNNER_WITHOUT_USER.replace("CMD [\"/app/bin/shop\", \"start\"]",
                "COPY entrypoint.sh /entrypoint.sh\nCMD [\"/entrypoint.sh\"]");
        assertEquals(List.of(), only(check(withScript, "entrypoint.sh", "#!/bin/sh\n/app/bin/shop eval Shop.Release.migrate\n"
                + "exec /app/bin/shop start\n")).fixes());
    }

    @Test
    void aReleaseThatListensOnNothingIsAToolNotAService() {
        String toolLock = """
                %{
                  "csv": {:hex, :csv, "3.2.1", "abc", [:mix], [], "hexpm", "def"},
                  "exandra": {:git, "https://github.com/vinniefranco/exandra.git", "0123", []},
                  "jason": {:hex, :jason, "1.4.4", "abc", [:mix], [], "hexpm", "def"},
                }
                """;
        assertEquals(List.of(), check(BUILDER + RUNNER_WITHOUT_USER, "mix.lock", toolLock),
                "a command-line tool's image: nothing in its dependency tree accepts a connection");
        assertEquals(1, check(BUILDER + RUNNER_WITHOUT_USER, "mix.lock", toolLock.replace("\"jason\"",
                "\"ranch\": {:hex, :ranch, \"1.8.0\", \"abc\", [:make, :rebar3], [], \"hexpm\", \"def\"},\n  \"jason\"")).size(),
                "a server pulled in by another dependency still listens");
        assertEquals(1, check(BUILDER + RUNNER_WITHOUT_USER, "mix.lock", toolLock,
                "lib/shop/listener.ex", "defmodule Shop.Listener do\n  def start, do: :gen_tcp.listen(4040, [])\nend\n")
                .size(), "code that opens its own socket serves");
        assertEquals(1, check(BUILDER + RUNNER_WITHOUT_USER, "mix.lock", "%{\"plug_cowboy\": {:hex, :plug_cowboy, "
                + "\"2.7.0\", \"abc\", [:mix], [], \"hexpm\", \"def\"}, \"csv\": {:hex, :csv, \"3.2.1\"}}\n").size(),
                "a lock written on one line is read too");
        assertEquals(1, check(BUILDER + RUNNER_WITHOUT_USER).size(), "without a lock what the release serves is unknown");
    }

    @Test
    void hadolintsIgnoreOfDl3002SuppressesIt() {
        String ignored = BUILDER + RUNNER_WITHOUT_USER.replace("CMD", "# hadolint ignore=DL3002\nUSER root\nCMD");
        ProjectFixture fixture = new ProjectFixture(dir).with("Dockerfile", ignored);
        assertEquals(List.of(), fixture.checkAll(dev.gotchals.rule.Settings.DEFAULT).stream()
                .filter(finding -> finding.rule().equals(ImageRunsAsRootRule.INFO)).toList());
        String global = "# hadolint global ignore=DL3008,DL3002\n" + BUILDER + RUNNER_WITHOUT_USER;
        assertEquals(List.of(), new ProjectFixture(dir).with("Dockerfile", global).checkAll(dev.gotchals.rule.Settings.DEFAULT)
                .stream().filter(finding -> finding.rule().equals(ImageRunsAsRootRule.INFO)).toList());
        String otherCode = BUILDER + RUNNER_WITHOUT_USER.replace("CMD", "# hadolint ignore=DL3008\nUSER root\nCMD");
        assertEquals(1, new ProjectFixture(dir).with("Dockerfile", otherCode).checkAll(dev.gotchals.rule.Settings.DEFAULT)
                .stream().filter(finding -> finding.rule().equals(ImageRunsAsRootRule.INFO)).count());
    }
}
