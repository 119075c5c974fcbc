package io.ringnsq.transport.nsqd;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

import io.ringnsq.cli.Option;
import io.ringnsq.cli.OptionSet;
import io.ringnsq.cli.ParsedOptions;
import io.ringnsq.cli.UsageException;
import io.ringnsq.transport.daemon.DaemonCommandLine;
import io.ringnsq.transport.log.LogLevel;

/**
 * nsqd's command-line flags and config-file keys: upstream v1.3.0's names, defaults and help texts
 * ({@code apps/nsqd/options.go}) for the options ringnsq has so far, plus ringnsq's own threading
 * flags. {@link #toContext(ParsedOptions)} turns a parse result into an {@link NsqdContext}; the
 * caller still runs {@link NsqdContext#conclude()}, whose range errors upstream reports at startup
 * (exit 1), not while reading flags.
 *
 * <pre>{@code
 * NsqdOptions options = NsqdOptions.declare();
 * ParsedOptions parsed = options.parse(args);      // UsageException: print displayText() to stderr, exit exitCode()
 * if (parsed.helpRequested())                      // usage() to stderr, exit 0
 * if (parsed.get(options.version()))               // "nsqd v1.3.0 (built w/java17)" to stdout, exit 0
 * Nsqd.start(options.toContext(parsed).conclude());
 * }</pre>
 */
public final class NsqdOptions
{
    /** The program name in usage and error messages. */
    public static final String PROGRAM = "nsqd";

    private final OptionSet set = new OptionSet(PROGRAM);

    private final Option<Boolean> version;
    private final Option<String> logLevel;
    private final Option<String> logPrefix;
    private final Option<String> logFile;
    private final Option<Long> logFileMaxSize;
    private final Option<Long> logFileMaxFiles;
    private final Option<Long> nodeId;
    private final Option<String> tcpAddress;
    private final Option<String> httpAddress;
    private final Option<String> broadcastAddress;
    private final Option<String> dataPath;
    private final Option<Long> memQueueSize;
    private final Option<Long> maxBytesPerFile;
    private final Option<Long> syncEvery;
    private final Option<Duration> syncTimeout;
    private final Option<Duration> msgTimeout;
    private final Option<Duration> maxMsgTimeout;
    private final Option<Long> maxMsgSize;
    private final Option<Duration> maxReqTimeout;
    private final Option<Long> maxBodySize;
    private final Option<Duration> maxHeartbeatInterval;
    private final Option<Long> maxRdyCount;
    private final Option<Long> maxOutputBufferSize;
    private final Option<Duration> maxOutputBufferTimeout;
    private final Option<Duration> minOutputBufferTimeout;
    private final Option<Duration> outputBufferTimeout;
    private final Option<Long> maxChannelConsumers;
    private final Option<String> statsdAddress;
    private final Option<Duration> statsdInterval;
    private final Option<Boolean> statsdMemStats;
    private final Option<String> statsdPrefix;
    private final Option<Long> statsdUdpPacketSize;
    private final Option<Boolean> statsdExcludeEphemeral;
    private final Option<List<Double>> e2eProcessingLatencyPercentiles;
    private final Option<Duration> e2eProcessingLatencyWindowTime;
    private final Option<String> httpsAddress;
    private final Option<List<String>> authHttpAddresses;
    private final Option<List<String>> lookupdTcpAddresses;
    private final Option<Duration> httpClientConnectTimeout;
    private final Option<Duration> httpClientRequestTimeout;
    private final Option<String> tlsCert;
    private final Option<String> tlsKey;
    private final Option<String> tlsClientAuthPolicy;
    private final Option<String> tlsRootCaFile;
    private final Option<String> tlsRequired;
    private final Option<String> tlsMinVersion;
    private final Option<Boolean> deflate;
    private final Option<Long> maxDeflateLevel;
    private final Option<Boolean> snappy;
    private final Option<String> threadingMode;
    private final Option<String> idleStrategy;
    private final Option<Long> ioAgents;

    /**
     * The percentiles each parse result resolved to. Upstream sorts command-line values (highest
     * first) but keeps a config file's order, and only {@link #parse} can tell which one a value came
     * from; weak keys, so results nobody holds any more are forgotten.
     */
    private final Map<ParsedOptions, List<Double>> resolvedPercentiles = Collections.synchronizedMap(new WeakHashMap<>());

