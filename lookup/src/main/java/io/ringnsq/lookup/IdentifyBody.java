package io.ringnsq.lookup;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ringnsq.core.json.GoJson;

/**
 * The V1 IDENTIFY body, decoded as Go's {@code json.Unmarshal} fills upstream's {@code PeerInfo}: keys match as
 * Go matches them, unknown keys are skipped, {@code null} leaves a field alone, and a value of the wrong JSON
 * type, a fraction or an out-of-range number for a port, or anything after the document fails the decode.
 */
final class IdentifyBody
{
    private static final JsonFactory JSON = new JsonFactory();

    String hostname = "";
    String broadcastAddress = "";
    long tcpPort;
    long httpPort;
    String version = "";

    private IdentifyBody()
    {
    }

    /** @return the fields, or null when the body does not decode (E_BAD_BODY IDENTIFY failed to decode JSON body). */
    static IdentifyBody parse(final byte[] body)
    {
        final IdentifyBody fields = new IdentifyBody();
        try (JsonParser parser = JSON.createParser(body))
        {
            final JsonToken root = parser.nextToken();
            if (root == JsonToken.START_OBJECT)
            {
                if (!fields.readFields(parser))
                {
                    return null;
                }
            }
            else if (root != JsonToken.VALUE_NULL)
            {
                return null; // nothing (an empty body), or not an object
            }
            return parser.nextToken() == null ? fields : null;
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }

    /** Upstream's rule: broadcast_address, tcp_port, http_port and version all set and non-zero. */
    boolean complete()
    {
        return !broadcastAddress.isEmpty() && tcpPort != 0 && httpPort != 0 && !version.isEmpty();
    }

    PeerInfo toPeer(final String remoteAddress)
    {
        return new PeerInfo(remoteAddress, hostname, broadcastAddress, tcpPort, httpPort, version);
    }

    private boolean readFields(final JsonParser parser) throws IOException
    {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME)
        {
            final String key = parser.currentName();
            final JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_NULL)
            {
                continue;
            }
            if (GoJson.keyMatches("remote_address", key))
            {
                GoJson.string(parser, value); // upstream decodes it, then overwrites it with the connection's address
            }
            else if (GoJson.keyMatches("hostname", key))
            {
                hostname = GoJson.string(parser, value);
            }
            else if (GoJson.keyMatches("broadcast_address", key))
            {
                broadcastAddress = GoJson.string(parser, value);
            }
            else if (GoJson.keyMatches("tcp_port", key))
            {
                tcpPort = GoJson.int64(parser, value);
            }
            else if (GoJson.keyMatches("http_port", key))
            {
                httpPort = GoJson.int64(parser, value);
            }
            else if (GoJson.keyMatches("version", key))
            {
                version = GoJson.string(parser, value);
            }
            else
            {
                parser.skipChildren();
            }
        }
        return token == JsonToken.END_OBJECT;
    }
}
