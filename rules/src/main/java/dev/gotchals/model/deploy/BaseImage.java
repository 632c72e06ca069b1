package dev.gotchals.model.deploy;

import dev.gotchals.docker.Stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The image from outside the Dockerfile that a stage is built on (the FROM at the root of its chain, global ARGs
 * substituted), and what its name tells: the operating system release it runs, whether it runs as a non-root user,
 * whether it is a bare OS image that sets no locale.
 *
 * @param reference the image as written after substitution, lower case, without {@code docker.io/} and
 *                  {@code library/}, without a {@code @sha256:} digest
 */
public record BaseImage(String reference) {
    /** Debian's numbered releases, as official and distroless image tags may name them. */
    private static final Map<String, String> DEBIAN_NUMBERS = Map.of("9", "stretch", "10", "buster", "11", "bullseye",
            "12", "bookworm", "13", "trixie", "14", "forky");
    private static final Map<String, String> UBUNTU_NUMBERS = Map.of("16.04", "xenial", "18.04", "bionic",
            "20.04", "focal", "22.04", "jammy", "24.04", "noble", "26.04", "resolute");
    private static final List<String> DEBIAN_NAMES = List.of("jessie", "stretch", "buster", "bullseye", "bookworm",
            "trixie", "forky");
    private static final List<String> UBUNTU_NAMES = List.of("trusty", "xenial", "bionic", "focal", "groovy",
            "hirsute", "impish", "jammy", "kinetic", "lunar", "mantic", "noble", "oracular", "plucky", "questing",
            "resolute");
    /**
     * The libraries a release of a glibc distribution gives binaries built on it: glibc's minor version, the soname of
     * libssl and libcrypto, and libtinfo's (ERTS's terminal library).
     */
    private record SystemLibraries(int glibcMinor, String openssl, int tinfo) {
    }

    private static final Map<String, SystemLibraries> LIBRARIES = Map.ofEntries(
            Map.entry("jessie", new SystemLibraries(19, "1.0.0", 5)),
            Map.entry("stretch", new SystemLibraries(24, "1.1", 5)),
            Map.entry("buster", new SystemLibraries(28, "1.1", 6)),
            Map.entry("bullseye", new SystemLibraries(31, "1.1", 6)),
            Map.entry("bookworm", new SystemLibraries(36, "3", 6)),
            Map.entry("trixie", new SystemLibraries(41, "3", 6)),
            Map.entry("trusty", new SystemLibraries(19, "1.0.0", 5)),
            Map.entry("xenial", new SystemLibraries(23, "1.0.0", 5)),
            Map.entry("bionic", new SystemLibraries(27, "1.1", 5)),
            Map.entry("focal", new SystemLibraries(31, "1.1", 6)),
            Map.entry("jammy", new SystemLibraries(35, "3", 6)),
            Map.entry("noble", new SystemLibraries(39, "3", 6)));
    private static final Pattern ALPINE_VERSION = Pattern.compile("alpine-?(\\d+\\.\\d+)");
    private static final Pattern DISTROLESS_DEBIAN = Pattern.compile("distroless/[a-z0-9-]*-debian(\\d+)");
    /**
     * Bare glibc images: they set no {@code LANG}, so a process gets the ASCII "C" locale. (musl, on Alpine, falls
     * back to C.UTF-8 by itself.)
     */
    private static final List<String> BARE_GLIBC = List.of("debian", "ubuntu");
    /**
     * Official images built on Debian under every tag that names no other OS ({@code elixir:1.5}, {@code erlang:26-slim};
     * their Alpine tags say so): which Debian release depends on the tag's date, so none is told.
     */
    private static final List<String> DEBIAN_BASED_OFFICIAL = List.of("elixir", "erlang");
    /** Official images that set no Mix variable. */
    private static final List<String> KNOWN_ENVIRONMENTS = List.of("elixir", "erlang", "debian", "ubuntu", "alpine",
            "buildpack-deps");

    /**
     * An operating system and its release.
     *
     * @param family  "debian", "ubuntu" or "alpine"
     * @param release the codename ("bookworm", "jammy") or, for Alpine, major.minor ("3.18"); null when the name
     *                does not say
     */
    public record OsRelease(String family, String release) {
        /**
         * Whether a release built on this OS may fail to run on {@code runner}: another family or release, unless both
         * are glibc releases whose libraries are known and the runner has what a build here links against
         * ({@link #libraryGap}).
         */
        public boolean differsFrom(OsRelease runner) {
            return differsFrom(runner, "");
        }

