package io.ringnsq.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How one kind of option reads its value from a command-line argument and from a TOML config value,
 * and how Go's usage text names and shows it. Implementations are immutable.
 *
 * @param <T> the Java type of the value (immutable)
 */
interface ValueType<T>
{
    /** Go's type word in the usage line ({@code int}, {@code string}, {@code duration}, {@code value}); empty for a boolean. */
    String usageName();

    /** A boolean flag stands alone ({@code --snappy}) and never takes the next argument as its value. */
    default boolean isBoolFlag()
    {
        return false;
    }

    /**
     * Reads a command-line value.
     *
     * @param text     the argument text
     * @param previous the value from an earlier occurrence of the flag on the same command line, or
     *                 {@code null}; repeatable (list) flags add to it, the others replace it
     * @throws InvalidValueException with Go's reason ({@code parse error}, {@code value out of range}, ...)
     */
    T parseArgument(String text, T previous) throws InvalidValueException;

    /**
     * Reads a value from the config file, with upstream's coercions (go-options).
     *
     * @throws InvalidValueException with a reason that names the offending value
     */
    T fromConfig(JsonNode node) throws InvalidValueException;

    /** The text Go's usage shows after {@code default }, or {@code null} for the zero value, which Go omits. */
    String defaultText(T value);

    /** Rejects a default this type could never produce; a programming error, hence unchecked. */
    default void checkDefault(final T value)
    {
    }
}
