package io.ringnsq.transport.log;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * One log line as upstream writes it: Go's {@code log.Logger} with {@code Ldate|Ltime|Lmicroseconds}
 * and a prefix, then {@code lg.Logf}'s {@code LEVEL: } — {@code <prefix>YYYY/MM/DD HH:MM:SS.micro LEVEL: message},
 * local time, and a newline unless the message already ends with one.
 *
 * <pre>{@code
 * [nsqd] 2026/11/22 03:46:44.485168 INFO: TCP: listening on 127.0.0.1:4150
 * }</pre>
 *
 * <p>Not thread-safe: it caches the text of the current second (the appender that owns it is synchronized).
 */
public final class GoLogFormat
{
    private final ZoneRules zone;
    private final StringBuilder line = new StringBuilder(256);
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedDateTime = "";

    /** @param zone the time zone of the timestamps (upstream: the process's local zone) */
    public GoLogFormat(final ZoneId zone)
    {
        this.zone = zone.getRules();
    }

    /**
     * The line for one message, newline included.
     *
     * @param prefix  the {@code --log-prefix}, put first as Go's logger does
     * @param time    when the message was logged
     * @param word    the level word ({@link LogLevel#word()})
     * @param message the text; one that already ends with a newline gets no second one
     */
    public String format(final String prefix, final Instant time, final String word, final CharSequence message)
    {
        line.setLength(0);
        line.append(prefix).append(dateTime(time.getEpochSecond()));
        appendPadded(line, time.getNano() / 1_000, 6);
        line.append(' ').append(word).append(": ").append(message);
        if (line.charAt(line.length() - 1) != '\n')
        {
            line.append('\n');
        }
        return line.toString();
    }

    /** {@code YYYY/MM/DD HH:MM:SS.} of the second, computed once per second: most lines share it. */
    private String dateTime(final long epochSecond)
    {
        if (epochSecond != cachedSecond)
        {
            final ZoneOffset offset = zone.getOffset(Instant.ofEpochSecond(epochSecond));
            final LocalDateTime local = LocalDateTime.ofEpochSecond(epochSecond, 0, offset);
            final StringBuilder text = new StringBuilder(20);
            appendPadded(text, local.getYear(), 4);
            appendPadded(text.append('/'), local.getMonthValue(), 2);
            appendPadded(text.append('/'), local.getDayOfMonth(), 2);
            appendPadded(text.append(' '), local.getHour(), 2);
            appendPadded(text.append(':'), local.getMinute(), 2);
            appendPadded(text.append(':'), local.getSecond(), 2);
            cachedDateTime = text.append('.').toString();
            cachedSecond = epochSecond;
        }
        return cachedDateTime;
    }

    private static void appendPadded(final StringBuilder out, final int value, final int width)
    {
        final String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++)
        {
            out.append('0');
        }
        out.append(digits);
    }
}
