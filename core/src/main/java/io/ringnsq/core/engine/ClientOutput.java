package io.ringnsq.core.engine;

import java.nio.charset.StandardCharsets;

import io.ringnsq.core.link.IoLink;
import io.ringnsq.core.link.OutboundEvent;
import io.ringnsq.core.link.OutboundType;

/**
 * Queues frames for a client's I/O agent. Callers check {@link IoLink#hasOutboundCapacity} first:
 * the engine processes a command or delivers a message only when its reply has room.
 */
final class ClientOutput
{
    static final byte[] OK = "OK".getBytes(StandardCharsets.US_ASCII);
    static final byte[] CLOSE_WAIT = "CLOSE_WAIT".getBytes(StandardCharsets.US_ASCII);

    private ClientOutput()
    {
    }

    static void response(final Client client, final byte[] data)
    {
        frame(client, OutboundType.RESPONSE, data, false);
    }

    /** The IDENTIFY response: the handler performs its upgrades once it is written. */
    static void identified(final Client client, final byte[] data)
    {
        frame(client, OutboundType.IDENTIFIED, data, false);
    }

    static void error(final Client client, final String text, final boolean fatal)
    {
        frame(client, OutboundType.ERROR, text(text), fatal);
        if (fatal)
        {
            client.closed = true;
        }
    }

    /** An error's bytes: a byte string, see GoText. */
    static byte[] text(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static void close(final Client client)
    {
        frame(client, OutboundType.CLOSE, null, true);
        client.closed = true;
    }

    /** The answer to an administrative command: an EngineResult code and what was asked for. */
    static void result(final Client client, final int result, final Object payload)
    {
        if (client.held != null && !client.held.isEmpty())
        {
            client.held.add(OutboundType.RESULT, null, false, result, payload);
            return;
        }
        emitResult(client, result, payload);
    }

    /** A RESULT frame now, whatever waits in {@link Client#held}. */
    static void emitResult(final Client client, final int result, final Object payload)
    {
        final IoLink link = client.link;
        final long sequence = link.claimOutbound();
        final OutboundEvent e = link.outbound(sequence);
        e.type = OutboundType.RESULT;
        e.connectionId = client.id;
        e.result = result;
        e.payload = payload;
        e.data = null;
        e.close = false;
        link.publishOutbound(sequence);
    }

    private static void frame(final Client client, final int type, final byte[] data, final boolean close)
    {
        if (client.held != null && !client.held.isEmpty())
        {
            client.held.add(type, data, close, 0, null); // behind a publish that is being stored
            return;
        }
        emitFrame(client, type, data, close);
    }

    /** A frame now, whatever waits in {@link Client#held}. */
    static void emitFrame(final Client client, final int type, final byte[] data, final boolean close)
    {
        final IoLink link = client.link;
        final long sequence = link.claimOutbound();
        final OutboundEvent e = link.outbound(sequence);
        e.type = type;
        e.connectionId = client.id;
        e.data = data;
        e.close = close;
        link.publishOutbound(sequence);
    }

    static void message(final Client client, final TrackedMessage m)
    {
        final IoLink link = client.link;
        final long sequence = link.claimOutbound();
        final OutboundEvent e = link.outbound(sequence);
        e.type = OutboundType.MESSAGE;
        e.connectionId = client.id;
        e.messageId = m.id;
        e.timestamp = m.timestamp;
        e.attempts = m.attempts;
        e.body = m.body;
        e.close = false;
        link.publishOutbound(sequence);
    }
}
