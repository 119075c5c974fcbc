package io.ringnsq.transport.http;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.EpochNanoClock;

/**
 * Limits and timeouts of one HTTP listener. Immutable; the defaults are Go's (1 MiB of request head)
 * and ringnsq's (Go's nsqd sets no timeouts; these keep silent sockets from living forever).
 */
public final class HttpServerConfig
{
    /** Go's DefaultMaxHeaderBytes. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 1 << 20;
    public static final long DEFAULT_IDLE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);
    public static final long DEFAULT_READ_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);
    /** Output a client may leave unread before the server stops reading its next requests. */
    public static final int DEFAULT_MAX_PENDING_OUTPUT = 256 * 1024;

    private static final EpochNanoClock SYSTEM_CLOCK = () -> System.currentTimeMillis() * 1_000_000L;

    private final long idleTimeoutNs;
    private final long readTimeoutNs;
    private final int maxHeaderBytes;
    private final int maxPendingOutput;
    private final EpochNanoClock dateClock;

    private HttpServerConfig(
        final long idleTimeoutNs, final long readTimeoutNs, final int maxHeaderBytes, final int maxPendingOutput,
        final EpochNanoClock dateClock)
    {
        if (idleTimeoutNs <= 0 || readTimeoutNs <= 0 || maxHeaderBytes <= 0 || maxPendingOutput <= 0 || dateClock == null)
        {
            throw new IllegalArgumentException("timeouts and limits must be positive, the clock set");
        }
        this.idleTimeoutNs = idleTimeoutNs;
        this.readTimeoutNs = readTimeoutNs;
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxPendingOutput = maxPendingOutput;
        this.dateClock = dateClock;
    }

    public static HttpServerConfig defaults()
    {
        return new HttpServerConfig(
            DEFAULT_IDLE_TIMEOUT_NS, DEFAULT_READ_TIMEOUT_NS, DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_PENDING_OUTPUT, SYSTEM_CLOCK);
    }

    /** A connection with no request under way (or that never sent one) is closed after this. */
    public HttpServerConfig idleTimeout(final long duration, final TimeUnit unit)
    {
        return new HttpServerConfig(unit.toNanos(duration), readTimeoutNs, maxHeaderBytes, maxPendingOutput, dateClock);
    }

    /** A request whose head and body take longer than this from their first byte is dropped. */
    public HttpServerConfig readTimeout(final long duration, final TimeUnit unit)
    {
        return new HttpServerConfig(idleTimeoutNs, unit.toNanos(duration), maxHeaderBytes, maxPendingOutput, dateClock);
    }

    /** The request line and headers together (Go's MaxHeaderBytes; Go reads 4096 bytes beyond it). */
    public HttpServerConfig maxHeaderBytes(final int bytes)
    {
        return new HttpServerConfig(idleTimeoutNs, readTimeoutNs, bytes, maxPendingOutput, dateClock);
    }

    public HttpServerConfig maxPendingOutput(final int bytes)
    {
        return new HttpServerConfig(idleTimeoutNs, readTimeoutNs, maxHeaderBytes, bytes, dateClock);
    }

    /** The wall clock of the {@code Date} header (tests pass a manual one). */
    public HttpServerConfig dateClock(final EpochNanoClock clock)
    {
        return new HttpServerConfig(idleTimeoutNs, readTimeoutNs, maxHeaderBytes, maxPendingOutput, clock);
    }

    public long idleTimeoutNs()
    {
        return idleTimeoutNs;
    }

    public long readTimeoutNs()
    {
        return readTimeoutNs;
    }

    public int maxHeaderBytes()
    {
        return maxHeaderBytes;
    }

    /** Bytes of head read before giving up with 431: Go's limit plus its 4096 bytes of bufio slop. */
    int headLimit()
    {
        return maxHeaderBytes + 4096;
    }

    public int maxPendingOutput()
    {
        return maxPendingOutput;
    }

    public EpochNanoClock dateClock()
    {
        return dateClock;
    }
}
