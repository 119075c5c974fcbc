package io.ringnsq.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringnsq.core.Names;
import io.ringnsq.transport.http.HttpHeaders;
import io.ringnsq.transport.http.HttpResponse;
import io.ringnsq.transport.http.NsqResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * nsqadmin's {@code /api/*} (upstream's {@code nsqadmin/http.go}): every answer carries {@code "message"},
 * {@code ""} or {@code "WARNING: ..."} naming each node that failed; 502 {@code UPSTREAM_ERROR} when all did.
 * Blocking (it asks the cluster): runs on the API's pool.
 */
final class AdminApi
{
    private static final Logger LOG = LoggerFactory.getLogger("nsqadmin");
    private static final ObjectMapper JSON_TEXT = new ObjectMapper();
    private static final HttpHeaders ERROR_HEADERS = HttpHeaders.of("X-Nsq-Content-Type", "nsq; version=1.0",
        "Content-Type", NsqResponses.JSON);

    private final AdminContext context;
    private final ClusterInfo info;
    private final ClusterActions actions;
    private final Notifier notifier;
    private final ObjectMapper json;
    private final AdminConfigValues config;
    private final GraphiteRate graphite;

    AdminApi(final AdminContext context, final ClusterInfo info, final ClusterActions actions, final Notifier notifier,
        final ObjectMapper json, final AdminConfigValues config, final GraphiteRate graphite)
    {
        this.graphite = graphite;
        this.context = context;
        this.info = info;
        this.actions = actions;
        this.notifier = notifier;
        this.json = json;
        this.config = config;
    }

    /** {@code call.path()} is below the base path: {@code /api/...} or {@code /config/...}. */
    HttpResponse handle(final ApiCall call)
    {
        try
        {
            return route(call);
        }
        catch (final Failure f)
        {
            return error(f.status, f.getMessage());
        }
        catch (final RuntimeException ex)
        {
            LOG.error("{} {} failed", call.method(), call.path(), ex);
            return error(500, "INTERNAL_ERROR");
        }
    }

    private HttpResponse route(final ApiCall call)
    {
        final String[] s = segments(call.path());
        final String m = call.method();
        if (s.length == 2 && s[0].equals("config"))
        {
            return allow(m, "GET", "PUT") ? config.handle(call, s[1]) : notAllowed("GET, OPTIONS, PUT");
        }
        if (s.length < 2 || !s[0].equals("api"))
        {
            return error(404, "NOT_FOUND");
        }
        switch (s[1])
        {
            case "topics":
                if (s.length == 2)
                {
                    return m.equals("GET") ? topics(call) : m.equals("POST") ? createTopicChannel(call) : notAllowed("GET, OPTIONS, POST");
                }
                if (s.length == 3)
                {
                    return m.equals("GET") ? topic(s[2]) : m.equals("POST") ? topicAction(call, s[2], "")
                        : m.equals("DELETE") ? deleteTopic(call, s[2]) : notAllowed("DELETE, GET, OPTIONS, POST");
                }
                if (s.length == 4)
                {
                    return m.equals("GET") ? channel(s[2], s[3]) : m.equals("POST") ? topicAction(call, s[2], s[3])
                        : m.equals("DELETE") ? deleteChannel(call, s[2], s[3]) : notAllowed("DELETE, GET, OPTIONS, POST");
                }
                break;
            case "nodes":
                if (s.length == 2)
                {
                    return m.equals("GET") ? nodes() : notAllowed("GET, OPTIONS");
                }
                if (s.length == 3)
                {
                    return m.equals("GET") ? node(s[2]) : m.equals("DELETE") ? tombstone(call, s[2]) : notAllowed("DELETE, GET, OPTIONS");
                }
                break;
            case "counter":
                return s.length == 2 ? (m.equals("GET") ? counter() : notAllowed("GET, OPTIONS")) : error(404, "NOT_FOUND");
            case "graphite":
                return s.length == 2 ? (m.equals("GET") ? graphite.rate(call) : notAllowed("GET, OPTIONS")) : error(404, "NOT_FOUND");
            default:
                break;
        }
        return error(404, "NOT_FOUND");
    }

    private static boolean allow(final String method, final String... methods)
    {
        return List.of(methods).contains(method);
    }

    private static HttpResponse notAllowed(final String allow)
    {
        return NsqResponses.methodNotAllowed(allow);
    }

