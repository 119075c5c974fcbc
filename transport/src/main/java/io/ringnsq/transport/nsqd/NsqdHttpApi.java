package io.ringnsq.transport.nsqd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ringnsq.core.Names;
import io.ringnsq.core.link.CommandEvent;
import io.ringnsq.core.link.CommandType;
import io.ringnsq.core.link.EngineResult;
import io.ringnsq.core.link.IoLink;
import io.ringnsq.core.link.OutboundEvent;
import io.ringnsq.core.link.OutboundType;
import io.ringnsq.core.stats.NsqdStats;
import io.ringnsq.core.store.DiskHealth;
import io.ringnsq.transport.http.BodyLimit;
import io.ringnsq.transport.http.HttpExchange;
import io.ringnsq.transport.http.HttpRequest;
import io.ringnsq.transport.http.HttpResponse;
import io.ringnsq.transport.http.HttpService;
import io.ringnsq.transport.http.NsqResponses;
import io.ringnsq.transport.http.QueryString;
import io.ringnsq.transport.http.Router;
import io.ringnsq.transport.stats.JvmMemorySampler;
import io.ringnsq.transport.stats.MemoryStats;
import io.ringnsq.transport.stats.NodeStatus;
import io.ringnsq.transport.stats.PrometheusMetrics;
import io.ringnsq.transport.stats.StatsFormat;
import io.ringnsq.transport.stats.StatsJson;
import io.ringnsq.transport.stats.StatsText;
import io.ringnsq.transport.v2.V2Limits;
import org.agrona.concurrent.EpochNanoClock;

/**
 * nsqd's HTTP API (spec §3), endpoint by endpoint in upstream's order of checks and with its status
 * codes and messages. Requests that touch queues become engine commands on the connection's link;
 * the engine's RESULT reply finishes them. Shared by every I/O agent: it keeps no per-request state
 * outside the exchange.
 */
public final class NsqdHttpApi implements HttpService
{
    private enum Endpoint
    {
        PING, INFO, PUB, MPUB, STATS, METRICS, CONFIG_GET, CONFIG_PUT, SET_BLOCK_RATE, FREE_MEMORY,
        TOPIC_CREATE, TOPIC_DELETE, TOPIC_EMPTY, TOPIC_PAUSE, TOPIC_UNPAUSE,
        CHANNEL_CREATE, CHANNEL_DELETE, CHANNEL_EMPTY, CHANNEL_PAUSE, CHANNEL_UNPAUSE
    }

    /** What an exchange waits for from the engine, and what to do with the answer. */
    private record Pending(Endpoint endpoint, HttpResponse afterCreate, boolean text, boolean includeMem)
    {
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final StatsFormat STATS_JSON = new StatsJson();
    private static final StatsFormat STATS_TEXT = new StatsText();
    private static final StatsFormat PROMETHEUS = new PrometheusMetrics();
    private static final HttpResponse OK = NsqResponses.text("OK");

    private final Router<Endpoint> router = new Router<>();
    private final NsqdContext context;
    private final NsqdConfigValues config;
    private final JvmMemorySampler memory;
    private final EpochNanoClock clock;
    private final long startNanos;
    private final BodyLimit pubLimit;
    private final BodyLimit mpubLimit;
    private final BodyLimit configLimit;
    private volatile byte[] info;
    private final DiskHealth health;

