package io.ringnsq.transport.http;

import io.ringnsq.core.link.IoLink;
import io.ringnsq.transport.nio.Connection;

/**
 * One request and its answer. The service answers exactly once, from {@link HttpService#onRequest}
 * or later from {@link HttpService#onEngineEvent}; the connection reads its next request only then.
 * One instance per connection, reused: do not keep it after answering.
 */
public final class HttpExchange
{
    private final HttpHandler handler;
    private final HttpRequest request;
    private final Connection connection;
    private Object attachment;

    HttpExchange(final HttpHandler handler, final HttpRequest request, final Connection connection)
    {
        this.handler = handler;
        this.request = request;
        this.connection = connection;
    }

    public HttpRequest request()
    {
        return request;
    }

    /** The connection, for its id and its {@link Connection#link() link} to the engine. */
    public Connection connection()
    {
        return connection;
    }

    /** The command ring to the engine (events come back to {@link HttpService#onEngineEvent}). */
    public IoLink link()
    {
        return connection.link();
    }

    public long connectionId()
    {
        return connection.id();
    }

    /** Whatever the service wants to remember between {@code onRequest} and {@code onEngineEvent}. */
    public Object attachment()
    {
        return attachment;
    }

    public void attach(final Object attachment)
    {
        this.attachment = attachment;
    }

    /** Whether the request still waits for its answer. */
    public boolean isWaiting()
    {
        return handler.isWaiting(this);
    }

    public void respond(final HttpResponse response)
    {
        handler.respond(response.status(), response.headers(), response.body());
    }

    /**
     * Answers with a status (200 to 999), the service's headers and a body, which is written as it is
     * (large bodies by reference: do not change the array afterwards).
     */
    public void respond(final int status, final HttpHeaders headers, final byte[] body)
    {
        checkStatus(status);
        handler.respond(status, headers == null ? HttpHeaders.EMPTY : headers, body == null ? HttpRequest.NO_BODY : body);
    }

    void begin()
    {
        attachment = null;
    }

    /** Go takes any three digits; informational answers are not final answers, so they are refused. */
    static void checkStatus(final int status)
    {
        StatusText.check(status);
        if (status < 200)
        {
            throw new IllegalArgumentException("an informational status is not an answer: " + status);
        }
    }
}
