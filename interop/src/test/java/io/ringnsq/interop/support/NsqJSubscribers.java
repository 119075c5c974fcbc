package io.ringnsq.interop.support;

import java.util.List;

import com.sproutsocial.nsq.Client;
import com.sproutsocial.nsq.Message;
import com.sproutsocial.nsq.Subscriber;

/**
 * nsq-j's consuming side of a ledger-checked run: a subscriber that finds the nsqd under test through a
 * {@link FakeLookupd} (nsq-j's subscriber knows no other way), with each channel answering deliveries as its
 * {@link ChannelLedger} decides.
 */
public final class NsqJSubscribers
{
    private static final int LOOKUP_INTERVAL_SECS = 1;
    private static final int MAX_LOOKUP_FAILURES = 5;

    private NsqJSubscribers()
    {
    }

    /** A subscriber of {@code client} that asks {@code lookupd} every second and gives up after five failures. */
    public static Subscriber lookingUp(final Client client, final FakeLookupd lookupd)
    {
        return new Subscriber(client, LOOKUP_INTERVAL_SECS, MAX_LOOKUP_FAILURES, lookupd.hostAndPort());
    }

    /** Subscribes one channel of {@code topic} per ledger; each delivery is FINed or REQed as its ledger says. */
    public static void subscribeAll(final Subscriber subscriber, final String topic, final int maxInFlight,
        final List<ChannelLedger> ledgers)
    {
        for (final ChannelLedger ledger : ledgers)
        {
            subscriber.subscribe(topic, ledger.channel(), maxInFlight, message -> answer(ledger, message));
        }
    }

    private static void answer(final ChannelLedger ledger, final Message message)
    {
        final ChannelLedger.Decision decision = ledger.onDelivery(message.getData(), message.getAttempts());
        if (decision.finish())
        {
            message.finish();
        }
        else
        {
            message.requeue(decision.requeueDelayMillis());
        }
    }
}
