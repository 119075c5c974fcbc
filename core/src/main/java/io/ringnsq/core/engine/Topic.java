package io.ringnsq.core.engine;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import io.ringnsq.core.Names;
import io.ringnsq.core.message.MessageIdGenerator;
import io.ringnsq.core.store.DiskAgent;
import io.ringnsq.core.store.QueueHandle;
import io.ringnsq.core.store.StoreException;
import org.agrona.collections.ArrayUtil;

/**
 * A topic's pipeline. <b>Router</b>: PUB, MPUB and DPUB land in the memory ring, or in the disk
 * queue when the ring is full (always, in durable mode); an {@code #ephemeral} topic drops what does
 * not fit, as upstream. <b>Fan-out</b>: each message, from memory or from the disk's read-ahead,
 * goes to every channel (the body is shared; it is immutable). With no channel yet, messages wait
 * here for the first one (spec §2.2).
 */
public final class Topic implements MessageRing.Consumer
{
    private static final Channel[] NO_CHANNELS = new Channel[0];

    final String name;
    final boolean ephemeral;
    private final PipelineContext ctx;
    private final long limit;
    private final MessageRing ring;
    /** Null for ephemeral topics and when nsqd runs without a disk. */
    final Backlog backlog;
    private final MessageIdGenerator ids;
    private final Map<String, Channel> channelsByName = new HashMap<>();
    private Channel[] channels = NO_CHANNELS;

    long messageCount;
    long messageBytes;
    boolean paused;
    /**
     * Created at run time while lookupd is known: nothing flows to channels until the channels lookupd
     * lists exist (upstream creates them before it starts the topic's pump, spec §2.2). Messages wait here.
     */
    boolean awaitingChannels;
    boolean scheduled;
    boolean deleted;

    private int fannedOut;
    private int fanOutLimit;
    private boolean fromDisk;
    /** The message being handed straight to the channels ({@link #handOff}). */
    private final MessageEvent handOff = new MessageEvent();

    Topic(final String name, final PipelineContext ctx)
    {
        this.name = name;
        this.ephemeral = Names.isEphemeral(name);
        this.ctx = ctx;
        this.limit = ctx.config.memQueueSize();
        this.ring = new MessageRing(limit);
        this.backlog = ephemeral || !ctx.disk.enabled() ? null : new Backlog(QueueHandle.topic(name), this);
        this.ids = new MessageIdGenerator(ctx.config.nodeId());
    }

    public String name()
    {
        return name;
    }

    /** Upstream's depth: in memory and on disk. */
    public long depth()
    {
        return ring.size() + backendDepth();
    }

    public long backendDepth()
    {
        return backlog == null ? 0 : backlog.depth();
    }

    public long messageCount()
    {
        return messageCount;
    }

    public long messageBytes()
    {
        return messageBytes;
    }

    public boolean isPaused()
    {
        return paused;
    }

    boolean isEmpty()
    {
        return ring.isEmpty() && backendDepth() == 0;
    }

    // ---------------------------------------------------------------- router

    /** Whether {@code count} more messages (one PUB or one MPUB) can be accepted without loss. */
    boolean canAccept(final int count)
    {
        return ephemeral || fitsInMemory(count) || canWriteToDisk();
    }

    /** Whether an accepted publish is answered only once it is stored (durable mode). */
    boolean answersWhenStored()
    {
        return ctx.durable && backlog != null;
    }

    /** Why {@link #canAccept} said no, in upstream's words where it has them. */
    String refusal()
    {
        if (backlog == null)
        {
            return "topic " + name + " memory queue is full (--mem-queue-size=" + limit + ")";
        }
        return ctx.disk.lastError(); // upstream passes the backend's write error on
    }

    private boolean fitsInMemory(final int count)
    {
        return !ctx.durable && ring.size() + (long)count <= limit;
    }

    private boolean canWriteToDisk()
    {
        return backlog != null && !backlog.hasUnwritten() && ctx.disk.canAppend(1, ctx.now);
    }

    /**
     * Accepts one message; call {@link #canAccept} first. A message that goes to disk carries
     * {@code token} (see {@link #answersWhenStored()}).
     */
    void put(final byte[] body, final long deferMs, final Object token)
    {
        messageCount++;
        messageBytes += body.length;
        final long timestamp = ctx.epochNow;
        final long id = ids.next(timestamp);
        if (ephemeral || fitsInMemory(1))
        {
            if (ring.size() < limit)
            {
                ring.add(id, timestamp, 0, body, deferMs);
                ctx.work.schedule(this);
            }
            else if (limit == 0)
            {
                handOff(id, timestamp, body, deferMs);
            }
            // else: an ephemeral topic over its limit drops the message and still reports success (upstream)
            return;
        }
        ctx.disk.append(backlog.handle, id, timestamp, 0, deferMs, body, token);
        backlog.appended(1);
        ctx.work.schedule(this);
    }

    /** Accepts an MPUB: into memory if it all fits, else to disk as one batch. */
    void putAll(final byte[][] bodies, final int count, final Object token)
    {
        if (ephemeral || fitsInMemory(count))
        {
            for (int i = 0; i < count; i++)
            {
                put(bodies[i], 0, null);
            }
            return;
        }
        final long timestamp = ctx.epochNow;
        final long[] batchIds = new long[count];
        for (int i = 0; i < count; i++)
        {
            batchIds[i] = ids.next(timestamp);
            messageBytes += bodies[i].length;
        }
        messageCount += count;
        // the command's array goes back to its ring slot: the disk agent gets a copy
        ctx.disk.appendBatch(backlog.handle, batchIds, timestamp, Arrays.copyOf(bodies, count), count, token);
        backlog.appended(count);
        ctx.work.schedule(this);
    }

