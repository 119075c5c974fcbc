package io.ringnsq.transport.compress;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

import io.ringnsq.transport.nio.StreamLayer;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyFramedInputStream;
import org.xerial.snappy.SnappyFramedOutputStream;

import static io.ringnsq.transport.compress.LayerTesting.NOTHING_PENDING;
import static io.ringnsq.transport.compress.LayerTesting.OK_FRAME;
import static io.ringnsq.transport.compress.LayerTesting.messageFrame;
import static io.ringnsq.transport.compress.LayerTesting.mixedBody;
import static io.ringnsq.transport.compress.LayerTesting.pending;
import static io.ringnsq.transport.compress.LayerTesting.randomBytes;
import static io.ringnsq.transport.compress.LayerTesting.readAvailable;
import static io.ringnsq.transport.compress.LayerTesting.readToEnd;
import static io.ringnsq.transport.compress.LayerTesting.writeAndFlush;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SnappyLayer} against snappy-java's framed streams in both directions, against streams built
 * the way Go's snappy package writes them, and against every malformation the framing format names,
 * with the socket replaced by {@link FakeBelowLayer}.
 */
class SnappyLayerTest
{
    private static final byte[] STREAM_IDENTIFIER = {(byte)0xff, 6, 0, 0, 's', 'N', 'a', 'P', 'p', 'Y'};

    @Test
    void shouldSendTheStreamIdentifierThenTheOkFrameInAnUncompressedChunk() throws IOException
    {
        final FakeBelowLayer below = new FakeBelowLayer();
        final SnappyLayer layer = new SnappyLayer(below, NOTHING_PENDING);

        writeAndFlush(layer, OK_FRAME);

        // ten bytes never shrink by 12.5%: Go sends them uncompressed as well
        final byte[] expected = concat(STREAM_IDENTIFIER, dataChunk(0x01, OK_FRAME, OK_FRAME));
        assertArrayEquals(expected, below.takeWritten());
    }

    @Test
    void shouldSendTheStreamIdentifierOnlyOnce() throws IOException
    {
        final FakeBelowLayer below = new FakeBelowLayer();
        final SnappyLayer layer = new SnappyLayer(below, NOTHING_PENDING);
        writeAndFlush(layer, OK_FRAME);
        below.takeWritten();

        writeAndFlush(layer, OK_FRAME);

        assertArrayEquals(dataChunk(0x01, OK_FRAME, OK_FRAME), below.takeWritten());
        assertTrue(layer.flush());
        assertEquals(0, below.takeWritten().length, "an idle flush sends nothing");
    }

    @Test
    void shouldWriteWhatSnappyJavaFramedInputStreamReadsWithChecksums() throws IOException
    {
        final FakeBelowLayer below = new FakeBelowLayer().maxPerWrite(4000);
        final SnappyLayer layer = new SnappyLayer(below, NOTHING_PENDING);
        final ByteArrayOutputStream plain = new ByteArrayOutputStream();
        for (int burst = 0; burst < 100; burst++)
        {
            final ByteArrayOutputStream frames = new ByteArrayOutputStream();
            for (int i = 0; i < 1 + burst; i++)
            {
                frames.writeBytes(messageFrame(200, burst * 1000L + i));
            }
            writeAndFlush(layer, frames.toByteArray());
            plain.writeBytes(frames.toByteArray());
        }
        final byte[] big = mixedBody(1 << 20, 11);
        writeAndFlush(layer, big);
        plain.writeBytes(big);

        final byte[] wire = below.takeWritten();
        try (SnappyFramedInputStream reference = new SnappyFramedInputStream(new ByteArrayInputStream(wire), true))
        {
            assertArrayEquals(plain.toByteArray(), reference.readAllBytes());
        }
        assertChunksWithinGoReaderLimits(wire);
    }

