package io.ringnsq.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Helpers to explain a TOML value in a one-line config error. */
final class TomlValues
{
    private TomlValues()
    {
    }

    /** "expected a boolean, got integer 1". */
    static InvalidValueException expected(final String what, final JsonNode actual)
    {
        return new InvalidValueException("expected " + what + ", got " + describe(actual));
    }

    /** "invalid value "abc": parse error", for a TOML string that does not parse as the option's type. */
    static InvalidValueException invalid(final String text, final InvalidValueException reason)
    {
        return new InvalidValueException("invalid value " + GoStrconv.quote(text) + ": " + reason.getMessage());
    }

    /** The TOML type and, for scalars, the value: {@code integer 5}, {@code string "x"}, {@code array}. */
    static String describe(final JsonNode node)
    {
        if (node.isBoolean())
        {
            return "boolean " + node.booleanValue();
        }
        if (node.isIntegralNumber())
        {
            return "integer " + node.asText();
        }
        if (node.isNumber())
        {
            return "float " + node.asText();
        }
        if (node.isTextual())
        {
            return "string " + GoStrconv.quote(node.textValue());
        }
        if (node.isArray())
        {
            return "array";
        }
        if (node.isObject())
        {
            return "table";
        }
        if (node.isPojo())
        {
            // TomlReadFeature.PARSE_JAVA_TIME turns TOML dates and times into embedded java.time values
            return "date-time";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
