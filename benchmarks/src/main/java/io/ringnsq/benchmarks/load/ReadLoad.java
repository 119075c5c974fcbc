package io.ringnsq.benchmarks.load;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * Consuming connections with bench_reader's semantics: every connection connects and SUBs to one topic and channel
 * (and waits for the OK), then all send RDY {@code rdy} together and FIN every message, all the FINs of one read
 * in one write. They stop once the target count in all has arrived, or at the deadline. No allocation per message.
 */
final class ReadLoad
{
    /**
     * What a connection does with each message's body besides FIN, on the connection's thread (one handler per
     * connection). {@code arrived} is the {@link System#nanoTime()} when the read that brought it returned.
     * Returns whether the message counts towards the target (a latency run skips another run's messages).
     */
    interface BodyHandler
    {
        boolean body(byte[] buffer, int offset, int length, long arrived);
    }

    /**
     * Messages counted and their bodies' bytes, in {@code seconds} from the start to the message that completed the
     * target (or to the end of the run); {@code firstAt}: when the first message arrived (nanoTime, 0 if none).
     */
    record Totals(long messages, long bodyBytes, double seconds, boolean complete, long startedAt, long firstAt)
    {
    }

    private static final int READ_BUFFER = 256 * 1024;
    private static final byte[] FIN = V2Wire.ascii("FIN ");
    private static final int FIN_LENGTH = FIN.length + V2Wire.ID_LENGTH + 1;
    /** How often a connection that waits for data looks at the clock and at the others' progress. */
    private static final int POLL_MS = 100;

    private final InetSocketAddress address;
    private final String transport;
    private final byte[] subscribe;
    private final byte[] ready;
    private final IntFunction<BodyHandler> handlers;
    private final StartLine line;
    private final AtomicLong received = new AtomicLong();
    private final LongAdder bodyBytes = new LongAdder();
    private final AtomicLong firstAt = new AtomicLong();
    private volatile long target;
    private volatile long deadline;
    private volatile boolean stop;
    private volatile long completedAt;
    private long startedAt;

    /**
     * Opens {@code connections} connections and SUBs them; {@link #start(long)} sends their RDY. {@code handlers}
     * gives each connection's handler by index (null: every message counts, nothing else is done).
     */
    ReadLoad(final InetSocketAddress address, final String transport, final String topic, final String channel,
        final int connections, final int rdy, final IntFunction<BodyHandler> handlers)
    {
        this.address = address;
        this.transport = transport;
        this.subscribe = V2Wire.ascii("SUB " + topic + " " + channel + "\n");
        this.ready = V2Wire.ascii("RDY " + rdy + "\n");
        this.handlers = handlers;
        this.target = Long.MAX_VALUE;
        this.line = new StartLine("sub", connections, i -> () -> open(i), () -> stop = true);
    }

    /** Consumes {@code count} messages in all (0 or less: until the deadline) with bench_reader's semantics. */
    static Totals run(final InetSocketAddress address, final String transport, final String topic, final String channel,
        final int connections, final int rdy, final long count, final long runForNanos) throws IOException, InterruptedException
    {
        final ReadLoad load = new ReadLoad(address, transport, topic, channel, connections, rdy, null);
        load.target(count <= 0 ? Long.MAX_VALUE : count);
        load.start(runForNanos);
        return load.finish();
    }

    /**
     * Waits until every connection has subscribed, then lets them send RDY and consume until the target or
     * {@code runForNanos} from now; returns the start time.
     */
    long start(final long runForNanos) throws IOException, InterruptedException
    {
        line.awaitReady();
        startedAt = System.nanoTime();
        deadline = startedAt + runForNanos;
        line.go();
        return startedAt;
    }

    /** Stop once {@code count} messages in all have arrived (may be set while the connections run). */
    void target(final long count)
    {
        target = count;
        if (received.get() >= count && !stop)
        {
            completedAt = System.nanoTime();
            stop = true;
        }
    }

    /** Waits for the connections to stop; the figures. */
    Totals finish() throws IOException, InterruptedException
    {
        line.join();
        final long total = received.get();
        final long end = completedAt != 0 ? completedAt : System.nanoTime();
        return new Totals(total, bodyBytes.sum(), (end - startedAt) / 1e9, total >= target, startedAt, firstAt.get());
    }