    @Test
    void shouldReadWhatSnappyJavaFramedOutputStreamWritesFedOneByteAtATime() throws IOException
    {
        final byte[] plain = mixedBody(150_000, 13);
        final byte[] wire = snappyJavaFramed(plain, 1000);
        final FakeBelowLayer socket = new FakeBelowLayer().feedInPieces(wire, 1).end();
        final SnappyLayer layer = new SnappyLayer(socket, NOTHING_PENDING);

        assertArrayEquals(plain, readToEnd(layer, 3));
    }

    @Test
    void shouldReadWhatSnappyJavaFramedOutputStreamWritesForAOneMebibyteBody() throws IOException
    {
        final byte[] plain = mixedBody(1 << 20, 17);
        final byte[] wire = snappyJavaFramed(plain, 64 * 1024);
        assertTrue(containsChunkType(wire, 0x00) && containsChunkType(wire, 0x01), "both kinds of data chunk are tested");
        final FakeBelowLayer socket = new FakeBelowLayer().feedInPieces(wire, 1461).end();
        final SnappyLayer layer = new SnappyLayer(socket, NOTHING_PENDING);

        assertArrayEquals(plain, readToEnd(layer, 16 * 1024));
    }

    @Test
    void shouldReadAStreamAsGoWritesIt() throws IOException
    {
        // Go: the identifier once, then per block a compressed chunk, or an uncompressed one when it does not shrink
        final byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
        final byte[] literalOnly = concat(new byte[] {5, (byte)((5 - 1) << 2)}, hello); // Go's encoding below 17 bytes
        final byte[] repeated = "abcdabcdabcdabcdabcd".getBytes(StandardCharsets.US_ASCII);
        final byte[] withCopies = {20, 0x0c, 'a', 'b', 'c', 'd', 0x1d, 0x04, 0x05, 0x04}; // literal, copy 11 @4, copy 5 @4
        final byte[] incompressible = randomBytes(65_536, 19);
        final byte[] wire = concat(
            STREAM_IDENTIFIER,
            dataChunk(0x00, hello, literalOnly),
            dataChunk(0x00, repeated, withCopies),
            dataChunk(0x01, incompressible, incompressible));
        final FakeBelowLayer socket = new FakeBelowLayer().feedInPieces(wire, 7).end();
        final SnappyLayer layer = new SnappyLayer(socket, NOTHING_PENDING);

        assertArrayEquals(concat(hello, repeated, incompressible), readToEnd(layer, 1000));
    }

    @Test
    void shouldRoundTripSmallFramesThroughTwoLayers() throws IOException
    {
        final FakeBelowLayer serverSocket = new FakeBelowLayer();
        final SnappyLayer server = new SnappyLayer(serverSocket, NOTHING_PENDING);
        final FakeBelowLayer clientSocket = new FakeBelowLayer();
        final SnappyLayer client = new SnappyLayer(clientSocket, NOTHING_PENDING);

        for (int i = 0; i < 20; i++)
        {
            final byte[] frame = i % 2 == 0 ? OK_FRAME : messageFrame(10 * i, i);
            writeAndFlush(server, frame);
            clientSocket.feed(serverSocket.takeWritten());
            assertArrayEquals(frame, readAvailable(client, 16 * 1024), "frame " + i + " decodes as soon as it is flushed");
        }
    }

    @Test
    void shouldRoundTripAOneMebibyteBodyThroughPartialWritesAndOneByteSegments() throws IOException
    {
        final byte[] body = mixedBody(1 << 20, 23);
        final FakeBelowLayer serverSocket = new FakeBelowLayer().maxPerWrite(999);
        writeAndFlush(new SnappyLayer(serverSocket, NOTHING_PENDING), body);
        final FakeBelowLayer clientSocket = new FakeBelowLayer().feedInPieces(serverSocket.takeWritten(), 1).end();

        assertArrayEquals(body, readToEnd(new SnappyLayer(clientSocket, NOTHING_PENDING), 16 * 1024));
    }

