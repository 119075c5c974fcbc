package io.ringnsq.transport.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.ringnsq.core.time.ManualClock;
import io.ringnsq.transport.nsqd.Nsqd;
import io.ringnsq.transport.nsqd.NsqdContext;
import io.ringnsq.transport.nsqd.ThreadingMode;
import io.ringnsq.transport.testsupport.Message;
import io.ringnsq.transport.testsupport.V2Connection;

/**
 * One in-process nsqd per test class, on an ephemeral port, with a {@link ManualClock} for every timer.
 * Each test uses fresh topic names, so state left by an earlier test (backlogs, in-flight messages that
 * time out when a later test advances the shared clock) never reaches it. Connections opened through
 * {@link #connect()} are closed after each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConformanceTestBase
{
    /** Fixed so message ids are predictable enough to check their node-id field. */
    static final int NODE_ID = 7;
    private static final AtomicInteger NAMES = new AtomicInteger();

    protected final ManualClock clock = new ManualClock();
    protected Nsqd nsqd;
    private final List<V2Connection> connections = new ArrayList<>();

    /** Subclasses change the broker's options here; the default is upstream's defaults. */
    protected NsqdContext configure(final NsqdContext context)
    {
        return context;
    }

    @BeforeAll
    final void startNsqd(@TempDir final Path dataPath) throws IOException
    {
        final NsqdContext context = new NsqdContext()
            .tcpAddress("127.0.0.1:0")
            .httpAddress("127.0.0.1:0")
            .dataPath(dataPath)
            .nodeId(NODE_ID)
            .nanoClock(clock)
            .epochClock(clock.asEpochClock());
        // -Dringnsq.conformance.threading=SHARED|DEDICATED runs the suite on either agent layout
        final String threading = System.getProperty("ringnsq.conformance.threading");
        if (threading != null && !threading.isBlank())
        {
            context.threadingMode(ThreadingMode.valueOf(threading.trim()));
        }
        nsqd = Nsqd.start(configure(context).conclude());
    }

    @AfterEach
    final void closeConnections()
    {
        connections.forEach(V2Connection::close);
        connections.clear();
    }

    @AfterAll
    final void stopNsqd()
    {
        if (nsqd != null)
        {
            nsqd.close();
        }
    }

    protected InetSocketAddress address()
    {
        return nsqd.tcpAddress();
    }

    /** A connection that has sent the magic and nothing else. */
    protected V2Connection connect()
    {
        return track(V2Connection.open(address()));
    }

    protected V2Connection connectWithoutMagic()
    {
        return track(V2Connection.openWithoutMagic(address(), 0));
    }

    protected V2Connection track(final V2Connection connection)
    {
        connections.add(connection);
        return connection;
    }

    /** A consumer that has subscribed (OK received) and still has RDY 0. */
    protected V2Connection subscriber(final String topic, final String channel)
    {
        return connect().subscribe(topic, channel);
    }

    /** Publishes each body with PUB on a short-lived producer connection, each answered OK. */
    protected void publish(final String topic, final String... bodies)
    {
        try (V2Connection producer = V2Connection.open(address()))
        {
            for (final String body : bodies)
            {
                producer.publish(topic, body);
            }
        }
    }

    /** A topic or channel name no other test uses. */
    protected static String unique(final String prefix)
    {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    /** After abuse by some client: a fresh producer and consumer still get a message through. */
    protected void assertBrokerStillServes()
    {
        final String topic = unique("alive");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);
        publish(topic, "still alive");
        final Message message = consumer.expectMessage();
        assertEquals("still alive", message.bodyText());
        assertEquals(1, message.attempts());
        consumer.fin(message.id());
        consumer.syncInFlight();
    }
}