    private NsqdOptions()
    {
        // the context's own defaults are upstream's; reading them here keeps one source of truth
        final NsqdContext defaults = new NsqdContext();

        // basic options
        version = set.bool("version", false, "print version string").commandLineOnly();
        // upstream's flag is a lg.LogLevel value (any case): a string here, checked in parse()
        logLevel = set.string("log-level", defaults.logLevel().flagName(), "set log verbosity: debug, info, warn, error, or fatal");
        logPrefix = set.string("log-prefix", defaults.logPrefix(), "log message prefix");
        set.deprecated("verbose", "[deprecated] has no effect, use --log-level");
        nodeId = set.int64("node-id", NsqdContext.defaultNodeId(),
            "unique part for message IDs, (int) in range [0,1024) (default is hash of hostname)").configKey("id");
        set.deprecated("worker-id", "[deprecated] use --node-id");
        httpAddress = set.string("http-address", defaults.httpAddress(), "<addr>:<port> to listen on for HTTP clients");
        tcpAddress = set.string("tcp-address", defaults.tcpAddress(), "<addr>:<port> to listen on for TCP clients");
        httpsAddress = set.string("https-address", defaults.httpsAddress(), "<addr>:<port> to listen on for HTTPS clients");
        authHttpAddresses = set.stringList("auth-http-address",
            "<addr>:<port> or a full url to query auth server (may be given multiple times)").configKey("auth_http_addresses");
        httpClientConnectTimeout = set.duration("http-client-connect-timeout", defaults.httpClientConnectTimeout(),
            "timeout for HTTP connect");
        httpClientRequestTimeout = set.duration("http-client-request-timeout", defaults.httpClientRequestTimeout(),
            "timeout for HTTP request");
        broadcastAddress = set.string("broadcast-address", NsqdContext.hostname(),
            "address that will be registered with lookupd (defaults to the OS hostname)");

        lookupdTcpAddresses = set.stringList("lookupd-tcp-address", "lookupd TCP address (may be given multiple times)")
            .configKey("nsqlookupd_tcp_addresses");

        // diskqueue options; upstream's default data path is "", which means the working directory
        dataPath = set.string("data-path", "", "path to store disk-backed messages");
        memQueueSize = set.int64("mem-queue-size", defaults.memQueueSize(), "number of messages to keep in memory (per topic/channel)");
        maxBytesPerFile = set.int64("max-bytes-per-file", defaults.maxBytesPerFile(), "number of bytes per diskqueue file before rolling");
        syncEvery = set.int64("sync-every", defaults.syncEvery(), "number of messages per diskqueue fsync");
        syncTimeout = set.duration("sync-timeout", defaults.syncTimeout(), "duration of time per diskqueue fsync");

        // msg and command options
        msgTimeout = set.duration("msg-timeout", defaults.msgTimeout(), "default duration to wait before auto-requeing a message");
        maxMsgTimeout = set.duration("max-msg-timeout", defaults.maxMsgTimeout(), "maximum duration before a message will timeout");
        maxMsgSize = set.int64("max-msg-size", defaults.maxMsgSize(), "maximum size of a single message in bytes");
        maxReqTimeout = set.duration("max-req-timeout", defaults.maxReqTimeout(), "maximum requeuing timeout for a message");
        maxBodySize = set.int64("max-body-size", defaults.maxBodySize(), "maximum size of a single command body");

        // client overridable configuration options
        maxHeartbeatInterval = set.duration("max-heartbeat-interval", defaults.maxHeartbeatInterval(),
            "maximum client configurable duration of time between client heartbeats");
        maxRdyCount = set.int64("max-rdy-count", defaults.maxRdyCount(), "maximum RDY count for a client");
        maxOutputBufferSize = set.int64("max-output-buffer-size", defaults.maxOutputBufferSize(),
            "maximum client configurable size (in bytes) for a client output buffer");
        maxOutputBufferTimeout = set.duration("max-output-buffer-timeout", defaults.maxOutputBufferTimeout(),
            "maximum client configurable duration of time between flushing to a client");
        minOutputBufferTimeout = set.duration("min-output-buffer-timeout", defaults.minOutputBufferTimeout(),
            "minimum client configurable duration of time between flushing to a client");
        outputBufferTimeout = set.duration("output-buffer-timeout", defaults.outputBufferTimeout(),
            "default duration of time between flushing data to clients");
        maxChannelConsumers = set.int64("max-channel-consumers", defaults.maxChannelConsumers(),
            "maximum channel consumer connection count per nsqd instance (default 0, i.e., unlimited)");

        // TLS config
        tlsCert = set.string("tls-cert", defaults.tlsCert(), "path to certificate file");
        tlsKey = set.string("tls-key", defaults.tlsKey(), "path to key file");
        tlsClientAuthPolicy = set.choice("tls-client-auth-policy", defaults.tlsClientAuthPolicy(),
            List.of("", "require", "require-verify"), "client certificate auth policy ('require' or 'require-verify')");
        tlsRootCaFile = set.string("tls-root-ca-file", defaults.tlsRootCaFile(), "path to certificate authority file");
        tlsRequired = set.boolChoice("tls-required", defaults.tlsRequired().flag(), List.of("true", "false", "tcp-https"),
            "require TLS for client connections (true, false, tcp-https)");
        tlsMinVersion = set.choice("tls-min-version", defaults.tlsMinVersion(), List.of("", "tls1.0", "tls1.1", "tls1.2", "tls1.3"),
            "minimum SSL/TLS version acceptable ('tls1.0', 'tls1.1', 'tls1.2' or 'tls1.3'; empty means tls1.2)");

        // compression
        deflate = set.bool("deflate", defaults.deflate(), "enable deflate feature negotiation (client compression)");
        maxDeflateLevel = set.int64("max-deflate-level", defaults.maxDeflateLevel(), "max deflate compression level a client can negotiate (> values == > nsqd CPU usage)");
        snappy = set.bool("snappy", defaults.snappy(), "enable snappy feature negotiation (client compression)");

        // statsd integration options
        statsdAddress = set.string("statsd-address", defaults.statsdAddress(), "UDP <addr>:<port> of a statsd daemon for pushing stats");
        statsdInterval = set.duration("statsd-interval", defaults.statsdInterval(), "duration between pushing to statsd");
        statsdMemStats = set.bool("statsd-mem-stats", defaults.statsdMemStats(), "toggle sending memory and GC stats to statsd");
        statsdPrefix = set.string("statsd-prefix", defaults.statsdPrefix(), "prefix used for keys sent to statsd (%s for host replacement)");
        statsdUdpPacketSize = set.int64("statsd-udp-packet-size", defaults.statsdUdpPacketSize(), "the size in bytes of statsd UDP packets");
        statsdExcludeEphemeral = set.bool("statsd-exclude-ephemeral", defaults.statsdExcludeEphemeral(),
            "Skip ephemeral topics and channels when sending stats to statsd");

        // end to end percentile flags
        e2eProcessingLatencyPercentiles = set.floatList("e2e-processing-latency-percentile",
            "message processing time percentiles (as float (0, 1.0]) to track (can be specified multiple times or comma"
            + " separated '1.0,0.99,0.95', default none)").configKey("e2e_processing_latency_percentiles");
        e2eProcessingLatencyWindowTime = set.duration("e2e-processing-latency-window-time", defaults.e2eProcessingLatencyWindowTime(),
            "calculate end to end latency quantiles for this duration of time (ie: 60s would only show quantile calculations"
            + " from the past 60 seconds)");

        // ringnsq's own
        threadingMode = set.choice("threading-mode", lowerCase(defaults.threadingMode()), threadingModeNames(),
            "how agents map onto threads: 'shared' (one thread runs them all) or 'dedicated' (a thread each);"
            + " the default is shared on 2 CPUs or fewer");
        idleStrategy = set.choice("idle-strategy", defaults.idleStrategy(),
            List.of(IdleStrategies.BACKOFF, IdleStrategies.SLEEPING, IdleStrategies.YIELDING, IdleStrategies.BUSY_SPIN),
            "what an agent thread does when it finds no work: 'backoff', 'sleeping', 'yielding' or 'busy-spin'");
        ioAgents = set.int64("io-agents", defaults.ioAgents(), "number of I/O agents serving client connections");
        logFile = set.string("log-file", defaults.logFile(), "file to write the log to instead of stderr, rotated by size");
        logFileMaxSize = set.int64("log-file-max-size", defaults.logFileMaxSize(), "size in bytes at which --log-file is rotated");
        logFileMaxFiles = set.int64("log-file-max-files", defaults.logFileMaxFiles(),
            "number of rotated log files to keep (<log-file>.1 is the newest)");
    }

