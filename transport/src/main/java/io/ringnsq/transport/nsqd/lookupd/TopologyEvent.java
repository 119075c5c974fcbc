package io.ringnsq.transport.nsqd.lookupd;

/**
 * One change of the engine's topics and channels, on its way to the registration thread.
 *
 * @param channel null for a topic event
 * @param held    a topic the engine holds until the registration thread answers with lookupd's channels
 */
record TopologyEvent(int type, String topic, String channel, boolean held, boolean restoring)
{
    static final int TOPIC_CREATED = 1;
    static final int CHANNEL_CREATED = 2;
    static final int TOPIC_DELETED = 3;
    static final int CHANNEL_DELETED = 4;

    boolean created()
    {
        return type == TOPIC_CREATED || type == CHANNEL_CREATED;
    }

    /** The V1 command that tells a lookupd of this change. */
    String command()
    {
        return (created() ? "REGISTER " : "UNREGISTER ") + topic + (channel == null ? "" : " " + channel);
    }
}
