package io.ringnsq.core.meta;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.ringnsq.core.Names;
import io.ringnsq.core.json.GoJson;

/**
 * Reads {@code nsqd.dat} as upstream v1.3.0's {@code LoadMetadata} does: {@code json.Unmarshal} into its
 * {@code Metadata} struct (any error refuses the whole file), then each topic and channel in file order.
 *
 * <p>Go's decoding rules kept: keys match fields case-insensitively (ASCII, plus U+017F for 's'); unknown keys
 * are skipped; {@code null} leaves a name or flag as it was and empties a list, so {@code "channels":null}
 * is no channels and a missing {@code paused} is false; a {@code null} file is no topics; a value of the wrong
 * JSON type refuses the file with Go's message, but a syntax error anywhere wins over it (Go checks the syntax
 * first); invalid UTF-8 reads as U+FFFD. One deliberate difference: {@code version} is never checked, whatever
 * its type, as older files must always load.
 *
 * <p>Then, as upstream: an invalid topic name is skipped with its channels, an invalid channel name alone,
 * each with upstream's warning. Departures, each with a warning: ephemeral names are skipped too (upstream never
 * writes them and would recreate them with no client to ever remove them); a repeated topic or channel is merged
 * into its first place, paused if any copy is, which is what upstream's get-or-create plus pause amounts to.
 */
final class MetadataDecoder
{
    private static final String UNEXPECTED_END = "unexpected end of JSON input";

