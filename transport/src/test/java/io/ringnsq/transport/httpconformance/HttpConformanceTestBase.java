package io.ringnsq.transport.httpconformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.ringnsq.core.time.ManualClock;
import io.ringnsq.transport.nsqd.Nsqd;
import io.ringnsq.transport.nsqd.NsqdContext;
import io.ringnsq.transport.nsqd.ThreadingMode;
import io.ringnsq.transport.testsupport.V2Connection;

/**
 * An in-process nsqd with TCP and HTTP on ephemeral loopback ports, a {@link ManualClock} for every
 * timer, and a fresh data directory. By default one broker serves the whole class and each test uses
 * fresh topic names; a class whose tests compare whole /stats documents asks for a broker per test.
 * Every socket a test opens through this class is closed after the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HttpConformanceTestBase
{
    static final int NODE_ID = 7;
    static final String BROADCAST_ADDRESS = "broadcast.test";
    /** Upstream sets "X-NSQ-Content-Type"; Go's header canonicalisation puts it on the wire as this. */
    static final String X_NSQ = "X-Nsq-Content-Type";
    static final String X_NSQ_VALUE = "nsq; version=1.0";
    static final String JSON_TYPE = "application/json; charset=utf-8";
    /** What Go's content sniffing yields for text bodies when the handler sets no Content-Type. */
    static final String TEXT_TYPE = "text/plain; charset=utf-8";
    /** How long a clock-driven event may take in real time once the ManualClock passed its deadline. */
    static final Duration PROMPT = Duration.ofSeconds(2);
    static final Duration QUIET = Duration.ofMillis(250);
    private static final AtomicInteger NAMES = new AtomicInteger();

    protected ManualClock clock;
    protected Nsqd nsqd;
    /** The broker's start time in unix seconds, as the injected wall clock gave it. */
    protected long startEpochSeconds;
    /** The broker's --data-path (nsqd.dat and the disk queues live here). */
    protected Path dataPath;
    private Path tempRoot;
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** Subclasses change the broker's options here; the default is upstream's defaults. */
    protected NsqdContext configure(final NsqdContext context)
    {
        return context;
    }

    /** True for classes that need a pristine broker in every test (whole-document /stats checks). */
    protected boolean brokerPerTest()
    {
        return false;
    }

    @BeforeAll
    final void prepare(@TempDir final Path root) throws IOException
    {
        tempRoot = root;
        if (!brokerPerTest())
        {
            startBroker();
        }
    }

    @BeforeEach
    final void startPerTestBroker() throws IOException
    {
        if (brokerPerTest())
        {
            startBroker();
        }
    }

    @AfterEach
    final void closeConnections()
    {
        final List<AutoCloseable> toClose = new ArrayList<>(opened);
        opened.clear();
        Collections.reverse(toClose);
        for (final AutoCloseable closeable : toClose)
        {
            try
            {
                closeable.close();
            }
            catch (final Exception ignored)
            {
                // a socket the server already closed
            }
        }
        if (brokerPerTest())
        {
            stopBroker();
        }
    }

    @AfterAll
    final void stopClassBroker()
    {
        stopBroker();
    }

    private void startBroker() throws IOException
    {
        clock = new ManualClock();
        dataPath = Files.createTempDirectory(tempRoot, "nsqd");
        final NsqdContext context = new NsqdContext()
            .tcpAddress("127.0.0.1:0")
            .httpAddress("127.0.0.1:0")
            .dataPath(dataPath)
            .nodeId(NODE_ID)
            .broadcastAddress(BROADCAST_ADDRESS)
            .nanoClock(clock)
            .epochClock(clock.asEpochClock());
        // -Dringnsq.conformance.threading=SHARED|DEDICATED runs the suite on either agent layout
        final String threading = System.getProperty("ringnsq.conformance.threading");
        if (threading != null && !threading.isBlank())
        {
            context.threadingMode(ThreadingMode.valueOf(threading.trim()));
        }
        startEpochSeconds = clock.epochNanos() / 1_000_000_000L;
        nsqd = Nsqd.start(configure(context).conclude());
    }

    private void stopBroker()
    {
        if (nsqd != null)
        {
            nsqd.close();
            nsqd = null;
        }
    }

    protected <T extends AutoCloseable> T track(final T closeable)
    {
        opened.add(closeable);
        return closeable;
    }

    protected static String unique(final String prefix)
    {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    protected static String enc(final String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- HTTP

    protected InetSocketAddress httpAddress()
    {
        return nsqd.httpAddress();
    }

    /** A new connection to the HTTP listener, closed after the test. */
    protected HttpConnection openHttp()
    {
        return track(HttpConnection.open(httpAddress()));
    }

    /** One request on its own connection. */
    protected HttpResponse exchange(final HttpRequest request)
    {
        try (HttpConnection connection = HttpConnection.open(httpAddress()))
        {
            return connection.exchange(request);
        }
    }

    protected HttpResponse get(final String target)
    {
        return exchange(HttpRequest.get(target));
    }

    protected HttpResponse post(final String target)
    {
        return exchange(HttpRequest.post(target));
    }

    protected HttpResponse post(final String target, final String body)
    {
        return exchange(HttpRequest.post(target).body(body));
    }

    protected HttpResponse post(final String target, final byte[] body)
    {
        return exchange(HttpRequest.post(target).body(body));
    }

    protected HttpResponse put(final String target, final String body)
    {
        return exchange(HttpRequest.put(target).body(body));
    }

    /** The daemon still answers a fresh client. */
    protected void assertStillServing()
    {
        final HttpResponse ping = get("/ping");
        assertEquals(200, ping.status(), () -> "the daemon must keep serving other clients; /ping gave " + ping);
        assertEquals("OK", ping.text());
    }

    // ---------------------------------------------------------------- response checks (spec §3.1)

    static void assertStatus(final int expected, final HttpResponse response)
    {
        assertEquals(expected, response.status(), () -> "status; the response was " + response);
    }

    /** Every V1 response carries {@code X-NSQ-Content-Type: nsq; version=1.0}. */
    static void assertV1Header(final HttpResponse response)
    {
        assertEquals(X_NSQ_VALUE, response.header(X_NSQ), () -> "X-NSQ-Content-Type on a V1 response; the response was " + response);
    }

    /** 200 with a string result: the raw text, Content-Type sniffed as text/plain. */
    static void assertOkText(final HttpResponse response, final String text)
    {
        assertStatus(200, response);
        assertEquals(text, response.text(), () -> "body; the response was " + response);
        assertEquals(TEXT_TYPE, response.header("Content-Type"), () -> "Content-Type; the response was " + response);
        assertV1Header(response);
    }

    /** 200 with no result: an empty body, Content-Length 0 and no Content-Type. */
    static void assertOkEmpty(final HttpResponse response)
    {
        assertStatus(200, response);
        assertEquals(0, response.body().length, () -> "body must be empty; the response was " + response);
        assertEquals("0", response.header("Content-Length"), () -> "Content-Length; the response was " + response);
        assertNull(response.header("Content-Type"), () -> "no Content-Type for an empty result; the response was " + response);
        assertV1Header(response);
    }

    /** 200 with an object: exactly this JSON, with the JSON Content-Type. */
    static void assertOkJson(final HttpResponse response, final String json)
    {
        assertStatus(200, response);
        assertEquals(json, response.text(), () -> "JSON body; the response was " + response);
        assertEquals(JSON_TYPE, response.header("Content-Type"), () -> "Content-Type; the response was " + response);
        assertV1Header(response);
    }

    /** Any error: the status, exactly {@code {"message":"<TEXT>"}} and the JSON Content-Type. */
    static void assertError(final HttpResponse response, final int status, final String message)
    {
        assertStatus(status, response);
        assertEquals("{\"message\":\"" + message + "\"}", response.text(), () -> "error body; the response was " + response);
        assertEquals(JSON_TYPE, response.header("Content-Type"), () -> "Content-Type; the response was " + response);
        assertV1Header(response);
    }

    // ---------------------------------------------------------------- /stats

    /** GET /stats?format=json plus the given query, checked as a JSON response and parsed. */
    protected Map<String, Object> statsJson(final String query)
    {
        final HttpResponse response = get("/stats?format=json" + (query.isEmpty() ? "" : "&" + query));
        assertStatus(200, response);
        assertEquals(JSON_TYPE, response.header("Content-Type"), () -> "Content-Type; the response was " + response);
        assertV1Header(response);
        return Json.parseObject(response.text());
    }

    /** The topic's stats object; fails when the topic does not exist. */
    protected Map<String, Object> topicStats(final String topic)
    {
        final Object topics = statsJson("topic=" + enc(topic) + "&include_mem=false").get("topics");
        assertNotNull(topics, () -> "topic " + topic + " does not exist (\"topics\":null)");
        final List<Map<String, Object>> list = Json.objects(topics);
        assertEquals(1, list.size(), () -> "a topic filter gives one topic: " + list);
        return list.get(0);
    }

    protected boolean topicExists(final String topic)
    {
        return statsJson("topic=" + enc(topic) + "&include_mem=false").get("topics") != null;
    }

    /** The channel's stats object; fails when the topic or channel does not exist. */
    protected Map<String, Object> channelStats(final String topic, final String channel)
    {
        for (final Map<String, Object> c : Json.objects(topicStats(topic).get("channels")))
        {
            if (channel.equals(c.get("channel_name")))
            {
                return c;
            }
        }
        return fail("channel " + topic + "/" + channel + " does not exist");
    }

    protected List<String> channelNames(final String topic)
    {
        final List<String> names = new ArrayList<>();
        for (final Map<String, Object> c : Json.objects(topicStats(topic).get("channels")))
        {
            names.add((String)c.get("channel_name"));
        }
        return names;
    }

    /**
     * Polls until the condition holds, for state upstream updates asynchronously (its topic pump moves
     * messages to channels on its own goroutine). It re-asks over HTTP and never sleeps.
     */
    protected static <T> T awaitValue(final Supplier<T> probe, final Predicate<T> condition, final String what)
    {
        final long deadline = System.nanoTime() + PROMPT.toNanos();
        T value = probe.get();
        while (!condition.test(value))
        {
            if (System.nanoTime() > deadline)
            {
                return fail(what + " did not happen within " + PROMPT.toMillis() + " ms; last seen " + value);
            }
            Thread.onSpinWait();
            value = probe.get();
        }
        return value;
    }

    protected void awaitChannelCount(final String topic, final String channel, final String key, final long expected)
    {
        awaitValue(() -> Json.integer(channelStats(topic, channel), key), v -> v == expected,
            topic + "/" + channel + " " + key + " == " + expected);
    }

    protected void awaitTopicCount(final String topic, final String key, final long expected)
    {
        awaitValue(() -> Json.integer(topicStats(topic), key), v -> v == expected, topic + " " + key + " == " + expected);
    }

    /**
     * The metadata file's entry for a topic (spec §2.11: {@code {"topics":[{"name":…,"paused":…,"channels":[…]}],…}});
     * null when the topic is not in it.
     */
    protected Map<String, Object> metadataTopic(final String topic)
    {
        final Path file = dataPath.resolve("nsqd.dat");
        final String text;
        try
        {
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            return fail("cannot read " + file + ": " + ex);
        }
        final Object topics = Json.parseObject(text).get("topics");
        for (final Map<String, Object> entry : topics == null ? List.<Map<String, Object>>of() : Json.objects(topics))
        {
            if (topic.equals(entry.get("name")))
            {
                return entry;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- TCP V2

    protected V2Connection connectTcp()
    {
        return track(V2Connection.open(nsqd.tcpAddress()));
    }

    /** A consumer that has subscribed (OK received) and still has RDY 0. */
    protected V2Connection subscriber(final String topic, final String channel)
    {
        return connectTcp().subscribe(topic, channel);
    }

    /** Publishes each body with PUB on a short-lived producer connection. */
    protected void publishTcp(final String topic, final String... bodies)
    {
        try (V2Connection producer = V2Connection.open(nsqd.tcpAddress()))
        {
            for (final String body : bodies)
            {
                producer.publish(topic, body);
            }
        }
    }
}
