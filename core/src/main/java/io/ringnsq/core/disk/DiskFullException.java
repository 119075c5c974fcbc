package io.ringnsq.core.disk;

/** An append was refused for want of space; nothing was written and the queue is still usable. */
public final class DiskFullException extends DiskQueueException
{
    private static final long serialVersionUID = 1L;

    public DiskFullException(final String message)
    {
        super(message);
    }
}
