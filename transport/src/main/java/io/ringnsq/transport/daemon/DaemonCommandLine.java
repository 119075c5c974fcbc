package io.ringnsq.transport.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.ringnsq.cli.GoQuote;
import io.ringnsq.cli.Option;
import io.ringnsq.cli.ParsedOptions;
import io.ringnsq.cli.UsageException;
import io.ringnsq.transport.log.LogLevel;
import io.ringnsq.transport.log.NsqdLogging;
import org.slf4j.Logger;

/**
 * A daemon's command line read as upstream's daemons read theirs: logging set up with the daemon's default prefix
 * first (so a fatal line about the command line looks like upstream's), {@code --help} to stderr, {@code --version}
 * to stdout, then the daemon's settings and logging as they say. nsqlookupd and nsqadmin share it; nsqd's own
 * logging has more to it (a log file).
 */
public final class DaemonCommandLine
{
    /** A daemon's flags: its parser, usage text, {@code --version} flag and settings. */
    public interface Flags<C extends Settings>
    {
        ParsedOptions parse(String... args) throws UsageException;

        String usage();

        Option<Boolean> version();

        C toContext(ParsedOptions parsed) throws UsageException;
    }

    /** What the command line says about logging. */
    public interface Settings
    {
        LogLevel logLevel();

        String logPrefix();
    }

    /** The settings to start with, or the exit code when the daemon should not start (help, version, an error). */
    public record Outcome<C>(C context, int exitCode)
    {
    }

    private DaemonCommandLine()
    {
    }

    public static <C extends Settings> Outcome<C> read(final String[] args, final Flags<C> flags, final String defaultLogPrefix,
        final String version, final Logger log)
    {
        try
        {
            configureLogging(LogLevel.INFO, defaultLogPrefix);
            final ParsedOptions parsed = flags.parse(args);
            if (parsed.helpRequested())
            {
                System.err.print(flags.usage());
                return new Outcome<>(null, 0);
            }
            if (parsed.get(flags.version()))
            {
                System.out.println(version);
                return new Outcome<>(null, 0);
            }
            final C context = flags.toContext(parsed);
            configureLogging(context.logLevel(), context.logPrefix());
            return new Outcome<>(context, 0);
        }
        catch (final UsageException ex)
        {
            return new Outcome<>(null, DaemonExit.report(ex, log));
        }
        catch (final IOException ex)
        {
            log.error(NsqdLogging.FATAL, "{}", ex.getMessage());
            return new Outcome<>(null, 1);
        }
    }

    /** A {@code --log-level} flag whose value is no level, in Go's flag package wording (exit 2). */
    public static UsageException badLogLevelFlag(final String program, final String value, final IllegalArgumentException ex)
    {
        return UsageException.badFlags(program, "invalid value " + GoQuote.quote(value.getBytes(StandardCharsets.UTF_8))
            + " for flag -log-level: " + ex.getMessage());
    }

    private static void configureLogging(final LogLevel level, final String prefix) throws IOException
    {
        NsqdLogging.configure(level, prefix, "", NsqdLogging.DEFAULT_FILE_MAX_SIZE, NsqdLogging.DEFAULT_FILE_MAX_FILES);
    }
}
