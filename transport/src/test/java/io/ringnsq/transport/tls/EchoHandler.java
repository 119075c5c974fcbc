package io.ringnsq.transport.tls;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.ringnsq.core.link.OutboundEvent;
import io.ringnsq.transport.nio.Connection;
import io.ringnsq.transport.nio.ConnectionHandler;
import io.ringnsq.transport.nio.StreamLayer;

/**
 * Sends back every byte it receives. On its first input it notes what it can see of the connection's TLS: the
 * top layer's session (null if not TLS or not established).
 */
final class EchoHandler implements ConnectionHandler
{
    /** The session each connection's top layer showed at its first input, in order of first input. */
    static final class Seen
    {
        final List<Object> sessions = new CopyOnWriteArrayList<>();
        final List<Boolean> firstBytesWereTls = new CopyOnWriteArrayList<>();
    }

    private final Seen seen;
    private boolean first = true;

    EchoHandler(final Seen seen)
    {
        this.seen = seen;
    }

    static ConnectionHandler.Factory factory(final Seen seen)
    {
        return connection -> new EchoHandler(seen);
    }

    @Override
    public int onInput(final Connection c, final boolean endOfStream)
    {
        final ByteBuffer in = c.input();
        final int n = in.position();
        if (first && n > 0)
        {
            first = false;
            final StreamLayer top = c.layer();
            seen.sessions.add(top instanceof TlsLayer && ((TlsLayer)top).session() != null ? ((TlsLayer)top).session() : "none");
            seen.firstBytesWereTls.add(in.get(0) == 0x16);
        }
        if (n > 0)
        {
            in.flip();
            final ByteBuffer copy = ByteBuffer.allocate(n).put(in).flip();
            in.clear();
            c.output().enqueue(copy);
            c.markDirty();
        }
        if (endOfStream)
        {
            c.closeAfterFlush();
        }
        return n;
    }

    @Override
    public void onOutbound(final Connection c, final OutboundEvent event)
    {
    }

    @Override
    public void onTimer(final Connection c, final long now)
    {
    }
}
