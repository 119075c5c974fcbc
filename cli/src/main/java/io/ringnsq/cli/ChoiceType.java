package io.ringnsq.cli;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** A string restricted to a fixed set of words (ringnsq's own enum-like flags); shown as a string in usage. */
final class ChoiceType implements ValueType<String>
{
    private final List<String> choices;

    ChoiceType(final List<String> choices)
    {
        if (choices.isEmpty())
        {
            throw new IllegalArgumentException("a choice needs at least one allowed value");
        }
        this.choices = List.copyOf(choices);
    }

    @Override
    public String usageName()
    {
        return "string";
    }

    @Override
    public String parseArgument(final String text, final String previous) throws InvalidValueException
    {
        if (!choices.contains(text))
        {
            throw new InvalidValueException("must be one of " + String.join(", ", choices));
        }
        return text;
    }

    @Override
    public String fromConfig(final JsonNode node) throws InvalidValueException
    {
        if (!node.isTextual())
        {
            throw TomlValues.expected("a string", node);
        }
        try
        {
            return parseArgument(node.textValue(), null);
        }
        catch (final InvalidValueException ex)
        {
            throw TomlValues.invalid(node.textValue(), ex);
        }
    }

    @Override
    public String defaultText(final String value)
    {
        return value.isEmpty() ? null : GoStrconv.quote(value);
    }

    @Override
    public void checkDefault(final String value)
    {
        if (!choices.contains(value))
        {
            throw new IllegalArgumentException("default " + GoStrconv.quote(value) + " is not one of " + choices);
        }
    }
}
