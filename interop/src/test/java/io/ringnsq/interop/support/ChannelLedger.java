package io.ringnsq.interop.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What one channel's consumer saw, message by message, and what it must do with each delivery. Handlers on
 * any thread call {@link #onDelivery}; the test thread waits on {@link #awaitAllFinished} and then reads
 * {@link #problems()}.
 */
public final class ChannelLedger
{
    /** The consumer's answer to one delivery: FIN, or REQ with this delay. */
    public record Decision(boolean finish, int requeueDelayMillis)
    {
        static final Decision FINISH = new Decision(true, 0);

        static Decision requeue(final int delayMillis)
        {
            return new Decision(false, delayMillis);
        }
    }

    private static final int EXAMPLES = 10;

    private final String channel;
    private final Map<String, Tally> tallies = new HashMap<>();
    private final Queue<String> strangers = new ConcurrentLinkedQueue<>();
    private final CountDownLatch allFinished;
    private final CountDownLatch probeSeen = new CountDownLatch(1);

    public ChannelLedger(final String channel, final PublishPlan plan)
    {
        this.channel = channel;
        this.allFinished = new CountDownLatch(plan.size());
        for (final PublishPlan.Entry entry : plan.entries())
        {
            tallies.put(entry.body(), new Tally(entry));
        }
    }

    public String channel()
    {
        return channel;
    }

    /** Records a delivery and says what to answer. {@code attempts} is the count the client decoded. */
    public Decision onDelivery(final byte[] body, final int attempts)
    {
        final String text = new String(body, StandardCharsets.UTF_8);
        if (text.startsWith(PublishPlan.PROBE_PREFIX))
        {
            probeSeen.countDown();
            return Decision.FINISH;
        }
        final Tally tally = tallies.get(text);
        if (tally == null)
        {
            strangers.add(text);
            return Decision.FINISH;
        }
        return tally.deliver(attempts);
    }

    public boolean awaitProbe(final Duration limit) throws InterruptedException
    {
        return probeSeen.await(limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    public boolean awaitAllFinished(final Duration limit) throws InterruptedException
    {
        return allFinished.await(limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Waits, within one shared limit, until every ledger has seen every message finished; names those that have not. */
    public static List<String> awaitEveryMessage(final List<ChannelLedger> ledgers, final Duration limit) throws InterruptedException
    {
        final List<String> late = new ArrayList<>();
        final long deadline = System.nanoTime() + limit.toNanos();
        for (final ChannelLedger ledger : ledgers)
        {
            final Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!ledger.awaitAllFinished(left))
            {
                late.add("not every message was finished within " + limit.toSeconds() + " s: " + ledger.summary());
            }
        }
        return late;
    }

    public long finishedCount()
    {
        return tallies.size() - allFinished.getCount();
    }

    /**
     * Everything that differs from "each planned message finished exactly once; delivered once with attempts 1,
     * or, for a requeued one, twice with attempts 1 then 2". Empty when the channel behaved.
     */
    public List<String> problems()
    {
        final List<String> problems = new ArrayList<>();
        int wrong = 0;
        final List<String> examples = new ArrayList<>();
        for (final Tally tally : tallies.values())
        {
            final String issue = tally.issue();
            if (issue != null)
            {
                wrong++;
                if (examples.size() < EXAMPLES)
                {
                    examples.add(issue);
                }
            }
        }
        if (wrong > 0)
        {
            problems.add(channel + ": " + wrong + " of " + tallies.size() + " messages delivered wrongly, e.g. " + examples);
        }
        if (!strangers.isEmpty())
        {
            problems.add(channel + ": " + strangers.size() + " bodies that were never published, e.g. "
                + strangers.stream().limit(EXAMPLES).toList());
        }
        return problems;
    }

    public String summary()
    {
        final long redelivered = tallies.values().stream().filter(Tally::redeliveredOnce).count();
        return channel + ": " + finishedCount() + "/" + tallies.size() + " finished, " + redelivered
            + " of them after one REQ (attempts 1 then 2)";
    }

    /** One message on this channel: the attempts of each delivery, and how often the consumer finished it. */
    private final class Tally
    {
        private final PublishPlan.Entry entry;
        private final List<Integer> attempts = new ArrayList<>(2);
        private int finishes;

        Tally(final PublishPlan.Entry entry)
        {
            this.entry = entry;
        }

        synchronized Decision deliver(final int deliveryAttempts)
        {
            attempts.add(deliveryAttempts);
            if (entry.requeued() && attempts.size() == 1)
            {
                return Decision.requeue(entry.requeueDelayMillis());
            }
            finishes++;
            if (finishes == 1)
            {
                allFinished.countDown();
            }
            return Decision.FINISH;
        }

        synchronized boolean redeliveredOnce()
        {
            return attempts.equals(List.of(1, 2)) && finishes == 1;
        }

        synchronized String issue()
        {
            final List<Integer> expected = entry.requeued() ? List.of(1, 2) : List.of(1);
            if (attempts.equals(expected) && finishes == 1)
            {
                return null;
            }
            return entry.body() + " (" + entry.method() + (entry.requeued() ? ", REQ " + entry.requeueDelayMillis() + " ms" : "")
                + ") deliveries with attempts " + attempts + ", expected " + expected;
        }
    }
}
