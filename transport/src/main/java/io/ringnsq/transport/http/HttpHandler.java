package io.ringnsq.transport.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import io.ringnsq.core.link.IoLink;
import io.ringnsq.core.link.OutboundEvent;
import io.ringnsq.core.link.OutboundType;
import io.ringnsq.transport.nio.Connection;
import io.ringnsq.transport.nio.ConnectionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP/1.1 on one connection, as Go's net/http server speaks it: requests are parsed straight from
 * the connection's input buffer, one at a time (pipelined requests wait in the buffer and are
 * answered in order), bodies by Content-Length or chunked up to a limit the {@link HttpService} sets
 * per request, keep-alive by default, {@code Connection: close} and HTTP/1.0 as Go decides them.
 * Malformed input gets Go's plain-text error answer and the connection closes.
 *
 * <p>While a request waits for the service's answer the socket is not read, so TCP pushes back on
 * a client that pipelines faster than it is answered; likewise while the client leaves too much
 * output unread. One timer watches idle connections, slow requests, and the short linger Go keeps
 * after refusing a head or a body too big (input is dropped, so the client reads the answer rather
 * than a reset).
 */
public final class HttpHandler implements ConnectionHandler
{
    private static final Logger LOG = LoggerFactory.getLogger(HttpHandler.class);

    private static final int PHASE_HEAD = 0;
    private static final int PHASE_BODY = 1;
    /** The request is complete and waits for room in the command ring. */
    private static final int PHASE_READY = 2;
    /** The service has the request and has not answered yet. */
    private static final int PHASE_WAITING = 3;
    /** Answered with an error: input is read and dropped until the socket closes. */
    private static final int PHASE_LINGER = 4;
    private static final int PHASE_CLOSED = 5;

    private static final int CONTINUE = 0;
    private static final int STOP = 1;
    private static final int BLOCK = 2;

    /** A request head copy larger than this is not kept for the next request. */
    private static final int HEAD_KEEP = 64 * 1024;

    /**
     * How long an answered-and-closing connection keeps reading and dropping input (Go's
     * rstAvoidanceDelay), so a client still sending its body reads the answer before a reset.
     */
    private static final long LINGER_NS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long OUTPUT_POLL_NS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long NONE = Long.MIN_VALUE;

    // Go's answers to requests it cannot read (written raw: no Date, no Content-Length)
    private static final String ERROR_HEADERS = "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n";
    private static final byte[][] ERRORS = new byte[7][];
    private static final byte[] HEADER_TOO_LARGE = plainError("431 Request Header Fields Too Large");

    static
    {
        ERRORS[RequestHeadParser.BAD_REQUEST] = plainError("400 Bad Request");
        ERRORS[RequestHeadParser.MISSING_HOST] = plainError("400 Bad Request: missing required Host header");
        ERRORS[RequestHeadParser.MALFORMED_HOST] = plainError("400 Bad Request: malformed Host header");
        ERRORS[RequestHeadParser.INVALID_HEADER_VALUE] = plainError("400 Bad Request: invalid header value");
        ERRORS[RequestHeadParser.UNSUPPORTED_TRANSFER_ENCODING] =
            ResponseWriter.ascii("HTTP/1.1 501 Not Implemented" + ERROR_HEADERS + "Unsupported transfer encoding");
        ERRORS[RequestHeadParser.UNSUPPORTED_VERSION] =
            plainError("505 HTTP Version Not Supported: unsupported protocol version");
    }

    private final HttpService service;
    private final HttpServerConfig config;
    private final Connection connection;
    private final IoLink link;
    private final HttpRequest request = new HttpRequest();
    private final HttpExchange exchange;
    private final ResponseWriter writer;
    private final BodyReader bodyReader = new BodyReader();

    private int phase = PHASE_HEAD;
    /** Inside {@link #onInput}: the read position and the end of the buffered bytes. */
    private int cursor;
    private int end;
    private boolean inInput;

    // the head being scanned, relative to the request's first byte
    private int scanned;
    private int lineStart;
    private boolean inMethod = true;
    /** Go drops up to 4 CR/LF after a POST, for old clients that send them. */
    private int newlinesToSkip;

