package io.ringnsq.transport.nio;

import com.lmax.disruptor.EventPoller;
import io.ringnsq.core.link.CommandEvent;
import io.ringnsq.core.link.IoLink;
import org.agrona.concurrent.Agent;

/**
 * For a daemon with no engine behind its I/O agent (nsqadmin, nsqlookupd): the agent still reports connects
 * and disconnects on its link's command ring, and this drains them so the ring never fills. Run it beside
 * the agent, in a {@code CompositeAgent}.
 */
public final class CommandDrain implements Agent, EventPoller.Handler<CommandEvent>
{
    private final IoLink link;
    private final String roleName;

    public CommandDrain(final IoLink link, final String roleName)
    {
        this.link = link;
        this.roleName = roleName;
    }

    @Override
    public int doWork()
    {
        return link.pollCommands(this);
    }

    @Override
    public boolean onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch)
    {
        event.clear(); // a CONNECT's remote address would otherwise live as long as the slot
        return true;
    }

    @Override
    public String roleName()
    {
        return roleName;
    }
}
