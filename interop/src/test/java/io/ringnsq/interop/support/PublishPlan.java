package io.ringnsq.interop.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The messages a client test publishes, numbered 0..N-1 in publishing order: first the PUB share, then the
 * MPUB share (in batches), then the DPUB share. Each body is unique ({@code <prefix>-<index>}), so a
 * consumer can tell exactly which message it got. Every 10th message is to be requeued once by each
 * channel: half with {@code REQ id 0} (straight back to the channel queue), half with a short delay (through
 * the channel's deferred queue).
 */
public final class PublishPlan
{
    public enum Method
    {
        PUB, MPUB, DPUB
    }

    /** One planned message. {@code requeueDelayMillis} is negative when the message is finished at once. */
    public record Entry(int index, String body, Method method, int deferMillis, int requeueDelayMillis)
    {
        public boolean requeued()
        {
            return requeueDelayMillis >= 0;
        }

        public byte[] bytes()
        {
            return body.getBytes(StandardCharsets.UTF_8);
        }
    }

    public static final int MPUB_BATCH = 100;
    public static final int REQUEUE_EVERY = 10;
    public static final int REQUEUE_DELAY_MILLIS = 100;
    /** Probe bodies start with this; they only prove that a channel exists and are not counted. */
    public static final String PROBE_PREFIX = "probe-";

    private final List<Entry> entries;

    private PublishPlan(final List<Entry> entries)
    {
        this.entries = Collections.unmodifiableList(entries);
    }

    public static PublishPlan create(final String prefix, final int pubCount, final int mpubCount, final int dpubCount)
    {
        final List<Entry> entries = new ArrayList<>(pubCount + mpubCount + dpubCount);
        for (int i = 0; i < pubCount + mpubCount + dpubCount; i++)
        {
            final Method method = i < pubCount ? Method.PUB : i < pubCount + mpubCount ? Method.MPUB : Method.DPUB;
            // 1 to 101 ms, so deferred messages come due interleaved with each other (nsq-j refuses a defer of 0)
            final int defer = method == Method.DPUB ? 1 + (i % 5) * 25 : 0;
            entries.add(new Entry(i, String.format("%s-%05d", prefix, i), method, defer, requeueDelayFor(i)));
        }
        return new PublishPlan(entries);
    }

    private static int requeueDelayFor(final int index)
    {
        if (index % REQUEUE_EVERY != 0)
        {
            return -1;
        }
        return index % (2 * REQUEUE_EVERY) == 0 ? 0 : REQUEUE_DELAY_MILLIS;
    }

    public List<Entry> entries()
    {
        return entries;
    }

    public int size()
    {
        return entries.size();
    }

    public List<Entry> of(final Method method)
    {
        return entries.stream().filter(e -> e.method() == method).toList();
    }

    /** The MPUB share cut into batches of {@link #MPUB_BATCH}, each a list of bodies. */
    public List<List<byte[]>> mpubBatches()
    {
        final List<Entry> mpub = of(Method.MPUB);
        final List<List<byte[]>> batches = new ArrayList<>();
        for (int from = 0; from < mpub.size(); from += MPUB_BATCH)
        {
            batches.add(mpub.subList(from, Math.min(from + MPUB_BATCH, mpub.size())).stream().map(Entry::bytes).toList());
        }
        return batches;
    }

    public long requeuedCount()
    {
        return entries.stream().filter(Entry::requeued).count();
    }

    public static byte[] probe(final int sequence)
    {
        return (PROBE_PREFIX + sequence).getBytes(StandardCharsets.UTF_8);
    }
}
