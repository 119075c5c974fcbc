package io.ringnsq.transport.nsqd;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.ringnsq.cli.Option;
import io.ringnsq.cli.OptionSet;
import io.ringnsq.cli.ParsedOptions;
import io.ringnsq.cli.UsageException;

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
    private final Option<Long> nodeId;
    private final Option<String> tcpAddress;
    private final Option<String> broadcastAddress;
    private final Option<String> dataPath;
    private final Option<Long> memQueueSize;
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
    private final Option<String> threadingMode;
    private final Option<String> idleStrategy;
    private final Option<Long> ioAgents;

    private NsqdOptions()
    {
        // the context's own defaults are upstream's; reading them here keeps one source of truth
        final NsqdContext defaults = new NsqdContext();

        // basic options
        version = set.bool("version", false, "print version string").commandLineOnly();
        set.deprecated("verbose", "[deprecated] has no effect, use --log-level");
        nodeId = set.int64("node-id", NsqdContext.defaultNodeId(),
            "unique part for message IDs, (int) in range [0,1024) (default is hash of hostname)").configKey("id");
        set.deprecated("worker-id", "[deprecated] use --node-id");
        tcpAddress = set.string("tcp-address", defaults.tcpAddress(), "<addr>:<port> to listen on for TCP clients");
        broadcastAddress = set.string("broadcast-address", NsqdContext.hostname(),
            "address that will be registered with lookupd (defaults to the OS hostname)");

        // diskqueue options; upstream's default data path is "", which means the working directory
        dataPath = set.string("data-path", "", "path to store disk-backed messages");
        memQueueSize = set.int64("mem-queue-size", defaults.memQueueSize(), "number of messages to keep in memory (per topic/channel)");

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

        // ringnsq's own
        threadingMode = set.choice("threading-mode", lowerCase(defaults.threadingMode()), threadingModeNames(),
            "how agents map onto threads: 'shared' (one thread runs them all) or 'dedicated' (a thread each);"
            + " the default is shared on 2 CPUs or fewer");
        idleStrategy = set.choice("idle-strategy", defaults.idleStrategy(),
            List.of(IdleStrategies.BACKOFF, IdleStrategies.SLEEPING, IdleStrategies.YIELDING, IdleStrategies.BUSY_SPIN),
            "what an agent thread does when it finds no work: 'backoff', 'sleeping', 'yielding' or 'busy-spin'");
        ioAgents = set.int64("io-agents", defaults.ioAgents(), "number of I/O agents serving client connections");
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

    /** Reads the command line and the {@code --config} file. */
    public ParsedOptions parse(final String... args) throws UsageException
    {
        return set.parse(args);
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
            .broadcastAddress(parsed.get(broadcastAddress))
            .dataPath(dataPath(parsed.get(dataPath)))
            .nodeId(toInt(parsed.get(nodeId), "--node-id must be >= 0 and < 1024"))
            .memQueueSize(parsed.get(memQueueSize))
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
            .threadingMode(ThreadingMode.valueOf(parsed.get(threadingMode).toUpperCase(Locale.ROOT)))
            .idleStrategy(parsed.get(idleStrategy))
            .ioAgents(toInt(parsed.get(ioAgents), "--io-agents must be between 1 and 64"));
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