        /**
         * {@link #differsFrom(OsRelease)} for a runner whose image build installs packages, as its instructions'
         * text says: a library it installs ({@code apt-get install libtinfo5}) is no longer lacking.
         */
        public boolean differsFrom(OsRelease runner, String runnerInstalls) {
            if (release != null && runner.release != null && LIBRARIES.containsKey(release)
                    && LIBRARIES.containsKey(runner.release)) {
                return libraryGap(runner, runnerInstalls) != null;
            }
            if (!family.equals(runner.family)) {
                // glibc against musl, or two glibc distributions with their own library versions
                return true;
            }
            return release != null && runner.release != null && !release.equals(runner.release);
        }

        /**
         * What {@code runner} lacks of the libraries the runtime and NIFs built on this release link against: an older
         * glibc (a build needs at least its own), another OpenSSL or libtinfo soname. Null when it lacks nothing, or
         * when either release's libraries are not known. Building on an older release and running on a newer one that
         * keeps the sonames (bookworm on trixie, jammy on noble) works.
         */
        public String libraryGap(OsRelease runner) {
            return libraryGap(runner, "");
        }

        /**
         * {@link #libraryGap(OsRelease)}, less the libraries the runner's instructions install: the build's OpenSSL
         * ({@code libssl1.1}) or libtinfo ({@code libtinfo5}, or {@code libncurses5}, which depends on it), named as
         * packages anywhere in their text (an {@code ENV APP_DEPS="openssl libtinfo5"} that a {@code RUN} installs).
         */
        public String libraryGap(OsRelease runner, String runnerInstalls) {
            SystemLibraries built = release == null ? null : LIBRARIES.get(release);
            SystemLibraries runs = runner.release == null ? null : LIBRARIES.get(runner.release);
            if (built == null || runs == null) {
                return null;
            }
            List<String> gaps = new ArrayList<>();
            if (runs.glibcMinor() < built.glibcMinor()) {
                gaps.add("glibc 2." + runs.glibcMinor() + ", older than the build's 2." + built.glibcMinor());
            }
            if (!runs.openssl().equals(built.openssl()) && !names(runnerInstalls, "libssl" + built.openssl())) {
                gaps.add("OpenSSL " + runs.openssl() + " where the build linked OpenSSL " + built.openssl());
            }
            if (runs.tinfo() != built.tinfo() && !names(runnerInstalls, "libtinfo" + built.tinfo())
                    && !names(runnerInstalls, "libncurses" + built.tinfo())) {
                gaps.add("libtinfo" + runs.tinfo() + " where ERTS was linked against libtinfo" + built.tinfo());
            }
            return gaps.isEmpty() ? null : String.join(", and ", gaps);
        }

        /** Whether the text names the package as a word of its own ({@code libssl1.1}, not {@code libssl1.1-dev}). */
        private static boolean names(String text, String pkg) {
            return Pattern.compile("(?<![\\w.+-])" + Pattern.quote(pkg) + "(?![\\w.+-])").matcher(text).find();
        }

        @Override
        public String toString() {
            return release == null ? family : family + " " + release;
        }
    }

    /** The base image of a stage, or null when the chain ends in {@code scratch} or an unresolved variable. */
    public static BaseImage of(DockerImage image, Stage stage) {
        List<Stage> chain = image.chain(stage);
        String written = image.resolvedImage(chain.get(chain.size() - 1)).trim().toLowerCase(Locale.ROOT);
        int digest = written.indexOf('@');
        String reference = digest >= 0 ? written.substring(0, digest) : written;
        for (String prefix : List.of("docker.io/", "index.docker.io/", "library/")) {
            reference = reference.startsWith(prefix) ? reference.substring(prefix.length()) : reference;
        }
        if (reference.isEmpty() || reference.contains("$") || reference.equals("scratch")) {
            return null;
        }
        return new BaseImage(reference);
    }

    /** The repository without registry path or tag: {@code hexpm/elixir:1.16-…} gives "elixir". */
    public String name() {
        String repository = repository();
        return repository.substring(repository.lastIndexOf('/') + 1);
    }

    /** The repository with its registry and path, without the tag. */
    public String repository() {
        int colon = reference.lastIndexOf(':');
        return colon > reference.lastIndexOf('/') ? reference.substring(0, colon) : reference;
    }

    /** The tag, or "" when none is written. */
    public String tag() {
        String repository = repository();
        return repository.length() < reference.length() ? reference.substring(repository.length() + 1) : "";
    }