    @Test
    void shouldRoundTripManySmallMessagesInBursts() throws IOException
    {
        final FakeBelowLayer serverSocket = new FakeBelowLayer();
        final SnappyLayer server = new SnappyLayer(serverSocket, NOTHING_PENDING);
        final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (int burst = 0; burst < 200; burst++)
        {
            final ByteArrayOutputStream plain = new ByteArrayOutputStream();
            for (int i = 0; i < 1 + burst % 500; i++)
            {
                plain.writeBytes(messageFrame(200, burst * 1000L + i));
            }
            writeAndFlush(server, plain.toByteArray());
            sent.writeBytes(plain.toByteArray());
        }
        final FakeBelowLayer clientSocket = new FakeBelowLayer().feedInPieces(serverSocket.takeWritten(), 1447).end();

        assertArrayEquals(sent.toByteArray(), readToEnd(new SnappyLayer(clientSocket, NOTHING_PENDING), 4096));
    }

    @Test
    void shouldDecodeBytesReadBeforeTheUpgradeFirst() throws IOException
    {
        final byte[] wire = concat(STREAM_IDENTIFIER, dataChunk(0x01, OK_FRAME, OK_FRAME));
        final FakeBelowLayer socket = new FakeBelowLayer().feed(Arrays.copyOfRange(wire, 12, wire.length));
        final StreamLayer layer = SnappyLayer.factory().create(socket, pending(Arrays.copyOf(wire, 12)));

        assertTrue(layer.hasBufferedInput());
        assertArrayEquals(OK_FRAME, readAvailable(layer, 100));
    }

    @Test
    void shouldSkipPaddingAndReservedSkippableChunksEvenLongerThanItsBuffer() throws IOException
    {
        final byte[] wire = concat(
            STREAM_IDENTIFIER,
            chunk(0xfe, new byte[100]),
            dataChunk(0x01, OK_FRAME, OK_FRAME),
            chunk(0x80, randomBytes(300_000, 29)),
            chunk(0xfd, new byte[0]),
            dataChunk(0x01, OK_FRAME, OK_FRAME));
        final FakeBelowLayer socket = new FakeBelowLayer().feedInPieces(wire, 4096).end();

        assertArrayEquals(concat(OK_FRAME, OK_FRAME), readToEnd(new SnappyLayer(socket, NOTHING_PENDING), 1024));
    }

    @Test
    void shouldAcceptTheStreamIdentifierAgainMidStream() throws IOException
    {
        final byte[] wire = concat(STREAM_IDENTIFIER, dataChunk(0x01, OK_FRAME, OK_FRAME), STREAM_IDENTIFIER,
            dataChunk(0x01, OK_FRAME, OK_FRAME));
        final FakeBelowLayer socket = new FakeBelowLayer().feed(wire).end();

        assertArrayEquals(concat(OK_FRAME, OK_FRAME), readToEnd(new SnappyLayer(socket, NOTHING_PENDING), 1024));
    }

    @Test
    void shouldThrowOnReservedUnskippableChunks()
    {
        for (final int type : new int[] {0x02, 0x10, 0x7f})
        {
            assertMalformed(concat(STREAM_IDENTIFIER, chunk(type, new byte[8])));
        }
    }

    @Test
    void shouldThrowOnAWrongChecksum()
    {
        final byte[] compressed = dataChunk(0x00, OK_FRAME, compress(OK_FRAME));
        compressed[4] ^= 1;
        assertMalformed(concat(STREAM_IDENTIFIER, compressed));
        final byte[] uncompressed = dataChunk(0x01, OK_FRAME, OK_FRAME);
        uncompressed[uncompressed.length - 1] ^= 1; // the data, not the checksum
        assertMalformed(concat(STREAM_IDENTIFIER, uncompressed));
    }

    @Test
    void shouldThrowOnAnUncompressedChunkOverSixtyFourKibibytes()
    {
        final byte[] data = new byte[65_537];
        assertMalformed(concat(STREAM_IDENTIFIER, dataChunk(0x01, data, data)));
    }

