package io.ringnsq.admin.support;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bare V2 consumer on a raw socket: IDENTIFY with a user agent, SUB, RDY, and FIN for every message,
 * and NOP for each heartbeat, on a thread of its own, so nsqd lists a client and its counters move.
 */
public final class TestConsumer implements AutoCloseable
{
    private final Socket socket;
    private final Thread reader;
    private final AtomicLong finished = new AtomicLong();

    public TestConsumer(final int tcpPort, final String topic, final String channel, final String userAgent) throws IOException
    {
        socket = new Socket("127.0.0.1", tcpPort);
        socket.setSoTimeout(0);
        final DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        final DataInputStream in = new DataInputStream(socket.getInputStream());
        out.write("  V2".getBytes(StandardCharsets.US_ASCII));
        final byte[] identify = ("{\"client_id\":\"admin-test\",\"hostname\":\"consumer-host\",\"user_agent\":\"" + userAgent
            + "\"}").getBytes(StandardCharsets.UTF_8);
        out.write("IDENTIFY\n".getBytes(StandardCharsets.US_ASCII));
        out.writeInt(identify.length);
        out.write(identify);
        out.flush();
        readFrame(in); // OK
        out.write(("SUB " + topic + " " + channel + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        readFrame(in); // OK
        out.write("RDY 100\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        reader = new Thread(() -> consume(in, out), "admin-test-consumer");
        reader.setDaemon(true);
        reader.start();
    }

    private static byte[] readFrame(final DataInputStream in) throws IOException
    {
        final int size = in.readInt();
        final byte[] frame = new byte[size];
        in.readFully(frame);
        return frame;
    }

    private void consume(final DataInputStream in, final DataOutputStream out)
    {
        try
        {
            while (true)
            {
                final byte[] frame = readFrame(in);
                final int type = ((frame[0] & 0xFF) << 24) | ((frame[1] & 0xFF) << 16) | ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF);
                if (type == 0 && new String(frame, 4, frame.length - 4, StandardCharsets.US_ASCII).equals("_heartbeat_"))
                {
                    out.write("NOP\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                else if (type == 2)
                {
                    final String id = new String(frame, 4 + 8 + 2, 16, StandardCharsets.US_ASCII);
                    out.write(("FIN " + id + "\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    finished.incrementAndGet();
                }
            }
        }
        catch (final IOException ex)
        {
            // closed
        }
    }

    public long finished()
    {
        return finished.get();
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }
}
