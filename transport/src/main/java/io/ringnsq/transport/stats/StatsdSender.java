package io.ringnsq.transport.stats;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends statsd packets over a non-blocking UDP socket, spread over time as upstream's
 * {@code SpreadWriter} does: of n packets scheduled with a spread s, packet i is due s×i/n after
 * the schedule (the first at once). Nothing blocks and no thread is started: the owning agent
 * calls {@link #doWork} from its duty cycle, and each call sends what is due. A packet the socket
 * cannot take now (send buffer full) or that fails is dropped and counted, as UDP would lose it
 * anyway. Single-threaded: the owning agent's.
 */
public final class StatsdSender implements AutoCloseable
{
    private final DatagramChannel channel;
    private final InetSocketAddress target;
    private final List<byte[]> pending = new ArrayList<>();
    private int next;
    private long startNanos;
    private long stepNanos;
    private long sent;
    private long dropped;

    private StatsdSender(final DatagramChannel channel, final InetSocketAddress target)
    {
        this.channel = channel;
        this.target = target;
    }

    /**
     * Opens the socket. The address must already be resolved (resolving is a blocking DNS call,
     * for startup, not a duty cycle).
     *
     * @throws IllegalArgumentException when the address is unresolved
     */
    public static StatsdSender open(final InetSocketAddress target) throws IOException
    {
        if (target.isUnresolved())
        {
            throw new IllegalArgumentException("unresolved statsd address " + target.getHostString() + ":" + target.getPort());
        }
        final DatagramChannel channel = DatagramChannel.open(
            target.getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        channel.configureBlocking(false);
        return new StatsdSender(channel, target);
    }

    /** Where the packets go. */
    public InetSocketAddress target()
    {
        return target;
    }

    /**
     * Queues one push's packets, spread over {@code spreadNanos} from {@code nowNanos}. Packets of
     * an earlier push still waiting are sent first, at once.
     */
    public void schedule(final List<byte[]> packets, final long nowNanos, final long spreadNanos)
    {
        sendUpTo(pending.size());
        pending.clear();
        next = 0;
        pending.addAll(packets);
        startNanos = nowNanos;
        // Go: sleep := interval / time.Duration(len(buf)), a negative interval sleeping not at all
        stepNanos = packets.isEmpty() ? 0 : Math.max(0, spreadNanos) / packets.size();
    }

    /**
     * Sends every packet that is due.
     *
     * @return how many packets were handed to the socket
     */
    public int doWork(final long nowNanos)
    {
        int due = next;
        while (due < pending.size() && nowNanos - (startNanos + stepNanos * due) >= 0)
        {
            due++;
        }
        return sendUpTo(due);
    }

    private int sendUpTo(final int end)
    {
        int count = 0;
        while (next < end)
        {
            if (send(pending.get(next++)))
            {
                count++;
            }
        }
        if (next == pending.size() && next > 0)
        {
            pending.clear();
            next = 0;
        }
        return count;
    }

    private boolean send(final byte[] packet)
    {
        try
        {
            if (channel.send(ByteBuffer.wrap(packet), target) > 0)
            {
                sent++;
                return true;
            }
        }
        catch (final IOException ex)
        {
            // upstream ignores write errors too; the next push tries again
        }
        dropped++;
        return false;
    }

    /** Packets still waiting to be sent. */
    public int pendingPackets()
    {
        return pending.size() - next;
    }

    /** Packets the socket took so far. */
    public long sentPackets()
    {
        return sent;
    }

    /** Packets lost so far (the socket could not take them). */
    public long droppedPackets()
    {
        return dropped;
    }

    @Override
    public void close() throws IOException
    {
        channel.close();
    }
}
