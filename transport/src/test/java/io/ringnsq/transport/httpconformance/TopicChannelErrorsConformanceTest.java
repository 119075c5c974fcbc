package io.ringnsq.transport.httpconformance;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spec §3.2: every 400/404 of the {@code /topic/*} and {@code /channel/*} rows. The topic endpoints differ
 * on purpose: create and empty validate the name ({@code INVALID_TOPIC}), delete, pause and unpause do
 * not (a bad name is simply not found). The channel endpoints check both names
 * ({@code INVALID_ARG_TOPIC}, {@code INVALID_ARG_CHANNEL}) before they look the topic up, so an unknown
 * topic without a channel parameter is {@code MISSING_ARG_CHANNEL}, not {@code TOPIC_NOT_FOUND}.
 */
final class TopicChannelErrorsConformanceTest extends HttpConformanceTestBase
{
    static final String EXISTING = "errors-existing";
    static final String PRESENT = "present";
    static final String UNKNOWN = "never-created";
    static final String[] CHANNEL_ENDPOINTS = {"create", "delete", "empty", "pause", "unpause"};

    @BeforeAll
    void createTheTopicAndChannelTheCasesNeed()
    {
        assertOkEmpty(post("/topic/create?topic=" + EXISTING));
        assertOkEmpty(post("/channel/create?topic=" + EXISTING + "&channel=" + PRESENT));
    }

    static Stream<Arguments> topicErrors()
    {
        return Stream.of(
            Arguments.of("/topic/create", 400, "MISSING_ARG_TOPIC"),
            Arguments.of("/topic/create?topic=", 400, "INVALID_TOPIC"),
            Arguments.of("/topic/create?topic=bad!topic", 400, "INVALID_TOPIC"),
            Arguments.of("/topic/create?topic=" + "a".repeat(65), 400, "INVALID_TOPIC"),
            Arguments.of("/topic/create?topic=%zz", 400, "INVALID_REQUEST"),
            Arguments.of("/topic/create?channel=c", 400, "MISSING_ARG_TOPIC"),
            Arguments.of("/topic/delete", 400, "MISSING_ARG_TOPIC"),
            Arguments.of("/topic/delete?topic=" + UNKNOWN, 404, "TOPIC_NOT_FOUND"),
            Arguments.of("/topic/delete?topic=bad!topic", 404, "TOPIC_NOT_FOUND"),
            Arguments.of("/topic/delete?topic=", 404, "TOPIC_NOT_FOUND"),
            Arguments.of("/topic/delete?topic=%zz", 400, "INVALID_REQUEST"),
            Arguments.of("/topic/empty", 400, "MISSING_ARG_TOPIC"),
            Arguments.of("/topic/empty?topic=bad!topic", 400, "INVALID_TOPIC"),
            Arguments.of("/topic/empty?topic=", 400, "INVALID_TOPIC"),
            Arguments.of("/topic/empty?topic=" + UNKNOWN, 404, "TOPIC_NOT_FOUND"),
            Arguments.of("/topic/empty?topic=%zz", 400, "INVALID_REQUEST"),
            Arguments.of("/topic/pause", 400, "MISSING_ARG_TOPIC"),
            Arguments.of("/topic/pause?topic=bad!topic", 404, "TOPIC_NOT_FOUND"),
            Arguments.of("/topic/pause?topic=" + UNKNOWN, 404, "TOPIC_NOT_FOUND"),
            Arguments.of("/topic/pause?topic=%zz", 400, "INVALID_REQUEST"),
            Arguments.of("/topic/unpause", 400, "MISSING_ARG_TOPIC"),
            Arguments.of("/topic/unpause?topic=bad!topic", 404, "TOPIC_NOT_FOUND"),
            Arguments.of("/topic/unpause?topic=" + UNKNOWN, 404, "TOPIC_NOT_FOUND"),
            Arguments.of("/topic/unpause?topic=%zz", 400, "INVALID_REQUEST"));
    }

    @ParameterizedTest(name = "POST {0} -> {1} {2}")
    @MethodSource("topicErrors")
    void topicEndpointErrors(final String target, final int status, final String message)
    {
        assertError(post(target), status, message);
    }

    static Stream<Arguments> channelErrors()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final String endpoint : CHANNEL_ENDPOINTS)
        {
            final String path = "/channel/" + endpoint;
            cases.add(Arguments.of(path, 400, "MISSING_ARG_TOPIC"));
            cases.add(Arguments.of(path + "?channel=c", 400, "MISSING_ARG_TOPIC"));
            cases.add(Arguments.of(path + "?topic=bad!topic&channel=c", 400, "INVALID_ARG_TOPIC"));
            cases.add(Arguments.of(path + "?topic=&channel=c", 400, "INVALID_ARG_TOPIC"));
            cases.add(Arguments.of(path + "?topic=" + EXISTING, 400, "MISSING_ARG_CHANNEL"));
            cases.add(Arguments.of(path + "?topic=" + EXISTING + "&channel=bad!channel", 400, "INVALID_ARG_CHANNEL"));
            cases.add(Arguments.of(path + "?topic=" + EXISTING + "&channel=", 400, "INVALID_ARG_CHANNEL"));
            cases.add(Arguments.of(path + "?topic=" + UNKNOWN + "&channel=c", 404, "TOPIC_NOT_FOUND"));
            cases.add(Arguments.of(path + "?topic=" + UNKNOWN, 400, "MISSING_ARG_CHANNEL"));
            cases.add(Arguments.of(path + "?topic=" + UNKNOWN + "&channel=bad!channel", 400, "INVALID_ARG_CHANNEL"));
            cases.add(Arguments.of(path + "?topic=%zz&channel=c", 400, "INVALID_REQUEST"));
            if (!"create".equals(endpoint))
            {
                cases.add(Arguments.of(path + "?topic=" + EXISTING + "&channel=absent", 404, "CHANNEL_NOT_FOUND"));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "POST {0} -> {1} {2}")
    @MethodSource("channelErrors")
    void channelEndpointErrors(final String target, final int status, final String message)
    {
        assertError(post(target), status, message);
    }

    @Test
    void channelCreateOnAnUnknownTopicCreatesNeitherTopicNorChannel()
    {
        final String topic = unique("absent");

        assertError(post("/channel/create?topic=" + topic + "&channel=c"), 404, "TOPIC_NOT_FOUND");

        assertFalse(topicExists(topic));
    }

    @Test
    void failedAdminCallsLeaveTheExistingTopicAndChannelAlone()
    {
        post("/channel/delete?topic=" + EXISTING + "&channel=absent");
        post("/topic/delete?topic=bad!topic");

        assertOkEmpty(post("/channel/pause?topic=" + EXISTING + "&channel=" + PRESENT));
        assertOkEmpty(post("/channel/unpause?topic=" + EXISTING + "&channel=" + PRESENT));
    }

    @Test
    void adminEndpointsReadParametersOnlyFromTheQueryString()
    {
        // §3.1: a POST body is ignored except by /pub, /mpub and PUT /config
        final HttpRequest form = HttpRequest.post("/topic/create")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("topic=" + unique("form"));
        assertError(exchange(form), 400, "MISSING_ARG_TOPIC");

        final HttpRequest channelForm = HttpRequest.post("/channel/create?topic=" + EXISTING)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("channel=form");
        assertError(exchange(channelForm), 400, "MISSING_ARG_CHANNEL");
    }
}
