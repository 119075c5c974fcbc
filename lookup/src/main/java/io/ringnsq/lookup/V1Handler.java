package io.ringnsq.lookup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.ringnsq.core.Names;
import io.ringnsq.core.link.OutboundEvent;
import io.ringnsq.transport.nio.Connection;
import io.ringnsq.transport.nio.ConnectionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * nsqlookupd's TCP protocol "V1" (spec §4.1) on one connection: the magic {@code "  V1"}, then text commands
 * (PING, IDENTIFY with a sized JSON body, REGISTER, UNREGISTER), each answered {@code [int32 size][data]}
 * without a frame type. Every error is fatal: the reply is sent, then the connection closed. When the
 * connection closes the peer leaves every registration. Runs on the lookupd's I/O agent thread, the one
 * owner of the {@link RegistrationDb}.
 */
final class V1Handler implements ConnectionHandler
{
    private static final Logger LOG = LoggerFactory.getLogger("nsqlookupd");
    private static final int MAGIC_V1 = 0x20205631; // "  V1"
    /**
     * Upstream reads a line of any length; a peer that never sends a newline would make it buffer without end.
     * nsqd's longest line is {@code UNREGISTER <64-byte topic> <64-byte channel>}; a line this long is closed on.
     */
    static final int MAX_LINE = 16 * 1024;
    private static final int NEED_MORE = 0;
    private static final int STOP = -2;
    private static final byte[] OK = "OK".getBytes(StandardCharsets.US_ASCII);

    private final LookupdNode node;
    private final Connection connection;
    /** The peer's {@code ip:port} as Go writes it: the producer's id and {@code remote_address}. */
    private final String remoteAddress;
    private boolean magicReceived;
    private boolean stopped;
    private PeerInfo peer;

    private V1Handler(final LookupdNode node, final Connection connection)
    {
        this.node = node;
        this.connection = connection;
        this.remoteAddress = GoHostPort.of(connection.channel(), connection.remoteAddress());
    }

    static ConnectionHandler.Factory factory(final LookupdNode node)
    {
        return connection ->
        {
            final V1Handler handler = new V1Handler(node, connection);
            LOG.info("TCP: new client({})", handler.remoteAddress);
            return handler;
        };
    }

    @Override
    public int onInput(final Connection c, final boolean endOfStream)
    {
        final ByteBuffer in = c.input();
        final int end = in.position();
        int pos = 0;
        while (!stopped)
        {
            final int consumed = decodeOne(in, pos, end, endOfStream);
            if (consumed <= 0)
            {
                break;
            }
            pos += consumed;
        }
        if (stopped)
        {
            pos = end; // nothing after a fatal error is read
        }
        if (pos > 0)
        {
            // the buffer may have grown for a large IDENTIFY body: compact the current one, which holds the same bytes
            final ByteBuffer current = c.input();
            current.limit(end).position(pos);
            current.compact();
        }
        return pos;
    }

    private int decodeOne(final ByteBuffer in, final int pos, final int end, final boolean endOfStream)
    {
        final int available = end - pos;
        if (!magicReceived)
        {
            if (available < 4)
            {
                return endOfStream ? close() : NEED_MORE;
            }
            if (in.getInt(pos) != MAGIC_V1)
            {
                return fatal("E_BAD_PROTOCOL");
            }
            magicReceived = true;
            LOG.info("CLIENT({}): desired protocol magic '  V1'", remoteAddress);
            return 4;
        }
        final int newline = indexOfNewline(in, pos, Math.min(end, pos + MAX_LINE));
        if (newline < 0)
        {
            // as upstream at end of stream, a last line without its newline is not run
            return available >= MAX_LINE || endOfStream ? close() : NEED_MORE;
        }
        final List<String> params = V1Line.split(in, pos, newline);
        final int lineLength = newline + 1 - pos;
        return switch (params.get(0))
        {
            case "PING" -> ping(lineLength);
            case "IDENTIFY" -> identify(in, pos, newline + 1, end, endOfStream);
            case "REGISTER" -> register(params, lineLength, true);
            case "UNREGISTER" -> register(params, lineLength, false);
            default -> fatal("E_INVALID invalid command " + params.get(0));
        };
    }

    private int ping(final int consumed)
    {
        if (peer != null)
        {
            // a PING may come before IDENTIFY: then there is no producer to keep alive
            node.db().touch(peer);
        }
        reply(OK);
        return consumed;
    }

