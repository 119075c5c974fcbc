package io.ringnsq.transport.stats;

import java.io.IOException;
import java.util.List;

import io.ringnsq.core.stats.NsqdStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One statsd push per {@code --statsd-interval}, for the agent that owns it: {@link #push} turns
 * a snapshot into lines (deltas against the previous push), packs them and schedules them over
 * the interval less one second, as upstream spreads them; {@link #doWork} sends what is due. No
 * thread of its own. Single-threaded: the owning agent's.
 */
public final class StatsdPusher implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(StatsdPusher.class);
    private static final long ONE_SECOND_NANOS = 1_000_000_000L;

    private final StatsdOptions options;
    private final int packetSize;
    private final long intervalNanos;
    private final StatsdSender sender;
    private NsqdStats previous;
    private MemoryStats previousMemory;

    /**
     * @param options       prefix and switches
     * @param packetSize    {@code --statsd-udp-packet-size}
     * @param intervalNanos {@code --statsd-interval}
     * @param sender        the socket; closed with this pusher
     */
    public StatsdPusher(final StatsdOptions options, final int packetSize, final long intervalNanos, final StatsdSender sender)
    {
        this.options = options;
        this.packetSize = packetSize;
        this.intervalNanos = intervalNanos;
        this.sender = sender;
    }

    /**
     * One push: call once per interval with a snapshot taken then (clients not needed).
     *
     * @param current  the snapshot now
     * @param memory   the memory figures now, or null when {@code --statsd-mem-stats} is off
     * @param nowNanos the agent's clock, the same one {@link #doWork} gets
     * @return the lines of this push, for logs and tests
     */
    public List<String> push(final NsqdStats current, final MemoryStats memory, final long nowNanos)
    {
        LOG.info("STATSD: pushing stats to {}:{}", sender.target().getHostString(), sender.target().getPort());
        final List<String> lines = StatsdLines.lines(previous, current, previousMemory, memory, options);
        previous = current;
        if (options.memStats() && memory != null)
        {
            // upstream keeps the last memory figures only when it sends them
            previousMemory = memory;
        }
        sender.schedule(StatsdPacketWriter.pack(lines, packetSize), nowNanos, intervalNanos - ONE_SECOND_NANOS);
        sender.doWork(nowNanos);
        return lines;
    }

    /** Sends the packets that are due; call from the duty cycle. */
    public int doWork(final long nowNanos)
    {
        return sender.pendingPackets() == 0 ? 0 : sender.doWork(nowNanos);
    }

    @Override
    public void close() throws IOException
    {
        sender.close();
    }
}
