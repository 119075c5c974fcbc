package io.ringnsq.transport.daemon;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

import io.ringnsq.cli.UsageException;
import io.ringnsq.transport.log.NsqdLogging;
import org.slf4j.Logger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * How an NSQ daemon's {@code main} ends, shared by the daemons: a command-line error reported as upstream
 * reports it, and SIGTERM or SIGINT closing the daemon and exiting with 0 (a shutdown hook would leave the
 * JVM's 143 or 130).
 */
public final class DaemonExit
{
    private DaemonExit()
    {
    }

    /**
     * Reports a command-line error and returns its exit code: a bad config file as upstream's FATAL log line
     * (exit 1), a bad flag as Go's flag package prints it, not as a log line (exit 2).
     */
    public static int report(final UsageException ex, final Logger log)
    {
        if (ex.exitCode() == UsageException.EXIT_BAD_CONFIG)
        {
            log.error(NsqdLogging.FATAL, "{}", ex.getMessage());
        }
        else
        {
            System.err.println(ex.displayText());
        }
        return ex.exitCode();
    }

    /**
     * On SIGTERM or SIGINT runs {@code close} on a thread named {@code threadName}, then exits with 0; a second
     * signal while the first closes changes nothing.
     */
    public static void onSignal(final String threadName, final Runnable close)
    {
        onSignal(threadName, () ->
        {
            close.run();
            return 0;
        });
    }

    /** The same, exiting with the code {@code stop} returns. */
    public static void onSignal(final String threadName, final IntSupplier stop)
    {
        final AtomicBoolean stopping = new AtomicBoolean();
        final SignalHandler handler = signal ->
        {
            if (stopping.compareAndSet(false, true))
            {
                // not on the signal's thread: it is a daemon thread, and the JVM could end under it
                final Thread stopper = new Thread(() ->
                {
                    final int exitCode = stop.getAsInt();
                    System.err.flush();
                    System.exit(exitCode);
                }, threadName);
                stopper.setDaemon(false); // it would inherit the signal thread's daemon flag
                stopper.start();
            }
        };
        Signal.handle(new Signal("TERM"), handler);
        Signal.handle(new Signal("INT"), handler);
    }
}
