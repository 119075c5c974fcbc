package io.ringnsq.transport.auth;

import java.util.concurrent.Future;

/**
 * A query in progress. {@link #cancel()} (say, when the connection closes first) drops the HTTP
 * exchange and guarantees the callback will not run, provided it is called on the thread that
 * drains the sink, before the sink runs the delivery.
 */
public final class PendingAuth
{
    private volatile boolean cancelled;
    private volatile Future<?> exchange;

    PendingAuth()
    {
    }

    /** Abandons the query: no callback, and the HTTP request in flight is cancelled. */
    public void cancel()
    {
        cancelled = true;
        final Future<?> current = exchange;
        if (current != null)
        {
            current.cancel(true);
        }
    }

    public boolean isCancelled()
    {
        return cancelled;
    }

    /** The HTTP exchange now in flight, cancelled at once if the query already was. */
    void track(final Future<?> current)
    {
        exchange = current;
        if (cancelled)
        {
            current.cancel(true);
        }
    }
}
