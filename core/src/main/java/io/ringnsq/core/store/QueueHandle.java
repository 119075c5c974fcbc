package io.ringnsq.core.store;

/**
 * One topic's or channel's queue as the engine and the disk agent both refer to it. The names are
 * fixed; {@link #store} belongs to the disk agent's thread alone, {@link #attachment} to the engine's.
 * Commands and results carry the handle, so neither side looks anything up by name.
 */
public final class QueueHandle
{
    /** What the queue holds. */
    public enum Kind
    {
        /** A topic's messages before fan-out. */
        TOPIC,
        /** A channel's messages waiting for a client. */
        CHANNEL,
        /** A channel's deferred messages, written at shutdown with their due time and read back at start. */
        DEFERRED
    }

    private final String topic;
    private final String channel;
    private final Kind kind;

    /** The disk agent's: the open store, or null until the first command that needs it. */
    MessageStore store;
    /** The disk agent's: appends and consumptions since the last sync (upstream counts both). */
    long opsSinceSync;

    /** The engine's: the object that owns this queue on its side. */
    public Object attachment;

    private QueueHandle(final String topic, final String channel, final Kind kind)
    {
        this.topic = topic;
        this.channel = channel;
        this.kind = kind;
    }

    public static QueueHandle topic(final String topic)
    {
        return new QueueHandle(topic, null, Kind.TOPIC);
    }

    public static QueueHandle channel(final String topic, final String channel)
    {
        return new QueueHandle(topic, channel, Kind.CHANNEL);
    }

    public static QueueHandle deferred(final String topic, final String channel)
    {
        return new QueueHandle(topic, channel, Kind.DEFERRED);
    }

    public String topic()
    {
        return topic;
    }

    public String channel()
    {
        return channel;
    }

    public Kind kind()
    {
        return kind;
    }

    /**
     * The queue's directory under the data path: {@code <topic>.queue}, {@code <topic>:<channel>.queue} or
     * {@code <topic>:<channel>.deferred}. Names are validated ({@code [.a-zA-Z0-9_-]}, no ':' or '/'), and the
     * suffix keeps even "." and ".." inside the data path.
     */
    public String directoryName()
    {
        switch (kind)
        {
            case TOPIC:
                return topic + ".queue";
            case CHANNEL:
                return topic + ":" + channel + ".queue";
            default:
                return topic + ":" + channel + ".deferred";
        }
    }

    @Override
    public String toString()
    {
        return directoryName();
    }
}
