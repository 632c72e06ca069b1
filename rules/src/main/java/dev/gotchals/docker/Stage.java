package dev.gotchals.docker;

import java.util.List;

/**
 * A build stage: a FROM and the instructions up to the next FROM.
 *
 * @param index the stage's position, from 0
 * @param image the image it starts from as written ({@code hexpm/elixir:1.17…}, {@code ${RUNNER_IMAGE}}, or an
 *              earlier stage's alias)
 * @param alias its {@code AS} name, or null
 */
public record Stage(int index, String image, String alias, Instruction from, List<Instruction> instructions) {

    /** The stage's instructions of one kind, in order. */
    public List<Instruction> all(String keyword) {
        return instructions.stream().filter(instruction -> instruction.is(keyword)).toList();
    }
}