    // the body being read
    private boolean storeBody;
    /** The server's answer to a body over the service's limit; null when the service answers. */
    private HttpResponse tooBig;
    /**
     * Go's requestBodyLimitHit: a body too long was left unread. The answer says
     * {@code Connection: close} and the connection lingers before it closes.
     */
    private boolean bodyLimitHit;
    /** The body was left unread or could not be read: the connection cannot carry another request. */
    private boolean mustClose;

    // timing: one connection timer, armed lazily (see armTimer)
    private long requestStartedAt = NONE;
    private long lastActivityAt;
    private long timerDeadline = NONE;
    private long lingerUntil;
    private boolean outputPaused;

    HttpHandler(final HttpService service, final HttpServerConfig config, final Connection connection)
    {
        this.service = service;
        this.config = config;
        this.connection = connection;
        this.link = connection.link();
        this.exchange = new HttpExchange(this, request, connection);
        this.writer = new ResponseWriter(new HttpDate(config.dateClock()));
        this.request.remoteAddress = connection.remoteAddress();
        this.lastActivityAt = connection.now();
        armTimer(lastActivityAt + config.idleTimeoutNs());
    }

    /** Makes handlers for a listener whose requests {@code service} answers. */
    public static ConnectionHandler.Factory factory(final HttpService service, final HttpServerConfig config)
    {
        return connection -> new HttpHandler(service, config, connection);
    }

    public static ConnectionHandler.Factory factory(final HttpService service)
    {
        return factory(service, HttpServerConfig.defaults());
    }

    // ================================================================ input

    @Override
    public int onInput(final Connection c, final boolean endOfStream)
    {
        cursor = 0;
        end = c.input().position();
        int status = CONTINUE;
        inInput = true;
        try
        {
            while (status == CONTINUE)
            {
                switch (phase)
                {
                    case PHASE_HEAD -> status = readHead(endOfStream);
                    case PHASE_BODY -> status = readBody(endOfStream);
                    case PHASE_READY -> status = dispatch();
                    case PHASE_WAITING -> status = STOP;
                    case PHASE_LINGER ->
                    {
                        cursor = end;
                        if (endOfStream)
                        {
                            closeNow();
                        }
                        status = STOP;
                    }
                    default ->
                    {
                        cursor = end;
                        status = STOP;
                    }
                }
            }
        }
        finally
        {
            inInput = false;
        }
        if (cursor > 0)
        {
            // the buffer may have grown while decoding: compact the current one, which holds the same bytes
            final ByteBuffer in = c.input();
            in.limit(end).position(cursor);
            in.compact();
        }
        if (phase == PHASE_BODY || (phase == PHASE_HEAD && requestStartedAt != NONE))
        {
            armTimer(requestStartedAt + config.readTimeoutNs());
        }
        return status == BLOCK ? BLOCKED : cursor;
    }

    private int readHead(final boolean endOfStream)
    {
        final ByteBuffer in = connection.input();
        final int start;
        if (scanned == 0)
        {
            while (newlinesToSkip > 0 && cursor < end)
            {
                final byte b = in.get(cursor);
                if (b != '\r' && b != '\n')
                {
                    newlinesToSkip = 0;
                    break;
                }
                cursor++;
                newlinesToSkip--;
            }
            if (cursor == end)
            {
                if (endOfStream)
                {
                    closeAfterFlush(); // the client is done; nothing of another request came
                }
                return STOP;
            }
            newlinesToSkip = 0;
            if (connection.output().pendingBytes() > config.maxPendingOutput())
            {
                pauseForOutput();
                return STOP;
            }
            if (requestStartedAt == NONE)
            {
                requestStartedAt = connection.now();
            }
        }
        start = cursor;
        final int limit = (int)Math.min(end, (long)start + config.headLimit());
        for (int i = start + scanned; i < limit; i++)
        {
            final byte b = in.get(i);
            if (inMethod)
            {
                // a byte that cannot be in a method dooms the request line: answer now, not at its end
                if (b == ' ')
                {
                    if (i == start)
                    {
                        return fail(RequestHeadParser.BAD_REQUEST);
                    }
                    inMethod = false;
                }
                else if (!HttpTokens.isToken(b & 0xff))
                {
                    return fail(RequestHeadParser.BAD_REQUEST);
                }
            }
            else if (b == '\n')
            {
                final int lineLength = i - (start + lineStart);
                if (lineStart > 0 && (lineLength == 0 || (lineLength == 1 && in.get(i - 1) == '\r')))
                {
                    return headComplete(start, i + 1 - start);
                }
                lineStart = i + 1 - start;
            }
        }
        scanned = limit - start;
        if (end - start >= config.headLimit())
        {
            return headerTooLarge();
        }
        if (endOfStream)
        {
            return fail(RequestHeadParser.BAD_REQUEST); // Go: an unexpected EOF inside the head
        }
        if (start == 0 && end == in.capacity())
        {
            connection.requireInputCapacity(Math.max(in.capacity() + 1, Math.min(2 * in.capacity(), config.headLimit())));
        }
        return STOP;
    }