    public NsqdHttpApi(
        final NsqdContext context, final NsqdConfigValues config, final JvmMemorySampler memory, final long startNanos,
        final DiskHealth health)
    {
        this.health = health;
        this.context = context;
        this.config = config;
        this.memory = memory;
        this.clock = context.epochClock();
        this.startNanos = startNanos;
        final int maxMsg = (int)context.maxMsgSize();
        final int maxBody = (int)context.maxBodySize();
        // the API answers a body over its limit or unreadable itself: where upstream answers depends on the endpoint
        pubLimit = BodyLimit.upTo(maxMsg);
        mpubLimit = BodyLimit.upTo(maxBody);
        configLimit = BodyLimit.upTo(maxMsg);

        router.add("GET", "/ping", Endpoint.PING)
            .add("GET", "/info", Endpoint.INFO)
            .add("POST", "/pub", Endpoint.PUB)
            .add("POST", "/mpub", Endpoint.MPUB)
            .add("GET", "/stats", Endpoint.STATS)
            .add("GET", "/metrics", Endpoint.METRICS)
            .add("POST", "/topic/create", Endpoint.TOPIC_CREATE)
            .add("POST", "/topic/delete", Endpoint.TOPIC_DELETE)
            .add("POST", "/topic/empty", Endpoint.TOPIC_EMPTY)
            .add("POST", "/topic/pause", Endpoint.TOPIC_PAUSE)
            .add("POST", "/topic/unpause", Endpoint.TOPIC_UNPAUSE)
            .add("POST", "/channel/create", Endpoint.CHANNEL_CREATE)
            .add("POST", "/channel/delete", Endpoint.CHANNEL_DELETE)
            .add("POST", "/channel/empty", Endpoint.CHANNEL_EMPTY)
            .add("POST", "/channel/pause", Endpoint.CHANNEL_PAUSE)
            .add("POST", "/channel/unpause", Endpoint.CHANNEL_UNPAUSE)
            .add("GET", "/config/:opt", Endpoint.CONFIG_GET)
            .add("PUT", "/config/:opt", Endpoint.CONFIG_PUT)
            .add("PUT", "/debug/setblockrate", Endpoint.SET_BLOCK_RATE)
            .add("POST", "/debug/freememory", Endpoint.FREE_MEMORY);
    }

    /** The bound ports are known only after the listeners bind: /info is made then. */
    void ports(final int tcpPort, final int httpPort)
    {
        info = infoJson(tcpPort, httpPort);
    }

    @Override
    public BodyLimit bodyLimit(final HttpRequest head)
    {
        final Router.Match<Endpoint> match = router.route(head.method(), head.path());
        if (!match.found())
        {
            return BodyLimit.DISCARD;
        }
        return switch (match.target())
        {
            case PUB -> pubLimit;
            case MPUB -> mpubLimit;
            case CONFIG_PUT -> configLimit;
            default -> BodyLimit.DISCARD;
        };
    }

    @Override
    public void onRequest(final HttpExchange exchange)
    {
        final HttpRequest request = exchange.request();
        final Router.Match<Endpoint> match = router.route(request.method(), request.path());
        if (!match.found())
        {
            final String path = request.path();
            if (match.allow() == null && path.length() > 1 && path.endsWith("/")
                && router.hasPath(path.substring(0, path.length() - 1)))
            {
                final String query = request.rawQuery();
                final String location = path.substring(0, path.length() - 1) + (query.isEmpty() ? "" : "?" + query);
                exchange.respond(NsqResponses.redirect(request.method(), location));
            }
            else if ("OPTIONS".equals(request.method()) && match.allow() != null)
            {
                exchange.respond(NsqResponses.options(match.allow()));
            }
            else if (match.methodNotAllowed())
            {
                exchange.respond(NsqResponses.methodNotAllowed(match.allow()));
            }
            else
            {
                exchange.respond(NsqResponses.error(404, "NOT_FOUND"));
            }
            return;
        }
        switch (match.target())
        {
            case PING -> ping(exchange);
            case INFO -> exchange.respond(NsqResponses.json(info));
            case PUB -> pub(exchange);
            case MPUB -> mpub(exchange);
            case STATS -> stats(exchange);
            case METRICS -> metrics(exchange);
            case CONFIG_GET -> configReply(exchange, config.get(match.param()));
            case CONFIG_PUT -> configPut(exchange, match.param());
            case SET_BLOCK_RATE -> setBlockRate(exchange);
            case FREE_MEMORY ->
            {
                Runtime.getRuntime().gc(); // upstream calls debug.FreeOSMemory()
                exchange.respond(NsqResponses.plain(200, ""));
            }
            case TOPIC_CREATE -> topicCreate(exchange);
            case TOPIC_DELETE, TOPIC_PAUSE, TOPIC_UNPAUSE -> existingTopic(exchange, match.target(), false);
            case TOPIC_EMPTY -> existingTopic(exchange, match.target(), true);
            default -> existingChannel(exchange, match.target());
        }
    }

