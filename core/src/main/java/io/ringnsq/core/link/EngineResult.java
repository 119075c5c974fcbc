package io.ringnsq.core.link;

/** Outcomes of administrative and HTTP commands, carried by {@link OutboundType#RESULT} events. */
public final class EngineResult
{
    public static final int OK = 0;
    public static final int TOPIC_NOT_FOUND = 1;
    public static final int CHANNEL_NOT_FOUND = 2;
    /** The memory queue cannot take the messages (until the disk overflow exists). */
    public static final int QUEUE_FULL = 3;

    private EngineResult()
    {
    }
}