    /** Go has no limits but a nesting depth of 10000; Jackson's defaults are lower. */
    private static final JsonFactory JSON = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(10_000)
            .maxNumberLength(Integer.MAX_VALUE)
            .maxStringLength(Integer.MAX_VALUE)
            .maxNameLength(Integer.MAX_VALUE)
            .build())
        .build();

    private final Consumer<String> warnings;
    /** Go saves the first type error and goes on decoding, so a later syntax error is reported instead. */
    private String typeError;

    private MetadataDecoder(final Consumer<String> warnings)
    {
        this.warnings = warnings;
    }

    /**
     * @param bytes    the file's content.
     * @param warnings receives one line per topic or channel skipped or merged.
     * @return the topics and channels to recreate.
     * @throws IOException with Go's or Jackson's description of what is wrong (without the file name).
     */
    static NsqdMetadata decode(final byte[] bytes, final Consumer<String> warnings) throws IOException
    {
        final MetadataDecoder decoder = new MetadataDecoder(warnings);
        return decoder.load(decoder.unmarshal(bytes));
    }

    private List<RawTopic> unmarshal(final byte[] bytes) throws IOException
    {
        List<RawTopic> topics = null;
        try (JsonParser parser = JSON.createParser(new String(bytes, StandardCharsets.UTF_8)))
        {
            final JsonToken first = parser.nextToken();
            if (first == null)
            {
                throw new IOException(UNEXPECTED_END);
            }
            if (first == JsonToken.START_OBJECT)
            {
                topics = readMetadata(parser);
            }
            else if (first != JsonToken.VALUE_NULL)
            {
                typeError = "json: cannot unmarshal " + GoJson.kind(first) + " into Go value of type nsqd.Metadata";
                parser.skipChildren();
            }
            if (parser.nextToken() != null)
            {
                throw new IOException("invalid character after top-level value");
            }
        }
        catch (final JsonEOFException ex)
        {
            throw new IOException(UNEXPECTED_END, ex);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IOException(describe(ex), ex);
        }
        if (typeError != null)
        {
            throw new IOException(typeError);
        }
        return topics == null ? List.of() : topics;
    }

    private List<RawTopic> readMetadata(final JsonParser parser) throws IOException
    {
        List<RawTopic> topics = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final String key = parser.currentName();
            final JsonToken value = parser.nextToken();
            if (GoJson.keyMatches("topics", key))
            {
                topics = readTopics(parser, value);
            }
            else
            {
                // unknown keys, and "version", which older files also carry
                parser.skipChildren();
            }
        }
        return topics;
    }

    private List<RawTopic> readTopics(final JsonParser parser, final JsonToken value) throws IOException
    {
        if (value != JsonToken.START_ARRAY)
        {
            notA(parser, value, "Metadata.topics", "[]nsqd.TopicMetadata");
            return null;
        }
        final List<RawTopic> topics = new ArrayList<>();
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY)
        {
            final RawTopic topic = new RawTopic();
            if (element == JsonToken.START_OBJECT)
            {
                readTopic(parser, topic);
            }
            else
            {
                notA(parser, element, "Metadata.topics", "nsqd.TopicMetadata");
            }
            topics.add(topic);
        }
        return topics;
    }

    private void readTopic(final JsonParser parser, final RawTopic topic) throws IOException
    {
        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final String key = parser.currentName();
            final JsonToken value = parser.nextToken();
            if (GoJson.keyMatches("name", key))
            {
                topic.name = readString(parser, value, "TopicMetadata.topics.name", topic.name);
            }
            else if (GoJson.keyMatches("paused", key))
            {
                topic.paused = readBoolean(parser, value, "TopicMetadata.topics.paused", topic.paused);
            }
            else if (GoJson.keyMatches("channels", key))
            {
                topic.channels = readChannels(parser, value);
            }
            else
            {
                parser.skipChildren();
            }
        }
    }

    private List<RawChannel> readChannels(final JsonParser parser, final JsonToken value) throws IOException
    {
        if (value != JsonToken.START_ARRAY)
        {
            notA(parser, value, "TopicMetadata.topics.channels", "[]nsqd.ChannelMetadata");
            return null;
        }
        final List<RawChannel> channels = new ArrayList<>();
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY)
        {
            final RawChannel channel = new RawChannel();
            if (element == JsonToken.START_OBJECT)
            {
                readChannel(parser, channel);
            }
            else
            {
                notA(parser, element, "TopicMetadata.topics.channels", "nsqd.ChannelMetadata");
            }
            channels.add(channel);
        }
        return channels;
    }

    private void readChannel(final JsonParser parser, final RawChannel channel) throws IOException
    {
        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final String key = parser.currentName();
            final JsonToken value = parser.nextToken();
            if (GoJson.keyMatches("name", key))
            {
                channel.name = readString(parser, value, "ChannelMetadata.topics.channels.name", channel.name);
            }
            else if (GoJson.keyMatches("paused", key))
            {
                channel.paused = readBoolean(parser, value, "ChannelMetadata.topics.channels.paused", channel.paused);
            }
            else
            {
                parser.skipChildren();
            }
        }
    }

    private String readString(final JsonParser parser, final JsonToken value, final String field, final String was)
        throws IOException
    {
        if (value == JsonToken.VALUE_STRING)
        {
            return parser.getText();
        }
        notA(parser, value, field, "string");
        return was;
    }

    private boolean readBoolean(final JsonParser parser, final JsonToken value, final String field, final boolean was)
        throws IOException
    {
        if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE)
        {
            return value == JsonToken.VALUE_TRUE;
        }
        notA(parser, value, field, "bool");
        return was;
    }

    /** A value that is not of the field's type: null is a no-op in Go, anything else a type error. */
    private void notA(final JsonParser parser, final JsonToken value, final String field, final String goType)
        throws IOException
    {
        if (value == JsonToken.VALUE_NULL)
        {
            return;
        }
        if (typeError == null)
        {
            typeError = "json: cannot unmarshal " + GoJson.kind(value) + " into Go struct field " + field +
                " of type " + goType;
        }
        parser.skipChildren();
    }

    private NsqdMetadata load(final List<RawTopic> raw)
    {
        final Map<String, MergedTopic> topics = new LinkedHashMap<>();
        for (final RawTopic topic : raw)
        {
            if (!Names.isValid(topic.name))
            {
                warnings.accept("skipping creation of invalid topic " + topic.name);
                continue;
            }
            if (Names.isEphemeral(topic.name))
            {
                warnings.accept("skipping creation of ephemeral topic " + topic.name +
                    " (ephemeral topics are never saved)");
                continue;
            }
            MergedTopic merged = topics.get(topic.name);
            if (merged == null)
            {
                merged = new MergedTopic();
                topics.put(topic.name, merged);
            }
            else
            {
                warnings.accept("merging duplicate topic " + topic.name);
            }
            merged.paused |= topic.paused;
            if (topic.channels != null)
            {
                loadChannels(topic.name, topic.channels, merged.channels);
            }
        }
        final List<TopicMetadata> result = new ArrayList<>(topics.size());
        for (final Map.Entry<String, MergedTopic> topic : topics.entrySet())
        {
            final List<ChannelMetadata> channels = new ArrayList<>(topic.getValue().channels.size());
            for (final Map.Entry<String, Boolean> channel : topic.getValue().channels.entrySet())
            {
                channels.add(new ChannelMetadata(channel.getKey(), channel.getValue()));
            }
            result.add(new TopicMetadata(topic.getKey(), topic.getValue().paused, channels));
        }
        return new NsqdMetadata(result);
    }

    private void loadChannels(final String topic, final List<RawChannel> raw, final Map<String, Boolean> channels)
    {
        for (final RawChannel channel : raw)
        {
            if (!Names.isValid(channel.name))
            {
                warnings.accept("skipping creation of invalid channel " + channel.name);
                continue;
            }
            if (Names.isEphemeral(channel.name))
            {
                warnings.accept("skipping creation of ephemeral channel " + channel.name + " of topic " + topic +
                    " (ephemeral channels are never saved)");
                continue;
            }
            final Boolean was = channels.get(channel.name);
            if (was != null)
            {
                warnings.accept("merging duplicate channel " + channel.name + " of topic " + topic);
            }
            channels.put(channel.name, channel.paused || (was != null && was));
        }
    }

    private static String describe(final JsonProcessingException ex)
    {
        final JsonLocation location = ex.getLocation();
        return location == null ? ex.getOriginalMessage() :
            ex.getOriginalMessage() + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** One topic as json.Unmarshal fills it: a missing name is "" (invalid), a missing list null. */
    private static final class RawTopic
    {
        private String name = "";
        private boolean paused;
        private List<RawChannel> channels;
    }

    private static final class RawChannel
    {
        private String name = "";
        private boolean paused;
    }

    private static final class MergedTopic
    {
        private boolean paused;
        private final Map<String, Boolean> channels = new LinkedHashMap<>();
    }
}
