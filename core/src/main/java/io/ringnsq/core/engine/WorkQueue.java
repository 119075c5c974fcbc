package io.ringnsq.core.engine;

import java.util.ArrayDeque;

/**
 * Topics with messages to fan out and channels with messages to dispatch. A duty cycle visits only
 * these, so idle topics and channels cost nothing however many there are.
 */
final class WorkQueue
{
    static final int FAN_OUT_BATCH = 256;
    static final int DISPATCH_BATCH = 256;

    private final ArrayDeque<Topic> topics = new ArrayDeque<>();
    private final ArrayDeque<Channel> channels = new ArrayDeque<>();

    void schedule(final Topic topic)
    {
        if (!topic.scheduled)
        {
            topic.scheduled = true;
            topics.addLast(topic);
        }
    }

    void schedule(final Channel channel)
    {
        if (!channel.scheduled)
        {
            channel.scheduled = true;
            channels.addLast(channel);
        }
    }

    int fanOut()
    {
        int work = 0;
        for (int n = topics.size(); n > 0; n--)
        {
            final Topic topic = topics.pollFirst();
            topic.scheduled = false;
            if (topic.deleted)
            {
                continue;
            }
            final int moved = topic.fanOut(FAN_OUT_BATCH);
            work += moved;
            if (moved == FAN_OUT_BATCH)
            {
                schedule(topic);
            }
        }
        return work;
    }

    int dispatch()
    {
        int work = 0;
        for (int n = channels.size(); n > 0; n--)
        {
            final Channel channel = channels.pollFirst();
            channel.scheduled = false;
            if (channel.deleted)
            {
                continue;
            }
            final int sent = channel.dispatch(DISPATCH_BATCH);
            work += sent;
            if (sent == DISPATCH_BATCH || channel.blockedOnOutput)
            {
                schedule(channel);
            }
        }
        return work;
    }
}