    @Test
    void shouldThrowOnACompressedChunkLongerThanAFullBlockCanCompressTo()
    {
        assertMalformed(concat(STREAM_IDENTIFIER, chunk(0x00, new byte[4 + 76_491])));
    }

    @Test
    void shouldThrowOnACompressedChunkThatDecodesToMoreThanSixtyFourKibibytes()
    {
        final byte[] data = new byte[65_537];
        final byte[] block = compress(data);
        assertTrue(block.length <= 76_490, "the chunk itself is within the length limit");
        assertMalformed(concat(STREAM_IDENTIFIER, dataChunk(0x00, data, block)));
    }

    @Test
    void shouldThrowOnCorruptCompressedData()
    {
        final byte[] block = compress(messageFrame(500, 1));
        final byte[] truncated = Arrays.copyOf(block, block.length - 3);
        assertMalformed(concat(STREAM_IDENTIFIER, dataChunk(0x00, messageFrame(500, 1), truncated)));
        final byte[] badCopy = {10, 0x05, 0x40}; // declares 10 bytes, then copies from before the start
        assertMalformed(concat(STREAM_IDENTIFIER, dataChunk(0x00, new byte[10], badCopy)));
        assertMalformed(concat(STREAM_IDENTIFIER, chunk(0x00, new byte[3]))); // shorter than its checksum
    }

    @Test
    void shouldThrowWhenTheStreamDoesNotStartWithTheStreamIdentifier()
    {
        assertMalformed(dataChunk(0x01, OK_FRAME, OK_FRAME));
    }

