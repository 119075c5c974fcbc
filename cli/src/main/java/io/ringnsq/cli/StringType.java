package io.ringnsq.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** A Go {@code flag.String}; its usage default is quoted, as Go prints it. */
final class StringType implements ValueType<String>
{
    static final StringType INSTANCE = new StringType();

    private StringType()
    {
    }

    @Override
    public String usageName()
    {
        return "string";
    }

    @Override
    public String parseArgument(final String text, final String previous)
    {
        return text;
    }

    @Override
    public String fromConfig(final JsonNode node) throws InvalidValueException
    {
        if (node.isTextual())
        {
            return node.textValue();
        }
        // go-options would format anything with %s (an integer becomes "%!s(int64=5)"): refuse instead
        throw TomlValues.expected("a string", node);
    }

    @Override
    public String defaultText(final String value)
    {
        return value.isEmpty() ? null : GoStrconv.quote(value);
    }
}
