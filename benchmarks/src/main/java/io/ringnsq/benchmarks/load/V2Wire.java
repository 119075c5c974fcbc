package io.ringnsq.benchmarks.load;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the load tools share of the V2 protocol and of their command lines: frames
 * (4-byte size, 4-byte type, data), commands with a body, and {@code host:port} checked to be loopback.
 */
final class V2Wire
{
    static final int FRAME_RESPONSE = 0;
    static final int FRAME_ERROR = 1;
    static final int FRAME_MESSAGE = 2;
    /** A message frame's data before the body: 8-byte timestamp, 2-byte attempts, 16-byte id. */
    static final int MESSAGE_HEADER = 26;
    static final int ID_OFFSET = 10;
    static final int ID_LENGTH = 16;
    static final byte[] HEARTBEAT = ascii("_heartbeat_");
    static final byte[] NOP = ascii("NOP\n");

    private V2Wire()
    {
    }

    static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code PUB <topic>\n} with one body of {@code size} bytes, or {@code MPUB} with {@code count} of them. */
    static byte[] publish(final String topic, final int count, final int size)
    {
        final byte[] line = ascii((count == 1 ? "PUB " : "MPUB ") + topic + "\n");
        final ByteBuffer frame = ByteBuffer.allocate(line.length + 4 + (count == 1 ? size : 4 + count * (4 + size)));
        frame.put(line);
        if (count == 1)
        {
            frame.putInt(size);
        }
        else
        {
            frame.putInt(frame.remaining() - 4).putInt(count);
        }
        for (int m = 0; m < count; m++)
        {
            if (count > 1)
            {
                frame.putInt(size);
            }
            for (int b = 0; b < size; b++)
            {
                frame.put((byte)'x');
            }
        }
        return frame.array();
    }

    /** A big-endian int at {@code offset}. */
    static int intAt(final byte[] b, final int offset)
    {
        return (b[offset] & 0xFF) << 24 | (b[offset + 1] & 0xFF) << 16 | (b[offset + 2] & 0xFF) << 8 | (b[offset + 3] & 0xFF);
    }

    /** One frame, read whole. */
    record Frame(int type, byte[] data)
    {
        boolean isHeartbeat()
        {
            return type == FRAME_RESPONSE && Arrays.equals(data, HEARTBEAT);
        }

        String text()
        {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /**
     * Reads response frames into one buffer, for a loop that reads an answer per command: no allocation per frame
     * (collections would show in a latency run's timings). Refuses a frame larger than its buffer before reading it.
     */
    static final class FrameReader
    {
        private final byte[] data = new byte[1024];
        private int type;
        private int length;

        /** Reads the next frame. */
        void read(final DataInputStream in) throws IOException
        {
            final int size = in.readInt();
            if (size < 4 || size - 4 > data.length)
            {
                throw new IOException("frame size " + size + " out of range for a response (at most " + (data.length + 4) + ")");
            }
            type = in.readInt();
            length = size - 4;
            in.readFully(data, 0, length);
        }

        int type()
        {
            return type;
        }

        boolean isHeartbeat()
        {
            return type == FRAME_RESPONSE && Arrays.equals(data, 0, length, HEARTBEAT, 0, HEARTBEAT.length);
        }

        String text()
        {
            return new String(data, 0, length, StandardCharsets.UTF_8);
        }
    }

    static Frame readFrame(final DataInputStream in) throws IOException
    {
        final int size = in.readInt();
        final int type = in.readInt();
        final byte[] data = new byte[size - 4];
        in.readFully(data);
        return new Frame(type, data);
    }

    /** The next response that is not a heartbeat; heartbeats are answered, as a client must; an error frame throws. */
    static Frame readResponse(final DataInputStream in, final OutputStream out) throws IOException
    {
        while (true)
        {
            final Frame frame = readFrame(in);
            if (frame.type() == FRAME_ERROR)
            {
                throw new IOException("error frame: " + frame.text());
            }
            if (!frame.isHeartbeat())
            {
                return frame;
            }
            out.write(NOP);
            out.flush();
        }
    }

    /** {@code host:port}, refused unless it is this machine: the load stays on loopback. */
    static InetSocketAddress loopback(final String hostPort) throws IOException
    {
        return address(hostPort, false);
    }

    /**
     * {@code host:port} ({@code [::1]:port} for IPv6), refused unless it is this machine or {@code allowRemote}:
     * a load tool must not be pointed at someone else's server by a typo.
     */
    static InetSocketAddress address(final String hostPort, final boolean allowRemote) throws IOException
    {
        final int colon = hostPort.lastIndexOf(':');
        if (colon < 0)
        {
            throw new IllegalArgumentException("not host:port: " + hostPort);
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]"))
        {
            host = host.substring(1, host.length() - 1);
        }
        final InetAddress address = InetAddress.getByName(host);
        if (!allowRemote && !address.isLoopbackAddress())
        {
            throw new IllegalArgumentException("load stays on this machine: " + host
                + " is not a loopback address (--allow-remote to load another machine)");
        }
        return new InetSocketAddress(address, Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** A connected socket with Nagle off, as NSQ clients use. */
    static Socket connect(final InetSocketAddress address) throws IOException
    {
        final Socket socket = new Socket(address.getAddress(), address.getPort());
        socket.setTcpNoDelay(true);
        return socket;
    }

    /**
     * A tool's arguments: five positional ones ({@code host:port} first), then an optional mode of the
     * connection ({@link UpgradedStream}), and {@code --name=value} options anywhere. Wrong counts print the
     * usage and exit with 2.
     */
    static final class Args
    {
        private final List<String> positional = new ArrayList<>();
        private final Map<String, String> options = new HashMap<>();

        Args(final String[] args, final String usage, final String optionsUsage)
        {
            for (final String a : args)
            {
                if (a.startsWith("--") && a.indexOf('=') > 2)
                {
                    options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
                }
                else
                {
                    positional.add(a);
                }
            }
            if (positional.size() != 5 && positional.size() != 6)
            {
                System.err.println("usage: " + usage + " [plain|tls|deflate|snappy|tls+deflate|tls+snappy] " + optionsUsage);
                System.exit(2);
            }
        }

        InetSocketAddress address() throws IOException
        {
            return loopback(positional.get(0));
        }

        String mode()
        {
            return positional.size() == 6 ? positional.get(5) : "plain";
        }

        /** The positional argument at {@code index}, a whole number ({@code 2_000_000} allowed). */
        long number(final int index)
        {
            return Long.parseLong(positional.get(index).replace("_", ""));
        }

        String option(final String name, final String otherwise)
        {
            return options.getOrDefault(name, otherwise);
        }

        long option(final String name, final long otherwise)
        {
            final String value = options.get(name);
            return value == null ? otherwise : Long.parseLong(value.replace("_", ""));
        }
    }

    /** The figures every tool prints last: {@code = <msg/s> msg/s, <MB/s> MB/s} (MB of bodies, 10^6 bytes). */
    static String rates(final long messages, final long bodyBytes, final double seconds)
    {
        return String.format("= %.0f msg/s, %.1f MB/s", messages / seconds, bodyBytes / 1e6 / seconds);
    }
}
