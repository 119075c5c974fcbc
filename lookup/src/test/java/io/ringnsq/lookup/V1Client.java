package io.ringnsq.lookup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.time.Duration;

import io.ringnsq.transport.testsupport.SocketClient;
import io.ringnsq.transport.testsupport.Wire;

/** A raw V1 client: writes exactly the bytes given and reads {@code [int32 size][data]} replies byte for byte. */
final class V1Client extends SocketClient<V1Client>
{
    static final byte[] MAGIC_V1 = Wire.ascii("  V1");

    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    private V1Client(final Socket socket)
    {
        super(socket);
        in = inputOf(socket);
        out = outputOf(socket);
    }

    /** Connected, magic not sent. */
    static V1Client connect(final int port)
    {
        return new V1Client(connect(port, 0));
    }

    /** Connected and the magic sent. */
    static V1Client open(final int port)
    {
        return connect(port).write(MAGIC_V1);
    }

    @Override
    protected V1Client self()
    {
        return this;
    }

    @Override
    protected OutputStream output()
    {
        return out;
    }

    V1Client send(final String line)
    {
        return write(Wire.line(line));
    }

    /** IDENTIFY with an nsqd-like body naming {@code broadcast:tcp/http}. */
    V1Client identify(final String broadcastAddress, final int tcpPort, final int httpPort)
    {
        write(Wire.identify("{\"broadcast_address\":\"" + broadcastAddress + "\",\"hostname\":\"h-" + broadcastAddress
            + "\",\"http_port\":" + httpPort + ",\"tcp_port\":" + tcpPort + ",\"version\":\"1.3.0\"}"));
        readReply();
        return this;
    }

    /** The next reply as it came on the wire: the size prefix and the data. */
    byte[] readWireReply()
    {
        final byte[] data = readReply();
        return Wire.concat(Wire.int32(data.length), data);
    }

    /** The next reply's data (its size prefix read first). */
    byte[] readReply()
    {
        try
        {
            final DataInputStream data = new DataInputStream(in);
            final int size = data.readInt();
            final byte[] body = new byte[size];
            data.readFully(body);
            received.writeBytes(Wire.int32(size));
            received.writeBytes(body);
            return body;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("no whole reply; received so far: '" + Wire.escape(received.toByteArray()) + "'", ex);
        }
    }

    String readText()
    {
        return Wire.latin1(readReply());
    }

    void expectOk()
    {
        assertEquals("OK", readText());
    }

    /** Exactly {@code [size][text]}, then the server closes. */
    void expectFatal(final String text)
    {
        final byte[] rest = readToClose(in, received);
        final byte[] bytes = Wire.ascii(text);
        assertArrayEquals(Wire.concat(Wire.int32(bytes.length), bytes), rest, () -> "got '" + Wire.escape(rest) + "'");
    }

    /** The server closes without another byte. */
    void expectClosedSilently()
    {
        final byte[] rest = readToClose(in, received);
        assertEquals("", Wire.escape(rest));
    }

    /** Nothing arrives for a short while (the connection waits for more). */
    void expectSilence()
    {
        expectSilence(socket, in, Duration.ofMillis(200), first -> "byte " + first);
    }
}
