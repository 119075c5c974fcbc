package io.ringnsq.admin;

import io.ringnsq.transport.daemon.DaemonCommandLine;
import io.ringnsq.transport.daemon.DaemonExit;
import io.ringnsq.transport.log.NsqdLogging;
import io.ringnsq.transport.v2.V2Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/nsqadmin}: upstream's command line (flags, {@code --config}, {@code --version}, {@code --help}),
 * its start-up lines on stderr, and exit 0 on SIGTERM or SIGINT. Bad flags exit 2; a bad option
 * combination or a port in use exit 1.
 */
public final class AdminMain
{
    /** {@link #run} returns this once nsqadmin is up: the agent thread keeps the JVM alive. */
    static final int RUNNING = -1;

    private AdminMain()
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
        final Logger log = LoggerFactory.getLogger("nsqadmin");
        final DaemonCommandLine.Outcome<AdminContext> read =
            DaemonCommandLine.read(args, AdminOptions.declare(), AdminContext.DEFAULT_LOG_PREFIX, version(), log);
        if (read.context() == null)
        {
            return read.exitCode();
        }
        final AdminContext context = read.context();
        final Nsqadmin admin;
        try
        {
            admin = Nsqadmin.start(context);
        }
        catch (final Exception ex)
        {
            log.error(NsqdLogging.FATAL, "failed to instantiate nsqadmin - {}", ex.getMessage());
            return 1;
        }
        log.info(version());
        log.info("HTTP: listening on {}", admin.httpListenAddress());
        DaemonExit.onSignal("nsqadmin-stop", () ->
        {
            log.info("HTTP: closing {}", admin.httpListenAddress());
            admin.close();
        });
        return RUNNING;
    }

    /** Upstream's format, {@code nsqadmin v1.3.0 (built w/go1.21.5)}, with the JVM in place of Go. */
    static String version()
    {
        return "nsqadmin v" + V2Limits.VERSION + " (built w/java" + Runtime.version().feature() + ")";
    }
}
