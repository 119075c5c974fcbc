package io.ringnsq.core.store;

/** One preallocated slot of the engine's ring to the disk agent; {@link #type} says which fields count. */
public final class StoreCommand
{
    /** Append one message ({@code id .. body}), or a batch ({@code ids, bodies, count}) when {@code bodies} is set. */
    public static final int APPEND = 1;
    /** Read up to {@code count} entries not read yet; they come back as messages tagged with {@code generation}. */
    public static final int READ = 2;
    /** Entry {@code sequence} is done with. */
    public static final int CONSUMED = 3;
    /** Every entry up to {@code sequence} is done with. */
    public static final int CONSUMED_THROUGH = 4;
    /** Drop every entry. */
    public static final int EMPTY = 5;
    /** Close the queue and remove its files. */
    public static final int DELETE = 6;
    /** Save {@code payload}, an {@code NsqdMetadata}, as nsqd.dat. */
    public static final int SAVE_METADATA = 7;

    public int type;
    public QueueHandle queue;
    public int generation;
    public long id;
    public long timestamp;
    public int attempts;
    public long deferral;
    public byte[] body;
    public long[] ids;
    public byte[][] bodies;
    public int count;
    public long sequence;
    /** APPEND: the bytes of its bodies, counted against what may wait for the disk agent. */
    public long appendBytes;
    /**
     * APPEND: when set, the disk agent answers {@link StoreResult#APPENDED} or {@link StoreResult#APPEND_FAILED}
     * with it once the entries are as durable as {@code --sync-every} makes them.
     */
    public Object token;
    public Object payload;

    public void clear()
    {
        appendBytes = 0;
        queue = null;
        body = null;
        ids = null;
        bodies = null;
        token = null;
        payload = null;
    }
}
