package io.ringnsq.lookup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ringnsq.core.Names;
import io.ringnsq.transport.http.BodyLimit;
import io.ringnsq.transport.http.HttpExchange;
import io.ringnsq.transport.http.HttpRequest;
import io.ringnsq.transport.http.HttpResponse;
import io.ringnsq.transport.http.HttpService;
import io.ringnsq.transport.http.NsqResponses;
import io.ringnsq.transport.http.QueryString;
import io.ringnsq.transport.http.Router;
import io.ringnsq.transport.v2.V2Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * nsqlookupd's HTTP API (spec §4.3, upstream's {@code nsqlookupd/http.go}): the registry's views and the admin
 * endpoints, with upstream's checks in upstream's order. Answers at once from the {@link RegistrationDb}, on the
 * lookupd's I/O agent thread, which owns it.
 */
final class LookupdHttpApi implements HttpService
{
    private static final Logger LOG = LoggerFactory.getLogger("nsqlookupd");

    private enum Endpoint
    {
        PING, INFO, DEBUG, LOOKUP, TOPICS, CHANNELS, NODES,
        TOPIC_CREATE, TOPIC_DELETE, CHANNEL_CREATE, CHANNEL_DELETE, TOPIC_TOMBSTONE
    }

    private static final HttpResponse INFO = NsqResponses.json(LookupdJson.info(V2Limits.VERSION));

    private final Router<Endpoint> router = new Router<>();
    private final RegistrationDb db;

    LookupdHttpApi(final RegistrationDb db)
    {
        this.db = db;
        router.add("GET", "/ping", Endpoint.PING)
            .add("GET", "/info", Endpoint.INFO)
            .add("GET", "/debug", Endpoint.DEBUG)
            .add("GET", "/lookup", Endpoint.LOOKUP)
            .add("GET", "/topics", Endpoint.TOPICS)
            .add("GET", "/channels", Endpoint.CHANNELS)
            .add("GET", "/nodes", Endpoint.NODES)
            .add("POST", "/topic/create", Endpoint.TOPIC_CREATE)
            .add("POST", "/topic/delete", Endpoint.TOPIC_DELETE)
            .add("POST", "/channel/create", Endpoint.CHANNEL_CREATE)
            .add("POST", "/channel/delete", Endpoint.CHANNEL_DELETE)
            .add("POST", "/topic/tombstone", Endpoint.TOPIC_TOMBSTONE);
    }

    @Override
    public BodyLimit bodyLimit(final HttpRequest head)
    {
        return BodyLimit.DISCARD; // parameters come from the query string only
    }

    @Override
    public void onRequest(final HttpExchange exchange)
    {
        final HttpRequest request = exchange.request();
        final Router.Match<Endpoint> match = router.route(request.method(), request.path());
        if (!match.found())
        {
            exchange.respond(NsqResponses.unrouted(router, request, match));
            return;
        }
        exchange.respond(switch (match.target())
        {
            case PING -> NsqResponses.plain(200, "OK");
            case INFO -> INFO;
            case DEBUG -> NsqResponses.json(LookupdJson.debug(db.all()));
            case TOPICS -> names("topics", RegistrationDb.keys(db.findRegistrations(Registration.TOPIC, Registration.ANY, "")));
            case NODES -> NsqResponses.json(LookupdJson.nodes(nodes()));
            case LOOKUP -> lookup(request.query());
            case CHANNELS -> channels(request.query());
            case TOPIC_CREATE -> topicCreate(request.query());
            case TOPIC_DELETE -> topicDelete(request.query());
            case TOPIC_TOMBSTONE -> tombstone(request.query());
            case CHANNEL_CREATE -> channelCreate(request.query());
            case CHANNEL_DELETE -> channelDelete(request.query());
        });
    }

    /** Upstream's query checks for a {@code topic} argument (not validated): the error, or null. */
    private static HttpResponse topicArgError(final QueryString query)
    {
        if (query.isInvalid())
        {
            return NsqResponses.error(400, "INVALID_REQUEST");
        }
        return query.has("topic") ? null : NsqResponses.error(400, "MISSING_ARG_TOPIC");
    }

    /** Upstream's {@code GetTopicChannelArgs} (both validated): the error, or null. */
    private static HttpResponse topicChannelArgsError(final QueryString query)
    {
        final String error;
        if (query.isInvalid())
        {
            error = "INVALID_REQUEST";
        }
        else if (!query.has("topic"))
        {
            error = "MISSING_ARG_TOPIC";
        }
        else if (!Names.isValid(query.get("topic")))
        {
            error = "INVALID_ARG_TOPIC";
        }
        else if (!query.has("channel"))
        {
            error = "MISSING_ARG_CHANNEL";
        }
        else if (!Names.isValid(query.get("channel")))
        {
            error = "INVALID_ARG_CHANNEL";
        }
        else
        {
            return null;
        }
        return NsqResponses.error(400, error);
    }

    private static HttpResponse names(final String field, final List<String> names)
    {
        return NsqResponses.json(LookupdJson.names(field, names));
    }

