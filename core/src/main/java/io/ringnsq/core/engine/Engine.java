package io.ringnsq.core.engine;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import com.lmax.disruptor.EventPoller;
import io.ringnsq.core.link.CommandEvent;
import io.ringnsq.core.link.CommandType;
import io.ringnsq.core.link.EngineResult;
import io.ringnsq.core.link.IoLink;
import io.ringnsq.core.message.MessageIds;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of all topic, channel and client state. Each duty cycle it reads the clock
 * once, takes commands from every I/O agent's ring, fires due timers, fans topic messages out to
 * channels and dispatches channel messages to ready clients; replies and message frames go back on
 * each agent's outbound ring. It holds no lock and owns no socket.
 */
public final class Engine implements Agent, EventPoller.Handler<CommandEvent>, MessageTimers.Expiry
{
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final int COMMAND_BATCH = 1024;
    private static final int TIMER_BATCH = 4096;
    private static final int POOLED_MESSAGES = 64 * 1024;

    private final EngineConfig config;
    private final IoLink[] links;
    private final NanoClock clock;
    private final EpochNanoClock epochClock;
    private final PipelineContext ctx;
    private final MessageTimers timers;
    private final Map<String, Topic> topics = new HashMap<>();
    private final Long2ObjectHashMap<Client> clients = new Long2ObjectHashMap<>();
    private final StatsCollector stats;
    /** Clients to close whose agent's ring was full when they were kicked (channel or topic deleted). */
    private final ArrayDeque<Client> pendingCloses = new ArrayDeque<>();

    private IoLink pollingLink;
    private int commandsThisPoll;
    private Object resultPayload;

    public Engine(final EngineConfig config, final IoLink[] links, final NanoClock clock, final EpochNanoClock epochClock)
    {
        this.config = config;
        this.links = links;
        this.clock = clock;
        this.epochClock = epochClock;
        this.ctx = new PipelineContext(config, new MessagePool(POOLED_MESSAGES));
        this.timers = new MessageTimers(clock.nanoTime(), this);
        ctx.timers = timers;
        this.stats = new StatsCollector(ctx);
        ctx.now = clock.nanoTime();
        ctx.epochNow = epochClock.nanoTime();
    }

    @Override
    public String roleName()
    {
        return "nsqd-engine";
    }

    @Override
    public int doWork()
    {
        ctx.now = clock.nanoTime();
        ctx.epochNow = epochClock.nanoTime();
        int work = sendPendingCloses();
        for (final IoLink link : links)
        {
            if (link.hasOutboundCapacity(1))
            {
                pollingLink = link;
                commandsThisPoll = 0;
                work += link.pollCommands(this);
            }
        }
        work += timers.poll(ctx.now, TIMER_BATCH);
        work += ctx.work.fanOut();
        work += ctx.work.dispatch();
        return work;
    }

    /** Number of topics; the rest of the engine's state is reached through commands. */
    public int topicCount()
    {
        return topics.size();
    }

    public Topic topic(final String name)
    {
        return topics.get(name);
    }

    // ---------------------------------------------------------------- commands

