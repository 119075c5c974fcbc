package io.ringnsq.benchmarks.load;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.LongAdder;

/**
 * Publishing connections with bench_writer's semantics: every connection is set up, then all start together and
 * publish ready-made {@code size}-byte bodies, {@code batch} a command (MPUB; PUB for 1), with at most
 * {@code window} commands awaiting their OK (bench_writer: 1), until their share of {@code count} is acknowledged
 * or {@code runFor} has passed; a command sent before then is still awaited. Timed from the start to the last OK.
 * No allocation per command.
 */
final class WriteLoad
{
    /** Acknowledged messages and their bodies' bytes, in {@code seconds} from the start to the last OK. */
    record Totals(long messages, long bodyBytes, double seconds)
    {
    }

    private final InetSocketAddress address;
    private final String transport;
    private final String topic;
    private final int connections;
    private final int window;
    private final int batch;
    private final int size;
    private final long count;
    private final byte[] full;
    private final LongAdder acknowledged = new LongAdder();
    private volatile long end;
    private volatile boolean stop;

    private WriteLoad(final InetSocketAddress address, final String transport, final String topic, final int connections,
        final int window, final int batch, final int size, final long count)
    {
        this.address = address;
        this.transport = transport;
        this.topic = topic;
        this.connections = connections;
        this.window = window;
        this.batch = batch;
        this.size = size;
        this.count = count;
        this.full = V2Wire.publish(topic, batch, size);
    }

    /** {@code count} 0 or less: no count, only the time limit. */
    static Totals run(final InetSocketAddress address, final String transport, final String topic, final int connections,
        final int window, final int batch, final int size, final long count, final long runForNanos)
        throws IOException, InterruptedException
    {
        final WriteLoad load = new WriteLoad(address, transport, topic, connections, window, batch, size, count);
        final StartLine line = new StartLine("pub", connections, i -> () -> load.open(i), () -> load.stop = true);
        line.awaitReady();
        final long start = System.nanoTime();
        load.end = start + runForNanos;
        line.go();
        line.join();
        final double seconds = (System.nanoTime() - start) / 1e9;
        final long total = load.acknowledged.sum();
        return new Totals(total, total * size, seconds);
    }

    private StartLine.Loop open(final int index) throws IOException
    {
        // the count is split evenly, the first connections taking the remainder
        final long share = count <= 0 ? Long.MAX_VALUE : count / connections + (index < count % connections ? 1 : 0);
        final Socket socket = V2Wire.connect(address);
        try
        {
            final UpgradedStream stream = UpgradedStream.open(socket, transport);
            return () ->
            {
                try (socket)
                {
                    publish(stream, share);
                }
            };
        }
        catch (final IOException | RuntimeException ex)
        {
            socket.close();
            throw ex;
        }
    }

    private void publish(final UpgradedStream stream, final long share) throws IOException
    {
        final OutputStream out = stream.out;
        final DataInputStream in = stream.in;
        final long until = end;
        // messages in each command awaiting its OK, oldest first: OKs come in order
        final int[] inFlight = new int[window];
        int oldest = 0;
        int outstanding = 0;
        long unsent = share;
        while ((unsent > 0 && !stop && System.nanoTime() - until < 0) || outstanding > 0)
        {
            while (outstanding < window && unsent > 0 && !stop && System.nanoTime() - until < 0)
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
                throw new IOException("unexpected response: " + frame.text());
            }
            acknowledged.add(inFlight[oldest]);
            oldest = (oldest + 1) % window;
            outstanding--;
        }
    }
}
