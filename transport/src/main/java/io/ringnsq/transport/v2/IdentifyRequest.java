package io.ringnsq.transport.v2;

import java.io.IOException;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ringnsq.core.json.GoJson;

/**
 * The IDENTIFY body, decoded the way Go's {@code encoding/json} decodes it into upstream's struct:
 * keys match case-insensitively, unknown keys (go-nsq's {@code short_id}, {@code long_id}, ...) are
 * ignored, {@code null} leaves a field alone, and a value of the wrong JSON type, a fraction for an
 * integer, an integer out of range or anything after the document is an error.
 */
final class IdentifyRequest
{
    private static final JsonFactory JSON = new JsonFactory();

    String clientId = "";
    String hostname = "";
    String userAgent = "";
    long heartbeatInterval;
    long outputBufferSize;
    long outputBufferTimeout;
    boolean featureNegotiation;
    boolean tlsV1;
    boolean deflate;
    long deflateLevel;
    boolean snappy;
    long sampleRate;
    long msgTimeout;

    /** @return the request, or null when the body is not JSON that decodes into it. */
    static IdentifyRequest parse(final byte[] body)
    {
        final IdentifyRequest request = new IdentifyRequest();
        try (JsonParser parser = JSON.createParser(body))
        {
            final JsonToken root = parser.nextToken();
            if (root == JsonToken.START_OBJECT)
            {
                if (!request.readFields(parser))
                {
                    return null;
                }
            }
            else if (root != JsonToken.VALUE_NULL)
            {
                return null;
            }
            return parser.nextToken() == null ? request : null;
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }

    private boolean readFields(final JsonParser parser) throws IOException
    {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME)
        {
            final String key = parser.currentName().toLowerCase(Locale.ROOT);
            final JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_NULL)
            {
                continue;
            }
            switch (key)
            {
                case "client_id" -> clientId = GoJson.string(parser, value);
                case "hostname" -> hostname = GoJson.string(parser, value);
                case "user_agent" -> userAgent = GoJson.string(parser, value);
                case "heartbeat_interval" -> heartbeatInterval = GoJson.int64(parser, value);
                case "output_buffer_size" -> outputBufferSize = GoJson.int64(parser, value);
                case "output_buffer_timeout" -> outputBufferTimeout = GoJson.int64(parser, value);
                case "deflate_level" -> deflateLevel = GoJson.int64(parser, value);
                case "msg_timeout" -> msgTimeout = GoJson.int64(parser, value);
                case "sample_rate" -> sampleRate = int32(parser, value);
                case "feature_negotiation" -> featureNegotiation = bool(value);
                case "tls_v1" -> tlsV1 = bool(value);
                case "deflate" -> deflate = bool(value);
                case "snappy" -> snappy = bool(value);
                default -> parser.skipChildren();
            }
        }
        return token == JsonToken.END_OBJECT;
    }

    private static long int32(final JsonParser parser, final JsonToken value) throws IOException
    {
        if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT)
        {
            throw new IllegalArgumentException("not an int32");
        }
        return parser.getIntValue();
    }

    private static boolean bool(final JsonToken value)
    {
        if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE)
        {
            throw new IllegalArgumentException("not a bool");
        }
        return value == JsonToken.VALUE_TRUE;
    }
}
