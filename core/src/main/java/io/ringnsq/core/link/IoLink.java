package io.ringnsq.core.link;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;

/**
 * The two rings between one I/O agent and the engine: commands in (single producer: the agent) and
 * frames out (single producer: the engine). Each side only claims when the ring has room, so
 * neither thread ever blocks on the other; a full command ring makes the agent stop reading
 * sockets, a full outbound ring makes the engine hold its replies and deliveries.
 */
public final class IoLink
{
    private final int index;
    private final RingBuffer<CommandEvent> commands;
    private final EventPoller<CommandEvent> commandPoller;
    private final RingBuffer<OutboundEvent> outbound;
    private final EventPoller<OutboundEvent> outboundPoller;

    public IoLink(final int index, final int commandCapacity, final int outboundCapacity)
    {
        this.index = index;
        commands = RingBuffer.createSingleProducer(CommandEvent::new, commandCapacity, PolledRings.WAIT_STRATEGY);
        commandPoller = commands.newPoller();
        commands.addGatingSequences(commandPoller.getSequence());
        outbound = RingBuffer.createSingleProducer(OutboundEvent::new, outboundCapacity, PolledRings.WAIT_STRATEGY);
        outboundPoller = outbound.newPoller();
        outbound.addGatingSequences(outboundPoller.getSequence());
    }

    public int index()
    {
        return index;
    }

    // ---- I/O agent side: commands in

    public boolean hasCommandCapacity(final int count)
    {
        return commands.hasAvailableCapacity(count);
    }

    /** Claims the next command slot; only after {@link #hasCommandCapacity}. */
    public long claimCommand()
    {
        return commands.next();
    }

    public CommandEvent command(final long sequence)
    {
        return commands.get(sequence);
    }

    public void publishCommand(final long sequence)
    {
        commands.publish(sequence);
    }

    /**
     * Tells the engine of a client on this link ({@link CommandType#CONNECT}); only after
     * {@link #hasCommandCapacity}.
     *
     * @param remoteAddress what /stats shows for it
     */
    public void connect(final long connectionId, final String remoteAddress)
    {
        final long sequence = commands.next();
        final CommandEvent e = commands.get(sequence);
        e.type = CommandType.CONNECT;
        e.connectionId = connectionId;
        e.text = remoteAddress;
        commands.publish(sequence);
    }

    /** Frames the engine queued for this agent's connections. */
    public int pollOutbound(final EventPoller.Handler<OutboundEvent> handler)
    {
        return poll(outboundPoller, handler);
    }

    // ---- engine side: frames out

    public int pollCommands(final EventPoller.Handler<CommandEvent> handler)
    {
        return poll(commandPoller, handler);
    }

    public boolean hasOutboundCapacity(final int count)
    {
        return outbound.hasAvailableCapacity(count);
    }

    public long claimOutbound()
    {
        return outbound.next();
    }

    public OutboundEvent outbound(final long sequence)
    {
        return outbound.get(sequence);
    }

    public void publishOutbound(final long sequence)
    {
        outbound.publish(sequence);
    }

    private static <T> int poll(final EventPoller<T> poller, final EventPoller.Handler<T> handler)
    {
        final long before = poller.getSequence().get();
        try
        {
            poller.poll(handler);
        }
        catch (final RuntimeException ex)
        {
            throw ex;
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
        return (int)(poller.getSequence().get() - before);
    }
}
