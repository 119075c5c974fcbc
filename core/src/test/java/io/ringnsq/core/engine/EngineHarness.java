package io.ringnsq.core.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.ringnsq.core.link.CommandEvent;
import io.ringnsq.core.link.CommandType;
import io.ringnsq.core.link.IoLink;
import io.ringnsq.core.link.OutboundEvent;
import io.ringnsq.core.link.OutboundType;
import io.ringnsq.core.meta.NsqdMetadata;
import io.ringnsq.core.store.DiskAgent;
import io.ringnsq.core.store.DiskHealth;
import io.ringnsq.core.store.DiskLink;
import io.ringnsq.core.store.MemoryStoreOpener;
import io.ringnsq.core.store.StoreException;
import io.ringnsq.core.time.ManualClock;

/**
 * Plays the I/O agent for an {@link Engine} on the test thread, with a manual clock; with a disk, it
 * runs the disk agent's duty cycles too, over {@link io.ringnsq.core.store.MemoryStore}s.
 */
final class EngineHarness
{
    final ManualClock clock;
    final IoLink link = new IoLink(0, 1024, 4096);
    final Engine engine;
    final List<Frame> frames = new ArrayList<>();
    final MemoryStoreOpener opener;
    final DiskAgent disk;
    final DiskHealth health = new DiskHealth();
    /** The last metadata the disk agent saved. */
    NsqdMetadata savedMetadata;
    /** While false, run() leaves the disk agent idle (to look at the engine between its cycles). */
    boolean diskRunning = true;

    /** One frame the engine queued for a connection. */
    record Frame(long connectionId, int type, String text, long messageId, long timestamp, int attempts, String body, boolean close,
        int result, Object payload)
    {
    }

    EngineHarness(final EngineConfig config)
    {
        clock = new ManualClock();
        opener = null;
        disk = null;
        engine = new Engine(config.conclude(), new IoLink[]{link}, clock, clock.asEpochClock());
    }

    /** An engine with a disk over {@code opener}, restoring what it holds and {@code metadata}. */
    EngineHarness(final EngineConfig config, final MemoryStoreOpener opener, final NsqdMetadata metadata, final ManualClock clock)
    {
        this.clock = clock;
        this.opener = opener;
        final DiskLink diskLink = new DiskLink(4096, 4096);
        disk = new DiskAgent(diskLink, opener, m -> savedMetadata = m, config.syncEvery(), 2_000_000_000L, clock, health);
        engine = new Engine(config.conclude(), new IoLink[]{link}, diskLink, clock, clock.asEpochClock());
        try
        {
            engine.restore(metadata, disk);
        }
        catch (final StoreException ex)
        {
            throw new IllegalStateException(ex);
        }
        run();
    }

    static EngineHarness withDisk(final EngineConfig config)
    {
        return new EngineHarness(config, new MemoryStoreOpener(), NsqdMetadata.EMPTY, new ManualClock());
    }

    /** Stops cleanly as nsqd does on SIGTERM and starts again over the same disk. */
    EngineHarness restart(final EngineConfig config)
    {
        stop();
        opener.restart();
        return new EngineHarness(config, opener, savedMetadata, clock);
    }

    /** Starts again over what a kill -9 would have left on the disk. */
    EngineHarness crashAndRestart(final EngineConfig config)
    {
        return crashAndRestart(config, disk -> { });
    }

    /** As {@link #crashAndRestart(EngineConfig)}, with {@code meanwhile} changing the disk before the start. */
    EngineHarness crashAndRestart(final EngineConfig config, final Consumer<MemoryStoreOpener> meanwhile)
    {
        opener.crash();
        meanwhile.accept(opener);
        return new EngineHarness(config, opener, savedMetadata, clock);
    }

    void stop()
    {
        while (disk.hasCommands() || engine.settleDisk() > 0)
        {
            disk.doWork();
        }
        engine.persist(disk);
        disk.closeAll();
    }

    EngineHarness()
    {
        this(new EngineConfig().memQueueSize(100).nodeId(1));
    }

    void connect(final long id)
    {
        send(CommandType.CONNECT, id, e -> e.text = "127.0.0.1:" + (40000 + id));
    }

