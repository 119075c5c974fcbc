package io.ringnsq.core.store;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.ringnsq.core.link.Doorbell;
import io.ringnsq.core.link.PolledRings;

/**
 * The two rings between the engine and the disk agent: commands out (written by the engine) and
 * results back (written by the disk agent). As with the I/O links, each side claims only when there
 * is room. The disk agent looks at a command before taking it, so it can leave one whose results
 * would not fit yet where it is; the engine takes every result as it comes.
 *
 * <p>One thread writes each ring while the agents run, but at shutdown the closing thread takes over
 * both sides once the agents' threads have ended (see the daemon's persist step). Disruptor's
 * single-producer sequencer rejects a second thread even then (an assertion under {@code -ea}), so
 * both rings use the multi-producer sequencer: one uncontended CAS a claim.
 *
 * <p>An idle disk agent parks until the engine rings ({@link #wakeAgent()}, once a duty cycle in which commands went
 * out or results were taken) rather than waking every millisecond to look: on a virtual machine each timed wake-up
 * costs tens of microseconds of a core. The other way, the agent rings the engine's {@link Doorbell} once a duty cycle
 * in which it posted results or took commands ({@link #wakeEngine()}).
 */
public final class DiskLink
{
    private final RingBuffer<StoreCommand> commands;
    private final Sequence commandsTaken = new Sequence();
    /** Disk agent side (read by the engine): bytes of the appends taken, i.e. written to the queue files. */
    private final Sequence appendBytesTaken = new Sequence(0);
    /** Engine side: bytes of the appends published. */
    private long appendBytesPublished;
    /** Engine side: {@link #appendBytesTaken} when last read; it only grows, so a stale value overstates what waits. */
    private long appendBytesTakenSeen;
    private final RingBuffer<StoreResult> results;
    private final EventPoller<StoreResult> resultPoller;
    private final Doorbell agentBell = new Doorbell();
    private final Doorbell engineBell;
    /** Engine side: commands published or results taken since the last {@link #wakeAgent()}. */
    private boolean newsForAgent;
    /** Disk agent side: results published or commands taken since the last {@link #wakeEngine()}. */
    private boolean newsForEngine;

    /** A link whose engine nobody needs to wake (it polls). */
    public DiskLink(final int commandCapacity, final int resultCapacity)
    {
        this(commandCapacity, resultCapacity, new Doorbell());
    }

    /** @param engineBell what wakes the engine's thread when it waits */
    public DiskLink(final int commandCapacity, final int resultCapacity, final Doorbell engineBell)
    {
        this.engineBell = engineBell;
        commands = RingBuffer.createMultiProducer(StoreCommand::new, commandCapacity, PolledRings.WAIT_STRATEGY);
        commands.addGatingSequences(commandsTaken);
        results = RingBuffer.createMultiProducer(StoreResult::new, resultCapacity, PolledRings.WAIT_STRATEGY);
        resultPoller = results.newPoller();
        results.addGatingSequences(resultPoller.getSequence());
    }

    // ---- engine side

    public boolean hasCommandCapacity(final int count)
    {
        return commands.hasAvailableCapacity(count);
    }

    /** Claims the next command slot; only after {@link #hasCommandCapacity}. */
    public long claimCommand()
    {
        return commands.next();
    }

    public StoreCommand command(final long sequence)
    {
        return commands.get(sequence);
    }

    public void publishCommand(final long sequence)
    {
        appendBytesPublished += commands.get(sequence).appendBytes; // before the agent can take (and clear) it
        commands.publish(sequence);
        newsForAgent = true;
    }

    /**
     * Engine side: whether the bytes of the appends handed to the disk agent and not written yet are below
     * {@code limit}. The engine asks after every command; the disk agent's counter is read only when the last value
     * read says the limit is reached, so a busy disk thread's writes to it cost the engine a cache miss that rarely.
     */
    public boolean appendBytesQueuedBelow(final long limit)
    {
        if (appendBytesPublished - appendBytesTakenSeen < limit)
        {
            return true;
        }
        appendBytesTakenSeen = appendBytesTaken.get();
        return appendBytesPublished - appendBytesTakenSeen < limit;
    }

    /**
     * Wakes the disk agent if it parks and commands went out or results were taken since the last call; the engine
     * calls it once a duty cycle.
     */
    public void wakeAgent()
    {
        if (newsForAgent)
        {
            newsForAgent = false;
            agentBell.ring();
        }
    }

    /**
     * What the disk agent's thread parks on when idle, until the engine rings ({@link #wakeAgent()}) or its next timed
     * sync; closed at shutdown, so that its runner stops at once.
     */
    public Doorbell agentBell()
    {
        return agentBell;
    }

    public int pollResults(final EventPoller.Handler<StoreResult> handler)
    {
        final long before = resultPoller.getSequence().get();
        try
        {
            resultPoller.poll(handler);
        }
        catch (final RuntimeException ex)
        {
            throw ex;
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
        final int taken = (int)(resultPoller.getSequence().get() - before);
        if (taken > 0)
        {
            newsForAgent = true; // room for the results of a command that waits for it
        }
        return taken;
    }

    // ---- disk agent side

    /** The oldest command not taken yet, or null; it stays in the ring until {@link #takeCommand()}. */
    public StoreCommand peekCommand()
    {
        final long next = commandsTaken.get() + 1;
        return commands.isAvailable(next) ? commands.get(next) : null;
    }

    /** Frees the slot of the command {@link #peekCommand()} returned. */
    public void takeCommand()
    {
        final long next = commandsTaken.get() + 1;
        final StoreCommand command = commands.get(next);
        if (command.appendBytes != 0)
        {
            appendBytesTaken.set(appendBytesTaken.get() + command.appendBytes);
        }
        command.clear();
        commandsTaken.set(next);
        newsForEngine = true; // room for a command the engine holds
    }

    public boolean hasResultCapacity(final int count)
    {
        return results.hasAvailableCapacity(count);
    }

    public long claimResult()
    {
        return results.next();
    }

    public StoreResult result(final long sequence)
    {
        return results.get(sequence);
    }

    public void publishResult(final long sequence)
    {
        results.publish(sequence);
        newsForEngine = true;
    }

    /**
     * Wakes the engine's thread if results were posted or commands taken since the last call; the disk agent calls it
     * once a duty cycle.
     */
    public void wakeEngine()
    {
        if (newsForEngine)
        {
            newsForEngine = false;
            engineBell.ring();
        }
    }
}
