package io.ringnsq.lookup;

import java.time.Duration;

import io.ringnsq.transport.daemon.DaemonCommandLine;
import io.ringnsq.transport.log.LogLevel;
import io.ringnsq.transport.nsqd.NsqdContext;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.SystemNanoClock;

/**
 * Everything an nsqlookupd needs to start: upstream v1.3.0's options and defaults ({@code apps/nsqlookupd}), the
 * IDENTIFY body cap ringnsq adds, and the clocks. Fluent: setters return {@code this}, getters have no prefix.
 */
public final class LookupdContext implements DaemonCommandLine.Settings
{
    /** {@code --log-prefix}'s default. */
    public static final String DEFAULT_LOG_PREFIX = "[nsqlookupd] ";
    /** The largest IDENTIFY body taken; upstream has no limit (nsqd's body is about 120 bytes). */
    public static final int DEFAULT_MAX_IDENTIFY_BODY_SIZE = 1024 * 1024;

    private String tcpAddress = "0.0.0.0:4160";
    private String httpAddress = "0.0.0.0:4161";
    private String broadcastAddress = NsqdContext.hostname();
    private Duration inactiveProducerTimeout = Duration.ofMinutes(5);
    private Duration tombstoneLifetime = Duration.ofSeconds(45);
    private LogLevel logLevel = LogLevel.INFO;
    private String logPrefix = DEFAULT_LOG_PREFIX;
    private int maxIdentifyBodySize = DEFAULT_MAX_IDENTIFY_BODY_SIZE;
    private NanoClock nanoClock = SystemNanoClock.INSTANCE;
    private EpochNanoClock epochClock = new SystemEpochNanoClock();

    /** Checks what upstream would fail on at start; throws {@link IllegalArgumentException} naming the option. */
    public LookupdContext conclude()
    {
        if (maxIdentifyBodySize < 0)
        {
            throw new IllegalArgumentException("the IDENTIFY body cap must not be negative");
        }
        return this;
    }

    public String tcpAddress()
    {
        return tcpAddress;
    }

    public LookupdContext tcpAddress(final String value)
    {
        tcpAddress = value;
        return this;
    }

    public String httpAddress()
    {
        return httpAddress;
    }

    public LookupdContext httpAddress(final String value)
    {
        httpAddress = value;
        return this;
    }

    public String broadcastAddress()
    {
        return broadcastAddress;
    }

    public LookupdContext broadcastAddress(final String value)
    {
        broadcastAddress = value;
        return this;
    }

    public Duration inactiveProducerTimeout()
    {
        return inactiveProducerTimeout;
    }

    public LookupdContext inactiveProducerTimeout(final Duration value)
    {
        inactiveProducerTimeout = value;
        return this;
    }

    public Duration tombstoneLifetime()
    {
        return tombstoneLifetime;
    }

    public LookupdContext tombstoneLifetime(final Duration value)
    {
        tombstoneLifetime = value;
        return this;
    }

    @Override
    public LogLevel logLevel()
    {
        return logLevel;
    }

    public LookupdContext logLevel(final LogLevel value)
    {
        logLevel = value;
        return this;
    }

    @Override
    public String logPrefix()
    {
        return logPrefix;
    }

    public LookupdContext logPrefix(final String value)
    {
        logPrefix = value;
        return this;
    }

    public int maxIdentifyBodySize()
    {
        return maxIdentifyBodySize;
    }

    public LookupdContext maxIdentifyBodySize(final int value)
    {
        maxIdentifyBodySize = value;
        return this;
    }

    /** The monotonic clock of the I/O agent (HTTP timeouts). */
    public NanoClock nanoClock()
    {
        return nanoClock;
    }

    public LookupdContext nanoClock(final NanoClock value)
    {
        nanoClock = value;
        return this;
    }

    /** The wall clock of the registry (last updates, tombstones) and of HTTP {@code Date} headers. */
    public EpochNanoClock epochClock()
    {
        return epochClock;
    }

    public LookupdContext epochClock(final EpochNanoClock value)
    {
        epochClock = value;
        return this;
    }
}
