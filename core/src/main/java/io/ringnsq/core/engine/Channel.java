package io.ringnsq.core.engine;

import java.util.ArrayDeque;

import io.ringnsq.core.Names;
import io.ringnsq.core.store.DiskAgent;
import io.ringnsq.core.store.QueueHandle;
import io.ringnsq.core.store.StoreException;
import io.ringnsq.core.store.StoredMessage;
import org.agrona.collections.ArrayUtil;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * A channel's pipeline. <b>Router</b>: each message from the topic's fan-out goes to the memory ring,
 * to the disk queue when the ring is full (always, in durable mode), to the deferred wheel, or, for
 * an {@code #ephemeral} channel that is full, nowhere (as upstream); one coming back (REQ, in-flight
 * timeout, deferral due) goes to the ring or waits in memory beside it. <b>Client-dispatch</b>:
 * messages leave the ring and the disk's read-ahead for a subscriber whose RDY window is open,
 * round-robin, each armed with its in-flight deadline on the timer wheel.
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
    /** Null for ephemeral channels and when nsqd runs without a disk. */
    final Backlog backlog;
    /** Deferred messages written at shutdown and read back at start; null when {@link #backlog} is. */
    private final Backlog deferredStore;
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
    private boolean fromDisk;

    Channel(final Topic topic, final String name, final PipelineContext ctx)
    {
        this.topic = topic;
        this.name = name;
        this.ephemeral = Names.isEphemeral(name);
        this.ctx = ctx;
        this.limit = ctx.config.memQueueSize();
        this.ring = new MessageRing(limit);
        this.backlog = ephemeral || !ctx.disk.enabled() ? null : new Backlog(QueueHandle.channel(topic.name, name), this);
        this.deferredStore = backlog == null ? null : new Backlog(QueueHandle.deferred(topic.name, name), this);
        this.e2e = ctx.config.e2ePercentiles().length > 0 ? new E2eLatencyWindow(ctx.config.e2eWindowNs(), ctx.now) : null;
    }

    public String name()
    {
        return name;
    }

    /** Messages waiting for a client, in memory and on disk: upstream's depth (in-flight and deferred are not in it). */
    public long depth()
    {
        return ring.size() + overflow.size() + backendDepth();
    }

    public long backendDepth()
    {
        return backlog == null ? 0 : backlog.depth();
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

    /** Whether fan-out may hand this channel another message without losing it; {@code diskRoom}: the disk takes writes. */
    boolean hasRoom(final boolean diskRoom)
    {
        return ephemeral || (!ctx.durable && ring.size() < limit) || (backlog != null && diskRoom);
    }

    // ---------------------------------------------------------------- router

    /**
     * A message from the topic's fan-out. In durable mode, a disk write carries {@code ack} (null
     * otherwise), and a deferred message is written with its due time rather than held in memory.
     */
    void accept(final MessageEvent event, final FanOutAck ack)
    {
        messageCount++;
        if (event.deferMs > 0 && !(ctx.durable && backlog != null))
        {
            final TrackedMessage m = ctx.pool.acquire();
            m.set(this, event.id, event.timestamp, event.attempts, event.body);
            defer(m, ctx.now + event.deferMs * 1_000_000L);
            return;
        }
        if (!ctx.durable && ring.size() < limit)
        {
            ring.add(event.id, event.timestamp, event.attempts, event.body, 0);
            ctx.work.schedule(this);
        }
        else if (backlog != null)
        {
            final long due = event.deferMs > 0 ? ctx.epochNow + event.deferMs * 1_000_000L : 0;
            ctx.disk.append(backlog.handle, event.id, event.timestamp, event.attempts, due, event.body, ack);
            if (ack != null)
            {
                ack.expect();
            }
            backlog.appended(1);
            ctx.work.schedule(this);
        }
        else if (limit == 0)
        {
            handOff(event);
        }
        // else: an ephemeral channel without room drops it
    }

    /**
     * An ephemeral channel with {@code --mem-queue-size=0} has no queue at all: as upstream, a message
     * goes to a client that is ready for it right now, or nowhere.
     */
    private void handOff(final MessageEvent event)
    {
        if (paused || clients.length == 0)
        {
            return;
        }
        final Client client = nextReadyClient();
        if (client != null && !client.sampledOut(ctx.random))
        {
            final TrackedMessage m = ctx.pool.acquire();
            m.set(this, event.id, event.timestamp, event.attempts, event.body);
            deliver(client, m);
        }
    }

    /** A message coming back from in flight or deferred: it is never refused. */
    private void requeue(final TrackedMessage m)
    {
        if (ring.size() < limit && m.backlog == null)
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
        if (backlog != null)
        {
            backlog.requestReads(ctx.disk);
        }
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
                deliver(target, m);
                target = nextReadyClient();
            }
            else
            {
                m.consume(ctx.disk);
                ctx.pool.release(m);
            }
            dispatched++;
        }
        if (target != null && dispatched < dispatchLimit && backlog != null && backlog.hasReadAhead())
        {
            // disk and memory take turns, as upstream's select between its two queues
            dispatchLimit = ring.isEmpty() ? max : dispatched + (max - dispatched) / 2;
            fromDisk = true;
            backlog.pollReadAhead(this);
            fromDisk = false;
            dispatchLimit = max;
        }
        if (target != null && dispatched < dispatchLimit && !ring.isEmpty())
        {
            ring.poll(this);
            if (!topic.isEmpty())
            {
                ctx.work.schedule(topic); // the ring has room again for a topic that waited on it
            }
        }
        if (backlog != null)
        {
            backlog.reportTaken(ctx.disk);
            backlog.requestReads(ctx.disk);
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
        final TrackedMessage m = ctx.pool.acquire();
        m.set(this, event.id, event.timestamp, event.attempts, event.body);
        if (fromDisk)
        {
            takeFromDisk(m, event.sequence);
        }
        if (isHeldAlready(m.id))
        {
            // a second copy of a message this channel holds: after a crash the topic can hand on again what it had
            // handed on just before; delivering it would put one id in flight twice
            m.consume(ctx.disk);
            ctx.pool.release(m);
            return true;
        }
        if (fromDisk)
        {
            if (event.dueEpochNs > ctx.epochNow)
            {
                // written deferred (durable mode, or at shutdown): it waits on the wheel for the rest of its time
                defer(m, ctx.now + (event.dueEpochNs - ctx.epochNow));
                dispatched++;
                return dispatched < dispatchLimit;
            }
        }
        if (!target.sampledOut(ctx.random))
        {
            deliver(target, m);
            target = nextReadyClient();
        }
        else
        {
            m.consume(ctx.disk);
            ctx.pool.release(m);
        }
        dispatched++;
        return target != null && dispatched < dispatchLimit;
    }

    private boolean isHeldAlready(final long id)
    {
        return inFlight.containsKey(id) || (!deferred.isEmpty() && deferred.containsKey(id));
    }

    /** A message leaves the read-ahead: in durable mode its entry stays until it is finished. */
    private void takeFromDisk(final TrackedMessage m, final long sequence)
    {
        if (ctx.durable)
        {
            backlog.takenDurably();
            m.backlog = backlog;
            m.sequence = sequence;
            m.generation = backlog.generation;
        }
        else
        {
            backlog.taken(sequence);
        }
    }

    /** Hands {@code m} (attempts not counted yet for this delivery) to a client. */
    private void deliver(final Client client, final TrackedMessage m)
    {
        nextClient = targetIndex + 1 < clients.length ? targetIndex + 1 : 0;
        m.attempts++;
        m.inFlight = true;
        m.client = client;
        m.deliveredAt = ctx.now;
        inFlight.put(m.id, m);
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
        m.consume(ctx.disk);
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
        ctx.metadataChanged = true;
        if (!paused)
        {
            ctx.work.schedule(this);
        }
    }

    /** Drops everything: queued in memory and on disk, overflowed, in flight and deferred (upstream's channel empty). */
    void empty()
    {
        dropMemory();
        if (backlog != null)
        {
            backlog.empty(ctx.disk);
            deferredStore.empty(ctx.disk);
        }
        ctx.work.schedule(topic);
    }

    /** Drops everything and removes the channel's disk queue. */
    void delete()
    {
        deleted = true;
        dropMemory();
        if (backlog != null)
        {
            backlog.delete(ctx.disk);
            deferredStore.delete(ctx.disk);
        }
    }

    private void dropMemory()
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
    }

    // ---------------------------------------------------------------- restart

    /**
     * Clean shutdown: every message this channel holds in memory is written to its disk queue with its
     * attempts (queued, requeued, in flight), and every deferred one to its deferred queue with the time
     * it is due. In durable mode the entry a message came from is consumed once its copy is written.
     */
    void persist(final ShutdownWriter out)
    {
        if (backlog == null)
        {
            return; // ephemeral: never on disk (upstream)
        }
        ring.poll(event ->
        {
            out.write(backlog.handle, event.id, event.timestamp, event.attempts, 0, event.body);
            return true;
        });
        for (final TrackedMessage m : overflow)
        {
            out.write(backlog.handle, m, 0);
        }
        for (final TrackedMessage m : inFlight.values())
        {
            out.write(backlog.handle, m, 0);
        }
        for (final TrackedMessage m : deferred.values())
        {
            out.write(deferredStore.handle, m, ctx.epochNow + Math.max(0, ctx.timers.deadline(m) - ctx.now));
        }
        backlog.persistUnwritten(out);
    }

    /**
     * Start: the channel's queues as the last run left them. Deferred messages go back on the wheel for
     * what is left of their time; in durable mode their entries stay until they are finished.
     */
    void restore(final DiskAgent disk, final boolean paused) throws StoreException
    {
        this.paused = paused;
        if (backlog == null)
        {
            return;
        }
        backlog.onDisk = disk.restore(backlog.handle);
        final StoredMessage entry = new StoredMessage();
        long last = MessageEvent.NO_SEQUENCE;
        while (disk.readNow(deferredStore.handle, entry))
        {
            final TrackedMessage m = ctx.pool.acquire();
            m.set(this, entry.id, entry.timestamp, entry.attempts, entry.body);
            if (ctx.durable)
            {
                m.backlog = deferredStore;
                m.sequence = entry.sequence;
                m.generation = deferredStore.generation;
            }
            defer(m, ctx.now + Math.max(0, entry.deferral - ctx.epochNow));
            last = entry.sequence;
        }
        if (!ctx.durable && last != MessageEvent.NO_SEQUENCE)
        {
            disk.consumedThroughNow(deferredStore.handle, last); // they live in memory now, as before the shutdown
        }
    }
}
