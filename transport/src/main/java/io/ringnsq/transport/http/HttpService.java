package io.ringnsq.transport.http;

import io.ringnsq.core.link.OutboundEvent;

/**
 * The application behind an HTTP listener (nsqd's API, nsqlookupd's, nsqadmin's): the server parses,
 * frames, times out and keeps connections alive; the service only decides what a request gets.
 * Every call comes from the connection's I/O agent thread and must not block.
 */
public interface HttpService
{
    /**
     * Called once the head of a request that carries a body is parsed, before any body byte is
     * buffered: how much body this request may carry, and the answer when it carries more. Not
     * called for a request without a body. Return a constant; do not keep {@code head}.
     */
    BodyLimit bodyLimit(HttpRequest head);

    /**
     * The whole request is here. Answer now with {@link HttpExchange#respond}, or send engine
     * commands (the command ring has room for one when this is called) and answer from
     * {@link #onEngineEvent}. The next request on the connection waits until this one is answered.
     */
    void onRequest(HttpExchange exchange);

    /**
     * An engine event for this connection while {@code exchange} waits for its answer. The event is
     * cleared when this returns: copy what you need. A service that sends no commands need not
     * implement it; an exception here closes the connection.
     */
    default void onEngineEvent(final HttpExchange exchange, final OutboundEvent event)
    {
        throw new IllegalStateException("this service sends no engine commands, yet got event " + event.type);
    }
}