    private StartLine.Loop open(final int index) throws IOException
    {
        final BodyHandler handler = handlers == null ? null : handlers.apply(index);
        final Socket socket = V2Wire.connect(address);
        try
        {
            final UpgradedStream stream = UpgradedStream.open(socket, transport);
            stream.out.write(subscribe);
            stream.out.flush();
            // exactly one frame, unbuffered: what follows is the loop's
            V2Wire.readResponse(new DataInputStream(stream.direct), stream.out);
            return () ->
            {
                try (socket)
                {
                    consume(socket, stream, handler);
                }
            };
        }
        catch (final IOException | RuntimeException ex)
        {
            socket.close();
            throw ex;
        }
    }

    private void consume(final Socket socket, final UpgradedStream stream, final BodyHandler handler) throws IOException
    {
        final OutputStream out = stream.out;
        final InputStream in = stream.direct;
        out.write(ready);
        out.flush();
        socket.setSoTimeout(POLL_MS);
        byte[] buffer = new byte[READ_BUFFER];
        final byte[] replies = new byte[READ_BUFFER / 4];
        int end = 0;
        try
        {
            while (!stop && System.nanoTime() - deadline < 0)
            {
                final int read;
                try
                {
                    read = in.read(buffer, end, buffer.length - end);
                }
                catch (final SocketTimeoutException idle)
                {
                    continue;
                }
                if (read < 0)
                {
                    throw new EOFException("nsqd closed the connection");
                }
                final long arrived = System.nanoTime();
                end += read;
                int at = 0;
                int replied = 0;
                int messages = 0;
                long bytes = 0;
                while (end - at >= 8)
                {
                    final int size = V2Wire.intAt(buffer, at);
                    if (end - at < 4 + size)
                    {
                        break;
                    }
                    final int type = V2Wire.intAt(buffer, at + 4);
                    final int data = at + 8;
                    final int length = size - 4;
                    if (replied + Math.max(FIN_LENGTH, V2Wire.NOP.length) > replies.length)
                    {
                        out.write(replies, 0, replied);
                        replied = 0;
                    }
                    if (type == V2Wire.FRAME_MESSAGE)
                    {
                        System.arraycopy(FIN, 0, replies, replied, FIN.length);
                        System.arraycopy(buffer, data + V2Wire.ID_OFFSET, replies, replied + FIN.length, V2Wire.ID_LENGTH);
                        replies[replied + FIN_LENGTH - 1] = '\n';
                        replied += FIN_LENGTH;
                        final int body = data + V2Wire.MESSAGE_HEADER;
                        if (handler == null || handler.body(buffer, body, length - V2Wire.MESSAGE_HEADER, arrived))
                        {
                            messages++;
                            bytes += length - V2Wire.MESSAGE_HEADER;
                        }
                    }
                    else if (type == V2Wire.FRAME_ERROR)
                    {
                        throw new IOException("error frame: " + new String(buffer, data, length, StandardCharsets.UTF_8));
                    }
                    else if (Arrays.equals(buffer, data, data + length, V2Wire.HEARTBEAT, 0, V2Wire.HEARTBEAT.length))
                    {
                        System.arraycopy(V2Wire.NOP, 0, replies, replied, V2Wire.NOP.length);
                        replied += V2Wire.NOP.length;
                    }
                    // any other response needs nothing
                    at += 4 + size;
                }
                // the partial frame left moves to the front, in a larger buffer when it does not fit
                if (end - at >= 4 && 4 + V2Wire.intAt(buffer, at) > buffer.length)
                {
                    buffer = Arrays.copyOf(buffer, 4 + V2Wire.intAt(buffer, at));
                }
                System.arraycopy(buffer, at, buffer, 0, end - at);
                end -= at;
                if (replied > 0)
                {
                    out.write(replies, 0, replied);
                    out.flush();
                }
                if (messages > 0)
                {
                    count(messages, bytes, arrived);
                }
            }
        }
        finally
        {
            stop = true; // done, out of time or failed: the other connections stop too
        }
    }

    private void count(final int messages, final long bytes, final long arrived)
    {
        bodyBytes.add(bytes);
        if (firstAt.get() == 0)
        {
            firstAt.compareAndSet(0, arrived);
        }
        if (received.addAndGet(messages) >= target && !stop)
        {
            completedAt = System.nanoTime();
            stop = true;
        }
    }
}