    /**
     * The OS the image runs, from its name and tag ({@code debian:bookworm-slim}, {@code debian:12},
     * {@code hexpm/elixir:…-debian-bookworm-…}, {@code elixir:1.16-alpine}, {@code ubuntu:22.04},
     * {@code gcr.io/distroless/cc-debian12}, the official {@code elixir:1.16}); its release null where the tag does
     * not name one ({@code ubuntu:latest}, {@code elixir:1.16}); null when they do not say (a custom image).
     */
    public OsRelease os() {
        String name = name();
        String tag = tag();
        Matcher distroless = DISTROLESS_DEBIAN.matcher(reference);
        if (distroless.find()) {
            return new OsRelease("debian", DEBIAN_NUMBERS.get(distroless.group(1)));
        }
        if (name.equals("alpine") || tag.contains("alpine") || name.contains("alpine")) {
            Matcher version = ALPINE_VERSION.matcher(reference);
            String release = name.equals("alpine") ? majorMinor(tag) : version.find() ? version.group(1) : null;
            return new OsRelease("alpine", release);
        }
        String debian = codename(DEBIAN_NAMES);
        String ubuntu = codename(UBUNTU_NAMES);
        if (debian != null || name.equals("debian") && !tag.contains("ubuntu")) {
            return new OsRelease("debian", debian != null ? debian : DEBIAN_NUMBERS.get(tag.split("[.-]")[0]));
        }
        if (ubuntu != null || name.equals("ubuntu")) {
            // `ubuntu:latest` and `ubuntu:rolling` move from release to release: which one is not written.
            String number = majorMinor(tag);
            return new OsRelease("ubuntu", ubuntu != null ? ubuntu : number == null ? null : UBUNTU_NUMBERS.get(number));
        }
        if (DEBIAN_BASED_OFFICIAL.contains(repository())) {
            return new OsRelease("debian", null);
        }
        return null;
    }

    /**
     * The Alpine releases the image was built on: the one its tag names ({@code alpine:3.18},
     * {@code hexpm/elixir:…-alpine-3.19.1}), or those an official {@code elixir:1.11-alpine} or
     * {@code erlang:23-alpine} tag was built on over its life; null when the image is not Alpine or its name does not
     * tell ({@code alpine:3}, {@code elixir:alpine}, an unknown version, a private image).
     */
    public AlpineReleases alpineReleases() {
        OsRelease os = os();
        if (os == null || !os.family().equals("alpine")) {
            return null;
        }
        return os.release() != null ? new AlpineReleases(os.release(), os.release())
                : AlpineReleases.ofOfficialTag(repository(), tag());
    }

    /**
     * Whether it is the official Alpine image under a tag that moves to each new release ({@code alpine},
     * {@code alpine:latest}, {@code alpine:3}, {@code alpine:edge}): today, an Alpine with OpenSSL 3 only.
     */
    public boolean followsNewestAlpine() {
        return repository().equals("alpine") && List.of("", "latest", "3", "edge").contains(tag());
    }

    /**
     * Whether the image is one whose environment is known to leave Mix's settings ({@code MIX_ENV}) unset: the
     * official Elixir, Erlang and operating system images, from whichever registry mirrors them, and hexpm's. An image
     * built elsewhere (the project's own base, {@code FROM shop-builder-base}) may set them.
     */
    public boolean leavesMixUnset() {
        return KNOWN_ENVIRONMENTS.contains(name()) || repository().startsWith("hexpm/");
    }

    /** Whether the image runs as a non-root user unless told otherwise: distroless {@code :nonroot}, Chainguard. */
    public boolean runsAsNonRoot() {
        return reference.contains("nonroot") || reference.startsWith("cgr.dev/chainguard");
    }

    /**
     * Whether its processes get the ASCII "C" locale unless told: a bare Debian or Ubuntu image, or the official
     * {@code erlang} image on Debian (its Dockerfiles set no {@code LANG} since R16; the {@code elixir} and
     * {@code hexpm/*} images set {@code C.UTF-8}, and Alpine's musl falls back to it by itself).
     */
    public boolean withoutLocale() {
        if (repository().equals("erlang")) {
            OsRelease os = os();
            return (os == null || !os.family().equals("alpine")) && !tag().startsWith("r1");
        }
        return BARE_GLIBC.contains(repository());
    }

    /** Whether it has a shell and the usual tools ({@code chown}): not distroless, not a Chainguard static image. */
    public boolean hasShell() {
        return !reference.contains("distroless") && !reference.startsWith("cgr.dev/");
    }

    private String codename(List<String> names) {
        for (String part : tag().split("[^a-z0-9]+")) {
            if (names.contains(part)) {
                return part;
            }
        }
        return null;
    }

    private static String majorMinor(String tag) {
        Matcher matcher = Pattern.compile("^(\\d+\\.\\d+)").matcher(tag);
        return matcher.find() ? matcher.group(1) : null;
    }
}
