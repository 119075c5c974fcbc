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
        final IoLink link = client.link;
        final long sequence = link.claimOutbound();
        final OutboundEvent e = link.outbound(sequence);
        e.type = OutboundType.RESPONSE;
        e.connectionId = client.id;
        e.data = data;
        e.close = false;
        link.publishOutbound(sequence);
    }

    static void error(final Client client, final String text, final boolean fatal)
    {
        final IoLink link = client.link;
        final long sequence = link.claimOutbound();
        final OutboundEvent e = link.outbound(sequence);
        e.type = OutboundType.ERROR;
        e.connectionId = client.id;
        e.data = text.getBytes(StandardCharsets.ISO_8859_1); // a byte string: raw client bytes echoed as they came
        e.close = fatal;
        link.publishOutbound(sequence);
        if (fatal)
        {
            client.closed = true;
        }
    }

    static void close(final Client client)
    {
        final IoLink link = client.link;
        final long sequence = link.claimOutbound();
        final OutboundEvent e = link.outbound(sequence);
        e.type = OutboundType.CLOSE;
        e.connectionId = client.id;
        e.data = null;
        e.close = true;
        link.publishOutbound(sequence);
        client.closed = true;
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