    private int headComplete(final int start, final int headLength)
    {
        request.reset();
        if (request.head.length < headLength)
        {
            request.head = new byte[Math.max(headLength, 2 * request.head.length)];
        }
        connection.input().get(start, request.head, 0, headLength);
        request.headLength = headLength;
        cursor = start + headLength;
        scanned = 0;
        lineStart = 0;
        inMethod = true;
        storeBody = false;
        bodyLimitHit = false;
        mustClose = false;

        final int result = RequestHeadParser.parse(request);
        if (result != RequestHeadParser.OK)
        {
            return fail(result);
        }
        newlinesToSkip = "POST".equals(request.method()) ? 4 : 0;
        if (request.expectationFailed)
        {
            // Go's sendExpectationFailed: 417 with Connection: close, and the connection ends
            mustClose = request.contentLength != 0;
            phase = PHASE_WAITING;
            respond(417, HttpHeaders.CONNECTION_CLOSE, HttpRequest.NO_BODY);
            return STOP;
        }
        if (request.contentLength == 0)
        {
            phase = PHASE_READY;
            return CONTINUE;
        }
        final BodyLimit limit;
        try
        {
            limit = service.bodyLimit(request);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("HTTP service failed on {} from {}", request, connection, ex);
            closeNow();
            return STOP;
        }
        return startBody(limit);
    }

    private int startBody(final BodyLimit limit)
    {
        final long declared = request.contentLength;
        final boolean expectsContinue = request.expectsContinue && request.isHttp11();
        storeBody = !limit.isDiscard();
        tooBig = limit.tooBig();
        if (!storeBody)
        {
            if (expectsContinue)
            {
                mustClose = true; // Go never reads a body its handler leaves alone while the client waits to be asked
                phase = PHASE_READY;
                return CONTINUE;
            }
            if (declared > BodyLimit.DISCARD_LIMIT)
            {
                return bodyTooBig(); // too long to skip: answer now, and close after
            }
            bodyReader.start(declared, false, BodyLimit.DISCARD_LIMIT);
        }
        else
        {
            if (declared > limit.maxBytes())
            {
                return bodyTooBig(); // not a byte of it is read
            }
            if (expectsContinue)
            {
                writeRaw(ResponseWriter.CONTINUE);
            }
            bodyReader.start(declared, true, limit.maxBytes());
        }
        phase = PHASE_BODY;
        return CONTINUE;
    }

    private int readBody(final boolean endOfStream)
    {
        final int result = bodyReader.read(connection.input(), cursor, end);
        cursor = bodyReader.position();
        switch (result)
        {
            case BodyReader.DONE ->
            {
                phase = PHASE_READY;
                return CONTINUE;
            }
            case BodyReader.TOO_BIG ->
            {
                return bodyTooBig();
            }
            case BodyReader.MALFORMED ->
            {
                return bodyUnreadable(true);
            }
            default ->
            {
                return endOfStream ? bodyUnreadable(false) : STOP;
            }
        }
    }

    /** The body passed the limit: the server's answer, or the request goes to the service marked TOO_BIG. */
    private int bodyTooBig()
    {
        bodyLimitHit = true;
        if (storeBody && tooBig != null)
        {
            phase = PHASE_WAITING;
            respond(tooBig.status(), tooBig.headers(), tooBig.body());
            return STOP;
        }
        if (storeBody)
        {
            request.bodyStatus = HttpRequest.BodyStatus.TOO_BIG;
        }
        storeBody = false;
        phase = PHASE_READY;
        return CONTINUE;
    }

