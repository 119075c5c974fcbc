package io.ringnsq.cli;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Go {@code flag.Duration}: Go's {@code time.ParseDuration} syntax; in the config file a string,
 * or an integer taken as milliseconds (go-options' {@code coerceDuration}).
 */
final class DurationType implements ValueType<Duration>
{
    static final DurationType INSTANCE = new DurationType();

    private DurationType()
    {
    }

    @Override
    public String usageName()
    {
        return "duration";
    }

    @Override
    public Duration parseArgument(final String text, final Duration previous) throws InvalidValueException
    {
        try
        {
            return Duration.ofNanos(GoDuration.parse(text));
        }
        catch (final InvalidValueException ex)
        {
            // Go's flag package replaces time's message with its generic one
            throw new InvalidValueException(InvalidValueException.PARSE_ERROR);
        }
    }

    @Override
    public Duration fromConfig(final JsonNode node) throws InvalidValueException
    {
        if (node.isTextual())
        {
            return Duration.ofNanos(GoDuration.parse(node.textValue()));
        }
        if (node.isIntegralNumber())
        {
            try
            {
                if (node.canConvertToLong())
                {
                    return Duration.ofNanos(Math.multiplyExact(node.longValue(), 1_000_000L));
                }
            }
            catch (final ArithmeticException ex)
            {
                // reported below
            }
            throw new InvalidValueException(node.asText() + " milliseconds: " + InvalidValueException.OUT_OF_RANGE);
        }
        throw TomlValues.expected("a duration string like \"60s\" (or integer milliseconds)", node);
    }

    @Override
    public String defaultText(final Duration value)
    {
        return value.isZero() ? null : GoDuration.format(value.toNanos());
    }

    @Override
    public void checkDefault(final Duration value)
    {
        try
        {
            value.toNanos();
        }
        catch (final ArithmeticException ex)
        {
            throw new IllegalArgumentException("default " + value + " is beyond Go's duration range (int64 nanoseconds)", ex);
        }
    }
}
