package io.ringnsq.admin;

import java.time.Duration;
import java.util.List;

import io.ringnsq.transport.daemon.DaemonCommandLine;
import io.ringnsq.transport.log.LogLevel;

/**
 * nsqadmin's settings, upstream's defaults ({@code nsqadmin/options.go}), as a fluent context:
 * set what differs, then {@link #conclude()} checks the combination and freezes it.
 */
public final class AdminContext implements DaemonCommandLine.Settings
{
    public static final String DEFAULT_LOG_PREFIX = "[nsqadmin] ";

    private String httpAddress = "0.0.0.0:4171";
    private String basePath = "/";
    private List<String> lookupdHttpAddresses = List.of();
    private List<String> nsqdHttpAddresses = List.of();
    private String notificationHttpEndpoint = "";
    private List<String> adminUsers = List.of();
    private String aclHttpHeader = "X-Forwarded-User";
    private String allowConfigFromCidr = "127.0.0.1/8";
    private Duration httpClientConnectTimeout = Duration.ofSeconds(2);
    private Duration httpClientRequestTimeout = Duration.ofSeconds(5);
    private LogLevel logLevel = LogLevel.INFO;
    private String logPrefix = DEFAULT_LOG_PREFIX;
    private String graphiteUrl = "";
    private boolean proxyGraphite;
    private String statsdPrefix = "nsq.%s";
    private String statsdCounterFormat = "stats.counters.%s.count";
    private String statsdGaugeFormat = "stats.gauges.%s";
    private Duration statsdInterval = Duration.ofSeconds(60);
    private boolean httpClientTlsInsecureSkipVerify;
    private String httpClientTlsRootCaFile = "";
    private String httpClientTlsCert = "";
    private String httpClientTlsKey = "";
    private int upstreamThreads = 4;
    private boolean concluded;

