package io.ringnsq.admin;

import com.lmax.disruptor.EventPoller;
import io.ringnsq.core.link.CommandEvent;
import io.ringnsq.core.link.IoLink;
import org.agrona.concurrent.Agent;

/**
 * nsqadmin has no engine, yet the I/O agent reports connects and disconnects on its link's command
 * ring: this drains them so the ring never fills.
 */
final class CommandDrain implements Agent, EventPoller.Handler<CommandEvent>
{
    private final IoLink link;

    CommandDrain(final IoLink link)
    {
        this.link = link;
    }

    @Override
    public int doWork()
    {
        return link.pollCommands(this);
    }

    @Override
    public boolean onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch)
    {
        event.clear();
        return true;
    }

    @Override
    public String roleName()
    {
        return "nsqadmin-commands";
    }
}
