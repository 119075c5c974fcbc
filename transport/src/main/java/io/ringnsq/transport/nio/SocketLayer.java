package io.ringnsq.transport.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** The bottom of every connection's stream: the socket, read and written as it is. */
final class SocketLayer implements StreamLayer
{
    private final SocketChannel channel;

    SocketLayer(final SocketChannel channel)
    {
        this.channel = channel;
    }

    @Override
    public int read(final ByteBuffer dst) throws IOException
    {
        return channel.read(dst);
    }

    @Override
    public int write(final ByteBuffer src) throws IOException
    {
        return channel.write(src);
    }

    @Override
    public boolean flush()
    {
        return true; // nothing is held here: what write() did not take stays with the caller
    }
}