    /** {@code IDENTIFY\n[int32 size][JSON]}: checks in upstream's order, then the lookupd's own details as JSON. */
    private int identify(final ByteBuffer in, final int pos, final int bodyAt, final int end, final boolean endOfStream)
    {
        if (peer != null)
        {
            return fatal("E_INVALID cannot IDENTIFY again");
        }
        if (end - bodyAt < 4)
        {
            return endOfStream ? fatal("E_BAD_BODY IDENTIFY failed to read body size") : NEED_MORE;
        }
        final int size = in.getInt(bodyAt);
        // upstream allocates whatever the peer asks (and panics when negative): refused before any allocation
        if (size < 0 || size > node.maxIdentifyBodySize())
        {
            return fatal("E_BAD_BODY IDENTIFY failed to read body");
        }
        final int bodyEnd = bodyAt + 4 + size;
        if (end < bodyEnd)
        {
            if (endOfStream)
            {
                return fatal("E_BAD_BODY IDENTIFY failed to read body");
            }
            connection.requireInputCapacity(bodyEnd - pos);
            return NEED_MORE;
        }
        final byte[] body = new byte[size];
        in.get(bodyAt + 4, body);
        final IdentifyBody fields = IdentifyBody.parse(body);
        if (fields == null)
        {
            return fatal("E_BAD_BODY IDENTIFY failed to decode JSON body");
        }
        if (!fields.complete())
        {
            return fatal("E_BAD_BODY IDENTIFY missing fields");
        }
        peer = fields.toPeer(remoteAddress);
        LOG.info("CLIENT({}): IDENTIFY Address:{} TCP:{} HTTP:{} Version:{}", peer, peer.broadcastAddress(), peer.tcpPort(),
            peer.httpPort(), peer.version());
        node.db().identify(peer);
        reply(node.identifyReply());
        return bodyEnd - pos;
    }

    /** REGISTER and UNREGISTER {@code <topic> [<channel>]}. */
    private int register(final List<String> params, final int consumed, final boolean register)
    {
        final String command = register ? "REGISTER" : "UNREGISTER";
        if (peer == null)
        {
            return fatal("E_INVALID client must IDENTIFY");
        }
        if (params.size() < 2)
        {
            return fatal("E_INVALID " + command + " insufficient number of params");
        }
        final String topic = params.get(1);
        final String channel = params.size() >= 3 ? params.get(2) : "";
        if (!Names.isValid(topic))
        {
            return fatal("E_BAD_TOPIC " + command + " topic name '" + topic + "' is not valid");
        }
        if (!channel.isEmpty() && !Names.isValid(channel))
        {
            return fatal("E_BAD_CHANNEL " + command + " channel name '" + channel + "' is not valid");
        }
        if (register)
        {
            node.db().register(peer, topic, channel);
        }
        else
        {
            node.db().unregister(peer, topic, channel);
        }
        reply(OK);
        return consumed;
    }

    private int fatal(final String text)
    {
        LOG.error("[{}] - {}", remoteAddress, text);
        reply(V1Line.bytes(text));
        stopped = true;
        connection.closeAfterFlush();
        return STOP;
    }

    private int close()
    {
        stopped = true;
        connection.closeAfterFlush();
        return STOP;
    }

    /** {@code [int32 BE size][data]}: V1 replies carry no frame type. */
    private void reply(final byte[] data)
    {
        final int length = 4 + data.length;
        try
        {
            ByteBuffer b = connection.output().claim(length, connection.layer());
            final boolean queued = b == null;
            if (queued)
            {
                b = ByteBuffer.allocate(length);
            }
            b.putInt(data.length).put(data);
            if (queued)
            {
                connection.output().enqueue(b.flip());
            }
        }
        catch (final IOException ex)
        {
            stopped = true; // the socket failed while making room: upstream's write fails and it closes too
            connection.close();
            return;
        }
        connection.markDirty();
    }

    private static int indexOfNewline(final ByteBuffer in, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            if (in.get(i) == '\n')
            {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void onOutbound(final Connection c, final OutboundEvent event)
    {
        // lookupd has no engine: nothing is ever queued for a V1 connection
    }

    @Override
    public void onTimer(final Connection c, final long now)
    {
        // upstream's lookupd has no heartbeats or read deadlines
    }

    @Override
    public void onClosed(final Connection c)
    {
        LOG.info("PROTOCOL(V1): [{}] exiting ioloop", remoteAddress);
        if (peer != null)
        {
            node.db().remove(peer);
            peer = null;
        }
    }
}
