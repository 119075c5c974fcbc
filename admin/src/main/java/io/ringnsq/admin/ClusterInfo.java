package io.ringnsq.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What nsqadmin knows of the cluster, asked fresh for every API call as upstream's {@code clusterinfo}
 * does: topics, channels, producers and stats from every lookupd (lookupd mode) or every nsqd (nsqd
 * mode), all nodes asked at once. Blocking: call it from the API's pool, never from the I/O agent.
 */
final class ClusterInfo
{
    private final NodeClient client;
    private final ObjectMapper json;
    /** Replaced whole by PUT /config/nsqlookupd_http_addresses. */
    private volatile List<String> lookupds;
    private final List<String> nsqds;

    ClusterInfo(final NodeClient client, final ObjectMapper json, final List<String> lookupds, final List<String> nsqds)
    {
        this.client = client;
        this.json = json;
        this.lookupds = lookupds;
        this.nsqds = nsqds;
    }

    boolean lookupdMode()
    {
        return !lookupds.isEmpty();
    }

    List<String> lookupds()
    {
        return lookupds;
    }

    void lookupds(final List<String> addresses)
    {
        lookupds = List.copyOf(addresses);
    }

    List<String> nsqds()
    {
        return nsqds;
    }

    static String q(final String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Asks every address at once; each answer or failure is kept in the address's order. */
    private <T> List<Reply<T>> askAll(final List<String> addresses, final Function<String, CompletableFuture<T>> ask)
    {
        return resolved(askAllAsync(addresses, ask));
    }

    /** The questions, sent; {@link #resolved} waits for the answers. */
    private <T> List<Reply<T>> askAllAsync(final List<String> addresses, final Function<String, CompletableFuture<T>> ask)
    {
        final List<Reply<T>> pending = new ArrayList<>();
        for (final String address : addresses)
        {
            pending.add(new Reply<>(address, null, null, ask.apply(address)));
        }
        return pending;
    }

    private static <T> List<Reply<T>> resolved(final List<Reply<T>> pending)
    {
        final List<Reply<T>> replies = new ArrayList<>();
        for (final Reply<T> p : pending)
        {
            try
            {
                replies.add(new Reply<>(p.address, p.future.join(), null, null));
            }
            catch (final RuntimeException ex)
            {
                replies.add(new Reply<>(p.address, null, NodeClient.message(ex), null));
            }
        }
        return replies;
    }

    /** One node's answer or its failure. */
    private record Reply<T>(String address, T value, String error, CompletableFuture<T> future)
    {
    }

    // ======================================================================== topics

    /** Every topic, sorted: lookupd {@code /topics}, or the topics in each nsqd's {@code /stats}. */
    Gathered<List<String>> topics()
    {
        final List<String> errors = new ArrayList<>();
        final TreeSet<String> topics = new TreeSet<>();
        if (lookupdMode())
        {
            for (final Reply<JsonNode> r : askAll(lookupds, a -> client.getJson(a, "/topics")))
            {
                if (r.error != null)
                {
                    errors.add(r.error);
                    continue;
                }
                r.value.path("topics").forEach(t -> topics.add(t.asText()));
            }
            return Gathered.of(new ArrayList<>(topics), errors, lookupds.size());
        }
        for (final Reply<JsonNode> r : askAll(nsqds, a -> client.getJson(a, "/stats?format=json&include_clients=false")))
        {
            if (r.error != null)
            {
                errors.add(r.error);
                continue;
            }
            r.value.path("topics").forEach(t -> topics.add(t.path("topic_name").asText()));
        }
        return Gathered.of(new ArrayList<>(topics), errors, nsqds.size());
    }

    /** The channels lookupd has for a topic (lookupd mode). */
    Gathered<List<String>> lookupdTopicChannels(final String topic)
    {
        final List<String> errors = new ArrayList<>();
        final TreeSet<String> channels = new TreeSet<>();
        for (final Reply<JsonNode> r : askAll(lookupds, a -> client.getJson(a, "/channels?topic=" + q(topic))))
        {
            if (r.error != null)
            {
                errors.add(r.error);
                continue;
            }
            r.value.path("channels").forEach(c -> channels.add(c.asText()));
        }
        return Gathered.of(new ArrayList<>(channels), errors, lookupds.size());
    }

    /** Requests to lookupds in flight at once when many topics are asked about. */
    private static final int BATCH = 32;

    /**
     * The topics no lookupd names a producer for, with their channels (the lookup page's inactive list), asked
     * in batches rather than one topic after the other as upstream does.
     */
    Gathered<Map<String, List<String>>> inactiveTopics(final List<String> topics)
    {
        final List<String> errors = new ArrayList<>();
        final List<String> inactive = new ArrayList<>();
        for (final List<String> batch : batches(topics))
        {
            final Map<String, List<Reply<JsonNode>>> lookups = new LinkedHashMap<>();
            batch.forEach(t -> lookups.put(t, askAllAsync(lookupds, a -> client.getJson(a, "/lookup?topic=" + q(t)))));
            lookups.forEach((topic, replies) ->
            {
                boolean produced = false;
                for (final Reply<JsonNode> r : resolved(replies))
                {
                    if (r.error != null)
                    {
                        errors.add(r.error);
                    }
                    else
                    {
                        produced |= r.value.path("producers").size() > 0;
                    }
                }
                if (!produced)
                {
                    inactive.add(topic);
                }
            });
        }
        final Map<String, List<String>> channels = new java.util.TreeMap<>();
        for (final List<String> batch : batches(inactive))
        {
            final Map<String, List<Reply<JsonNode>>> asked = new LinkedHashMap<>();
            batch.forEach(t -> asked.put(t, askAllAsync(lookupds, a -> client.getJson(a, "/channels?topic=" + q(t)))));
            asked.forEach((topic, replies) ->
            {
                final TreeSet<String> names = new TreeSet<>();
                for (final Reply<JsonNode> r : resolved(replies))
                {
                    if (r.error != null)
                    {
                        errors.add(r.error);
                    }
                    else
                    {
                        r.value.path("channels").forEach(c -> names.add(c.asText()));
                    }
                }
                channels.put(topic, new ArrayList<>(names));
            });
        }
        return new Gathered<>(channels, List.copyOf(errors), false);
    }

    private static List<List<String>> batches(final List<String> all)
    {
        final List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < all.size(); i += BATCH)
        {
            batches.add(all.subList(i, Math.min(all.size(), i + BATCH)));
        }
        return batches;
    }

