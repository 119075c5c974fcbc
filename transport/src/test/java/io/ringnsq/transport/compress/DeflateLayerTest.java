package io.ringnsq.transport.compress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;

import io.ringnsq.transport.nio.StreamLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.ringnsq.transport.compress.LayerTesting.NOTHING_PENDING;
import static io.ringnsq.transport.compress.LayerTesting.OK_FRAME;
import static io.ringnsq.transport.compress.LayerTesting.hex;
import static io.ringnsq.transport.compress.LayerTesting.messageFrame;
import static io.ringnsq.transport.compress.LayerTesting.mixedBody;
import static io.ringnsq.transport.compress.LayerTesting.pending;
import static io.ringnsq.transport.compress.LayerTesting.readAvailable;
import static io.ringnsq.transport.compress.LayerTesting.readToEnd;
import static io.ringnsq.transport.compress.LayerTesting.writeAndFlush;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DeflateLayer} against java.util.zip as the reference and against itself, with the socket
 * replaced by {@link FakeBelowLayer}: upstream's bytes, sync flush per burst, partial writes and
 * byte-at-a-time reads, corrupt and cut streams, and a decompression bomb.
 */
class DeflateLayerTest
{
    /** nsqd v1.3.0's deflated {@code OK} after the upgrade, as seen on the wire (spec §1.9). */
    private static final byte[] UPSTREAM_OK = hex("62 60 60 60 63 60 60 60 f0 f7 06 00 00 00 ff ff 00 00 00 ff ff");
    private static final byte[] SYNC_MARKER = {0, 0, (byte)0xff, (byte)0xff};

    @Test
    void shouldInflateUpstreamsOkBytesToTheOkFrame() throws IOException
    {
        final FakeBelowLayer below = new FakeBelowLayer().feed(UPSTREAM_OK);
        final DeflateLayer layer = new DeflateLayer(below, NOTHING_PENDING, 6);

        assertArrayEquals(OK_FRAME, readAvailable(layer, 16 * 1024));
    }

    @Test
    void shouldInflateBytesReadBeforeTheUpgradeFirst() throws IOException
    {
        final FakeBelowLayer below = new FakeBelowLayer().feed(Arrays.copyOfRange(UPSTREAM_OK, 9, UPSTREAM_OK.length));
        final DeflateLayer layer = new DeflateLayer(below, pending(Arrays.copyOf(UPSTREAM_OK, 9)), 6);

        assertTrue(layer.hasBufferedInput(), "the pending bytes are input the selector will not announce");
        assertArrayEquals(OK_FRAME, readAvailable(layer, 16 * 1024));
    }

