package io.ringnsq.benchmarks.load;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * A TCP publishing load: {@code connections} sockets, each publishing {@code size}-byte messages with at most
 * {@code window} commands awaiting their OK, for {@code seconds}; prints one line with messages and MB (of bodies)
 * per second. With window 1 it has the shape of {@code wrk -c N} against HTTP /pub (one request in flight per
 * connection), so the two are comparable. Loopback only.
 *
 * <p>Options: {@code --batch=N} publishes with MPUB, N messages a command (default 1: PUB); {@code --count=N}
 * stops after N messages in all are acknowledged ({@code seconds} is then a limit, and the exit code is 3 when
 * it cut the run short); {@code --topic=T} (default {@code load}).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.ringnsq.benchmarks.load.TcpPubLoad 127.0.0.1:4150 32 1 200 10}
 * <br>{@code ... TcpPubLoad 127.0.0.1:4150 2 4 200 120 --batch=200 --count=2000000}
 */
public final class TcpPubLoad
{
    private TcpPubLoad()
    {
    }

    public static void main(final String[] arguments) throws Exception
    {
        final V2Wire.Args args = new V2Wire.Args(arguments,
            "TcpPubLoad <host:port> <connections> <window> <size> <seconds>", "[--batch=N] [--count=N] [--topic=T]");
        final InetSocketAddress address = args.address();
        final String mode = args.mode();
        final int connections = (int)args.number(1);
        final int window = (int)args.number(2);
        final int size = (int)args.number(3);
        final long seconds = args.number(4);
        final int batch = (int)args.option("batch", 1);
        final long count = args.option("count", Long.MAX_VALUE);
        final String topic = args.option("topic", "load");

        final byte[] full = V2Wire.publish(topic, batch, size);
        final LongAdder acknowledged = new LongAdder();
        final long end = System.nanoTime() + seconds * 1_000_000_000L;
        final List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++)
        {
            // the count is split evenly, the first connections taking the remainder
            final long share = count == Long.MAX_VALUE ? Long.MAX_VALUE : count / connections + (i < count % connections ? 1 : 0);
            final Thread t = new Thread(
                () -> publish(address, mode, topic, size, full, batch, window, share, end, acknowledged), "pub-" + i);
            t.start();
            threads.add(t);
        }
        final long start = System.nanoTime();
        for (final Thread t : threads)
        {
            t.join();
        }
        final double elapsed = (System.nanoTime() - start) / 1e9;
        final long total = acknowledged.sum();
        System.out.printf("tcp %s %s: %d connections, window %d, %d B: %d acknowledged in %.2f s %s%n",
            batch == 1 ? "PUB" : "MPUB×" + batch, mode, connections, window, size, total, elapsed,
            V2Wire.rates(total, total * size, elapsed));
        if (count != Long.MAX_VALUE && total < count)
        {
            System.out.printf("time limit: %d of %d messages acknowledged%n", total, count);
            System.exit(3);
        }
    }

    private static void publish(final InetSocketAddress address, final String mode, final String topic, final int size,
        final byte[] full, final int batch, final int window, final long share, final long end, final LongAdder acknowledged)
    {
        try (Socket socket = new Socket(address.getAddress(), address.getPort()))
        {
            socket.setTcpNoDelay(true);
            final UpgradedStream stream = UpgradedStream.open(socket, mode);
            final OutputStream out = stream.out;
            final DataInputStream in = stream.in;
            // messages in each command awaiting its OK, oldest first: OKs come in order
            final int[] inFlight = new int[window];
            int oldest = 0;
            int outstanding = 0;
            long unsent = share;
            while ((unsent > 0 && System.nanoTime() < end) || outstanding > 0)
            {
                while (outstanding < window && unsent > 0 && System.nanoTime() < end)
                {
                    final int messages = (int)Math.min(batch, unsent);
                    out.write(messages == batch ? full : V2Wire.publish(topic, messages, size));
                    inFlight[(oldest + outstanding) % window] = messages;
                    outstanding++;
                    unsent -= messages;
                }
                out.flush();
                final V2Wire.Frame frame = V2Wire.readResponse(in, out);
                if (frame.data().length != 2)
                {
                    throw new IllegalStateException("unexpected response: " + frame.text());
                }
                acknowledged.add(inFlight[oldest]);
                oldest = (oldest + 1) % window;
                outstanding--;
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