    /**
     * An ephemeral topic with {@code --mem-queue-size=0} has no queue: as upstream, a message goes on to
     * the channels at once if the topic is flowing, or nowhere.
     */
    private void handOff(final long id, final long timestamp, final byte[] body, final long deferMs)
    {
        if (paused || awaitingChannels || channels.length == 0 || !allChannelsHaveRoom())
        {
            return;
        }
        handOff.set(id, timestamp, 0, body, deferMs);
        for (final Channel channel : channels)
        {
            channel.accept(handOff, null);
        }
        handOff.body = null;
    }

    // ---------------------------------------------------------------- fan-out

    int fanOut(final int max)
    {
        if (backlog != null)
        {
            backlog.requestReads(ctx.disk);
        }
        if (paused || awaitingChannels || channels.length == 0)
        {
            return 0;
        }
        fannedOut = 0;
        if (backlog != null && backlog.hasReadAhead() && allChannelsHaveRoom())
        {
            // disk and memory take turns, as upstream's select between its two queues
            fanOutLimit = ring.isEmpty() ? max : max / 2;
            fromDisk = true;
            backlog.pollReadAhead(this);
            fromDisk = false;
        }
        fanOutLimit = max;
        if (fannedOut < max && !ring.isEmpty() && allChannelsHaveRoom())
        {
            ring.poll(this);
        }
        if (backlog != null)
        {
            backlog.reportTaken(ctx.disk);
            backlog.requestReads(ctx.disk);
        }
        return fannedOut;
    }

    @Override
    public boolean onMessage(final MessageEvent event)
    {
        FanOutAck ack = null;
        if (fromDisk)
        {
            if (ctx.durable)
            {
                ack = new FanOutAck(backlog, event.sequence);
                backlog.takenDurably();
            }
            else
            {
                backlog.taken(event.sequence);
            }
        }
        for (final Channel channel : channels)
        {
            channel.accept(event, ack);
        }
        if (ack != null)
        {
            ack.offered(ctx.disk);
        }
        fannedOut++;
        return fannedOut < fanOutLimit && allChannelsHaveRoom();
    }

    private boolean allChannelsHaveRoom()
    {
        final boolean diskRoom = ctx.disk.canAppend(channels.length, ctx.now);
        for (final Channel channel : channels)
        {
            if (!channel.hasRoom(diskRoom))
            {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- channels and lifecycle

    Channel channel(final String channelName)
    {
        return channelsByName.get(channelName);
    }

    /** The channel, and whether it was created now. */
    Channel getOrCreateChannel(final String channelName)
    {
        Channel channel = channelsByName.get(channelName);
        if (channel == null)
        {
            channel = new Channel(this, channelName, ctx);
            channelsByName.put(channelName, channel);
            channels = ArrayUtil.add(channels, channel);
            ctx.work.schedule(this); // the first channel gets the backlog
            if (!channel.ephemeral)
            {
                ctx.metadataChanged = true;
            }
            ctx.topology.onChannelCreated(name, channelName);
        }
        return channel;
    }

    /** The channels lookupd knows exist now: messages flow (upstream's {@code topic.Start()}). */
    void startFlowing()
    {
        awaitingChannels = false;
        ctx.work.schedule(this);
    }

    void removeChannel(final Channel channel)
    {
        if (channelsByName.remove(channel.name) != null)
        {
            channels = ArrayUtil.remove(channels, channel);
            ctx.work.schedule(this); // a full channel may have been holding the others back
            if (!channel.ephemeral)
            {
                ctx.metadataChanged = true;
            }
        }
    }

    Channel[] channels()
    {
        return channels;
    }

    void pause(final boolean paused)
    {
        this.paused = paused;
        ctx.metadataChanged = true;
        if (!paused)
        {
            ctx.work.schedule(this);
        }
    }

    /** Drops the topic's own queue, in memory and on disk; channels keep theirs (upstream's topic empty). */
    void empty()
    {
        ring.clear();
        if (backlog != null)
        {
            backlog.empty(ctx.disk);
        }
    }

    void delete()
    {
        deleted = true;
        for (final Channel channel : channels)
        {
            channel.delete();
        }
        channels = NO_CHANNELS;
        channelsByName.clear();
        ring.clear();
        if (backlog != null)
        {
            backlog.delete(ctx.disk);
        }
    }

    // ---------------------------------------------------------------- restart

    /** Clean shutdown: the channels' messages, then the topic's memory ring, written to disk. */
    void persist(final ShutdownWriter out)
    {
        for (final Channel channel : channels)
        {
            channel.persist(out);
        }
        if (backlog != null)
        {
            ring.poll(event ->
            {
                out.write(backlog.handle, event.id, event.timestamp, event.attempts, event.deferMs, event.body);
                return true;
            });
            backlog.persistUnwritten(out);
        }
    }

    /** Start: the topic's disk queue as the last run left it. */
    void restore(final DiskAgent disk, final boolean paused) throws StoreException
    {
        this.paused = paused;
        if (backlog != null)
        {
            backlog.onDisk = disk.restore(backlog.handle);
            ctx.work.schedule(this);
        }
    }
}
