package io.ringnsq.core.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.lmax.disruptor.EventPoller;
import io.ringnsq.core.Names;
import io.ringnsq.core.link.CommandEvent;
import io.ringnsq.core.link.CommandType;
import io.ringnsq.core.link.EngineResult;
import io.ringnsq.core.link.IoLink;
import io.ringnsq.core.message.MessageIds;
import io.ringnsq.core.meta.ChannelMetadata;
import io.ringnsq.core.meta.NsqdMetadata;
import io.ringnsq.core.meta.TopicMetadata;
import io.ringnsq.core.store.DiskAgent;
import io.ringnsq.core.store.DiskLink;
import io.ringnsq.core.store.StoreException;
import io.ringnsq.core.store.StoreResult;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of all topic, channel and client state. Each duty cycle it reads the clock
 * once, takes the disk agent's results, takes commands from every I/O agent's ring, fires due
 * timers, fans topic messages out to channels and dispatches channel messages to ready clients;
 * replies and message frames go back on each agent's outbound ring, writes and reads go to the disk
 * agent. It holds no lock, owns no socket and touches no file.
 */
public final class Engine implements Agent, EventPoller.Handler<CommandEvent>, MessageTimers.Expiry
{
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final int COMMAND_BATCH = 1024;
    private static final int TIMER_BATCH = 4096;
    private static final int POOLED_MESSAGES = 64 * 1024;
    /** An administrative command whose RESULT is sent later (a durable HTTP publish). */
    private static final int RESULT_LATER = -1;

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
    /** Clients whose held replies are ready but found their agent's ring full. */
    private final ArrayDeque<Client> pendingReleases = new ArrayDeque<>();
    /** Shutdown has begun ({@link #settleDisk()}): the closing thread has taken over from the engine's. */
    private boolean closing;
    private final DiskLink diskLink;
    private final EventPoller.Handler<StoreResult> resultHandler = this::onStoreResult;
    private long nextRetry;

    /** {@link #restore} is running: topics are not held for lookupd (upstream's {@code isLoading}). */
    private boolean restoring;
    private IoLink pollingLink;
    private int commandsThisPoll;
    private Object resultPayload;

    /** An engine without a disk: what does not fit in memory is refused. */
    public Engine(final EngineConfig config, final IoLink[] links, final NanoClock clock, final EpochNanoClock epochClock)
    {
        this(config, links, null, clock, epochClock);
    }

    /** @param diskLink the rings to the disk agent; null for none. */
    public Engine(
        final EngineConfig config, final IoLink[] links, final DiskLink diskLink, final NanoClock clock, final EpochNanoClock epochClock)
    {
        this.config = config;
        this.links = links;
        this.diskLink = diskLink;
        this.clock = clock;
        this.epochClock = epochClock;
        this.ctx = new PipelineContext(config, new MessagePool(POOLED_MESSAGES), new DiskPort(diskLink));
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
        if (diskLink != null)
        {
            work += diskLink.pollResults(resultHandler);
            work += ctx.disk.sendWaiting();
        }
        for (final IoLink link : links)
        {
            // a command may need a slot to the disk as well as one for its reply
            if (link.hasOutboundCapacity(1) && ctx.disk.hasRoomFor(COMMAND_BATCH))
            {
                pollingLink = link;
                commandsThisPoll = 0;
                work += link.pollCommands(this);
            }
        }
        work += timers.poll(ctx.now, TIMER_BATCH);
        work += ctx.work.fanOut();
        work += ctx.work.dispatch();
        work += releasePendingReplies();
        if (diskLink != null)
        {
            work += retryUnwritten();
            if (ctx.metadataChanged)
            {
                ctx.metadataChanged = false;
                saveMetadata();
            }
            diskLink.wakeAgent();
        }
        for (final IoLink link : links)
        {
            link.ringAgent();
        }
        return work;
    }

