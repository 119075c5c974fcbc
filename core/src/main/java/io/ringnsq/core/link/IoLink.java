package io.ringnsq.core.link;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;

/**
 * The two rings between one I/O agent and the engine: commands in (single producer: the agent) and
 * frames out (single producer: the engine). Each side only claims when the ring has room, so
 * neither thread ever blocks on the other; a full command ring makes the agent stop reading
 * sockets, a full outbound ring makes the engine hold its replies and deliveries. A slot can hold a whole MPUB, so
 * the command ring is also full once {@link #COMMAND_BYTES_QUEUED} of message bodies wait in it: what publishers can
 * get ahead of the engine is bounded in bytes, not only in commands.
 *
 * <p>Each side may wait when idle and is woken by its {@link Doorbell}: the agent rings the engine's once a duty cycle in
 * which it published commands or took frames (freeing room the engine may wait for), {@link #ringEngine()}; the engine
 * rings the agent's once a duty cycle in which it published frames, {@link #ringAgent()}. One engine bell serves every
 * link; each link has its agent's own.
 */
public final class IoLink
{
    /**
     * Bytes of message bodies that may wait in the command ring (plus the one command that crosses the mark). 16,384
     * slots of MPUBs up to --max-body-size would be gigabytes of heap; 16 MiB is tens of milliseconds of the engine's
     * work at full speed.
     */
    public static final long COMMAND_BYTES_QUEUED = 16L << 20;

    private final int index;
    private final RingBuffer<CommandEvent> commands;
    private final EventPoller<CommandEvent> commandPoller;
    private final RingBuffer<OutboundEvent> outbound;
    private final EventPoller<OutboundEvent> outboundPoller;
    /**
     * Agent side: body bytes published in all, after each command, by sequence modulo twice the ring's size (the
     * agent is never more than one ring ahead of the engine, so the entry of the last command taken is not reused).
     */
    private final long[] bytesPublishedAt;
    private final int bytesMask;
    private long bytesPublished;
    private final Doorbell engineBell;
    private final Doorbell agentBell = new Doorbell();
    /** Agent side: commands published or outbound events taken since the last {@link #ringEngine()}. */
    private boolean newsForEngine;
    /** Engine side: outbound events published since the last {@link #ringAgent()}. */
    private boolean newsForAgent;

    /** A link whose engine nobody needs to wake (it polls). */
    public IoLink(final int index, final int commandCapacity, final int outboundCapacity)
    {
        this(index, commandCapacity, outboundCapacity, new Doorbell());
    }

    /** @param engineBell what wakes the engine's thread when it waits; shared by all its links */
    public IoLink(final int index, final int commandCapacity, final int outboundCapacity, final Doorbell engineBell)
    {
        this.index = index;
        this.engineBell = engineBell;
        bytesPublishedAt = new long[2 * commandCapacity];
        bytesMask = bytesPublishedAt.length - 1;
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

    /** What wakes this link's agent when it waits: its owner says how ({@link Doorbell#wakeBy}). */
    public Doorbell agentBell()
    {
        return agentBell;
    }

    // ---- I/O agent side: commands in

    public boolean hasCommandCapacity(final int count)
    {
        return commands.hasAvailableCapacity(count) && commandBytesQueued() < COMMAND_BYTES_QUEUED;
    }

    /** Agent side: bytes of message bodies published and not yet taken by the engine. */
    public long commandBytesQueued()
    {
        final long taken = commandPoller.getSequence().get();
        return taken < 0 ? bytesPublished : bytesPublished - bytesPublishedAt[(int)(taken & bytesMask)];
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
        bytesPublished += commands.get(sequence).bodyBytes();
        bytesPublishedAt[(int)(sequence & bytesMask)] = bytesPublished;
        commands.publish(sequence);
        newsForEngine = true;
    }

    /** Wakes the engine if it waits and this side published or took anything since; once a duty cycle of the agent. */
    public void ringEngine()
    {
        if (newsForEngine)
        {
            newsForEngine = false;
            engineBell.ring();
        }
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
        publishCommand(sequence);
    }

    /** Frames the engine queued for this agent's connections. */
    public int pollOutbound(final EventPoller.Handler<OutboundEvent> handler)
    {
        final int taken = poll(outboundPoller, handler);
        if (taken > 0)
        {
            newsForEngine = true; // room for frames the engine may hold
        }
        return taken;
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
        newsForAgent = true;
    }

    /**
     * Wakes this link's agent if it waits and the engine published to it since; once a duty cycle of the engine. (An agent
     * out of command room does not wait for the engine to take commands: it parks briefly.)
     */
    public void ringAgent()
    {
        if (newsForAgent)
        {
            newsForAgent = false;
            agentBell.ring();
        }
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
