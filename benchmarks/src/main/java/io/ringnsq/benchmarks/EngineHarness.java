package io.ringnsq.benchmarks;

import com.lmax.disruptor.EventPoller;
import io.ringnsq.core.engine.Engine;
import io.ringnsq.core.engine.EngineConfig;
import io.ringnsq.core.link.CommandEvent;
import io.ringnsq.core.link.CommandType;
import io.ringnsq.core.link.EngineResult;
import io.ringnsq.core.link.IoLink;
import io.ringnsq.core.link.OutboundEvent;
import io.ringnsq.core.link.OutboundType;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.SystemNanoClock;

/**
 * A real {@link Engine} behind one {@link IoLink}, with the benchmark's thread playing the I/O agent, as
 * SHARED threading mode does: it claims and publishes commands, runs the engine's duty cycle, and takes
 * the frames the engine queued. Delivered message ids are kept (up to the capacity given) so they can be
 * finished or touched; an error frame, or an administrative command that did not succeed, fails the run.
 */
final class EngineHarness implements EventPoller.Handler<OutboundEvent>
{
    final IoLink link;
    final Engine engine;
    private final long[] delivered;
    private int deliveredCount;
    private long pending;

    /** @param idsKept how many delivered message ids {@link #delivered(int)} can give back. */
    EngineHarness(final EngineConfig config, final int idsKept)
    {
        link = new IoLink(0, 16 * 1024, 64 * 1024);
        engine = new Engine(config.conclude(), new IoLink[]{link}, SystemNanoClock.INSTANCE, new SystemEpochNanoClock());
        delivered = new long[idsKept];
    }

    /** Claims the next command slot for {@code connectionId}; fill it, then {@link #publish()}. */
    CommandEvent command(final int type, final long connectionId)
    {
        pending = link.claimCommand();
        final CommandEvent e = link.command(pending);
        e.type = type;
        e.connectionId = connectionId;
        return e;
    }

    void publish()
    {
        link.publishCommand(pending);
    }

    void connect(final long connectionId, final String remoteAddress)
    {
        command(CommandType.CONNECT, connectionId).text = remoteAddress;
        publish();
    }

    /** A command that names a topic and, for the channel ones, a channel. */
    void send(final int type, final long connectionId, final String topic, final String channel)
    {
        final CommandEvent e = command(type, connectionId);
        e.topic = topic;
        e.channel = channel;
        publish();
    }

    void pub(final long connectionId, final String topic, final byte[] body)
    {
        final CommandEvent e = command(CommandType.PUB, connectionId);
        e.topic = topic;
        e.body = body;
        publish();
    }

    void ready(final long connectionId, final long count)
    {
        command(CommandType.RDY, connectionId).number = count;
        publish();
    }

    /** One engine duty cycle, then every frame it queued; returns the engine's work count. */
    int cycle()
    {
        final int work = engine.doWork();
        link.pollOutbound(this);
        return work;
    }

    /** Duty cycles until the engine has taken every published command. */
    void runCommands()
    {
        do
        {
            cycle();
        }
        while (!link.hasCommandCapacity(16 * 1024));
    }

    /** Messages delivered since the last {@link #resetDelivered()}. */
    int deliveredCount()
    {
        return deliveredCount;
    }

    long delivered(final int index)
    {
        return delivered[index];
    }

    void resetDelivered()
    {
        deliveredCount = 0;
    }

    @Override
    public boolean onEvent(final OutboundEvent event, final long sequence, final boolean endOfBatch)
    {
        if (event.type == OutboundType.MESSAGE)
        {
            if (deliveredCount < delivered.length)
            {
                delivered[deliveredCount] = event.messageId;
            }
            deliveredCount++;
        }
        else if (event.type == OutboundType.ERROR)
        {
            throw new IllegalStateException(new String(event.data));
        }
        else if (event.type == OutboundType.RESULT && event.result != EngineResult.OK)
        {
            throw new IllegalStateException("administrative command failed: result " + event.result);
        }
        event.clear();
        return true;
    }
}
