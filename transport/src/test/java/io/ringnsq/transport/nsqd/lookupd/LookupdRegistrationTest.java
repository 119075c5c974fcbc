package io.ringnsq.transport.nsqd.lookupd;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.ringnsq.transport.nsqd.Nsqd;
import io.ringnsq.transport.nsqd.NsqdContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.ringnsq.transport.nsqd.lookupd.FakeLookupd.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** nsqd's registration with nsqlookupd (spec §4.1, §2.2, §2.7) against fake lookupds, through a real nsqd. */
class LookupdRegistrationTest
{
    @TempDir
    Path dataPath;
    private Nsqd nsqd;
    private FakeLookupd lookupd;
    private FakeLookupd other;

    @AfterEach
    void stop() throws IOException
    {
        if (nsqd != null)
        {
            nsqd.close();
        }
        if (lookupd != null)
        {
            lookupd.close();
        }
        if (other != null)
        {
            other.close();
        }
    }

    @Test
    void shouldIdentifyThenRegisterExistingTopicsAndChannels() throws IOException
    {
        nsqd = start(context());
        post("/topic/create?topic=lonely");
        post("/topic/create?topic=t");
        post("/channel/create?topic=t&channel=c");
        nsqd.close();
        lookupd = new FakeLookupd();

        nsqd = start(context().broadcastAddress("node.example").nsqlookupdTcpAddresses(List.of(lookupd.tcpAddress())));

        await(() -> lookupd.texts().size() >= 4, "expected magic, IDENTIFY and two REGISTERs; got " + lookupd.texts());
        final List<String> texts = lookupd.texts();
        assertEquals("MAGIC   V1", texts.get(0));
        assertEquals("IDENTIFY {\"broadcast_address\":\"node.example\",\"hostname\":\"" + NsqdContext.hostname() + "\",\"http_port\":"
            + nsqd.httpAddress().getPort() + ",\"tcp_port\":" + nsqd.tcpAddress().getPort() + ",\"version\":\"1.3.0\"}", texts.get(1));
        // a topic without channels as itself, a topic with channels through them
        assertEquals(Set.of("REGISTER lonely", "REGISTER t c"), Set.copyOf(texts.subList(2, 4)));
        assertTrue(lookupd.channelQueries().isEmpty(), "topics restored at start are not held for lookupd");
    }

    @Test
    void shouldRegisterTopicAndChannelWhenCreated() throws IOException
    {
        startWithLookupd(context());

        post("/topic/create?topic=a");
        lookupd.awaitLine("REGISTER a");
        post("/channel/create?topic=a&channel=b");
        lookupd.awaitLine("REGISTER a b");
    }

    @Test
    void shouldUnregisterTopicAndChannelWhenDeleted() throws IOException
    {
        startWithLookupd(context());
        post("/topic/create?topic=a");
        post("/channel/create?topic=a&channel=b");
        post("/channel/create?topic=a&channel=c");
        lookupd.awaitLine("REGISTER a c");

        post("/channel/delete?topic=a&channel=b");
        lookupd.awaitLine("UNREGISTER a b");
        post("/topic/delete?topic=a");
        lookupd.awaitLine("UNREGISTER a c");

        // upstream's order: the topic's UNREGISTER, then each of its channels'
        final List<String> texts = lookupd.texts();
        assertTrue(texts.indexOf("UNREGISTER a") < texts.indexOf("UNREGISTER a c"), texts.toString());
    }

    @Test
    void shouldUnregisterAnEphemeralChannelWhenItsLastClientLeaves() throws IOException
    {
        startWithLookupd(context());

        try (Socket consumer = subscribe("t", "c#ephemeral"))
        {
            lookupd.awaitLine("REGISTER t c#ephemeral");
        }

        lookupd.awaitLine("UNREGISTER t c#ephemeral");
        assertFalse(lookupd.texts().contains("UNREGISTER t"), "a non-ephemeral topic stays");
    }

    @Test
    void shouldUnregisterAnEphemeralTopicAfterItsLastChannel() throws IOException
    {
        startWithLookupd(context());

        try (Socket consumer = subscribe("e#ephemeral", "c#ephemeral"))
        {
            lookupd.awaitLine("REGISTER e#ephemeral c#ephemeral");
        }

        lookupd.awaitLine("UNREGISTER e#ephemeral");
        final List<String> texts = lookupd.texts();
        assertTrue(texts.indexOf("UNREGISTER e#ephemeral c#ephemeral") < texts.indexOf("UNREGISTER e#ephemeral"), texts.toString());
    }