    /** The topic is neither validated nor checked to exist; {@code *} lists every channel (upstream). */
    private HttpResponse channels(final QueryString query)
    {
        final HttpResponse error = topicArgError(query);
        return error != null ? error
            : names("channels", RegistrationDb.subKeys(db.findRegistrations(Registration.CHANNEL, query.get("topic"), Registration.ANY)));
    }

    private HttpResponse lookup(final QueryString query)
    {
        final HttpResponse error = topicArgError(query);
        if (error != null)
        {
            return error;
        }
        final String topic = query.get("topic");
        if (db.findRegistrations(Registration.TOPIC, topic, "").isEmpty())
        {
            return NsqResponses.error(404, "TOPIC_NOT_FOUND");
        }
        final List<String> channels = RegistrationDb.subKeys(db.findRegistrations(Registration.CHANNEL, topic, Registration.ANY));
        final List<Producer> producers = db.active(db.findProducers(Registration.TOPIC, topic, ""), true);
        return NsqResponses.json(LookupdJson.lookup(channels, producers));
    }

    /** Every active nsqd (tombstoned ones too), with a tombstone flag for each of its topics: always as many. */
    private List<LookupdJson.Node> nodes()
    {
        final List<LookupdJson.Node> nodes = new ArrayList<>();
        final Map<String, List<Producer>> topicProducers = new HashMap<>();
        for (final Producer client : db.active(db.findProducers(Registration.CLIENT, "", ""), false))
        {
            final PeerInfo peer = client.peer();
            final List<String> topics = db.topicsOf(peer);
            final List<Boolean> tombstones = new ArrayList<>(topics.size());
            for (final String topic : topics)
            {
                boolean tombstoned = false;
                for (final Producer p : topicProducers.computeIfAbsent(topic, t -> db.findProducers(Registration.TOPIC, t, "")))
                {
                    if (p.peer() == peer)
                    {
                        tombstoned = db.isTombstoned(p);
                    }
                }
                tombstones.add(tombstoned);
            }
            nodes.add(new LookupdJson.Node(peer, tombstones, topics));
        }
        return nodes;
    }

    private HttpResponse topicCreate(final QueryString query)
    {
        final HttpResponse error = topicArgError(query);
        if (error != null)
        {
            return error;
        }
        final String topic = query.get("topic");
        if (!Names.isValid(topic))
        {
            return NsqResponses.error(400, "INVALID_ARG_TOPIC");
        }
        LOG.info("DB: adding topic({})", topic);
        db.addRegistration(Registration.topic(topic));
        return NsqResponses.empty();
    }

    /** Drops the topic and its channels, whatever their producers; the name is not checked (upstream). */
    private HttpResponse topicDelete(final QueryString query)
    {
        final HttpResponse error = topicArgError(query);
        if (error != null)
        {
            return error;
        }
        final String topic = query.get("topic");
        for (final Registration r : db.findRegistrations(Registration.CHANNEL, topic, Registration.ANY))
        {
            LOG.info("DB: removing channel({}) from topic({})", r.subKey(), topic);
            db.removeRegistration(r);
        }
        for (final Registration r : db.findRegistrations(Registration.TOPIC, topic, ""))
        {
            LOG.info("DB: removing topic({})", topic);
            db.removeRegistration(r);
        }
        return NsqResponses.empty();
    }

    private HttpResponse tombstone(final QueryString query)
    {
        final HttpResponse error = topicArgError(query);
        if (error != null)
        {
            return error;
        }
        if (!query.has("node"))
        {
            return NsqResponses.error(400, "MISSING_ARG_NODE");
        }
        LOG.info("DB: setting tombstone for producer@{} of topic({})", query.get("node"), query.get("topic"));
        db.tombstone(query.get("topic"), query.get("node"));
        return NsqResponses.empty();
    }

    private HttpResponse channelCreate(final QueryString query)
    {
        final HttpResponse error = topicChannelArgsError(query);
        if (error != null)
        {
            return error;
        }
        final String topic = query.get("topic");
        final String channel = query.get("channel");
        LOG.info("DB: adding channel({}) in topic({})", channel, topic);
        db.addRegistration(Registration.channel(topic, channel));
        LOG.info("DB: adding topic({})", topic);
        db.addRegistration(Registration.topic(topic));
        return NsqResponses.empty();
    }

    private HttpResponse channelDelete(final QueryString query)
    {
        final HttpResponse error = topicChannelArgsError(query);
        if (error != null)
        {
            return error;
        }
        final String topic = query.get("topic");
        final String channel = query.get("channel");
        final List<Registration> found = db.findRegistrations(Registration.CHANNEL, topic, channel);
        if (found.isEmpty())
        {
            return NsqResponses.error(404, "CHANNEL_NOT_FOUND");
        }
        LOG.info("DB: removing channel({}) from topic({})", channel, topic);
        found.forEach(db::removeRegistration);
        return NsqResponses.empty();
    }
}
