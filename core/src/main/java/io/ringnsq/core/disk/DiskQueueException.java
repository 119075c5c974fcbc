package io.ringnsq.core.disk;

/** A disk queue could not do what was asked; the message names the file or directory. */
public class DiskQueueException extends Exception
{
    private static final long serialVersionUID = 1L;

    public DiskQueueException(final String message)
    {
        super(message);
    }

    public DiskQueueException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
