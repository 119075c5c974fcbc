package io.ringnsq.transport.stats;

import io.ringnsq.cli.GoFloat;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.ringnsq.core.stats.ChannelStats;
import io.ringnsq.core.stats.ClientStats;
import io.ringnsq.core.stats.E2eLatency;
import io.ringnsq.core.stats.NsqdStats;
import io.ringnsq.core.stats.TopicStats;

/**
 * {@code /stats?format=json}: the body upstream's {@code json.Marshal} writes, byte for byte, in
 * the key order of its structs, compact, with Go's number and string encodings (see
 * {@link GoFloat#json} and {@link GoJsonEscapes}). {@code null} and {@code []} follow the snapshot:
 * a null list is {@code null}, an empty one {@code []}, except {@code producers}, which upstream
 * leaves nil when there are none. Thread-safe and stateless.
 */
public final class StatsJson implements StatsFormat
{
    /** What upstream's V1 responder sends with a JSON body. */
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private static final JsonFactory FACTORY = JsonFactory.builder()
        .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
        .build();

    /**
     * Writes the body.
     *
     * @param stats  the engine's snapshot, filtered and sorted
     * @param node   version and start time
     * @param memory the memory figures, or null when not asked for ({@code include_mem=false}):
     *               then the {@code memory} key is left out, as upstream's {@code omitempty} does
     * @param out    where the UTF-8 bytes go; not closed
     */
    @Override
    public void write(final NsqdStats stats, final NodeStatus node, final MemoryStats memory, final OutputStream out)
        throws IOException
    {
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8))
        {
            json.setCharacterEscapes(new GoJsonEscapes());
            json.writeStartObject();
            string(json, "version", node.version());
            string(json, "health", stats.health());
            json.writeNumberField("start_time", node.startTimeUnixSeconds());
            json.writeFieldName("topics");
            topics(json, stats.topics());
            if (memory != null)
            {
                json.writeFieldName("memory");
                memory(json, memory);
            }
            json.writeFieldName("producers");
            if (stats.producers() == null || stats.producers().isEmpty())
            {
                json.writeNull();
            }
            else
            {
                clients(json, stats.producers());
            }
            json.writeEndObject();
        }
    }

    @Override
    public String contentType()
    {
        return CONTENT_TYPE;
    }

    private static void topics(final JsonGenerator json, final List<TopicStats> topics) throws IOException
    {
        if (topics == null)
        {
            json.writeNull();
            return;
        }
        json.writeStartArray();
        for (final TopicStats topic : topics)
        {
            json.writeStartObject();
            string(json, "topic_name", topic.topicName());
            json.writeFieldName("channels");
            channels(json, topic.channels());
            json.writeNumberField("depth", topic.depth());
            json.writeNumberField("backend_depth", topic.backendDepth());
            unsigned(json, "message_count", topic.messageCount());
            unsigned(json, "message_bytes", topic.messageBytes());
            json.writeBooleanField("paused", topic.paused());
            e2e(json, topic.e2eProcessingLatency());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void channels(final JsonGenerator json, final List<ChannelStats> channels) throws IOException
    {
        if (channels == null)
        {
            json.writeNull();
            return;
        }
        json.writeStartArray();
        for (final ChannelStats channel : channels)
        {
            json.writeStartObject();
            string(json, "channel_name", channel.channelName());
            json.writeNumberField("depth", channel.depth());
            json.writeNumberField("backend_depth", channel.backendDepth());
            json.writeNumberField("in_flight_count", channel.inFlightCount());
            json.writeNumberField("deferred_count", channel.deferredCount());
            unsigned(json, "message_count", channel.messageCount());
            unsigned(json, "requeue_count", channel.requeueCount());
            unsigned(json, "timeout_count", channel.timeoutCount());
            json.writeNumberField("client_count", channel.clientCount());
            json.writeFieldName("clients");
            clients(json, channel.clients());
            json.writeBooleanField("paused", channel.paused());
            e2e(json, channel.e2eProcessingLatency());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** Upstream's {@code quantile.Result}: percentiles are {@code map[string]float64}, so their keys come sorted. */
    private static void e2e(final JsonGenerator json, final E2eLatency latency) throws IOException
    {
        final E2eLatency e2e = latency == null ? E2eLatency.OFF : latency;
        json.writeFieldName("e2e_processing_latency");
        json.writeStartObject();
        json.writeNumberField("count", e2e.count());
        json.writeFieldName("percentiles");
        if (e2e.percentiles() == null)
        {
            json.writeNull();
        }
        else
        {
            json.writeStartArray();
            for (final E2eLatency.Percentile percentile : e2e.percentiles())
            {
                json.writeStartObject();
                json.writeFieldName("quantile");
                json.writeNumber(GoFloat.json(percentile.quantile()));
                json.writeFieldName("value");
                json.writeNumber(GoFloat.json(percentile.value()));
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    /** {@code ClientV2Stats}, with its {@code omitempty} keys left out when false or empty. */
    private static void clients(final JsonGenerator json, final List<ClientStats> clients) throws IOException
    {
        if (clients == null)
        {
            json.writeNull();
            return;
        }
        json.writeStartArray();
        for (final ClientStats client : clients)
        {
            json.writeStartObject();
            string(json, "client_id", client.clientId());
            string(json, "hostname", client.hostname());
            string(json, "version", client.version());
            string(json, "remote_address", client.remoteAddress());
            json.writeNumberField("state", client.state());
            json.writeNumberField("ready_count", client.readyCount());
            json.writeNumberField("in_flight_count", client.inFlightCount());
            unsigned(json, "message_count", client.messageCount());
            unsigned(json, "finish_count", client.finishCount());
            unsigned(json, "requeue_count", client.requeueCount());
            json.writeNumberField("connect_ts", client.connectTime());
            json.writeNumberField("sample_rate", client.sampleRate());
            json.writeBooleanField("deflate", client.deflate());
            json.writeBooleanField("snappy", client.snappy());
            string(json, "user_agent", client.userAgent());
            if (client.authed())
            {
                json.writeBooleanField("authed", true);
            }
            if (client.authIdentity() != null && !client.authIdentity().isEmpty())
            {
                string(json, "auth_identity", client.authIdentity());
            }
            if (client.authIdentityUrl() != null && !client.authIdentityUrl().isEmpty())
            {
                string(json, "auth_identity_url", client.authIdentityUrl());
            }
            if (client.pubCounts() != null && !client.pubCounts().isEmpty())
            {
                json.writeFieldName("pub_counts");
                json.writeStartArray();
                for (final ClientStats.PubCount pubCount : client.pubCounts())
                {
                    json.writeStartObject();
                    string(json, "topic", pubCount.topic());
                    unsigned(json, "count", pubCount.count());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeBooleanField("tls", client.tls());
            string(json, "tls_cipher_suite", client.tlsCipherSuite());
            string(json, "tls_version", client.tlsVersion());
            string(json, "tls_negotiated_protocol", client.tlsNegotiatedProtocol());
            json.writeBooleanField("tls_negotiated_protocol_is_mutual", client.tlsNegotiatedProtocolIsMutual());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void memory(final JsonGenerator json, final MemoryStats memory) throws IOException
    {
        json.writeStartObject();
        unsigned(json, "heap_objects", memory.heapObjects());
        unsigned(json, "heap_idle_bytes", memory.heapIdleBytes());
        unsigned(json, "heap_in_use_bytes", memory.heapInUseBytes());
        unsigned(json, "heap_released_bytes", memory.heapReleasedBytes());
        unsigned(json, "gc_pause_usec_100", memory.gcPauseUsec100());
        unsigned(json, "gc_pause_usec_99", memory.gcPauseUsec99());
        unsigned(json, "gc_pause_usec_95", memory.gcPauseUsec95());
        unsigned(json, "next_gc_bytes", memory.nextGcBytes());
        unsigned(json, "gc_total_runs", memory.gcTotalRuns());
        json.writeEndObject();
    }

    private static void string(final JsonGenerator json, final String name, final String value) throws IOException
    {
        json.writeStringField(name, GoJsonEscapes.sanitize(value));
    }

    /** A Go {@code uint64}: the long read as unsigned. */
    private static void unsigned(final JsonGenerator json, final String name, final long value) throws IOException
    {
        json.writeFieldName(name);
        if (value >= 0)
        {
            json.writeNumber(value);
        }
        else
        {
            json.writeNumber(Long.toUnsignedString(value));
        }
    }
}
