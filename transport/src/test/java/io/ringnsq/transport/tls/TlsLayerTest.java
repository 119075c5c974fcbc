package io.ringnsq.transport.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ringnsq.transport.testsupport.TlsFixtures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@link TlsLayer} over an in-memory "socket", against a client {@link SSLEngine} driven by
 * hand: the cases a real socket rarely shows on demand (pending records, a full socket mid-handshake,
 * plaintext held during the handshake, re-entrant listeners, records waiting behind a full buffer).
 */
class TlsLayerTest
{
    private static final int ROUNDS = 6;

    private final MemoryLayer wire = new MemoryLayer();
    private final AtomicInteger flushRequests = new AtomicInteger();
    private final AtomicInteger handshakes = new AtomicInteger();
    private TlsSettings settings;
    private MemoryClient client;
    private TlsLayer layer;
    private TlsLayer.HandshakeListener listener = layer -> handshakes.incrementAndGet();
    private final ByteBuffer input = ByteBuffer.allocate(64 * 1024);

    @BeforeEach
    void setUp() throws Exception
    {
        settings = TlsFixtures.rsaServer();
        client = new MemoryClient(TlsFixtures.anyServerNoCertificate(), "TLSv1.3");
    }

    @Test
    void pendingBytesGivenAtCreationAreTakenAsTheFirstRecords() throws Exception
    {
        final byte[] clientHello = client.produce(new byte[0]);
        assertEquals(0x16, clientHello[0], "a handshake record");
        layer = new TlsLayer(settings.newEngine(), wire, ByteBuffer.wrap(clientHello), flushRequests::incrementAndGet, listener);

        assertEquals(0, layer.read(input), "nothing was fed below: the pending bytes alone make the server answer");
        final byte[] flight = wire.takeWritten();
        assertTrue(flight.length > 0 && flight[0] == 0x16, "the server's flight went out through the layer below");

        client.consume(flight);
        pump(new byte[0]);
        assertEquals(1, handshakes.get());
        assertEquals("TLS1.3", layer.session().version());
    }

    @Test
    void plaintextWrittenDuringTheHandshakeIsHeldBoundedAndSentOnceEstablished() throws Exception
    {
        create();
        final byte[] early = bytes(20_000, 'e');
        final ByteBuffer src = ByteBuffer.wrap(early);
        assertEquals(TlsLayer.HELD_PLAINTEXT_LIMIT, layer.write(src));
        assertEquals(0, layer.write(src), "full: the caller keeps the rest");
        assertTrue(layer.flush(), "held plaintext waits for the handshake, not the socket: no write interest to spin on");
        assertEquals(0, wire.takeWritten().length);

        pump(new byte[0]);
        assertArrayEquals(Arrays.copyOf(early, TlsLayer.HELD_PLAINTEXT_LIMIT), client.takeReceived());
        assertEquals(early.length - TlsLayer.HELD_PLAINTEXT_LIMIT, layer.write(src), "established: the rest goes straight on");
        client.consume(wire.takeWritten());
        assertEquals(early.length - TlsLayer.HELD_PLAINTEXT_LIMIT, client.takeReceived().length);
    }

    @Test
    void listenerIsToldOnceAndMayWriteFromInsideTheCallback() throws Exception
    {
        listener = established ->
        {
            handshakes.incrementAndGet();
            try
            {
                assertNotNull(established.session());
                established.write(ByteBuffer.wrap("OK\n".getBytes(StandardCharsets.US_ASCII)));
                assertTrue(established.flush());
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException(ex);
            }
        };
        create();
        assertNull(layer.session());
        pump("ping".getBytes(StandardCharsets.US_ASCII));
        pump(new byte[0]);
        assertEquals(1, handshakes.get());
        assertEquals("OK\n", new String(client.takeReceived(), StandardCharsets.US_ASCII));
        assertEquals("ping", new String(readAll(), StandardCharsets.US_ASCII));
    }

