package io.ringnsq.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A topic on one node (read from {@code /stats}) or summed over nodes ({@code node} is {@code "*"}),
 * as upstream's {@code clusterinfo.TopicStats} marshals.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"node", "hostname", "topic_name", "depth", "memory_depth", "backend_depth", "message_count", "nodes",
    "channels", "paused", "e2e_processing_latency"})
public final class TopicStats
{
    @JsonProperty("node") public String node = "";
    @JsonProperty("hostname") public String hostname = "";
    @JsonProperty("topic_name") public String topicName = "";
    @JsonProperty("depth") public long depth;
    @JsonProperty("memory_depth") public long memoryDepth;
    @JsonProperty("backend_depth") public long backendDepth;
    @JsonProperty("message_count") public long messageCount;
    @JsonProperty("nodes") public List<TopicStats> nodes;
    @JsonProperty("channels") public List<ChannelStats> channels;
    @JsonProperty("paused") public boolean paused;
    @JsonProperty("e2e_processing_latency") public E2eLatency e2eProcessingLatency;

    private final Map<String, ChannelStats> byChannel = new LinkedHashMap<>();

    static TopicStats aggregate(final String topic)
    {
        final TopicStats t = new TopicStats();
        t.node = "*";
        t.topicName = topic;
        t.nodes = new ArrayList<>();
        t.channels = new ArrayList<>();
        t.e2eProcessingLatency = E2eLatency.aggregate("*", topic, "");
        return t;
    }

    /**
     * Adds one node's topic. Each channel is summed over the nodes by name (upstream keeps the first node's
     * channel object and, through a flag never reset, may drop later channels; ringnsq sums them all).
     */
    void add(final TopicStats a)
    {
        depth += a.depth;
        memoryDepth += a.memoryDepth;
        backendDepth += a.backendDepth;
        messageCount += a.messageCount;
        paused |= a.paused;
        if (a.channels != null)
        {
            for (final ChannelStats c : a.channels)
            {
                byChannel.computeIfAbsent(c.channelName, name ->
                {
                    final ChannelStats sum = ChannelStats.aggregate(topicName, name);
                    channels.add(sum);
                    return sum;
                }).add(c);
            }
            channels.sort(Comparator.comparing(c -> c.channelName));
        }
        nodes.add(a);
        nodes.sort(Comparator.comparing((TopicStats t) -> t.hostname).thenComparing(t -> t.node));
        e2eProcessingLatency.add(a.e2eProcessingLatency);
    }
}
