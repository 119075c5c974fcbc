package io.ringnsq.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

import com.lmax.disruptor.EventPoller;
import io.ringnsq.core.link.CommandEvent;
import io.ringnsq.core.link.CommandType;
import io.ringnsq.core.link.IoLink;
import io.ringnsq.transport.nio.Connection;
import io.ringnsq.transport.nio.ConnectionHandler;
import io.ringnsq.transport.nio.IoAgent;
import io.ringnsq.transport.nio.StreamLayer;
import io.ringnsq.transport.nsqd.NsqdContext;
import io.ringnsq.transport.v2.V2Handler;
import io.ringnsq.transport.v2.V2Limits;
import org.agrona.CloseHelper;
import org.agrona.concurrent.SystemNanoClock;

/**
 * One real V2 connection for the codec benchmarks: a real {@link IoAgent} (nsqd's 16 KiB input and 32 KiB output
 * buffers) accepts it over loopback and gives it a {@link V2Handler} with the daemon's default limits; then a
 * stream layer takes the socket's place, so no syscall is timed: it replays the bytes given to
 * {@link #decodeViaAgent}, and takes every byte written. The connection starts subscribed, so FIN and RDY are
 * valid. Decoded commands are taken off the command ring as the engine takes them.
 */
final class V2Harness implements AutoCloseable
{
    static final String TOPIC = "bench";

    final IoLink link = new IoLink(0, 16 * 1024, 64 * 1024);
    final IoAgent agent = new IoAgent(0, link, SystemNanoClock.INSTANCE, 16 * 1024, 32 * 1024);
    private final ServerSocketChannel server;
    private final SocketChannel peer;
    private final Replay replay = new Replay();
    private final StreamLayer.Factory replayFactory = (below, pending) -> replay;
    private final CommandSink sink = new CommandSink();
    Connection connection;
    ConnectionHandler handler;

    V2Harness() throws IOException
    {
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        final ConnectionHandler.Factory v2 = V2Handler.factory(limits(new NsqdContext()));
        agent.addListener(server, c ->
        {
            connection = c;
            handler = v2.newHandler(c);
            return handler;
        });
        agent.onStart();
        peer = SocketChannel.open(server.getLocalAddress());
        while (connection == null)
        {
            agent.doWork();
        }
        connection.pushLayer(replayFactory);
        decode(ByteBuffer.wrap(ascii("  V2SUB " + TOPIC + " ch\n")));
    }

    /**
     * Puts all of {@code frames} into the connection's input as socket reads fill it (what fits, decode, the rest),
     * decoding each time; returns the messages and commands taken off the ring so far.
     */
    long decode(final ByteBuffer frames)
    {
        frames.limit(frames.capacity()).position(0);
        replay.source = frames;
        while (replay.hasBufferedInput())
        {
            if (replay.read(connection.input()) == 0)
            {
                throw new IllegalStateException("input buffer full and nothing decoded");
            }
            if (handler.onInput(connection, false) == ConnectionHandler.BLOCKED)
            {
                throw new IllegalStateException("command ring full");
            }
            link.pollCommands(sink);
        }
        return sink.messages;
    }

    /**
     * Decodes all of {@code frames} through the agent's own read path: the connection gets the replaying layer
     * anew (the agent reads a newly pushed layer in its next duty cycle) and the agent runs until all is decoded.
     */
    long decodeViaAgent(final ByteBuffer frames) throws IOException
    {
        frames.limit(frames.capacity()).position(0);
        replay.source = frames;
        connection.pushLayer(replayFactory);
        do
        {
            agent.doWork();
            link.pollCommands(sink);
        }
        while (frames.hasRemaining() || connection.input().position() > 0);
        return sink.messages;
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(peer);
        agent.onClose();
    }

    static byte[] ascii(final String s)
    {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The daemon's default V2 limits, made from its options as {@code Nsqd} makes them. */
    private static V2Limits limits(final NsqdContext c)
    {
        return new V2Limits(c.maxMsgSize(), c.maxBodySize(), c.maxRdyCount(), c.msgTimeout().toNanos(),
            c.maxMsgTimeout().toNanos(), c.maxReqTimeout().toNanos(), NsqdContext.CLIENT_TIMEOUT.toNanos(),
            c.maxHeartbeatInterval().toNanos(), c.maxOutputBufferSize(), c.minOutputBufferTimeout().toNanos(),
            c.maxOutputBufferTimeout().toNanos(), c.outputBufferTimeout().toNanos());
    }

    /** In place of the socket: reads give what is left of {@link #source}; writes take every byte. */
    private static final class Replay implements StreamLayer
    {
        ByteBuffer source;

        @Override
        public int read(final ByteBuffer dst)
        {
            if (!hasBufferedInput())
            {
                return 0;
            }
            final int n = Math.min(dst.remaining(), source.remaining());
            final int end = source.limit();
            source.limit(source.position() + n);
            dst.put(source);
            source.limit(end);
            return n;
        }

        @Override
        public int write(final ByteBuffer src)
        {
            final int n = src.remaining();
            src.position(src.limit());
            return n;
        }

        @Override
        public boolean flush()
        {
            return true;
        }

        @Override
        public boolean hasBufferedInput()
        {
            return source != null && source.hasRemaining();
        }
    }

    /** Takes commands off the ring and clears them as the engine does, counting messages (an MPUB's each) and commands. */
    private static final class CommandSink implements EventPoller.Handler<CommandEvent>
    {
        long messages;
        long checksum;

        @Override
        public boolean onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch)
        {
            switch (event.type)
            {
                case CommandType.PUB -> checksum += event.body.length;
                case CommandType.MPUB ->
                {
                    for (int i = 0; i < event.bodyCount; i++)
                    {
                        checksum += event.bodies[i].length;
                    }
                    messages += event.bodyCount - 1;
                }
                case CommandType.FIN -> checksum += event.messageId;
                case CommandType.RDY -> checksum += event.number;
                case CommandType.ERROR -> throw new IllegalStateException(event.text);
                default ->
                {
                }
            }
            messages++;
            event.clear();
            return true;
        }
    }
}