    void disconnect(final long id)
    {
        send(CommandType.DISCONNECT, id, e -> { });
    }

    void sub(final long id, final String topic, final String channel)
    {
        send(CommandType.SUB, id, e ->
        {
            e.topic = topic;
            e.channel = channel;
        });
    }

    void rdy(final long id, final long count)
    {
        send(CommandType.RDY, id, e -> e.number = count);
    }

    void pub(final long id, final String topic, final String body)
    {
        send(CommandType.PUB, id, e ->
        {
            e.topic = topic;
            e.body = body.getBytes(StandardCharsets.UTF_8);
        });
    }

    void dpub(final long id, final String topic, final String body, final long deferMs)
    {
        send(CommandType.DPUB, id, e ->
        {
            e.topic = topic;
            e.body = body.getBytes(StandardCharsets.UTF_8);
            e.number = deferMs;
        });
    }

    void mpub(final long id, final String topic, final String... bodies)
    {
        send(CommandType.MPUB, id, e ->
        {
            e.topic = topic;
            e.bodies = new byte[bodies.length][];
            for (int i = 0; i < bodies.length; i++)
            {
                e.bodies[i] = bodies[i].getBytes(StandardCharsets.UTF_8);
            }
            e.bodyCount = bodies.length;
        });
    }

    void fin(final long id, final long messageId)
    {
        send(CommandType.FIN, id, e -> e.messageId = messageId);
    }

    void req(final long id, final long messageId, final long delayMs)
    {
        send(CommandType.REQ, id, e ->
        {
            e.messageId = messageId;
            e.number = delayMs;
        });
    }

    void touch(final long id, final long messageId)
    {
        send(CommandType.TOUCH, id, e -> e.messageId = messageId);
    }

    void cls(final long id)
    {
        send(CommandType.CLS, id, e -> { });
    }

    /** An administrative command; returns its RESULT frame. */
    Frame admin(final long connectionId, final int type, final String topic, final String channel)
    {
        send(type, connectionId, e ->
        {
            e.topic = topic;
            e.channel = channel;
            e.number = 1;
        });
        final List<Frame> taken = take(connectionId);
        return taken.get(taken.size() - 1);
    }

    void send(final int type, final long connectionId, final java.util.function.Consumer<CommandEvent> fill)
    {
        final long sequence = link.claimCommand();
        final CommandEvent e = link.command(sequence);
        e.type = type;
        e.connectionId = connectionId;
        fill.accept(e);
        link.publishCommand(sequence);
        run();
    }

    /** Runs duty cycles until the engine has nothing more to do, collecting its frames. */
    void run()
    {
        for (int i = 0; i < 1000; i++)
        {
            int work = engine.doWork();
            if (disk != null && diskRunning)
            {
                work += disk.doWork();
            }
            final int drained = link.pollOutbound((event, sequence, end) ->
            {
                frames.add(frameOf(event));
                event.clear();
                return true;
            });
            if (work == 0 && drained == 0)
            {
                return;
            }
        }
    }

    void advanceMillis(final long millis)
    {
        clock.advanceMillis(millis);
        run();
    }

    /** Takes and returns the frames queued for one connection so far. */
    List<Frame> take(final long connectionId)
    {
        final List<Frame> taken = new ArrayList<>();
        frames.removeIf(f ->
        {
            if (f.connectionId() == connectionId)
            {
                taken.add(f);
                return true;
            }
            return false;
        });
        return taken;
    }

    List<Frame> messages(final long connectionId)
    {
        return take(connectionId).stream().filter(f -> f.type() == OutboundType.MESSAGE).toList();
    }

    /** The bodies of the messages the connection was sent since the last take. */
    List<String> messageBodies(final long connectionId)
    {
        return messages(connectionId).stream().map(Frame::body).toList();
    }

    private static Frame frameOf(final OutboundEvent e)
    {
        final String text = e.data == null ? null : new String(e.data, StandardCharsets.UTF_8);
        final String body = e.body == null ? null : new String(e.body, StandardCharsets.UTF_8);
        return new Frame(e.connectionId, e.type, text, e.messageId, e.timestamp, e.attempts, body, e.close, e.result, e.payload);
    }
}
