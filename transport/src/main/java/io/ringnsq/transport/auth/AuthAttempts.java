package io.ringnsq.transport.auth;

import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * Upstream's {@code QueryAnyAuthd}: the servers in turn from a random start, the first usable
 * answer wins; when none answers, the errors of all of them, in the order tried, joined with
 * {@code "; "}. Each attempt starts when the one before it ended, so no state is shared.
 */
final class AuthAttempts
{
    private final AuthHttpExchange exchange;
    private final List<String> addresses;
    private final int start;
    private final AuthQuery query;
    private final PendingAuth pending;
    private final AuthDelivery delivery;
    private final StringBuilder errors = new StringBuilder();

    AuthAttempts(
        final AuthHttpExchange exchange,
        final List<String> addresses,
        final int start,
        final AuthQuery query,
        final PendingAuth pending,
        final AuthDelivery delivery)
    {
        this.exchange = exchange;
        this.addresses = addresses;
        this.start = start;
        this.query = query;
        this.pending = pending;
        this.delivery = delivery;
    }

    void run()
    {
        attempt(0);
    }

    private void attempt(final int index)
    {
        if (pending.isCancelled())
        {
            return;
        }
        if (index == addresses.size())
        {
            delivery.failed(errors.toString());
            return;
        }
        final String address = addresses.get((start + index) % addresses.size());
        exchange.query(address, query, pending).whenComplete((response, error) ->
        {
            if (error == null)
            {
                delivery.granted(response);
                return;
            }
            if (errors.length() > 0)
            {
                errors.append("; ");
            }
            errors.append("failed to auth against ").append(address).append(" - ").append(message(error));
            attempt(index + 1);
        });
    }

    private static String message(final Throwable error)
    {
        final Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
