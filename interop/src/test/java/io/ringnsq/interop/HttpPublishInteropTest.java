package io.ringnsq.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sproutsocial.nsq.Client;
import com.sproutsocial.nsq.Subscriber;

import io.ringnsq.interop.support.FakeLookupd;
import io.ringnsq.interop.support.NsqjsConsumer;
import io.ringnsq.interop.support.RunningNsqd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Messages published through nsqd's HTTP API ({@code /pub}, {@code /mpub} in text and binary mode)
 * consumed over TCP by clients written by others: nsq-j and nsqjs (its Reader, from npm). And
 * {@code /channel/pause} seen by a real consumer: nothing arrives while paused, everything after.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
final class HttpPublishInteropTest
{
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void shouldDeliverMessagesPublishedOverHttpToNsqj() throws Exception
    {
        try (RunningNsqd nsqd = RunningNsqd.start("http-nsqj");
             FakeLookupd lookupd = FakeLookupd.start(nsqd.host(), nsqd.port()))
        {
            final List<String> expected = publishOverHttp(nsqd, "http_nsqj");
            final BlockingQueue<String> received = new LinkedBlockingQueue<>();
            final Client client = new Client();
            try
            {
                final Subscriber subscriber = new Subscriber(client, 1, 5, lookupd.hostAndPort());
                subscriber.subscribe("http_nsqj", "c", 100, message ->
                {
                    received.add(new String(message.getData(), StandardCharsets.UTF_8) + "#" + message.getAttempts());
                    message.finish();
                });
                final Set<String> seen = new HashSet<>();
                while (seen.size() < expected.size())
                {
                    final String next = received.poll(30, TimeUnit.SECONDS);
                    assertTrue(next != null, "nsq-j got " + seen.size() + " of " + expected.size());
                    assertTrue(next.endsWith("#1"), "first delivery has attempts 1: " + next);
                    seen.add(next.substring(0, next.lastIndexOf('#')));
                }
                assertEquals(new HashSet<>(expected), seen);
            }
            finally
            {
                client.stop();
            }
        }
    }

    @Test
    void shouldDeliverMessagesPublishedOverHttpToNsqjs() throws Exception
    {
        try (RunningNsqd nsqd = RunningNsqd.start("http-nsqjs"))
        {
            final List<String> expected = publishOverHttp(nsqd, "http_nsqjs");
            assertEquals(new HashSet<>(expected), NsqjsConsumer.receive(nsqd.hostAndPort(), "http_nsqjs", "c", expected.size()));
        }
    }

    @Test
    void shouldDeliverNothingWhileTheChannelIsPausedAndEverythingAfterUnpause() throws Exception
    {
        try (RunningNsqd nsqd = RunningNsqd.start("http-pause");
             FakeLookupd lookupd = FakeLookupd.start(nsqd.host(), nsqd.port()))
        {
            final BlockingQueue<String> received = new LinkedBlockingQueue<>();
            final Client client = new Client();
            try
            {
                final Subscriber subscriber = new Subscriber(client, 1, 5, lookupd.hostAndPort());
                subscriber.subscribe("http_pause", "c", 100, message ->
                {
                    received.add(new String(message.getData(), StandardCharsets.UTF_8));
                    message.finish();
                });
                // the consumer is connected and ready once a probe comes through
                String probe = null;
                for (int i = 0; i < 100 && probe == null; i++)
                {
                    post(nsqd, "/pub?topic=http_pause", "probe".getBytes(StandardCharsets.UTF_8));
                    probe = received.poll(200, TimeUnit.MILLISECONDS);
                }
                assertEquals("probe", probe);
                received.clear();

                assertEquals(200, post(nsqd, "/channel/pause?topic=http_pause&channel=c", new byte[0]).statusCode());
                for (int i = 0; i < 20; i++)
                {
                    post(nsqd, "/pub?topic=http_pause", ("paused-" + i).getBytes(StandardCharsets.UTF_8));
                }
                assertEquals(null, received.poll(500, TimeUnit.MILLISECONDS), "a paused channel delivers nothing");
                final String stats = get(nsqd, "/stats?format=json&topic=http_pause&channel=c");
                assertTrue(stats.contains("\"depth\":20") && stats.contains("\"paused\":true"), stats);

                assertEquals(200, post(nsqd, "/channel/unpause?topic=http_pause&channel=c", new byte[0]).statusCode());
                final Set<String> after = new HashSet<>();
                while (after.size() < 20)
                {
                    final String next = received.poll(30, TimeUnit.SECONDS);
                    assertTrue(next != null, "after unpause only " + after.size() + " of 20 arrived");
                    after.add(next);
                }
            }
            finally
            {
                client.stop();
            }
        }
    }

    /** 60 by /pub, 60 by /mpub in text mode, 30 by /mpub in binary mode; returns every body. */
    private static List<String> publishOverHttp(final RunningNsqd nsqd, final String topic) throws Exception
    {
        final List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 60; i++)
        {
            final String body = "pub-" + i;
            bodies.add(body);
            assertEquals("OK", post(nsqd, "/pub?topic=" + topic, body.getBytes(StandardCharsets.UTF_8)).body());
        }
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < 60; i++)
        {
            final String body = "mpub-text-" + i;
            bodies.add(body);
            text.append(body).append('\n');
        }
        assertEquals("OK", post(nsqd, "/mpub?topic=" + topic, text.toString().getBytes(StandardCharsets.UTF_8)).body());
        final ByteArrayOutputStream binary = new ByteArrayOutputStream();
        final DataOutputStream out = new DataOutputStream(binary);
        out.writeInt(30);
        for (int i = 0; i < 30; i++)
        {
            final byte[] body = ("mpub-binary-" + i).getBytes(StandardCharsets.UTF_8);
            bodies.add("mpub-binary-" + i);
            out.writeInt(body.length);
            out.write(body);
        }
        assertEquals("OK", post(nsqd, "/mpub?binary=true&topic=" + topic, binary.toByteArray()).body());
        return bodies;
    }

    private static HttpResponse<String> post(final RunningNsqd nsqd, final String path, final byte[] body)
        throws IOException, InterruptedException
    {
        final HttpRequest request = HttpRequest.newBuilder(URI.create(nsqd.httpBase() + path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(10)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String get(final RunningNsqd nsqd, final String path) throws IOException, InterruptedException
    {
        final HttpRequest request = HttpRequest.newBuilder(URI.create(nsqd.httpBase() + path)).timeout(Duration.ofSeconds(10)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
