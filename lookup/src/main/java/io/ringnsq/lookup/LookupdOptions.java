package io.ringnsq.lookup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.ringnsq.cli.Option;
import io.ringnsq.cli.OptionSet;
import io.ringnsq.cli.ParsedOptions;
import io.ringnsq.cli.UsageException;
import io.ringnsq.transport.daemon.DaemonCommandLine;
import io.ringnsq.transport.log.LogLevel;

/**
 * nsqlookupd's command-line flags and config-file keys: upstream v1.3.0's names, defaults and help texts
 * ({@code apps/nsqlookupd/options.go}).
 *
 * <pre>{@code
 * LookupdOptions options = LookupdOptions.declare();
 * ParsedOptions parsed = options.parse(args);      // UsageException: print displayText() to stderr, exit exitCode()
 * if (parsed.helpRequested())                      // usage() to stderr, exit 0
 * if (parsed.get(options.version()))               // "nsqlookupd v1.3.0 (built w/java17)" to stdout, exit 0
 * Lookupd.start(options.toContext(parsed));
 * }</pre>
 */
public final class LookupdOptions implements DaemonCommandLine.Flags<LookupdContext>
{
    /** The program name in usage and error messages. */
    public static final String PROGRAM = "nsqlookupd";

    private final OptionSet set = new OptionSet(PROGRAM);
    private final Option<Boolean> version;
    private final Option<String> logLevel;
    private final Option<String> logPrefix;
    private final Option<String> tcpAddress;
    private final Option<String> httpAddress;
    private final Option<String> broadcastAddress;
    private final Option<Duration> inactiveProducerTimeout;
    private final Option<Duration> tombstoneLifetime;

    private LookupdOptions()
    {
        final LookupdContext defaults = new LookupdContext();
        version = set.bool("version", false, "print version string").commandLineOnly();
        logLevel = set.string("log-level", defaults.logLevel().flagName(), "set log verbosity: debug, info, warn, error, or fatal");
        logPrefix = set.string("log-prefix", defaults.logPrefix(), "log message prefix");
        set.deprecated("verbose", "[deprecated] has no effect, use --log-level");
        tcpAddress = set.string("tcp-address", defaults.tcpAddress(), "<addr>:<port> to listen on for TCP clients");
        httpAddress = set.string("http-address", defaults.httpAddress(), "<addr>:<port> to listen on for HTTP clients");
        broadcastAddress = set.string("broadcast-address", defaults.broadcastAddress(),
            "address of this lookupd node, (default to the OS hostname)");
        inactiveProducerTimeout = set.duration("inactive-producer-timeout", defaults.inactiveProducerTimeout(),
            "duration of time a producer will remain in the active list since its last ping");
        tombstoneLifetime = set.duration("tombstone-lifetime", defaults.tombstoneLifetime(),
            "duration of time a producer will remain tombstoned if registration remains");
    }

    public static LookupdOptions declare()
    {
        return new LookupdOptions();
    }

    /** {@code --version}: not read from the config file. */
    @Override
    public Option<Boolean> version()
    {
        return version;
    }

    /** The {@code --help} text, in Go's layout. */
    @Override
    public String usage()
    {
        return set.usage();
    }

    /**
     * Reads the command line, then the {@code --config} file, as upstream's main does: flag errors (a bad
     * {@code --log-level} too) exit 2 before the file is read, {@code --version} and {@code --help} need no file,
     * and a bad file or a bad {@code log_level} in it exits 1.
     */
    @Override
    public ParsedOptions parse(final String... args) throws UsageException
    {
        final ParsedOptions commandLine = set.parse(withoutConfigFile(args));
        if (commandLine.helpRequested() || commandLine.get(version))
        {
            return commandLine;
        }
        checkLogLevel(commandLine.get(logLevel), null);
        final ParsedOptions parsed = set.parse(args);
        if (!commandLine.isSet(logLevel))
        {
            checkLogLevel(parsed.get(logLevel), parsed.get(set.configFile()));
        }
        return parsed;
    }

    /** {@code -config=} as the last flag turns the file off (the last value wins); it goes before a {@code --}. */
    private static String[] withoutConfigFile(final String[] args)
    {
        final List<String> list = new ArrayList<>(List.of(args));
        final int terminator = list.indexOf("--");
        list.add(terminator < 0 ? list.size() : terminator, "-config=");
        return list.toArray(String[]::new);
    }

    /** @param configFile where the value came from, or null for the command line */
    private void checkLogLevel(final String value, final String configFile) throws UsageException
    {
        try
        {
            LogLevel.parse(value);
        }
        catch (final IllegalArgumentException ex)
        {
            if (configFile == null)
            {
                throw DaemonCommandLine.badLogLevelFlag(PROGRAM, value, ex);
            }
            throw UsageException.badConfig("config file " + configFile + ": key \"log_level\": " + ex.getMessage());
        }
    }

    /** The context these values describe. */
    @Override
    public LookupdContext toContext(final ParsedOptions parsed)
    {
        return new LookupdContext()
            .tcpAddress(parsed.get(tcpAddress))
            .httpAddress(parsed.get(httpAddress))
            .broadcastAddress(parsed.get(broadcastAddress))
            .inactiveProducerTimeout(parsed.get(inactiveProducerTimeout))
            .tombstoneLifetime(parsed.get(tombstoneLifetime))
            .logLevel(LogLevel.parse(parsed.get(logLevel)))
            .logPrefix(parsed.get(logPrefix));
    }
}
