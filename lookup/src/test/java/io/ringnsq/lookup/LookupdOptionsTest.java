package io.ringnsq.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.ringnsq.cli.UsageException;
import io.ringnsq.transport.log.LogLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nsqlookupd's command line (spec §6.2): upstream's flags, defaults, config keys and exit codes. */
class LookupdOptionsTest
{
    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err)
    {
    }

    private static Run run(final String... args)
    {
        final PrintStream out = System.out;
        final PrintStream err = System.err;
        final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try
        {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            final int exitCode = LookupdMain.run(args);
            return new Run(exitCode, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        }
        finally
        {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void shouldDefaultToUpstreamValues() throws UsageException
    {
        final LookupdOptions options = LookupdOptions.declare();
        final LookupdContext context = options.toContext(options.parse());
        assertEquals("0.0.0.0:4160", context.tcpAddress());
        assertEquals("0.0.0.0:4161", context.httpAddress());
        assertEquals(Duration.ofMinutes(5), context.inactiveProducerTimeout());
        assertEquals(Duration.ofSeconds(45), context.tombstoneLifetime());
        assertEquals(LogLevel.INFO, context.logLevel());
        assertEquals("[nsqlookupd] ", context.logPrefix());
        assertEquals(new LookupdContext().broadcastAddress(), context.broadcastAddress());
    }

    @Test
    void shouldMapEveryFlagIntoTheContext() throws UsageException
    {
        final LookupdOptions options = LookupdOptions.declare();
        final LookupdContext context = options.toContext(options.parse("--tcp-address=127.0.0.1:1", "-http-address", "127.0.0.1:2",
            "--broadcast-address=b", "--inactive-producer-timeout=1m30s", "--tombstone-lifetime=10s", "--log-level=WARN",
            "--log-prefix=", "--verbose"));
        assertEquals("127.0.0.1:1", context.tcpAddress());
        assertEquals("127.0.0.1:2", context.httpAddress());
        assertEquals("b", context.broadcastAddress());
        assertEquals(Duration.ofSeconds(90), context.inactiveProducerTimeout());
        assertEquals(Duration.ofSeconds(10), context.tombstoneLifetime());
        assertEquals(LogLevel.WARN, context.logLevel());
        assertEquals("", context.logPrefix());
    }

    @Test
    void shouldReadTheConfigFileUnderCommandLineFlags() throws IOException, UsageException
    {
        final Path config = dir.resolve("lookupd.toml");
        Files.writeString(config, "tcp_address = \"127.0.0.1:7\"\ntombstone_lifetime = \"1m\"\nbroadcast_address = \"file\"\n"
            + "unknown_key = 1\nversion = true\n");
        final LookupdOptions options = LookupdOptions.declare();
        final LookupdContext context = options.toContext(options.parse("--config=" + config, "--broadcast-address=flag"));
        assertEquals("127.0.0.1:7", context.tcpAddress());
        assertEquals(Duration.ofMinutes(1), context.tombstoneLifetime());
        assertEquals("flag", context.broadcastAddress());
    }

    @Test
    void shouldPrintUsageOnHelpAndExitZero()
    {
        final Run help = run("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.err().startsWith("Usage of nsqlookupd:\n"), help.err());
        for (final String flag : new String[] {"-broadcast-address", "-config", "-http-address", "-inactive-producer-timeout",
            "-log-level", "-log-prefix", "-tcp-address", "-tombstone-lifetime", "-verbose", "-version"})
        {
            // Go's layout: "  -name type" for a value flag, "  -name" alone for a boolean, help on the next line
            assertTrue(help.err().contains("  " + flag + " ") || help.err().contains("  " + flag + "\n"), flag + " in\n" + help.err());
        }
        assertTrue(help.err().contains("(default 5m0s)"), help.err());
        assertTrue(help.err().contains("(default \"0.0.0.0:4160\")"), help.err());
    }

    @Test
    void shouldExitTwoOnAnUnknownFlag()
    {
        final Run bad = run("--mem-queue-size=1");
        assertEquals(2, bad.exitCode());
        assertEquals("flag provided but not defined: -mem-queue-size\n", bad.err().lines().findFirst().orElse("") + "\n");
    }

    @Test
    void shouldExitTwoOnABadCommandLineLogLevel()
    {
        final Run bad = run("--log-level=loud");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().startsWith("invalid value \"loud\" for flag -log-level: "), bad.err());
    }

    @Test
    void shouldExitOneOnABadConfigFileLogLevelWithAFatalLine() throws IOException
    {
        final Path config = dir.resolve("bad.toml");
        Files.writeString(config, "log_level = \"loud\"\n");
        final UsageException ex = assertThrows(UsageException.class, () -> LookupdOptions.declare().parse("--config=" + config));
        assertEquals(UsageException.EXIT_BAD_CONFIG, ex.exitCode());
    }

    @Test
    void shouldPrintTheVersionToStdoutWithoutReadingTheConfigFile()
    {
        final Run version = run("--version", "--config=/no/such/file.toml");
        assertEquals(0, version.exitCode());
        assertEquals("nsqlookupd v1.3.0 (built w/java" + Runtime.version().feature() + ")\n", version.out());
    }

    @Test
    void shouldExitOneWhenTheAddressIsInUse() throws IOException
    {
        try (LookupdFixture running = new LookupdFixture())
        {
            final Run taken = run("--tcp-address=127.0.0.1:" + running.tcpPort(), "--http-address=127.0.0.1:0");
            assertEquals(1, taken.exitCode());
            assertTrue(taken.err().contains("FATAL: failed to start nsqlookupd - listen (127.0.0.1:" + running.tcpPort() + ") failed"),
                taken.err());
        }
    }
}
