package io.ringnsq.interop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.sproutsocial.nsq.Client;
import com.sproutsocial.nsq.MessageHandler;
import com.sproutsocial.nsq.Subscriber;
import io.ringnsq.interop.support.DaemonHttp;
import io.ringnsq.interop.support.DaemonProcess;

/**
 * What a cluster must do for its consumers, run against a started {@link Cluster}: every lookupd lists every nsqd that
 * has the topic; a consumer that knows only the lookupds (nsq-j's subscriber) receives every message published to
 * every nsqd; an nsqd killed with {@code kill -9} leaves every lookupd's {@code /lookup}; started again on its data
 * path it comes back, and what is published to it then reaches the same consumer; a lookupd killed and started again
 * on its address gets every nsqd's registrations back.
 */
final class ClusterScenario
{
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final int PER_NSQD = 200;
    private static final int AFTER_RESTART = 100;
    private static final String CHANNEL = "ch";
    /** nsq-j asks the lookupds this often (seconds); go-nsq's default is 60 s. */
    private static final int LOOKUP_INTERVAL_SECS = 1;

    private final Cluster cluster;
    private final String topic;
    private final Set<String> received = ConcurrentHashMap.newKeySet();

    private ClusterScenario(final Cluster cluster, final String topic)
    {
        this.cluster = cluster;
        this.topic = topic;
    }

    static void run(final Cluster cluster, final String topic) throws Exception
    {
        new ClusterScenario(cluster, topic).run();
    }

    private void run() throws Exception
    {
        final List<String> expected = new ArrayList<>();
        for (int i = 0; i < cluster.nsqdCount(); i++)
        {
            DaemonHttp.postOk(cluster.nsqd(i).httpBase() + "/topic/create?topic=" + topic);
        }
        awaitProducers(allProducers(), "every nsqd registered with every lookupd");
        for (int i = 0; i < cluster.nsqdCount(); i++)
        {
            expected.addAll(publish(cluster.nsqd(i), "n" + i + "-", PER_NSQD));
        }

        final Client client = new Client();
        final List<String> lookupdHttp = cluster.lookupds().stream().map(DaemonProcess::httpHostAndPort).toList();
        final Subscriber subscriber = new Subscriber(client, LOOKUP_INTERVAL_SECS, Integer.MAX_VALUE,
            lookupdHttp.toArray(new String[0]));
        try
        {
            subscriber.subscribe(topic, CHANNEL, (MessageHandler)message ->
            {
                received.add(new String(message.getData(), StandardCharsets.UTF_8));
                message.finish();
            });
            awaitReceived(expected, "every message published to the three nsqds, found through the lookupds");

            final int victim = cluster.nsqdCount() - 1;
            final String gone = cluster.producer(victim);
            cluster.killNsqd(victim);
            final Set<String> left = allProducers();
            left.remove(gone);
            awaitProducers(left, "the killed nsqd " + gone + " gone from /lookup");

            cluster.startNsqd(victim);
            awaitProducers(allProducers(), "the restarted nsqd " + cluster.producer(victim) + " back in /lookup");
            expected.addAll(publish(cluster.nsqd(victim), "again-", AFTER_RESTART));
            awaitReceived(expected, "what was published to the restarted nsqd");

            // a lookupd that goes away and comes back empty: every nsqd notices (at its next PING, every 15 s, as
            // upstream), reconnects and registers everything again, without a restart
            cluster.restartLookupd(0);
            awaitProducers(allProducers(), "every nsqd registered again with the restarted lookupd");
        }
        finally
        {
            subscriber.stop();
            client.stop();
        }
    }

    /** Publishes {@code count} messages {@code prefix<k>} with one HTTP {@code /mpub}; returns their bodies. */
    private List<String> publish(final DaemonProcess nsqd, final String prefix, final int count)
        throws IOException, InterruptedException
    {
        final List<String> bodies = new ArrayList<>();
        for (int k = 0; k < count; k++)
        {
            bodies.add(prefix + k);
        }
        final DaemonHttp.Answer answer = DaemonHttp.post(nsqd.httpBase() + "/mpub?topic=" + topic, String.join("\n", bodies));
        assertEquals(200, answer.status(), () -> "POST /mpub answered " + answer);
        return bodies;
    }

    private Set<String> allProducers()
    {
        final Set<String> all = new HashSet<>();
        for (int i = 0; i < cluster.nsqdCount(); i++)
        {
            all.add(cluster.producer(i));
        }
        return all;
    }

    private void awaitProducers(final Set<String> producers, final String what) throws Exception
    {
        awaitProducers(cluster.lookupds(), topic, producers, what);
    }

    /** Waits until the {@code /lookup?topic=} of every one of {@code lookupds} lists exactly {@code producers}. */
    static void awaitProducers(final List<DaemonProcess> lookupds, final String topic, final Set<String> producers,
        final String what) throws Exception
    {
        final long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true)
        {
            final List<Set<String>> listed = new ArrayList<>();
            for (final DaemonProcess lookupd : lookupds)
            {
                listed.add(new HashSet<>(DaemonHttp.producers(lookupd.httpBase(), topic)));
            }
            if (listed.stream().allMatch(producers::equals))
            {
                return;
            }
            assertFalse(System.nanoTime() - deadline > 0,
                () -> what + ": not within " + LIMIT.toSeconds() + " s; expected " + producers + ", lookupds list " + listed);
            Thread.sleep(100);
        }
    }

    private void awaitReceived(final List<String> expected, final String what) throws InterruptedException
    {
        final long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!received.containsAll(expected))
        {
            if (System.nanoTime() - deadline > 0)
            {
                final List<String> missing = expected.stream().filter(body -> !received.contains(body)).toList();
                throw new AssertionError(what + ": " + missing.size() + " of " + expected.size() + " not received within "
                    + LIMIT.toSeconds() + " s, e.g. " + missing.subList(0, Math.min(5, missing.size())));
            }
            Thread.sleep(50);
        }
    }
}