    // ---------------------------------------------------------------- publishing

    /** Upstream's health check: 200 OK, or 500 with the last disk write error until a write works again. */
    private void ping(final HttpExchange exchange)
    {
        final String error = health.error();
        exchange.respond(error == null ? NsqResponses.plain(200, "OK") : NsqResponses.plain(500, "NOK - " + error));
    }

    private void pub(final HttpExchange exchange)
    {
        final HttpRequest request = exchange.request();
        if (request.bodyStatus() != HttpRequest.BodyStatus.COMPLETE)
        {
            exchange.respond(request.bodyStatus() == HttpRequest.BodyStatus.TOO_BIG
                ? NsqResponses.error(413, "MSG_TOO_BIG")
                : NsqResponses.error(500, "INTERNAL_ERROR"));
            return;
        }
        final byte[] body = request.body();
        if (body.length == 0)
        {
            exchange.respond(NsqResponses.error(400, "MSG_EMPTY"));
            return;
        }
        final String topic = topicFromQuery(exchange);
        if (topic == null)
        {
            return;
        }
        final QueryString query = exchange.request().query();
        long deferMs = 0;
        if (query.has("defer"))
        {
            deferMs = parseDefer(query.get("defer"));
            if (deferMs < 0)
            {
                // upstream has created the topic before it looks at defer
                createTopicThen(exchange, topic, NsqResponses.error(400, "INVALID_DEFER"));
                return;
            }
        }
        exchange.attach(new Pending(Endpoint.PUB, null, false, false));
        final long sequence = claim(exchange, CommandType.HTTP_PUB, topic, "");
        final CommandEvent e = exchange.link().command(sequence);
        e.body = body;
        e.number = deferMs;
        exchange.link().publishCommand(sequence);
    }

    /** Go's ParseInt(s, 10, 64) then Duration(ms) * Millisecond checked against --max-req-timeout; -1 if invalid. */
    private long parseDefer(final String text)
    {
        final int digitsFrom = text.startsWith("+") || text.startsWith("-") ? 1 : 0;
        if (text.length() == digitsFrom)
        {
            return -1;
        }
        for (int i = digitsFrom; i < text.length(); i++)
        {
            if (text.charAt(i) < '0' || text.charAt(i) > '9')
            {
                return -1; // Java would also take other scripts' digits; Go takes ASCII only
            }
        }
        final long ms;
        try
        {
            ms = Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            return -1; // out of int64 range, as Go's ParseInt
        }
        final long ns = ms * 1_000_000L; // wraps as Go's Duration multiplication does
        return ns < 0 || ns > context.maxReqTimeout().toNanos() ? -1 : ms;
    }

    private void mpub(final HttpExchange exchange)
    {
        final HttpRequest request = exchange.request();
        if (request.bodyStatus() == HttpRequest.BodyStatus.TOO_BIG && request.contentLength() >= 0)
        {
            exchange.respond(NsqResponses.error(413, "BODY_TOO_BIG")); // by Content-Length, before the query
            return;
        }
        final String topic = topicFromQuery(exchange);
        if (topic == null)
        {
            return;
        }
        if (request.bodyStatus() != HttpRequest.BodyStatus.COMPLETE)
        {
            // upstream finds these while reading, after it created the topic
            createTopicThen(exchange, topic, request.bodyStatus() == HttpRequest.BodyStatus.TOO_BIG
                ? NsqResponses.error(413, "BODY_TOO_BIG")
                : NsqResponses.error(500, "INTERNAL_ERROR"));
            return;
        }
        final QueryString query = exchange.request().query();
        // text is the default; an unrecognised value counts as binary (upstream, with a deprecation warning)
        final boolean binary = query.has("binary") && !"false".equals(query.get("binary")) && !"0".equals(query.get("binary"));
        final byte[] body = exchange.request().body();
        final List<byte[]> messages = new ArrayList<>();
        final String error = binary ? splitBinary(body, messages) : splitLines(body, messages);
        if (error != null)
        {
            createTopicThen(exchange, topic, NsqResponses.error(413, error));
            return;
        }
        exchange.attach(new Pending(Endpoint.MPUB, null, false, false));
        final long sequence = claim(exchange, CommandType.HTTP_MPUB, topic, "");
        final CommandEvent e = exchange.link().command(sequence);
        e.bodies = messages.toArray(new byte[0][]);
        e.bodyCount = messages.size();
        exchange.link().publishCommand(sequence);
    }

