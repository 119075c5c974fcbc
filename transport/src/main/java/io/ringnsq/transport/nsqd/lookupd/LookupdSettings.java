package io.ringnsq.transport.nsqd.lookupd;

import java.time.Duration;
import java.util.List;

/**
 * What nsqd's lookupd registration needs to know.
 *
 * @param addresses        {@code --lookupd-tcp-address}, at start
 * @param broadcastAddress {@code --broadcast-address}
 * @param hostname         the OS hostname
 * @param tcpPort          the bound TCP port, registered with lookupd
 * @param httpPort         the bound HTTP port (0 when HTTP is off)
 * @param maxBodySize      {@code --max-body-size}: the largest reply accepted from a lookupd
 * @param pingInterval     15 s upstream
 * @param httpConnectTimeout {@code --http-client-connect-timeout}, for {@code /channels}
 * @param httpRequestTimeout {@code --http-client-request-timeout}, for {@code /channels}
 */
public record LookupdSettings(
    List<String> addresses,
    String broadcastAddress,
    String hostname,
    int tcpPort,
    int httpPort,
    long maxBodySize,
    Duration pingInterval,
    Duration httpConnectTimeout,
    Duration httpRequestTimeout)
{
    /** Upstream nsqd's version, sent in IDENTIFY. */
    public static final String VERSION = "1.3.0";
}
