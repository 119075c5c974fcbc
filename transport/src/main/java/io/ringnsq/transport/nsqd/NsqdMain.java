package io.ringnsq.transport.nsqd;

import java.io.IOException;

import io.ringnsq.cli.ParsedOptions;
import io.ringnsq.cli.UsageException;
import io.ringnsq.transport.daemon.DaemonExit;
import io.ringnsq.transport.log.NsqdLogging;
import io.ringnsq.transport.v2.V2Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/nsqd}: upstream's command line (flags, {@code --config}, {@code --version},
 * {@code --help}), the same start-up lines on stderr, and a clean stop with exit code 0 on SIGTERM or
 * SIGINT. Bad flags exit 2; a bad value, an unusable data path or a port in use exit 1.
 */
public final class NsqdMain
{
    private NsqdMain()
    {
    }

    /** {@link #run} returns this once nsqd is up: the agent threads keep the JVM alive. */
    static final int RUNNING = -1;

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
        final NsqdOptions options = NsqdOptions.declare();
        final ParsedOptions parsed;
        final NsqdContext context;
        try
        {
            parsed = options.parse(args);
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
        }
        catch (final UsageException ex)
        {
            // upstream's logFatal: a FATAL line with the default prefix, whatever --log-prefix says
            return DaemonExit.report(ex, LoggerFactory.getLogger("nsqd"));
        }

        final Logger log = LoggerFactory.getLogger("nsqd");
        try
        {
            NsqdLogging.configure(context.logLevel(), context.logPrefix(), context.logFile(),
                context.logFileMaxSize(), context.logFileMaxFiles());
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            log.error(NsqdLogging.FATAL, "failed to open log file - {}", ex.getMessage());
            return 1;
        }
        final Nsqd nsqd;
        try
        {
            nsqd = Nsqd.start(context);
        }
        catch (final Exception ex)
        {
            log.error(NsqdLogging.FATAL, "failed to start nsqd - {}", ex.getMessage());
            return 1;
        }
        log.info(version());
        log.info("ID: {}", context.nodeId());
        log.info("TCP: listening on {}", nsqd.tcpListenAddress());
        if (nsqd.httpListenAddress() != null)
        {
            log.info("HTTP: listening on {}", nsqd.httpListenAddress());
        }
        if (nsqd.httpsListenAddress() != null)
        {
            log.info("HTTPS: listening on {}", nsqd.httpsListenAddress());
        }

        stopOnSignal(nsqd, log);
        return RUNNING;
    }

    /**
     * SIGTERM and SIGINT stop nsqd cleanly, then exit with 0 as upstream does. They are handled as signals rather
     * than in a shutdown hook: once the JVM is shutting down no library may register a hook of its own, and the
     * first use of Chronicle Queue at shutdown (writing memory to disk when nothing spilled before) does.
     */
    private static void stopOnSignal(final Nsqd nsqd, final Logger log)
    {
        // a second signal while the first stop writes to disk changes nothing: that stop finishes
        DaemonExit.onSignal("nsqd-stop", () ->
        {
            log.info("exiting");
            try
            {
                nsqd.close();
                return 0;
            }
            catch (final RuntimeException | Error ex)
            {
                log.error(NsqdLogging.FATAL, "failed to stop cleanly - {}", ex.toString(), ex);
                return 1;
            }
        });
    }

    /** Upstream's format, {@code nsqd v1.3.0 (built w/go1.21.5)}, with the JVM in place of Go. */
    static String version()
    {
        return "nsqd v" + V2Limits.VERSION + " (built w/java" + Runtime.version().feature() + ")";
    }
}
