package io.ringnsq.lookup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ringnsq.transport.stats.GoJsonEscapes;

/**
 * The JSON documents of nsqlookupd (spec §4.1 IDENTIFY reply, §4.3), byte for byte as Go's {@code json.Marshal}
 * writes them: Go's string escapes, struct fields in declaration order, map keys sorted, empty lists as {@code []}.
 */
final class LookupdJson
{
    /** One /nodes entry: a peer, its topics, and for each topic whether its tombstone is in force. */
    record Node(PeerInfo peer, List<Boolean> tombstones, List<String> topics)
    {
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    private LookupdJson()
    {
    }

    private interface Body
    {
        void write(JsonGenerator json) throws IOException;
    }

    private static byte[] document(final Body body)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8))
        {
            json.setCharacterEscapes(new GoJsonEscapes());
            json.writeStartObject();
            body.write(json);
            json.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex); // into memory: cannot happen
        }
        return out.toByteArray();
    }

    /** The IDENTIFY reply: a Go map, so the keys are sorted. */
    static byte[] identifyReply(final String broadcastAddress, final String hostname, final int httpPort, final int tcpPort,
        final String version)
    {
        return document(json ->
        {
            string(json, "broadcast_address", broadcastAddress);
            string(json, "hostname", hostname);
            json.writeNumberField("http_port", httpPort);
            json.writeNumberField("tcp_port", tcpPort);
            string(json, "version", version);
        });
    }

    /** {@code {"<field>":["a","b"]}}: /topics, /channels. */
    static byte[] names(final String field, final List<String> names)
    {
        return document(json -> strings(json, field, names));
    }

    static byte[] info(final String version)
    {
        return document(json -> string(json, "version", version));
    }

    /** /lookup: a Go map, so {@code channels} comes before {@code producers}. */
    static byte[] lookup(final List<String> channels, final List<Producer> producers)
    {
        return document(json ->
        {
            strings(json, "channels", channels);
            json.writeArrayFieldStart("producers");
            for (final Producer p : producers)
            {
                json.writeStartObject();
                peerFields(json, p.peer());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    /** /nodes: upstream's {@code node} struct, {@code tombstones} then {@code topics} after the peer's fields. */
    static byte[] nodes(final List<Node> nodes)
    {
        return document(json ->
        {
            json.writeArrayFieldStart("producers");
            for (final Node node : nodes)
            {
                json.writeStartObject();
                peerFields(json, node.peer());
                json.writeArrayFieldStart("tombstones");
                for (final boolean tombstone : node.tombstones())
                {
                    json.writeBoolean(tombstone);
                }
                json.writeEndArray();
                strings(json, "topics", node.topics());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    /**
     * /debug: upstream builds {@code map[string][]map[string]interface{}}, so both the registration names and
     * each producer's keys come out sorted; keys without producers are left out.
     */
    static byte[] debug(final Map<Registration, Map<String, Producer>> registrations)
    {
        final Map<String, Iterable<Producer>> sorted = new TreeMap<>();
        registrations.forEach((key, producers) ->
        {
            if (!producers.isEmpty())
            {
                sorted.put(key.debugName(), producers.values());
            }
        });
        return document(json ->
        {
            for (final Map.Entry<String, Iterable<Producer>> entry : sorted.entrySet())
            {
                json.writeArrayFieldStart(GoJsonEscapes.sanitize(entry.getKey()));
                for (final Producer p : entry.getValue())
                {
                    final PeerInfo peer = p.peer();
                    json.writeStartObject();
                    string(json, "broadcast_address", peer.broadcastAddress());
                    string(json, "hostname", peer.hostname());
                    json.writeNumberField("http_port", peer.httpPort());
                    string(json, "id", peer.id());
                    json.writeNumberField("last_update", peer.lastUpdate());
                    json.writeNumberField("tcp_port", peer.tcpPort());
                    json.writeBooleanField("tombstoned", p.tombstoned());
                    json.writeNumberField("tombstoned_at", p.tombstonedAt());
                    string(json, "version", peer.version());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
        });
    }

    /** Upstream's {@code PeerInfo} struct fields, in declaration order. */
    private static void peerFields(final JsonGenerator json, final PeerInfo peer) throws IOException
    {
        string(json, "remote_address", peer.remoteAddress());
        string(json, "hostname", peer.hostname());
        string(json, "broadcast_address", peer.broadcastAddress());
        json.writeNumberField("tcp_port", peer.tcpPort());
        json.writeNumberField("http_port", peer.httpPort());
        string(json, "version", peer.version());
    }

    private static void strings(final JsonGenerator json, final String field, final List<String> values) throws IOException
    {
        json.writeArrayFieldStart(field);
        for (final String value : values)
        {
            json.writeString(GoJsonEscapes.sanitize(value));
        }
        json.writeEndArray();
    }

    private static void string(final JsonGenerator json, final String field, final String value) throws IOException
    {
        json.writeStringField(field, GoJsonEscapes.sanitize(value));
    }
}