    @Override
    public boolean onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch)
    {
        try
        {
            onCommand(event);
        }
        catch (final RuntimeException ex)
        {
            // a bug must not wedge the ring: the command is dropped, the connection closed
            LOG.error("command {} for connection {} failed", event.type, event.connectionId, ex);
            final Client client = clients.get(event.connectionId);
            if (client != null && !client.closed && client.link.hasOutboundCapacity(1))
            {
                ClientOutput.error(client, "E_INVALID internal error", true);
            }
        }
        finally
        {
            event.clear();
        }
        return ++commandsThisPoll < COMMAND_BATCH && pollingLink.hasOutboundCapacity(1);
    }

    private void onCommand(final CommandEvent e)
    {
        if (e.type == CommandType.CONNECT)
        {
            clients.put(e.connectionId, new Client(
                e.connectionId, pollingLink, e.text, ctx.epochNow, config.msgTimeoutNs()));
            return;
        }
        final Client client = clients.get(e.connectionId);
        if (client == null)
        {
            return;
        }
        if (e.type == CommandType.DISCONNECT)
        {
            onDisconnect(client);
            return;
        }
        if (client.closed)
        {
            return; // a fatal error already went out; the agent is closing the socket
        }
        switch (e.type)
        {
            case CommandType.IDENTIFY:
                client.identify(e.identity);
                ClientOutput.identified(client, e.identity.response);
                break;
            case CommandType.CLIENT_FEATURES:
                client.features = e.features;
                break;
            case CommandType.RESPONSE:
                ClientOutput.response(client, e.body);
                break;
            case CommandType.SUB:
                onSub(client, e.topic, e.channel);
                break;
            case CommandType.RDY:
                client.readyCount = e.number;
                scheduleDispatch(client);
                break;
            case CommandType.FIN:
                failIfNotNull(client, "E_FIN_FAILED FIN ", e.messageId, client.channel.finish(client, e.messageId));
                break;
            case CommandType.REQ:
                failIfNotNull(client, "E_REQ_FAILED REQ ", e.messageId, client.channel.requeue(client, e.messageId, e.number));
                break;
            case CommandType.TOUCH:
                failIfNotNull(client, "E_TOUCH_FAILED TOUCH ", e.messageId, client.channel.touch(client, e.messageId));
                break;
            case CommandType.CLS:
                client.readyCount = 0;
                client.state = Client.STATE_CLOSING;
                ClientOutput.response(client, ClientOutput.CLOSE_WAIT);
                break;
            case CommandType.PUB:
                onPublish(client, "PUB", e.topic, e.body, 0);
                break;
            case CommandType.DPUB:
                onPublish(client, "DPUB", e.topic, e.body, e.number);
                break;
            case CommandType.MPUB:
                onMultiPublish(client, e.topic, e.bodies, e.bodyCount);
                break;
            case CommandType.ERROR:
                if (e.topic != null)
                {
                    getOrCreateTopic(e.topic);
                }
                ClientOutput.error(client, e.text, e.fatal);
                break;
            case CommandType.CLOSE:
                ClientOutput.close(client);
                break;
            default:
                ClientOutput.result(client, onAdminCommand(e), resultPayload);
                resultPayload = null;
        }
    }

    /** Commands of the HTTP API; each gets one RESULT reply. */
    private int onAdminCommand(final CommandEvent e)
    {
        switch (e.type)
        {
            case CommandType.HTTP_PUB:
            {
                final Topic topic = getOrCreateTopic(e.topic);
                if (!topic.canAccept(1))
                {
                    return EngineResult.QUEUE_FULL;
                }
                topic.put(e.body, e.number);
                return EngineResult.OK;
            }
            case CommandType.HTTP_MPUB:
            {
                final Topic topic = getOrCreateTopic(e.topic);
                if (!topic.canAccept(e.bodyCount))
                {
                    return EngineResult.QUEUE_FULL;
                }
                for (int i = 0; i < e.bodyCount; i++)
                {
                    topic.put(e.bodies[i], 0);
                }
                return EngineResult.OK;
            }
            case CommandType.TOPIC_CREATE:
                getOrCreateTopic(e.topic);
                return EngineResult.OK;
            case CommandType.STATS:
                resultPayload = stats.snapshot(topics.values(), clients.values(), e.topic, e.channel, e.number != 0);
                return EngineResult.OK;
            default:
                return onExistingTopic(e);
        }
    }

    /** Commands on a topic, or a channel of a topic, that must exist already. */
    private int onExistingTopic(final CommandEvent e)
    {
        final Topic topic = topics.get(e.topic);
        if (topic == null)
        {
            return EngineResult.TOPIC_NOT_FOUND;
        }
        switch (e.type)
        {
            case CommandType.TOPIC_DELETE:
                deleteTopic(topic);
                return EngineResult.OK;
            case CommandType.TOPIC_EMPTY:
                topic.empty();
                return EngineResult.OK;
            case CommandType.TOPIC_PAUSE:
            case CommandType.TOPIC_UNPAUSE:
                topic.pause(e.type == CommandType.TOPIC_PAUSE);
                return EngineResult.OK;
            case CommandType.CHANNEL_CREATE:
                topic.getOrCreateChannel(e.channel);
                return EngineResult.OK;
            default:
                break;
        }
        final Channel channel = topic.channel(e.channel);
        if (channel == null)
        {
            return EngineResult.CHANNEL_NOT_FOUND;
        }
        switch (e.type)
        {
            case CommandType.CHANNEL_DELETE:
                deleteChannel(channel);
                return EngineResult.OK;
            case CommandType.CHANNEL_EMPTY:
                channel.empty();
                return EngineResult.OK;
            case CommandType.CHANNEL_PAUSE:
            case CommandType.CHANNEL_UNPAUSE:
                channel.pause(e.type == CommandType.CHANNEL_PAUSE);
                return EngineResult.OK;
            default:
                LOG.warn("unknown command type {}", e.type);
                return EngineResult.OK;
        }
    }

    private void onSub(final Client client, final String topicName, final String channelName)
    {
        final Channel channel = getOrCreateTopic(topicName).getOrCreateChannel(channelName);
        final int limit = config.maxChannelConsumers();
        if (limit > 0 && channel.clientCount() >= limit)
        {
            ClientOutput.error(client, "E_SUB_FAILED SUB failed consumers for " + topicName + ":" + channelName
                + " exceeds limit of " + limit, true);
            return;
        }
        channel.addClient(client);
        client.channel = channel;
        client.state = Client.STATE_SUBSCRIBED;
        ClientOutput.response(client, ClientOutput.OK);
    }

    private void onPublish(final Client client, final String command, final String topicName, final byte[] body, final long deferMs)
    {
        final Topic topic = getOrCreateTopic(topicName);
        if (!topic.canAccept(1))
        {
            ClientOutput.error(client, "E_" + command + "_FAILED " + command + " failed " + queueFull(topic), true);
            return;
        }
        topic.put(body, deferMs);
        client.published(topicName, 1);
        ClientOutput.response(client, ClientOutput.OK);
    }

    private void onMultiPublish(final Client client, final String topicName, final byte[][] bodies, final int count)
    {
        final Topic topic = getOrCreateTopic(topicName);
        if (!topic.canAccept(count))
        {
            ClientOutput.error(client, "E_MPUB_FAILED MPUB failed " + queueFull(topic), true);
            return;
        }
        for (int i = 0; i < count; i++)
        {
            topic.put(bodies[i], 0);
        }
        client.published(topicName, count);
        ClientOutput.response(client, ClientOutput.OK);
    }

    private String queueFull(final Topic topic)
    {
        return "topic " + topic.name + " memory queue is full (--mem-queue-size=" + config.memQueueSize() + ")";
    }

    private static void failIfNotNull(final Client client, final String prefix, final long id, final String reason)
    {
        if (reason != null)
        {
            ClientOutput.error(client, prefix + MessageIds.toHex(id) + " failed " + reason, false);
        }
    }

    private void scheduleDispatch(final Client client)
    {
        if (client.channel != null)
        {
            ctx.work.schedule(client.channel);
        }
    }

    private void onDisconnect(final Client client)
    {
        clients.remove(client.id);
        client.closed = true;
        final Channel channel = client.channel;
        if (channel != null && !channel.deleted)
        {
            // its in-flight messages stay in flight until their deadline, as upstream
            channel.removeClient(client);
            if (channel.ephemeral && channel.clientCount() == 0)
            {
                deleteChannel(channel);
            }
        }
    }

    // ---------------------------------------------------------------- topics and channels

    Topic getOrCreateTopic(final String name)
    {
        Topic topic = topics.get(name);
        if (topic == null)
        {
            topic = new Topic(name, ctx);
            topics.put(name, topic);
        }
        return topic;
    }

    /** Deletes a channel: its consumers are disconnected (upstream), its messages dropped. */
    private void deleteChannel(final Channel channel)
    {
        final Topic topic = channel.topic;
        for (final Client c : channel.clients())
        {
            closeClient(c);
        }
        topic.removeChannel(channel);
        channel.delete();
        if (topic.ephemeral && topic.channels().length == 0)
        {
            deleteTopic(topic);
        }
    }

    private void deleteTopic(final Topic topic)
    {
        for (final Channel channel : topic.channels())
        {
            for (final Client c : channel.clients())
            {
                closeClient(c);
            }
        }
        topic.delete();
        topics.remove(topic.name);
    }

    /** Closes a client from the engine's side; if its agent's ring is full, as soon as it has room. */
    private void closeClient(final Client client)
    {
        if (client.closed)
        {
            return;
        }
        if (client.link.hasOutboundCapacity(1))
        {
            ClientOutput.close(client);
        }
        else
        {
            client.closed = true; // nothing more is delivered to it meanwhile
            pendingCloses.addLast(client);
        }
    }

    private int sendPendingCloses()
    {
        int work = 0;
        for (int n = pendingCloses.size(); n > 0; n--)
        {
            final Client c = pendingCloses.pollFirst();
            if (c.link.hasOutboundCapacity(1))
            {
                ClientOutput.close(c);
                work++;
            }
            else
            {
                pendingCloses.addLast(c);
            }
        }
        return work;
    }

    // ---------------------------------------------------------------- timers

    @Override
    public void onExpired(final TrackedMessage message)
    {
        message.channel.onTimer(message);
    }
}
