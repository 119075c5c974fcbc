package io.ringnsq.lookup;

import java.io.IOException;

import io.ringnsq.cli.ParsedOptions;
import io.ringnsq.cli.UsageException;
import io.ringnsq.transport.daemon.DaemonExit;
import io.ringnsq.transport.log.LogLevel;
import io.ringnsq.transport.log.NsqdLogging;
import io.ringnsq.transport.v2.V2Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/nsqlookupd}: upstream's command line (flags, {@code --config}, {@code --version}, {@code --help}),
 * its start-up lines on stderr, and a clean stop with exit code 0 on SIGTERM or SIGINT. Bad flags exit 2; a bad
 * config file or a port in use exit 1.
 */
public final class LookupdMain
{
    /** {@link #run} returns this once lookupd is up: the agent thread keeps the JVM alive. */
    static final int RUNNING = -1;

    private LookupdMain()
    {
    }

    public static void main(final String[] args)
    {
        final int exitCode = run(args);
        if (exitCode != RUNNING)
        {
            System.exit(exitCode);
        }
    }

    static int run(final String[] args)
    {
        final Logger log = LoggerFactory.getLogger("nsqlookupd");
        final LookupdOptions options = LookupdOptions.declare();
        final LookupdContext context;
        try
        {
            // upstream's logFatal before the options are read uses lookupd's default prefix
            NsqdLogging.configure(LogLevel.INFO, LookupdContext.DEFAULT_LOG_PREFIX, "", NsqdLogging.DEFAULT_FILE_MAX_SIZE,
                NsqdLogging.DEFAULT_FILE_MAX_FILES);
            final ParsedOptions parsed = options.parse(args);
            if (parsed.helpRequested())
            {
                System.err.print(options.usage());
                return 0;
            }
            if (parsed.get(options.version()))
            {
                System.out.println(version());
                return 0;
            }
            context = options.toContext(parsed);
            NsqdLogging.configure(context.logLevel(), context.logPrefix(), "", NsqdLogging.DEFAULT_FILE_MAX_SIZE,
                NsqdLogging.DEFAULT_FILE_MAX_FILES);
        }
        catch (final UsageException ex)
        {
            return DaemonExit.report(ex, log);
        }
        catch (final IOException ex)
        {
            return 1; // stderr cannot fail to open
        }

        final Lookupd lookupd;
        try
        {
            lookupd = Lookupd.start(context);
        }
        catch (final IOException | RuntimeException ex)
        {
            log.error(NsqdLogging.FATAL, "failed to start nsqlookupd - {}", ex.getMessage());
            return 1;
        }
        log.info(version());
        log.info("TCP: listening on {}", lookupd.tcpListenAddress());
        log.info("HTTP: listening on {}", lookupd.httpListenAddress());
        // SIGTERM and SIGINT close lookupd and exit with 0, as upstream does
        DaemonExit.onSignal("nsqlookupd-stop", lookupd::close);
        return RUNNING;
    }

    /** Upstream's format, {@code nsqlookupd v1.3.0 (built w/go1.21.5)}, with the JVM in place of Go. */
    static String version()
    {
        return "nsqlookupd v" + V2Limits.VERSION + " (built w/java" + Runtime.version().feature() + ")";
    }
}
