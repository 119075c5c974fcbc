package io.ringnsq.lookup;

import com.lmax.disruptor.EventPoller;
import io.ringnsq.core.link.CommandEvent;
import io.ringnsq.core.link.IoLink;
import org.agrona.concurrent.Agent;

/**
 * The engine's end of the I/O agent's link, for a daemon without an engine: the agent reports every connect
 * and disconnect as a command and stops reading sockets when the ring is full, so someone must take them.
 * lookupd learns of closes from its handlers ({@code onClosed}), so the commands are just released.
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
        event.clear(); // a CONNECT's remote address would otherwise live as long as the slot
        return true;
    }

    @Override
    public String roleName()
    {
        return "nsqlookupd-commands";
    }
}
