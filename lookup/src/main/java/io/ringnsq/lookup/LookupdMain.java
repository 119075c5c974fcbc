package io.ringnsq.lookup;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.ringnsq.cli.ParsedOptions;
import io.ringnsq.cli.UsageException;
import io.ringnsq.transport.log.LogLevel;
import io.ringnsq.transport.log.NsqdLogging;
import io.ringnsq.transport.v2.V2Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

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
            if (ex.exitCode() == UsageException.EXIT_BAD_CONFIG)
            {
                log.error(NsqdLogging.FATAL, "{}", ex.getMessage());
            }
            else
            {
                System.err.println(ex.displayText()); // Go's flag package prints its own text, not a log line
            }
            return ex.exitCode();
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
        stopOnSignal(lookupd);
        return RUNNING;
    }

    /**
     * SIGTERM and SIGINT close lookupd and exit with 0, as upstream does (a shutdown hook would leave the JVM's
     * 143 or 130). A second signal while the first closes changes nothing.
     */
    private static void stopOnSignal(final Lookupd lookupd)
    {
        final AtomicBoolean stopping = new AtomicBoolean();
        final SignalHandler handler = signal ->
        {
            if (stopping.compareAndSet(false, true))
            {
                // a thread of its own that is not a daemon: the signal's thread is one, and the JVM could end under it
                final Thread stopper = new Thread(() ->
                {
                    lookupd.close();
                    System.err.flush();
                    System.exit(0);
                }, "nsqlookupd-stop");
                stopper.setDaemon(false); // it would inherit the signal thread's daemon flag
                stopper.start();
            }
        };
        Signal.handle(new Signal("TERM"), handler);
        Signal.handle(new Signal("INT"), handler);
    }

    /** Upstream's format, {@code nsqlookupd v1.3.0 (built w/go1.21.5)}, with the JVM in place of Go. */
    static String version()
    {
        return "nsqlookupd v" + V2Limits.VERSION + " (built w/java" + Runtime.version().feature() + ")";
    }
}