    /** Declares nsqd's options. */
    public static NsqdOptions declare()
    {
        return new NsqdOptions();
    }

    /** The underlying option set, for callers that add or inspect options. */
    public OptionSet optionSet()
    {
        return set;
    }

    /** {@code --version}: print {@code nsqd v1.3.0 (built w/java17)} to stdout and exit 0. Not read from the config file. */
    public Option<Boolean> version()
    {
        return version;
    }

    /**
     * Reads the command line and the {@code --config} file, and checks {@code --log-level} as
     * upstream's flag type does (any case; a bad command-line value exits 2, a bad config value 1).
     * As upstream, the command line is acted on before the file is read: with {@code --version}, or a
     * bad {@code --log-level}, a broken config file is not reported.
     */
    public ParsedOptions parse(final String... args) throws UsageException
    {
        final ParsedOptions parsed;
        try
        {
            parsed = set.parse(args);
        }
        catch (final UsageException ex)
        {
            if (ex.exitCode() != UsageException.EXIT_BAD_CONFIG)
            {
                throw ex;
            }
            // the command line was read without fault before the file failed
            final ParsedOptions commandLine = commandLineOnly(args);
            if (commandLine.get(version))
            {
                return commandLine;
            }
            checkLogLevelFlag(commandLine);
            throw ex;
        }
        if (parsed.helpRequested() || parsed.get(version))
        {
            return parsed;
        }
        final ParsedOptions commandLine = parsed.get(set.configFile()).isEmpty() ? parsed : commandLineOnly(args);
        checkLogLevelFlag(commandLine);
        if (!commandLine.isSet(logLevel) && parsed.isSet(logLevel))
        {
            checkLogLevelConfig(parsed);
        }
        // upstream's FloatArray sorts what the command line gives, highest first; go-options keeps a file's order
        resolvedPercentiles.put(parsed, commandLine.isSet(e2eProcessingLatencyPercentiles) ?
            highestFirst(commandLine.get(e2eProcessingLatencyPercentiles)) : parsed.get(e2eProcessingLatencyPercentiles));
        return parsed;
    }

