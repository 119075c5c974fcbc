package io.ringnsq.transport.stats;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The pieces of Go's {@code fmt}, {@code time} and {@code net} that upstream's /stats text is made
 * of: {@code %-Nd} and {@code %-Ns} padding, {@code time.Duration.String()}, RFC 3339 times and the
 * port of {@code net.SplitHostPort}.
 */
final class GoFmt
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_MICRO = 1_000L;

    /** Go's {@code time.RFC3339} layout, {@code 2006-01-02T15:04:05Z07:00}: whole seconds, Z for UTC. */
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private GoFmt()
    {
    }

    /** {@code %-Nd}: the number, then spaces up to {@code width}. */
    static StringBuilder padInt(final StringBuilder out, final long value, final int width)
    {
        final int start = out.length();
        out.append(value);
        return spaces(out, width - (out.length() - start));
    }

    /** {@code %-Nd} of a Go {@code uint64}: {@code value} read as unsigned. */
    static StringBuilder padUnsigned(final StringBuilder out, final long value, final int width)
    {
        if (value >= 0)
        {
            return padInt(out, value, width);
        }
        final String text = Long.toUnsignedString(value);
        return spaces(out.append(text), width - text.length());
    }

    /** {@code %-Ns}: Go counts the width in runes (code points), not UTF-16 chars or bytes. */
    static StringBuilder padString(final StringBuilder out, final String value, final int width)
    {
        out.append(value);
        return spaces(out, width - value.codePointCount(0, value.length()));
    }

    private static StringBuilder spaces(final StringBuilder out, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            out.append(' ');
        }
        return out;
    }

    /**
     * Go's {@code time.Duration.String()}: {@code 0s}, {@code 1.5µs}, {@code 250ms},
     * {@code 41.70104818s}, {@code 1m0s}, {@code 2h3m4.000000005s}.
     */
    static StringBuilder duration(final StringBuilder out, final long nanos)
    {
        if (nanos == 0)
        {
            return out.append("0s");
        }
        if (nanos < 0)
        {
            out.append('-');
        }
        // Go works on the magnitude as a uint64, which also covers Long.MIN_VALUE
        final long u = nanos == Long.MIN_VALUE ? nanos : Math.abs(nanos);
        if (Long.compareUnsigned(u, NANOS_PER_SECOND) < 0)
        {
            if (u < NANOS_PER_MICRO)
            {
                return out.append(u).append("ns");
            }
            if (u < NANOS_PER_MILLI)
            {
                return fraction(out, u, NANOS_PER_MICRO, 3).append("µs");
            }
            return fraction(out, u, NANOS_PER_MILLI, 6).append("ms");
        }
        final long seconds = Long.divideUnsigned(u, NANOS_PER_SECOND);
        final long subSecond = Long.remainderUnsigned(u, NANOS_PER_SECOND);
        final long hours = seconds / 3600;
        final long minutes = seconds / 60 % 60;
        if (hours > 0)
        {
            out.append(hours).append('h');
        }
        if (seconds >= 60)
        {
            out.append(minutes).append('m');
        }
        out.append(seconds % 60);
        fractionDigits(out, subSecond, 9);
        return out.append('s');
    }

    private static StringBuilder fraction(final StringBuilder out, final long value, final long unit, final int precision)
    {
        out.append(value / unit);
        fractionDigits(out, value % unit, precision);
        return out;
    }

    /** Go's {@code fmtFrac}: {@code .digits} without trailing zeros, nothing when they are all zero. */
    private static void fractionDigits(final StringBuilder out, final long fraction, final int precision)
    {
        if (fraction == 0)
        {
            return;
        }
        long digits = fraction;
        int length = precision;
        while (digits % 10 == 0)
        {
            digits /= 10;
            length--;
        }
        out.append('.');
        final String text = Long.toString(digits);
        for (int i = text.length(); i < length; i++)
        {
            out.append('0');
        }
        out.append(text);
    }

    /** {@code t.Format(time.RFC3339)} of a time in the given zone (Go formats in the process's local zone). */
    static String rfc3339(final long unixNanos, final ZoneId zone)
    {
        final Instant instant = Instant.ofEpochSecond(Math.floorDiv(unixNanos, NANOS_PER_SECOND));
        return RFC3339.format(instant.atZone(zone));
    }

    /**
     * The port of Go's {@code net.SplitHostPort}, or "" where Go reports an error (upstream ignores
     * the error and prints the empty port): no colon, a bracketed host not followed by
     * {@code ]:port}, or a colon in an unbracketed host.
     */
    static String port(final String hostPort)
    {
        if (hostPort == null)
        {
            return "";
        }
        final int lastColon = hostPort.lastIndexOf(':');
        if (lastColon < 0)
        {
            return "";
        }
        int searchBracketsFrom = 0;
        int searchCloseFrom = 0;
        if (hostPort.charAt(0) == '[')
        {
            final int end = hostPort.indexOf(']');
            if (end < 0 || end + 1 != lastColon)
            {
                return "";
            }
            searchBracketsFrom = 1;
            searchCloseFrom = end + 1;
        }
        else if (hostPort.substring(0, lastColon).indexOf(':') >= 0)
        {
            return "";
        }
        if (hostPort.indexOf('[', searchBracketsFrom) >= 0 || hostPort.indexOf(']', searchCloseFrom) >= 0)
        {
            return "";
        }
        return hostPort.substring(lastColon + 1);
    }
}
