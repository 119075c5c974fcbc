package io.ringnsq.transport.compress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;

import io.ringnsq.transport.nio.StreamLayer;

/** Payloads and drivers shared by the compression layer tests. */
final class LayerTesting
{
    static final ByteBuffer NOTHING_PENDING = ByteBuffer.allocate(0);
    /** nsqd's {@code OK} response frame: size 6, frame type 0 (response), "OK". */
    static final byte[] OK_FRAME = {0, 0, 0, 6, 0, 0, 0, 0, 'O', 'K'};
    /** A bound on calls in loops that must end: a layer that spins fails the test instead of hanging it. */
    static final int MAX_CALLS = 1_000_000;

    private LayerTesting()
    {
    }

    static byte[] hex(final String spaced)
    {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    static ByteBuffer pending(final byte[] bytes)
    {
        return ByteBuffer.wrap(bytes.clone());
    }

    /** A message frame of nsqd's shape (size, type 2, timestamp, attempts, hex id) with a JSON-ish body. */
    static byte[] messageFrame(final int bodyLength, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final StringBuilder body = new StringBuilder(bodyLength + 64);
        while (body.length() < bodyLength)
        {
            body.append("{\"user\":").append(random.nextInt(1_000_000))
                .append(",\"event\":\"").append(random.nextBoolean() ? "click" : "view")
                .append("\",\"ts\":").append(1_700_000_000_000L + random.nextInt(1 << 30)).append('}');
        }
        body.setLength(bodyLength);
        final ByteBuffer frame = ByteBuffer.allocate(4 + 4 + 8 + 2 + 16 + bodyLength);
        frame.putInt(frame.capacity() - 4).putInt(2).putLong(1_700_000_000_000_000_000L + seed).putShort((short)1);
        frame.put(String.format("%016x", seed).getBytes(StandardCharsets.US_ASCII));
        frame.put(body.toString().getBytes(StandardCharsets.US_ASCII));
        return frame.array();
    }

    static byte[] randomBytes(final int length, final long seed)
    {
        final byte[] bytes = new byte[length];
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)random.nextInt(256);
        }
        return bytes;
    }

    /** Half text-like (compressible), half random (not): both kinds of chunk and block. */
    static byte[] mixedBody(final int length, final long seed)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        long i = seed;
        while (out.size() < length / 2)
        {
            out.writeBytes(messageFrame(200, i++));
        }
        out.writeBytes(randomBytes(Math.max(0, length - out.size()), seed));
        final byte[] bytes = out.toByteArray();
        return java.util.Arrays.copyOf(bytes, length);
    }

    /** Writes all of {@code bytes} as the agent's OutboundBuffer does (write until 0, then flush), pushing until drained. */
    static void writeAndFlush(final StreamLayer layer, final byte[] bytes) throws IOException
    {
        final ByteBuffer src = ByteBuffer.wrap(bytes);
        for (int calls = 0; calls < MAX_CALLS; calls++)
        {
            while (src.hasRemaining() && layer.write(src) > 0)
            {
                // as OutboundBuffer.flush
            }
            if (layer.flush() && !src.hasRemaining())
            {
                return;
            }
        }
        throw new AssertionError("the layer never drained");
    }

    /** Reads through {@code layer} with a buffer of {@code dstSize} until it returns 0 (nothing now) or -1. */
    static byte[] readAvailable(final StreamLayer layer, final int dstSize) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteBuffer dst = ByteBuffer.allocateDirect(dstSize);
        for (int calls = 0; calls < MAX_CALLS; calls++)
        {
            dst.clear();
            final int n = layer.read(dst);
            if (n > dstSize)
            {
                throw new AssertionError("read returned more than the buffer holds: " + n);
            }
            if (n <= 0)
            {
                return out.toByteArray();
            }
            dst.flip();
            final byte[] piece = new byte[n];
            dst.get(piece);
            out.writeBytes(piece);
        }
        throw new AssertionError("the layer never stopped returning data");
    }

    /** Reads until -1, or throws what the layer throws; fails if the layer returns 0 {@code MAX_CALLS} times. */
    static byte[] readToEnd(final StreamLayer layer, final int dstSize) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteBuffer dst = ByteBuffer.allocate(dstSize);
        for (int calls = 0; calls < MAX_CALLS; calls++)
        {
            dst.clear();
            final int n = layer.read(dst);
            if (n < 0)
            {
                return out.toByteArray();
            }
            out.write(dst.array(), 0, n);
        }
        throw new AssertionError("the layer never reported the end of the stream");
    }
}