    @Test
    void shouldPingEachIntervalWhileConnected() throws IOException
    {
        startWithLookupd(context().lookupdPingInterval(Duration.ofMillis(100)));

        await(() -> pings().size() >= 3, "expected three PINGs; got " + lookupd.texts());

        final List<FakeLookupd.Line> pings = pings();
        for (int i = 1; i < pings.size(); i++)
        {
            // never sooner than the interval (less some delivery jitter); later is the scheduler's business
            final long gap = pings.get(i).nanoTime() - pings.get(i - 1).nanoTime();
            assertTrue(gap >= Duration.ofMillis(50).toNanos(), "PINGs " + Duration.ofNanos(gap) + " apart");
        }
    }

    @Test
    void shouldReconnectAndRegisterEverythingAgainAfterLookupdDropsTheConnection() throws IOException
    {
        startWithLookupd(context().lookupdPingInterval(Duration.ofMillis(100)));
        post("/topic/create?topic=t");
        post("/channel/create?topic=t&channel=c");
        lookupd.awaitLine("REGISTER t c");

        lookupd.dropConnections();

        await(() -> lookupd.lines().stream().anyMatch(line -> line.connection() == 2 && line.text().equals("REGISTER t c")),
            "no REGISTER on a second connection; got " + lookupd.lines());
        final List<String> second = lookupd.lines().stream().filter(line -> line.connection() == 2).map(FakeLookupd.Line::text).toList();
        assertTrue(second.get(1).startsWith("IDENTIFY "), second.toString());
    }

    @Test
    void shouldConnectToAddedAndDropRemovedLookupdsOnConfigPut() throws IOException
    {
        startWithLookupd(context());
        other = new FakeLookupd();
        post("/topic/create?topic=x");
        lookupd.awaitLine("REGISTER x");
        assertEquals("200 [\"" + lookupd.tcpAddress() + "\"]", http("GET", "/config/nsqlookupd_tcp_addresses", null));

        assertEquals("200 [\"" + other.tcpAddress() + "\"]",
            http("PUT", "/config/nsqlookupd_tcp_addresses", "[\"" + other.tcpAddress() + "\"]"));

        other.awaitLine("REGISTER x");
        await(() -> lookupd.closedByNsqd() == 1, "the removed lookupd's connection was not closed");
        assertEquals("200 [\"" + other.tcpAddress() + "\"]", http("GET", "/config/nsqlookupd_tcp_addresses", null));
        post("/topic/create?topic=y");
        other.awaitLine("REGISTER y");
        assertFalse(lookupd.texts().contains("REGISTER y"));
    }

    @Test
    void shouldRefuseAReplyLargerThanMaxBodySizeAndTryAgainLater() throws IOException
    {
        lookupd = new FakeLookupd();
        lookupd.identifyReplySize(Integer.MAX_VALUE);
        nsqd = start(context().maxBodySize(1024).lookupdPingInterval(Duration.ofMillis(100))
            .nsqlookupdTcpAddresses(List.of(lookupd.tcpAddress())));
        post("/topic/create?topic=t");

        await(() -> lookupd.closedByNsqd() >= 2, "nsqd did not close after the oversized reply and try again");
        assertFalse(lookupd.texts().stream().anyMatch(text -> text.startsWith("REGISTER")), lookupd.texts().toString());
    }

    @Test
    void shouldCloseWhenIdentifyIsAnsweredWithExactlyEInvalid() throws IOException
    {
        lookupd = new FakeLookupd();
        lookupd.identifyReply("E_INVALID");
        nsqd = start(context().lookupdPingInterval(Duration.ofMillis(100)).nsqlookupdTcpAddresses(List.of(lookupd.tcpAddress())));
        post("/topic/create?topic=t");

        await(() -> lookupd.closedByNsqd() >= 1, "nsqd did not close after E_INVALID");
        assertFalse(lookupd.texts().stream().anyMatch(text -> text.startsWith("REGISTER")), lookupd.texts().toString());
    }