    @Test
    void shouldThrowOnABadStreamIdentifier()
    {
        final byte[] wrongMagic = STREAM_IDENTIFIER.clone();
        wrongMagic[9] = 'y';
        assertMalformed(wrongMagic);
        assertMalformed(concat(chunk(0xff, "sNaPpYs".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void shouldThrowOnRawClsAfterTheStreamAsNsqjsSendsOnClose() throws IOException
    {
        final byte[] wire = concat(STREAM_IDENTIFIER, dataChunk(0x01, OK_FRAME, OK_FRAME),
            "CLS\n".getBytes(StandardCharsets.US_ASCII));
        final SnappyLayer layer = new SnappyLayer(new FakeBelowLayer().feed(wire).end(), NOTHING_PENDING);

        final ByteBuffer dst = ByteBuffer.allocate(OK_FRAME.length);
        assertEquals(OK_FRAME.length, layer.read(dst), "what came before the garbage is delivered");
        assertThrows(IOException.class, () -> readToEnd(layer, 1024));
    }

    @Test
    void shouldEndOrThrowOnGarbageThenEndOfStream()
    {
        for (final String garbage : new String[] {"CLS\n", "\u00ff", "\u00ff\u0006\u0000\u0000sNa", "\u0080\u00ff\u00ff\u00ff"})
        {
            final FakeBelowLayer socket = new FakeBelowLayer().feed(garbage.getBytes(StandardCharsets.ISO_8859_1)).end();
            assertThrows(IOException.class, () -> readToEnd(new SnappyLayer(socket, NOTHING_PENDING), 100), garbage);
        }
    }

    @Test
    void shouldThrowWhenTheStreamEndsInsideAChunk()
    {
        final byte[] chunk = dataChunk(0x00, messageFrame(300, 2), compress(messageFrame(300, 2)));
        for (final int cut : new int[] {1, 3, 4, 8, chunk.length - 1})
        {
            final byte[] wire = concat(STREAM_IDENTIFIER, Arrays.copyOf(chunk, cut));
            final FakeBelowLayer socket = new FakeBelowLayer().feed(wire).end();
            assertThrows(IOException.class, () -> readToEnd(new SnappyLayer(socket, NOTHING_PENDING), 100), "cut at " + cut);
        }
    }

    @Test
    void shouldReturnMinusOneAtAChunkBoundaryOnlyAfterEveryDecodedByte() throws IOException
    {
        final byte[] body = mixedBody(300_000, 31);
        final FakeBelowLayer wire = new FakeBelowLayer();
        writeAndFlush(new SnappyLayer(wire, NOTHING_PENDING), body);
        final SnappyLayer layer = new SnappyLayer(new FakeBelowLayer().feed(wire.takeWritten()).end(), NOTHING_PENDING);

        assertArrayEquals(body, readToEnd(layer, 777));
        assertEquals(-1, layer.read(ByteBuffer.allocate(10)), "stays ended");
        assertFalse(layer.hasBufferedInput());
    }

    @Test
    void shouldHandOutCompressedChunksInBufferSizedPiecesReadingFromBelowOnlyAsNeeded() throws IOException
    {
        // 1024 chunks of 64 KiB of zeros: 64 MiB from about 3 MiB of input
        final byte[] zeros = new byte[65_536];
        final byte[] one = dataChunk(0x00, zeros, compress(zeros));
        final ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        bomb.writeBytes(STREAM_IDENTIFIER);
        for (int i = 0; i < 1024; i++)
        {
            bomb.writeBytes(one);
        }
        final FakeBelowLayer socket = new FakeBelowLayer().feed(bomb.toByteArray()).end();
        final SnappyLayer layer = new SnappyLayer(socket, NOTHING_PENDING);

        final ByteBuffer dst = ByteBuffer.allocateDirect(16 * 1024);
        assertEquals(dst.capacity(), layer.read(dst));
        assertTrue(layer.hasBufferedInput(), "the rest of the chunk waits");
        assertTrue(socket.handedUp() <= SnappyFraming.MAX_CHUNK_LENGTH, "read ahead at most one buffer: " + socket.handedUp());

        long total = dst.capacity();
        int chunksConsumed = 0;
        for (int i = 0; i < 1_000_000; i++)
        {
            dst.clear();
            final int n = layer.read(dst);
            if (n < 0)
            {
                break;
            }
            assertTrue(n <= dst.capacity());
            total += n;
            chunksConsumed = (int)(total / zeros.length);
            assertTrue(socket.handedUp() <= STREAM_IDENTIFIER.length + (long)(chunksConsumed + 1) * one.length
                + SnappyFraming.MAX_CHUNK_LENGTH, "input is read as the output is consumed");
        }
        assertEquals(1024L * zeros.length, total);
    }

    @Test
    void shouldHoldOutputWhileTheLayerBelowIsFullAndSendItAllOnceItDrains() throws IOException
    {
        final FakeBelowLayer below = new FakeBelowLayer().writeBudget(0);
        final SnappyLayer layer = new SnappyLayer(below, NOTHING_PENDING);
        final byte[] body = randomBytes(512 * 1024, 37);
        final ByteBuffer src = ByteBuffer.wrap(body);

        while (layer.write(src) > 0)
        {
            // until the layer is full
        }
        assertTrue(src.position() < 3 * 65_536, "a full socket stops the layer taking plaintext: took " + src.position());
        assertFalse(layer.flush());

        below.writeBudget(Long.MAX_VALUE);
        writeAndFlush(layer, Arrays.copyOfRange(body, src.position(), body.length));

        try (SnappyFramedInputStream reference = new SnappyFramedInputStream(new ByteArrayInputStream(below.takeWritten())))
        {
            assertArrayEquals(body, reference.readAllBytes());
        }
    }

    @Test
    void shouldTakePlaintextFromReadOnlyAndDirectBuffers() throws Exception
    {
        final FakeBelowLayer below = new FakeBelowLayer();
        final StreamLayer layer = new SnappyLayer(below, NOTHING_PENDING);
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
        assertArrayEquals(expected, readToEnd(new SnappyLayer(peer, NOTHING_PENDING), 1000));
    }

    @Test
    void shouldCloseTheLayerBelowAndRefuseUseAfterClose()
    {
        final FakeBelowLayer below = new FakeBelowLayer();
        final SnappyLayer layer = new SnappyLayer(below, NOTHING_PENDING);

        layer.close();

        assertTrue(below.closed());
        assertThrows(IOException.class, () -> layer.read(ByteBuffer.allocate(10)));
        assertThrows(IOException.class, () -> layer.flush());
    }

    // ---------------------------------------------------------------- helpers

    /** The whole stream must fail with IOException, fed at once or byte by byte, never hang or return data. */
    private static void assertMalformed(final byte[] wire)
    {
        assertThrows(IOException.class, () -> readToEnd(new SnappyLayer(new FakeBelowLayer().feed(wire), NOTHING_PENDING), 1024));
        assertThrows(IOException.class,
            () -> readToEnd(new SnappyLayer(new FakeBelowLayer().feedInPieces(wire, 1).end(), NOTHING_PENDING), 1024));
    }

    /** Checks what Go's snappy.Reader checks: identifier first, chunk lengths within its buffer, blocks of 64 KiB at most. */
    private static void assertChunksWithinGoReaderLimits(final byte[] wire) throws IOException
    {
        assertArrayEquals(STREAM_IDENTIFIER, Arrays.copyOf(wire, STREAM_IDENTIFIER.length));
        int at = STREAM_IDENTIFIER.length;
        while (at < wire.length)
        {
            final int type = wire[at] & 0xff;
            final int length = (wire[at + 1] & 0xff) | (wire[at + 2] & 0xff) << 8 | (wire[at + 3] & 0xff) << 16;
            assertTrue(type == 0x00 || type == 0x01, "only data chunks after the identifier: " + type);
            assertTrue(length >= 4 && length <= 4 + 76_490, "chunk length " + length);
            final byte[] data = Arrays.copyOfRange(wire, at + 8, at + 4 + length);
            final byte[] plain = type == 0x00 ? Snappy.uncompress(data) : data;
            assertTrue(plain.length <= 65_536);
            assertEquals(readIntLe(wire, at + 4), mask(plain), "checksum");
            at += 4 + length;
        }
        assertEquals(wire.length, at);
    }

    private static byte[] snappyJavaFramed(final byte[] plain, final int writeSize) throws IOException
    {
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        try (SnappyFramedOutputStream out = new SnappyFramedOutputStream(wire))
        {
            for (int i = 0; i < plain.length; i += writeSize)
            {
                out.write(plain, i, Math.min(writeSize, plain.length - i));
                out.flush();
            }
        }
        return wire.toByteArray();
    }

    private static boolean containsChunkType(final byte[] wire, final int wanted)
    {
        int at = 0;
        while (at + 4 <= wire.length)
        {
            if ((wire[at] & 0xff) == wanted)
            {
                return true;
            }
            at += 4 + ((wire[at + 1] & 0xff) | (wire[at + 2] & 0xff) << 8 | (wire[at + 3] & 0xff) << 16);
        }
        return false;
    }

    private static byte[] compress(final byte[] plain)
    {
        try
        {
            return Snappy.compress(plain);
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static byte[] chunk(final int type, final byte[] body)
    {
        final ByteBuffer chunk = ByteBuffer.allocate(4 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put((byte)type).put((byte)body.length).put((byte)(body.length >>> 8)).put((byte)(body.length >>> 16));
        return chunk.put(body).array();
    }

    private static byte[] dataChunk(final int type, final byte[] plain, final byte[] payload)
    {
        final ByteBuffer body = ByteBuffer.allocate(4 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        return chunk(type, body.putInt(mask(plain)).put(payload).array());
    }

    /** The framing format's checksum, written here from the spec rather than taken from the code under test. */
    private static int mask(final byte[] plain)
    {
        final CRC32C crc = new CRC32C();
        crc.update(plain);
        final int c = (int)crc.getValue();
        return (int)((((c & 0xffffffffL) >>> 15 | (c & 0xffffffffL) << 17) + 0xa282ead8L) & 0xffffffffL);
    }

    private static int readIntLe(final byte[] bytes, final int at)
    {
        return ByteBuffer.wrap(bytes, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static byte[] concat(final byte[]... parts)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] part : parts)
        {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
