package io.ringnsq.interop.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The bookkeeping the client tests rely on, fed by hand (no broker needed). */
final class ChannelLedgerTest
{
    private final PublishPlan plan = PublishPlan.create("t", 20, 0, 0);

    @Test
    void shouldRequeueEveryTenthMessageOnceAndFinishEverythingElse() throws InterruptedException
    {
        final ChannelLedger ledger = new ChannelLedger("c", plan);

        for (final PublishPlan.Entry entry : plan.entries())
        {
            final ChannelLedger.Decision first = ledger.onDelivery(entry.bytes(), 1);
            assertEquals(!entry.requeued(), first.finish(), entry.body());
            if (entry.requeued())
            {
                assertEquals(entry.index() == 0 ? 0 : PublishPlan.REQUEUE_DELAY_MILLIS, first.requeueDelayMillis());
                assertTrue(ledger.onDelivery(entry.bytes(), 2).finish(), entry.body());
            }
        }

        assertTrue(ledger.awaitAllFinished(Duration.ZERO));
        assertEquals(List.of(), ledger.problems());
    }

    @Test
    void shouldReportDuplicatesWrongAttemptsMissingAndUnknownMessages() throws InterruptedException
    {
        final ChannelLedger ledger = new ChannelLedger("c", plan);
        for (final PublishPlan.Entry entry : plan.entries().subList(1, plan.size()))
        {
            ledger.onDelivery(entry.bytes(), 1);
            ledger.onDelivery(entry.bytes(), entry.requeued() ? 1 : 2);
        }
        ledger.onDelivery("nobody-sent-this".getBytes(StandardCharsets.UTF_8), 1);

        assertFalse(ledger.awaitAllFinished(Duration.ZERO));
        final List<String> problems = ledger.problems();
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("c: 20 of 20 messages delivered wrongly"), problems::toString);
        assertTrue(problems.get(1).startsWith("c: 1 bodies that were never published"), problems::toString);
    }

    @Test
    void shouldIgnoreProbesExceptToSignalThatTheChannelExists() throws InterruptedException
    {
        final ChannelLedger ledger = new ChannelLedger("c", plan);

        assertTrue(ledger.onDelivery(PublishPlan.probe(7), 3).finish());

        assertTrue(ledger.awaitProbe(Duration.ZERO));
        assertEquals(0, ledger.finishedCount());
    }
}
