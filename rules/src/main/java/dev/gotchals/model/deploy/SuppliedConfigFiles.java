package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.FileRole;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Config files the build fetches from outside the repository before it compiles: a CI step or a build script copies
 * one from a bucket ({@code gsutil cp gs://…/prod.secret.exs ./config/prod.secret.exs}, {@code aws s3 cp s3://…}),
 * downloads it ({@code curl -o config/…}), writes it from a secret ({@code echo "$PROD_SECRET" >
 * config/prod.secret.exs}) or, run on the host, copies the host's own ({@code cp /home/app/conf/prod.secret.exs
 * "$REPO_DIR/config/prod.secret.exs"}). What the repository holds at that path, if anything, is a stand-in: the release is built
 * with the fetched file, whose contents the repository does not show.
 */
public final class SuppliedConfigFiles {
    /** A config file's path as a command writes it: {@code ./config/prod.secret.exs}, {@code "config/prod.exs"}. */
    private static final String CONFIG_PATH = "['\"]?((?:\\./)?(?:[\\w.-]+/)*config/[\\w.-]+\\.exs)['\"]?";
    private static final List<Pattern> WRITES = List.of(
            // gsutil cp gs://bucket/prod.secret.exs ./config/prod.secret.exs, aws s3 cp s3://… config/…
            Pattern.compile("(?:gsutil|gcloud\\s+storage|aws\\s+s3)\\s+cp\\s+(?:-\\S+\\s+)*['\"]?(?:gs|s3)://\\S+\\s+"
                    + CONFIG_PATH),
            // Cloud Build's gsutil step: args: [cp, gs://bucket/prod.secret.exs, ./config/prod.secret.exs]
            Pattern.compile("\\[\\s*['\"]?cp['\"]?\\s*,\\s*['\"]?(?:gs|s3)://[^,\\]]+,\\s*" + CONFIG_PATH),
            // curl -o config/prod.secret.exs …, wget -O config/prod.secret.exs …
            Pattern.compile("(?:curl\\s[^\\n]*?(?:-o|--output)|wget\\s[^\\n]*?(?:-O|--output-document))\\s+"
                    + CONFIG_PATH),
            // echo "${{ secrets.PROD_SECRET }}" > config/prod.secret.exs, cat <<EOF > config/…
            Pattern.compile("(?:echo|printf|cat|base64)\\b[^\\n>]*>{1,2}\\s*" + CONFIG_PATH),
            // a deploy script on the host: cp /home/app/conf/prod.secret.exs "$REPO_DIR/config/prod.secret.exs"
            Pattern.compile("\\b(?:cp|install|ln\\s+-[a-zA-Z]*s[a-zA-Z]*)(?:\\s+-[a-zA-Z]+)*\\s+['\"]?"
                    + "(?:/|~/|\\$\\{?HOME}?/)[^'\"\\s]+['\"]?\\s+['\"]?(?:\\$\\{?\\w+}?/)?" + CONFIG_PATH));

    private final Set<String> paths;

    private SuppliedConfigFiles(Set<String> paths) {
        this.paths = Set.copyOf(paths);
    }

    public static SuppliedConfigFiles of(ProjectContext project) {
        return project.model(SuppliedConfigFiles.class, SuppliedConfigFiles::read);
    }

    private static SuppliedConfigFiles read(ProjectContext project) {
        Set<String> paths = new LinkedHashSet<>();
        for (FileRole role : List.of(FileRole.CI_WORKFLOW, FileRole.BUILD_SCRIPT)) {
            for (DocumentSnapshot file : project.files(role)) {
                for (Pattern write : WRITES) {
                    Matcher matcher = write.matcher(file.text().text());
                    while (matcher.find()) {
                        String path = matcher.group(1);
                        paths.add(path.startsWith("./") ? path.substring(2) : path);
                    }
                }
            }
        }
        return new SuppliedConfigFiles(paths);
    }

    /**
     * Whether the build writes the file at {@code relative} (a path from the project's root, {@code
     * config/prod.secret.exs}) from outside the repository.
     */
    public boolean supplies(String relative) {
        return paths.stream().anyMatch(path -> path.equals(relative) || path.endsWith("/" + relative));
    }
}
