package dev.gotchals.model.config;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.Truth;
import dev.gotchals.syntax.Node;

/**
 * An environment-variable read ({@code System.get_env/1,2}, {@code System.fetch_env/1},
 * {@code System.fetch_env!/1}) in config evaluated for one environment.
 *
 * @param file      the config file it is written in
 * @param call      the read itself
 * @param statement the statement of its block that holds it (a {@code config} call, a binding, an {@code if})
 * @param variable  the variable's name when it is a literal, else null
 * @param phase     whether it runs while the release is built or when it boots
 * @param topLevel  whether {@code statement} is a top-level statement of the file, outside any condition
 * @param prodOnly  whether it runs for prod only: its file is imported for prod ({@code prod.exs},
 *                  {@code "#{config_env()}.exs"}) or a condition that holds only in prod encloses it
 * @param applies   whether it runs in the environment the timeline was built for
 */
public record EnvRead(DocumentSnapshot file, Node call, Node statement, String variable, ConfigPhase phase,
                      boolean topLevel, boolean prodOnly, Truth applies) {
}
