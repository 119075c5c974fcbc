package io.ringnsq.benchmarks.load;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * The machine's own stalls during a latency run, in jHiccup's way: a thread that sleeps {@link #PERIOD_NANOS} at a
 * time and records how late it wakes. A late wake-up means a runnable thread waited for a core (a hypervisor that took
 * the vCPU, a kernel thread that did not yield, a collector's pause in this process); any other thread runnable at
 * that moment, the broker's or the harness's, waited as long. A latency percentile at or below what these stalls add
 * up to is the machine's, not the broker's.
 */
final class StallMeter implements AutoCloseable
{
    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long HIGHEST = TimeUnit.SECONDS.toNanos(60);

    private final Histogram lateness = new Histogram(HIGHEST, 2);
    private final Thread thread;
    private volatile boolean running = true;

    private StallMeter()
    {
        thread = new Thread(this::run, "stall-meter");
        thread.setDaemon(true);
    }

    static StallMeter start()
    {
        final StallMeter meter = new StallMeter();
        meter.thread.start();
        return meter;
    }

    private void run()
    {
        while (running)
        {
            final long before = System.nanoTime();
            LockSupport.parkNanos(PERIOD_NANOS);
            lateness.recordValue(Math.min(HIGHEST, Math.max(0, System.nanoTime() - before - PERIOD_NANOS)));
        }
    }

    /** Stops the meter; its figures are complete once this returns. */
    @Override
    public void close() throws InterruptedException
    {
        running = false;
        LockSupport.unpark(thread);
        thread.join();
    }

    /** Wake-ups at least {@code nanos} late. */
    long lateBy(final long nanos)
    {
        return lateness.getCountBetweenValues(lateness.lowestEquivalentValue(nanos), HIGHEST);
    }

    long longestNanos()
    {
        return lateness.getMaxValue();
    }

    Map<String, Object> json()
    {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("period_us", PERIOD_NANOS / 1_000);
        json.put("wakeups", lateness.getTotalCount());
        json.put("late_1ms", lateBy(TimeUnit.MILLISECONDS.toNanos(1)));
        json.put("late_2ms", lateBy(TimeUnit.MILLISECONDS.toNanos(2)));
        json.put("longest_us", Math.round(longestNanos() / 1e3));
        return json;
    }

    String text()
    {
        return String.format(Locale.ROOT, "machine stalls: %d wake-ups of a 1 ms sleeper over 1 ms late, %d over 2 ms, longest %.1f ms",
            lateBy(TimeUnit.MILLISECONDS.toNanos(1)), lateBy(TimeUnit.MILLISECONDS.toNanos(2)), longestNanos() / 1e6);
    }
}
