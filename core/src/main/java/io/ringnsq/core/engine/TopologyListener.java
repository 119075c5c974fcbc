package io.ringnsq.core.engine;

/**
 * What the engine tells, on its own thread, about topics and channels as they come and go: nsqd's
 * lookupd registration listens (upstream's {@code Notify} into {@code notifyChan}). An implementation
 * must return at once and take no lock the engine could wait on: hand the event to another thread
 * through a lock-free queue.
 */
public interface TopologyListener
{
    /** Listens to nothing and holds no topic. */
    TopologyListener NONE = new TopologyListener()
    {
        @Override
        public boolean onTopicCreated(final String topic, final boolean restoring)
        {
            return false;
        }

        @Override
        public void onChannelCreated(final String topic, final String channel)
        {
        }

        @Override
        public void onTopicDeleted(final String topic)
        {
        }

        @Override
        public void onChannelDeleted(final String topic, final String channel)
        {
        }
    };

    /**
     * A topic was created.
     *
     * @param restoring true while {@link Engine#restore} recreates saved topics (upstream's {@code isLoading})
     * @return true to hold the topic's fan-out until a {@link io.ringnsq.core.link.CommandType#TOPIC_CHANNELS}
     *         command names the channels to create first (spec §2.2: channels known to lookupd); never
     *         true while restoring, and it must then be answered, even with no names
     */
    boolean onTopicCreated(String topic, boolean restoring);

    void onChannelCreated(String topic, String channel);

    /** A topic was deleted; {@link #onChannelDeleted} follows for each of its channels, as upstream. */
    void onTopicDeleted(String topic);

    void onChannelDeleted(String topic, String channel);
}
