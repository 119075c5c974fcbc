package io.ringnsq.cli;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A repeatable string flag (upstream's {@code app.StringArray}): each occurrence adds one element,
 * commas included. In the config file an array of strings, or one string split on commas (go-options).
 */
final class StringListType implements ValueType<List<String>>
{
    static final StringListType INSTANCE = new StringListType();

    private StringListType()
    {
    }

    @Override
    public String usageName()
    {
        // Go names any flag.Var "value"
        return "value";
    }

    @Override
    public List<String> parseArgument(final String text, final List<String> previous)
    {
        final List<String> values = previous == null ? new ArrayList<>() : new ArrayList<>(previous);
        values.add(text);
        return List.copyOf(values);
    }

    @Override
    public List<String> fromConfig(final JsonNode node) throws InvalidValueException
    {
        if (node.isTextual())
        {
            return List.of(node.textValue().split(",", -1));
        }
        if (!node.isArray())
        {
            throw TomlValues.expected("an array of strings", node);
        }
        final List<String> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++)
        {
            final JsonNode element = node.get(i);
            if (!element.isTextual())
            {
                throw new InvalidValueException("element " + i + ": expected a string, got " + TomlValues.describe(element));
            }
            values.add(element.textValue());
        }
        return List.copyOf(values);
    }

    @Override
    public String defaultText(final List<String> value)
    {
        return value.isEmpty() ? null : String.join(",", value);
    }
}
