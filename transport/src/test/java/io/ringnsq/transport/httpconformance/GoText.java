package io.ringnsq.transport.httpconformance;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The Go formatting upstream's text output relies on, so expected /stats text can be built exactly:
 * {@code time.Duration.String()} (uptime, "connected: 2s") and the e2e percentile form
 * {@code NanoSecondToHuman} ("1.5s", "0.0ns").
 */
final class GoText
{
    private static final long SECOND = 1_000_000_000L;

    private GoText()
    {
    }

    /** Go's {@code time.Duration(nanos).String()}: "0s", "250ms", "1.5s", "1m30s", "1h0m0s". */
    static String duration(final long nanos)
    {
        if (nanos == 0)
        {
            return "0s";
        }
        final String sign = nanos < 0 ? "-" : "";
        final long u = Math.abs(nanos);
        if (u < SECOND)
        {
            if (u < 1_000)
            {
                return sign + u + "ns";
            }
            if (u < 1_000_000)
            {
                return sign + (u / 1_000) + fraction(u % 1_000, 3) + "\u00b5s";
            }
            return sign + (u / 1_000_000) + fraction(u % 1_000_000, 6) + "ms";
        }
        final long seconds = u / SECOND;
        final String secondsPart = (seconds % 60) + fraction(u % SECOND, 9) + "s";
        final long minutes = seconds / 60;
        if (minutes == 0)
        {
            return sign + secondsPart;
        }
        final long hours = minutes / 60;
        final String minutesPart = (minutes % 60) + "m" + secondsPart;
        return sign + (hours == 0 ? minutesPart : hours + "h" + minutesPart);
    }

    /** ".5" for 500000000 of 10^9; trailing zeros and a zero fraction are left out, as Go does. */
    private static String fraction(final long remainder, final int digits)
    {
        if (remainder == 0)
        {
            return "";
        }
        String text = String.format("%0" + digits + "d", remainder);
        while (text.endsWith("0"))
        {
            text = text.substring(0, text.length() - 1);
        }
        return "." + text;
    }

    /** Upstream's {@code NanoSecondToHuman}: the value scaled to s/ms/us/ns with one decimal. */
    static String nanoSecondToHuman(final double value)
    {
        final double scaled;
        final String suffix;
        if (value > 1_000_000_000)
        {
            scaled = value / 1_000_000_000;
            suffix = "s";
        }
        else if (value > 1_000_000)
        {
            scaled = value / 1_000_000;
            suffix = "ms";
        }
        else if (value > 1_000)
        {
            scaled = value / 1_000;
            suffix = "us";
        }
        else
        {
            scaled = value;
            suffix = "ns";
        }
        // strconv.FormatFloat(v, 'f', 1, 64) rounds the exact binary value half-to-even
        return new BigDecimal(scaled).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + suffix;
    }
}
