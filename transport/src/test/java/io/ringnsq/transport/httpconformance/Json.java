package io.ringnsq.transport.httpconformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Parses a JSON document into plain Java values that keep what the tests check: objects become
 * {@link LinkedHashMap}s in the order the keys came (upstream's key order is part of the contract),
 * an explicit {@code null} stays a key with a null value (distinct from an absent key), integers are
 * {@link Long}, other numbers {@link Double}. Trailing bytes after the document are an error.
 */
final class Json
{
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json()
    {
    }

    static Object parse(final String text)
    {
        try (JsonParser parser = FACTORY.createParser(text))
        {
            final JsonToken first = parser.nextToken();
            if (first == null)
            {
                throw new AssertionError("empty JSON document");
            }
            final Object value = read(parser, first);
            if (parser.nextToken() != null)
            {
                throw new AssertionError("trailing data after the JSON document: " + text);
            }
            return value;
        }
        catch (final IOException ex)
        {
            throw new AssertionError("not valid JSON: " + text, ex);
        }
    }

    static Map<String, Object> parseObject(final String text)
    {
        return object(parse(text));
    }

    private static Object read(final JsonParser parser, final JsonToken token) throws IOException
    {
        switch (token)
        {
            case START_OBJECT:
                final Map<String, Object> object = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken())
                {
                    final String key = parser.currentName();
                    if (object.containsKey(key))
                    {
                        throw new AssertionError("duplicate key '" + key + "'");
                    }
                    object.put(key, read(parser, parser.nextToken()));
                }
                return object;
            case START_ARRAY:
                final List<Object> array = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken())
                {
                    array.add(read(parser, t));
                }
                return array;
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new UncheckedIOException(new IOException("unexpected JSON token " + token));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(final Object value)
    {
        if (!(value instanceof Map))
        {
            throw new AssertionError("expected a JSON object, got " + value);
        }
        return (Map<String, Object>)value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> array(final Object value)
    {
        if (!(value instanceof List))
        {
            throw new AssertionError("expected a JSON array, got " + value);
        }
        return (List<Object>)value;
    }

    static List<Map<String, Object>> objects(final Object value)
    {
        final List<Map<String, Object>> objects = new ArrayList<>();
        for (final Object element : array(value))
        {
            objects.add(object(element));
        }
        return objects;
    }

    /** An integer field; fails when it is missing or not an integer. */
    static long integer(final Map<String, Object> object, final String key)
    {
        final Object value = object.get(key);
        if (!(value instanceof Long))
        {
            throw new AssertionError("expected an integer at '" + key + "', got " + value + " in " + object);
        }
        return (Long)value;
    }

    static List<String> keys(final Map<String, Object> object)
    {
        return new ArrayList<>(object.keySet());
    }
}
