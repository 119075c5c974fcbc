package io.ringnsq.transport.httpconformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ringnsq.transport.testsupport.V2Connection;

/**
 * The same API through {@link java.net.http.HttpClient}, a stock client with a connection pool: it
 * reuses connections between requests, sends a body of unknown length chunked, and by default offers
 * an h2c upgrade on plain http, which an HTTP/1.1-only server (Go's, without h2c) ignores.
 */
final class StandardClientConformanceTest extends HttpConformanceTestBase
{
    private final HttpClient http11 = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    private URI uri(final String target)
    {
        return URI.create("http://127.0.0.1:" + httpAddress().getPort() + target);
    }

    private java.net.http.HttpResponse<String> send(final HttpClient client, final java.net.http.HttpRequest request)
        throws IOException, InterruptedException
    {
        return client.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void aStockClientPublishesAndReadsStatsOverPooledConnections() throws Exception
    {
        final String topic = unique("t");
        for (int i = 0; i < 5; i++)
        {
            final java.net.http.HttpResponse<String> pub = send(http11, java.net.http.HttpRequest.newBuilder(uri("/pub?topic=" + topic))
                .timeout(Duration.ofSeconds(5))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("m" + i))
                .build());
            assertEquals(200, pub.statusCode());
            assertEquals("OK", pub.body());
            assertEquals(X_NSQ_VALUE, pub.headers().firstValue("x-nsq-content-type").orElse(null));
        }

        final java.net.http.HttpResponse<String> stats = send(http11, java.net.http.HttpRequest.newBuilder(
            uri("/stats?format=json&include_mem=false&topic=" + topic)).timeout(Duration.ofSeconds(5)).GET().build());

        assertEquals(200, stats.statusCode());
        assertEquals(JSON_TYPE, stats.headers().firstValue("content-type").orElse(null));
        final Map<String, Object> topicStats = Json.objects(Json.parseObject(stats.body()).get("topics")).get(0);
        assertEquals(5, Json.integer(topicStats, "message_count"));
    }

    @Test
    void aStockClientSendsABodyOfUnknownLengthChunked() throws Exception
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "c");
        consumer.rdy(2);

        final java.net.http.HttpResponse<String> response = send(http11, java.net.http.HttpRequest.newBuilder(
                uri("/mpub?topic=" + topic))
            .timeout(Duration.ofSeconds(5))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream("first\nsecond".getBytes(StandardCharsets.UTF_8))))
            .build());

        assertEquals(200, response.statusCode());
        assertEquals("first", consumer.expectMessage().bodyText());
        assertEquals("second", consumer.expectMessage().bodyText());
    }

    @Test
    void aStockClientSeesErrorsAsJsonMessages() throws Exception
    {
        final java.net.http.HttpResponse<String> response = send(http11, java.net.http.HttpRequest.newBuilder(
            uri("/channel/create?topic=" + unique("absent") + "&channel=c"))
            .timeout(Duration.ofSeconds(5))
            .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
            .build());

        assertEquals(404, response.statusCode());
        assertEquals("{\"message\":\"TOPIC_NOT_FOUND\"}", response.body());
        assertEquals(JSON_TYPE, response.headers().firstValue("content-type").orElse(null));
    }

    @Test
    void anOfferToUpgradeToH2cIsIgnored() throws Exception
    {
        // the default client version is HTTP/2: on plain http it sends Upgrade: h2c and HTTP2-Settings
        final HttpClient defaults = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        final java.net.http.HttpResponse<String> response = send(defaults, java.net.http.HttpRequest.newBuilder(uri("/ping"))
            .timeout(Duration.ofSeconds(5)).GET().build());

        assertEquals(200, response.statusCode());
        assertEquals("OK", response.body());
        assertEquals(HttpClient.Version.HTTP_1_1, response.version(), "an HTTP/1.1-only server keeps speaking HTTP/1.1");
        assertTrue(response.headers().firstValue("upgrade").isEmpty());
    }
}
