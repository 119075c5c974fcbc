package io.ringnsq.transport.auth;

import java.util.concurrent.Executor;

import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a query's outcome to the caller's sink; the callback, and the reading of the caller's
 * clock that stamps the authorizations, run on the sink's thread, never on an auth thread.
 */
final class AuthDelivery
{
    private static final Logger LOG = LoggerFactory.getLogger(AuthDelivery.class);

    private final PendingAuth pending;
    private final NanoClock clock;
    private final Executor sink;
    private final AuthCallback callback;

    AuthDelivery(final PendingAuth pending, final NanoClock clock, final Executor sink, final AuthCallback callback)
    {
        this.pending = pending;
        this.clock = clock;
        this.sink = sink;
        this.callback = callback;
    }

    void granted(final AuthResponse response)
    {
        post(response, null);
    }

    void failed(final String detail)
    {
        post(null, detail);
    }

    private void post(final AuthResponse response, final String detail)
    {
        if (pending.isCancelled())
        {
            return;
        }
        try
        {
            sink.execute(() -> deliver(response, detail));
        }
        catch (final RuntimeException ex)
        {
            // the sink must take every task; one that refuses leaves its connection waiting
            LOG.warn("AUTH: result dropped, the sink refused it - {}", ex.toString());
        }
    }

    private void deliver(final AuthResponse response, final String detail)
    {
        if (pending.isCancelled())
        {
            return;
        }
        callback.onResult(response != null
            ? new AuthResult.Granted(Authorizations.granted(response, clock.nanoTime()))
            : new AuthResult.Failed(detail));
    }
}
