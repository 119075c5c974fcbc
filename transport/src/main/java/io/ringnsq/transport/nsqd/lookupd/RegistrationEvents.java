package io.ringnsq.transport.nsqd.lookupd;

import java.util.concurrent.locks.LockSupport;

import io.ringnsq.core.engine.TopologyListener;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;

/**
 * The engine's side of lookupd registration: each topic and channel event becomes a
 * {@link TopologyEvent} on a lock-free queue (the engine never waits; events are rare, so one small
 * object each is fine), and the registration thread is woken to take it. Whether a new topic is held
 * for lookupd's channel list depends on a flag the registration thread keeps current: some lookupd
 * has told its HTTP address (upstream's {@code lookupdHTTPAddrs()} is not empty).
 */
public final class RegistrationEvents implements TopologyListener
{
    private final ManyToOneConcurrentLinkedQueue<TopologyEvent> queue = new ManyToOneConcurrentLinkedQueue<>();
    private volatile boolean queryable;
    private volatile Thread consumer;

    @Override
    public boolean onTopicCreated(final String topic, final boolean restoring)
    {
        final boolean hold = !restoring && queryable;
        offer(new TopologyEvent(TopologyEvent.TOPIC_CREATED, topic, null, hold, restoring));
        return hold;
    }

    @Override
    public void onChannelCreated(final String topic, final String channel)
    {
        offer(new TopologyEvent(TopologyEvent.CHANNEL_CREATED, topic, channel, false, false));
    }

    @Override
    public void onTopicDeleted(final String topic)
    {
        offer(new TopologyEvent(TopologyEvent.TOPIC_DELETED, topic, null, false, false));
    }

    @Override
    public void onChannelDeleted(final String topic, final String channel)
    {
        offer(new TopologyEvent(TopologyEvent.CHANNEL_DELETED, topic, channel, false, false));
    }

    private void offer(final TopologyEvent event)
    {
        queue.offer(event);
        wake();
    }

    /** Unparks the registration thread, if it runs yet. */
    void wake()
    {
        final Thread thread = consumer;
        if (thread != null)
        {
            LockSupport.unpark(thread);
        }
    }

    /** The registration thread: the one that {@link #poll}s and is woken. */
    void consumer(final Thread thread)
    {
        this.consumer = thread;
    }

    TopologyEvent poll()
    {
        return queue.poll();
    }

    /** Set by the registration thread: whether new topics should wait for lookupd's channel list. */
    void queryable(final boolean queryable)
    {
        this.queryable = queryable;
    }
}
