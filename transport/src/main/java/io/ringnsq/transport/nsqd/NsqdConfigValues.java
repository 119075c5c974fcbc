package io.ringnsq.transport.nsqd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ringnsq.cli.GoFloat;
import io.ringnsq.transport.log.LogLevel;
import io.ringnsq.transport.log.NsqdLogging;

/**
 * What {@code GET /config/<name>} and {@code PUT /config/<name>} answer: every option upstream
 * v1.3.0 has a flag for, under its config-file name, as upstream's handler returns it (the
 * {@code http_api.V1} decorator, {@code RespondV1}):
 *
 * <ul>
 *   <li>a Go {@code string} option is written as it is, <b>not</b> as JSON: {@code GET /config/tcp_address}
 *       answers {@code 0.0.0.0:4150}, with no {@code Content-Type} (Go sniffs {@code text/plain; charset=utf-8},
 *       and sets none for an empty value); {@link Reply#json()} is false;</li>
 *   <li>anything else is Go's {@code json.Marshal} of the value, {@code Content-Type: application/json; charset=utf-8}:
 *       durations as integer nanoseconds ({@code msg_timeout} {@code 60000000000}), {@code log_level} as its number
 *       (1 debug … 5 fatal), booleans, integers, lists as arrays ({@code []} when empty, as upstream's
 *       defaults are empty slices, not nil).</li>
 * </ul>
 *
 * <p>Values come from the {@link NsqdContext} the daemon runs with. Options ringnsq does not have yet
 * answer upstream's defaults (TLS, auth, HTTP client, disk queue, queue scan, compression),
 * so nsqadmin and other tools that read them see what an unconfigured upstream nsqd would say.
 * ringnsq's own flags ({@code threading_mode}, {@code idle_strategy}, {@code io_agents},
 * {@code log_file}, {@code log_file_max_size}, {@code log_file_max_files}) answer too.
 *
 * <p>Two can be changed, as upstream: {@code log_level} (the body is {@code debug|info|warn|error|fatal}
 * in any case, nothing around it; the level changes at once through {@link NsqdLogging#setLevel}) and
 * {@code nsqlookupd_tcp_addresses} (a JSON array of strings; the listener set with
 * {@link #onNsqlookupdTcpAddressesChange} connects to new lookupds and drops removed ones).
 *
 * <pre>{@code
 * NsqdConfigValues config = new NsqdConfigValues(context);
 * Reply reply = config.get("msg_timeout");               // 200 "60000000000" json
 * reply = config.put("log_level", "debug".getBytes());   // 200 "1" json, logging now at DEBUG
 * reply = config.put("msg_timeout", "1".getBytes());     // 400 INVALID_OPTION
 * }</pre>
 *
 * <p>Thread-safe: the HTTP threads may call it concurrently.
 */
public final class NsqdConfigValues
{
    /** Upstream's error texts. */
    public static final String INVALID_OPTION = "INVALID_OPTION";
    /** Upstream's error texts. */
    public static final String INVALID_VALUE = "INVALID_VALUE";

    /** Go's {@code tls.VersionTLS10}, upstream's {@code --tls-min-version} default. */
    private static final int TLS_VERSION_10 = 0x0301;
    private static final JsonFactory JSON = new JsonFactory();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * One answer.
     *
     * @param status 200, or upstream's error status (400, 413)
     * @param body   on 200 the response body; otherwise the error text for upstream's {@code {"message":"..."}} body
     * @param json   on 200, whether the body is JSON ({@code Content-Type: application/json; charset=utf-8}) or a
     *               Go string written as it is (no {@code Content-Type}, as upstream)
     */
    public record Reply(int status, String body, boolean json)
    {
        /** Whether this is a 200 answer. */
        public boolean ok()
        {
            return status == 200;
        }
    }

    private final NsqdContext context;
    private final Map<String, Supplier<Reply>> values = new TreeMap<>();
    private volatile LogLevel logLevel;
    /** {@code null} is Go's nil slice, what a PUT of {@code null} leaves: it answers {@code null}. */
    private volatile List<String> nsqlookupdTcpAddresses;
    private volatile Consumer<List<String>> lookupdListener = addresses -> { };

