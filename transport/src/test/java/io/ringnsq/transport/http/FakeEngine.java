package io.ringnsq.transport.http;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

import io.ringnsq.core.link.CommandEvent;
import io.ringnsq.core.link.CommandType;
import io.ringnsq.core.link.EngineResult;
import io.ringnsq.core.link.IoLink;
import io.ringnsq.core.link.OutboundEvent;
import io.ringnsq.core.link.OutboundType;
import org.agrona.concurrent.Agent;

/**
 * Stands in for the engine on the agent's thread: it takes every command and answers each HTTP
 * command with one RESULT event whose payload is the command's body, either at once or only when
 * the test releases it (to hold a request while later ones are pipelined behind it).
 */
final class FakeEngine implements Agent
{
    private final IoLink link;
    private final ArrayDeque<long[]> held = new ArrayDeque<>();
    private final ArrayDeque<byte[]> heldBodies = new ArrayDeque<>();
    private final AtomicInteger released = new AtomicInteger();
    private final AtomicInteger commands = new AtomicInteger();
    private volatile boolean holding;

    FakeEngine(final IoLink link)
    {
        this.link = link;
    }

    /** From now on, replies wait for {@link #release}. */
    void hold()
    {
        holding = true;
    }

    /** Lets {@code count} held replies go, in order. */
    void release(final int count)
    {
        released.addAndGet(count);
    }

    /** HTTP commands received so far. */
    int commandCount()
    {
        return commands.get();
    }

    @Override
    public int doWork()
    {
        int work = link.pollCommands(this::onCommand);
        while (!held.isEmpty() && released.get() > 0 && link.hasOutboundCapacity(1))
        {
            released.decrementAndGet();
            reply(held.pollFirst()[0], heldBodies.pollFirst());
            work++;
        }
        return work;
    }

    private boolean onCommand(final CommandEvent e, final long sequence, final boolean endOfBatch)
    {
        if (e.type != CommandType.CONNECT && e.type != CommandType.DISCONNECT)
        {
            commands.incrementAndGet();
            if (holding)
            {
                held.addLast(new long[] {e.connectionId});
                heldBodies.addLast(e.body);
            }
            else
            {
                reply(e.connectionId, e.body);
            }
        }
        e.clear();
        return true;
    }

    private void reply(final long connectionId, final byte[] body)
    {
        final long sequence = link.claimOutbound();
        final OutboundEvent out = link.outbound(sequence);
        out.type = OutboundType.RESULT;
        out.connectionId = connectionId;
        out.result = EngineResult.OK;
        out.payload = body;
        link.publishOutbound(sequence);
    }

    @Override
    public String roleName()
    {
        return "fake-engine";
    }
}
