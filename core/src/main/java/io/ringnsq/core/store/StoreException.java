package io.ringnsq.core.store;

/** A store could not do what was asked; {@link #diskFull()} when only space was missing (nothing was written). */
public final class StoreException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final boolean diskFull;

    public StoreException(final String message, final boolean diskFull, final Throwable cause)
    {
        super(message, cause);
        this.diskFull = diskFull;
    }

    public boolean diskFull()
    {
        return diskFull;
    }
}