    /** The values of the daemon {@code context} describes; {@code log_level} starts at {@link NsqdContext#logLevel()}. */
    public NsqdConfigValues(final NsqdContext context)
    {
        this.context = context;
        this.logLevel = context.logLevel();
        this.nsqlookupdTcpAddresses = context.nsqlookupdTcpAddresses();

        // basic options
        values.put("id", () -> integer(context.nodeId()));
        values.put("log_level", () -> integer(logLevel.number()));
        values.put("log_prefix", () -> text(context.logPrefix()));
        values.put("tcp_address", () -> text(context.tcpAddress()));
        values.put("http_address", () -> text(context.httpAddress()));
        values.put("https_address", () -> text(context.httpsAddress()));
        values.put("broadcast_address", () -> text(context.broadcastAddress()));
        values.put("broadcast_tcp_port", () -> integer(0));
        values.put("broadcast_http_port", () -> integer(0));
        values.put("nsqlookupd_tcp_addresses", () -> jsonValue(stringArray(nsqlookupdTcpAddresses)));
        values.put("auth_http_addresses", () -> jsonValue(stringArray(context.authHttpAddresses())));
        values.put("http_client_connect_timeout", () -> duration(context.httpClientConnectTimeout()));
        values.put("http_client_request_timeout", () -> duration(context.httpClientRequestTimeout()));

        // diskqueue options: upstream keeps the data path as given ("" for the working directory), ringnsq the absolute path
        values.put("data_path", () -> text(context.dataPath().toString()));
        values.put("mem_queue_size", () -> integer(context.memQueueSize()));
        values.put("max_bytes_per_file", () -> integer(context.maxBytesPerFile()));
        values.put("sync_every", () -> integer(context.syncEvery()));
        values.put("sync_timeout", () -> duration(context.syncTimeout()));
        values.put("queue_scan_selection_count", () -> integer(20));
        values.put("queue_scan_worker_pool_max", () -> integer(4));

        // msg and command options
        values.put("msg_timeout", () -> duration(context.msgTimeout()));
        values.put("max_msg_timeout", () -> duration(context.maxMsgTimeout()));
        values.put("max_msg_size", () -> integer(context.maxMsgSize()));
        values.put("max_body_size", () -> integer(context.maxBodySize()));
        values.put("max_req_timeout", () -> duration(context.maxReqTimeout()));

        // client overridable configuration options
        values.put("max_heartbeat_interval", () -> duration(context.maxHeartbeatInterval()));
        values.put("max_rdy_count", () -> integer(context.maxRdyCount()));
        values.put("max_output_buffer_size", () -> integer(context.maxOutputBufferSize()));
        values.put("max_output_buffer_timeout", () -> duration(context.maxOutputBufferTimeout()));
        values.put("min_output_buffer_timeout", () -> duration(context.minOutputBufferTimeout()));
        values.put("output_buffer_timeout", () -> duration(context.outputBufferTimeout()));
        values.put("max_channel_consumers", () -> integer(context.maxChannelConsumers()));

        // statsd and end-to-end latency
        values.put("statsd_address", () -> text(context.statsdAddress()));
        values.put("statsd_prefix", () -> text(context.statsdPrefix()));
        values.put("statsd_interval", () -> duration(context.statsdInterval()));
        values.put("statsd_mem_stats", () -> bool(context.statsdMemStats()));
        values.put("statsd_udp_packet_size", () -> integer(context.statsdUdpPacketSize()));
        values.put("statsd_exclude_ephemeral", () -> bool(context.statsdExcludeEphemeral()));
        values.put("e2e_processing_latency_window_time", () -> duration(context.e2eProcessingLatencyWindowTime()));
        values.put("e2e_processing_latency_percentiles", () -> jsonValue(floatArray(context.e2eProcessingLatencyPercentiles())));

        // TLS and compression: not in ringnsq yet, upstream's defaults
        values.put("tls_cert", () -> text(context.tlsCert()));
        values.put("tls_key", () -> text(context.tlsKey()));
        values.put("tls_client_auth_policy", () -> text(context.tlsClientAuthPolicy()));
        values.put("tls_root_ca_file", () -> text(context.tlsRootCaFile()));
        values.put("tls_required", () -> integer(context.tlsRequired().number()));
        values.put("tls_min_version", () -> integer(TLS_VERSION_10 + tlsMinor(context.tlsMinVersion())));
        values.put("deflate", () -> bool(context.deflate()));
        values.put("max_deflate_level", () -> integer(context.maxDeflateLevel()));
        values.put("snappy", () -> bool(context.snappy()));

        // ringnsq's own flags
        values.put("threading_mode", () -> text(context.threadingMode().name().toLowerCase(Locale.ROOT)));
        values.put("idle_strategy", () -> text(context.idleStrategy()));
        values.put("io_agents", () -> integer(context.ioAgents()));
        values.put("log_file", () -> text(context.logFile()));
        values.put("log_file_max_size", () -> integer(context.logFileMaxSize()));
        values.put("log_file_max_files", () -> integer(context.logFileMaxFiles()));
    }

