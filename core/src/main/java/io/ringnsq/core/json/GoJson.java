package io.ringnsq.core.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * What Go's {@code encoding/json} does when it unmarshals into a struct, for the decoders that must read JSON as
 * upstream nsqd reads it (nsqd.dat, auth server answers), on a Jackson token stream.
 */
public final class GoJson
{
    private GoJson()
    {
    }

    /**
     * Go's field matching: exact, else ASCII case-insensitive, where a key's U+017F matches an 's' and U+212A
     * (Kelvin) a 'k' of the field name (Go folds those two into ASCII letters).
     */
    public static boolean keyMatches(final String field, final String key)
    {
        if (field.equals(key))
        {
            return true;
        }
        int k = 0;
        for (int f = 0; f < field.length(); f++)
        {
            if (k >= key.length())
            {
                return false;
            }
            final int kc = key.codePointAt(k);
            k += Character.charCount(kc);
            final char fc = field.charAt(f);
            final char lower = fc >= 'A' && fc <= 'Z' ? (char)(fc + 32) : fc;
            if (kc < 0x80)
            {
                final int keyLower = kc >= 'A' && kc <= 'Z' ? kc + 32 : kc;
                if (keyLower != lower || (kc != fc && !(lower >= 'a' && lower <= 'z')))
                {
                    return false;
                }
            }
            else if (!(lower == 's' && kc == 0x17F) && !(lower == 'k' && kc == 0x212A))
            {
                return false;
            }
        }
        return k == key.length();
    }

    /** Go's name for a JSON value's kind in an {@code UnmarshalTypeError}. */
    public static String kind(final JsonToken token)
    {
        return switch (token)
        {
            case START_ARRAY -> "array";
            case START_OBJECT -> "object";
            case VALUE_STRING -> "string";
            case VALUE_TRUE, VALUE_FALSE -> "bool";
            default -> "number";
        };
    }

    /** A Go {@code string} field's value: a JSON string, nothing else (Go's decode fails on any other kind). */
    public static String string(final JsonParser parser, final JsonToken value) throws IOException
    {
        if (value != JsonToken.VALUE_STRING)
        {
            throw new IllegalArgumentException("not a string");
        }
        return parser.getText();
    }

    /** A Go {@code int} field's value (64-bit): an integer literal that fits, nothing else (no fraction, no exponent). */
    public static long int64(final JsonParser parser, final JsonToken value) throws IOException
    {
        final JsonParser.NumberType type = value == JsonToken.VALUE_NUMBER_INT ? parser.getNumberType() : null;
        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG)
        {
            throw new IllegalArgumentException("not an int64");
        }
        return parser.getLongValue();
    }
}
