package dev.gotchals.model.deploy;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Alpine releases an image was built on over its life: the one its tag names ({@code alpine:3.18},
 * {@code hexpm/elixir:…-alpine-3.19.1}), or, for an official {@code elixir:<version>-alpine} or
 * {@code erlang:<otp>-alpine} tag, which names none, every release that tag was built on from its first build to its
 * last rebuild.
 *
 * @param first the oldest release, major.minor ("3.13")
 * @param last  the newest release, or null while the tag is still rebuilt on each new Alpine
 */
public record AlpineReleases(String first, String last) {
    /** The first Alpine release whose OpenSSL is 3 (it ships no OpenSSL 1.1 unless asked for). */
    private static final String OPENSSL_3 = "3.17";

    /*
     * Where the official tags' releases come from: the history of docker-library/official-images (library/elixir
     * and library/erlang: which tags were built from which Dockerfile, from when to when, up to August 2026), the
     * `FROM erlang:NN-alpine` line of each erlef/docker-elixir X.Y/alpine/Dockerfile those entries named, and the
     * `FROM alpine:3.x` line of each erlang/docker-erlang-otp NN/alpine/Dockerfile. A tag's range runs from the
     * Alpine under its erlang parent when the tag was first listed to the one under it when the tag was dropped (an
     * official image is rebuilt whenever its parent is). docker-library/repo-info agrees where it was sampled:
     * elixir:1.11.4-alpine built 2022-11-12 and elixir:1.12.3-alpine built 2023-01-17 both carry Alpine 3.16's
     * musl 1.2.3 and libcrypto1.1. A tag still listed has no last release. Release candidates count
     * (1.12-alpine was first listed for v1.12.0-rc.0, on erlang:23-alpine).
     */
    private static final Map<String, AlpineReleases> ELIXIR = Map.ofEntries(
            Map.entry("1.5", new AlpineReleases("3.6", "3.9")),
            Map.entry("1.6", new AlpineReleases("3.6", "3.12")),
            Map.entry("1.7", new AlpineReleases("3.8", "3.13")),
            Map.entry("1.8", new AlpineReleases("3.8", "3.13")),
            Map.entry("1.9", new AlpineReleases("3.9", "3.16")),
            Map.entry("1.10", new AlpineReleases("3.11", "3.16")),
            Map.entry("1.11", new AlpineReleases("3.12", "3.16")),
            Map.entry("1.12", new AlpineReleases("3.13", "3.20")),
            Map.entry("1.13", new AlpineReleases("3.14", "3.20")),
            Map.entry("1.14", new AlpineReleases("3.16", "3.20")),
            Map.entry("1.15", new AlpineReleases("3.18", "3.20")),
            Map.entry("1.16", new AlpineReleases("3.18", null)),
            Map.entry("1.17", new AlpineReleases("3.19", null)),
            Map.entry("1.18", new AlpineReleases("3.20", null)),
            Map.entry("1.19", new AlpineReleases("3.22", null)));
    /** The same for erlang:NN-alpine, from the same sources. */
    private static final Map<String, AlpineReleases> ERLANG = Map.ofEntries(
            Map.entry("20", new AlpineReleases("3.6", "3.12")),
            Map.entry("21", new AlpineReleases("3.7", "3.13")),
            Map.entry("22", new AlpineReleases("3.9", "3.16")),
            Map.entry("23", new AlpineReleases("3.11", "3.16")),
            Map.entry("24", new AlpineReleases("3.13", null)),
            Map.entry("25", new AlpineReleases("3.15", null)),
            Map.entry("26", new AlpineReleases("3.16", null)),
            Map.entry("27", new AlpineReleases("3.19", null)),
            Map.entry("28", new AlpineReleases("3.21", null)),
            Map.entry("29", new AlpineReleases("3.23", null)));
    /**
     * {@code 1.11-alpine}, {@code 1.9.1-alpine}: a patch tag was built over a part of its minor's life, so the minor's
     * range holds it. Variants ({@code 1.16-otp-25-alpine}) and release candidates' own tags are not known.
     */
    private static final Pattern ELIXIR_TAG = Pattern.compile("(\\d+\\.\\d+)(\\.\\d+)?-alpine");
    private static final Pattern ERLANG_TAG = Pattern.compile("(\\d+)(\\.\\d+)*-alpine");

    /**
     * The releases an official Elixir or Erlang image tag that names no Alpine release was built on, or null when the
     * image is not one of them or the table does not know the version.
     *
     * @param repository the repository without {@code docker.io/library/}: "elixir" or "erlang"
     */
    public static AlpineReleases ofOfficialTag(String repository, String tag) {
        Map<String, AlpineReleases> table = repository.equals("elixir") ? ELIXIR
                : repository.equals("erlang") ? ERLANG : null;
        if (table == null) {
            return null;
        }
        Matcher matcher = (table == ELIXIR ? ELIXIR_TAG : ERLANG_TAG).matcher(tag);
        return matcher.matches() ? table.get(matcher.group(1)) : null;
    }

    /**
     * The Alpine release a pull of the tag gives today: the last one for a minor's own tag no longer rebuilt
     * ({@code elixir:1.10-alpine} stays on its last build); null for a tag still rebuilt, or a patch tag, whose last
     * build may have come before the minor's.
     */
    public static String pulledToday(String repository, String tag) {
        AlpineReleases releases = ofOfficialTag(repository, tag);
        boolean minorTag = tag.matches(repository.equals("elixir") ? "\\d+\\.\\d+-alpine" : "\\d+-alpine");
        return releases == null || !minorTag ? null : releases.last();
    }

    /** Whether {@code older} is an earlier release than {@code newer}. */
    public static boolean before(String older, String newer) {
        return compare(older, newer) < 0;
    }

    /** Whether the release was among them. */
    public boolean includes(String release) {
        return compare(release, first) >= 0 && (last == null || compare(release, last) <= 0);
    }

    /** Whether the release is older than all of them. */
    public boolean allNewerThan(String release) {
        return compare(release, first) < 0;
    }

    /**
     * Whether every one of them predates OpenSSL 3 (Alpine 3.17): what was built there links an older libcrypto,
     * which a current Alpine no longer ships.
     */
    public boolean predateOpenSsl3() {
        return last != null && compare(last, OPENSSL_3) < 0;
    }

    /** Whether the release ships OpenSSL 3 only. */
    public static boolean hasOpenSsl3(String release) {
        return compare(release, OPENSSL_3) >= 0;
    }

    /** Compares two major.minor releases numerically (3.9 before 3.13). */
    private static int compare(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        int major = Integer.compare(Integer.parseInt(left[0]), Integer.parseInt(right[0]));
        return major != 0 ? major : Integer.compare(Integer.parseInt(left[1]), Integer.parseInt(right[1]));
    }
}