    // ======================================================================== producers

    /** The nsqds that have a topic: lookupd {@code /lookup}, or each nsqd whose {@code /stats} lists it. */
    Gathered<List<Producer>> topicProducers(final String topic)
    {
        if (!lookupdMode())
        {
            final Gathered<List<Producer>> all = nsqdProducers("&topic=" + q(topic));
            final List<Producer> having = new ArrayList<>();
            for (final Producer p : all.value())
            {
                if (p.topics.stream().anyMatch(t -> t.topic().equals(topic)))
                {
                    having.add(p);
                }
            }
            return new Gathered<>(having, all.errors(), all.allFailed());
        }
        final List<String> errors = new ArrayList<>();
        final Map<String, Producer> byTcp = new LinkedHashMap<>();
        for (final Reply<JsonNode> r : askAll(lookupds, a -> client.getJson(a, "/lookup?topic=" + q(topic))))
        {
            if (r.error != null)
            {
                errors.add(r.error);
                continue;
            }
            for (final JsonNode p : r.value.path("producers"))
            {
                merge(byTcp, r.address, p, false);
            }
        }
        return Gathered.of(sorted(byTcp), errors, lookupds.size());
    }

    /** Every nsqd with its topics: lookupd {@code /nodes}, or each nsqd's {@code /info} and {@code /stats}. */
    Gathered<List<Producer>> producers()
    {
        if (!lookupdMode())
        {
            return nsqdProducers("");
        }
        final List<String> errors = new ArrayList<>();
        final Map<String, Producer> byTcp = new LinkedHashMap<>();
        for (final Reply<JsonNode> r : askAll(lookupds, a -> client.getJson(a, "/nodes")))
        {
            if (r.error != null)
            {
                errors.add(r.error);
                continue;
            }
            for (final JsonNode p : r.value.path("producers"))
            {
                merge(byTcp, r.address, p, true);
            }
        }
        final List<Producer> producers = sorted(byTcp);
        markOutOfDate(producers);
        return Gathered.of(producers, errors, lookupds.size());
    }

