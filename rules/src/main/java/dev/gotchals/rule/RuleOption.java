package dev.gotchals.rule;

/**
 * A setting a rule takes besides {@code enabled} and {@code severity}. Every option is a list of strings, empty
 * unless set, and adds to what the rule already knows (extra secret key names, extra health paths).
 *
 * @param name        the snake_case name used in {@code .gotcha.exs} and in the editor settings ("secret_keys")
 * @param description one sentence saying what the values mean, for the docs and {@code gotcha-ls init}
 * @param example     a value that shows the expected form, written as it would be in the file ("stripe_key")
 */
public record RuleOption(String name, String description, String example) {
}
