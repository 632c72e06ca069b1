package dev.gotchals.model.config;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.model.DistilleryConfig;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.TemplateFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Config files of the repository that a Distillery release evaluates at boot through a config provider: rel/config.exs
 * sets {@code config_providers: [{…Providers.Elixir, ["${RELEASE_ROOT_DIR}/etc/runtime.exs"]}]} and an overlay copies a
 * file of the repository there ({@code overlays: [{:copy, "apps/andi/runtime.exs", "etc/runtime.exs"}]}). Such a file
 * is runtime config, like runtime.exs: what it sets replaces the build-time value in production. An overlay may name its
 * file after the release ({@code {:copy, "rel/config/<%= release_name %>.exs", "etc/app.exs"}}): each release then
 * evaluates its own file, and every release's file is read.
 */
final class ProviderConfigFiles {
    /**
     * A provider's file under the release root ({@code "${RELEASE_ROOT_DIR}/etc/runtime.exs"}) or under the version's
     * folder ({@code "${REL_DIR}/runtime_config.exs"}, which is {@code releases/<%= release_version %>/} in overlays).
     */
    private static final Pattern PROVIDED = Pattern.compile("\"\\$\\{(RELEASE_ROOT_DIR|REL_DIR)}/([^\"$]+\\.exs)\"");
    private static final String VERSION_FOLDER = "releases/<%= release_version %>/";
    /** An overlay that copies a file of the repository into the release: {@code {:copy, "from", "to"}}. */
    private static final Pattern COPY = Pattern.compile("\\{\\s*:copy\\s*,\\s*\"([^\"$]+)\"\\s*,\\s*\"([^\"$]+)\"\\s*}");
    /** The overlay template's name of the release being built. */
    private static final Pattern RELEASE_NAME = Pattern.compile("<%=\\s*release_name\\s*%>");

    private ProviderConfigFiles() {
    }

    /**
     * The provided files: those the repository holds, parsed as Elixir, in the order rel/config.exs names them, and
     * the paths of those it does not hold (copied from a file kept elsewhere, such as a build host's secrets, or
     * placed in the release when it is deployed), which may set anything at boot. Empty without Distillery providers,
     * and where Elixir's own release is built ({@link ReleaseTool}), which evaluates none of them.
     *
     * @param relConfig rel/config.exs, which names them
     * @param templates for a path the release is deployed with, the file of the repository an overlay ships beside it
     *                  as its template ({@code {:copy, "rel/config/runtime.exs", "etc/runtime.exs.sample"}})
     */
    record Provided(DocumentSnapshot relConfig, List<DocumentSnapshot> files, List<Path> missing,
                    Map<Path, DocumentSnapshot> templates) {
        static final Provided NONE = new Provided(null, List.of(), List.of(), Map.of());
    }

    /** The provided files, worked out once per analysis: the timeline and the rules' advice both ask. */
    static Provided of(ProjectContext project) {
        return project.model(Provided.class, ProviderConfigFiles::read);
    }

    private static Provided read(ProjectContext project) {
        Path root = project.project().root();
        DocumentSnapshot relConfig = DistilleryConfig.of(project);
        if (relConfig == null) {
            return Provided.NONE;
        }
        String text = relConfig.text().text();
        if (!text.contains("config_providers") || ReleaseTool.of(project) == ReleaseTool.ELIXIR) {
            return Provided.NONE;
        }
        Set<String> provided = new LinkedHashSet<>();
        Matcher providers = PROVIDED.matcher(text);
        while (providers.find()) {
            provided.add((providers.group(1).equals("REL_DIR") ? VERSION_FOLDER : "") + providers.group(2));
        }
        List<DocumentSnapshot> files = new ArrayList<>();
        List<Path> missing = new ArrayList<>();
        Set<String> shipped = new LinkedHashSet<>();
        Map<String, String> templateSources = new HashMap<>();
        Matcher copies = COPY.matcher(text);
        while (copies.find()) {
            String target = copies.group(2).replaceAll("<%=\\s*release_version\\s*%>", "<%= release_version %>");
            if (!provided.contains(target)) {
                TemplateFiles.SUFFIXES.stream().filter(target::endsWith).findFirst()
                        .map(suffix -> target.substring(0, target.length() - suffix.length()))
                        .filter(provided::contains)
                        .ifPresent(templated -> templateSources.put(templated, copies.group(1)));
                continue;
            }
            shipped.add(target);
            // The prod release's own config: "config/#{Mix.env()}.exs" is config/prod.exs.
            String source = copies.group(1).replace("#{Mix.env()}", "prod");
            for (String copied : perRelease(source, relConfig)) {
                Path path = root.resolve(copied).normalize();
                DocumentSnapshot file = path.startsWith(root) ? OperatorConfig.asElixir(project.file(path)) : null;
                if (file != null) {
                    files.add(file);
                } else if (path.startsWith(root)) {
                    missing.add(path);
                }
            }
        }
        // A provided file no overlay puts in the release is placed there when it is deployed: the operator's file,
        // which may set any key, or what its template sets where an overlay ships one (`etc/runtime_config.exs.sample`).
        // Its path is the release's, not the repository's.
        Map<Path, DocumentSnapshot> templates = new HashMap<>();
        for (String path : provided) {
            if (!shipped.contains(path)) {
                missing.add(Path.of(path));
                String source = templateSources.get(path);
                DocumentSnapshot template = source == null ? null
                        : OperatorConfig.asElixir(project.file(root.resolve(source).normalize()));
                if (template != null) {
                    templates.put(Path.of(path), template);
                }
            }
        }
        return new Provided(relConfig, List.copyOf(files), List.copyOf(missing), Map.copyOf(templates));
    }

    /** The source of each release: a name templated on the release ({@code <%= release_name %>}) is one per release. */
    private static List<String> perRelease(String source, DocumentSnapshot relConfig) {
        if (!RELEASE_NAME.matcher(source).find()) {
            return List.of(source);
        }
        return DistilleryConfig.releaseNames(relConfig).stream()
                .map(name -> RELEASE_NAME.matcher(source).replaceAll(name)).toList();
    }
}