    private static String[] segments(final String path)
    {
        final String p = path.startsWith("/") ? path.substring(1) : path;
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    // ======================================================================== reads

    private HttpResponse topics(final ApiCall call)
    {
        final Gathered<List<String>> topics = info.topics();
        final List<String> messages = messages(topics);
        final ObjectNode out = json.createObjectNode();
        if ("true".equals(call.param("inactive")))
        {
            final Map<String, List<String>> inactive = new TreeMap<>();
            if (info.lookupdMode())
            {
                // upstream ignores the failures of these follow-up questions: the lookupds' own failures are reported
                inactive.putAll(info.inactiveTopics(topics.value()).value());
            }
            out.set("topics", json.valueToTree(inactive));
        }
        else
        {
            out.set("topics", json.valueToTree(topics.value()));
        }
        return answer(out, messages);
    }

    private HttpResponse topic(final String topic)
    {
        final Gathered<List<Producer>> producers = info.topicProducers(topic);
        final List<String> messages = messages(producers);
        final Gathered<ClusterInfo.Stats> stats = info.nsqdStats(producers.value(), topic, "", false);
        messages.addAll(messages(stats));
        final TopicStats all = TopicStats.aggregate(topic);
        stats.value().topics().forEach(all::add);
        return answer(json.valueToTree(all), messages);
    }

    private HttpResponse channel(final String topic, final String channel)
    {
        final Gathered<List<Producer>> producers = info.topicProducers(topic);
        final List<String> messages = messages(producers);
        final Gathered<ClusterInfo.Stats> stats = info.nsqdStats(producers.value(), topic, channel, true);
        messages.addAll(messages(stats));
        final ChannelStats found = stats.value().channels().get(channel);
        // upstream marshals a missing channel as its message alone
        return answer(found == null ? json.createObjectNode() : json.valueToTree(found), messages);
    }

    private HttpResponse nodes()
    {
        final Gathered<List<Producer>> producers = info.producers();
        final List<String> messages = messages(producers);
        final ObjectNode out = json.createObjectNode();
        out.set("nodes", json.valueToTree(producers.value()));
        return answer(out, messages);
    }

    private HttpResponse node(final String node)
    {
        final Gathered<List<Producer>> producers = info.producers();
        final List<String> messages = messages(producers);
        final Producer producer = producers.value().stream().filter(p -> p.httpAddress().equals(node)).findFirst().orElse(null);
        if (producer == null)
        {
            return error(404, "NODE_NOT_FOUND");
        }
        final Gathered<ClusterInfo.Stats> stats = info.nsqdStats(List.of(producer), "", "", true);
        messages.addAll(messages(stats));
        long clients = 0;
        long total = 0;
        for (final TopicStats t : stats.value().topics())
        {
            for (final ChannelStats c : t.channels)
            {
                clients += c.clients == null ? 0 : c.clients.size();
            }
            total += t.messageCount;
        }
        final ObjectNode out = json.createObjectNode();
        out.put("node", node);
        out.set("topics", json.valueToTree(stats.value().topics()));
        out.put("total_messages", total);
        out.put("total_clients", clients);
        return answer(out, messages);
    }

    private HttpResponse counter()
    {
        final Gathered<List<Producer>> producers = info.producers();
        final List<String> messages = messages(producers);
        final Gathered<ClusterInfo.Stats> stats = info.nsqdStats(producers.value(), "", "", false);
        messages.addAll(messages(stats));
        final Map<String, ObjectNode> counts = new LinkedHashMap<>();
        for (final ChannelStats c : stats.value().channels().values())
        {
            for (final ChannelStats n : c.nodes)
            {
                final ObjectNode s = counts.computeIfAbsent(c.topicName + ":" + c.channelName + ":" + n.node, k ->
                {
                    final ObjectNode o = json.createObjectNode();
                    o.put("node", n.node);
                    o.put("topic_name", c.topicName);
                    o.put("channel_name", c.channelName);
                    o.put("message_count", 0L);
                    return o;
                });
                s.put("message_count", s.get("message_count").asLong() + n.messageCount);
            }
        }
        final ObjectNode out = json.createObjectNode();
        out.set("stats", json.valueToTree(counts));
        return answer(out, messages);
    }

    // ======================================================================== actions

    /** Upstream's isAuthorizedAdminRequest: with --admin-user set, the ACL header must name one of them. */
    private void checkAdmin(final ApiCall call)
    {
        if (!context.adminUsers().isEmpty() && !context.adminUsers().contains(call.aclUser()))
        {
            throw new Failure(403, "FORBIDDEN");
        }
    }

    private JsonNode body(final ApiCall call)
    {
        try
        {
            final JsonNode body = json.readTree(call.body());
            if (body == null || !body.isObject())
            {
                throw new Failure(400, "INVALID_BODY");
            }
            return body;
        }
        catch (final IOException ex)
        {
            throw new Failure(400, "INVALID_BODY");
        }
    }

    private HttpResponse createTopicChannel(final ApiCall call)
    {
        checkAdmin(call);
        final JsonNode body = body(call);
        final String topic = body.path("topic").asText("");
        final String channel = body.path("channel").asText("");
        if (!Names.isValid(topic))
        {
            throw new Failure(400, "INVALID_TOPIC");
        }
        if (!channel.isEmpty() && !Names.isValid(channel))
        {
            throw new Failure(400, "INVALID_CHANNEL");
        }
        final List<String> messages = messages(actions.createTopicChannel(topic, channel));
        notifier.notify("create_topic", topic, "", "", call);
        if (!channel.isEmpty())
        {
            notifier.notify("create_channel", topic, channel, "", call);
        }
        return answer(json.createObjectNode(), messages);
    }

    private HttpResponse topicAction(final ApiCall call, final String topic, final String channel)
    {
        checkAdmin(call);
        final String action = body(call).path("action").asText("");
        if (!action.equals("pause") && !action.equals("unpause") && !action.equals("empty"))
        {
            throw new Failure(400, "INVALID_ACTION");
        }
        final Gathered<Void> done = channel.isEmpty() ? actions.topicAction(topic, action) : actions.channelAction(topic, channel, action);
        final List<String> messages = messages(done);
        notifier.notify(action + (channel.isEmpty() ? "_topic" : "_channel"), topic, channel, "", call);
        return answer(json.createObjectNode(), messages);
    }

    private HttpResponse deleteTopic(final ApiCall call, final String topic)
    {
        checkAdmin(call);
        final List<String> messages = messages(actions.deleteTopic(topic));
        notifier.notify("delete_topic", topic, "", "", call);
        return answer(json.createObjectNode(), messages);
    }

    private HttpResponse deleteChannel(final ApiCall call, final String topic, final String channel)
    {
        checkAdmin(call);
        final List<String> messages = messages(actions.deleteChannel(topic, channel));
        notifier.notify("delete_channel", topic, channel, "", call);
        return answer(json.createObjectNode(), messages);
    }

    private HttpResponse tombstone(final ApiCall call, final String node)
    {
        checkAdmin(call);
        final String topic = body(call).path("topic").asText("");
        if (!Names.isValid(topic))
        {
            throw new Failure(400, "INVALID_TOPIC");
        }
        final List<String> messages = messages(actions.tombstoneTopicProducer(topic, node));
        notifier.notify("tombstone_topic_producer", topic, "", node, call);
        return answer(json.createObjectNode(), messages);
    }

    // ======================================================================== answers

    /** The failures to report; all of them failed: 502 as upstream. */
    private List<String> messages(final Gathered<?> gathered)
    {
        if (gathered.allFailed())
        {
            LOG.error("failed to query any node - {}", gathered.errorText());
            throw new Failure(502, "UPSTREAM_ERROR: " + gathered.errorText());
        }
        if (!gathered.errors().isEmpty())
        {
            LOG.warn("{}", gathered.errorText());
        }
        return new ArrayList<>(gathered.errors());
    }

    private HttpResponse answer(final JsonNode node, final List<String> messages)
    {
        final ObjectNode out = node.isObject() ? (ObjectNode)node : json.createObjectNode();
        out.put("message", messages.isEmpty() ? "" : "WARNING: " + String.join("; ", messages));
        try
        {
            return NsqResponses.json(json.writeValueAsBytes(out));
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * {@code {"message":...}} written by Jackson: node failures carry newlines and quotes, which
     * {@link NsqResponses#error} (made for fixed codes) does not escape.
     */
    static HttpResponse error(final int status, final String message)
    {
        final String json = "{\"message\":" + JSON_TEXT.valueToTree(message).toString() + "}";
        return HttpResponse.of(status, ERROR_HEADERS, json.getBytes(StandardCharsets.UTF_8));
    }

    /** An answer other than 200, thrown from deep in a handler. */
    static final class Failure extends RuntimeException
    {
        private static final long serialVersionUID = 1L;
        private final int status;

        Failure(final int status, final String message)
        {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