    /** Every name {@link #get} knows, sorted. */
    public SortedSet<String> names()
    {
        return Collections.unmodifiableSortedSet(new TreeSet<>(values.keySet()));
    }

    /** {@code GET /config/<name>}: the value, or 400 {@code INVALID_OPTION} for a name upstream has no flag for. */
    public Reply get(final String name)
    {
        final Supplier<Reply> value = values.get(name);
        return value == null ? error(400, INVALID_OPTION) : value.get();
    }

    /**
     * {@code PUT /config/<name>}, with upstream's checks in upstream's order: an empty body or one
     * over {@code --max-msg-size} is 413 {@code INVALID_VALUE} whatever the name; then a name other
     * than {@code log_level} or {@code nsqlookupd_tcp_addresses} is 400 {@code INVALID_OPTION}; then a
     * value that does not parse is 400 {@code INVALID_VALUE}. On success the answer is the new value,
     * as {@link #get} gives it.
     *
     * @param body the request body; the caller reads at most {@code --max-msg-size} + 1 bytes of it
     */
    public synchronized Reply put(final String name, final byte[] body)
    {
        if (body.length == 0 || body.length > context.maxMsgSize())
        {
            return error(413, INVALID_VALUE);
        }
        final Reply refused = switch (name)
        {
            case "nsqlookupd_tcp_addresses" -> putNsqlookupdTcpAddresses(body);
            case "log_level" -> putLogLevel(body);
            default -> error(400, INVALID_OPTION);
        };
        return refused != null ? refused : get(name);
    }

    /** Upstream's {@code json.Unmarshal(body, &opts.NSQLookupdTCPAddresses)}; {@code null} when stored. */
    private Reply putNsqlookupdTcpAddresses(final byte[] body)
    {
        final List<String> addresses;
        try
        {
            addresses = parseStringArray(body);
        }
        catch (final IOException ex)
        {
            return error(400, INVALID_VALUE);
        }
        nsqlookupdTcpAddresses = addresses;
        lookupdListener.accept(nsqlookupdTcpAddresses());
        return null;
    }

    /** Upstream's {@code lg.ParseLogLevel(string(body))}; {@code null} when the new level is in force. */
    private Reply putLogLevel(final byte[] body)
    {
        final LogLevel level;
        try
        {
            level = LogLevel.parse(new String(body, StandardCharsets.UTF_8));
        }
        catch (final IllegalArgumentException ex)
        {
            return error(400, INVALID_VALUE);
        }
        logLevel = level;
        NsqdLogging.setLevel(level);
        return null;
    }

    /** The level {@code log_level} answers: the context's until a PUT changes it. */
    public LogLevel logLevel()
    {
        return logLevel;
    }

    /** The lookupd addresses last PUT, or the context's until then; empty after a PUT of {@code null}. */
    public List<String> nsqlookupdTcpAddresses()
    {
        final List<String> addresses = nsqlookupdTcpAddresses;
        return addresses == null ? List.of() : addresses;
    }

    /** Called (on the HTTP thread) with the new addresses after each successful PUT of {@code nsqlookupd_tcp_addresses}. */
    public NsqdConfigValues onNsqlookupdTcpAddressesChange(final Consumer<List<String>> listener)
    {
        this.lookupdListener = listener;
        return this;
    }

    private static Reply error(final int status, final String message)
    {
        return new Reply(status, message, false);
    }

    private static Reply text(final String value)
    {
        return new Reply(200, value, false);
    }

    private static Reply jsonValue(final String json)
    {
        return new Reply(200, json, true);
    }

    private static Reply integer(final long value)
    {
        return jsonValue(Long.toString(value));
    }

    private static Reply bool(final boolean value)
    {
        return jsonValue(Boolean.toString(value));
    }

    /** Go's {@code time.Duration} is an int64 of nanoseconds, and marshals as that number. */
    private static Reply duration(final Duration value)
    {
        return jsonValue(Long.toString(value.toNanos()));
    }

