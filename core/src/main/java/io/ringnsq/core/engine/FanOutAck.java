package io.ringnsq.core.engine;

/**
 * Durable mode: a topic message taken from disk is done with only when every channel's copy is
 * stored. Each channel append carries this as its token; the last acknowledgement consumes the
 * topic's entry. A crash before that fans the message out again (at least once).
 */
final class FanOutAck
{
    private final Backlog topic;
    private final long sequence;
    private final int generation;
    private int outstanding;

    FanOutAck(final Backlog topic, final long sequence)
    {
        this.topic = topic;
        this.sequence = sequence;
        this.generation = topic.generation;
    }

    /** A channel append now carries this token. */
    void expect()
    {
        outstanding++;
    }

    /** Every channel has been offered the message: with no append to wait for, it is done now. */
    void offered(final DiskPort disk)
    {
        if (outstanding == 0)
        {
            complete(disk);
        }
    }

    void appended(final DiskPort disk)
    {
        if (--outstanding == 0)
        {
            complete(disk);
        }
    }

    private void complete(final DiskPort disk)
    {
        if (topic.generation == generation)
        {
            disk.consumed(topic.handle, sequence);
        }
    }
}
