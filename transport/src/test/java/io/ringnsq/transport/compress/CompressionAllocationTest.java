package io.ringnsq.transport.compress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;

import io.ringnsq.transport.nio.StreamLayer;
import org.junit.jupiter.api.Test;

import static io.ringnsq.transport.compress.LayerTesting.NOTHING_PENDING;
import static io.ringnsq.transport.compress.LayerTesting.messageFrame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Both layers sit on the message path: once warmed up, compressing and decompressing bursts of
 * 200-byte messages allocates nothing per message (the buffers are fixed per connection).
 */
class CompressionAllocationTest
{
    private static final int MESSAGES_PER_BURST = 50;
    private static final int BURSTS = 4000;
    private static final int WARM_UP_ROUNDS = 5;
    /** Allowance for the measurement itself and stray JIT-time allocations, far below one byte per message. */
    private static final long SLACK_BYTES = 16 * 1024;

    private static final com.sun.management.ThreadMXBean THREADS = threads();

    @Test
    void shouldAllocateNothingPerMessageWhenDeflating() throws IOException
    {
        assertNoAllocationPerMessageWriting(new DeflateLayer(new ReplayBelowLayer(), NOTHING_PENDING, 6));
    }

    @Test
    void shouldAllocateNothingPerMessageWhenSnappyFraming() throws IOException
    {
        assertNoAllocationPerMessageWriting(new SnappyLayer(new ReplayBelowLayer(), NOTHING_PENDING));
    }

    @Test
    void shouldAllocateNothingPerMessageWhenInflating() throws IOException
    {
        final byte[] stream = encode(DeflateLayer.factory(6));
        assertNoAllocationPerMessageReading(new DeflateLayer(new ReplayBelowLayer(new byte[0], stream), NOTHING_PENDING, 6));
    }

    @Test
    void shouldAllocateNothingPerMessageWhenSnappyUnframing() throws IOException
    {
        final byte[] stream = encode(SnappyLayer.factory());
        final byte[] identifier = Arrays.copyOf(stream, SnappyFraming.STREAM_IDENTIFIER.length);
        final byte[] chunks = Arrays.copyOfRange(stream, identifier.length, stream.length);
        assertNoAllocationPerMessageReading(new SnappyLayer(new ReplayBelowLayer(identifier, chunks), NOTHING_PENDING));
    }

    private static void assertNoAllocationPerMessageWriting(final StreamLayer layer) throws IOException
    {
        assumeTrue(THREADS != null && THREADS.isThreadAllocatedMemorySupported(), "no per-thread allocation counter");
        final ByteBuffer burst = ByteBuffer.wrap(burst());
        for (int i = 0; i < WARM_UP_ROUNDS; i++)
        {
            writeBursts(layer, burst); // until the JIT has compiled the encoder fully (C2 needs ~10,000 calls)
        }
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        writeBursts(layer, burst);
        final long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < SLACK_BYTES,
            allocated + " bytes allocated for " + BURSTS * MESSAGES_PER_BURST + " messages");
    }

    private static void assertNoAllocationPerMessageReading(final StreamLayer layer) throws IOException
    {
        assumeTrue(THREADS != null && THREADS.isThreadAllocatedMemorySupported(), "no per-thread allocation counter");
        final ByteBuffer dst = ByteBuffer.allocateDirect(16 * 1024);
        final long bytes = (long)BURSTS * burst().length;
        for (int i = 0; i < WARM_UP_ROUNDS; i++)
        {
            readBytes(layer, dst, bytes); // until the JIT has compiled the decoder fully (C2 needs ~10,000 calls)
        }
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        readBytes(layer, dst, bytes);
        final long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < SLACK_BYTES, allocated + " bytes allocated for " + bytes + " bytes decoded");
    }

    private static void writeBursts(final StreamLayer layer, final ByteBuffer burst) throws IOException
    {
        for (int i = 0; i < BURSTS; i++)
        {
            burst.clear();
            while (burst.hasRemaining() && layer.write(burst) > 0)
            {
                // as OutboundBuffer.flush
            }
            layer.flush();
        }
    }

    private static void readBytes(final StreamLayer layer, final ByteBuffer dst, final long bytes) throws IOException
    {
        long read = 0;
        while (read < bytes)
        {
            dst.clear();
            final int n = layer.read(dst);
            if (n <= 0)
            {
                throw new AssertionError("the replayed stream ran dry: " + n);
            }
            read += n;
        }
    }

    /** Twenty bursts from a fresh layer: a stream that stays valid when replayed end to end. */
    private static byte[] encode(final StreamLayer.Factory factory) throws IOException
    {
        final FakeBelowLayer sink = new FakeBelowLayer();
        final StreamLayer layer = factory.create(sink, NOTHING_PENDING);
        for (int i = 0; i < 20; i++)
        {
            LayerTesting.writeAndFlush(layer, burst());
        }
        return sink.takeWritten();
    }

    private static byte[] burst()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < MESSAGES_PER_BURST; i++)
        {
            out.writeBytes(messageFrame(200, i));
        }
        return out.toByteArray();
    }

    private static com.sun.management.ThreadMXBean threads()
    {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t ? t : null;
    }
}
