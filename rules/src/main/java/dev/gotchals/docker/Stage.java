package dev.gotchals.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A build stage: a FROM and the instructions up to the next FROM.
 *
 * @param index    the stage's position, from 0
 * @param image    the image it starts from as written ({@code hexpm/elixir:1.17…}, {@code ${RUNNER_IMAGE}}, or an
 *                 earlier stage's alias)
 * @param alias    its {@code AS} name, or null
 * @param comments the comment lines between its FROM and the next, {@code #} included, as written
 */
public record Stage(int index, String image, String alias, Instruction from, List<Instruction> instructions,
                    List<String> comments) {

    /** The stage's instructions of one kind, in order. */
    public List<Instruction> all(String keyword) {
        return instructions.stream().filter(instruction -> instruction.is(keyword)).toList();
    }

    /**
     * The arguments of the instructions of one kind that the stage carries commented out: {@code # USER nobody}
     * gives "nobody". Only a comment that starts with the keyword in capitals counts, as instructions are written;
     * prose such as {@code # User data lives in /data} does not.
     */
    public List<String> commentedOut(String keyword) {
        List<String> arguments = new ArrayList<>();
        for (String comment : comments) {
            String text = comment.replaceFirst("^#+\\s*", "");
            if (text.startsWith(keyword) && text.length() > keyword.length()
                    && Character.isWhitespace(text.charAt(keyword.length()))) {
                arguments.add(text.substring(keyword.length()).trim());
            }
        }
        return arguments;
    }

    /**
     * The hash of the stage's FROM and place only, consistent with the record's equality: hashing every
     * instruction made a set of stages cost as much as the Dockerfile is long.
     */
    @Override
    public int hashCode() {
        return Objects.hash(index, from);
    }
}
