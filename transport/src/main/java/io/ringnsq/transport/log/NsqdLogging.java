package io.ringnsq.transport.log;

import java.io.IOException;
import java.nio.file.Path;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * ringnsq's logging: SLF4J everywhere, logback underneath, configured in code (no XML is looked
 * for: {@link NsqdLogConfigurator} sets the defaults when logback starts) and written in upstream's
 * format, {@code [nsqd] 2026/11/22 03:46:44.485168 INFO: message}, on stderr or in a rotated file.
 *
 * <pre>{@code
 * NsqdLogging.configure(LogLevel.INFO, "[nsqd] ", "", 0, 0);          // at start: --log-level, --log-prefix, --log-file...
 * LOG.info("TCP: listening on {}", address);                          // any SLF4J logger
 * LOG.error(NsqdLogging.FATAL, "failed to start nsqd - {}", reason);  // a FATAL line
 * NsqdLogging.setLevel(LogLevel.parse("debug"));                      // PUT /config/log_level
 * }</pre>
 *
 * <p>Logging is for start-up, shutdown, clients coming and going, and errors: never once per
 * message, so the hot path pays nothing for it. The configuration is global to the JVM; methods may
 * be called from any thread.
 */
public final class NsqdLogging
{
    /** Marks an ERROR event as upstream's FATAL: its line says {@code FATAL}, and it passes at {@code --log-level=fatal}. */
    public static final Marker FATAL = MarkerFactory.getMarker("FATAL");

    /** {@code --log-prefix}'s default. */
    public static final String DEFAULT_PREFIX = "[nsqd] ";
    /** {@code --log-file-max-size}'s default: 100 MiB. */
    public static final long DEFAULT_FILE_MAX_SIZE = 100L * 1024 * 1024;
    /** {@code --log-file-max-files}'s default. */
    public static final int DEFAULT_FILE_MAX_FILES = 5;

    private NsqdLogging()
    {
    }

    /**
     * Applies the logging options. Nothing changes if the file cannot be opened.
     *
     * @param level    {@code --log-level}
     * @param prefix   {@code --log-prefix}, put at the start of every line
     * @param file     {@code --log-file}; {@code null} or empty means stderr, as upstream
     * @param maxSize  {@code --log-file-max-size} in bytes (ignored for stderr)
     * @param maxFiles {@code --log-file-max-files} (ignored for stderr)
     * @throws IOException one line naming the file and why it cannot be written
     * @throws IllegalArgumentException for a file size below 1 or a negative file count
     */
    public static void configure(final LogLevel level, final String prefix, final String file,
        final long maxSize, final int maxFiles) throws IOException
    {
        final LogSink sink = file == null || file.isEmpty() ? LogSink.STDERR : new RotatingLogFile(Path.of(file), maxSize, maxFiles);
        final NsqdLogAppender appender = appender();
        final LogSink old = appender.use(prefix, sink);
        if (old != sink)
        {
            old.close();
        }
        setLevel(level);
    }

    /** Changes the level at once, for every logger (upstream's {@code PUT /config/log_level}). */
    public static void setLevel(final LogLevel level)
    {
        // the appender's threshold first: at FATAL it must already drop plain ERRORs when the root lets them through
        appender().threshold(level);
        root().setLevel(level.logbackLevel());
    }

    /** The level in force. */
    public static LogLevel level()
    {
        return appender().threshold();
    }

    /** The prefix in force. */
    public static String prefix()
    {
        return appender().prefix();
    }

    /** The log file in use, or {@code null} when logging goes to stderr. */
    public static Path file()
    {
        final LogSink sink = appender().sink();
        return sink instanceof RotatingLogFile ? ((RotatingLogFile)sink).file() : null;
    }

    /** Installs ringnsq's appender on {@code context}'s root logger at upstream's defaults (INFO, stderr, {@code [nsqd] }). */
    static void installDefaults(final LoggerContext context)
    {
        final Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        final NsqdLogAppender appender = new NsqdLogAppender(DEFAULT_PREFIX, LogSink.STDERR, LogLevel.INFO);
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
        root.setLevel(LogLevel.INFO.logbackLevel());
    }

    private static NsqdLogAppender appender()
    {
        final Logger root = root();
        final Appender<ILoggingEvent> appender = root.getAppender(NsqdLogAppender.NAME);
        if (appender instanceof NsqdLogAppender)
        {
            return (NsqdLogAppender)appender;
        }
        // logback was configured by something else (a logback.xml ahead of ours): take over, as nsqd's options must hold
        synchronized (NsqdLogging.class)
        {
            final Appender<ILoggingEvent> again = root.getAppender(NsqdLogAppender.NAME);
            if (!(again instanceof NsqdLogAppender))
            {
                installDefaults(root.getLoggerContext());
            }
            return (NsqdLogAppender)root.getAppender(NsqdLogAppender.NAME);
        }
    }

    private static Logger root()
    {
        final ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext))
        {
            throw new IllegalStateException("SLF4J is bound to " + factory.getClass().getName() + ", not logback");
        }
        return ((LoggerContext)factory).getLogger(Logger.ROOT_LOGGER_NAME);
    }
}
