package io.ringnsq.transport.nsqd.lookupd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ringnsq.core.json.GoJson;
import io.ringnsq.transport.nsqd.NsqdConfigValues;

/**
 * What nsqd sends a lookupd in IDENTIFY, and what it keeps of the reply (upstream's {@code peerInfo}):
 * the lookupd's broadcast address and HTTP port, where {@code /channels} is asked.
 */
record PeerInfo(String broadcastAddress, int httpPort)
{
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * Go's {@code json.Marshal} of upstream's {@code map[string]interface{}}: keys sorted, compact, Go's
     * string escaping.
     */
    static byte[] identifyBody(final String broadcastAddress, final String hostname, final int httpPort, final int tcpPort,
        final String version)
    {
        final StringBuilder json = new StringBuilder("{\"broadcast_address\":");
        NsqdConfigValues.appendGoJsonString(json, broadcastAddress);
        json.append(",\"hostname\":");
        NsqdConfigValues.appendGoJsonString(json, hostname);
        json.append(",\"http_port\":").append(httpPort).append(",\"tcp_port\":").append(tcpPort).append(",\"version\":");
        NsqdConfigValues.appendGoJsonString(json, version);
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Go's {@code json.Unmarshal} of the IDENTIFY reply into {@code peerInfo}: keys matched as Go matches
     * them, others skipped; a value of the wrong type, or something that is not a JSON object, fails.
     */
    static PeerInfo parse(final byte[] reply) throws IOException
    {
        String broadcastAddress = "";
        int httpPort = 0;
        try (JsonParser parser = JSON.createParser(reply))
        {
            if (parser.nextToken() != JsonToken.START_OBJECT)
            {
                throw new IOException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME)
            {
                final String key = parser.currentName();
                final JsonToken value = parser.nextToken();
                if (GoJson.keyMatches("broadcast_address", key) && value != JsonToken.VALUE_NULL)
                {
                    require(value == JsonToken.VALUE_STRING, key, value);
                    broadcastAddress = parser.getText();
                }
                else if (GoJson.keyMatches("http_port", key) && value != JsonToken.VALUE_NULL)
                {
                    require(value == JsonToken.VALUE_NUMBER_INT, key, value);
                    httpPort = parser.getIntValue();
                }
                else
                {
                    parser.skipChildren();
                }
            }
        }
        catch (final RuntimeException ex)
        {
            throw new IOException(ex.getMessage(), ex);
        }
        return new PeerInfo(broadcastAddress, httpPort);
    }

    private static void require(final boolean ok, final String key, final JsonToken value) throws IOException
    {
        if (!ok)
        {
            throw new IOException("json: cannot unmarshal " + GoJson.kind(value) + " into field " + key);
        }
    }

    /** Go's {@code net.JoinHostPort}: an IPv6 host in brackets. */
    String httpAddress()
    {
        return (broadcastAddress.indexOf(':') >= 0 ? "[" + broadcastAddress + "]" : broadcastAddress) + ":" + httpPort;
    }
}
