package io.ringnsq.transport.features;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

/** A JSON document as nested {@link LinkedHashMap}s, {@link ArrayList}s, strings, longs, doubles, booleans and nulls. */
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
            parser.nextToken();
            return read(parser);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("not JSON: " + text, ex);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(final String text)
    {
        return (Map<String, Object>)parse(text);
    }

    private static Object read(final JsonParser parser) throws IOException
    {
        switch (parser.currentToken())
        {
            case START_OBJECT ->
            {
                final Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.END_OBJECT)
                {
                    final String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, read(parser));
                }
                return object;
            }
            case START_ARRAY ->
            {
                final List<Object> array = new ArrayList<>();
                while (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY)
                {
                    array.add(read(parser));
                }
                return array;
            }
            case VALUE_STRING ->
            {
                return parser.getText();
            }
            case VALUE_NUMBER_INT ->
            {
                return parser.getLongValue();
            }
            case VALUE_NUMBER_FLOAT ->
            {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE ->
            {
                return Boolean.TRUE;
            }
            case VALUE_FALSE ->
            {
                return Boolean.FALSE;
            }
            case VALUE_NULL ->
            {
                return null;
            }
            default -> throw new IOException("unexpected token " + parser.currentToken());
        }
    }
}
