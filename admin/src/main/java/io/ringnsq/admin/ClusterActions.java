package io.ringnsq.admin;

import static io.ringnsq.admin.ClusterInfo.q;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The admin actions as upstream's {@code clusterinfo} carries them out: on every lookupd, then on every
 * nsqd that has the topic. The producers of a topic are found before anything is deleted (a lookupd that
 * forgot the topic could no longer name them). Blocking: call from the API's pool.
 */
final class ClusterActions
{
    private final ClusterInfo info;
    private final NodeClient client;

    ClusterActions(final ClusterInfo info, final NodeClient client)
    {
        this.info = info;
        this.client = client;
    }

    /**
     * Creates a topic, and a channel when one is named, in every lookupd and on the nsqds that have the
     * topic. In nsqd mode (upstream does nothing there) ringnsq creates them on every configured nsqd.
     */
    Gathered<Void> createTopicChannel(final String topic, final String channel)
    {
        final List<String> errors = new ArrayList<>();
        int asked = 0;
        if (info.lookupdMode())
        {
            asked += postAll(info.lookupds(), "/topic/create?topic=" + q(topic), errors);
            if (!channel.isEmpty())
            {
                asked += postAll(info.lookupds(), "/channel/create?topic=" + q(topic) + "&channel=" + q(channel), errors);
                final Gathered<List<Producer>> producers = info.topicProducers(topic);
                errors.addAll(producers.errors());
                asked += postAll(addresses(producers.value()), "/channel/create?topic=" + q(topic) + "&channel=" + q(channel), errors);
            }
            return Gathered.of(null, errors, asked);
        }
        final Gathered<List<Producer>> all = info.producers();
        errors.addAll(all.errors());
        asked += all.errors().size();
        asked += postAll(addresses(all.value()), "/topic/create?topic=" + q(topic), errors);
        if (!channel.isEmpty())
        {
            asked += postAll(addresses(all.value()), "/channel/create?topic=" + q(topic) + "&channel=" + q(channel), errors);
        }
        return Gathered.of(null, errors, asked);
    }

    /** {@code pause}, {@code unpause} or {@code empty} on every nsqd that has the topic. */
    Gathered<Void> topicAction(final String topic, final String action)
    {
        return onProducers(topic, "/topic/" + action + "?topic=" + q(topic), List.of());
    }

    /** {@code pause}, {@code unpause} or {@code empty} of a channel on every nsqd that has the topic. */
    Gathered<Void> channelAction(final String topic, final String channel, final String action)
    {
        return onProducers(topic, "/channel/" + action + "?topic=" + q(topic) + "&channel=" + q(channel), List.of());
    }

    Gathered<Void> deleteTopic(final String topic)
    {
        return onProducers(topic, "/topic/delete?topic=" + q(topic), List.of("/topic/delete?topic=" + q(topic)));
    }

    Gathered<Void> deleteChannel(final String topic, final String channel)
    {
        final String query = "?topic=" + q(topic) + "&channel=" + q(channel);
        return onProducers(topic, "/channel/delete" + query, List.of("/channel/delete" + query));
    }

    /** Tombstones the topic for one node in every lookupd, then deletes the topic on that node. */
    Gathered<Void> tombstoneTopicProducer(final String topic, final String node)
    {
        final List<String> errors = new ArrayList<>();
        int asked = postAll(info.lookupds(), "/topic/tombstone?topic=" + q(topic) + "&node=" + q(node), errors);
        final Gathered<List<Producer>> producers = info.producers();
        errors.addAll(producers.errors());
        asked += producers.errors().size();
        for (final Producer p : producers.value())
        {
            if (p.httpAddress().equals(node))
            {
                asked += postAll(List.of(node), "/topic/delete?topic=" + q(topic), errors);
            }
        }
        return Gathered.of(null, errors, asked);
    }

    private Gathered<Void> onProducers(final String topic, final String nsqdPath, final List<String> lookupdPaths)
    {
        final List<String> errors = new ArrayList<>();
        final Gathered<List<Producer>> producers = info.topicProducers(topic);
        errors.addAll(producers.errors());
        int asked = producers.errors().size();
        for (final String path : lookupdPaths)
        {
            asked += postAll(info.lookupds(), path, errors);
        }
        asked += postAll(addresses(producers.value()), nsqdPath, errors);
        return Gathered.of(null, errors, asked);
    }

    private static List<String> addresses(final List<Producer> producers)
    {
        return producers.stream().map(Producer::httpAddress).toList();
    }

    /** POSTs to every address at once; returns how many were asked, adding each failure to {@code errors}. */
    private int postAll(final List<String> addresses, final String pathAndQuery, final List<String> errors)
    {
        final List<CompletableFuture<byte[]>> futures = addresses.stream().map(a -> client.post(a, pathAndQuery)).toList();
        for (final CompletableFuture<byte[]> f : futures)
        {
            try
            {
                f.join();
            }
            catch (final RuntimeException ex)
            {
                errors.add(NodeClient.message(ex));
            }
        }
        return addresses.size();
    }
}