    /** Broken chunked framing, or the client stopped sending the body. */
    private int bodyUnreadable(final boolean malformed)
    {
        if (storeBody && tooBig != null)
        {
            // the server answers for the service: Go's 400 to bad framing; nothing to answer to a client gone
            if (malformed)
            {
                return fail(RequestHeadParser.BAD_REQUEST);
            }
            closeNow();
            return STOP;
        }
        if (storeBody)
        {
            request.bodyStatus = HttpRequest.BodyStatus.UNREADABLE;
        }
        storeBody = false;
        mustClose = true;
        phase = PHASE_READY;
        return CONTINUE;
    }

    private int dispatch()
    {
        if (!link.hasCommandCapacity(1))
        {
            return BLOCK; // the service may send one command: wait until the ring has room for it
        }
        request.body = storeBody ? bodyReader.takeBody() : HttpRequest.NO_BODY;
        bodyReader.clear(); // a body cut short is not kept
        tooBig = null;
        requestStartedAt = NONE;
        phase = PHASE_WAITING;
        exchange.begin();
        try
        {
            service.onRequest(exchange);
        }
        catch (final RuntimeException ex)
        {
            // as Go without a recovering handler: the connection ends without an answer
            LOG.error("HTTP service failed on {} from {}", request, connection, ex);
            closeNow();
            return STOP;
        }
        if (phase == PHASE_WAITING)
        {
            connection.pauseInput();
            return STOP;
        }
        return phase == PHASE_HEAD ? CONTINUE : STOP;
    }

    // ================================================================ answers

    boolean isWaiting(final HttpExchange e)
    {
        return phase == PHASE_WAITING && e == exchange;
    }

    /** The service's answer to the waiting request. */
    void respond(final int status, final HttpHeaders headers, final byte[] responseBody)
    {
        if (phase != PHASE_WAITING)
        {
            throw new IllegalStateException("no request is waiting for an answer");
        }
        final boolean close = write(status, headers, responseBody);
        finishResponse(close, bodyLimitHit);
    }

    /**
     * Writes a response and returns whether the connection closes after it: Go's writeHeader
     * decisions on keep-alive, HTTP/1.0 and unread bodies.
     */
    private boolean write(final int status, final HttpHeaders headers, final byte[] responseBody)
    {
        final boolean http11 = request.isHttp11();
        final boolean headRequest = request.isHead();
        final boolean bodyAllowed = status >= 200 && status != 204 && status != 304;
        final boolean hasLength = bodyAllowed && (!headRequest || responseBody.length > 0);
        final boolean ownsConnectionHeader = headers == HttpHeaders.CONNECTION_CLOSE;
        byte[] connectionLine = null;
        boolean close = ownsConnectionHeader;
        if (request.wantsHttp10KeepAlive && (headRequest || hasLength || !bodyAllowed))
        {
            connectionLine = ownsConnectionHeader ? null : ResponseWriter.CONNECTION_KEEP_ALIVE;
        }
        else if (!http11 || request.wantsClose)
        {
            close = true;
        }
        if (mustClose)
        {
            close = true;
        }
        if (bodyLimitHit)
        {
            if (!close)
            {
                connectionLine = ResponseWriter.CONNECTION_CLOSE; // Go's "request too large" path
            }
            close = true;
        }
        if (close && http11 && !ownsConnectionHeader)
        {
            connectionLine = ResponseWriter.CONNECTION_CLOSE;
        }
        try
        {
            writer.write(connection, http11, status, headers, responseBody, headRequest, connectionLine);
        }
        catch (final IOException ex)
        {
            closeNow();
        }
        return close;
    }

    private void finishResponse(final boolean close, final boolean linger)
    {
        lastActivityAt = connection.now();
        connection.markDirty();
        if (phase == PHASE_CLOSED)
        {
            return; // the write failed
        }
        if (close)
        {
            if (linger)
            {
                startLinger();
            }
            else
            {
                closeAfterFlush();
            }
            return;
        }
        phase = PHASE_HEAD;
        if (request.head.length > HEAD_KEEP)
        {
            request.head = new byte[1024]; // a huge head is rare: do not keep its copy for the connection's life
        }
        if (!inInput)
        {
            connection.resumeInput(); // pipelined requests may be buffered, and reading was paused
        }
    }

    private int fail(final int parseResult)
    {
        return failWith(ERRORS[parseResult]);
    }

