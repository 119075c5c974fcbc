package io.ringnsq.core.link;

/**
 * One preallocated slot of an I/O agent's command ring. The agent fills the fields its
 * {@link CommandType} names and publishes; the engine reads them and clears the references.
 */
public final class CommandEvent
{
    public int type;
    public long connectionId;
    public String topic;
    public String channel;
    /** PUB, DPUB: the message body (the one copy of it the broker makes). */
    public byte[] body;
    /** MPUB: the bodies, {@code bodyCount} of them. */
    public byte[][] bodies;
    public int bodyCount;
    /** FIN, REQ, TOUCH. */
    public long messageId;
    /** RDY count, REQ delay ms, DPUB deferral ms. */
    public long number;
    /** ERROR text (a byte string: one char per frame byte, ISO-8859-1), CONNECT remote address. */
    public String text;
    public boolean fatal;
    public ClientIdentity identity;
    public ClientFeatures features;
    /** TOPIC_CHANNELS: channel names. */
    public String[] names;

    /** Drops references so the ring does not keep bodies alive. */
    public void clear()
    {
        topic = null;
        channel = null;
        body = null;
        bodies = null;
        text = null;
        identity = null;
        features = null;
        names = null;
    }
}
