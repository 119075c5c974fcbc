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
        ctx.conclude();
    }

    @Test
    void shouldDeclareExactlyTheFlagsOfThisIssue()
    {
        final List<String> flags = new ArrayList<>();
        final Matcher matcher = Pattern.compile("(?m)^  -([a-z-]+)").matcher(options.usage());
        while (matcher.find())
        {
            flags.add(matcher.group(1));
        }

        assertEquals(List.of("broadcast-address", "config", "data-path", "idle-strategy", "io-agents",
            "max-body-size", "max-heartbeat-interval", "max-msg-size", "max-msg-timeout", "max-output-buffer-size",
            "max-output-buffer-timeout", "max-rdy-count", "max-req-timeout", "mem-queue-size",
            "min-output-buffer-timeout", "msg-timeout", "node-id", "output-buffer-timeout", "tcp-address",
            "threading-mode", "verbose", "version", "worker-id"), flags);
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
            "  -version\n    \tprint version string\n",
            "  -verbose\n    \t[deprecated] has no effect, use --log-level\n",
            "  -worker-id\n    \t[deprecated] use --node-id\n",
            "  -idle-strategy string\n",
            "  -threading-mode string\n",
            "  -io-agents int\n"))
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
}
