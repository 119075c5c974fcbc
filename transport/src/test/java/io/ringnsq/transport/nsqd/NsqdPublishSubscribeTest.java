package io.ringnsq.transport.nsqd;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** One round trip through a real nsqd with the system clock, on each threading layout. */
class NsqdPublishSubscribeTest
{
    @TempDir
    Path dataPath;
    private Nsqd nsqd;

    @AfterEach
    void stop()
    {
        if (nsqd != null)
        {
            nsqd.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ThreadingMode.class)
    void shouldDeliverPublishedMessageToSubscriberAndAcceptFin(final ThreadingMode mode) throws IOException
    {
        nsqd = Nsqd.start(new NsqdContext().tcpAddress("127.0.0.1:0").httpAddress("127.0.0.1:0").dataPath(dataPath).threadingMode(mode).ioAgents(2));
        try (Socket pub = connect(); Socket sub = connect())
        {
            final DataOutputStream pubOut = new DataOutputStream(pub.getOutputStream());
            final DataInputStream pubIn = new DataInputStream(pub.getInputStream());
            pubOut.write("PUB t\n".getBytes(StandardCharsets.US_ASCII));
            pubOut.writeInt(5);
            pubOut.write("hello".getBytes(StandardCharsets.US_ASCII));
            pubOut.flush();
            assertFrame(pubIn, 0, "OK");

            final DataOutputStream subOut = new DataOutputStream(sub.getOutputStream());
            final DataInputStream subIn = new DataInputStream(sub.getInputStream());
            subOut.write("SUB t c\nRDY 1\n".getBytes(StandardCharsets.US_ASCII));
            subOut.flush();
            assertFrame(subIn, 0, "OK");
            final int size = subIn.readInt();
            assertEquals(2, subIn.readInt());
            final long timestamp = subIn.readLong();
            assertEquals(1, subIn.readUnsignedShort());
            final byte[] id = new byte[16];
            subIn.readFully(id);
            final byte[] body = new byte[size - 30];
            subIn.readFully(body);
            assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), body);
            assertEquals(true, timestamp > 1_600_000_000_000_000_000L);

            subOut.write(("FIN " + new String(id, StandardCharsets.US_ASCII) + "\nFIN "
                + new String(id, StandardCharsets.US_ASCII) + "\n").getBytes(StandardCharsets.US_ASCII));
            subOut.flush();
            assertFrame(subIn, 1, "E_FIN_FAILED FIN " + new String(id, StandardCharsets.US_ASCII) + " failed ID not in flight");
        }
    }

    private Socket connect() throws IOException
    {
        final Socket socket = new Socket("127.0.0.1", nsqd.tcpAddress().getPort());
        socket.setSoTimeout(5000);
        socket.getOutputStream().write("  V2".getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    private static void assertFrame(final DataInputStream in, final int type, final String data) throws IOException
    {
        final int size = in.readInt();
        assertEquals(type, in.readInt());
        final byte[] bytes = new byte[size - 4];
        in.readFully(bytes);
        assertEquals(data, new String(bytes, StandardCharsets.UTF_8));
    }
}
