package io.ringnsq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class UsageTextTest
{
    @Test
    void shouldPrintFlagsSortedInGoPrintDefaultsLayout()
    {
        final OptionSet opts = new OptionSet("nsqd");
        opts.string("tcp-address", "0.0.0.0:4150", "<addr>:<port> to listen on for TCP clients");
        opts.int64("mem-queue-size", 10000, "number of messages to keep in memory (per topic/channel)");
        opts.bool("snappy", true, "enable snappy feature negotiation (client compression)");
        opts.deprecated("verbose", "[deprecated] has no effect, use --log-level");
        opts.duration("msg-timeout", Duration.ofSeconds(60), "default duration to wait before auto-requeing a message");
        opts.duration("output-buffer-timeout", Duration.ofMillis(250), "default duration of time between flushing data to clients");
        opts.duration("max-req-timeout", Duration.ofHours(1), "maximum requeuing timeout for a message");
        opts.stringList("lookupd-tcp-address", "lookupd TCP address (may be given multiple times)");
        opts.string("data-path", "", "path to store disk-backed messages");

        assertEquals("Usage of nsqd:\n"
            + "  -config string\n"
            + "    \tpath to config file\n"
            + "  -data-path string\n"
            + "    \tpath to store disk-backed messages\n"
            + "  -lookupd-tcp-address value\n"
            + "    \tlookupd TCP address (may be given multiple times)\n"
            + "  -max-req-timeout duration\n"
            + "    \tmaximum requeuing timeout for a message (default 1h0m0s)\n"
            + "  -mem-queue-size int\n"
            + "    \tnumber of messages to keep in memory (per topic/channel) (default 10000)\n"
            + "  -msg-timeout duration\n"
            + "    \tdefault duration to wait before auto-requeing a message (default 1m0s)\n"
            + "  -output-buffer-timeout duration\n"
            + "    \tdefault duration of time between flushing data to clients (default 250ms)\n"
            + "  -snappy\n"
            + "    \tenable snappy feature negotiation (client compression) (default true)\n"
            + "  -tcp-address string\n"
            + "    \t<addr>:<port> to listen on for TCP clients (default \"0.0.0.0:4150\")\n"
            + "  -verbose\n"
            + "    \t[deprecated] has no effect, use --log-level\n",
            opts.usage());
    }

    @Test
    void shouldOmitZeroDefaultsAsGoDoes()
    {
        final OptionSet opts = new OptionSet("p");
        opts.int64("zero", 0, "an int");
        opts.bool("off", false, "a bool");
        opts.duration("none", Duration.ZERO, "a duration");
        opts.string("empty", "", "a string");

        final String usage = opts.usage();

        assertTrue(!usage.contains("(default"), usage);
    }

    @Test
    void shouldKeepOneLetterBooleanHelpOnTheSameLine()
    {
        final OptionSet opts = new OptionSet("p");
        opts.bool("v", false, "verbose");
        opts.int64("n", 3, "count");

        assertEquals("Usage of p:\n"
            + "  -config string\n"
            + "    \tpath to config file\n"
            + "  -n int\n"
            + "    \tcount (default 3)\n"
            + "  -v\tverbose\n",
            opts.usage());
    }

    @Test
    void shouldUseBackQuotedWordAsValueName()
    {
        final OptionSet opts = new OptionSet("p");
        opts.string("dir", "", "search `directory` for files");

        assertTrue(opts.usage().contains("  -dir directory\n    \tsearch directory for files\n"), opts.usage());
    }

    @Test
    void shouldIndentEveryLineOfMultiLineHelp()
    {
        final OptionSet opts = new OptionSet("p");
        opts.bool("long", false, "first\nsecond");

        assertTrue(opts.usage().contains("  -long\n    \tfirst\n    \tsecond\n"), opts.usage());
    }

    @Test
    void shouldQuoteStringDefaultsWithGoEscapes()
    {
        final OptionSet opts = new OptionSet("p");
        opts.string("log-prefix", "[nsqd] ", "log message prefix");
        opts.string("odd", "a\"b\\c\td", "odd");

        assertTrue(opts.usage().contains("log message prefix (default \"[nsqd] \")\n"), opts.usage());
        assertTrue(opts.usage().contains("odd (default \"a\\\"b\\\\c\\td\")\n"), opts.usage());
    }

    @Test
    void shouldShowChoiceDefaultQuotedAsString()
    {
        final OptionSet opts = new OptionSet("p");
        opts.choice("idle-strategy", "backoff", java.util.List.of("backoff", "busy-spin"), "how an idle thread waits");

        assertTrue(opts.usage().contains("  -idle-strategy string\n    \thow an idle thread waits (default \"backoff\")\n"),
            opts.usage());
    }
}
