package dev.gotchals.workspace;

import dev.gotchals.mix.MixExs;

import java.util.Locale;

/** The facts the project scan needs from a {@code mix.exs}, as {@link MixExs} reads them. */
final class MixfileReader {
    String appName;
    String modulePrefix;
    String appsPath;

    static MixfileReader read(String source) {
        MixExs mix = MixExs.parse(null, source);
        MixfileReader reader = new MixfileReader();
        reader.appName = mix.appName();
        reader.modulePrefix = mix.modulePrefix();
        reader.appsPath = mix.appsPath();
        return reader;
    }

    /**
     * "my_app" → "MyApp", as Mix's {@code Macro.camelize/1} does for app names; a folder name standing in for one
     * ("my-site+v2") loses what an Elixir alias cannot hold ("MySiteV2").
     */
    static String camelize(String appName) {
        StringBuilder out = new StringBuilder();
        for (String part : appName.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return out.toString();
    }
}
