package io.ringnsq.transport.nsqd;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.zip.CRC32;

import io.ringnsq.cli.GoFloat;

import io.ringnsq.transport.log.LogLevel;
import io.ringnsq.transport.log.NsqdLogging;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.SystemNanoClock;

/**
 * Everything an nsqd needs to start: upstream's options (same meaning and defaults as nsqd v1.3.0),
 * ringnsq's own (threading, idle strategy), and the clocks. Fluent, in the style of Aeron's
 * {@code MediaDriver.Context}: setters return {@code this}, getters have no prefix, and
 * {@link #conclude()} validates before start.
 */
public final class NsqdContext
{
    /** Upstream fixes the client timeout at 60 s; the default heartbeat interval is half of it. */
    public static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);

    private String tcpAddress = "0.0.0.0:4150";
    private String httpAddress = "0.0.0.0:4151";
    private String httpsAddress = "0.0.0.0:4152";
    private String tlsCert = "";
    private String tlsKey = "";
    private String tlsRootCaFile = "";
    private String tlsClientAuthPolicy = "";
    private TlsRequired tlsRequired = TlsRequired.NO;
    /** "" = TLS 1.2 (see tlsMinVersion()). */
    private String tlsMinVersion = "";
    private boolean deflate = true;
    private int maxDeflateLevel = 6;
    private boolean snappy = true;
    private List<String> authHttpAddresses = List.of();
    private List<String> nsqlookupdTcpAddresses = List.of();
    /** Upstream's fixed 15 s between PINGs to each lookupd; not a flag (tests shorten it). */
    private Duration lookupdPingInterval = Duration.ofSeconds(15);
    private Duration httpClientConnectTimeout = Duration.ofSeconds(2);
    private Duration httpClientRequestTimeout = Duration.ofSeconds(5);
    private Path dataPath = Path.of("").toAbsolutePath();
    private long memQueueSize = 10_000;
    private long maxBytesPerFile = 104_857_600;
    private long syncEvery = 2500;
    private Duration syncTimeout = Duration.ofSeconds(2);
    private Duration msgTimeout = Duration.ofSeconds(60);
    private Duration maxMsgTimeout = Duration.ofMinutes(15);
    private long maxMsgSize = 1_048_576;
    private long maxBodySize = 5_242_880;
    private long maxRdyCount = 2_500;
    private Duration maxReqTimeout = Duration.ofHours(1);
    private Duration maxHeartbeatInterval = Duration.ofSeconds(60);
    private long maxOutputBufferSize = 65_536;
    private Duration maxOutputBufferTimeout = Duration.ofSeconds(30);
    private Duration minOutputBufferTimeout = Duration.ofMillis(25);
    private Duration outputBufferTimeout = Duration.ofMillis(250);
    private int nodeId = defaultNodeId();
    private String broadcastAddress = hostname();

    // logging: upstream's --log-level and --log-prefix, ringnsq's --log-file (empty = stderr) and its rotation
    private LogLevel logLevel = LogLevel.INFO;
    private String logPrefix = NsqdLogging.DEFAULT_PREFIX;
    private String logFile = "";
    private long logFileMaxSize = NsqdLogging.DEFAULT_FILE_MAX_SIZE;
    private int logFileMaxFiles = NsqdLogging.DEFAULT_FILE_MAX_FILES;

    // statsd push, end-to-end latency and channel consumer limit (upstream's defaults)
    private String statsdAddress = "";
    private String statsdPrefix = "nsq.%s";
    private Duration statsdInterval = Duration.ofSeconds(60);
    private boolean statsdMemStats = true;
    private long statsdUdpPacketSize = 508;
    private boolean statsdExcludeEphemeral;
    private List<Double> e2eProcessingLatencyPercentiles = List.of();
    private Duration e2eProcessingLatencyWindowTime = Duration.ofMinutes(10);
    private long maxChannelConsumers;

    private ThreadingMode threadingMode = ThreadingMode.defaultFor(Runtime.getRuntime().availableProcessors());
    private String idleStrategy = "backoff";
    private int ioAgents = 1;

    private NanoClock nanoClock = SystemNanoClock.INSTANCE;
    private EpochNanoClock epochClock = new SystemEpochNanoClock();

    /** Checks every value against upstream's rules; throws {@link IllegalArgumentException} naming the option. */
    public NsqdContext conclude()
    {
        // upstream: a client-auth policy implies --tls-required, and requiring TLS needs a cert and key
        if (!tlsClientAuthPolicy.isEmpty() && tlsRequired == TlsRequired.NO)
        {
            tlsRequired = TlsRequired.YES;
        }
        require(tlsClientAuthPolicy.isEmpty() || "require".equals(tlsClientAuthPolicy) || "require-verify".equals(tlsClientAuthPolicy),
            "--tls-client-auth-policy must be require or require-verify");
        require(tlsRequired == TlsRequired.NO || (!tlsCert.isEmpty() && !tlsKey.isEmpty()),
            "cannot require TLS client connections without TLS key and cert");
        require(tlsCert.isEmpty() == tlsKey.isEmpty(), "--tls-cert and --tls-key go together");
        require(maxDeflateLevel >= 1 && maxDeflateLevel <= 9, "--max-deflate-level must be [1,9]");
        require(nodeId >= 0 && nodeId < 1024, "--node-id must be >= 0 and < 1024");
        require(memQueueSize >= 0 && memQueueSize <= Integer.MAX_VALUE / 2, "--mem-queue-size out of range: " + memQueueSize);
        require(maxBytesPerFile > 0, "--max-bytes-per-file must be positive");
        require(syncEvery >= 1, "--sync-every must be at least 1");
        require(!syncTimeout.isNegative() && !syncTimeout.isZero(), "--sync-timeout must be positive");
        require(maxMsgSize > 0 && maxMsgSize <= Integer.MAX_VALUE - 64, "--max-msg-size out of range: " + maxMsgSize);
        require(maxBodySize > 0 && maxBodySize <= Integer.MAX_VALUE - 64, "--max-body-size out of range: " + maxBodySize);
        require(maxRdyCount >= 0, "--max-rdy-count must not be negative");
        require(!msgTimeout.isNegative() && !msgTimeout.isZero(), "--msg-timeout must be positive");
        require(!maxMsgTimeout.isNegative(), "--max-msg-timeout must not be negative");
        require(!maxReqTimeout.isNegative(), "--max-req-timeout must not be negative");
        require(maxOutputBufferSize >= 64, "--max-output-buffer-size must be at least 64");
        require(ioAgents >= 1 && ioAgents <= 64, "--io-agents must be between 1 and 64");
        require(lookupdPingInterval.toMillis() >= 1, "the lookupd PING interval must be at least 1 ms");
        require(logFileMaxSize > 0, "--log-file-max-size must be positive");
        require(logFileMaxFiles >= 0, "--log-file-max-files must not be negative");
        for (final double percentile : e2eProcessingLatencyPercentiles)
        {
            // upstream's nsqd.New check and text; NaN, which upstream lets through, is refused too
            require(percentile > 0 && percentile <= 1,
                "invalid E2E processing latency percentile: " + GoFloat.general(percentile));
        }
        // upstream panics in time.NewTicker instead
        require(statsdAddress.isEmpty() || (!statsdInterval.isNegative() && !statsdInterval.isZero()),
            "--statsd-interval must be positive");
        return this;
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }

    /** Upstream's default: {@code crc32(md5(hostname)) % 1024}. */
    public static int defaultNodeId()
    {
        try
        {
            final byte[] md5 = MessageDigest.getInstance("MD5").digest(hostname().getBytes(StandardCharsets.UTF_8));
            final CRC32 crc = new CRC32();
            crc.update(md5);
            return (int)(crc.getValue() % 1024);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** The OS host name, as Go's {@code os.Hostname()} gives it. */
    public static String hostname()
    {
        return Hostname.NAME;
    }

    /**
     * Go's {@code os.Hostname()}: the kernel's name for this machine, read once, with no name-service lookup (a
     * {@code getLocalHost()} can wait seconds on a misconfigured resolver); {@code $HOSTNAME} and then the JDK's
     * lookup only where {@code /proc} has none.
     */
    private static final class Hostname
    {
        static final String NAME = read();

        private static String read()
        {
            try
            {
                final String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).trim();
                if (!kernel.isEmpty())
                {
                    return kernel;
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                // not Linux: the fallbacks below
            }
            final String env = System.getenv("HOSTNAME");
            if (env != null && !env.isEmpty())
            {
                return env;
            }
            try
            {
                return InetAddress.getLocalHost().getHostName();
            }
            catch (final UnknownHostException ex)
            {
                return "localhost";
            }
        }
    }

    public String tcpAddress()
    {
        return tcpAddress;
    }

    public NsqdContext tcpAddress(final String tcpAddress)
    {
        this.tcpAddress = tcpAddress;
        return this;
    }

    /** Used only when a TLS cert and key are set (upstream). */
    public String httpsAddress()
    {
        return httpsAddress;
    }

    public NsqdContext httpsAddress(final String httpsAddress)
    {
        this.httpsAddress = httpsAddress;
        return this;
    }

    public String tlsCert()
    {
        return tlsCert;
    }

    public NsqdContext tlsCert(final String tlsCert)
    {
        this.tlsCert = tlsCert;
        return this;
    }

    public String tlsKey()
    {
        return tlsKey;
    }

    public NsqdContext tlsKey(final String tlsKey)
    {
        this.tlsKey = tlsKey;
        return this;
    }

    public String tlsRootCaFile()
    {
        return tlsRootCaFile;
    }

    public NsqdContext tlsRootCaFile(final String tlsRootCaFile)
    {
        this.tlsRootCaFile = tlsRootCaFile;
        return this;
    }

    /** "", {@code require} or {@code require-verify}. */
    public String tlsClientAuthPolicy()
    {
        return tlsClientAuthPolicy;
    }

    public NsqdContext tlsClientAuthPolicy(final String tlsClientAuthPolicy)
    {
        this.tlsClientAuthPolicy = tlsClientAuthPolicy;
        return this;
    }

    public TlsRequired tlsRequired()
    {
        return tlsRequired;
    }

    public NsqdContext tlsRequired(final TlsRequired tlsRequired)
    {
        this.tlsRequired = tlsRequired;
        return this;
    }

    /**
     * {@code tls1.0} .. {@code tls1.3}, or "" for TLS 1.2. Upstream's default is TLS 1.0, but the JVM can
     * allow TLS 1.0/1.1 only for the whole process, so ringnsq does that only when asked explicitly.
     */
    public String tlsMinVersion()
    {
        return tlsMinVersion;
    }

    public NsqdContext tlsMinVersion(final String tlsMinVersion)
    {
        this.tlsMinVersion = tlsMinVersion;
        return this;
    }

    /** Whether TLS is configured: a cert and a key. */
    public boolean tlsEnabled()
    {
        return !tlsCert.isEmpty() && !tlsKey.isEmpty();
    }

    public boolean deflate()
    {
        return deflate;
    }

    public NsqdContext deflate(final boolean deflate)
    {
        this.deflate = deflate;
        return this;
    }

    public int maxDeflateLevel()
    {
        return maxDeflateLevel;
    }

    public NsqdContext maxDeflateLevel(final int maxDeflateLevel)
    {
        this.maxDeflateLevel = maxDeflateLevel;
        return this;
    }

    public boolean snappy()
    {
        return snappy;
    }

    public NsqdContext snappy(final boolean snappy)
    {
        this.snappy = snappy;
        return this;
    }

    /** {@code --auth-http-address}: empty means AUTH is disabled. */
    public List<String> authHttpAddresses()
    {
        return authHttpAddresses;
    }

    public NsqdContext authHttpAddresses(final List<String> authHttpAddresses)
    {
        this.authHttpAddresses = List.copyOf(authHttpAddresses);
        return this;
    }

    /** {@code --lookupd-tcp-address}: the nsqlookupd instances to register with, at start. */
    public List<String> nsqlookupdTcpAddresses()
    {
        return nsqlookupdTcpAddresses;
    }

    public NsqdContext nsqlookupdTcpAddresses(final List<String> nsqlookupdTcpAddresses)
    {
        this.nsqlookupdTcpAddresses = List.copyOf(nsqlookupdTcpAddresses);
        return this;
    }

    /** Time between PINGs to each connected lookupd: 15 s as upstream; not a flag. */
    public Duration lookupdPingInterval()
    {
        return lookupdPingInterval;
    }

    public NsqdContext lookupdPingInterval(final Duration lookupdPingInterval)
    {
        this.lookupdPingInterval = lookupdPingInterval;
        return this;
    }

    public Duration httpClientConnectTimeout()
    {
        return httpClientConnectTimeout;
    }

    public NsqdContext httpClientConnectTimeout(final Duration httpClientConnectTimeout)
    {
        this.httpClientConnectTimeout = httpClientConnectTimeout;
        return this;
    }

    public Duration httpClientRequestTimeout()
    {
        return httpClientRequestTimeout;
    }

    public NsqdContext httpClientRequestTimeout(final Duration httpClientRequestTimeout)
    {
        this.httpClientRequestTimeout = httpClientRequestTimeout;
        return this;
    }

    /** Empty turns the HTTP listener off (upstream). */
    public String httpAddress()
    {
        return httpAddress;
    }

    public NsqdContext httpAddress(final String httpAddress)
    {
        this.httpAddress = httpAddress;
        return this;
    }

    public Path dataPath()
    {
        return dataPath;
    }

    public NsqdContext dataPath(final Path dataPath)
    {
        this.dataPath = dataPath;
        return this;
    }

    public long memQueueSize()
    {
        return memQueueSize;
    }

    public NsqdContext memQueueSize(final long memQueueSize)
    {
        this.memQueueSize = memQueueSize;
        return this;
    }

    /** {@code --max-bytes-per-file}: the payload a disk queue file takes before the next one starts. */
    public long maxBytesPerFile()
    {
        return maxBytesPerFile;
    }

    public NsqdContext maxBytesPerFile(final long maxBytesPerFile)
    {
        this.maxBytesPerFile = maxBytesPerFile;
        return this;
    }

    /** {@code --sync-every}: a disk queue is synced after this many writes and reads. */
    public long syncEvery()
    {
        return syncEvery;
    }

    public NsqdContext syncEvery(final long syncEvery)
    {
        this.syncEvery = syncEvery;
        return this;
    }

    /** {@code --sync-timeout}: a disk queue with unsynced changes is synced at least this often. */
    public Duration syncTimeout()
    {
        return syncTimeout;
    }

    public NsqdContext syncTimeout(final Duration syncTimeout)
    {
        this.syncTimeout = syncTimeout;
        return this;
    }

    public Duration msgTimeout()
    {
        return msgTimeout;
    }

    public NsqdContext msgTimeout(final Duration msgTimeout)
    {
        this.msgTimeout = msgTimeout;
        return this;
    }

    public Duration maxMsgTimeout()
    {
        return maxMsgTimeout;
    }

    public NsqdContext maxMsgTimeout(final Duration maxMsgTimeout)
    {
        this.maxMsgTimeout = maxMsgTimeout;
        return this;
    }

    public long maxMsgSize()
    {
        return maxMsgSize;
    }

    public NsqdContext maxMsgSize(final long maxMsgSize)
    {
        this.maxMsgSize = maxMsgSize;
        return this;
    }

    public long maxBodySize()
    {
        return maxBodySize;
    }

    public NsqdContext maxBodySize(final long maxBodySize)
    {
        this.maxBodySize = maxBodySize;
        return this;
    }

    public long maxRdyCount()
    {
        return maxRdyCount;
    }

    public NsqdContext maxRdyCount(final long maxRdyCount)
    {
        this.maxRdyCount = maxRdyCount;
        return this;
    }

    public Duration maxReqTimeout()
    {
        return maxReqTimeout;
    }

    public NsqdContext maxReqTimeout(final Duration maxReqTimeout)
    {
        this.maxReqTimeout = maxReqTimeout;
        return this;
    }

    public Duration maxHeartbeatInterval()
    {
        return maxHeartbeatInterval;
    }

    public NsqdContext maxHeartbeatInterval(final Duration maxHeartbeatInterval)
    {
        this.maxHeartbeatInterval = maxHeartbeatInterval;
        return this;
    }

    public long maxOutputBufferSize()
    {
        return maxOutputBufferSize;
    }

    public NsqdContext maxOutputBufferSize(final long maxOutputBufferSize)
    {
        this.maxOutputBufferSize = maxOutputBufferSize;
        return this;
    }

    public Duration maxOutputBufferTimeout()
    {
        return maxOutputBufferTimeout;
    }

    public NsqdContext maxOutputBufferTimeout(final Duration maxOutputBufferTimeout)
    {
        this.maxOutputBufferTimeout = maxOutputBufferTimeout;
        return this;
    }

    public Duration minOutputBufferTimeout()
    {
        return minOutputBufferTimeout;
    }

    public NsqdContext minOutputBufferTimeout(final Duration minOutputBufferTimeout)
    {
        this.minOutputBufferTimeout = minOutputBufferTimeout;
        return this;
    }

    public Duration outputBufferTimeout()
    {
        return outputBufferTimeout;
    }

    public NsqdContext outputBufferTimeout(final Duration outputBufferTimeout)
    {
        this.outputBufferTimeout = outputBufferTimeout;
        return this;
    }

    public int nodeId()
    {
        return nodeId;
    }

    public NsqdContext nodeId(final int nodeId)
    {
        this.nodeId = nodeId;
        return this;
    }

    public String broadcastAddress()
    {
        return broadcastAddress;
    }

    public NsqdContext broadcastAddress(final String broadcastAddress)
    {
        this.broadcastAddress = broadcastAddress;
        return this;
    }

    public ThreadingMode threadingMode()
    {
        return threadingMode;
    }

    public NsqdContext threadingMode(final ThreadingMode threadingMode)
    {
        this.threadingMode = threadingMode;
        return this;
    }

    public String idleStrategy()
    {
        return idleStrategy;
    }

    public NsqdContext idleStrategy(final String idleStrategy)
    {
        this.idleStrategy = idleStrategy;
        return this;
    }

    public int ioAgents()
    {
        return ioAgents;
    }

    public NsqdContext ioAgents(final int ioAgents)
    {
        this.ioAgents = ioAgents;
        return this;
    }

    public NanoClock nanoClock()
    {
        return nanoClock;
    }

    public NsqdContext nanoClock(final NanoClock nanoClock)
    {
        this.nanoClock = nanoClock;
        return this;
    }

    public EpochNanoClock epochClock()
    {
        return epochClock;
    }

    public NsqdContext epochClock(final EpochNanoClock epochClock)
    {
        this.epochClock = epochClock;
        return this;
    }

    /** {@code --log-level}: what {@code NsqdLogging} lets through at start; {@code PUT /config/log_level} changes it later. */
    public LogLevel logLevel()
    {
        return logLevel;
    }

    public NsqdContext logLevel(final LogLevel logLevel)
    {
        this.logLevel = logLevel;
        return this;
    }

    /** {@code --log-prefix}, put at the start of every log line. */
    public String logPrefix()
    {
        return logPrefix;
    }

    public NsqdContext logPrefix(final String logPrefix)
    {
        this.logPrefix = logPrefix;
        return this;
    }

    /** {@code --log-file} (ringnsq's own): the file to log to; empty means stderr, as upstream. */
    public String logFile()
    {
        return logFile;
    }

    public NsqdContext logFile(final String logFile)
    {
        this.logFile = logFile;
        return this;
    }

    /** {@code --log-file-max-size} (ringnsq's own): bytes at which the log file is rotated. */
    public long logFileMaxSize()
    {
        return logFileMaxSize;
    }

    public NsqdContext logFileMaxSize(final long logFileMaxSize)
    {
        this.logFileMaxSize = logFileMaxSize;
        return this;
    }

    /** {@code --log-file-max-files} (ringnsq's own): rotated log files kept beside the current one. */
    public int logFileMaxFiles()
    {
        return logFileMaxFiles;
    }

    public NsqdContext logFileMaxFiles(final int logFileMaxFiles)
    {
        this.logFileMaxFiles = logFileMaxFiles;
        return this;
    }

    /** {@code --statsd-address}: UDP {@code host:port} to push stats to; empty means no statsd. */
    public String statsdAddress()
    {
        return statsdAddress;
    }

    public NsqdContext statsdAddress(final String statsdAddress)
    {
        this.statsdAddress = statsdAddress;
        return this;
    }

    /** {@code --statsd-prefix}: {@code %s} stands for the broadcast host and HTTP port. */
    public String statsdPrefix()
    {
        return statsdPrefix;
    }

    public NsqdContext statsdPrefix(final String statsdPrefix)
    {
        this.statsdPrefix = statsdPrefix;
        return this;
    }

    /** {@code --statsd-interval}: time between pushes. */
    public Duration statsdInterval()
    {
        return statsdInterval;
    }

    public NsqdContext statsdInterval(final Duration statsdInterval)
    {
        this.statsdInterval = statsdInterval;
        return this;
    }

    /** {@code --statsd-mem-stats}: whether memory and GC stats are pushed too. */
    public boolean statsdMemStats()
    {
        return statsdMemStats;
    }

    public NsqdContext statsdMemStats(final boolean statsdMemStats)
    {
        this.statsdMemStats = statsdMemStats;
        return this;
    }

    /** {@code --statsd-udp-packet-size}: the most bytes in one statsd packet. */
    public long statsdUdpPacketSize()
    {
        return statsdUdpPacketSize;
    }

    public NsqdContext statsdUdpPacketSize(final long statsdUdpPacketSize)
    {
        this.statsdUdpPacketSize = statsdUdpPacketSize;
        return this;
    }

    /** {@code --statsd-exclude-ephemeral}: leave {@code #ephemeral} topics and channels out of statsd. */
    public boolean statsdExcludeEphemeral()
    {
        return statsdExcludeEphemeral;
    }

    public NsqdContext statsdExcludeEphemeral(final boolean statsdExcludeEphemeral)
    {
        this.statsdExcludeEphemeral = statsdExcludeEphemeral;
        return this;
    }

    /**
     * {@code --e2e-processing-latency-percentile}: the quantiles to track, in upstream's order (highest
     * first when given on the command line, as written when from the config file); empty turns it off.
     */
    public List<Double> e2eProcessingLatencyPercentiles()
    {
        return e2eProcessingLatencyPercentiles;
    }

    public NsqdContext e2eProcessingLatencyPercentiles(final List<Double> e2eProcessingLatencyPercentiles)
    {
        this.e2eProcessingLatencyPercentiles = List.copyOf(e2eProcessingLatencyPercentiles);
        return this;
    }

    /** {@code --e2e-processing-latency-window-time}: how far back the quantiles look. */
    public Duration e2eProcessingLatencyWindowTime()
    {
        return e2eProcessingLatencyWindowTime;
    }

    public NsqdContext e2eProcessingLatencyWindowTime(final Duration e2eProcessingLatencyWindowTime)
    {
        this.e2eProcessingLatencyWindowTime = e2eProcessingLatencyWindowTime;
        return this;
    }

    /** {@code --max-channel-consumers}: consumers one channel accepts; 0 means no limit. */
    public long maxChannelConsumers()
    {
        return maxChannelConsumers;
    }

    public NsqdContext maxChannelConsumers(final long maxChannelConsumers)
    {
        this.maxChannelConsumers = maxChannelConsumers;
        return this;
    }
}
