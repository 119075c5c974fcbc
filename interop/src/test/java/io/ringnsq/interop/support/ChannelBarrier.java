package io.ringnsq.interop.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits until every channel exists on the broker before the real messages go out. A channel only gets the
 * messages published after it was created (the first one also gets the topic's backlog), and some clients
 * send SUB without waiting for its OK, so the test publishes probes until each channel has received one.
 */
public final class ChannelBarrier
{
    /** Publishes one probe message with the given sequence number. */
    @FunctionalInterface
    public interface ProbePublisher
    {
        void publish(byte[] probe) throws Exception;
    }

    private static final Duration PROBE_INTERVAL = Duration.ofMillis(100);

    private ChannelBarrier()
    {
    }

    public static void awaitEveryChannel(final ProbePublisher publisher, final Duration limit, final List<ChannelLedger> ledgers)
        throws Exception
    {
        final long deadline = System.nanoTime() + limit.toNanos();
        int sequence = 0;
        while (true)
        {
            publisher.publish(PublishPlan.probe(sequence++));
            final List<String> missing = new ArrayList<>();
            for (final ChannelLedger ledger : ledgers)
            {
                if (!ledger.awaitProbe(PROBE_INTERVAL))
                {
                    missing.add(ledger.channel());
                }
            }
            if (missing.isEmpty())
            {
                return;
            }
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("no probe message reached channel(s) " + missing + " after " + sequence
                    + " probes: the subscription never took effect");
            }
        }
    }
}
