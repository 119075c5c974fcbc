package io.ringnsq.admin;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An nsqd as nsqadmin knows it (upstream's {@code clusterinfo.Producer}): from a lookupd's {@code /nodes} or
 * {@code /lookup}, or in nsqd mode from the node's own {@code /info}; which lookupds list it, its topics.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"remote_addresses", "remote_address", "hostname", "broadcast_address", "tcp_port", "http_port", "version",
    "topics", "out_of_date"})
public final class Producer
{
    @JsonProperty("remote_addresses") public List<String> remoteAddresses;
    @JsonProperty("remote_address") public String remoteAddress = "";
    @JsonProperty("hostname") public String hostname = "";
    @JsonProperty("broadcast_address") public String broadcastAddress = "";
    @JsonProperty("tcp_port") public int tcpPort;
    @JsonProperty("http_port") public int httpPort;
    @JsonProperty("version") public String version = "";
    @JsonProperty("topics") public List<ProducerTopic> topics = new ArrayList<>();
    @JsonProperty("out_of_date") public boolean outOfDate;

    /** One topic of the node, and whether a lookupd has tombstoned it there. */
    @JsonPropertyOrder({"topic", "tombstoned"})
    public record ProducerTopic(@JsonProperty("topic") String topic, @JsonProperty("tombstoned") boolean tombstoned)
    {
    }

    /** {@code broadcast_address:http_port}: the node's name in nsqadmin's URLs and stats. */
    @JsonIgnore
    public String httpAddress()
    {
        return joinHostPort(broadcastAddress, httpPort);
    }

    /** {@code broadcast_address:tcp_port}: how producers from several lookupds are told apart. */
    @JsonIgnore
    public String tcpAddress()
    {
        return joinHostPort(broadcastAddress, tcpPort);
    }

    static String joinHostPort(final String host, final int port)
    {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