    /**
     * The command line alone: {@code -config=} added last turns the file off, since the last value of
     * a flag wins. After a {@code --} it would be an argument, so then it goes just before the {@code --}.
     * Only called for a command line that parsed without error, so no flag is left waiting for a value.
     */
    private ParsedOptions commandLineOnly(final String[] args) throws UsageException
    {
        final List<String> list = new ArrayList<>(List.of(args));
        list.add("-config=");
        final ParsedOptions appended = set.parse(list.toArray(String[]::new));
        if (appended.arguments().isEmpty())
        {
            return appended;
        }
        final int terminator = args.length - appended.arguments().size();
        list.remove(list.size() - 1);
        list.add(terminator, "-config=");
        return set.parse(list.toArray(String[]::new));
    }

    private void checkLogLevelFlag(final ParsedOptions commandLine) throws UsageException
    {
        final String value = commandLine.get(logLevel);
        try
        {
            LogLevel.parse(value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw DaemonCommandLine.badLogLevelFlag(PROGRAM, value, ex);
        }
    }

    private void checkLogLevelConfig(final ParsedOptions parsed) throws UsageException
    {
        final String value = parsed.get(logLevel);
        try
        {
            LogLevel.parse(value);
        }
        catch (final IllegalArgumentException ex)
        {
            // the cli module's wording for a bad config value; upstream's is "failed parsing log_level <v>"
            throw UsageException.badConfig("config file " + parsed.get(set.configFile()) + ": key \"log_level\": " + ex.getMessage());
        }
    }

    private static List<Double> highestFirst(final List<Double> values)
    {
        final List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.reverseOrder());
        return List.copyOf(sorted);
    }

    /** The {@code --help} text, in Go's layout. */
    public String usage()
    {
        return set.usage();
    }

