package io.ringnsq.lookup;

/**
 * What an nsqd said about itself in IDENTIFY, plus its connection's address (upstream's {@code PeerInfo}).
 * One instance per connection, shared by all of its registrations, so a PING refreshes them all.
 */
public final class PeerInfo
{
    private final String id;
    private final String remoteAddress;
    private final String hostname;
    private final String broadcastAddress;
    private final long tcpPort;
    private final long httpPort;
    private final String version;
    private long lastUpdate;

    /**
     * @param id the connection's remote {@code ip:port}: upstream uses it as the id and as {@code remote_address}.
     */
    public PeerInfo(final String id, final String hostname, final String broadcastAddress, final long tcpPort,
        final long httpPort, final String version)
    {
        this.id = id;
        this.remoteAddress = id;
        this.hostname = hostname;
        this.broadcastAddress = broadcastAddress;
        this.tcpPort = tcpPort;
        this.httpPort = httpPort;
        this.version = version;
    }

    public String id()
    {
        return id;
    }

    public String remoteAddress()
    {
        return remoteAddress;
    }

    public String hostname()
    {
        return hostname;
    }

    public String broadcastAddress()
    {
        return broadcastAddress;
    }

    public long tcpPort()
    {
        return tcpPort;
    }

    public long httpPort()
    {
        return httpPort;
    }

    public String version()
    {
        return version;
    }

    /** Epoch nanoseconds of the last IDENTIFY or PING. */
    public long lastUpdate()
    {
        return lastUpdate;
    }

    void lastUpdate(final long epochNanos)
    {
        lastUpdate = epochNanos;
    }

    /** The node as {@code /topic/tombstone?node=} names it: {@code broadcast_address:http_port}. */
    String node()
    {
        return broadcastAddress + ":" + httpPort;
    }

    @Override
    public String toString()
    {
        return id;
    }
}