    /** Checks what upstream checks at start-up (New() in nsqadmin.go); returns this, frozen. */
    public AdminContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        if (lookupdHttpAddresses.isEmpty() && nsqdHttpAddresses.isEmpty())
        {
            throw new IllegalArgumentException("--nsqd-http-address or --lookupd-http-address required");
        }
        if (!lookupdHttpAddresses.isEmpty() && !nsqdHttpAddresses.isEmpty())
        {
            throw new IllegalArgumentException("use --nsqd-http-address or --lookupd-http-address not both");
        }
        if (httpClientTlsCert.isEmpty() != httpClientTlsKey.isEmpty())
        {
            throw new IllegalArgumentException("--http-client-tls-cert and --http-client-tls-key must be specified together");
        }
        if (!allowConfigFromCidr.isEmpty())
        {
            Cidr.parse(allowConfigFromCidr); // throws with upstream's wording
        }
        GraphiteUrl.parse(graphiteUrl); // the same, for a graphite URL that is not one
        basePath = normalisePath(basePath);
        concluded = true;
        return this;
    }

    /** Upstream's normalizeBasePath: one leading slash, no trailing one (except for "/" itself). */
    static String normalisePath(final String p)
    {
        String path = p.isEmpty() || p.charAt(0) != '/' ? "/" + p : p;
        while (path.length() > 1 && path.endsWith("/"))
        {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }

    private void checkOpen()
    {
        if (concluded)
        {
            throw new IllegalStateException("the context is concluded");
        }
    }

    public String httpAddress()
    {
        return httpAddress;
    }

    public AdminContext httpAddress(final String value)
    {
        checkOpen();
        httpAddress = value;
        return this;
    }

    public String basePath()
    {
        return basePath;
    }

    public AdminContext basePath(final String value)
    {
        checkOpen();
        basePath = value;
        return this;
    }

    public List<String> lookupdHttpAddresses()
    {
        return lookupdHttpAddresses;
    }

    public AdminContext lookupdHttpAddresses(final List<String> value)
    {
        checkOpen();
        lookupdHttpAddresses = List.copyOf(value);
        return this;
    }

    public List<String> nsqdHttpAddresses()
    {
        return nsqdHttpAddresses;
    }

    public AdminContext nsqdHttpAddresses(final List<String> value)
    {
        checkOpen();
        nsqdHttpAddresses = List.copyOf(value);
        return this;
    }

    public String notificationHttpEndpoint()
    {
        return notificationHttpEndpoint;
    }

    public AdminContext notificationHttpEndpoint(final String value)
    {
        checkOpen();
        notificationHttpEndpoint = value;
        return this;
    }

    public List<String> adminUsers()
    {
        return adminUsers;
    }

    public AdminContext adminUsers(final List<String> value)
    {
        checkOpen();
        adminUsers = List.copyOf(value);
        return this;
    }

    public String aclHttpHeader()
    {
        return aclHttpHeader;
    }

    public AdminContext aclHttpHeader(final String value)
    {
        checkOpen();
        aclHttpHeader = value;
        return this;
    }

    public String allowConfigFromCidr()
    {
        return allowConfigFromCidr;
    }

    public AdminContext allowConfigFromCidr(final String value)
    {
        checkOpen();
        allowConfigFromCidr = value;
        return this;
    }

    public Duration httpClientConnectTimeout()
    {
        return httpClientConnectTimeout;
    }

    public AdminContext httpClientConnectTimeout(final Duration value)
    {
        checkOpen();
        httpClientConnectTimeout = value;
        return this;
    }

    public Duration httpClientRequestTimeout()
    {
        return httpClientRequestTimeout;
    }

    public AdminContext httpClientRequestTimeout(final Duration value)
    {
        checkOpen();
        httpClientRequestTimeout = value;
        return this;
    }

    @Override
    public LogLevel logLevel()
    {
        return logLevel;
    }

    public AdminContext logLevel(final LogLevel value)
    {
        checkOpen();
        logLevel = value;
        return this;
    }

    @Override
    public String logPrefix()
    {
        return logPrefix;
    }

    public AdminContext logPrefix(final String value)
    {
        checkOpen();
        logPrefix = value;
        return this;
    }

    public String graphiteUrl()
    {
        return graphiteUrl;
    }

    public AdminContext graphiteUrl(final String value)
    {
        checkOpen();
        graphiteUrl = value;
        return this;
    }

    /** {@code --proxy-graphite}: serve {@code /render} by asking graphite, and point the pages' graphs at it. */
    public boolean proxyGraphite()
    {
        return proxyGraphite;
    }

    public AdminContext proxyGraphite(final boolean value)
    {
        checkOpen();
        proxyGraphite = value;
        return this;
    }

    /** {@code --statsd-prefix} as nsqd's: {@code %s} stands for the node's host key. */
    public String statsdPrefix()
    {
        return statsdPrefix;
    }

    public AdminContext statsdPrefix(final String value)
    {
        checkOpen();
        statsdPrefix = value;
        return this;
    }

    /** How statsd names a counter in graphite: {@code %s} stands for the stat; "" for the stat as it is. */
    public String statsdCounterFormat()
    {
        return statsdCounterFormat;
    }

    public AdminContext statsdCounterFormat(final String value)
    {
        checkOpen();
        statsdCounterFormat = value;
        return this;
    }

    /** How statsd names a gauge in graphite: {@code %s} stands for the stat; "" for the stat as it is. */
    public String statsdGaugeFormat()
    {
        return statsdGaugeFormat;
    }

    public AdminContext statsdGaugeFormat(final String value)
    {
        checkOpen();
        statsdGaugeFormat = value;
        return this;
    }

    public boolean httpClientTlsInsecureSkipVerify()
    {
        return httpClientTlsInsecureSkipVerify;
    }

    public AdminContext httpClientTlsInsecureSkipVerify(final boolean value)
    {
        checkOpen();
        httpClientTlsInsecureSkipVerify = value;
        return this;
    }

    public String httpClientTlsRootCaFile()
    {
        return httpClientTlsRootCaFile;
    }

    public AdminContext httpClientTlsRootCaFile(final String value)
    {
        checkOpen();
        httpClientTlsRootCaFile = value;
        return this;
    }

    public String httpClientTlsCert()
    {
        return httpClientTlsCert;
    }

    public AdminContext httpClientTlsCert(final String value)
    {
        checkOpen();
        httpClientTlsCert = value;
        return this;
    }

    public String httpClientTlsKey()
    {
        return httpClientTlsKey;
    }

    public AdminContext httpClientTlsKey(final String value)
    {
        checkOpen();
        httpClientTlsKey = value;
        return this;
    }

    /** How often nsqd pushes to statsd: graphite's counters are per this interval. */
    public Duration statsdInterval()
    {
        return statsdInterval;
    }

    public AdminContext statsdInterval(final Duration value)
    {
        checkOpen();
        statsdInterval = value;
        return this;
    }

    /** Threads that query nsqd and lookupd for the API (ringnsq's own; the I/O agent never waits on a node). */
    public int upstreamThreads()
    {
        return upstreamThreads;
    }

    public AdminContext upstreamThreads(final int value)
    {
        checkOpen();
        upstreamThreads = value;
        return this;
    }
}
