package io.ringnsq.core.link;

import java.util.Arrays;

/**
 * One preallocated slot of an I/O agent's command ring. The agent fills the fields its
 * {@link CommandType} names and publishes; the engine reads them and clears the references.
 */
public final class CommandEvent
{
    /** The largest bodies array a slot keeps between commands: the common MPUB sizes, 2 KiB of references at most. */
    static final int KEPT_BODIES = 512;

    public int type;
    public long connectionId;
    public String topic;
    public String channel;
    /** PUB, DPUB: the message body (the one copy of it the broker makes). */
    public byte[] body;
    /**
     * MPUB: the bodies, {@code bodyCount} of them. The array stays with the ring slot for the next MPUB
     * ({@link #bodiesFor}): whoever keeps bodies beyond the command keeps a copy of the array.
     */
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

    /** An array for {@code count} bodies: the slot's own when it is large enough, so an MPUB allocates none. */
    public byte[][] bodiesFor(final int count)
    {
        if (bodies == null || bodies.length < count)
        {
            bodies = new byte[count][];
        }
        return bodies;
    }

    /** The bytes of the message bodies the command carries. */
    long bodyBytes()
    {
        long bytes = body == null ? 0 : body.length;
        for (int i = 0; i < bodyCount; i++)
        {
            bytes += bodies[i].length;
        }
        return bytes;
    }

    /** Drops references so the ring does not keep bodies alive (a small bodies array stays, emptied). */
    public void clear()
    {
        topic = null;
        channel = null;
        body = null;
        if (bodies != null && bodies.length <= KEPT_BODIES)
        {
            // only what the last MPUB filled: every FIN clears its slot too, and 512 stores each would show
            Arrays.fill(bodies, 0, Math.min(bodyCount, bodies.length), null);
        }
        else
        {
            bodies = null;
        }
        bodyCount = 0;
        text = null;
        identity = null;
        features = null;
        names = null;
    }
}
