package io.ringnsq.core.engine;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import io.ringnsq.core.link.PolledRings;
import org.agrona.BitUtil;

/**
 * A topic's or channel's memory queue: a single-producer Disruptor ring of preallocated
 * {@link MessageEvent}s, consumed by an {@link EventPoller} from the engine's duty cycle.
 *
 * <p>It starts small and doubles up to the power of two at or above {@code --mem-queue-size}, so
 * ten thousand idle topics do not each hold a ring sized for the worst case; its memory is still
 * bounded by configuration. The caller enforces the exact message limit ({@link #size()}).
 */
final class MessageRing implements EventPoller.Handler<MessageEvent>
{
    static final int INITIAL_CAPACITY = 256;

    /** Receives each message taken off the ring; returns whether to take another. */
    interface Consumer
    {
        boolean onMessage(MessageEvent event);
    }

    private final int maxCapacity;
    private RingBuffer<MessageEvent> ring;
    private EventPoller<MessageEvent> poller;
    private Consumer consumer;

    MessageRing(final long limit)
    {
        maxCapacity = BitUtil.findNextPositivePowerOfTwo((int)Math.max(1, Math.min(limit, 1 << 30)));
        create(Math.min(INITIAL_CAPACITY, maxCapacity));
    }

    int size()
    {
        return (int)(ring.getCursor() - poller.getSequence().get());
    }

    boolean isEmpty()
    {
        return ring.getCursor() == poller.getSequence().get();
    }

    int capacity()
    {
        return ring.getBufferSize();
    }

    /** Appends a message; the caller has checked the limit, so a full ring can always grow. */
    void add(final long id, final long timestamp, final int attempts, final byte[] body, final long deferMs)
    {
        if (!ring.hasAvailableCapacity(1))
        {
            grow();
        }
        final long sequence = ring.next();
        ring.get(sequence).set(id, timestamp, attempts, body, deferMs);
        ring.publish(sequence);
    }

    /** Appends a message read from disk, keeping its sequence and due time. */
    void addFromDisk(
        final long sequence, final long id, final long timestamp, final int attempts, final byte[] body, final long deferMs,
        final long dueEpochNs)
    {
        if (!ring.hasAvailableCapacity(1))
        {
            grow();
        }
        final long slot = ring.next();
        final MessageEvent event = ring.get(slot);
        event.set(id, timestamp, attempts, body, deferMs);
        event.sequence = sequence;
        event.dueEpochNs = dueEpochNs;
        ring.publish(slot);
    }

    /** Hands messages to the consumer until it says stop or the ring is empty; returns how many. */
    int poll(final Consumer consumer)
    {
        final long before = poller.getSequence().get();
        this.consumer = consumer;
        try
        {
            poller.poll(this);
        }
        catch (final RuntimeException ex)
        {
            throw ex;
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
        finally
        {
            this.consumer = null;
        }
        return (int)(poller.getSequence().get() - before);
    }

    /** Drops every queued message. */
    int clear()
    {
        return poll(DROP);
    }

    @Override
    public boolean onEvent(final MessageEvent event, final long sequence, final boolean endOfBatch)
    {
        try
        {
            return consumer.onMessage(event);
        }
        finally
        {
            event.body = null; // the slot must not keep the body alive once consumed
        }
    }

    private void grow()
    {
        if (ring.getBufferSize() >= maxCapacity)
        {
            throw new IllegalStateException("ring at its limit " + maxCapacity + ": the caller must check size()");
        }
        final RingBuffer<MessageEvent> old = ring;
        final long from = poller.getSequence().get() + 1;
        final long to = old.getCursor();
        create(old.getBufferSize() * 2);
        for (long s = from; s <= to; s++)
        {
            final MessageEvent e = old.get(s);
            final long sequence = ring.next();
            final MessageEvent copy = ring.get(sequence);
            copy.set(e.id, e.timestamp, e.attempts, e.body, e.deferMs);
            copy.sequence = e.sequence;
            copy.dueEpochNs = e.dueEpochNs;
            ring.publish(sequence);
            e.body = null;
        }
    }

    private void create(final int capacity)
    {
        ring = RingBuffer.createSingleProducer(MessageEvent::new, capacity, PolledRings.WAIT_STRATEGY);
        poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
    }

    private static final Consumer DROP = event -> true;
}
