package io.ringnsq.lookup;

import java.io.IOException;

import io.ringnsq.transport.daemon.DaemonCommandLine;
import io.ringnsq.transport.daemon.DaemonExit;
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
        final DaemonCommandLine.Outcome<LookupdContext> read =
            DaemonCommandLine.read(args, LookupdOptions.declare(), LookupdContext.DEFAULT_LOG_PREFIX, version(), log);
        if (read.context() == null)
        {
            return read.exitCode();
        }
        final LookupdContext context = read.context();
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