    /** One lookupd's producer object joined into the ones seen so far (upstream keys them by TCP address). */
    private void merge(final Map<String, Producer> byTcp, final String lookupd, final JsonNode node, final boolean withTopics)
    {
        final ObjectNode fields = node.deepCopy();
        fields.remove("topics"); // lookupd's are names with a tombstones list beside them, read below
        fields.remove("tombstones");
        final Producer read = json.convertValue(fields, Producer.class);
        read.topics = new ArrayList<>();
        final Producer p = byTcp.computeIfAbsent(read.tcpAddress(), k ->
        {
            read.remoteAddresses = new ArrayList<>();
            return read;
        });
        p.remoteAddresses.add(lookupd + "/" + read.remoteAddress);
        if (!withTopics)
        {
            return;
        }
        final JsonNode topics = node.path("topics");
        final JsonNode tombstones = node.path("tombstones");
        for (int i = 0; i < topics.size(); i++)
        {
            final String topic = topics.get(i).asText();
            final boolean tombstoned = tombstones.path(i).asBoolean(false); // upstream panics on short lists; ringnsq reads false
            final int at = indexOf(p.topics, topic);
            if (at < 0)
            {
                p.topics.add(new Producer.ProducerTopic(topic, tombstoned));
            }
            else if (tombstoned)
            {
                p.topics.set(at, new Producer.ProducerTopic(topic, true));
            }
        }
        p.topics.sort(Comparator.comparing(Producer.ProducerTopic::topic));
    }

    private static int indexOf(final List<Producer.ProducerTopic> topics, final String topic)
    {
        for (int i = 0; i < topics.size(); i++)
        {
            if (topics.get(i).topic().equals(topic))
            {
                return i;
            }
        }
        return -1;
    }

    private Gathered<List<Producer>> nsqdProducers(final String statsFilter)
    {
        final List<String> errors = new ArrayList<>();
        final List<Reply<Producer>> replies = askAll(nsqds, a -> client.getJson(a, "/info")
            .thenCombine(client.getJson(a, "/stats?format=json&include_clients=false" + statsFilter), (info, stats) ->
            {
                final Producer p = json.convertValue(info, Producer.class);
                p.topics = new ArrayList<>();
                stats.path("topics").forEach(t -> p.topics.add(new Producer.ProducerTopic(t.path("topic_name").asText(), false)));
                return p;
            }));
        final List<Producer> producers = new ArrayList<>();
        for (final Reply<Producer> r : replies)
        {
            if (r.error != null)
            {
                errors.add(r.error);
            }
            else
            {
                producers.add(r.value);
            }
        }
        producers.sort(Comparator.comparing((Producer p) -> p.hostname).thenComparing(Producer::httpAddress));
        markOutOfDate(producers);
        return Gathered.of(producers, errors, nsqds.size());
    }

    private static List<Producer> sorted(final Map<String, Producer> byTcp)
    {
        final List<Producer> producers = new ArrayList<>(byTcp.values());
        producers.sort(Comparator.comparing((Producer p) -> p.hostname).thenComparing(Producer::httpAddress));
        return producers;
    }

