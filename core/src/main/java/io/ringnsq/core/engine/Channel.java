package io.ringnsq.core.engine;

import java.util.ArrayDeque;

import io.ringnsq.core.Names;
import org.agrona.collections.ArrayUtil;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * A channel's pipeline. <b>Router</b>: each message from the topic's fan-out, and each one coming back
 * (REQ, in-flight timeout, deferral due), goes to the memory ring, to the deferred wheel, or, for an
 * {@code #ephemeral} channel that is full, nowhere (as upstream). <b>Client-dispatch</b>: messages
 * leave the ring for a subscriber whose RDY window is open, round-robin, each armed with its
 * in-flight deadline on the timer wheel.
 */
public final class Channel implements MessageRing.Consumer
{
    static final String NOT_IN_FLIGHT = "ID not in flight";
    static final String NOT_OWNER = "client does not own message";

    private static final Client[] NO_CLIENTS = new Client[0];

    final Topic topic;
    final String name;
    final boolean ephemeral;
    private final PipelineContext ctx;
    private final long limit;
    private final MessageRing ring;
    /** Requeued messages that found the ring full; bounded by what was in flight or deferred. */
    private final ArrayDeque<TrackedMessage> overflow = new ArrayDeque<>();
    private final Long2ObjectHashMap<TrackedMessage> inFlight = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<TrackedMessage> deferred = new Long2ObjectHashMap<>();
    /** Publish-to-FIN latency, when --e2e-processing-latency-percentile is set; null otherwise. */
    final E2eLatencyWindow e2e;

    private Client[] clients = NO_CLIENTS;
    private int nextClient;

    long messageCount;
    long requeueCount;
    long timeoutCount;
    boolean paused;
    boolean scheduled;
    boolean deleted;
    boolean blockedOnOutput;

    // dispatch state for the ring consumer callback
    private Client target;
    private int targetIndex;
    private int dispatched;
    private int dispatchLimit;

    Channel(final Topic topic, final String name, final PipelineContext ctx)
    {
        this.topic = topic;
        this.name = name;
        this.ephemeral = Names.isEphemeral(name);
        this.ctx = ctx;
        this.limit = ctx.config.memQueueSize();
        this.ring = new MessageRing(limit);
        this.e2e = ctx.config.e2ePercentiles().length > 0 ? new E2eLatencyWindow(ctx.config.e2eWindowNs(), ctx.now) : null;
    }

    public String name()
    {
        return name;
    }

    /** Messages waiting for a client: upstream's depth (in-flight and deferred are not in it). */
    public long depth()
    {
        return ring.size() + overflow.size();
    }

    public int inFlightCount()
    {
        return inFlight.size();
    }

    public int deferredCount()
    {
        return deferred.size();
    }

    public int clientCount()
    {
        return clients.length;
    }

    public long messageCount()
    {
        return messageCount;
    }

    public long requeueCount()
    {
        return requeueCount;
    }

    public long timeoutCount()
    {
        return timeoutCount;
    }

    public boolean isPaused()
    {
        return paused;
    }

    /** Whether fan-out may hand this channel another message without losing it. */
    boolean hasRoom()
    {
        return ephemeral || ring.size() < limit;
    }

    // ---------------------------------------------------------------- router

    /** A message from the topic's fan-out. */
    void accept(final MessageEvent event)
    {
        messageCount++;
        if (event.deferMs > 0)
        {
            final TrackedMessage m = ctx.pool.acquire();
            m.set(this, event.id, event.timestamp, event.attempts, event.body);
            defer(m, ctx.now + event.deferMs * 1_000_000L);
            return;
        }
        if (ring.size() < limit)
        {
            ring.add(event.id, event.timestamp, event.attempts, event.body, 0);
            ctx.work.schedule(this);
        }
        // else: only an ephemeral channel is offered a message without room, and it drops it
    }

    /** A message coming back from in flight or deferred: it is never refused. */
    private void requeue(final TrackedMessage m)
    {
        if (ring.size() < limit)
        {
            ring.add(m.id, m.timestamp, m.attempts, m.body, 0);
            ctx.pool.release(m);
        }
        else if (ephemeral)
        {
            ctx.pool.release(m);
        }
        else
        {
            overflow.addLast(m);
        }
        ctx.work.schedule(this);
    }

    private void defer(final TrackedMessage m, final long deadline)
    {
        m.inFlight = false;
        deferred.put(m.id, m);
        ctx.timers.schedule(m, deadline);
    }

    // ---------------------------------------------------------------- client-dispatch

    /** Sends up to {@code max} messages to ready clients; returns how many went out. */
    int dispatch(final int max)
    {
        blockedOnOutput = false;
        if (paused || clients.length == 0)
        {
            return 0;
        }
        dispatched = 0;
        dispatchLimit = max;
        target = nextReadyClient();
        while (target != null && dispatched < dispatchLimit && !overflow.isEmpty())
        {
            final TrackedMessage m = overflow.pollFirst();
            if (!target.sampledOut(ctx.random))
            {
                deliver(target, m.id, m.timestamp, m.attempts, m.body);
                target = nextReadyClient();
            }
            ctx.pool.release(m);
            dispatched++;
        }
        if (target != null && dispatched < dispatchLimit && !ring.isEmpty())
        {
            ring.poll(this);
            if (!topic.isEmpty())
            {
                ctx.work.schedule(topic); // the ring has room again for a topic that waited on it
            }
        }
        if (target == null && depth() > 0 && hasClientBlockedOnOutput())
        {
            blockedOnOutput = true;
        }
        target = null;
        return dispatched;
    }

    @Override
    public boolean onMessage(final MessageEvent event)
    {
        if (!target.sampledOut(ctx.random))
        {
            deliver(target, event.id, event.timestamp, event.attempts, event.body);
            target = nextReadyClient();
        }
        dispatched++;
        return target != null && dispatched < dispatchLimit;
    }

    private void deliver(final Client client, final long id, final long timestamp, final int attempts, final byte[] body)
    {
        nextClient = targetIndex + 1 < clients.length ? targetIndex + 1 : 0;
        final TrackedMessage m = ctx.pool.acquire();
        m.set(this, id, timestamp, attempts + 1, body);
        m.inFlight = true;
        m.client = client;
        m.deliveredAt = ctx.now;
        inFlight.put(id, m);
        ctx.timers.schedule(m, ctx.now + client.msgTimeoutNs);
        client.inFlightCount++;
        client.messageCount++;
        ClientOutput.message(client, m);
    }

    /** The next client, round-robin, whose window is open; the rotor moves on only when it gets a message. */
    private Client nextReadyClient()
    {
        final Client[] clients = this.clients;
        final int count = clients.length;
        for (int i = 0; i < count; i++)
        {
            final int index = (nextClient + i) % count;
            final Client c = clients[index];
            if (c.canTakeMessage())
            {
                targetIndex = index;
                return c;
            }
        }
        return null;
    }

    private boolean hasClientBlockedOnOutput()
    {
        for (final Client c : clients)
        {
            if (!c.closed && c.inFlightCount < c.readyCount && !c.link.hasOutboundCapacity(1))
            {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- FIN, REQ, TOUCH, timers

    /** FIN: returns null, or upstream's reason it failed. */
    String finish(final Client client, final long id)
    {
        final TrackedMessage m = inFlight.get(id);
        final String failure = ownership(m, client);
        if (failure != null)
        {
            return failure;
        }
        takeOutOfFlight(m);
        client.finishCount++;
        if (e2e != null)
        {
            e2e.record(ctx.epochNow - m.timestamp, ctx.now);
        }
        ctx.pool.release(m);
        ctx.work.schedule(this);
        return null;
    }

    /** REQ: back to the queue now, or deferred by {@code delayMs}. */
    String requeue(final Client client, final long id, final long delayMs)
    {
        final TrackedMessage m = inFlight.get(id);
        final String failure = ownership(m, client);
        if (failure != null)
        {
            return failure;
        }
        takeOutOfFlight(m);
        client.requeueCount++;
        requeueCount++;
        if (delayMs > 0)
        {
            defer(m, ctx.now + delayMs * 1_000_000L);
        }
        else
        {
            requeue(m);
        }
        ctx.work.schedule(this);
        return null;
    }

    /** TOUCH: the deadline moves to now + the client's msg timeout, capped at delivery + max-msg-timeout. */
    String touch(final Client client, final long id)
    {
        final TrackedMessage m = inFlight.get(id);
        final String failure = ownership(m, client);
        if (failure != null)
        {
            return failure;
        }
        long deadline = ctx.now + client.msgTimeoutNs;
        final long max = ctx.config.maxMsgTimeoutNs();
        if (deadline - m.deliveredAt >= max)
        {
            deadline = m.deliveredAt + max;
        }
        ctx.timers.cancel(m);
        ctx.timers.schedule(m, deadline);
        return null;
    }

    /** Upstream's reasons, in its order, why a client may not FIN, REQ or TOUCH a message; null if it may. */
    private static String ownership(final TrackedMessage m, final Client client)
    {
        if (m == null)
        {
            return NOT_IN_FLIGHT;
        }
        return m.client == client ? null : NOT_OWNER;
    }

    /** Ends a message's flight: off the in-flight table and its timer, and out of its client's window. */
    private void takeOutOfFlight(final TrackedMessage m)
    {
        inFlight.remove(m.id);
        ctx.timers.cancel(m);
        m.client.inFlightCount--;
        m.inFlight = false;
        m.client = null;
    }

    /** The timer of an in-flight or deferred message of this channel fired. */
    void onTimer(final TrackedMessage m)
    {
        if (m.inFlight)
        {
            takeOutOfFlight(m); // its owner may have disconnected: upstream requeues it all the same
            timeoutCount++;
            requeue(m);
        }
        else
        {
            deferred.remove(m.id);
            requeue(m);
        }
    }

    // ---------------------------------------------------------------- clients and lifecycle

    void addClient(final Client client)
    {
        clients = ArrayUtil.add(clients, client);
    }

    void removeClient(final Client client)
    {
        clients = ArrayUtil.remove(clients, client);
        nextClient = 0;
    }

    Client[] clients()
    {
        return clients;
    }

    void pause(final boolean paused)
    {
        this.paused = paused;
        if (!paused)
        {
            ctx.work.schedule(this);
        }
    }

    /** Drops everything: queued, overflowed, in flight and deferred (upstream's channel empty). */
    void empty()
    {
        ring.clear();
        while (!overflow.isEmpty())
        {
            ctx.pool.release(overflow.pollFirst());
        }
        for (final TrackedMessage m : inFlight.values())
        {
            ctx.timers.cancel(m);
            ctx.pool.release(m);
        }
        inFlight.clear();
        for (final TrackedMessage m : deferred.values())
        {
            ctx.timers.cancel(m);
            ctx.pool.release(m);
        }
        deferred.clear();
        for (final Client c : clients)
        {
            c.inFlightCount = 0;
        }
        ctx.work.schedule(topic);
    }

    void delete()
    {
        deleted = true;
        empty();
    }
}
