package io.ringnsq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class OptionSetTest
{
    @Test
    void shouldDeriveConfigKeyFromFlagName()
    {
        final OptionSet opts = new OptionSet("nsqd");

        assertEquals(Optional.of("max_msg_size"), opts.int64("max-msg-size", 1048576, "size").configKey());
    }

    @Test
    void shouldBuildInConfigAsCommandLineOnlyString() throws UsageException
    {
        final OptionSet opts = new OptionSet("nsqd");

        assertEquals("config", opts.configFile().name());
        assertEquals(Optional.empty(), opts.configFile().configKey());
        assertEquals("", opts.parse().get(opts.configFile()));
    }

    @Test
    void shouldNotBuildInVersion()
    {
        final OptionSet opts = new OptionSet("nsqd");

        final UsageException ex = assertThrows(UsageException.class, () -> opts.parse("--version"));

        assertEquals("flag provided but not defined: -version", ex.getMessage());
    }

    @Test
    void shouldAcceptAndIgnoreDeprecatedFlag() throws UsageException
    {
        final OptionSet opts = new OptionSet("nsqd");
        final Option<Boolean> verbose = opts.deprecated("verbose", "[deprecated] has no effect, use --log-level");

        final ParsedOptions parsed = opts.parse("--verbose");

        assertTrue(parsed.isSet(verbose));
        assertEquals(Optional.empty(), verbose.configKey());
    }

    @Test
    void shouldAcceptDeprecatedFlagThatTakesAValue() throws UsageException
    {
        final OptionSet opts = new OptionSet("nsqd");
        final Option<Long> workerId = opts.int64("worker-id", 0, "[deprecated] use --node-id").commandLineOnly();

        assertEquals(3L, opts.parse("--worker-id", "3").get(workerId));
    }

    @Test
    void shouldRejectRedefinedFlag()
    {
        final OptionSet opts = new OptionSet("nsqd");
        opts.bool("snappy", true, "snappy");

        assertThrows(IllegalArgumentException.class, () -> opts.bool("snappy", false, "again"));
        assertThrows(IllegalArgumentException.class, () -> opts.string("config", "", "again"));
    }

    @Test
    void shouldReserveHelpNames()
    {
        final OptionSet opts = new OptionSet("nsqd");

        assertThrows(IllegalArgumentException.class, () -> opts.bool("help", false, "help"));
        assertThrows(IllegalArgumentException.class, () -> opts.bool("h", false, "help"));
    }

    @Test
    void shouldRejectBadFlagNames()
    {
        final OptionSet opts = new OptionSet("nsqd");

        assertThrows(IllegalArgumentException.class, () -> opts.bool("", false, "empty"));
        assertThrows(IllegalArgumentException.class, () -> opts.bool("-x", false, "dash"));
        assertThrows(IllegalArgumentException.class, () -> opts.bool("a=b", false, "equals"));
    }

    @Test
    void shouldRejectTwoOptionsReadingTheSameConfigKey()
    {
        final OptionSet opts = new OptionSet("nsqd");
        opts.int64("id", 0, "plain id");
        final Option<Long> nodeId = opts.int64("node-id", 42, "node id");

        assertThrows(IllegalArgumentException.class, () -> nodeId.configKey("id"));
    }

    @Test
    void shouldRejectDefaultOutsideChoices()
    {
        final OptionSet opts = new OptionSet("nsqd");

        assertThrows(IllegalArgumentException.class, () -> opts.choice("mode", "fast", List.of("shared", "dedicated"), "mode"));
    }

    @Test
    void shouldRejectModifyingAStaleHandle()
    {
        final OptionSet opts = new OptionSet("nsqd");
        final Option<Long> original = opts.int64("node-id", 42, "node id");
        original.configKey("id");

        assertThrows(IllegalStateException.class, () -> original.configKey("other"));
    }

    @Test
    void shouldStillReadValueThroughTheHandleBeforeConfigKey() throws UsageException
    {
        final OptionSet opts = new OptionSet("nsqd");
        final Option<Long> original = opts.int64("node-id", 42, "node id");
        final Option<Long> renamed = original.configKey("id");

        final ParsedOptions parsed = opts.parse("--node-id=7");

        assertEquals(7L, parsed.get(original));
        assertEquals(7L, parsed.get(renamed));
    }

    @Test
    void shouldRejectOptionOfAnotherSet() throws UsageException
    {
        final OptionSet nsqd = new OptionSet("nsqd");
        final OptionSet other = new OptionSet("nsqlookupd");
        final Option<Long> foreign = other.int64("mem-queue-size", 1, "x");
        nsqd.int64("mem-queue-size", 1, "x");

        final ParsedOptions parsed = nsqd.parse();

        assertThrows(IllegalArgumentException.class, () -> parsed.get(foreign));
    }

    @Test
    void shouldKeepEarlierResultUnchangedByLaterDeclarations() throws UsageException
    {
        final OptionSet opts = new OptionSet("nsqd");
        final Option<Duration> timeout = opts.duration("msg-timeout", Duration.ofSeconds(60), "timeout");
        final ParsedOptions first = opts.parse("--msg-timeout=1s");
        final Option<Boolean> later = opts.bool("later", false, "declared after the first parse");

        assertEquals(Duration.ofSeconds(1), first.get(timeout));
        assertThrows(IllegalArgumentException.class, () -> first.get(later));
        assertFalse(opts.parse("--later").get(timeout).isZero());
    }

    @Test
    void shouldReturnTheSameValueObjectOnEveryGet() throws UsageException
    {
        final OptionSet opts = new OptionSet("nsqd");
        final Option<List<String>> list = opts.stringList("lookupd-tcp-address", "list");
        final ParsedOptions parsed = opts.parse("--lookupd-tcp-address=a");

        assertSame(parsed.get(list), parsed.get(list));
    }

    @org.junit.jupiter.api.Test
    void shouldTakeABoolLikeChoiceBareAsTrueAndOtherWordsAfterEquals() throws UsageException
    {
        final OptionSet set = new OptionSet("nsqd");
        final Option<String> required = set.boolChoice("tls-required", "false", java.util.List.of("true", "false", "tcp-https"), "h");
        org.junit.jupiter.api.Assertions.assertEquals("true", set.parse("--tls-required").get(required));
        org.junit.jupiter.api.Assertions.assertEquals("tcp-https", set.parse("--tls-required=tcp-https").get(required));
        org.junit.jupiter.api.Assertions.assertEquals("false", set.parse().get(required));
        final UsageException bad = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
            () -> set.parse("--tls-required=maybe"));
        org.junit.jupiter.api.Assertions.assertEquals(UsageException.EXIT_BAD_FLAGS, bad.exitCode());
    }
}
