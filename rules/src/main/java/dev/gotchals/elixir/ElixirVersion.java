package dev.gotchals.elixir;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Elixir version as far as a project says it ({@code 1.14.3}, {@code 1.11}): what decides which runtime config
 * file a release reads. Compared by major and minor only; a patch level never changes that.
 */
public record ElixirVersion(int major, int minor) implements Comparable<ElixirVersion> {
    /** Elixir 1.9: Mix releases and {@code config/releases.exs}. */
    public static final ElixirVersion RELEASES = new ElixirVersion(1, 9);
    /** Elixir 1.11: {@code config/runtime.exs}, which wins over {@code releases.exs} when both exist. */
    public static final ElixirVersion RUNTIME_EXS = new ElixirVersion(1, 11);

    private static final Pattern VERSION = Pattern.compile("(?<![0-9.])(\\d+)\\.(\\d+)(?:\\.\\d+)?");

    /**
     * The first {@code MAJOR.MINOR[.PATCH]} in a text ({@code "1.16.2-erlang-26.2.5-debian"}, {@code "~> 1.14"},
     * {@code "elixir 1.15.7-otp-26"}), or null when it has none.
     */
    public static ElixirVersion find(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = VERSION.matcher(text);
        if (!matcher.find()) {
            return null;
        }
        try {
            return new ElixirVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
        } catch (NumberFormatException e) {
            return null; // more digits than an int holds: not a version anyone ships
        }
    }

    public boolean atLeast(ElixirVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(ElixirVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
