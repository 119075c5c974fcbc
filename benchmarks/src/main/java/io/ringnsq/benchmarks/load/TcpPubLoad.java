package io.ringnsq.benchmarks.load;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * A TCP PUB load: {@code connections} sockets, each publishing {@code size}-byte messages with at most
 * {@code window} PUBs awaiting their OK, for {@code seconds}; prints one line with messages per second.
 * With window 1 it has the shape of {@code wrk -c N} against HTTP /pub (one request in flight per
 * connection), so the two are comparable. Loopback only.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.ringnsq.benchmarks.load.TcpPubLoad 127.0.0.1:4150 32 1 200 10}
 */
public final class TcpPubLoad
{
    private TcpPubLoad()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length != 5 && args.length != 6)
        {
            System.err.println("usage: TcpPubLoad <host:port> <connections> <window> <size> <seconds> [plain|tls|deflate|snappy|tls+deflate|tls+snappy]");
            System.exit(2);
        }
        final String mode = args.length == 6 ? args[5] : "plain";
        final String host = args[0].substring(0, args[0].lastIndexOf(':'));
        final int port = Integer.parseInt(args[0].substring(args[0].lastIndexOf(':') + 1));
        if (!java.net.InetAddress.getByName(host).isLoopbackAddress())
        {
            throw new IllegalArgumentException("load stays on this machine: " + host + " is not loopback");
        }
        final int connections = Integer.parseInt(args[1]);
        final int window = Integer.parseInt(args[2]);
        final int size = Integer.parseInt(args[3]);
        final long seconds = Long.parseLong(args[4]);

        final byte[] command = "PUB load\n".getBytes(StandardCharsets.US_ASCII);
        final ByteBuffer frame = ByteBuffer.allocate(command.length + 4 + size);
        frame.put(command).putInt(size);
        while (frame.hasRemaining())
        {
            frame.put((byte)'x');
        }
        final byte[] pub = frame.array();

        final LongAdder acknowledged = new LongAdder();
        final long end = System.nanoTime() + seconds * 1_000_000_000L;
        final List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++)
        {
            final Thread t = new Thread(() -> publish(host, port, mode, pub, window, end, acknowledged), "pub-" + i);
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
        System.out.printf("tcp PUB %s: %d connections, window %d, %d B: %d acknowledged in %.2f s = %.0f msg/s%n",
            mode, connections, window, size, total, elapsed, total / elapsed);
    }

    private static void publish(final String host, final int port, final String mode, final byte[] pub, final int window,
        final long end, final LongAdder acknowledged)
    {
        try (Socket socket = new Socket(host, port))
        {
            socket.setTcpNoDelay(true);
            final UpgradedStream stream = UpgradedStream.open(socket, mode);
            final OutputStream out = stream.out;
            final DataInputStream in = stream.in;
            int outstanding = 0;
            final byte[] header = new byte[8];
            while (System.nanoTime() < end || outstanding > 0)
            {
                while (outstanding < window && System.nanoTime() < end)
                {
                    out.write(pub);
                    outstanding++;
                }
                out.flush();
                in.readFully(header, 0, 8);
                final int length = ((header[0] & 0xFF) << 24 | (header[1] & 0xFF) << 16 | (header[2] & 0xFF) << 8 | (header[3] & 0xFF)) - 4;
                final byte[] data = new byte[length];
                in.readFully(data);
                if (header[7] != 0)
                {
                    throw new IllegalStateException("error frame: " + new String(data, StandardCharsets.UTF_8));
                }
                if (length != 2)
                {
                    continue; // a heartbeat, not the OK of a PUB
                }
                outstanding--;
                acknowledged.increment();
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