    /** A node older than the newest one seen is out of date; an unreadable version counts as 0.0.0. */
    private static void markOutOfDate(final List<Producer> producers)
    {
        final Comparator<String> semver = Comparator.comparing(ClusterInfo::semver, ClusterInfo::compareVersions);
        final String newest = producers.stream().map(p -> p.version).max(semver).orElse("0.0.0");
        producers.forEach(p -> p.outOfDate = semver.compare(p.version, newest) < 0);
    }

    private static int[] semver(final String version)
    {
        final String core = version.split("[-+]", 2)[0];
        final String[] parts = core.split("\\.");
        if (parts.length != 3)
        {
            return new int[3];
        }
        try
        {
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
        }
        catch (final NumberFormatException ex)
        {
            return new int[3];
        }
    }

    private static int compareVersions(final int[] a, final int[] b)
    {
        for (int i = 0; i < 3; i++)
        {
            if (a[i] != b[i])
            {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    // ======================================================================== stats

    /** Per-node topic stats and per-channel sums from the producers' {@code /stats}. */
    record Stats(List<TopicStats> topics, Map<String, ChannelStats> channels)
    {
    }

    /**
     * Upstream's GetNSQDStats: each producer's {@code /stats}, filtered to a topic (and channel) when given.
     * Channels are summed by name when a topic is selected, else by {@code topic:channel}.
     */
    Gathered<Stats> nsqdStats(final List<Producer> producers, final String topic, final String channel, final boolean clients)
    {
        final StringBuilder query = new StringBuilder("/stats?format=json");
        if (!topic.isEmpty())
        {
            query.append("&topic=").append(q(topic));
        }
        if (!channel.isEmpty())
        {
            query.append("&channel=").append(q(channel));
        }
        if (!clients)
        {
            query.append("&include_clients=false");
        }
        final Map<String, Producer> byAddress = new HashMap<>();
        final List<String> addresses = new ArrayList<>();
        for (final Producer p : producers)
        {
            byAddress.put(p.httpAddress(), p);
            addresses.add(p.httpAddress());
        }
        final long now = Instant.now().getEpochSecond();
        final List<String> errors = new ArrayList<>();
        final List<TopicStats> topics = new ArrayList<>();
        final Map<String, ChannelStats> channels = new LinkedHashMap<>();
        for (final Reply<JsonNode> r : askAll(addresses, a -> client.getJson(a, query.toString())))
        {
            if (r.error != null)
            {
                errors.add(r.error);
                continue;
            }
            final String hostname = byAddress.get(r.address).hostname;
            final JsonNode topicsNode = r.value.path("topics");
            for (final JsonNode t : topicsNode)
            {
                final TopicStats ts = json.convertValue(t, TopicStats.class);
                if (!topic.isEmpty() && !topic.equals(ts.topicName))
                {
                    continue;
                }
                ts.node = r.address;
                ts.hostname = hostname;
                ts.memoryDepth = ts.depth - ts.backendDepth;
                if (ts.channels == null)
                {
                    ts.channels = new ArrayList<>();
                }
                topics.add(ts);
                for (final ChannelStats c : ts.channels)
                {
                    c.node = r.address;
                    c.hostname = hostname;
                    c.topicName = ts.topicName;
                    c.memoryDepth = c.depth - c.backendDepth;
                    if (c.clients != null)
                    {
                        for (final ClientStats client : c.clients)
                        {
                            client.node = r.address;
                            client.connected = Math.max(0, now - client.connectTs) * 1_000_000_000L;
                        }
                    }
                    final String key = topic.isEmpty() ? ts.topicName + ":" + c.channelName : c.channelName;
                    channels.computeIfAbsent(key, k -> ChannelStats.aggregate(ts.topicName, c.channelName)).add(c);
                }
            }
        }
        topics.sort(Comparator.comparing((TopicStats t) -> t.topicName).thenComparing(t -> t.hostname));
        return Gathered.of(new Stats(topics, Collections.unmodifiableMap(channels)), errors, addresses.size());
    }
}
