package dev.gotchals.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats {@code check --format} prints, each with the class that writes it. */
enum OutputFormat {
    TEXT(new TextReport()), JSON(new JsonReport()), SARIF(new SarifReport()), GITHUB(new GithubReport());

    private final ReportWriter writer;

    OutputFormat(ReportWriter writer) {
        this.writer = writer;
    }

    ReportWriter writer() {
        return writer;
    }

    static String names() {
        return Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }

    static OutputFormat named(String name) throws UsageException {
        for (OutputFormat format : values()) {
            if (format.name().equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw new UsageException("--format takes " + names() + ", not " + name);
    }
}
