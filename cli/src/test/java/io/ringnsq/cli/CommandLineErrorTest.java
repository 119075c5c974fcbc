package io.ringnsq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineErrorTest
{
    private final OptionSet opts = new OptionSet("nsqd");

    CommandLineErrorTest()
    {
        opts.string("tcp-address", "0.0.0.0:4150", "<addr>:<port> to listen on for TCP clients");
        opts.int64("mem-queue-size", 10000, "number of messages to keep in memory (per topic/channel)");
        opts.bool("snappy", true, "enable snappy feature negotiation (client compression)");
        opts.duration("msg-timeout", Duration.ofSeconds(60), "default duration to wait before auto-requeing a message");
        opts.floatList("e2e-processing-latency-percentile", "percentiles");
        opts.choice("idle-strategy", "backoff", List.of("backoff", "sleeping"), "how an idle thread waits");
    }

    private UsageException failure(final String... args)
    {
        return assertThrows(UsageException.class, () -> opts.parse(args));
    }

    @Test
    void shouldRejectUnknownFlagWithExitCode2()
    {
        final UsageException ex = failure("--foo");

        assertEquals("flag provided but not defined: -foo", ex.getMessage());
        assertEquals(2, ex.exitCode());
    }

    @Test
    void shouldNameUnknownFlagWithoutItsValue()
    {
        assertEquals("flag provided but not defined: -foo", failure("-foo=bar").getMessage());
    }

    @Test
    void shouldRejectBadIntegerWithGoParseErrorText()
    {
        final UsageException ex = failure("--mem-queue-size", "abc");

        assertEquals("invalid value \"abc\" for flag -mem-queue-size: parse error", ex.getMessage());
        assertEquals(2, ex.exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"08", "1_", "_1", "1__0", "0x", "1.5", "", " 1", "1e3"})
    void shouldRejectIntegersGoRejects(final String text)
    {
        assertEquals("invalid value \"" + text + "\" for flag -mem-queue-size: parse error",
            failure("--mem-queue-size=" + text).getMessage());
    }

    @Test
    void shouldRejectIntegerOverflowWithGoRangeText()
    {
        assertEquals("invalid value \"9223372036854775808\" for flag -mem-queue-size: value out of range",
            failure("--mem-queue-size=9223372036854775808").getMessage());
        assertEquals("invalid value \"-0x8000000000000001\" for flag -mem-queue-size: value out of range",
            failure("--mem-queue-size=-0x8000000000000001").getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"60", "abc", "5x", "1m30", "", ".s", "-", "1.5.s", "9223372036854775808ns", "3000000h"})
    void shouldRejectDurationsGoRejectsWithParseError(final String text)
    {
        assertEquals("invalid value \"" + text + "\" for flag -msg-timeout: parse error",
            failure("--msg-timeout=" + text).getMessage());
    }

    @Test
    void shouldRejectBadBooleanWithGoBooleanText()
    {
        final UsageException ex = failure("--snappy=yes");

        assertEquals("invalid boolean value \"yes\" for -snappy: parse error", ex.getMessage());
        assertEquals(2, ex.exitCode());
    }

    @Test
    void shouldRejectEmptyBooleanValue()
    {
        assertEquals("invalid boolean value \"\" for -snappy: parse error", failure("--snappy=").getMessage());
    }

    @Test
    void shouldRejectMissingValueWithGoNeedsArgumentText()
    {
        final UsageException ex = failure("--tcp-address");

        assertEquals("flag needs an argument: -tcp-address", ex.getMessage());
        assertEquals(2, ex.exitCode());
    }

    @Test
    void shouldRejectBadFloatListElement()
    {
        assertEquals("invalid value \"0.5,abc\" for flag -e2e-processing-latency-percentile: parse error",
            failure("--e2e-processing-latency-percentile=0.5,abc").getMessage());
    }

    @Test
    void shouldRejectValueOutsideChoicesNamingTheFlag()
    {
        final UsageException ex = failure("--idle-strategy=fast");

        assertEquals("invalid value \"fast\" for flag -idle-strategy: must be one of backoff, sleeping", ex.getMessage());
        assertEquals(2, ex.exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"---x", "-=x", "--=x"})
    void shouldRejectBadFlagSyntaxWithGoText(final String arg)
    {
        assertEquals("bad flag syntax: " + arg, failure(arg).getMessage());
    }

    @Test
    void shouldRejectPositionalArgumentInsteadOfIgnoringTheRest()
    {
        // Go would stop here and silently drop --tcp-address: a deliberate difference
        final UsageException ex = failure("x", "--tcp-address", "1.2.3.4:5");

        assertEquals("unexpected argument \"x\"", ex.getMessage());
        assertEquals(2, ex.exitCode());
    }

    @Test
    void shouldRejectSingleDashAsPositionalArgument()
    {
        assertEquals("unexpected argument \"-\"", failure("-").getMessage());
    }

    @Test
    void shouldExplainBooleanValueGivenAsSeparateArgument()
    {
        assertEquals("unexpected argument \"false\" (a boolean flag takes its value after '=': -snappy=false)",
            failure("--snappy", "false").getMessage());
    }

    @Test
    void shouldPointToHelpInDisplayText()
    {
        final UsageException ex = failure("--foo");

        assertEquals("flag provided but not defined: -foo" + System.lineSeparator() + "Run 'nsqd --help' for usage.",
            ex.displayText());
    }
}
