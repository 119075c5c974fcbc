package io.ringnsq.transport.http;

import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.EpochNanoClock;

/**
 * The {@code Date} header value as Go writes it ({@code Mon, 02 Jan 2006 15:04:05 GMT}), formatted
 * once per second and reused: one per connection, so it needs no synchronization.
 */
final class HttpDate
{
    static final int LENGTH = 29;
    private static final byte[] DAYS = "SunMonTueWedThuFriSat".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec".getBytes(StandardCharsets.US_ASCII);

    private final EpochNanoClock clock;
    private final byte[] text = new byte[LENGTH];
    private long second = Long.MIN_VALUE;

    HttpDate(final EpochNanoClock clock)
    {
        this.clock = clock;
    }

    /** The current date; the array is overwritten when the second changes. */
    byte[] now()
    {
        final long s = Math.floorDiv(clock.nanoTime(), 1_000_000_000L);
        if (s != second)
        {
            second = s;
            format(s, text);
        }
        return text;
    }

    /** Formats epoch seconds (UTC) into 29 bytes. */
    static void format(final long epochSecond, final byte[] out)
    {
        final long days = Math.floorDiv(epochSecond, 86_400L);
        final int secondOfDay = (int)Math.floorMod(epochSecond, 86_400L);
        final int weekday = (int)Math.floorMod(days + 4, 7L); // 1970-01-01 was a Thursday

        // civil date from days since the epoch (Howard Hinnant's algorithm)
        final long z = days + 719_468;
        final long era = Math.floorDiv(z, 146_097L);
        final long dayOfEra = z - era * 146_097;
        final long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        final long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        final long mp = (5 * dayOfYear + 2) / 153;
        final int day = (int)(dayOfYear - (153 * mp + 2) / 5 + 1);
        final int month = (int)(mp < 10 ? mp + 3 : mp - 9);
        final int year = (int)(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));

        System.arraycopy(DAYS, 3 * weekday, out, 0, 3);
        out[3] = ',';
        out[4] = ' ';
        twoDigits(out, 5, day);
        out[7] = ' ';
        System.arraycopy(MONTHS, 3 * (month - 1), out, 8, 3);
        out[11] = ' ';
        out[12] = (byte)('0' + year / 1000 % 10);
        out[13] = (byte)('0' + year / 100 % 10);
        out[14] = (byte)('0' + year / 10 % 10);
        out[15] = (byte)('0' + year % 10);
        out[16] = ' ';
        twoDigits(out, 17, secondOfDay / 3600);
        out[19] = ':';
        twoDigits(out, 20, secondOfDay / 60 % 60);
        out[22] = ':';
        twoDigits(out, 23, secondOfDay % 60);
        out[25] = ' ';
        out[26] = 'G';
        out[27] = 'M';
        out[28] = 'T';
    }

    private static void twoDigits(final byte[] out, final int at, final int value)
    {
        out[at] = (byte)('0' + value / 10);
        out[at + 1] = (byte)('0' + value % 10);
    }
}
