package io.ringnsq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineSyntaxTest
{
    private final OptionSet opts = new OptionSet("nsqd");
    private final Option<String> tcp = opts.string("tcp-address", "0.0.0.0:4150", "<addr>:<port> to listen on for TCP clients");
    private final Option<Long> memQueue = opts.int64("mem-queue-size", 10000, "number of messages to keep in memory (per topic/channel)");
    private final Option<Boolean> snappy = opts.bool("snappy", true, "enable snappy feature negotiation (client compression)");
    private final Option<Boolean> deflate = opts.bool("deflate", false, "enable deflate feature negotiation (client compression)");
    private final Option<Duration> msgTimeout = opts.duration("msg-timeout", Duration.ofSeconds(60), "default duration to wait before auto-requeing a message");
    private final Option<List<String>> lookupds = opts.stringList("lookupd-tcp-address", "lookupd TCP address (may be given multiple times)")
        .configKey("nsqlookupd_tcp_addresses");
    private final Option<List<Double>> percentiles = opts.floatList("e2e-processing-latency-percentile", "message processing time percentiles")
        .configKey("e2e_processing_latency_percentiles");

    @ParameterizedTest
    @ValueSource(strings = {"-tcp-address 1.2.3.4:5", "-tcp-address=1.2.3.4:5", "--tcp-address 1.2.3.4:5", "--tcp-address=1.2.3.4:5"})
    void shouldAcceptAllFourGoFlagForms(final String commandLine) throws UsageException
    {
        final ParsedOptions parsed = opts.parse(commandLine.split(" "));

        assertEquals("1.2.3.4:5", parsed.get(tcp));
        assertTrue(parsed.isSet(tcp));
    }

    @Test
    void shouldUseDefaultsWhenNothingIsGiven() throws UsageException
    {
        final ParsedOptions parsed = opts.parse();

        assertEquals("0.0.0.0:4150", parsed.get(tcp));
        assertEquals(10000L, parsed.get(memQueue));
        assertTrue(parsed.get(snappy));
        assertEquals(Duration.ofSeconds(60), parsed.get(msgTimeout));
        assertEquals(List.of(), parsed.get(lookupds));
        assertFalse(parsed.isSet(tcp));
        assertFalse(parsed.helpRequested());
    }

    @Test
    void shouldSetBareBooleanToTrue() throws UsageException
    {
        assertTrue(opts.parse("--deflate").get(deflate));
        assertTrue(opts.parse("-deflate").get(deflate));
    }

    @Test
    void shouldTurnBooleanOffWithEqualsFalse() throws UsageException
    {
        final ParsedOptions parsed = opts.parse("--snappy=false");

        assertFalse(parsed.get(snappy));
        assertTrue(parsed.isSet(snappy));
    }

    @ParameterizedTest
    @CsvSource({"1,true", "t,true", "T,true", "TRUE,true", "true,true", "True,true",
        "0,false", "f,false", "F,false", "FALSE,false", "false,false", "False,false"})
    void shouldAcceptEveryGoParseBoolSpelling(final String spelling, final boolean expected) throws UsageException
    {
        assertEquals(expected, opts.parse("--deflate=" + spelling).get(deflate));
    }

    @Test
    void shouldNeverLetBooleanConsumeTheNextArgument() throws UsageException
    {
        final ParsedOptions parsed = opts.parse("--deflate", "--tcp-address", "x:1");

        assertTrue(parsed.get(deflate));
        assertEquals("x:1", parsed.get(tcp));
    }

    @Test
    void shouldTakeNextArgumentAsValueEvenWhenItStartsWithDash() throws UsageException
    {
        // Go does the same: a non-boolean flag without '=' always takes the next argument
        assertEquals("--snappy", opts.parse("--tcp-address", "--snappy").get(tcp));
        assertEquals(-5L, opts.parse("--mem-queue-size", "-5").get(memQueue));
    }

    @Test
    void shouldKeepEverythingAfterTheFirstEqualsSignAsTheValue() throws UsageException
    {
        assertEquals("a=b=c", opts.parse("--tcp-address=a=b=c").get(tcp));
        assertEquals("", opts.parse("--tcp-address=").get(tcp));
    }

    @Test
    void shouldKeepTheLastValueOfARepeatedScalarFlag() throws UsageException
    {
        assertEquals(3L, opts.parse("--mem-queue-size=1", "--mem-queue-size", "3").get(memQueue));
    }

    @Test
    void shouldCollectRepeatedListFlagInOrder() throws UsageException
    {
        final ParsedOptions parsed = opts.parse("--lookupd-tcp-address", "a:4160", "--lookupd-tcp-address=b:4160");

        assertEquals(List.of("a:4160", "b:4160"), parsed.get(lookupds));
    }

    @Test
    void shouldNotSplitStringListOnCommas() throws UsageException
    {
        // upstream's StringArray.Set appends the whole argument
        assertEquals(List.of("a:1,b:2"), opts.parse("--lookupd-tcp-address=a:1,b:2").get(lookupds));
    }

    @Test
    void shouldSplitFloatListOnCommasAndAcceptRepeats() throws UsageException
    {
        final ParsedOptions parsed = opts.parse(
            "--e2e-processing-latency-percentile=1.0,0.99", "--e2e-processing-latency-percentile", "0.95");

        assertEquals(List.of(1.0, 0.99, 0.95), parsed.get(percentiles));
    }

    @Test
    void shouldTrimFloatListElements() throws UsageException
    {
        assertEquals(List.of(0.99, 0.5), opts.parse("--e2e-processing-latency-percentile", "0.99, 0.5").get(percentiles));
    }

    @Test
    void shouldReturnImmutableLists() throws UsageException
    {
        final List<String> values = opts.parse("--lookupd-tcp-address=a").get(lookupds);

        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> values.add("b"));
    }

    @Test
    void shouldStopReadingFlagsAtDoubleDash() throws UsageException
    {
        final ParsedOptions parsed = opts.parse("--deflate", "--", "--tcp-address", "x");

        assertTrue(parsed.get(deflate));
        assertEquals("0.0.0.0:4150", parsed.get(tcp));
        assertEquals(List.of("--tcp-address", "x"), parsed.arguments());
    }

    @ParameterizedTest
    @CsvSource({"0x10,16", "0X1f,31", "010,8", "0o17,15", "0b101,5", "-5,-5", "+7,7", "1_000,1000", "0,0",
        "9223372036854775807,9223372036854775807", "-9223372036854775808,-9223372036854775808"})
    void shouldParseIntegersWithGoLiteralSyntax(final String text, final long expected) throws UsageException
    {
        assertEquals(expected, opts.parse("--mem-queue-size=" + text).get(memQueue));
    }

    @ParameterizedTest
    @CsvSource({"60s,PT60S", "1m30s,PT90S", "250ms,PT0.25S", "1.5h,PT1H30M", "300us,PT0.0003S", "300µs,PT0.0003S",
        "300μs,PT0.0003S", "7ns,PT0.000000007S", "0,PT0S", "-2s,PT-2S", "+1h,PT1H", ".5s,PT0.5S", "1.s,PT1S", "1h2m3.5s,PT1H2M3.5S"})
    void shouldParseDurationsWithGoSyntax(final String text, final Duration expected) throws UsageException
    {
        assertEquals(expected, opts.parse("--msg-timeout", text).get(msgTimeout));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-help", "-h", "--h", "--help=false"})
    void shouldReportHelpRequestedForEveryHelpSpelling(final String help) throws UsageException
    {
        assertTrue(opts.parse(help).helpRequested());
    }

    @Test
    void shouldStopAtHelpAndIgnoreEverythingAfterIt() throws UsageException
    {
        // as Go: parsing stops at -help, so later mistakes and the config file are not looked at
        final ParsedOptions parsed = opts.parse("--mem-queue-size=5", "--help", "--no-such-flag", "--config=/does/not/exist");

        assertTrue(parsed.helpRequested());
        assertEquals(5L, parsed.get(memQueue));
        assertEquals("", parsed.get(opts.configFile()));
    }
}
