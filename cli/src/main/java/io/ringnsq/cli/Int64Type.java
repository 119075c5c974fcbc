package io.ringnsq.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** A Go {@code flag.Int64}: Go literal syntax on the command line, base 10 in a config-file string (as go-options). */
final class Int64Type implements ValueType<Long>
{
    static final Int64Type INSTANCE = new Int64Type();

    private Int64Type()
    {
    }

    @Override
    public String usageName()
    {
        return "int";
    }

    @Override
    public Long parseArgument(final String text, final Long previous) throws InvalidValueException
    {
        return GoStrconv.parseInt(text, 0);
    }

    @Override
    public Long fromConfig(final JsonNode node) throws InvalidValueException
    {
        if (node.isIntegralNumber())
        {
            if (!node.canConvertToLong())
            {
                throw new InvalidValueException(node.asText() + ": " + InvalidValueException.OUT_OF_RANGE);
            }
            return node.longValue();
        }
        if (node.isTextual())
        {
            try
            {
                return GoStrconv.parseInt(node.textValue(), 10);
            }
            catch (final InvalidValueException ex)
            {
                throw TomlValues.invalid(node.textValue(), ex);
            }
        }
        throw TomlValues.expected("an integer", node);
    }

    @Override
    public String defaultText(final Long value)
    {
        return value == 0 ? null : Long.toString(value);
    }
}
