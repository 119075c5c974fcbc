package io.ringnsq.cli;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A repeatable float flag whose every occurrence may also hold a comma-separated list (upstream's
 * {@code app.FloatArray}). In the config file an array of numbers, or one comma-separated string.
 * The order given is kept (upstream sorts command-line values, highest first; callers that care sort).
 */
final class FloatListType implements ValueType<List<Double>>
{
    static final FloatListType INSTANCE = new FloatListType();

    private FloatListType()
    {
    }

    @Override
    public String usageName()
    {
        return "value";
    }

    @Override
    public List<Double> parseArgument(final String text, final List<Double> previous) throws InvalidValueException
    {
        final List<Double> values = previous == null ? new ArrayList<>() : new ArrayList<>(previous);
        addAll(values, text);
        return List.copyOf(values);
    }

    @Override
    public List<Double> fromConfig(final JsonNode node) throws InvalidValueException
    {
        final List<Double> values = new ArrayList<>();
        if (node.isTextual())
        {
            try
            {
                addAll(values, node.textValue());
            }
            catch (final InvalidValueException ex)
            {
                throw TomlValues.invalid(node.textValue(), ex);
            }
            return List.copyOf(values);
        }
        if (!node.isArray())
        {
            throw TomlValues.expected("an array of numbers", node);
        }
        for (int i = 0; i < node.size(); i++)
        {
            final JsonNode element = node.get(i);
            // upstream requires TOML floats here (an integer panics); any number is accepted
            if (!element.isNumber())
            {
                throw new InvalidValueException("element " + i + ": expected a number, got " + TomlValues.describe(element));
            }
            values.add(element.doubleValue());
        }
        return List.copyOf(values);
    }

    private static void addAll(final List<Double> values, final String text) throws InvalidValueException
    {
        for (final String part : text.split(",", -1))
        {
            // trimmed on the command line too, where upstream would stop at "0.99, 0.95"
            values.add(GoStrconv.parseFloat(part.trim()));
        }
    }

    @Override
    public String defaultText(final List<Double> value)
    {
        final StringBuilder text = new StringBuilder();
        for (final Double element : value)
        {
            // Go's FloatArray.String() formats with %f
            text.append(text.length() == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT, "%f", element));
        }
        return value.isEmpty() ? null : text.toString();
    }
}
