package io.ringnsq.transport.nsqd;

import com.lmax.disruptor.EventPoller;
import io.ringnsq.core.link.CommandEvent;
import io.ringnsq.core.link.CommandType;
import io.ringnsq.core.link.IoLink;
import io.ringnsq.core.link.OutboundEvent;
import io.ringnsq.core.link.OutboundType;
import io.ringnsq.core.stats.NsqdStats;
import io.ringnsq.transport.stats.JvmMemorySampler;
import io.ringnsq.transport.stats.StatsdPusher;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

/**
 * statsd push (spec §2.13): every {@code --statsd-interval} it asks the engine for a snapshot over a
 * link of its own, as an I/O agent asks for /stats, and hands the answer to the {@link StatsdPusher},
 * which sends the lines over UDP spread across the interval. Runs beside the other agents; never blocks.
 */
final class StatsdAgent implements Agent, EventPoller.Handler<OutboundEvent>
{
    /** I/O agents number their connections from 64 up; the engine sees this agent as one client. */
    static final long CONNECTION_ID = 1;

    private final IoLink link;
    private final StatsdPusher pusher;
    private final JvmMemorySampler memory;
    private final NanoClock clock;
    private final long intervalNs;
    private long nextPushAt;
    private boolean connected;
    private boolean awaiting;
    private long now;

    StatsdAgent(final IoLink link, final StatsdPusher pusher, final JvmMemorySampler memory, final NanoClock clock, final long intervalNs)
    {
        this.link = link;
        this.pusher = pusher;
        this.memory = memory;
        this.clock = clock;
        this.intervalNs = intervalNs;
        this.nextPushAt = clock.nanoTime() + intervalNs;
    }

    @Override
    public String roleName()
    {
        return "nsqd-statsd";
    }

    @Override
    public int doWork()
    {
        now = clock.nanoTime();
        int work = 0;
        if (!connected && link.hasCommandCapacity(1))
        {
            link.connect(CONNECTION_ID, "statsd");
            connected = true;
            work++;
        }
        if (connected && !awaiting && now - nextPushAt >= 0 && link.hasCommandCapacity(1))
        {
            final long sequence = link.claimCommand();
            final CommandEvent e = link.command(sequence);
            e.type = CommandType.STATS;
            e.connectionId = CONNECTION_ID;
            e.topic = "";
            e.channel = "";
            e.number = 0;
            link.publishCommand(sequence);
            awaiting = true;
            nextPushAt += intervalNs;
            if (now - nextPushAt >= 0)
            {
                nextPushAt = now + intervalNs; // paused for longer than an interval: skip, do not burst
            }
            work++;
        }
        work += link.pollOutbound(this);
        work += pusher.doWork(now);
        link.ringEngine();
        return work;
    }

    @Override
    public boolean onEvent(final OutboundEvent event, final long sequence, final boolean endOfBatch)
    {
        if (event.type == OutboundType.RESULT && event.payload instanceof NsqdStats)
        {
            pusher.push((NsqdStats)event.payload, memory == null ? null : memory.sample(), now);
            awaiting = false;
        }
        event.clear();
        return true;
    }

    @Override
    public void onClose()
    {
        CloseHelper.quietClose(pusher);
    }
}
