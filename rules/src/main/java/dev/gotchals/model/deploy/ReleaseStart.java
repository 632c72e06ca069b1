package dev.gotchals.model.deploy;

import java.util.Set;

/**
 * Where a launch starts the release ({@code bin/app start}), directly or through a release script.
 *
 * @param invocation  the command on the launch that starts it: {@code /app/bin/app start} or {@code /app/bin/server}
 * @param script      the release script it goes through ({@code rel/overlays/bin/server}), or null
 * @param environment the variables set when the release starts
 */
public record ReleaseStart(LaunchCommand invocation, ScriptFile script, Set<String> environment) {
}
