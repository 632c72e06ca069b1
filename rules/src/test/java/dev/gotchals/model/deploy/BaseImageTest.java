package dev.gotchals.model.deploy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaseImageTest {
    private static String os(String reference) {
        BaseImage.OsRelease os = new BaseImage(reference).os();
        return os == null ? null : os.toString();
    }

    @Test
    void readsDebianReleasesByCodenameNumberAndInHexpmTags() {
        assertEquals("debian bookworm", os("debian:bookworm-20240513-slim"));
        assertEquals("debian bullseye", os("debian:11-slim"));
        assertEquals("debian trixie", os("hexpm/elixir:1.18.4-erlang-27.3.4-debian-trixie-20251117-slim"));
        assertEquals("debian bookworm", os("gcr.io/distroless/cc-debian12:nonroot"));
        assertEquals("debian", os("debian:stable-slim"));
    }

    @Test
    void readsUbuntuAndAlpine() {
        assertEquals("ubuntu jammy", os("ubuntu:22.04"));
        assertEquals("ubuntu noble", os("hexpm/elixir:1.17.3-erlang-27.1-ubuntu-noble-20240801"));
        assertEquals("alpine 3.18", os("alpine:3.18.4"));
        assertEquals("alpine 3.20", os("hexpm/elixir:1.17.3-erlang-27.1-alpine-3.20.3"));
        assertEquals("alpine", os("elixir:1.16-alpine"));
        assertEquals("ubuntu", os("ubuntu:latest"), "a floating tag names no release");
        assertEquals("ubuntu", os("ubuntu:rolling"));
    }

    @Test
    void theOfficialElixirAndErlangImagesAreDebianUnlessTheirTagSaysOtherwise() {
        assertEquals("debian", os("elixir:1.5"));
        assertEquals("debian", os("elixir:1.16-slim"));
        assertEquals("debian", os("erlang:26"));
        assertEquals("alpine", os("erlang:26-alpine"));
        assertNull(os("registry.example.com/elixir:1.16"), "another registry's elixir image may be built on anything");
    }

    @Test
    void anImageWhoseNameDoesNotSayHasNoKnownOs() {
        assertNull(os("registry.example.com/base/runtime:4"));
    }

    @Test
    void differentFamiliesOrKnownReleasesDiffer() {
        BaseImage.OsRelease bookworm = new BaseImage.OsRelease("debian", "bookworm");
        assertTrue(bookworm.differsFrom(new BaseImage.OsRelease("debian", "bullseye")));
        assertTrue(bookworm.differsFrom(new BaseImage.OsRelease("alpine", null)));
        assertFalse(bookworm.differsFrom(new BaseImage.OsRelease("debian", null)));
        assertFalse(bookworm.differsFrom(new BaseImage.OsRelease("debian", "bookworm")));
        assertFalse(bookworm.differsFrom(new BaseImage.OsRelease("debian", "trixie")), "a newer runner, same sonames");
        assertTrue(new BaseImage.OsRelease("debian", "trixie").differsFrom(bookworm), "an older glibc");
    }

    @Test
    void aLibraryTheRunnerInstallsIsNotLacking() {
        BaseImage.OsRelease bionic = new BaseImage.OsRelease("ubuntu", "bionic");
        BaseImage.OsRelease buster = new BaseImage.OsRelease("debian", "buster");
        assertEquals("libtinfo6 where ERTS was linked against libtinfo5", bionic.libraryGap(buster));
        assertFalse(bionic.differsFrom(buster, "ENV APP_DEPS=\"openssl libtinfo5 curl\"\nRUN apt-get install -y $APP_DEPS"),
                "buster still has libtinfo5, and the runner installs it");
        assertFalse(bionic.differsFrom(buster, "RUN apt-get install -y libncurses5"), "libncurses5 depends on it");
        assertTrue(bionic.differsFrom(buster, "RUN apt-get install -y libtinfo5-dev-tools"), "another package");
        BaseImage.OsRelease bullseye = new BaseImage.OsRelease("debian", "bullseye");
        BaseImage.OsRelease bookworm = new BaseImage.OsRelease("debian", "bookworm");
        assertFalse(bullseye.differsFrom(bookworm, "RUN apt-get install -y libssl1.1"));
        assertTrue(bullseye.differsFrom(bookworm, "RUN apt-get install -y libssl3"), "the runner's own OpenSSL");
    }

    @Test
    void alpineReleasesComeFromTheTagOrTheOfficialImagesHistory() {
        assertEquals(new AlpineReleases("3.18", "3.18"), new BaseImage("alpine:3.18.4").alpineReleases());
        assertEquals(new AlpineReleases("3.20", "3.20"),
                new BaseImage("hexpm/elixir:1.17.3-erlang-27.1-alpine-3.20.3").alpineReleases());
        assertEquals(new AlpineReleases("3.12", "3.16"), new BaseImage("elixir:1.11-alpine").alpineReleases());
        assertEquals(new AlpineReleases("3.12", "3.16"), new BaseImage("elixir:1.11.4-alpine").alpineReleases());
        assertEquals(new AlpineReleases("3.11", "3.16"), new BaseImage("erlang:23.3.4-alpine").alpineReleases());
        assertEquals(new AlpineReleases("3.20", null), new BaseImage("elixir:1.18-alpine").alpineReleases());
        assertNull(new BaseImage("elixir:1.16-otp-25-alpine").alpineReleases());
        assertNull(new BaseImage("elixir:1.3-alpine").alpineReleases());
        assertNull(new BaseImage("alpine:3").alpineReleases());
        assertNull(new BaseImage("elixir:1.11").alpineReleases());
    }

    @Test
    void alpineReleasesTellTheirSpanAndOpenSslGeneration() {
        AlpineReleases elixir111 = new AlpineReleases("3.12", "3.16");
        assertTrue(elixir111.includes("3.12") && elixir111.includes("3.16"));
        assertFalse(elixir111.includes("3.9") || elixir111.includes("3.17"));
        assertTrue(elixir111.allNewerThan("3.9"));
        assertTrue(elixir111.predateOpenSsl3());
        assertFalse(new AlpineReleases("3.13", "3.20").predateOpenSsl3());
        assertFalse(new AlpineReleases("3.20", null).predateOpenSsl3());
        assertTrue(new AlpineReleases("3.20", null).includes("3.24"));
    }

    @Test
    void onlyTheOfficialAlpineUnderAMovingTagFollowsTheNewestAlpine() {
        assertTrue(new BaseImage("alpine").followsNewestAlpine());
        assertTrue(new BaseImage("alpine:latest").followsNewestAlpine());
        assertTrue(new BaseImage("alpine:3").followsNewestAlpine());
        assertTrue(new BaseImage("alpine:edge").followsNewestAlpine());
        assertFalse(new BaseImage("alpine:3.19").followsNewestAlpine());
        assertFalse(new BaseImage("myorg/alpine:3").followsNewestAlpine());
    }

    @Test
    void nonRootShellAndLocaleDefaultsFollowTheName() {
        assertTrue(new BaseImage("gcr.io/distroless/base-debian12:nonroot").runsAsNonRoot());
        assertTrue(new BaseImage("cgr.dev/chainguard/wolfi-base").runsAsNonRoot());
        assertFalse(new BaseImage("debian:bookworm-slim").runsAsNonRoot());
        assertFalse(new BaseImage("gcr.io/distroless/cc-debian12").hasShell());
        assertTrue(new BaseImage("debian:bookworm-slim").withoutLocale());
        assertTrue(new BaseImage("ubuntu:noble").withoutLocale());
        assertFalse(new BaseImage("alpine:3.20").withoutLocale());
        assertFalse(new BaseImage("hexpm/elixir:1.17.3-erlang-27.1-debian-bookworm-20240812-slim").withoutLocale());
        assertEquals("hexpm/elixir", new BaseImage("hexpm/elixir:1.17.3-erlang-27.1-alpine-3.20.3").repository());
    }
}
