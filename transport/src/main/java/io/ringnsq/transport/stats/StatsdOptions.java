package io.ringnsq.transport.stats;

/**
 * What decides the statsd lines.
 *
 * @param prefix           the expanded prefix, put before every stat name ({@link #expandPrefix})
 * @param memStats         {@code --statsd-mem-stats}: send the {@code mem.*} stats
 * @param excludeEphemeral {@code --statsd-exclude-ephemeral}: skip {@code #ephemeral} topics and channels
 */
public record StatsdOptions(String prefix, boolean memStats, boolean excludeEphemeral)
{
    /**
     * {@code --statsd-prefix} as upstream's {@code nsqd.New} expands it: every {@code %s} replaced
     * by {@code net.JoinHostPort(broadcastAddress, httpPort)} with each {@code .} and {@code :}
     * turned into {@code _} (an IPv6 address keeps its brackets, as upstream's does), then a
     * {@code .} added unless the result ends in one. An empty prefix stays empty.
     *
     * @param prefixFlag       {@code --statsd-prefix}, default {@code nsq.%s}
     * @param broadcastAddress {@code --broadcast-address}
     * @param httpPort         {@code --broadcast-http-port}, or the HTTP listener's port when that
     *                         is 0 (0 for a unix socket, as upstream's stays)
     */
    public static String expandPrefix(final String prefixFlag, final String broadcastAddress, final int httpPort)
    {
        if (prefixFlag == null || prefixFlag.isEmpty())
        {
            return "";
        }
        final String hostPort = broadcastAddress.indexOf(':') >= 0
            ? "[" + broadcastAddress + "]:" + httpPort
            : broadcastAddress + ":" + httpPort;
        final String hostKey = hostPort.replace('.', '_').replace(':', '_');
        final String expanded = prefixFlag.replace("%s", hostKey);
        return expanded.endsWith(".") ? expanded : expanded + ".";
    }
}