    /** Text mode: one message per line; empty lines skipped, a {@code \r} kept (upstream). */
    private String splitLines(final byte[] body, final List<byte[]> messages)
    {
        int start = 0;
        for (int i = 0; i <= body.length; i++)
        {
            if (i == body.length || body[i] == '\n')
            {
                final int length = i - start;
                if (length > context.maxMsgSize())
                {
                    return "MSG_TOO_BIG";
                }
                if (length > 0)
                {
                    final byte[] message = new byte[length];
                    System.arraycopy(body, start, message, 0, length);
                    messages.add(message);
                }
                start = i + 1;
            }
        }
        return null;
    }

    /** Binary mode: TCP MPUB's layout without the leading size; errors are the TCP codes without {@code E_}. */
    private String splitBinary(final byte[] body, final List<byte[]> messages)
    {
        if (body.length < 4)
        {
            return "BAD_BODY";
        }
        final int count = readInt(body, 0);
        if (count <= 0 || count > (context.maxBodySize() - 4) / 5)
        {
            return "BAD_BODY";
        }
        int at = 4;
        for (int i = 0; i < count; i++)
        {
            if (body.length - at < 4)
            {
                return "BAD_MESSAGE";
            }
            final int size = readInt(body, at);
            if (size <= 0 || size > context.maxMsgSize() || body.length - at - 4 < size)
            {
                return "BAD_MESSAGE";
            }
            final byte[] message = new byte[size];
            System.arraycopy(body, at + 4, message, 0, size);
            messages.add(message);
            at += 4 + size;
        }
        return null;
    }

