package io.ringnsq.cli;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A string restricted to a fixed set of words (ringnsq's own enum-like flags); shown as a string in
 * usage. As a bool-like flag (upstream's {@code --tls-required}, a Go Value with {@code IsBoolFlag}) it
 * stands alone as {@code true} and takes other words after {@code =}; a config file may give a boolean.
 */
final class ChoiceType implements ValueType<String>
{
    private final List<String> choices;
    private final boolean boolFlag;

    ChoiceType(final List<String> choices)
    {
        this(choices, false);
    }

    ChoiceType(final List<String> choices, final boolean boolFlag)
    {
        if (choices.isEmpty())
        {
            throw new IllegalArgumentException("a choice needs at least one allowed value");
        }
        if (boolFlag && !choices.contains("true"))
        {
            throw new IllegalArgumentException("a bool-like choice needs \"true\" among its values");
        }
        this.choices = List.copyOf(choices);
        this.boolFlag = boolFlag;
    }

    @Override
    public String usageName()
    {
        return boolFlag ? "" : "string";
    }

    @Override
    public boolean isBoolFlag()
    {
        return boolFlag;
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
        if (boolFlag && node.isBoolean())
        {
            return parseArgument(node.booleanValue() ? "true" : "false", null);
        }
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
