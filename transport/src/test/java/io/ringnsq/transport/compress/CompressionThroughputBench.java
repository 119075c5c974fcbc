package io.ringnsq.transport.compress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;

import io.ringnsq.transport.nio.StreamLayer;
import org.junit.jupiter.api.Test;

import static io.ringnsq.transport.compress.LayerTesting.NOTHING_PENDING;
import static io.ringnsq.transport.compress.LayerTesting.messageFrame;

/**
 * A quick throughput figure for each layer, not a test (its name keeps it out of the normal run):
 * nsqd message frames with 200-byte JSON-ish bodies, written in bursts and flushed once per burst as the
 * I/O agent does, and the same stream decoded with a 16 KiB buffer. One thread, no socket. Run it with
 * {@code mvn -B -Dringnsq.target=target-compress -pl transport -am test
 * -Dtest='io/ringnsq/transport/compress/CompressionThroughputBench' -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class CompressionThroughputBench
{
    private static final int DISTINCT_FRAMES = 2000;
    private static final long MEASURE_NANOS = 2_000_000_000L;
    private static final byte[][] FRAMES = frames();

    @Test
    void measure() throws IOException
    {
        final StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
            "%n%-10s %6s %12s %10s %12s %10s %7s%n", "layer", "burst", "encode msg/s", "MB/s in", "decode msg/s", "MB/s out",
            "ratio"));
        for (final int burst : new int[] {1, 10, 50, 200})
        {
            row(report, "deflate-1", burst, DeflateLayer.factory(1));
            row(report, "deflate-6", burst, DeflateLayer.factory(6));
            row(report, "snappy", burst, SnappyLayer.factory());
        }
        System.out.println(report);
    }

    private static void row(final StringBuilder report, final String name, final int burst, final StreamLayer.Factory factory)
        throws IOException
    {
        final ByteBuffer[] bursts = bursts(burst);
        final long frameBytes = FRAMES[0].length;

        // encode: write each burst, flush once
        final ReplayBelowLayer sink = new ReplayBelowLayer();
        final StreamLayer encoder = factory.create(sink, NOTHING_PENDING);
        runEncode(encoder, bursts, MEASURE_NANOS / 2);
        final long sunkBefore = sink.written();
        final long start = System.nanoTime();
        final long messages = runEncode(encoder, bursts, MEASURE_NANOS);
        final double seconds = (System.nanoTime() - start) / 1e9;
        final double ratio = (double)(messages * frameBytes) / (sink.written() - sunkBefore);

        // decode: a stream made by a fresh layer, replayed end to end (valid again at every repeat)
        final byte[] stream = encodeOnce(factory, bursts);
        final int identifier = name.equals("snappy") ? SnappyFraming.STREAM_IDENTIFIER.length : 0;
        final StreamLayer decoder = factory.create(
            new ReplayBelowLayer(Arrays.copyOf(stream, identifier), Arrays.copyOfRange(stream, identifier, stream.length)),
            NOTHING_PENDING);
        final ByteBuffer dst = ByteBuffer.allocateDirect(16 * 1024);
        runDecode(decoder, dst, MEASURE_NANOS / 2);
        final long decodeStart = System.nanoTime();
        final long decodedBytes = runDecode(decoder, dst, MEASURE_NANOS);
        final double decodeSeconds = (System.nanoTime() - decodeStart) / 1e9;

        report.append(String.format(Locale.ROOT, "%-10s %6d %12.0f %10.1f %12.0f %10.1f %7.2f%n", name, burst,
            messages / seconds, messages * frameBytes / seconds / 1e6,
            decodedBytes / frameBytes / decodeSeconds, decodedBytes / decodeSeconds / 1e6, ratio));
    }

    private static long runEncode(final StreamLayer layer, final ByteBuffer[] bursts, final long nanos) throws IOException
    {
        final int perBurst = FRAMES.length / bursts.length;
        final long deadline = System.nanoTime() + nanos;
        long messages = 0;
        while (System.nanoTime() < deadline)
        {
            for (final ByteBuffer burst : bursts)
            {
                burst.clear();
                while (burst.hasRemaining() && layer.write(burst) > 0)
                {
                    // as OutboundBuffer.flush
                }
                layer.flush();
                messages += perBurst;
            }
        }
        return messages;
    }

    private static long runDecode(final StreamLayer layer, final ByteBuffer dst, final long nanos) throws IOException
    {
        final long deadline = System.nanoTime() + nanos;
        long bytes = 0;
        while (System.nanoTime() < deadline)
        {
            for (int i = 0; i < 256; i++)
            {
                dst.clear();
                bytes += layer.read(dst);
            }
        }
        return bytes;
    }

    private static byte[] encodeOnce(final StreamLayer.Factory factory, final ByteBuffer[] bursts) throws IOException
    {
        final FakeBelowLayer sink = new FakeBelowLayer();
        final StreamLayer layer = factory.create(sink, NOTHING_PENDING);
        for (final ByteBuffer burst : bursts)
        {
            final byte[] bytes = new byte[burst.capacity()];
            burst.clear();
            burst.get(bytes);
            LayerTesting.writeAndFlush(layer, bytes);
        }
        return sink.takeWritten();
    }

    /** The distinct frames cut into bursts; all of them span far more than deflate's 32 KiB window. */
    private static ByteBuffer[] bursts(final int size)
    {
        final ByteBuffer[] bursts = new ByteBuffer[FRAMES.length / size];
        for (int b = 0; b < bursts.length; b++)
        {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < size; i++)
            {
                out.writeBytes(FRAMES[b * size + i]);
            }
            bursts[b] = ByteBuffer.allocateDirect(out.size()).put(out.toByteArray());
        }
        return bursts;
    }

    private static byte[][] frames()
    {
        final byte[][] frames = new byte[DISTINCT_FRAMES][];
        for (int i = 0; i < frames.length; i++)
        {
            frames[i] = messageFrame(200, i);
        }
        return frames;
    }
}