    private static int readInt(final byte[] b, final int at)
    {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    // ---------------------------------------------------------------- topics and channels

    private void topicCreate(final HttpExchange exchange)
    {
        final String topic = topicFromQuery(exchange);
        if (topic != null)
        {
            exchange.attach(new Pending(Endpoint.TOPIC_CREATE, null, false, false));
            exchange.link().publishCommand(claim(exchange, CommandType.TOPIC_CREATE, topic, ""));
        }
    }

    /** /topic/delete, empty, pause, unpause: the name is validated only for empty (upstream). */
    private void existingTopic(final HttpExchange exchange, final Endpoint endpoint, final boolean validate)
    {
        final QueryString query = exchange.request().query();
        if (query.isInvalid())
        {
            exchange.respond(NsqResponses.error(400, "INVALID_REQUEST"));
            return;
        }
        if (!query.has("topic"))
        {
            exchange.respond(NsqResponses.error(400, "MISSING_ARG_TOPIC"));
            return;
        }
        final String topic = query.get("topic");
        if (validate && !Names.isValid(topic))
        {
            exchange.respond(NsqResponses.error(400, "INVALID_TOPIC"));
            return;
        }
        final int type = switch (endpoint)
        {
            case TOPIC_DELETE -> CommandType.TOPIC_DELETE;
            case TOPIC_EMPTY -> CommandType.TOPIC_EMPTY;
            case TOPIC_PAUSE -> CommandType.TOPIC_PAUSE;
            default -> CommandType.TOPIC_UNPAUSE;
        };
        exchange.attach(new Pending(endpoint, null, false, false));
        exchange.link().publishCommand(claim(exchange, type, topic, ""));
    }

    /** /channel/*: upstream's GetTopicChannelArgs, then the topic must exist, then (except create) the channel. */
    private void existingChannel(final HttpExchange exchange, final Endpoint endpoint)
    {
        final QueryString query = exchange.request().query();
        final String invalid;
        if (query.isInvalid())
        {
            invalid = "INVALID_REQUEST";
        }
        else if (!query.has("topic"))
        {
            invalid = "MISSING_ARG_TOPIC";
        }
        else if (!Names.isValid(query.get("topic")))
        {
            invalid = "INVALID_ARG_TOPIC";
        }
        else if (!query.has("channel"))
        {
            invalid = "MISSING_ARG_CHANNEL";
        }
        else if (!Names.isValid(query.get("channel")))
        {
            invalid = "INVALID_ARG_CHANNEL";
        }
        else
        {
            invalid = null;
        }
        if (invalid != null)
        {
            exchange.respond(NsqResponses.error(400, invalid));
            return;
        }
        final int type = switch (endpoint)
        {
            case CHANNEL_CREATE -> CommandType.CHANNEL_CREATE;
            case CHANNEL_DELETE -> CommandType.CHANNEL_DELETE;
            case CHANNEL_EMPTY -> CommandType.CHANNEL_EMPTY;
            case CHANNEL_PAUSE -> CommandType.CHANNEL_PAUSE;
            default -> CommandType.CHANNEL_UNPAUSE;
        };
        exchange.attach(new Pending(endpoint, null, false, false));
        exchange.link().publishCommand(claim(exchange, type, query.get("topic"), query.get("channel")));
    }

    /** Upstream's getTopicFromQuery: the query, the topic argument and its name; null after answering an error. */
    private static String topicFromQuery(final HttpExchange exchange)
    {
        final QueryString query = exchange.request().query();
        if (query.isInvalid())
        {
            exchange.respond(NsqResponses.error(400, "INVALID_REQUEST"));
            return null;
        }
        if (!query.has("topic"))
        {
            exchange.respond(NsqResponses.error(400, "MISSING_ARG_TOPIC"));
            return null;
        }
        final String topic = query.get("topic");
        if (!Names.isValid(topic))
        {
            exchange.respond(NsqResponses.error(400, "INVALID_TOPIC"));
            return null;
        }
        return topic;
    }

    private static void createTopicThen(final HttpExchange exchange, final String topic, final HttpResponse then)
    {
        exchange.attach(new Pending(Endpoint.TOPIC_CREATE, then, false, false));
        exchange.link().publishCommand(claim(exchange, CommandType.TOPIC_CREATE, topic, ""));
    }

    // ---------------------------------------------------------------- stats, config

    private void stats(final HttpExchange exchange)
    {
        final QueryString query = exchange.request().query();
        if (query.isInvalid())
        {
            exchange.respond(NsqResponses.error(400, "INVALID_REQUEST"));
            return;
        }
        final boolean json = "json".equals(value(query, "format"));
        final boolean includeClients = boolParam(value(query, "include_clients"));
        final boolean includeMem = boolParam(value(query, "include_mem"));
        exchange.attach(new Pending(Endpoint.STATS, null, !json, includeMem));
        final long sequence = claim(exchange, CommandType.STATS, value(query, "topic"), value(query, "channel"));
        exchange.link().command(sequence).number = includeClients ? 1 : 0;
        exchange.link().publishCommand(sequence);
    }

    private void metrics(final HttpExchange exchange)
    {
        exchange.attach(new Pending(Endpoint.METRICS, null, false, true));
        final long sequence = claim(exchange, CommandType.STATS, "", "");
        exchange.link().command(sequence).number = 0;
        exchange.link().publishCommand(sequence);
    }

    private void configPut(final HttpExchange exchange, final String option)
    {
        final HttpRequest request = exchange.request();
        switch (request.bodyStatus())
        {
            case TOO_BIG -> exchange.respond(NsqResponses.error(413, "INVALID_VALUE"));
            case UNREADABLE -> exchange.respond(NsqResponses.error(500, "INTERNAL_ERROR"));
            default -> configReply(exchange, config.put(option, request.body()));
        }
    }

    private static void configReply(final HttpExchange exchange, final NsqdConfigValues.Reply reply)
    {
        if (!reply.ok())
        {
            exchange.respond(NsqResponses.error(reply.status(), reply.body()));
        }
        else if (reply.json())
        {
            exchange.respond(NsqResponses.json(reply.body().getBytes(StandardCharsets.UTF_8)));
        }
        else
        {
            exchange.respond(NsqResponses.text(reply.body()));
        }
    }

    /**
     * Go's block profiler has no JVM counterpart, so the rate is checked as upstream checks it
     * ({@code strconv.Atoi}) and otherwise ignored.
     */
    private static void setBlockRate(final HttpExchange exchange)
    {
        final String rate = value(exchange.request().query(), "rate");
        String error = null;
        if (!rate.matches("[+-]?[0-9]+"))
        {
            error = "invalid syntax";
        }
        else
        {
            try
            {
                Integer.parseInt(rate.startsWith("+") ? rate.substring(1) : rate);
            }
            catch (final NumberFormatException ex)
            {
                error = "value out of range";
            }
        }
        exchange.respond(error == null
            ? NsqResponses.plain(200, "")
            : NsqResponses.plain(400, "invalid block rate : strconv.Atoi: parsing \"" + rate + "\": " + error));
    }

    /** Upstream's boolParams: true/1 and false/0; anything else, or nothing, means true. */
    private static boolean boolParam(final String value)
    {
        return !"false".equals(value) && !"0".equals(value);
    }

    private static String value(final QueryString query, final String key)
    {
        final String value = query.get(key);
        return value == null ? "" : value;
    }

    // ---------------------------------------------------------------- engine replies

    @Override
    public void onEngineEvent(final HttpExchange exchange, final OutboundEvent event)
    {
        if (event.type != OutboundType.RESULT)
        {
            return;
        }
        final Pending pending = (Pending)exchange.attachment();
        final int result = event.result;
        if (pending.afterCreate() != null)
        {
            exchange.respond(pending.afterCreate());
            return;
        }
        switch (pending.endpoint())
        {
            case PUB, MPUB -> exchange.respond(result == EngineResult.OK ? OK : NsqResponses.error(500, "INTERNAL_ERROR"));
            case STATS -> exchange.respond(renderStats((NsqdStats)event.payload, pending));
            case METRICS -> exchange.respond(render(PROMETHEUS, (NsqdStats)event.payload, memory.sample()));
            default -> exchange.respond(switch (result)
            {
                case EngineResult.TOPIC_NOT_FOUND -> NsqResponses.error(404, "TOPIC_NOT_FOUND");
                case EngineResult.CHANNEL_NOT_FOUND -> NsqResponses.error(404, "CHANNEL_NOT_FOUND");
                default -> NsqResponses.empty();
            });
        }
    }

    private HttpResponse renderStats(final NsqdStats stats, final Pending pending)
    {
        return render(pending.text() ? STATS_TEXT : STATS_JSON, stats, pending.includeMem() ? memory.sample() : null);
    }

    private HttpResponse render(final StatsFormat format, final NsqdStats stats, final MemoryStats memoryStats)
    {
        return NsqResponses.typed(format.contentType(), format.toBytes(stats, node(), memoryStats));
    }

    private NodeStatus node()
    {
        return new NodeStatus(V2Limits.VERSION, startNanos, clock.nanoTime());
    }

    private static long claim(final HttpExchange exchange, final int type, final String topic, final String channel)
    {
        final IoLink link = exchange.link();
        final long sequence = link.claimCommand();
        final CommandEvent e = link.command(sequence);
        e.type = type;
        e.connectionId = exchange.connectionId();
        e.topic = topic;
        e.channel = channel;
        e.fatal = false;
        return sequence;
    }

    private byte[] infoJson(final int tcpPort, final int httpPort)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out))
        {
            json.writeStartObject();
            json.writeStringField("version", V2Limits.VERSION);
            json.writeStringField("broadcast_address", context.broadcastAddress());
            json.writeStringField("hostname", NsqdContext.hostname());
            json.writeNumberField("http_port", httpPort);
            json.writeNumberField("tcp_port", tcpPort);
            json.writeNumberField("start_time", startNanos / 1_000_000_000L);
            json.writeNumberField("max_heartbeat_interval", context.maxHeartbeatInterval().toNanos());
            json.writeNumberField("max_output_buffer_size", context.maxOutputBufferSize());
            json.writeNumberField("max_output_buffer_timeout", context.maxOutputBufferTimeout().toNanos());
            json.writeNumberField("max_deflate_level", V2Limits.DEFAULT_DEFLATE_LEVEL);
            json.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }
}