    /** One of Go's plain-text answers to a request it cannot read; the connection ends right after it. */
    private int failWith(final byte[] answer)
    {
        writeRaw(answer);
        if (phase != PHASE_CLOSED)
        {
            cursor = end;
            closeAfterFlush();
        }
        return STOP;
    }

    /** Go's answer to a head over the limit: it waits before closing (closeWriteAndWait), as after a body too big. */
    private int headerTooLarge()
    {
        writeRaw(HEADER_TOO_LARGE);
        if (phase != PHASE_CLOSED)
        {
            startLinger();
        }
        return STOP;
    }

    private void writeRaw(final byte[] bytes)
    {
        try
        {
            ResponseWriter.writeRaw(connection, bytes);
            connection.markDirty();
        }
        catch (final IOException ex)
        {
            closeNow();
        }
    }

    private void startLinger()
    {
        phase = PHASE_LINGER;
        lingerUntil = connection.now() + LINGER_NS;
        armTimer(lingerUntil);
        if (inInput)
        {
            cursor = end;
        }
        else
        {
            connection.resumeInput(); // keep draining what the client still sends
        }
    }

    private void closeAfterFlush()
    {
        phase = PHASE_CLOSED;
        connection.closeAfterFlush();
    }

    private void closeNow()
    {
        phase = PHASE_CLOSED;
        connection.close();
    }

    // ================================================================ engine events

    @Override
    public void onOutbound(final Connection c, final OutboundEvent event)
    {
        if (phase == PHASE_WAITING)
        {
            try
            {
                service.onEngineEvent(exchange, event);
            }
            catch (final RuntimeException ex)
            {
                LOG.error("HTTP service failed on {} from {}", request, connection, ex);
                closeNow();
            }
        }
        else if (event.type == OutboundType.CLOSE && phase != PHASE_CLOSED)
        {
            closeAfterFlush();
        }
    }

    // ================================================================ time

    @Override
    public void onTimer(final Connection c, final long now)
    {
        timerDeadline = NONE;
        if (phase == PHASE_CLOSED)
        {
            return;
        }
        final long idle = config.idleTimeoutNs();
        if (c.isWriteStalled() && now - c.writeStalledSince() >= idle)
        {
            closeNow(); // a client that reads nothing of its answers
            return;
        }
        long next;
        switch (phase)
        {
            case PHASE_LINGER ->
            {
                if (now - lingerUntil >= 0)
                {
                    closeAfterFlush();
                    return;
                }
                next = lingerUntil;
            }
            case PHASE_HEAD, PHASE_BODY ->
            {
                final long deadline = requestStartedAt != NONE
                    ? requestStartedAt + config.readTimeoutNs()
                    : lastActivityAt + idle;
                if (now - deadline >= 0)
                {
                    closeNow(); // idle too long, or a request trickling in too slowly: Go replies nothing
                    return;
                }
                next = deadline;
            }
            default -> next = now + idle; // waiting for the service or the command ring: nothing to time
        }
        if (outputPaused)
        {
            if (c.output().pendingBytes() <= config.maxPendingOutput())
            {
                outputPaused = false;
                c.resumeInput();
            }
            else
            {
                next = Math.min(next, now + OUTPUT_POLL_NS);
            }
        }
        if (c.isWriteStalled())
        {
            next = Math.min(next, c.writeStalledSince() + idle);
        }
        armTimer(next);
    }

    /**
     * The connection has one timer; it is re-armed only when a deadline comes earlier than the
     * armed one, and when it fires it works out what is due now and re-arms for the next deadline,
     * so the per-request path never touches the timer wheel.
     */
    private void armTimer(final long deadline)
    {
        if (timerDeadline == NONE || deadline - timerDeadline < 0)
        {
            timerDeadline = deadline;
            connection.scheduleTimer(deadline);
        }
    }

    private void pauseForOutput()
    {
        outputPaused = true;
        connection.pauseInput();
        armTimer(connection.now() + OUTPUT_POLL_NS);
    }

    @Override
    public void onClosed(final Connection c)
    {
        phase = PHASE_CLOSED;
        bodyReader.clear();
        request.body = HttpRequest.NO_BODY;
    }

    private static byte[] plainError(final String statusAndText)
    {
        return ResponseWriter.ascii("HTTP/1.1 " + statusAndText + ERROR_HEADERS + statusAndText);
    }
}
