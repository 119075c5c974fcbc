package io.ringnsq.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.sproutsocial.nsq.Client;
import com.sproutsocial.nsq.Publisher;

import io.ringnsq.interop.support.ChannelBarrier;
import io.ringnsq.interop.support.ChannelLedger;
import io.ringnsq.interop.support.FakeLookupd;
import io.ringnsq.interop.support.NsqJSubscribers;
import io.ringnsq.interop.support.PublishPlan;
import io.ringnsq.interop.support.RunningNsqd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * sproutsocial nsq-j 1.2 (plain mode) against ringnsq's nsqd. nsq-j's subscriber only finds nsqds through
 * nsqlookupd; ringnsq has none yet, so a {@link FakeLookupd} names the nsqd under test. (nsq-j's own
 * {@code DirectSubscriber} would skip lookupd, but it is bound to nsq-j's process-wide default {@link Client},
 * which cannot be stopped and reused; a client of our own can be stopped in full.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class NsqJInteropTest
{
    private static final String TOPIC = "nsqj_interop";
    private static final int MAX_IN_FLIGHT = 200;
    private static final Duration CHANNELS_LIMIT = Duration.ofSeconds(10);
    private static final Duration CONSUME_LIMIT = Duration.ofSeconds(40);

    @Test
    void shouldDeliverEveryMessagePublishedWithPubMpubAndDpubToBothChannelsOnceAndRedeliverRequeuedOnesWithAttemptsTwo()
        throws Exception
    {
        final PublishPlan plan = PublishPlan.create("nsqj", 4_000, 5_000, 1_000);
        final List<ChannelLedger> ledgers = List.of(new ChannelLedger("alpha", plan), new ChannelLedger("beta", plan));
        final List<String> problems = new ArrayList<>();

        try (RunningNsqd nsqd = RunningNsqd.start("nsqj");
             FakeLookupd lookupd = FakeLookupd.start(nsqd.host(), nsqd.port()))
        {
            final Client client = new Client();
            try
            {
                NsqJSubscribers.subscribeAll(NsqJSubscribers.lookingUp(client, lookupd), TOPIC, MAX_IN_FLIGHT, ledgers);
                final Publisher publisher = new Publisher(client, nsqd.hostAndPort(), null);
                ChannelBarrier.awaitEveryChannel(probe -> publisher.publish(TOPIC, probe), CHANNELS_LIMIT, ledgers);

                publish(publisher, plan);
                problems.addAll(ChannelLedger.awaitEveryMessage(ledgers, CONSUME_LIMIT));
            }
            finally
            {
                client.stop();
            }
        }

        ledgers.forEach(ledger -> System.out.println("[nsq-j] " + ledger.summary()));
        ledgers.forEach(ledger -> problems.addAll(ledger.problems()));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static void publish(final Publisher publisher, final PublishPlan plan)
    {
        for (final PublishPlan.Entry entry : plan.of(PublishPlan.Method.PUB))
        {
            publisher.publish(TOPIC, entry.bytes());
        }
        for (final List<byte[]> batch : plan.mpubBatches())
        {
            publisher.publish(TOPIC, batch);
        }
        for (final PublishPlan.Entry entry : plan.of(PublishPlan.Method.DPUB))
        {
            publisher.publishDeferred(TOPIC, entry.bytes(), entry.deferMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
