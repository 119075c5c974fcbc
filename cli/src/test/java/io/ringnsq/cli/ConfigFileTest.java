package io.ringnsq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest
{
    @TempDir
    Path dir;

    private final OptionSet opts = new OptionSet("nsqd");
    private final Option<String> tcp = opts.string("tcp-address", "0.0.0.0:4150", "tcp");
    private final Option<Long> memQueue = opts.int64("mem-queue-size", 10000, "mem");
    private final Option<Boolean> snappy = opts.bool("snappy", true, "snappy");
    private final Option<Duration> msgTimeout = opts.duration("msg-timeout", Duration.ofSeconds(60), "timeout");
    private final Option<Long> nodeId = opts.int64("node-id", 42, "node id").configKey("id");
    private final Option<List<String>> lookupds = opts.stringList("lookupd-tcp-address", "lookupds")
        .configKey("nsqlookupd_tcp_addresses");
    private final Option<List<Double>> percentiles = opts.floatList("e2e-processing-latency-percentile", "percentiles")
        .configKey("e2e_processing_latency_percentiles");
    private final Option<Boolean> version = opts.bool("version", false, "print version string").commandLineOnly();
    private final Option<Boolean> verbose = opts.deprecated("verbose", "[deprecated] has no effect, use --log-level");
    private final Option<String> idle = opts.choice("idle-strategy", "backoff", List.of("backoff", "sleeping"), "idle");

    private String write(final String toml) throws IOException
    {
        final Path file = dir.resolve("nsqd.toml");
        Files.writeString(file, toml, StandardCharsets.UTF_8);
        return file.toString();
    }

    private UsageException failure(final String toml) throws IOException
    {
        final String file = write(toml);
        return assertThrows(UsageException.class, () -> opts.parse("--config=" + file));
    }

    @Test
    void shouldReadKeysNamedAfterFlagsWithUnderscores() throws Exception
    {
        final ParsedOptions parsed = opts.parse("--config", write(
            "tcp_address = \"127.0.0.1:4150\"\nmem_queue_size = 5\nsnappy = false\nmsg_timeout = \"1m30s\"\n"));

        assertEquals("127.0.0.1:4150", parsed.get(tcp));
        assertEquals(5L, parsed.get(memQueue));
        assertFalse(parsed.get(snappy));
        assertEquals(Duration.ofSeconds(90), parsed.get(msgTimeout));
        assertTrue(parsed.isSet(memQueue));
    }

    @Test
    void shouldUseOverriddenConfigKeys() throws Exception
    {
        final ParsedOptions parsed = opts.parse("--config", write(
            "id = 7\nnsqlookupd_tcp_addresses = [\"a:4160\", \"b:4160\"]\ne2e_processing_latency_percentiles = [1.0, 0.99]\n"));

        assertEquals(7L, parsed.get(nodeId));
        assertEquals(List.of("a:4160", "b:4160"), parsed.get(lookupds));
        assertEquals(List.of(1.0, 0.99), parsed.get(percentiles));
    }

    @Test
    void shouldIgnoreTheFlagNameWhenConfigKeyIsOverridden() throws Exception
    {
        assertEquals(42L, opts.parse("--config", write("node_id = 7\n")).get(nodeId));
    }

    @Test
    void shouldPreferCommandLineOverConfigFileOverDefault() throws Exception
    {
        final String file = write("mem_queue_size = 5\ntcp_address = \"from-file:1\"\n");

        final ParsedOptions parsed = opts.parse("--mem-queue-size=9", "--config=" + file);

        assertEquals(9L, parsed.get(memQueue));
        assertEquals("from-file:1", parsed.get(tcp));
        assertEquals(Duration.ofSeconds(60), parsed.get(msgTimeout));
    }

    @Test
    void shouldLetCommandLineListReplaceConfigFileList() throws Exception
    {
        final String file = write("nsqlookupd_tcp_addresses = [\"a:4160\", \"b:4160\"]\n");

        assertEquals(List.of("c:4160"), opts.parse("--config=" + file, "--lookupd-tcp-address=c:4160").get(lookupds));
    }

    @Test
    void shouldNotReadConfigValueOfFlagSetOnCommandLine() throws Exception
    {
        // upstream resolves the command-line value first and never looks at the config one
        final String file = write("mem_queue_size = \"lots\"\n");

        assertEquals(9L, opts.parse("--config=" + file, "--mem-queue-size=9").get(memQueue));
    }

    @Test
    void shouldIgnoreUnknownKeysAndTables() throws Exception
    {
        final ParsedOptions parsed = opts.parse("--config", write(
            "no_such_option = 1\nlog_level = \"debug\"\n[statsd]\nprefix = \"x\"\n"));

        assertEquals(10000L, parsed.get(memQueue));
    }

    @Test
    void shouldIgnoreCommandLineOnlyOptionsInConfigFile() throws Exception
    {
        final ParsedOptions parsed = opts.parse("--config", write(
            "version = true\nverbose = 12\nconfig = \"/elsewhere.toml\"\n"));

        assertFalse(parsed.get(version));
        assertFalse(parsed.isSet(verbose));
        assertFalse(parsed.isSet(version));
    }

    @Test
    void shouldTakeIntegerDurationAsMillisecondsLikeGoOptions() throws Exception
    {
        assertEquals(Duration.ofMillis(1500), opts.parse("--config", write("msg_timeout = 1500\n")).get(msgTimeout));
    }

    @Test
    void shouldAcceptBase10IntegerAndBooleanGivenAsStrings() throws Exception
    {
        final ParsedOptions parsed = opts.parse("--config", write("mem_queue_size = \"123\"\nsnappy = \"f\"\n"));

        assertEquals(123L, parsed.get(memQueue));
        assertFalse(parsed.get(snappy));
    }

    @Test
    void shouldSplitCommaSeparatedStringForListOptions() throws Exception
    {
        final ParsedOptions parsed = opts.parse("--config", write(
            "nsqlookupd_tcp_addresses = \"a:1,b:2\"\ne2e_processing_latency_percentiles = \"0.99, 0.5\"\n"));

        assertEquals(List.of("a:1", "b:2"), parsed.get(lookupds));
        assertEquals(List.of(0.99, 0.5), parsed.get(percentiles));
    }

    @Test
    void shouldAcceptIntegersInFloatArray() throws Exception
    {
        assertEquals(List.of(1.0, 0.5), opts.parse("--config", write("e2e_processing_latency_percentiles = [1, 0.5]\n")).get(percentiles));
    }

    @Test
    void shouldReadNothingWhenConfigIsEmpty() throws Exception
    {
        assertEquals(10000L, opts.parse("--config=").get(memQueue));
    }

    @Test
    void shouldRejectMissingFileWithExitCode1NamingIt() throws Exception
    {
        final String missing = dir.resolve("missing.toml").toString();

        final UsageException ex = assertThrows(UsageException.class, () -> opts.parse("--config=" + missing));

        assertEquals("config file " + missing + ": no such file or directory", ex.getMessage());
        assertEquals(1, ex.exitCode());
        assertEquals(ex.getMessage(), ex.displayText());
    }

    @Test
    void shouldRejectDirectoryAsConfigFile()
    {
        final UsageException ex = assertThrows(UsageException.class, () -> opts.parse("--config=" + dir));

        assertEquals("config file " + dir + ": is a directory", ex.getMessage());
        assertEquals(1, ex.exitCode());
    }

    @Test
    void shouldRejectBadTomlWithExitCode1AndPosition() throws Exception
    {
        final String file = write("mem_queue_size = 5\nsnappy = \n");

        final UsageException ex = assertThrows(UsageException.class, () -> opts.parse("--config=" + file));

        assertEquals("config file " + file + ": invalid TOML at line 2, column 10: Newline not permitted here", ex.getMessage());
        assertEquals(1, ex.exitCode());
    }

    @Test
    void shouldRejectDuplicateKeys() throws Exception
    {
        final UsageException ex = failure("snappy = true\nsnappy = false\n");

        assertTrue(ex.getMessage().endsWith("Duplicate key"), ex.getMessage());
        assertEquals(1, ex.exitCode());
    }

    @Test
    void shouldRejectWrongTypeNamingFileAndKey() throws Exception
    {
        final UsageException ex = failure("snappy = 1\n");

        assertEquals("config file " + dir.resolve("nsqd.toml") + ": key \"snappy\": expected a boolean, got integer 1",
            ex.getMessage());
        assertEquals(1, ex.exitCode());
    }

    @Test
    void shouldRejectUnparsableIntegerString() throws Exception
    {
        // go-options parses config strings in base 10 only
        assertTrue(failure("mem_queue_size = \"0x10\"\n").getMessage()
            .endsWith(": key \"mem_queue_size\": invalid value \"0x10\": parse error"));
    }

    @Test
    void shouldRejectFloatForInteger() throws Exception
    {
        assertTrue(failure("mem_queue_size = 1.5\n").getMessage().endsWith(": key \"mem_queue_size\": expected an integer, got float 1.5"));
    }

    @Test
    void shouldRejectIntegerBeyondInt64() throws Exception
    {
        assertTrue(failure("mem_queue_size = 99999999999999999999\n").getMessage()
            .endsWith(": key \"mem_queue_size\": 99999999999999999999: value out of range"));
    }

    @Test
    void shouldRejectDurationWithoutUnitUsingGoTimeMessage() throws Exception
    {
        assertTrue(failure("msg_timeout = \"60\"\n").getMessage()
            .endsWith(": key \"msg_timeout\": time: missing unit in duration \"60\""));
    }

    @Test
    void shouldRejectNonStringForString() throws Exception
    {
        assertTrue(failure("tcp_address = 4150\n").getMessage().endsWith(": key \"tcp_address\": expected a string, got integer 4150"));
        assertTrue(failure("tcp_address = 1979-05-27T07:32:00Z\n").getMessage()
            .endsWith(": key \"tcp_address\": expected a string, got date-time"));
    }

    @Test
    void shouldRejectNonStringArrayElement() throws Exception
    {
        assertTrue(failure("nsqlookupd_tcp_addresses = [\"a\", 2]\n").getMessage()
            .endsWith(": key \"nsqlookupd_tcp_addresses\": element 1: expected a string, got integer 2"));
    }

    @Test
    void shouldRejectConfigValueOutsideChoices() throws Exception
    {
        final UsageException ex = failure("idle_strategy = \"fast\"\n");

        assertTrue(ex.getMessage().endsWith(": key \"idle_strategy\": invalid value \"fast\": must be one of backoff, sleeping"),
            ex.getMessage());
        assertEquals(1, ex.exitCode());
    }
}
