package io.ringnsq.transport.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.Marker;

/**
 * The one appender of ringnsq's logging: formats each event as upstream's line ({@link GoLogFormat})
 * and writes it to stderr or the {@code --log-file}. It also applies the part of the level that
 * logback cannot: at {@link LogLevel#FATAL} only events marked {@link NsqdLogging#FATAL} pass.
 *
 * <p>With a log file, FATAL lines go to stderr as well: they come just before the process exits,
 * and whoever started it should see why.
 *
 * <p>{@link AppenderBase#doAppend} is synchronized, so lines never interleave and the sink and
 * prefix can be swapped under the same lock.
 */
final class NsqdLogAppender extends AppenderBase<ILoggingEvent>
{
    /** The appender's name on the root logger, so a later {@link NsqdLogging#configure} finds it. */
    static final String NAME = "ringnsq";

    private final GoLogFormat format = new GoLogFormat(ZoneId.systemDefault());
    private final StringBuilder message = new StringBuilder(256);
    private String prefix;
    private LogSink sink;
    private volatile LogLevel threshold;
    private boolean reportedFailure;

    NsqdLogAppender(final String prefix, final LogSink sink, final LogLevel threshold)
    {
        this.prefix = prefix;
        this.sink = sink;
        this.threshold = threshold;
        setName(NAME);
    }

    /** Points the appender at a new destination and prefix; returns the old sink for the caller to close. */
    synchronized LogSink use(final String newPrefix, final LogSink newSink)
    {
        final LogSink old = sink;
        prefix = newPrefix;
        sink = newSink;
        reportedFailure = false;
        return old;
    }

    void threshold(final LogLevel level)
    {
        threshold = level;
    }

    LogLevel threshold()
    {
        return threshold;
    }

    synchronized String prefix()
    {
        return prefix;
    }

    synchronized LogSink sink()
    {
        return sink;
    }

    @Override
    protected void append(final ILoggingEvent event)
    {
        final boolean fatal = isFatal(event);
        if (threshold == LogLevel.FATAL && !fatal)
        {
            return;
        }
        message.setLength(0);
        message.append(event.getFormattedMessage());
        final IThrowableProxy throwable = event.getThrowableProxy();
        if (throwable != null)
        {
            // upstream has no stack traces; a JVM failure is unreadable without one
            message.append('\n').append(ThrowableProxyUtil.asString(throwable));
        }
        final String line = format.format(prefix, event.getInstant(), word(event.getLevel(), fatal), message);
        final byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        try
        {
            sink.write(bytes);
        }
        catch (final IOException ex)
        {
            reportFailure(ex);
        }
        if (fatal && sink != LogSink.STDERR)
        {
            // the process is about to exit: say why where it was started too, not only in the file
            writeToStderr(bytes);
        }
    }

    private static void writeToStderr(final byte[] bytes)
    {
        try
        {
            LogSink.STDERR.write(bytes);
        }
        catch (final IOException ex)
        {
            // nowhere left to say it
        }
    }

    @Override
    public void stop()
    {
        super.stop();
        synchronized (this)
        {
            sink.close();
        }
    }

    private void reportFailure(final IOException ex)
    {
        // the log cannot report its own failure; say it once on stderr, which is still there
        if (!reportedFailure)
        {
            reportedFailure = true;
            System.err.println(prefix + "log: cannot write to " + sink.describe() + " - " + ex.getMessage());
        }
    }

    private static boolean isFatal(final ILoggingEvent event)
    {
        final List<Marker> markers = event.getMarkerList();
        if (markers == null)
        {
            return false;
        }
        for (final Marker marker : markers)
        {
            if (NsqdLogging.FATAL.equals(marker))
            {
                return true;
            }
        }
        return false;
    }

    private static String word(final Level level, final boolean fatal)
    {
        if (fatal)
        {
            return LogLevel.FATAL.word();
        }
        switch (level.toInt())
        {
            case Level.ERROR_INT:
                return LogLevel.ERROR.word();
            case Level.WARN_INT:
                return LogLevel.WARN.word();
            case Level.INFO_INT:
                return LogLevel.INFO.word();
            default:
                // upstream has no TRACE: its nearest is DEBUG
                return LogLevel.DEBUG.word();
        }
    }
}
