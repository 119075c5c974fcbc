package io.ringnsq.core.store;

/** One preallocated slot of the disk agent's ring back to the engine; {@link #type} says which fields count. */
public final class StoreResult
{
    /** An entry read for a READ: {@code queue, generation, sequence, id .. body}. */
    public static final int MESSAGE = 1;
    /** A READ is finished: {@code count} of the entries asked for did not exist. */
    public static final int READ_DONE = 2;
    /** The entries of an APPEND with a token are stored: {@code token}. */
    public static final int APPENDED = 3;
    /**
     * An APPEND failed and nothing of it was written past {@code count} entries: {@code queue, token, error},
     * and the message itself ({@code id .. body}, or {@code ids, bodies} for a batch) so that none is lost.
     */
    public static final int APPEND_FAILED = 4;
    /** Writes work again after a failure. */
    public static final int WRITABLE = 5;

    public int type;
    public QueueHandle queue;
    public int generation;
    public long sequence;
    public long id;
    public long timestamp;
    public int attempts;
    public long deferral;
    public byte[] body;
    public long[] ids;
    public byte[][] bodies;
    public int count;
    public Object token;
    public String error;

    public void clear()
    {
        queue = null;
        body = null;
        ids = null;
        bodies = null;
        token = null;
        error = null;
    }
}
