package io.ringnsq.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A channel on one node (read from {@code /stats}) or summed over nodes ({@code node} is {@code "*"}),
 * as upstream's {@code clusterinfo.ChannelStats} marshals.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"node", "hostname", "topic_name", "channel_name", "depth", "memory_depth", "backend_depth",
    "in_flight_count", "deferred_count", "requeue_count", "timeout_count", "message_count", "client_count", "nodes",
    "clients", "paused", "e2e_processing_latency"})
public final class ChannelStats
{
    @JsonProperty("node") public String node = "";
    @JsonProperty("hostname") public String hostname = "";
    @JsonProperty("topic_name") public String topicName = "";
    @JsonProperty("channel_name") public String channelName = "";
    @JsonProperty("depth") public long depth;
    @JsonProperty("memory_depth") public long memoryDepth;
    @JsonProperty("backend_depth") public long backendDepth;
    @JsonProperty("in_flight_count") public long inFlightCount;
    @JsonProperty("deferred_count") public long deferredCount;
    @JsonProperty("requeue_count") public long requeueCount;
    @JsonProperty("timeout_count") public long timeoutCount;
    @JsonProperty("message_count") public long messageCount;
    @JsonProperty("client_count") public long clientCount;
    @JsonProperty("nodes") public List<ChannelStats> nodes;
    @JsonProperty("clients") public List<ClientStats> clients;
    @JsonProperty("paused") public boolean paused;
    @JsonProperty("e2e_processing_latency") public E2eLatency e2eProcessingLatency;

    static ChannelStats aggregate(final String topic, final String channel)
    {
        final ChannelStats c = new ChannelStats();
        c.node = "*";
        c.topicName = topic;
        c.channelName = channel;
        c.nodes = new ArrayList<>();
        c.clients = new ArrayList<>();
        c.e2eProcessingLatency = E2eLatency.aggregate("*", topic, channel);
        return c;
    }

    /** Adds one node's channel: sums, paused if any node is, its clients, the nodes sorted by host name. */
    void add(final ChannelStats a)
    {
        depth += a.depth;
        memoryDepth += a.memoryDepth;
        backendDepth += a.backendDepth;
        inFlightCount += a.inFlightCount;
        deferredCount += a.deferredCount;
        requeueCount += a.requeueCount;
        timeoutCount += a.timeoutCount;
        messageCount += a.messageCount;
        clientCount += a.clientCount;
        paused |= a.paused;
        nodes.add(a);
        nodes.sort(Comparator.comparing((ChannelStats c) -> c.hostname).thenComparing(c -> c.node));
        e2eProcessingLatency.add(a.e2eProcessingLatency);
        if (a.clients != null)
        {
            clients.addAll(a.clients);
            clients.sort(Comparator.comparing((ClientStats c) -> c.hostname).thenComparing(c -> c.remoteAddress));
        }
    }
}