    /**
     * Go's {@code json.Unmarshal} into a {@code []string}: an array of strings ({@code null} elements
     * become {@code ""}), or {@code null} (a nil slice); anything else, or anything after it, fails.
     * Bytes that are not UTF-8 become U+FFFD, as Go's decoder makes them.
     */
    static List<String> parseStringArray(final byte[] body) throws IOException
    {
        try (JsonParser parser = JSON.createParser(new String(body, StandardCharsets.UTF_8)))
        {
            final JsonToken first = parser.nextToken();
            final List<String> result;
            if (first == JsonToken.VALUE_NULL)
            {
                result = null;
            }
            else if (first == JsonToken.START_ARRAY)
            {
                final List<String> elements = new ArrayList<>();
                for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken())
                {
                    if (token == JsonToken.VALUE_STRING)
                    {
                        elements.add(parser.getText());
                    }
                    else if (token == JsonToken.VALUE_NULL)
                    {
                        elements.add("");
                    }
                    else
                    {
                        throw new IOException("expected a string, got " + token);
                    }
                }
                result = Collections.unmodifiableList(elements);
            }
            else
            {
                throw new IOException("expected an array of strings, got " + first);
            }
            if (parser.nextToken() != null)
            {
                throw new IOException("more after the value");
            }
            return result;
        }
        catch (final RuntimeException ex)
        {
            // a malformed number or similar surfaces unchecked from some Jackson paths
            throw new IOException(ex.getMessage(), ex);
        }
    }

    /** Go's {@code json.Marshal} of a {@code []string}; {@code null} is a nil slice. */
    static String stringArray(final List<String> values)
    {
        if (values == null)
        {
            return "null";
        }
        final StringBuilder out = new StringBuilder().append('[');
        for (int i = 0; i < values.size(); i++)
        {
            appendGoJsonString(out.append(i == 0 ? "" : ","), values.get(i));
        }
        return out.append(']').toString();
    }

    /** Go's {@code json.Marshal} of a {@code []float64}. */
    static String floatArray(final List<Double> values)
    {
        final StringBuilder out = new StringBuilder().append('[');
        for (int i = 0; i < values.size(); i++)
        {
            out.append(i == 0 ? "" : ",").append(goJsonFloat(values.get(i)));
        }
        return out.append(']').toString();
    }

    /**
     * Go 1.21's JSON string encoding (what upstream v1.3.0 was built with): {@code "} and {@code \}
     * escaped, {@code \n \r \t} by name, other control characters and the HTML-sensitive {@code < > &}
     * as backslash-{@code u00xx}, U+2028 and U+2029 escaped, everything else as it is.
     */
    public static void appendGoJsonString(final StringBuilder out, final String value)
    {
        out.append('"');
        int i = 0;
        while (i < value.length())
        {
            final int cp = value.codePointAt(i);
            final int width = Character.charCount(cp);
            switch (cp)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&' -> out.append("\\u00").append(HEX[cp >> 4]).append(HEX[cp & 0xF]);
                case 0x2028 -> out.append("\\u2028");
                case 0x2029 -> out.append("\\u2029");
                default ->
                {
                    if (cp < 0x20)
                    {
                        out.append("\\u00").append(HEX[cp >> 4]).append(HEX[cp & 0xF]);
                    }
                    else if (Character.isSurrogate((char)cp))
                    {
                        // a lone surrogate: Go's strings hold U+FFFD where the JSON held one
                        out.append('\uFFFD');
                    }
                    else
                    {
                        out.appendCodePoint(cp);
                    }
                }
            }
            i += width;
        }
        out.append('"');
    }

    /** Go's tls.VersionTLS1x numbers: 0x0301 for 1.0 up to 0x0304 for 1.3. */
    private static int tlsMinor(final String version)
    {
        return switch (version)
        {
            case "tls1.0" -> 0;
            case "tls1.1" -> 1;
            case "tls1.3" -> 3;
            default -> 2; // "" is TLS 1.2 in ringnsq
        };
    }

    /** Go's {@code json.Marshal} of a float64; it fails on NaN and infinities, which conclude() keeps out. */
    static String goJsonFloat(final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            throw new IllegalArgumentException("json: unsupported value: " + GoFloat.general(value));
        }
        return GoFloat.json(value);
    }
}
