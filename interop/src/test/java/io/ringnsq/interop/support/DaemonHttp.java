package io.ringnsq.interop.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The daemons' HTTP APIs as the process tests use them: plain GETs and POSTs, the queue figures of nsqd's
 * {@code /stats}, and the producers nsqlookupd's {@code /lookup} lists.
 */
public final class DaemonHttp
{
    /** Status line and body of one answer. */
    public record Answer(int status, String body)
    {
    }

    /** A channel's figures in /stats. */
    public record ChannelFigures(long depth, long inFlight, long deferred, boolean paused)
    {
    }

    /** A topic's figures in /stats, its channels by name. */
    public record TopicFigures(long depth, boolean paused, Map<String, ChannelFigures> channels)
    {
        public ChannelFigures channel(final String name)
        {
            final ChannelFigures channel = channels.get(name);
            if (channel == null)
            {
                throw new AssertionError("no channel " + name + " in /stats: " + channels.keySet());
            }
            return channel;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration REQUEST_LIMIT = Duration.ofSeconds(10);
    private static final JsonFactory JSON = new JsonFactory();

    private DaemonHttp()
    {
    }

    public static Answer get(final String url) throws IOException, InterruptedException
    {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_LIMIT).GET().build());
    }

    public static Answer post(final String url, final String body) throws IOException, InterruptedException
    {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_LIMIT)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    /** A POST that must be answered 200 (the {@code /topic/*} and {@code /channel/*} actions). */
    public static void postOk(final String url) throws IOException, InterruptedException
    {
        final Answer answer = post(url, "");
        if (answer.status() != 200)
        {
            throw new AssertionError("POST " + url + " answered " + answer);
        }
    }

    private static Answer send(final HttpRequest request) throws IOException, InterruptedException
    {
        final HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(response.statusCode(), response.body());
    }

    /** Every topic of {@code GET /stats?format=json}, by name. */
    public static Map<String, TopicFigures> topics(final String httpBase) throws IOException, InterruptedException
    {
        final Answer answer = get(httpBase + "/stats?format=json&include_clients=false");
        if (answer.status() != 200)
        {
            throw new AssertionError("GET /stats answered " + answer);
        }
        try (JsonParser parser = JSON.createParser(answer.body()))
        {
            final Map<String, TopicFigures> topics = new HashMap<>();
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME)
            {
                parser.nextToken();
                if (parser.currentName().equals("topics") && parser.currentToken() == JsonToken.START_ARRAY)
                {
                    while (parser.nextToken() == JsonToken.START_OBJECT)
                    {
                        readTopic(parser, topics);
                    }
                }
                else
                {
                    parser.skipChildren();
                }
            }
            return topics;
        }
    }

    /**
     * The producers nsqlookupd's {@code GET /lookup?topic=} lists, as {@code broadcast_address:tcp_port} (what clients
     * connect to); none while the topic is unknown to it (404 {@code TOPIC_NOT_FOUND}).
     */
    public static List<String> producers(final String lookupdHttpBase, final String topic) throws IOException, InterruptedException
    {
        final Answer answer = get(lookupdHttpBase + "/lookup?topic=" + topic);
        if (answer.status() == 404)
        {
            return List.of();
        }
        if (answer.status() != 200)
        {
            throw new AssertionError("GET /lookup answered " + answer);
        }
        final List<String> producers = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(answer.body()))
        {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME)
            {
                parser.nextToken();
                if (parser.currentName().equals("producers") && parser.currentToken() == JsonToken.START_ARRAY)
                {
                    while (parser.nextToken() == JsonToken.START_OBJECT)
                    {
                        final Map<String, Object> producer = scalars(parser);
                        producers.add(producer.get("broadcast_address") + ":" + producer.get("tcp_port"));
                    }
                }
                else
                {
                    parser.skipChildren();
                }
            }
        }
        return producers;
    }

    private static void readTopic(final JsonParser parser, final Map<String, TopicFigures> topics) throws IOException
    {
        final Map<String, Object> fields = new HashMap<>();
        final Map<String, ChannelFigures> channels = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            parser.nextToken();
            if (parser.currentName().equals("channels") && parser.currentToken() == JsonToken.START_ARRAY)
            {
                while (parser.nextToken() == JsonToken.START_OBJECT)
                {
                    final Map<String, Object> channel = scalars(parser);
                    channels.put((String)channel.get("channel_name"), new ChannelFigures((Long)channel.get("depth"),
                        (Long)channel.get("in_flight_count"), (Long)channel.get("deferred_count"), (Boolean)channel.get("paused")));
                }
            }
            else
            {
                scalar(parser, fields);
            }
        }
        topics.put((String)fields.get("topic_name"), new TopicFigures((Long)fields.get("depth"), (Boolean)fields.get("paused"),
            channels));
    }

    /** The scalar fields of the object the parser is at (its nested objects and arrays skipped). */
    private static Map<String, Object> scalars(final JsonParser parser) throws IOException
    {
        final Map<String, Object> fields = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            parser.nextToken();
            scalar(parser, fields);
        }
        return fields;
    }

    private static void scalar(final JsonParser parser, final Map<String, Object> into) throws IOException
    {
        switch (parser.currentToken())
        {
            case VALUE_STRING -> into.put(parser.currentName(), parser.getText());
            case VALUE_NUMBER_INT -> into.put(parser.currentName(), parser.getLongValue());
            case VALUE_TRUE, VALUE_FALSE -> into.put(parser.currentName(), parser.getBooleanValue());
            default -> parser.skipChildren();
        }
    }
}
