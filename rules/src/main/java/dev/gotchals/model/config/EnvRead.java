package dev.gotchals.model.config;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.Truth;
import dev.gotchals.syntax.Node;

/**
 * An environment read in config evaluated for one environment: an environment variable ({@code System.get_env/1,2},
 * {@code System.fetch_env/1}, {@code System.fetch_env!/1}, also through {@code import System} or an alias), or
 * application config ({@code Application.get_env/2,3}, {@code fetch_env/2}, {@code fetch_env!/2}), which in a config
 * file runs before the config being written is loaded.
 *
 * @param file      the config file it is written in
 * @param call      the read itself
 * @param statement the statement of its block that holds it (a {@code config} call, a binding, an {@code if})
 * @param variable  the environment variable's name when it is a literal, else null (always for application config)
 * @param phase     whether it runs while the release is built or when it boots
 * @param topLevel  whether {@code statement} is a top-level statement of the file, outside any condition
 * @param prodOnly  whether it runs for prod only: its file is imported for prod ({@code prod.exs},
 *                  {@code "#{config_env()}.exs"}) or a condition that holds only in prod encloses it
 * @param applies   whether it runs in the environment the timeline was built for
 */
public record EnvRead(DocumentSnapshot file, Node call, Node statement, String variable, ConfigPhase phase,
                      boolean topLevel, boolean prodOnly, Truth applies) {
    /** Whether it reads application config rather than an environment variable. */
    public boolean readsAppConfig() {
        return EnvCalls.isApplicationRead(file.tree(), call);
    }
}
