package dev.gotchals.model.config;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.syntax.Node;

/**
 * The value an environment ends with for one config key path, after every {@code config} call and deep merge of
 * keyword lists, and where it came from. The model never guesses: when a call that may set the key runs under a
 * condition it cannot decide, or sets it through an expression it cannot follow, the value is {@link State#UNKNOWN}.
 *
 * @param state what is known
 * @param call  the call that set the value last (for {@link State#UNKNOWN}, the call that made it unknown); null
 *              when unset
 * @param value the expression, local variables resolved to what they are bound to; null unless {@link State#SET}
 */
public record ConfigValue(State state, ConfigCall call, Node value) {
    public static final ConfigValue UNSET = new ConfigValue(State.UNSET, null, null);

    /** What the model knows of a value. */
    public enum State {
        /** No call sets the key. */
        UNSET,
        /** The key is set to {@link #value()} by {@link #call()}. */
        SET,
        /** Cannot be told from the config files. */
        UNKNOWN
    }

    static ConfigValue set(ConfigCall call, Node value) {
        return new ConfigValue(State.SET, call, value);
    }

    static ConfigValue unknown(ConfigCall call) {
        return new ConfigValue(State.UNKNOWN, call, null);
    }

    public boolean isSet() {
        return state == State.SET;
    }

    public DocumentSnapshot file() {
        return call == null ? null : call.file();
    }

    public ConfigPhase phase() {
        return call == null ? null : call.phase();
    }
}