    /**
     * Who hears of topics and channels coming and going (nsqd's lookupd registration); set before
     * {@link #restore}, so the restored ones are heard of too.
     */
    public Engine topologyListener(final TopologyListener listener)
    {
        ctx.topology = listener;
        return this;
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
        // a publish is taken only while the disk can take it too: the next one waits, it is not refused
        return ++commandsThisPoll < COMMAND_BATCH && pollingLink.hasOutboundCapacity(1) && !ctx.disk.appendsBacklogged();
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
                final int result = onAdminCommand(client, e);
                if (result != RESULT_LATER)
                {
                    ClientOutput.result(client, result, resultPayload);
                }
                resultPayload = null;
        }
    }

    /** Commands of the HTTP API; each gets one RESULT reply. */
    private int onAdminCommand(final Client client, final CommandEvent e)
    {
        switch (e.type)
        {
            case CommandType.HTTP_PUB:
            case CommandType.HTTP_MPUB:
            {
                final Topic topic = getOrCreateTopic(e.topic);
                final int count = e.type == CommandType.HTTP_PUB ? 1 : e.bodyCount;
                if (!topic.canAccept(count))
                {
                    return EngineResult.QUEUE_FULL;
                }
                final StoreAck ack = topic.answersWhenStored() ? hold(client, null, topic.name, count) : null;
                if (e.type == CommandType.HTTP_PUB)
                {
                    topic.put(e.body, e.number, ack);
                }
                else
                {
                    topic.putAll(e.bodies, count, ack);
                }
                return ack == null ? EngineResult.OK : RESULT_LATER;
            }
            case CommandType.TOPIC_CREATE:
                getOrCreateTopic(e.topic);
                return EngineResult.OK;
            case CommandType.TOPIC_CHANNELS:
                onLookupdChannels(e.topic, e.names);
                return EngineResult.OK;
            case CommandType.STATS:
                resultPayload = stats.snapshot(topics.values(), clients.values(), e.topic, e.channel, e.number != 0);
                return EngineResult.OK;
            default:
                return onExistingTopic(client, e);
        }
    }

    /** Commands on a topic, or a channel of a topic, that must exist already. */
    private int onExistingTopic(final Client client, final CommandEvent e)
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
                return savedBeforeAnswer(client);
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
                return savedBeforeAnswer(client);
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
            ClientOutput.error(client, "E_" + command + "_FAILED " + command + " failed " + topic.refusal(), true);
            return;
        }
        if (topic.answersWhenStored())
        {
            topic.put(body, deferMs, hold(client, command, topicName, 1));
            return;
        }
        topic.put(body, deferMs, null);
        client.published(topicName, 1);
        ClientOutput.response(client, ClientOutput.OK);
    }

    private void onMultiPublish(final Client client, final String topicName, final byte[][] bodies, final int count)
    {
        final Topic topic = getOrCreateTopic(topicName);
        if (!topic.canAccept(count))
        {
            ClientOutput.error(client, "E_MPUB_FAILED MPUB failed " + topic.refusal(), true);
            return;
        }
        if (topic.answersWhenStored())
        {
            topic.putAll(bodies, count, hold(client, "MPUB", topicName, count));
            return;
        }
        topic.putAll(bodies, count, null);
        client.published(topicName, count);
        ClientOutput.response(client, ClientOutput.OK);
    }

    /** Durable mode: the client's answer to this publish, and every reply after it, wait until it is stored. */
    private static StoreAck hold(final Client client, final String command, final String topicName, final int count)
    {
        if (client.held == null)
        {
            client.held = new HeldReplies();
        }
        final StoreAck ack = new StoreAck(client, command, topicName, count);
        client.held.hold(ack);
        return ack;
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
        client.held = null; // nobody is left to read the answers
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
            if (!topic.ephemeral)
            {
                ctx.metadataChanged = true;
            }
            topic.awaitingChannels = ctx.topology.onTopicCreated(name, restoring) && !restoring;
        }
        return topic;
    }

    /**
     * The channels lookupd lists for a topic held since its creation: the non-ephemeral ones are created
     * (an ephemeral one would have no consumer to delete it), then the topic starts. An answer for a
     * topic no longer held (deleted, or deleted and created again and already answered) changes nothing;
     * one for a topic deleted and created again while held starts it with the same lookupd's view.
     */
    private void onLookupdChannels(final String topicName, final String[] names)
    {
        final Topic topic = topics.get(topicName);
        if (topic == null || !topic.awaitingChannels)
        {
            return;
        }
        for (final String name : names)
        {
            if (!Names.isEphemeral(name))
            {
                topic.getOrCreateChannel(name);
            }
        }
        topic.startFlowing();
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
        ctx.topology.onChannelDeleted(topic.name, channel.name);
        if (topic.ephemeral && topic.channels().length == 0)
        {
            deleteTopic(topic);
        }
    }

    private void deleteTopic(final Topic topic)
    {
        final Channel[] channels = topic.channels();
        for (final Channel channel : channels)
        {
            for (final Client c : channel.clients())
            {
                closeClient(c);
            }
        }
        topic.delete();
        topics.remove(topic.name);
        if (!topic.ephemeral)
        {
            ctx.metadataChanged = true;
        }
        // upstream: the topic's UNREGISTER, then each channel's as it is deleted
        ctx.topology.onTopicDeleted(topic.name);
        for (final Channel channel : channels)
        {
            ctx.topology.onChannelDeleted(topic.name, channel.name);
        }
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

    // ---------------------------------------------------------------- disk

    private boolean onStoreResult(final StoreResult r, final long sequence, final boolean endOfBatch)
    {
        try
        {
            switch (r.type)
            {
                case StoreResult.MESSAGE:
                case StoreResult.READ_DONE:
                    onRead(r);
                    break;
                case StoreResult.APPENDED:
                    onStored(r.token);
                    break;
                case StoreResult.APPEND_FAILED:
                    if (r.queue != null)
                    {
                        ctx.disk.writeFailed(r.error, ctx.now);
                    }
                    onAppendFailed(r);
                    break;
                case StoreResult.WRITABLE:
                    ctx.disk.writable();
                    break;
                default:
                    LOG.warn("unknown disk result {}", r.type);
            }
        }
        finally
        {
            r.clear();
        }
        return true;
    }

    private void onRead(final StoreResult r)
    {
        if (closing)
        {
            return; // still on disk and not consumed; the queues' rings are not this thread's to write
        }
        final Object owner = r.queue.attachment;
        if (owner instanceof Topic)
        {
            final Topic topic = (Topic)owner;
            if (!topic.deleted && received(topic.backlog, r))
            {
                ctx.work.schedule(topic);
            }
        }
        else if (owner instanceof Channel)
        {
            final Channel channel = (Channel)owner;
            if (!channel.deleted && received(channel.backlog, r))
            {
                ctx.work.schedule(channel);
            }
        }
    }

    private static boolean received(final Backlog backlog, final StoreResult r)
    {
        if (r.type == StoreResult.MESSAGE)
        {
            return backlog.onRead(r);
        }
        backlog.onReadDone(r);
        return true;
    }

    private void onStored(final Object token)
    {
        if (token instanceof StoreAck)
        {
            final StoreAck ack = (StoreAck)token;
            ack.stored();
            release(ack.client);
        }
        else if (token instanceof FanOutAck)
        {
            ((FanOutAck)token).appended(ctx.disk);
        }
    }

    /** A write failed: a publish waiting for it is refused; any other message waits to be written again. */
    private void onAppendFailed(final StoreResult r)
    {
        if (r.token instanceof StoreAck)
        {
            final StoreAck ack = (StoreAck)r.token;
            ack.failed(r.error);
            release(ack.client);
        }
        final Backlog backlog = r.queue == null ? null : backlogOf(r.queue.attachment);
        if (backlog == null)
        {
            return;
        }
        final int total = r.ids == null ? 1 : r.ids.length;
        backlog.onDisk = Math.max(0, backlog.onDisk - (total - r.count));
        if (r.token instanceof StoreAck)
        {
            return; // not acknowledged: the client was told it failed
        }
        if (r.ids == null)
        {
            backlog.unwritten(r.id, r.timestamp, r.attempts, r.deferral, r.body, r.token);
        }
        else
        {
            for (int i = r.count; i < total; i++)
            {
                backlog.unwritten(r.ids[i], r.timestamp, 0, 0, r.bodies[i], r.token);
            }
        }
    }

    private static Backlog backlogOf(final Object owner)
    {
        if (owner instanceof Topic)
        {
            final Topic topic = (Topic)owner;
            return topic.deleted ? null : topic.backlog;
        }
        if (owner instanceof Channel)
        {
            final Channel channel = (Channel)owner;
            return channel.deleted ? null : channel.backlog;
        }
        return null;
    }

    /** Messages whose write failed are written again once writes work, or to probe, once a second. */
    private int retryUnwritten()
    {
        if (!ctx.disk.isWritable() && ctx.now - nextRetry < 0)
        {
            return 0;
        }
        nextRetry = ctx.now + DiskPort.RETRY_NS;
        int sent = 0;
        for (final Topic topic : topics.values())
        {
            if (topic.backlog != null && topic.backlog.hasUnwritten() && topic.backlog.retryUnwritten(ctx.disk, ctx.now) > 0)
            {
                ctx.work.schedule(topic);
                sent++;
            }
            for (final Channel channel : topic.channels())
            {
                if (channel.backlog != null && channel.backlog.hasUnwritten()
                    && channel.backlog.retryUnwritten(ctx.disk, ctx.now) > 0)
                {
                    ctx.work.schedule(channel);
                    sent++;
                }
            }
        }
        return sent;
    }

    private void release(final Client client)
    {
        if (closing)
        {
            return; // the I/O agents are gone, and their rings are written by the engine's thread only
        }
        if (client.held != null && !client.held.release(client) && !client.releaseQueued)
        {
            client.releaseQueued = true;
            pendingReleases.addLast(client);
        }
    }

    private int releasePendingReplies()
    {
        int work = 0;
        for (int n = pendingReleases.size(); n > 0; n--)
        {
            final Client client = pendingReleases.pollFirst();
            if (client.held != null && !client.held.release(client))
            {
                pendingReleases.addLast(client);
            }
            else
            {
                client.releaseQueued = false;
                work++;
            }
        }
        return work;
    }

    private void saveMetadata()
    {
        ctx.disk.saveMetadata(metadata(), null);
    }

    /**
     * Pause and unpause are answered once nsqd.dat is saved, as upstream saves it before it answers; other
     * changes are saved at the end of the duty cycle (upstream: soon after, from another goroutine).
     */
    private int savedBeforeAnswer(final Client client)
    {
        if (diskLink == null)
        {
            return EngineResult.OK;
        }
        ctx.metadataChanged = false;
        ctx.disk.saveMetadata(metadata(), hold(client, null, "", 0));
        return RESULT_LATER;
    }

    /** The topics and channels nsqd.dat keeps, with their pause states (ephemeral ones are left out). */
    public NsqdMetadata metadata()
    {
        final List<TopicMetadata> saved = new ArrayList<>();
        for (final Topic topic : topics.values())
        {
            if (topic.ephemeral)
            {
                continue;
            }
            final List<ChannelMetadata> channels = new ArrayList<>();
            for (final Channel channel : topic.channels())
            {
                if (!channel.ephemeral)
                {
                    channels.add(new ChannelMetadata(channel.name, channel.paused));
                }
            }
            saved.add(new TopicMetadata(topic.name, topic.paused, channels));
        }
        return new NsqdMetadata(saved);
    }

    // ---------------------------------------------------------------- start and stop

    /**
     * Start, before any agent runs: recreates the saved topics and channels with their pause states, and
     * their queues as the last run left them; every saved channel exists before any topic fans out.
     */
    public void restore(final NsqdMetadata metadata, final DiskAgent disk) throws StoreException
    {
        ctx.now = clock.nanoTime();
        ctx.epochNow = epochClock.nanoTime();
        restoring = true;
        try
        {
            restoreTopics(metadata, disk);
        }
        finally
        {
            restoring = false;
        }
        ctx.metadataChanged = true; // written again at start, as upstream
    }

    private void restoreTopics(final NsqdMetadata metadata, final DiskAgent disk) throws StoreException
    {
        for (final TopicMetadata saved : metadata.topics())
        {
            final Topic topic = getOrCreateTopic(saved.name());
            for (final ChannelMetadata savedChannel : saved.channels())
            {
                topic.getOrCreateChannel(savedChannel.name()).restore(disk, savedChannel.paused());
            }
            topic.restore(disk, saved.paused());
        }
    }

    /**
     * Clean shutdown, after the agents stopped and the disk agent took every command: every message held
     * in memory is written to disk, and the metadata saved. Writes that fail are logged and the rest go on.
     */
    public void persist(final DiskAgent disk)
    {
        ctx.now = clock.nanoTime();
        ctx.epochNow = epochClock.nanoTime();
        final ShutdownWriter out = new ShutdownWriter(disk);
        for (final Topic topic : topics.values())
        {
            topic.persist(out);
        }
        try
        {
            out.throwFailure();
        }
        catch (final StoreException ex)
        {
            LOG.error("failed to write messages to disk at shutdown: {}", ex.getMessage());
        }
        try
        {
            disk.saveMetadataNow(metadata());
        }
        catch (final java.io.IOException ex)
        {
            LOG.error("failed to save metadata at shutdown: {}", ex.getMessage());
        }
    }

    /**
     * Shutdown, on the closing thread once the agents' threads have ended: takes the disk agent's results and sends
     * the commands that waited for room; returns how many. From the first call on, messages read from disk are left
     * there and nothing more goes to clients: only the disk link is written from this thread.
     */
    public int settleDisk()
    {
        closing = true;
        if (diskLink == null)
        {
            return 0;
        }
        return diskLink.pollResults(resultHandler) + ctx.disk.sendWaiting();
    }

    // ---------------------------------------------------------------- timers

    @Override
    public void onExpired(final TrackedMessage message)
    {
        message.channel.onTimer(message);
    }
}
