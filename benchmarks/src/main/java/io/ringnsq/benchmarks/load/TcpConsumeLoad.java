package io.ringnsq.benchmarks.load;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A TCP consuming load: {@code connections} sockets SUB to one topic and channel with RDY {@code rdy}, and FIN
 * every message, all the FINs of one read in one write. Stops once {@code count} messages in all have arrived,
 * or after {@code seconds} (exit code 3 then); prints one line with messages and MB (of bodies) per second, timed
 * from the first connect to the message that completed the count. No allocation per message. Loopback only.
 *
 * <p>Options: {@code --topic=T}, {@code --channel=C} (default {@code load} for both); {@code --clock=first} times
 * from the first message instead of the first connect (for consuming while a publisher that starts later runs).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.ringnsq.benchmarks.load.TcpConsumeLoad 127.0.0.1:4150 2 2500 2000000 120}
 */
public final class TcpConsumeLoad
{
    private static final int READ_BUFFER = 256 * 1024;
    private static final byte[] FIN = V2Wire.ascii("FIN ");
    private static final int FIN_LENGTH = FIN.length + V2Wire.ID_LENGTH + 1;
    /** How often a connection that waits for data looks at the clock and at the others' progress. */
    private static final int POLL_MS = 100;

    private final long count;
    private final long deadline;
    private final AtomicLong received = new AtomicLong();
    private final LongAdder bodyBytes = new LongAdder();
    private volatile boolean stop;
    private volatile long completedAt;
    private final AtomicLong firstAt = new AtomicLong();

    private TcpConsumeLoad(final long count, final long deadline)
    {
        this.count = count;
        this.deadline = deadline;
    }

    public static void main(final String[] arguments) throws Exception
    {
        final V2Wire.Args args = new V2Wire.Args(arguments, "TcpConsumeLoad <host:port> <connections> <rdy> <count> <seconds>",
            "[--topic=T] [--channel=C] [--clock=connect|first]");
        final InetSocketAddress address = args.address();
        final String mode = args.mode();
        final int connections = (int)args.number(1);
        final int rdy = (int)args.number(2);
        final long count = args.number(3);
        final long seconds = args.number(4);
        final byte[] subscribe = V2Wire.ascii("SUB " + args.option("topic", "load") + " " + args.option("channel", "load")
            + "\nRDY " + rdy + "\n");

        final long start = System.nanoTime();
        final TcpConsumeLoad load = new TcpConsumeLoad(count, start + seconds * 1_000_000_000L);
        final List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++)
        {
            final Thread t = new Thread(() -> load.consume(address, mode, subscribe), "sub-" + i);
            t.start();
            threads.add(t);
        }
        for (final Thread t : threads)
        {
            t.join();
        }
        final long total = load.received.get();
        final long from = "first".equals(args.option("clock", "connect")) && load.firstAt.get() != 0 ? load.firstAt.get() : start;
        final double elapsed = ((load.completedAt != 0 ? load.completedAt : System.nanoTime()) - from) / 1e9;
        System.out.printf("tcp SUB %s: %d connections, RDY %d: %d messages in %.2f s %s%n",
            mode, connections, rdy, total, elapsed, V2Wire.rates(total, load.bodyBytes.sum(), elapsed));
        if (total < count)
        {
            System.out.printf("time limit: %d of %d messages received%n", total, count);
            System.exit(3);
        }
    }

    private void consume(final InetSocketAddress address, final String mode, final byte[] subscribe)
    {
        try (Socket socket = new Socket(address.getAddress(), address.getPort()))
        {
            socket.setTcpNoDelay(true);
            final UpgradedStream stream = UpgradedStream.open(socket, mode);
            final OutputStream out = stream.out;
            final InputStream in = stream.direct;
            out.write(subscribe); // SUB and RDY in one write: nsqd takes a connection's commands in order
            out.flush();
            socket.setSoTimeout(POLL_MS);
            byte[] buffer = new byte[READ_BUFFER];
            final byte[] replies = new byte[READ_BUFFER / 4];
            int end = 0;
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
                        messages++;
                        bytes += length - V2Wire.MESSAGE_HEADER;
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
                    // any other response (the OK of SUB) needs nothing
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
                    bodyBytes.add(bytes);
                    if (firstAt.get() == 0)
                    {
                        firstAt.compareAndSet(0, System.nanoTime());
                    }
                    if (received.addAndGet(messages) >= count && !stop)
                    {
                        completedAt = System.nanoTime();
                        stop = true;
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        finally
        {
            stop = true; // done, out of time or failed: the other connections stop too
        }
    }
}
