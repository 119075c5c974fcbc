package io.ringnsq.core.link;

/**
 * One preallocated slot of an I/O agent's outbound ring. A message slot carries the body by
 * reference (bodies are immutable once published), so the frame is encoded straight into the
 * connection's buffer.
 */
public final class OutboundEvent
{
    public int type;
    public long connectionId;
    public byte[] data;
    public boolean close;
    public long messageId;
    public long timestamp;
    public int attempts;
    public byte[] body;
    /** RESULT: an {@link EngineResult} code. */
    public int result;
    /** RESULT: what the command asked for, if anything. */
    public Object payload;

    public void clear()
    {
        data = null;
        body = null;
        payload = null;
    }
}
