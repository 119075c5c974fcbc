package io.ringnsq.transport.nsqd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ringnsq.cli.ParsedOptions;
import io.ringnsq.cli.UsageException;
import io.ringnsq.transport.log.LogLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NsqdOptionsTest
{
    @TempDir
    Path dir;

    private final NsqdOptions options = NsqdOptions.declare();

    private NsqdContext context(final String... args) throws UsageException
    {
        return options.toContext(options.parse(args));
    }

    @Test
    void shouldDefaultToUpstreamValues() throws UsageException
    {
        final NsqdContext ctx = context();

        assertEquals("0.0.0.0:4150", ctx.tcpAddress());
        assertEquals(Path.of("").toAbsolutePath(), ctx.dataPath());
        assertEquals(10_000L, ctx.memQueueSize());
        assertEquals(Duration.ofSeconds(60), ctx.msgTimeout());
        assertEquals(Duration.ofMinutes(15), ctx.maxMsgTimeout());
        assertEquals(1_048_576L, ctx.maxMsgSize());
        assertEquals(5_242_880L, ctx.maxBodySize());
        assertEquals(2_500L, ctx.maxRdyCount());
        assertEquals(Duration.ofHours(1), ctx.maxReqTimeout());
        assertEquals(Duration.ofSeconds(60), ctx.maxHeartbeatInterval());
        assertEquals(65_536L, ctx.maxOutputBufferSize());
        assertEquals(Duration.ofSeconds(30), ctx.maxOutputBufferTimeout());
        assertEquals(Duration.ofMillis(25), ctx.minOutputBufferTimeout());
        assertEquals(Duration.ofMillis(250), ctx.outputBufferTimeout());
        assertEquals(NsqdContext.defaultNodeId(), ctx.nodeId());
        assertEquals(NsqdContext.hostname(), ctx.broadcastAddress());
        assertEquals(ThreadingMode.defaultFor(Runtime.getRuntime().availableProcessors()), ctx.threadingMode());
        assertEquals("backoff", ctx.idleStrategy());
        assertEquals(1, ctx.ioAgents());
        assertEquals("0.0.0.0:4151", ctx.httpAddress());
        assertEquals(LogLevel.INFO, ctx.logLevel());
        assertEquals("[nsqd] ", ctx.logPrefix());
        assertEquals("", ctx.logFile());
        assertEquals(104_857_600L, ctx.logFileMaxSize());
        assertEquals(5, ctx.logFileMaxFiles());
        assertEquals("", ctx.statsdAddress());
        assertEquals("nsq.%s", ctx.statsdPrefix());
        assertEquals(Duration.ofSeconds(60), ctx.statsdInterval());
        assertTrue(ctx.statsdMemStats());
        assertEquals(508L, ctx.statsdUdpPacketSize());
        assertFalse(ctx.statsdExcludeEphemeral());
        assertEquals(List.of(), ctx.e2eProcessingLatencyPercentiles());
        assertEquals(Duration.ofMinutes(10), ctx.e2eProcessingLatencyWindowTime());
        assertEquals(0L, ctx.maxChannelConsumers());
        ctx.conclude();
    }

    @Test
    void shouldDeclareExactlyTheFlagsRingnsqHasSoFar()
    {
        final List<String> flags = new ArrayList<>();
        final Matcher matcher = Pattern.compile("(?m)^  -([a-z0-9-]+)").matcher(options.usage());
        while (matcher.find())
        {
            flags.add(matcher.group(1));
        }

        assertEquals(List.of("auth-http-address", "broadcast-address", "config", "data-path", "deflate",
            "e2e-processing-latency-percentile", "e2e-processing-latency-window-time", "http-address",
            "http-client-connect-timeout", "http-client-request-timeout", "https-address", "idle-strategy", "io-agents",
            "log-file", "log-file-max-files", "log-file-max-size", "log-level", "log-prefix", "lookupd-tcp-address", "max-body-size",
            "max-bytes-per-file",
            "max-channel-consumers", "max-deflate-level", "max-heartbeat-interval", "max-msg-size", "max-msg-timeout",
            "max-output-buffer-size", "max-output-buffer-timeout", "max-rdy-count", "max-req-timeout", "mem-queue-size",
            "min-output-buffer-timeout", "msg-timeout", "node-id", "output-buffer-timeout", "snappy", "statsd-address",
            "statsd-exclude-ephemeral", "statsd-interval", "statsd-mem-stats", "statsd-prefix", "statsd-udp-packet-size", "sync-every", "sync-timeout",
            "tcp-address", "threading-mode", "tls-cert", "tls-client-auth-policy", "tls-key", "tls-min-version",
            "tls-required", "tls-root-ca-file", "verbose", "version", "worker-id"), flags);
    }

    @Test
    void shouldPrintUpstreamHelpTextsAndDefaults()
    {
        final String usage = options.usage();

        assertTrue(usage.startsWith("Usage of nsqd:\n"), usage);
        for (final String expected : List.of(
            "  -tcp-address string\n    \t<addr>:<port> to listen on for TCP clients (default \"0.0.0.0:4150\")\n",
            "  -data-path string\n    \tpath to store disk-backed messages\n",
            "  -mem-queue-size int\n    \tnumber of messages to keep in memory (per topic/channel) (default 10000)\n",
            "  -msg-timeout duration\n    \tdefault duration to wait before auto-requeing a message (default 1m0s)\n",
            "  -max-msg-timeout duration\n    \tmaximum duration before a message will timeout (default 15m0s)\n",
            "  -max-msg-size int\n    \tmaximum size of a single message in bytes (default 1048576)\n",
            "  -max-req-timeout duration\n    \tmaximum requeuing timeout for a message (default 1h0m0s)\n",
            "  -max-body-size int\n    \tmaximum size of a single command body (default 5242880)\n",
            "  -max-heartbeat-interval duration\n    \tmaximum client configurable duration of time between client heartbeats (default 1m0s)\n",
            "  -max-rdy-count int\n    \tmaximum RDY count for a client (default 2500)\n",
            "  -max-output-buffer-size int\n    \tmaximum client configurable size (in bytes) for a client output buffer (default 65536)\n",
            "  -max-output-buffer-timeout duration\n    \tmaximum client configurable duration of time between flushing to a client (default 30s)\n",
            "  -min-output-buffer-timeout duration\n    \tminimum client configurable duration of time between flushing to a client (default 25ms)\n",
            "  -output-buffer-timeout duration\n    \tdefault duration of time between flushing data to clients (default 250ms)\n",
            "  -node-id int\n    \tunique part for message IDs, (int) in range [0,1024) (default is hash of hostname) (default "
                + NsqdContext.defaultNodeId() + ")\n",
            "  -broadcast-address string\n    \taddress that will be registered with lookupd (defaults to the OS hostname) (default \""
                + NsqdContext.hostname() + "\")\n",
            "  -config string\n    \tpath to config file\n",
            "  -lookupd-tcp-address value\n    \tlookupd TCP address (may be given multiple times)\n",
            "  -version\n    \tprint version string\n",
            "  -verbose\n    \t[deprecated] has no effect, use --log-level\n",
            "  -worker-id\n    \t[deprecated] use --node-id\n",
            "  -idle-strategy string\n",
            "  -threading-mode string\n",
            "  -io-agents int\n",
            "  -http-address string\n    \t<addr>:<port> to listen on for HTTP clients (default \"0.0.0.0:4151\")\n",
            "  -log-level string\n    \tset log verbosity: debug, info, warn, error, or fatal (default \"info\")\n",
            "  -log-prefix string\n    \tlog message prefix (default \"[nsqd] \")\n",
            "  -statsd-address string\n    \tUDP <addr>:<port> of a statsd daemon for pushing stats\n",
            "  -statsd-interval duration\n    \tduration between pushing to statsd (default 1m0s)\n",
            "  -statsd-mem-stats\n    \ttoggle sending memory and GC stats to statsd (default true)\n",
            "  -statsd-prefix string\n    \tprefix used for keys sent to statsd (%s for host replacement) (default \"nsq.%s\")\n",
            "  -statsd-udp-packet-size int\n    \tthe size in bytes of statsd UDP packets (default 508)\n",
            "  -statsd-exclude-ephemeral\n    \tSkip ephemeral topics and channels when sending stats to statsd\n",
            "  -e2e-processing-latency-percentile value\n    \tmessage processing time percentiles (as float (0, 1.0]) to track"
                + " (can be specified multiple times or comma separated '1.0,0.99,0.95', default none)\n",
            "  -e2e-processing-latency-window-time duration\n    \tcalculate end to end latency quantiles for this duration"
                + " of time (ie: 60s would only show quantile calculations from the past 60 seconds) (default 10m0s)\n",
            "  -max-channel-consumers int\n    \tmaximum channel consumer connection count per nsqd instance"
                + " (default 0, i.e., unlimited)\n",
            "  -log-file string\n",
            "  -log-file-max-size int\n",
            "  -log-file-max-files int\n"))
        {
            assertTrue(usage.contains(expected), () -> "missing:\n" + expected + "in:\n" + usage);
        }
    }

    @Test
    void shouldMapEveryFlagIntoTheContext() throws UsageException
    {
        final NsqdContext ctx = context(
            "--tcp-address=127.0.0.1:0", "--data-path", dir.toString(), "--mem-queue-size=5", "--msg-timeout=2s",
            "--max-msg-timeout=3m", "--max-msg-size=1024", "--max-body-size=2048", "--max-rdy-count=10",
            "--max-req-timeout=4s", "--max-heartbeat-interval=5s", "--max-output-buffer-size=4096",
            "--max-output-buffer-timeout=1s", "--min-output-buffer-timeout=10ms", "--output-buffer-timeout=100ms",
            "--node-id=7", "--broadcast-address=127.0.0.1", "--threading-mode=dedicated", "--idle-strategy=busy-spin",
            "--io-agents=3");

        assertEquals("127.0.0.1:0", ctx.tcpAddress());
        assertEquals(dir.toAbsolutePath(), ctx.dataPath());
        assertEquals(5L, ctx.memQueueSize());
        assertEquals(Duration.ofSeconds(2), ctx.msgTimeout());
        assertEquals(Duration.ofMinutes(3), ctx.maxMsgTimeout());
        assertEquals(1024L, ctx.maxMsgSize());
        assertEquals(2048L, ctx.maxBodySize());
        assertEquals(10L, ctx.maxRdyCount());
        assertEquals(Duration.ofSeconds(4), ctx.maxReqTimeout());
        assertEquals(Duration.ofSeconds(5), ctx.maxHeartbeatInterval());
        assertEquals(4096L, ctx.maxOutputBufferSize());
        assertEquals(Duration.ofSeconds(1), ctx.maxOutputBufferTimeout());
        assertEquals(Duration.ofMillis(10), ctx.minOutputBufferTimeout());
        assertEquals(Duration.ofMillis(100), ctx.outputBufferTimeout());
        assertEquals(7, ctx.nodeId());
        assertEquals("127.0.0.1", ctx.broadcastAddress());
        assertEquals(ThreadingMode.DEDICATED, ctx.threadingMode());
        assertEquals("busy-spin", ctx.idleStrategy());
        assertEquals(3, ctx.ioAgents());
    }

    @Test
    void shouldAcceptTheNsqjsCommandLineShape() throws UsageException
    {
        // nsqjs starts "nsqd" with separate values (peer-suites.md); TLS flags come in a later issue
        final NsqdContext ctx = context("-tcp-address", "127.0.0.1:4150", "-broadcast-address", "127.0.0.1",
            "-data-path", dir.toString());

        assertEquals("127.0.0.1:4150", ctx.tcpAddress());
        assertEquals(dir.toAbsolutePath(), ctx.dataPath());
    }

    @Test
    void shouldUseWorkingDirectoryForEmptyDataPath() throws UsageException
    {
        assertEquals(Path.of("").toAbsolutePath(), context("--data-path=").dataPath());
    }

    @Test
    void shouldReadNodeIdFromConfigKeyId() throws Exception
    {
        final Path config = Files.writeString(dir.resolve("nsqd.toml"),
            "id = 9\nmsg_timeout = \"90s\"\nmax_output_buffer_timeout = 1000\ntcp_address = \"127.0.0.1:4250\"\n");

        final NsqdContext ctx = context("--config", config.toString());

        assertEquals(9, ctx.nodeId());
        assertEquals(Duration.ofSeconds(90), ctx.msgTimeout());
        assertEquals(Duration.ofSeconds(1), ctx.maxOutputBufferTimeout());
        assertEquals("127.0.0.1:4250", ctx.tcpAddress());
    }

    @Test
    void shouldCollectRepeatedLookupdTcpAddressesIntoTheContext() throws UsageException
    {
        assertEquals(List.of(), context().nsqlookupdTcpAddresses());
        assertEquals(List.of("a:4160", "b:4160"),
            context("--lookupd-tcp-address=a:4160", "--lookupd-tcp-address", "b:4160").nsqlookupdTcpAddresses());
    }

    @Test
    void shouldReadLookupdTcpAddressesFromTheirConfigFileArray() throws Exception
    {
        final Path config = Files.writeString(dir.resolve("nsqd.toml"), "nsqlookupd_tcp_addresses = [\"a:4160\", \"b:4160\"]\n");

        assertEquals(List.of("a:4160", "b:4160"), context("--config", config.toString()).nsqlookupdTcpAddresses());
    }

    @Test
    void shouldIgnoreVersionInConfigFile() throws Exception
    {
        final Path config = Files.writeString(dir.resolve("nsqd.toml"), "version = true\n");

        assertFalse(options.parse("--config", config.toString()).get(options.version()));
    }

    @Test
    void shouldReportVersionFlag() throws UsageException
    {
        assertTrue(options.parse("--version").get(options.version()));
    }

    @Test
    void shouldAcceptAndIgnoreDeprecatedVerboseAndWorkerId() throws UsageException
    {
        final NsqdContext ctx = context("--verbose", "--worker-id", "--node-id=3");

        assertEquals(3, ctx.nodeId());
    }

    @Test
    void shouldRejectUnknownThreadingModeWithExitCode2NamingTheFlag()
    {
        final UsageException ex = assertThrows(UsageException.class, () -> options.parse("--threading-mode=turbo"));

        assertEquals("invalid value \"turbo\" for flag -threading-mode: must be one of shared, dedicated", ex.getMessage());
        assertEquals(2, ex.exitCode());
    }

    @Test
    void shouldRejectUnknownIdleStrategyWithExitCode2NamingTheFlag()
    {
        final UsageException ex = assertThrows(UsageException.class, () -> options.parse("--idle-strategy", "spin"));

        assertEquals("invalid value \"spin\" for flag -idle-strategy: must be one of backoff, sleeping, yielding, busy-spin",
            ex.getMessage());
        assertEquals(2, ex.exitCode());
    }

    @Test
    void shouldRejectNodeIdBeyondIntWithUpstreamRangeMessage() throws UsageException
    {
        final ParsedOptions parsed = options.parse("--node-id=4294967297");

        final UsageException ex = assertThrows(UsageException.class, () -> options.toContext(parsed));

        assertEquals("--node-id must be >= 0 and < 1024", ex.getMessage());
        assertEquals(1, ex.exitCode());
    }

    @Test
    void shouldLeaveRangeChecksToConclude() throws UsageException
    {
        final NsqdContext ctx = context("--node-id=1024");

        assertEquals("--node-id must be >= 0 and < 1024",
            assertThrows(IllegalArgumentException.class, ctx::conclude).getMessage());
    }

    @Test
    void shouldRequestHelp() throws UsageException
    {
        assertTrue(options.parse("-h").helpRequested());
    }

    @Test
    void shouldMapTheFlagsOfTheHttpAndLoggingIssueIntoTheContext() throws UsageException
    {
        final NsqdContext ctx = context("--http-address=127.0.0.1:0", "--log-level=DEBUG", "--log-prefix=[x] ",
            "--log-file=/tmp/n.log", "--log-file-max-size=1024", "--log-file-max-files=2", "--statsd-address=127.0.0.1:8125",
            "--statsd-prefix=p.%s", "--statsd-interval=5s", "--statsd-mem-stats=false", "--statsd-udp-packet-size=1400",
            "--statsd-exclude-ephemeral", "--e2e-processing-latency-window-time=30s", "--max-channel-consumers=3");

        assertEquals("127.0.0.1:0", ctx.httpAddress());
        assertEquals(LogLevel.DEBUG, ctx.logLevel());
        assertEquals("[x] ", ctx.logPrefix());
        assertEquals("/tmp/n.log", ctx.logFile());
        assertEquals(1024L, ctx.logFileMaxSize());
        assertEquals(2, ctx.logFileMaxFiles());
        assertEquals("127.0.0.1:8125", ctx.statsdAddress());
        assertEquals("p.%s", ctx.statsdPrefix());
        assertEquals(Duration.ofSeconds(5), ctx.statsdInterval());
        assertFalse(ctx.statsdMemStats());
        assertEquals(1400L, ctx.statsdUdpPacketSize());
        assertTrue(ctx.statsdExcludeEphemeral());
        assertEquals(Duration.ofSeconds(30), ctx.e2eProcessingLatencyWindowTime());
        assertEquals(3L, ctx.maxChannelConsumers());
        ctx.conclude();
    }

    @Test
    void shouldTurnHttpOffWithAnEmptyAddress() throws UsageException
    {
        assertEquals("", context("--http-address=").httpAddress());
    }

    @Test
    void shouldReadTheNewFlagsFromTheirConfigFileKeys() throws Exception
    {
        final Path config = Files.writeString(dir.resolve("nsqd.toml"), String.join("\n",
            "http_address = \"127.0.0.1:4251\"",
            "log_level = \"Warn\"",
            "log_prefix = \"[cfg] \"",
            "log_file = \"/tmp/cfg.log\"",
            "log_file_max_size = 2048",
            "log_file_max_files = 1",
            "statsd_address = \"127.0.0.1:8125\"",
            "statsd_prefix = \"cfg.%s\"",
            "statsd_interval = \"10s\"",
            "statsd_mem_stats = false",
            "statsd_udp_packet_size = 1000",
            "statsd_exclude_ephemeral = true",
            "e2e_processing_latency_percentiles = [0.5, 1.0, 0.99]",
            "e2e_processing_latency_window_time = \"1m\"",
            "max_channel_consumers = 4",
            ""));

        final NsqdContext ctx = context("--config", config.toString());

        assertEquals("127.0.0.1:4251", ctx.httpAddress());
        assertEquals(LogLevel.WARN, ctx.logLevel());
        assertEquals("[cfg] ", ctx.logPrefix());
        assertEquals("/tmp/cfg.log", ctx.logFile());
        assertEquals(2048L, ctx.logFileMaxSize());
        assertEquals(1, ctx.logFileMaxFiles());
        assertEquals("127.0.0.1:8125", ctx.statsdAddress());
        assertEquals("cfg.%s", ctx.statsdPrefix());
        assertEquals(Duration.ofSeconds(10), ctx.statsdInterval());
        assertFalse(ctx.statsdMemStats());
        assertEquals(1000L, ctx.statsdUdpPacketSize());
        assertTrue(ctx.statsdExcludeEphemeral());
        // go-options keeps a config file's order
        assertEquals(List.of(0.5, 1.0, 0.99), ctx.e2eProcessingLatencyPercentiles());
        assertEquals(Duration.ofMinutes(1), ctx.e2eProcessingLatencyWindowTime());
        assertEquals(4L, ctx.maxChannelConsumers());
    }

    @Test
    void shouldSortCommandLinePercentilesHighestFirstAsUpstreamsFloatArray() throws UsageException
    {
        final NsqdContext ctx = context("--e2e-processing-latency-percentile=0.5,1.0",
            "--e2e-processing-latency-percentile", "0.99");

        assertEquals(List.of(1.0, 0.99, 0.5), ctx.e2eProcessingLatencyPercentiles());
    }

    @Test
    void shouldLetCommandLinePercentilesWinOverTheConfigFileAndSortThem() throws Exception
    {
        final Path config = Files.writeString(dir.resolve("nsqd.toml"), "e2e_processing_latency_percentiles = [0.5, 0.9]\n");

        final NsqdContext ctx = context("--config", config.toString(), "--e2e-processing-latency-percentile=0.75,0.95");

        assertEquals(List.of(0.95, 0.75), ctx.e2eProcessingLatencyPercentiles());
    }

    @Test
    void shouldKeepConfigPercentilesInFileOrderWhenArgumentsFollowTheTerminator() throws Exception
    {
        final Path config = Files.writeString(dir.resolve("nsqd.toml"), "e2e_processing_latency_percentiles = [0.5, 0.9]\n");

        final NsqdContext ctx = context("--config", config.toString(), "--", "extra");

        assertEquals(List.of(0.5, 0.9), ctx.e2eProcessingLatencyPercentiles());
    }

    @Test
    void shouldRejectPercentilesOutsideZeroToOneAtConcludeWithUpstreamsText() throws UsageException
    {
        for (final String bad : List.of("0", "1.5", "-0.5", "NaN"))
        {
            final NsqdContext ctx = context("--e2e-processing-latency-percentile=0.5," + bad);

            assertEquals("invalid E2E processing latency percentile: " + bad,
                assertThrows(IllegalArgumentException.class, ctx::conclude).getMessage());
        }
        context("--e2e-processing-latency-percentile=1,0.000001").conclude();
    }

    @Test
    void shouldRejectABadFloatPercentileAsAnInvalidFlagValue()
    {
        final UsageException ex = assertThrows(UsageException.class,
            () -> options.parse("--e2e-processing-latency-percentile=0.9,x"));

        assertEquals(2, ex.exitCode());
        assertTrue(ex.getMessage().startsWith("invalid value \"0.9,x\" for flag -e2e-processing-latency-percentile: "),
            ex.getMessage());
    }

    @Test
    void shouldRejectAnUnknownLogLevelOnTheCommandLineWithExitCode2()
    {
        final UsageException ex = assertThrows(UsageException.class, () -> options.parse("--log-level=verbose"));

        assertEquals("invalid value \"verbose\" for flag -log-level: invalid log level 'verbose' (debug, info, warn, error, fatal)",
            ex.getMessage());
        assertEquals(2, ex.exitCode());
    }

    @Test
    void shouldRejectAnUnknownLogLevelInTheConfigFileWithExitCode1() throws Exception
    {
        final Path config = Files.writeString(dir.resolve("nsqd.toml"), "log_level = \"loud\"\n");

        final UsageException ex = assertThrows(UsageException.class, () -> options.parse("--config", config.toString()));

        assertEquals("config file " + config + ": key \"log_level\": invalid log level 'loud' (debug, info, warn, error, fatal)",
            ex.getMessage());
        assertEquals(1, ex.exitCode());
    }

    @Test
    void shouldLetTheCommandLineLogLevelWinOverTheConfigFile() throws Exception
    {
        final Path config = Files.writeString(dir.resolve("nsqd.toml"), "log_level = \"error\"\n");

        assertEquals(LogLevel.FATAL, context("--config", config.toString(), "--log-level", "fatal").logLevel());
        assertEquals(LogLevel.ERROR, context("--config", config.toString()).logLevel());
    }

    @Test
    void shouldReportABadCommandLineLogLevelBeforeABrokenConfigFile()
    {
        final UsageException ex = assertThrows(UsageException.class,
            () -> options.parse("--log-level=loud", "--config", dir.resolve("missing.toml").toString()));

        assertEquals(2, ex.exitCode());
        assertTrue(ex.getMessage().startsWith("invalid value \"loud\" for flag -log-level"), ex.getMessage());
    }

    @Test
    void shouldHonourVersionBeforeReadingTheConfigFileAsUpstream() throws UsageException
    {
        assertTrue(options.parse("--version", "--config", dir.resolve("missing.toml").toString()).get(options.version()));
    }

    @Test
    void shouldStillReportABrokenConfigFileWithoutVersion()
    {
        final UsageException ex = assertThrows(UsageException.class,
            () -> options.parse("--config", dir.resolve("missing.toml").toString()));

        assertEquals(1, ex.exitCode());
    }

    @Test
    void shouldRejectLogFileRotationValuesAtConclude() throws UsageException
    {
        assertEquals("--log-file-max-size must be positive",
            assertThrows(IllegalArgumentException.class, context("--log-file-max-size=0")::conclude).getMessage());
        assertEquals("--log-file-max-files must not be negative",
            assertThrows(IllegalArgumentException.class, context("--log-file-max-files=-1")::conclude).getMessage());
        final UsageException ex = assertThrows(UsageException.class, () -> context("--log-file-max-files=4294967296"));
        assertEquals(1, ex.exitCode());
    }

    @Test
    void shouldRequireAPositiveStatsdIntervalOnlyWhenStatsdIsOn() throws UsageException
    {
        context("--statsd-interval=0s").conclude();

        assertEquals("--statsd-interval must be positive", assertThrows(IllegalArgumentException.class,
            context("--statsd-interval=0s", "--statsd-address=127.0.0.1:8125")::conclude).getMessage());
    }
}