    /**
     * The context these values describe, not yet concluded.
     *
     * @throws UsageException (exit code 1) for a value the context cannot hold at all: a node id or
     *                        agent count beyond {@code int}, a data path the OS cannot name
     */
    public NsqdContext toContext(final ParsedOptions parsed) throws UsageException
    {
        return new NsqdContext()
            .tcpAddress(parsed.get(tcpAddress))
            .httpsAddress(parsed.get(httpsAddress))
            .authHttpAddresses(parsed.get(authHttpAddresses))
            .nsqlookupdTcpAddresses(parsed.get(lookupdTcpAddresses))
            .httpClientConnectTimeout(parsed.get(httpClientConnectTimeout))
            .httpClientRequestTimeout(parsed.get(httpClientRequestTimeout))
            .tlsCert(parsed.get(tlsCert))
            .tlsKey(parsed.get(tlsKey))
            .tlsClientAuthPolicy(parsed.get(tlsClientAuthPolicy))
            .tlsRootCaFile(parsed.get(tlsRootCaFile))
            .tlsRequired(TlsRequired.fromFlag(parsed.get(tlsRequired)))
            .tlsMinVersion(parsed.get(tlsMinVersion))
            .deflate(parsed.get(deflate))
            .maxDeflateLevel((int)Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, parsed.get(maxDeflateLevel))))
            .snappy(parsed.get(snappy))
            .broadcastAddress(parsed.get(broadcastAddress))
            .dataPath(dataPath(parsed.get(dataPath)))
            .nodeId(toInt(parsed.get(nodeId), "--node-id must be >= 0 and < 1024"))
            .memQueueSize(parsed.get(memQueueSize))
            .maxBytesPerFile(parsed.get(maxBytesPerFile))
            .syncEvery(parsed.get(syncEvery))
            .syncTimeout(parsed.get(syncTimeout))
            .msgTimeout(parsed.get(msgTimeout))
            .maxMsgTimeout(parsed.get(maxMsgTimeout))
            .maxMsgSize(parsed.get(maxMsgSize))
            .maxReqTimeout(parsed.get(maxReqTimeout))
            .maxBodySize(parsed.get(maxBodySize))
            .maxHeartbeatInterval(parsed.get(maxHeartbeatInterval))
            .maxRdyCount(parsed.get(maxRdyCount))
            .maxOutputBufferSize(parsed.get(maxOutputBufferSize))
            .maxOutputBufferTimeout(parsed.get(maxOutputBufferTimeout))
            .minOutputBufferTimeout(parsed.get(minOutputBufferTimeout))
            .outputBufferTimeout(parsed.get(outputBufferTimeout))
            .httpAddress(parsed.get(httpAddress))
            .logLevel(logLevel(parsed))
            .logPrefix(parsed.get(logPrefix))
            .logFile(parsed.get(logFile))
            .logFileMaxSize(parsed.get(logFileMaxSize))
            .logFileMaxFiles(toInt(parsed.get(logFileMaxFiles), "--log-file-max-files out of range: " + parsed.get(logFileMaxFiles)))
            .maxChannelConsumers(parsed.get(maxChannelConsumers))
            .statsdAddress(parsed.get(statsdAddress))
            .statsdPrefix(parsed.get(statsdPrefix))
            .statsdInterval(parsed.get(statsdInterval))
            .statsdMemStats(parsed.get(statsdMemStats))
            .statsdUdpPacketSize(parsed.get(statsdUdpPacketSize))
            .statsdExcludeEphemeral(parsed.get(statsdExcludeEphemeral))
            .e2eProcessingLatencyPercentiles(percentiles(parsed))
            .e2eProcessingLatencyWindowTime(parsed.get(e2eProcessingLatencyWindowTime))
            .threadingMode(ThreadingMode.valueOf(parsed.get(threadingMode).toUpperCase(Locale.ROOT)))
            .idleStrategy(parsed.get(idleStrategy))
            .ioAgents(toInt(parsed.get(ioAgents), "--io-agents must be between 1 and 64"));
    }

    private LogLevel logLevel(final ParsedOptions parsed) throws UsageException
    {
        try
        {
            return LogLevel.parse(parsed.get(logLevel));
        }
        catch (final IllegalArgumentException ex)
        {
            // only for results of optionSet().parse(), which skips parse()'s check
            throw new UsageException("--log-level: " + ex.getMessage(), UsageException.EXIT_BAD_CONFIG);
        }
    }

    private List<Double> percentiles(final ParsedOptions parsed)
    {
        final List<Double> resolved = resolvedPercentiles.get(parsed);
        if (resolved != null)
        {
            return resolved;
        }
        // a result of optionSet().parse(): without a config file the values came from the command line
        final List<Double> values = parsed.get(e2eProcessingLatencyPercentiles);
        return parsed.get(set.configFile()).isEmpty() ? highestFirst(values) : values;
    }

    private static Path dataPath(final String value) throws UsageException
    {
        try
        {
            return Path.of(value).toAbsolutePath();
        }
        catch (final InvalidPathException ex)
        {
            throw new UsageException("--data-path " + value + ": " + ex.getReason(), UsageException.EXIT_BAD_CONFIG);
        }
    }

    /** Narrows a flag's int64; a value beyond int is out of the context's range anyway (same message as conclude()). */
    private static int toInt(final long value, final String rangeMessage) throws UsageException
    {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)
        {
            throw new UsageException(rangeMessage, UsageException.EXIT_BAD_CONFIG);
        }
        return (int)value;
    }

    private static List<String> threadingModeNames()
    {
        return Arrays.stream(ThreadingMode.values()).map(NsqdOptions::lowerCase).toList();
    }

    private static String lowerCase(final ThreadingMode mode)
    {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
