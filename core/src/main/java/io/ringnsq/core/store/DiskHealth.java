package io.ringnsq.core.store;

/**
 * Whether the disk takes writes, as upstream's health: set by the disk agent when a write fails
 * and cleared by the next one that works; read by {@code /ping} ({@code NOK - <error>}) from any thread.
 */
public final class DiskHealth
{
    private volatile String error;

    /** Null while writes work, else the last write error. */
    public String error()
    {
        return error;
    }

    void failed(final String error)
    {
        this.error = error;
    }

    void ok()
    {
        error = null;
    }
}
