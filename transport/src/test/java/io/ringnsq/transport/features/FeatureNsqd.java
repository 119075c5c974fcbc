package io.ringnsq.transport.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

import io.ringnsq.core.time.ManualClock;
import io.ringnsq.transport.nsqd.Nsqd;
import io.ringnsq.transport.nsqd.NsqdContext;
import io.ringnsq.transport.nsqd.TlsRequired;
import io.ringnsq.transport.testsupport.Frame;
import io.ringnsq.transport.testsupport.TlsFixtures;

/**
 * An nsqd started in-process on 127.0.0.1 with ephemeral TCP, HTTP and HTTPS ports, a data folder of its own, and a
 * {@link ManualClock} for every timer (heartbeats, the TLS handshake deadline, auth expiry). Options are upstream's
 * defaults unless {@code options} changes them; {@link #withTls} adds the fixture certificate and key.
 */
final class FeatureNsqd implements AutoCloseable
{
    private static final AtomicInteger ALIVE = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final HttpClient HTTPS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .sslContext(TlsFixtures.trustingTestCa()).build();

    private final Path dataPath;
    private final Nsqd nsqd;
    private final ManualClock clock;

    private FeatureNsqd(final Path dataPath, final Nsqd nsqd, final ManualClock clock)
    {
        this.dataPath = dataPath;
        this.nsqd = nsqd;
        this.clock = clock;
    }

    static FeatureNsqd start(final UnaryOperator<NsqdContext> options)
    {
        Path dataPath = null;
        try
        {
            dataPath = Files.createTempDirectory("ringnsq-features-");
            final ManualClock clock = new ManualClock();
            final NsqdContext context = new NsqdContext()
                .tcpAddress("127.0.0.1:0")
                .httpAddress("127.0.0.1:0")
                .httpsAddress("127.0.0.1:0")
                .broadcastAddress("127.0.0.1")
                .dataPath(dataPath)
                .nanoClock(clock)
                .epochClock(clock.asEpochClock());
            return new FeatureNsqd(dataPath, Nsqd.start(options.apply(context).conclude()), clock);
        }
        catch (final IOException ex)
        {
            deleteTree(dataPath);
            throw new UncheckedIOException(ex);
        }
        catch (final RuntimeException | Error ex)
        {
            deleteTree(dataPath);
            throw ex;
        }
    }

    /** The fixture certificate and key (signed by the test CA), CA file for client certificates; TLS 1.2 minimum. */
    static NsqdContext withTls(final NsqdContext context)
    {
        return context.tlsCert(TlsFixtures.path(TlsFixtures.SERVER_CERT).toString())
            .tlsKey(TlsFixtures.path(TlsFixtures.SERVER_KEY).toString())
            .tlsRootCaFile(TlsFixtures.path(TlsFixtures.CA).toString());
    }

    ManualClock clock()
    {
        return clock;
    }

    int tcpPort()
    {
        return nsqd.tcpAddress().getPort();
    }

    int httpsPort()
    {
        return nsqd.httpsAddress().getPort();
    }

    /** A client that has sent the magic, connected to nsqd directly. */
    StackedClient connect()
    {
        return StackedClient.connect(tcpPort());
    }

    HttpResponse<String> http(final String pathAndQuery)
    {
        return get(HTTP, "http://127.0.0.1:" + nsqd.httpAddress().getPort() + pathAndQuery);
    }

    HttpResponse<String> https(final String pathAndQuery)
    {
        return get(HTTPS, "https://127.0.0.1:" + httpsPort() + pathAndQuery);
    }

    private static HttpResponse<String> get(final HttpClient client, final String uri)
    {
        try
        {
            return client.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("GET " + uri, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** {@code /stats?format=json} as a tree (over HTTPS when plain HTTP is closed by {@code --tls-required=true}). */
    Map<String, Object> stats()
    {
        final boolean httpsOnly = nsqd.context().tlsRequired() == TlsRequired.YES;
        final HttpResponse<String> response = httpsOnly ? https("/stats?format=json") : http("/stats?format=json");
        assertEquals(200, response.statusCode(), response.body());
        return Json.object(response.body());
    }

    /** Every client object in {@code /stats}: the subscribers of every channel, then the producers. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> statsClients()
    {
        final Map<String, Object> stats = stats();
        final List<Map<String, Object>> clients = new ArrayList<>();
        final List<Object> topics = (List<Object>)stats.get("topics");
        if (topics != null)
        {
            for (final Object topic : topics)
            {
                for (final Object channel : (List<Object>)((Map<String, Object>)topic).get("channels"))
                {
                    final List<Object> channelClients = (List<Object>)((Map<String, Object>)channel).get("clients");
                    if (channelClients != null)
                    {
                        channelClients.forEach(c -> clients.add((Map<String, Object>)c));
                    }
                }
            }
        }
        final List<Object> producers = (List<Object>)stats.get("producers");
        if (producers != null)
        {
            producers.forEach(c -> clients.add((Map<String, Object>)c));
        }
        return clients;
    }

    /** The client that IDENTIFYed with this client_id, as {@code /stats} shows it (subscribed, or a producer). */
    Optional<Map<String, Object>> statsClient(final String clientId)
    {
        return statsClients().stream().filter(c -> clientId.equals(c.get("client_id"))).findFirst();
    }

    /** The channel object of {@code /stats} for topic/channel. */
    @SuppressWarnings("unchecked")
    Map<String, Object> statsChannel(final String topic, final String channel)
    {
        final Map<String, Object> stats = stats();
        for (final Object t : (List<Object>)stats.get("topics"))
        {
            final Map<String, Object> topicStats = (Map<String, Object>)t;
            if (topic.equals(topicStats.get("topic_name")))
            {
                for (final Object c : (List<Object>)topicStats.get("channels"))
                {
                    if (channel.equals(((Map<String, Object>)c).get("channel_name")))
                    {
                        return (Map<String, Object>)c;
                    }
                }
            }
        }
        throw new AssertionError("no channel " + topic + "/" + channel + " in /stats: " + stats);
    }

    /**
     * After some client's abuse: a new client (upgraded to TLS with {@code tls} when not null, as a TLS-only nsqd
     * needs) subscribes, publishes and receives a message.
     */
    void assertStillServes(final SSLContext tls)
    {
        try (StackedClient client = connect())
        {
            if (tls != null)
            {
                final Frame answer = client.identifyAndUpgrade("{\"feature_negotiation\":true,\"tls_v1\":true}", tls, 0);
                assertTrue(client.layers().contains("tls"), () -> "no TLS for the check client: " + answer);
            }
            client.roundTrip("alive-" + ALIVE.incrementAndGet(), "still alive");
        }
    }

    /**
     * Moves the clock on, and returns once the I/O agent runs a duty cycle that began after the move: it reads
     * the clock once per cycle, so a command sent right after the move could otherwise still see the old time.
     * Two round trips do it: the second request can only be read after the cycle that answered the first.
     */
    void advance(final Duration duration)
    {
        clock.advance(duration);
        http("/ping");
        http("/ping");
    }

    @Override
    public void close()
    {
        try
        {
            nsqd.close();
        }
        finally
        {
            deleteTree(dataPath);
        }
    }

    private static void deleteTree(final Path root)
    {
        if (root == null || !Files.exists(root))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(root))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException ignored)
        {
            // a temp folder left behind is harmless
        }
    }
}
