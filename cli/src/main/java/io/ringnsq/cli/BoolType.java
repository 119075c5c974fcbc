package io.ringnsq.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** A Go {@code flag.Bool}: bare means true; {@code =value} takes Go's {@code ParseBool} spellings. */
final class BoolType implements ValueType<Boolean>
{
    static final BoolType INSTANCE = new BoolType();

    private BoolType()
    {
    }

    @Override
    public String usageName()
    {
        return "";
    }

    @Override
    public boolean isBoolFlag()
    {
        return true;
    }

    @Override
    public Boolean parseArgument(final String text, final Boolean previous) throws InvalidValueException
    {
        return GoStrconv.parseBool(text);
    }

    @Override
    public Boolean fromConfig(final JsonNode node) throws InvalidValueException
    {
        if (node.isBoolean())
        {
            return node.booleanValue();
        }
        if (node.isTextual())
        {
            try
            {
                return GoStrconv.parseBool(node.textValue());
            }
            catch (final InvalidValueException ex)
            {
                throw TomlValues.invalid(node.textValue(), ex);
            }
        }
        // go-options maps an integer to (n == 0), backwards; refusing it is clearer than copying that
        throw TomlValues.expected("a boolean", node);
    }

    @Override
    public String defaultText(final Boolean value)
    {
        return value ? "true" : null;
    }
}
