package io.ringnsq.transport.nio;

import io.ringnsq.core.link.OutboundEvent;

/**
 * A protocol spoken on one connection (V2 now; HTTP and lookupd's V1 later). The {@link IoAgent}
 * does the socket work; the handler turns bytes into engine commands and engine events into bytes.
 * Every call comes from the connection's own agent thread.
 */
public interface ConnectionHandler
{
    /** Decoding stopped because the command ring is full; the agent stops reading this socket. */
    int BLOCKED = -1;

    /**
     * Decodes every whole frame in {@link Connection#input()} (data from index 0 to its position).
     *
     * @param endOfStream the peer closed its side: no more bytes will come.
     * @return the number of bytes consumed, or {@link #BLOCKED} after consuming nothing more.
     */
    int onInput(Connection connection, boolean endOfStream);

    /** Encodes one event the engine queued for this connection. */
    void onOutbound(Connection connection, OutboundEvent event);

    /** The connection's timer fired (see {@link Connection#scheduleTimer}). */
    void onTimer(Connection connection, long now);

    /** The socket is closed; release anything held. */
    default void onClosed(final Connection connection)
    {
    }

    /** Makes the handler for a newly accepted connection. */
    interface Factory
    {
        ConnectionHandler newHandler(Connection connection);
    }
}
