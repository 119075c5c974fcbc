package io.ringnsq.core.engine;

import java.util.HashMap;
import java.util.Map;

import io.ringnsq.core.Names;
import io.ringnsq.core.message.MessageIdGenerator;
import org.agrona.collections.ArrayUtil;

/**
 * A topic's pipeline. <b>Router</b>: PUB, MPUB and DPUB land in the memory ring (an
 * {@code #ephemeral} topic drops what does not fit, as upstream; any other topic refuses the
 * publish until the disk overflow exists). <b>Fan-out</b>: each message goes to every channel (the
 * body is shared; it is immutable), and only while every channel has room, so nothing is dropped.
 * With no channel yet, messages wait here for the first one (spec §2.2).
 */
public final class Topic implements MessageRing.Consumer
{
    private static final Channel[] NO_CHANNELS = new Channel[0];

    final String name;
    final boolean ephemeral;
    private final PipelineContext ctx;
    private final long limit;
    private final MessageRing ring;
    private final MessageIdGenerator ids;
    private final Map<String, Channel> channelsByName = new HashMap<>();
    private Channel[] channels = NO_CHANNELS;

    long messageCount;
    long messageBytes;
    boolean paused;
    boolean scheduled;
    boolean deleted;

    private int fannedOut;
    private int fanOutLimit;

    Topic(final String name, final PipelineContext ctx)
    {
        this.name = name;
        this.ephemeral = Names.isEphemeral(name);
        this.ctx = ctx;
        this.limit = ctx.config.memQueueSize();
        this.ring = new MessageRing(limit);
        this.ids = new MessageIdGenerator(ctx.config.nodeId());
    }

    public String name()
    {
        return name;
    }

    public long depth()
    {
        return ring.size();
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
        return ring.isEmpty();
    }

    // ---------------------------------------------------------------- router

    /** Whether {@code count} more messages can be accepted without loss. */
    boolean canAccept(final int count)
    {
        return ephemeral || ring.size() + (long)count <= limit;
    }

    /** Accepts one message; call {@link #canAccept} first. */
    void put(final byte[] body, final long deferMs)
    {
        messageCount++;
        messageBytes += body.length;
        if (ring.size() < limit)
        {
            final long timestamp = ctx.epochNow;
            ring.add(ids.next(timestamp), timestamp, 0, body, deferMs);
            ctx.work.schedule(this);
        }
        // else: an ephemeral topic over its limit drops the message and still reports success (upstream)
    }

    // ---------------------------------------------------------------- fan-out

    int fanOut(final int max)
    {
        if (paused || channels.length == 0 || ring.isEmpty() || !allChannelsHaveRoom())
        {
            return 0;
        }
        fannedOut = 0;
        fanOutLimit = max;
        ring.poll(this);
        return fannedOut;
    }

    @Override
    public boolean onMessage(final MessageEvent event)
    {
        for (final Channel channel : channels)
        {
            channel.accept(event);
        }
        fannedOut++;
        return fannedOut < fanOutLimit && allChannelsHaveRoom();
    }

    private boolean allChannelsHaveRoom()
    {
        for (final Channel channel : channels)
        {
            if (!channel.hasRoom())
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

    Channel getOrCreateChannel(final String channelName)
    {
        Channel channel = channelsByName.get(channelName);
        if (channel == null)
        {
            channel = new Channel(this, channelName, ctx);
            channelsByName.put(channelName, channel);
            channels = ArrayUtil.add(channels, channel);
            ctx.work.schedule(this); // the first channel gets the backlog
        }
        return channel;
    }

    void removeChannel(final Channel channel)
    {
        if (channelsByName.remove(channel.name) != null)
        {
            channels = ArrayUtil.remove(channels, channel);
            ctx.work.schedule(this); // a full channel may have been holding the others back
        }
    }

    Channel[] channels()
    {
        return channels;
    }

    void pause(final boolean paused)
    {
        this.paused = paused;
        if (!paused)
        {
            ctx.work.schedule(this);
        }
    }

    /** Drops the topic's own queue; channels keep theirs (upstream's topic empty). */
    void empty()
    {
        ring.clear();
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
    }
}