    @Test
    void shouldInflateUpstreamsOkBytesFedOneAtATimeIntoAOneByteBuffer() throws IOException
    {
        final FakeBelowLayer below = new FakeBelowLayer().feedInPieces(UPSTREAM_OK, 1);
        final DeflateLayer layer = new DeflateLayer(below, NOTHING_PENDING, 6);

        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 100; i++)
        {
            out.writeBytes(readAvailable(layer, 1));
        }
        assertArrayEquals(OK_FRAME, out.toByteArray());
    }

    @ParameterizedTest(name = "level {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9})
    void shouldWriteTheOkFrameSoJavaUtilZipInflatesItAtEveryLevel(final int level) throws Exception
    {
        final FakeBelowLayer below = new FakeBelowLayer();
        final DeflateLayer layer = new DeflateLayer(below, NOTHING_PENDING, level);

        writeAndFlush(layer, OK_FRAME);

        final byte[] wire = below.takeWritten();
        assertArrayEquals(SYNC_MARKER, Arrays.copyOfRange(wire, wire.length - 4, wire.length), "ends with a sync flush");
        assertArrayEquals(OK_FRAME, referenceInflate(new Inflater(true), wire));
    }

    @ParameterizedTest(name = "level {0}")
    @ValueSource(ints = {1, 6, 9})
    void shouldRoundTripSmallFramesThroughTwoLayers(final int level) throws IOException
    {
        final FakeBelowLayer serverSocket = new FakeBelowLayer();
        final DeflateLayer server = new DeflateLayer(serverSocket, NOTHING_PENDING, level);
        final FakeBelowLayer clientSocket = new FakeBelowLayer();
        final DeflateLayer client = new DeflateLayer(clientSocket, NOTHING_PENDING, level);

        for (int i = 0; i < 20; i++)
        {
            final byte[] frame = i % 2 == 0 ? OK_FRAME : messageFrame(10 + i, i);
            writeAndFlush(server, frame);
            clientSocket.feed(serverSocket.takeWritten());
            assertArrayEquals(frame, readAvailable(client, 16 * 1024), "frame " + i + " decodes as soon as it is flushed");
        }
    }

    @Test
    void shouldEndEveryBurstWithASyncFlushSoThePeerDecodesItWhole() throws Exception
    {
        final FakeBelowLayer below = new FakeBelowLayer();
        final DeflateLayer layer = new DeflateLayer(below, NOTHING_PENDING, 6);
        final Inflater peer = new Inflater(true);

        for (int burst = 0; burst < 40; burst++)
        {
            final ByteArrayOutputStream plain = new ByteArrayOutputStream();
            for (int i = 0; i < 50; i++)
            {
                plain.writeBytes(messageFrame(200, burst * 50L + i));
            }
            writeAndFlush(layer, plain.toByteArray());
            final byte[] wire = below.takeWritten();
            assertArrayEquals(SYNC_MARKER, Arrays.copyOfRange(wire, wire.length - 4, wire.length));
            assertArrayEquals(plain.toByteArray(), referenceInflate(peer, wire), "burst " + burst);
        }
    }

    @Test
    void shouldSendNothingWhenFlushedWithNothingNew() throws IOException
    {
        final FakeBelowLayer below = new FakeBelowLayer();
        final DeflateLayer layer = new DeflateLayer(below, NOTHING_PENDING, 6);
        writeAndFlush(layer, OK_FRAME);
        below.takeWritten();

        assertTrue(layer.flush());
        assertTrue(layer.flush());

        assertEquals(0, below.takeWritten().length, "no empty sync blocks on idle flushes");
    }

    @Test
    void shouldRoundTripAOneMebibyteBodyThroughPartialWritesAndOneByteSegments() throws IOException
    {
        final byte[] body = mixedBody(1 << 20, 7);
        final FakeBelowLayer serverSocket = new FakeBelowLayer().maxPerWrite(1000);
        final DeflateLayer server = new DeflateLayer(serverSocket, NOTHING_PENDING, 6);

        writeAndFlush(server, body);

        final byte[] wire = serverSocket.takeWritten();
        final FakeBelowLayer clientSocket = new FakeBelowLayer().feedInPieces(wire, 1);
        final DeflateLayer client = new DeflateLayer(clientSocket, NOTHING_PENDING, 6);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < wire.length + 10 && out.size() < body.length; i++)
        {
            out.writeBytes(readAvailable(client, 16 * 1024));
        }
        assertArrayEquals(body, out.toByteArray());
    }

    @Test
    void shouldRoundTripManySmallMessagesInBurstsThroughOddSegments() throws IOException
    {
        final FakeBelowLayer serverSocket = new FakeBelowLayer();
        final DeflateLayer server = new DeflateLayer(serverSocket, NOTHING_PENDING, 6);
        final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (int burst = 0; burst < 200; burst++)
        {
            final ByteArrayOutputStream plain = new ByteArrayOutputStream();
            for (int i = 0; i < 1 + burst % 97; i++)
            {
                plain.writeBytes(messageFrame(200, burst * 1000L + i));
            }
            writeAndFlush(server, plain.toByteArray());
            sent.writeBytes(plain.toByteArray());
        }

        final FakeBelowLayer clientSocket = new FakeBelowLayer().feedInPieces(serverSocket.takeWritten(), 1447).end();
        final DeflateLayer client = new DeflateLayer(clientSocket, NOTHING_PENDING, 6);

        assertArrayEquals(sent.toByteArray(), readToEnd(client, 4096));
    }

    @Test
    void shouldDecodeJavaUtilZipDeflaterOutputStreamWithSyncFlush() throws IOException
    {
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        final ByteArrayOutputStream plain = new ByteArrayOutputStream();
        final Deflater deflater = new Deflater(9, true);
        try (DeflaterOutputStream peer = new DeflaterOutputStream(wire, deflater, 512, true))
        {
            final byte[] identify = "IDENTIFY\n".getBytes(StandardCharsets.US_ASCII);
            peer.write(identify);
            peer.flush();
            plain.writeBytes(identify);
            for (int i = 0; i < 500; i++)
            {
                final byte[] pub = ("PUB topic\n" + new String(messageFrame(100, i), StandardCharsets.ISO_8859_1))
                    .getBytes(StandardCharsets.ISO_8859_1);
                peer.write(pub);
                plain.writeBytes(pub);
                if (i % 10 == 0)
                {
                    peer.flush();
                }
            }
            peer.flush();
        }
        finally
        {
            deflater.end();
        }

        final FakeBelowLayer socket = new FakeBelowLayer().feedInPieces(wire.toByteArray(), 333).end();
        final DeflateLayer layer = new DeflateLayer(socket, NOTHING_PENDING, 6);

        assertArrayEquals(plain.toByteArray(), readToEnd(layer, 1000));
    }

    @Test
    void shouldHoldOutputWhileTheLayerBelowIsFullAndSendItAllOnceItDrains() throws Exception
    {
        final FakeBelowLayer below = new FakeBelowLayer().writeBudget(0);
        final DeflateLayer layer = new DeflateLayer(below, NOTHING_PENDING, 1);
        final byte[] body = LayerTesting.randomBytes(256 * 1024, 3); // random: nothing shrinks
        final ByteBuffer src = ByteBuffer.wrap(body);

        int taken = 0;
        for (int i = 0; i < 1000; i++)
        {
            final int n = layer.write(src);
            if (n == 0)
            {
                break;
            }
            taken += n;
        }
        assertTrue(taken < body.length, "a full socket stops the layer taking plaintext: took " + taken);
        assertFalse(layer.flush(), "output is pending while the socket is full");

        below.writeBudget(Long.MAX_VALUE);
        writeAndFlush(layer, Arrays.copyOfRange(body, src.position(), body.length));
        assertTrue(layer.flush());

        assertArrayEquals(body, referenceInflate(new Inflater(true), below.takeWritten()));
    }

    @Test
    void shouldFinishAnInterruptedSyncFlushBeforeTakingMorePlaintext() throws Exception
    {
        final FakeBelowLayer below = new FakeBelowLayer().writeBudget(0);
        final DeflateLayer layer = new DeflateLayer(below, NOTHING_PENDING, 1);
        final byte[] first = LayerTesting.randomBytes(100 * 1024, 4);
        final ByteBuffer src = ByteBuffer.wrap(first);
        while (layer.write(src) > 0)
        {
            // fill the layer's output
        }
        assertFalse(layer.flush());
        final int before = src.position();
        assertEquals(0, layer.write(src), "no plaintext is taken while the sync flush waits for room");
        assertEquals(before, src.position());

        below.writeBudget(Long.MAX_VALUE);
        writeAndFlush(layer, Arrays.copyOfRange(first, src.position(), first.length));
        writeAndFlush(layer, OK_FRAME);

        final byte[] expected = Arrays.copyOf(first, first.length + OK_FRAME.length);
        System.arraycopy(OK_FRAME, 0, expected, first.length, OK_FRAME.length);
        assertArrayEquals(expected, referenceInflate(new Inflater(true), below.takeWritten()));
    }

    @Test
    void shouldThrowOnAnInvalidBlockType() throws IOException
    {
        // 0x07: final block of the reserved type 3
        final DeflateLayer layer = new DeflateLayer(new FakeBelowLayer().feed(new byte[] {0x07, 0x00}), NOTHING_PENDING, 6);

        assertThrows(IOException.class, () -> readAvailable(layer, 1024));
    }

    @Test
    void shouldThrowOnAStoredBlockWhoseLengthsDisagree() throws IOException
    {
        // stored block: LEN 0x0005, NLEN must be 0xfffa but is 0x0000
        final byte[] corrupt = {0x00, 0x05, 0x00, 0x00, 0x00, 'h', 'e', 'l', 'l', 'o'};
        final DeflateLayer layer = new DeflateLayer(new FakeBelowLayer().feed(corrupt), NOTHING_PENDING, 6);

        assertThrows(IOException.class, () -> readAvailable(layer, 1024));
    }

    @Test
    void shouldEndWithoutSpinningWhenRawClsFollowsTheCompressedStreamThenTheSocketCloses() throws IOException
    {
        // nsqjs's close() writes CLS uncompressed on a deflate connection, then the socket closes
        final FakeBelowLayer server = new FakeBelowLayer();
        final DeflateLayer clientSide = new DeflateLayer(server, NOTHING_PENDING, 6);
        writeAndFlush(clientSide, "NOP\n".getBytes(StandardCharsets.US_ASCII));
        final FakeBelowLayer socket = new FakeBelowLayer()
            .feed(server.takeWritten())
            .feed("CLS\n".getBytes(StandardCharsets.US_ASCII))
            .end();
        final DeflateLayer layer = new DeflateLayer(socket, NOTHING_PENDING, 6);

        final byte[] nop = readAvailableUntilNop(layer);
        assertArrayEquals("NOP\n".getBytes(StandardCharsets.US_ASCII), nop);
        endsOrThrows(layer);
    }

    @Test
    void shouldEndWithoutSpinningOnGarbageAloneThenEndOfStream()
    {
        for (final String garbage : new String[] {"CLS\n", "\u00ff\u00ff\u00ff\u00ff", "GET / HTTP/1.1\r\n\r\n", "\0"})
        {
            final FakeBelowLayer socket = new FakeBelowLayer().feed(garbage.getBytes(StandardCharsets.ISO_8859_1)).end();
            endsOrThrows(new DeflateLayer(socket, NOTHING_PENDING, 6));
        }
    }

    @Test
    void shouldReturnMinusOneOnlyAfterEveryDecodedByte() throws IOException
    {
        final byte[] body = mixedBody(100_000, 5);
        final FakeBelowLayer wire = new FakeBelowLayer();
        writeAndFlush(new DeflateLayer(wire, NOTHING_PENDING, 6), body);
        final FakeBelowLayer socket = new FakeBelowLayer().feed(wire.takeWritten()).end();
        final DeflateLayer layer = new DeflateLayer(socket, NOTHING_PENDING, 6);

        assertArrayEquals(body, readToEnd(layer, 777));
        assertEquals(-1, layer.read(ByteBuffer.allocate(10)), "stays ended");
    }

    @Test
    void shouldEndTheStreamAtAFinalBlockAndIgnoreWhatFollows() throws IOException
    {
        final Deflater deflater = new Deflater(6, true);
        deflater.setInput(OK_FRAME);
        deflater.finish();
        final byte[] buffer = new byte[100];
        final int n = deflater.deflate(buffer);
        deflater.end();
        final FakeBelowLayer socket = new FakeBelowLayer()
            .feed(Arrays.copyOf(buffer, n))
            .feed("trailing bytes".getBytes(StandardCharsets.US_ASCII));
        final DeflateLayer layer = new DeflateLayer(socket, NOTHING_PENDING, 6);

        assertArrayEquals(OK_FRAME, readToEnd(layer, 1024), "without the socket ending: the final block ends it");
    }

    @Test
    void shouldHandOutADecompressionBombInBufferSizedPiecesReadingFromBelowOnlyAsNeeded() throws IOException
    {
        // 256 MiB of zeros deflate to about 256 KiB
        final ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        final Deflater deflater = new Deflater(9, true);
        try (DeflaterOutputStream out = new DeflaterOutputStream(bomb, deflater, 64 * 1024, true))
        {
            final byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 256; i++)
            {
                out.write(zeros);
            }
            out.flush();
        }
        deflater.end();
        final byte[] wire = bomb.toByteArray();
        final FakeBelowLayer socket = new FakeBelowLayer().feed(wire).end();
        final DeflateLayer layer = new DeflateLayer(socket, NOTHING_PENDING, 6);

        final ByteBuffer dst = ByteBuffer.allocateDirect(16 * 1024);
        assertEquals(dst.capacity(), layer.read(dst), "one read fills the buffer, no more");
        assertTrue(layer.hasBufferedInput(), "and says more is waiting");
        assertTrue(socket.handedUp() <= 16 * 1024, "reading no further ahead than its input buffer: " + socket.handedUp());

        long total = dst.capacity();
        for (int i = 0; i < 1_000_000; i++)
        {
            dst.clear();
            final int n = layer.read(dst);
            if (n < 0)
            {
                break;
            }
            assertTrue(n <= dst.capacity());
            for (int j = 0; j < n; j += 4096)
            {
                assertEquals(0, dst.get(j));
            }
            total += n;
            assertTrue(socket.handedUp() - wire.length * (total / (256.0 * (1 << 20))) <= 32 * 1024,
                "compressed input is read as the output is consumed");
        }
        assertEquals(256L << 20, total);
    }

    @Test
    void shouldRefuseLevelsOutsideOneToNine()
    {
        assertThrows(IllegalArgumentException.class, () -> DeflateLayer.factory(0));
        assertThrows(IllegalArgumentException.class, () -> DeflateLayer.factory(10));
        assertThrows(IllegalArgumentException.class, () -> new DeflateLayer(new FakeBelowLayer(), NOTHING_PENDING, -1));
    }

    @Test
    void shouldBuildTheLayerFromItsFactoryOverTheLayerBelow() throws IOException
    {
        final FakeBelowLayer below = new FakeBelowLayer();
        final StreamLayer layer = DeflateLayer.factory(9).create(below, pending(UPSTREAM_OK));

        assertArrayEquals(OK_FRAME, readAvailable(layer, 64));
    }

    @Test
    void shouldTakePlaintextFromReadOnlyAndDirectBuffers() throws Exception
    {
        final FakeBelowLayer below = new FakeBelowLayer();
        final StreamLayer layer = new DeflateLayer(below, NOTHING_PENDING, 6);
        final byte[] body = messageFrame(5000, 53);

        final ByteBuffer readOnly = ByteBuffer.wrap(body).asReadOnlyBuffer();
        while (readOnly.hasRemaining())
        {
            layer.write(readOnly);
        }
        final ByteBuffer direct = ByteBuffer.allocateDirect(body.length).put(body).flip();
        while (direct.hasRemaining())
        {
            layer.write(direct);
        }
        assertTrue(layer.flush());

        final FakeBelowLayer peer = new FakeBelowLayer().feed(below.takeWritten()).end();
        final byte[] expected = Arrays.copyOf(body, 2 * body.length);
        System.arraycopy(body, 0, expected, body.length, body.length);
        assertArrayEquals(expected, readToEnd(new DeflateLayer(peer, NOTHING_PENDING, 6), 1000));
    }

    @Test
    void shouldCloseTheLayerBelowAndRefuseUseAfterClose()
    {
        final FakeBelowLayer below = new FakeBelowLayer();
        final DeflateLayer layer = new DeflateLayer(below, NOTHING_PENDING, 6);

        layer.close();
        layer.close();

        assertTrue(below.closed());
        assertFalse(layer.hasBufferedInput());
        assertThrows(IOException.class, () -> layer.read(ByteBuffer.allocate(10)));
        assertThrows(IOException.class, () -> layer.write(ByteBuffer.wrap(OK_FRAME)));
    }

    private static byte[] readAvailableUntilNop(final DeflateLayer layer) throws IOException
    {
        final ByteBuffer dst = ByteBuffer.allocate(4);
        assertEquals(4, layer.read(dst));
        return dst.array();
    }

    /** The layer must report the end (-1) or throw within a bounded number of reads, never return 0 forever. */
    private static void endsOrThrows(final StreamLayer layer)
    {
        try
        {
            readToEnd(layer, 1024);
        }
        catch (final IOException ex)
        {
            // as good as -1: the agent closes the connection
        }
    }

    /** Inflates everything in {@code wire} with java.util.zip, as a peer with sync-flush decoding would. */
    private static byte[] referenceInflate(final Inflater inflater, final byte[] wire) throws DataFormatException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        inflater.setInput(wire);
        final byte[] buffer = new byte[8192];
        while (true)
        {
            final int n = inflater.inflate(buffer);
            if (n == 0 && (inflater.needsInput() || inflater.finished()))
            {
                return out.toByteArray();
            }
            out.write(buffer, 0, n);
        }
    }
}
