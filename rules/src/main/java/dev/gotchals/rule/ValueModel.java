package dev.gotchals.rule;

/**
 * A model that is a value: its {@code equals} compares everything it tells, and it reads nothing once built. A rule or
 * model that uses one depends on its value, not on the files it was built from: when those files change the value
 * model is built again, and its users run again only if the new value differs. A Dockerfile keystroke that leaves the
 * release's Elixir version and build variables as they were then reruns nothing that only asked for those.
 *
 * <p>Its factory is kept to build it again in a later analysis: it must read only through the context it is given.
 */
public interface ValueModel {
}
