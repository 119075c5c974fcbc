package io.ringnsq.transport.http;

/**
 * What the server does with a request's body, chosen by the service once the head is parsed and
 * before any body byte is buffered. Immutable: make one per endpoint and return it every time.
 *
 * <p>Whatever the choice, nothing beyond {@code maxBytes} is ever buffered, a declared length above
 * it is never read, and a connection whose body was not wholly read closes after the answer.
 */
public final class BodyLimit
{
    /** Bytes of an unwanted body the server reads past to keep the connection (Go's maxPostHandlerReadBytes). */
    public static final int DISCARD_LIMIT = 256 * 1024;

    /**
     * The service does not read the body: the request is handed over with an empty body and the
     * body is skipped unbuffered, as Go skips what a handler left unread; one longer than
     * {@link #DISCARD_LIMIT}, or one the client waits to be asked for with {@code Expect: 100-continue},
     * or one that cannot be read, is not read and the connection closes after the answer.
     */
    public static final BodyLimit DISCARD = new BodyLimit(DISCARD_LIMIT, null, true);

    private final int maxBytes;
    private final HttpResponse tooBig;
    private final boolean discard;

    private BodyLimit(final int maxBytes, final HttpResponse tooBig, final boolean discard)
    {
        this.maxBytes = maxBytes;
        this.tooBig = tooBig;
        this.discard = discard;
    }

    /**
     * Read a body of at most {@code maxBytes}; the server answers the rest itself. A declared
     * Content-Length above it is answered with {@code tooBig} at once, without reading; a chunked
     * body is answered the same way as soon as its chunks would pass it. A body whose chunked framing
     * is broken gets Go's {@code 400 Bad Request}.
     */
    public static BodyLimit upTo(final int maxBytes, final HttpResponse tooBig)
    {
        if (tooBig == null)
        {
            throw new IllegalArgumentException("tooBig is required");
        }
        return new BodyLimit(checkMax(maxBytes), tooBig, false);
    }

    /**
     * Read a body of at most {@code maxBytes} and let the service answer whatever happens, as a Go
     * handler answers after its own {@code ReadAll}: {@link HttpService#onRequest} is called with
     * {@link HttpRequest#bodyStatus()} telling whether the body is complete, too big (declared or as
     * it came; not read further) or unreadable (broken framing, or the client stopped sending).
     */
    public static BodyLimit upTo(final int maxBytes)
    {
        return new BodyLimit(checkMax(maxBytes), null, false);
    }

    public int maxBytes()
    {
        return maxBytes;
    }

    /** The server's answer to a body over the limit; null when the service answers it. */
    public HttpResponse tooBig()
    {
        return tooBig;
    }

    public boolean isDiscard()
    {
        return discard;
    }

    private static int checkMax(final int maxBytes)
    {
        if (maxBytes < 0)
        {
            throw new IllegalArgumentException("maxBytes < 0: " + maxBytes);
        }
        return maxBytes;
    }
}
