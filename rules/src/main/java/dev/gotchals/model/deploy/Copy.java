package dev.gotchals.model.deploy;

import dev.gotchals.docker.Instruction;
import dev.gotchals.text.RecentTexts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A COPY or ADD: where it copies from (the build context, or another stage with {@code --from}) and to.
 *
 * @param fromStage   the {@code --from} stage or image, or null for the build context
 * @param sources     the source paths as written, quotes removed
 * @param destination the destination path as written
 */
public record Copy(Instruction instruction, String fromStage, List<String> sources, String destination) {
    private static final Pattern FROM_FLAG = Pattern.compile("--from=(\\S+)");
    private static final Pattern BLANKS = Pattern.compile("\\s+");

    /**
     * What COPY and ADD instructions say, by their text: a long Dockerfile has thousands, and an edit changes one.
     * Without the instruction, which would keep its whole syntax tree alive.
     */
    private static final RecentTexts<Copy> READ = new RecentTexts<>(32_768, 4L * 1024 * 1024);

    /** A heredoc's marker: {@code <<EOF}, {@code <<-EOT}, {@code <<"EOF"}. */
    private static final Pattern HEREDOC = Pattern.compile("<<-?[\"']?\\w+");

    static Copy of(Instruction instruction) {
        Copy read = instruction.readByText(READ, Copy::read);
        return new Copy(instruction, read.fromStage, read.sources, read.destination);
    }

    /** The copy as written, without its instruction. */
    private static Copy read(Instruction instruction) {
        List<String> words = new ArrayList<>();
        String from = null;
        List<String> exec = instruction.execForm();
        String text = instruction.text();
        // `COPY <<EOF /app/bin/start.sh` and the lines up to EOF: the file's text is the heredoc, its destination
        // the last word of the first line.
        String firstLine = text.strip().lines().findFirst().orElse("");
        String copied = exec == null && HEREDOC.matcher(firstLine).find() ? firstLine : text;
        List<String> written = exec != null ? exec : List.of(BLANKS.split(copied.trim()));
        Matcher flag = FROM_FLAG.matcher(text);
        if (flag.find()) {
            from = flag.group(1);
        }
        for (String word : exec != null ? written : written.subList(1, written.size())) {
            String cleaned = word.replace("\"", "").replace("[", "").replace(",", "").replace("]", "");
            if (!cleaned.startsWith("--") && !cleaned.isEmpty()) {
                words.add(cleaned);
            }
        }
        if (words.isEmpty()) {
            return new Copy(null, from, List.of(), "");
        }
        return new Copy(null, from, List.copyOf(words.subList(0, words.size() - 1)), words.get(words.size() - 1));
    }

    /** Whether it copies {@code folder} (or the whole context) from the build context. */
    public boolean bringsFromContext(String folder) {
        if (fromStage != null) {
            return false;
        }
        for (String source : sources) {
            if (source.equals(".") || source.equals("./") || source.equals(folder) || source.equals(folder + "/")
                    || source.equals("./" + folder) || source.equals("./" + folder + "/")) {
                return true;
            }
        }
        return false;
    }

    /** Whether it copies {@code folder}, part of it, or the whole context ({@code .}, {@code *}) from the build context. */
    public boolean bringsAnyOf(String folder) {
        if (fromStage != null) {
            return false;
        }
        for (String source : sources) {
            String path = source.startsWith("./") ? source.substring(2) : source;
            if (path.isEmpty() || path.equals(".") || path.equals("*") || path.equals(folder)
                    || path.startsWith(folder + "/")) {
                return true;
            }
        }
        return false;
    }

    /** Whether it copies {@code path} or something inside it, from a stage, an image or the context. */
    public boolean involves(String path) {
        return destination.contains(path) || sources.stream().anyMatch(source -> source.contains(path));
    }
}
