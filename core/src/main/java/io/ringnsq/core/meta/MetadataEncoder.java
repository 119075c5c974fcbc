package io.ringnsq.core.meta;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes a snapshot as the bytes upstream v1.3.0's {@code json.Marshal(n.GetMetadata(false))} produces: Go
 * marshals struct fields in declaration order ({@code Metadata{Topics, Version}},
 * {@code TopicMetadata{Name, Paused, Channels}}, {@code ChannelMetadata{Name, Paused}}), compact, with no
 * trailing newline, and a nil slice as {@code null}. Upstream only appends to its slices, so no topics gives
 * {@code "topics":null} and a topic without channels {@code "channels":null}. Names are limited to
 * {@code [.a-zA-Z0-9_#-]}, so no character needs Go's extra HTML escaping.
 */
final class MetadataEncoder
{
    /** Upstream writes its own {@code version.Binary}; this is the version whose layout we write. */
    static final String VERSION = "1.3.0";

    private static final JsonFactory JSON = new JsonFactory();

    private MetadataEncoder()
    {
    }

    /**
     * @param metadata the snapshot, already without ephemeral topics and channels.
     * @return the file's bytes.
     */
    static byte[] encode(final NsqdMetadata metadata)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator json = JSON.createGenerator(out))
        {
            json.writeStartObject();
            json.writeFieldName("topics");
            final List<TopicMetadata> topics = metadata.topics();
            if (topics.isEmpty())
            {
                json.writeNull();
            }
            else
            {
                json.writeStartArray();
                for (final TopicMetadata topic : topics)
                {
                    writeTopic(json, topic);
                }
                json.writeEndArray();
            }
            json.writeStringField("version", VERSION);
            json.writeEndObject();
        }
        catch (final IOException ex)
        {
            // a ByteArrayOutputStream does not fail
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    private static void writeTopic(final JsonGenerator json, final TopicMetadata topic) throws IOException
    {
        json.writeStartObject();
        json.writeStringField("name", topic.name());
        json.writeBooleanField("paused", topic.paused());
        json.writeFieldName("channels");
        if (topic.channels().isEmpty())
        {
            json.writeNull();
        }
        else
        {
            json.writeStartArray();
            for (final ChannelMetadata channel : topic.channels())
            {
                json.writeStartObject();
                json.writeStringField("name", channel.name());
                json.writeBooleanField("paused", channel.paused());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }
}