    @Test
    void handshakeFlightThatMeetsAFullSocketWaitsAndFlushCarriesItOn() throws Exception
    {
        create();
        wire.writeBudget(100);
        wire.feed(client.produce(new byte[0]));
        assertEquals(0, layer.read(input));
        final byte[] head = wire.takeWritten();
        assertEquals(100, head.length, "the socket took only 100 bytes of the flight");
        assertTrue(flushRequests.get() > 0, "the layer asked the agent to flush the rest");
        assertFalse(layer.flush(), "records still wait for the socket");

        wire.writeBudget(Integer.MAX_VALUE);
        assertTrue(layer.flush());
        final byte[] tail = wire.takeWritten();
        final byte[] flight = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, flight, head.length, tail.length);
        client.consume(flight);
        pump(new byte[0]);
        assertEquals(1, handshakes.get());
    }

    @Test
    void handshakeCompletesAcrossAFullSocket() throws Exception
    {
        create();
        wire.writeBudget(50);
        wire.feed(client.produce(new byte[0]));
        layer.read(input);
        final ByteArrayOutputStream flight = new ByteArrayOutputStream();
        flight.write(wire.takeWritten());
        for (int i = 0; i < 200 && !layer.flush(); i++)
        {
            wire.writeBudget(50); // the socket drains 50 bytes at a time
            flight.write(wire.takeWritten());
        }
        flight.write(wire.takeWritten());
        wire.writeBudget(Integer.MAX_VALUE);
        client.consume(flight.toByteArray());
        pump(new byte[0]);
        assertEquals(1, handshakes.get());
    }

    @Test
    void closeSendsCloseNotify() throws Exception
    {
        create();
        pump(new byte[0]);
        layer.close();
        client.consume(wire.takeWritten());
        assertTrue(client.engine.isInboundDone(), "the client saw close_notify");
    }

    @Test
    void peerCloseNotifyEndsTheStreamAfterItsData() throws Exception
    {
        create();
        pump(new byte[0]);
        wire.feed(client.produce("bye".getBytes(StandardCharsets.US_ASCII)));
        client.engine.closeOutbound();
        wire.feed(client.produce(new byte[0]));
        assertEquals(3, layer.read(input));
        assertTrue(layer.hasBufferedInput(), "the end is still to be reported, and the socket may not say so again");
        assertEquals(-1, layer.read(input));
        assertFalse(layer.hasBufferedInput());
    }

    @Test
    void recordsWaitingBehindAFullBufferAreReportedAsBufferedInput() throws Exception
    {
        create();
        pump(new byte[0]);
        wire.feed(client.produce(bytes(3000, 'a')));
        wire.feed(client.produce(bytes(3000, 'b')));
        final ByteBuffer small = ByteBuffer.allocate(500);
        assertEquals(500, layer.read(small));
        final StringBuilder all = new StringBuilder();
        int reads = 1;
        all.append(new String(small.array(), 0, small.position(), StandardCharsets.US_ASCII));
        while (layer.hasBufferedInput())
        {
            small.clear();
            final int n = layer.read(small);
            assertTrue(n > 0, "buffered input really is there");
            all.append(new String(small.array(), 0, n, StandardCharsets.US_ASCII));
            reads++;
        }
        assertEquals("a".repeat(3000) + "b".repeat(3000), all.toString());
        assertTrue(reads >= 12);
    }

    @Test
    void buffersStayWithinTheSessionSizesAfterAMebibyteEachWay() throws Exception
    {
        create();
        pump(new byte[0]);
        final byte[] mebibyte = bytes(1 << 20, 'x');
        wire.feed(client.produce(mebibyte));
        int received = 0;
        final ByteBuffer dst = ByteBuffer.allocate(10_000);
        for (int n; (n = layer.read(dst)) > 0; dst.clear())
        {
            received += n;
        }
        assertEquals(mebibyte.length, received);
        final ByteBuffer src = ByteBuffer.wrap(mebibyte);
        while (src.hasRemaining())
        {
            layer.write(src);
        }
        client.consume(wire.takeWritten());
        assertEquals(mebibyte.length, client.takeReceived().length);
        final int packet = settings.newEngine().getSession().getPacketBufferSize();
        assertTrue(layer.bufferedCapacity() <= 3 * packet, "buffers: " + layer.bufferedCapacity());
    }

    @Test
    void plaintextWhereRecordsWereExpectedFailsEveryLaterCall() throws Exception
    {
        create();
        wire.feed("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        final IOException failure = assertThrows(IOException.class, () -> layer.read(input));
        assertTrue(failure.getMessage().startsWith("TLS handshake failed"), failure.getMessage());
        assertThrows(IOException.class, () -> layer.read(input));
        assertThrows(IOException.class, () -> layer.write(ByteBuffer.wrap(new byte[1])));
        assertFalse(layer.hasBufferedInput());
        layer.close();
    }

    @Test
    void recordHeaderClaimingSixtyFourKibibytesFailsWithoutWaitingForIt() throws Exception
    {
        create();
        final int before = layer.bufferedCapacity();
        wire.feed(new byte[] {0x16, 0x03, 0x03, (byte)0xff, (byte)0xff, 1, 2, 3});
        assertThrows(IOException.class, () -> layer.read(input));
        assertEquals(before, layer.bufferedCapacity());
    }

    @Test
    void keyUpdatesAreAnsweredAndAPeerThatNeverReadsTheAnswersIsCutOff() throws Exception
    {
        create();
        pump(new byte[0]);
        client.engine.beginHandshake(); // TLS 1.3: a key update, asking for one back
        pump("after key update".getBytes(StandardCharsets.US_ASCII));
        assertEquals("after key update", new String(readAll(), StandardCharsets.US_ASCII));

        wire.writeBudget(0); // from now on the client reads nothing: the answers pile up
        final IOException failure = assertThrows(IOException.class, () ->
        {
            for (int i = 0; i < 10_000; i++)
            {
                client.engine.beginHandshake();
                wire.feed(client.produce(new byte[0]));
                layer.read(input);
            }
        });
        assertTrue(failure.getMessage().contains("refusing to read"), failure.getMessage());
    }

    @Test
    void endOfStreamMidHandshakeReadsAsTheEnd() throws Exception
    {
        create();
        final byte[] hello = client.produce(new byte[0]);
        wire.feed(Arrays.copyOf(hello, 40));
        assertEquals(0, layer.read(input));
        wire.end();
        assertEquals(-1, layer.read(input));
        assertNull(layer.session());
    }

    private void create() throws IOException
    {
        layer = new TlsLayer(settings.newEngine(), wire, ByteBuffer.allocate(0), flushRequests::incrementAndGet, listener);
    }

    /** A few round trips: client records in, server reads (collecting plaintext) and flushes, server records out. */
    private void pump(final byte[] clientPlaintext) throws IOException
    {
        byte[] pending = clientPlaintext;
        for (int i = 0; i < ROUNDS; i++)
        {
            final byte[] records = client.produce(pending);
            if (records.length > 0 && client.engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING)
            {
                pending = new byte[0];
            }
            wire.feed(records);
            layer.read(input);
            layer.flush();
            client.consume(wire.takeWritten());
        }
    }

    /** What the server decoded so far. */
    private byte[] readAll()
    {
        input.flip();
        final byte[] bytes = new byte[input.remaining()];
        input.get(bytes);
        input.clear();
        return bytes;
    }

    private static byte[] bytes(final int length, final char c)
    {
        final byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte)c);
        return bytes;
    }
}