    @Test
    void shouldCreateTheChannelsLookupdListsBeforeANewTopicDelivers() throws IOException
    {
        startWithLookupd(context());
        lookupd.channels("t", "\"c1\",\"c2\",\"e#ephemeral\"");
        awaitQueryable();

        publish("t", "first");

        lookupd.awaitLine("REGISTER t c1");
        lookupd.awaitLine("REGISTER t c2");
        assertEquals(List.of("probe", "t"), lookupd.channelQueries());
        // both existed before the first message flowed, so both have it; the ephemeral one was not made
        try (Socket c1 = subscribe("t", "c1"); Socket c2 = subscribe("t", "c2"))
        {
            assertEquals("first", readMessage(c1));
            assertEquals("first", readMessage(c2));
        }
        assertFalse(lookupd.texts().contains("REGISTER t e#ephemeral"));
    }

    @Test
    void shouldLetANewTopicFlowWhenLookupdsChannelQueryFails() throws IOException
    {
        startWithLookupd(context());
        lookupd.channelsStatus(500);
        awaitQueryable();

        publish("t", "first");
        await(() -> lookupd.channelQueries().contains("t"), "no /channels query for t");

        try (Socket consumer = subscribe("t", "c"))
        {
            assertEquals("first", readMessage(consumer));
        }
    }

    // ---------------------------------------------------------------- helpers

    private NsqdContext context()
    {
        return new NsqdContext().tcpAddress("127.0.0.1:0").httpAddress("127.0.0.1:0").dataPath(dataPath);
    }

    private static Nsqd start(final NsqdContext context) throws IOException
    {
        return Nsqd.start(context);
    }

    private void startWithLookupd(final NsqdContext context) throws IOException
    {
        lookupd = new FakeLookupd();
        nsqd = start(context.nsqlookupdTcpAddresses(List.of(lookupd.tcpAddress())));
        await(() -> lookupd.texts().stream().anyMatch(text -> text.startsWith("IDENTIFY ")), "no IDENTIFY");
    }

    /**
     * nsqd holds new topics for lookupd's channels once a lookupd answered IDENTIFY, before its first REGISTER:
     * a topic created now and registered proves that point is passed.
     */
    private void awaitQueryable() throws IOException
    {
        post("/topic/create?topic=probe");
        lookupd.awaitLine("REGISTER probe");
    }

    private List<FakeLookupd.Line> pings()
    {
        return lookupd.lines().stream().filter(line -> line.text().equals("PING")).collect(Collectors.toList());
    }

    private void post(final String pathAndQuery) throws IOException
    {
        assertEquals("200 ", http("POST", pathAndQuery, null));
    }

    private String http(final String method, final String pathAndQuery, final String body) throws IOException
    {
        final HttpURLConnection connection = (HttpURLConnection)new URL(
            "http://127.0.0.1:" + nsqd.httpAddress().getPort() + pathAndQuery).openConnection();
        connection.setRequestMethod(method);
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(5000);
        if (body != null)
        {
            connection.setDoOutput(true);
            try (OutputStream out = connection.getOutputStream())
            {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        final int status = connection.getResponseCode();
        final ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream())
        {
            if (in != null)
            {
                in.transferTo(answer);
            }
        }
        connection.disconnect();
        return status + " " + answer.toString(StandardCharsets.UTF_8);
    }

    private Socket connect() throws IOException
    {
        final Socket socket = new Socket("127.0.0.1", nsqd.tcpAddress().getPort());
        socket.setSoTimeout(5000);
        socket.getOutputStream().write("  V2".getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    private void publish(final String topic, final String body) throws IOException
    {
        try (Socket socket = connect())
        {
            final DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.write(("PUB " + topic + "\n").getBytes(StandardCharsets.US_ASCII));
            out.writeInt(body.length());
            out.write(body.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("OK", readFrame(new DataInputStream(socket.getInputStream()), 0));
        }
    }

    /** A consumer with RDY 1 on {@code topic}/{@code channel}; SUB answered. */
    private Socket subscribe(final String topic, final String channel) throws IOException
    {
        final Socket socket = connect();
        socket.getOutputStream().write(("SUB " + topic + " " + channel + "\nRDY 1\n").getBytes(StandardCharsets.US_ASCII));
        assertEquals("OK", readFrame(new DataInputStream(socket.getInputStream()), 0));
        return socket;
    }

    private static String readMessage(final Socket socket) throws IOException
    {
        final String frame = readFrame(new DataInputStream(socket.getInputStream()), 2);
        return frame.substring(8 + 2 + 16); // timestamp, attempts, id
    }

    private static String readFrame(final DataInputStream in, final int type) throws IOException
    {
        final int size = in.readInt();
        assertEquals(type, in.readInt());
        final byte[] data = new byte[size - 4];
        in.readFully(data);
        return new String(data, StandardCharsets.ISO_8859_1);
    }
}
