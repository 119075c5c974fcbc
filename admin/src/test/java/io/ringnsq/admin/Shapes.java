package io.ringnsq.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Upstream v1.3.0 nsqadmin's JSON keys, in its order (Go struct field order; map keys sorted), from spec §5 and clusterinfo. */
final class Shapes
{
    static final List<String> TOPIC = List.of("node", "hostname", "topic_name", "depth", "memory_depth", "backend_depth",
        "message_count", "nodes", "channels", "paused", "e2e_processing_latency");
    static final List<String> CHANNEL = List.of("node", "hostname", "topic_name", "channel_name", "depth", "memory_depth",
        "backend_depth", "in_flight_count", "deferred_count", "requeue_count", "timeout_count", "message_count", "client_count",
        "nodes", "clients", "paused", "e2e_processing_latency");
    static final List<String> CLIENT = List.of("node", "remote_address", "version", "client_id", "hostname", "user_agent",
        "connect_ts", "connected", "in_flight_count", "ready_count", "finish_count", "requeue_count", "message_count",
        "sample_rate", "deflate", "snappy", "authed", "auth_identity", "auth_identity_url", "tls", "tls_cipher_suite",
        "tls_version", "tls_negotiated_protocol", "tls_negotiated_protocol_is_mutual");
    static final List<String> E2E = List.of("count", "percentiles", "topic", "channel", "host");
    static final List<String> NODE = List.of("remote_addresses", "remote_address", "hostname", "broadcast_address", "tcp_port",
        "http_port", "version", "topics", "out_of_date");
    static final List<String> COUNTER = List.of("node", "topic_name", "channel_name", "message_count");
    static final List<String> NOTIFICATION = List.of("action", "topic", "timestamp", "remote_ip", "user_agent", "url", "via");

    private Shapes()
    {
    }

    static List<String> keys(final JsonNode node)
    {
        final List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** The object's keys are {@code expected} then {@code more}, in that order. */
    static void assertKeys(final List<String> expected, final JsonNode node, final String... more)
    {
        final List<String> all = new ArrayList<>(expected);
        all.addAll(List.of(more));
        assertEquals(all, keys(node), "keys of " + node);
    }
}
