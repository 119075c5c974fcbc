package io.ringnsq.transport.stats;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Upstream's memory figures ({@code getMemStats} over Go's {@code runtime.MemStats}) mapped to the
 * nearest JVM meaning. Go's heap is address space it has reserved ({@code HeapSys}), split into
 * spans holding objects ({@code HeapInuse}) and idle ones ({@code HeapIdle}), some of which it
 * has handed back to the OS ({@code HeapReleased}, part of the idle). The JVM's heap is likewise a
 * reservation ({@code max}, or {@code committed} when there is no max) of which {@code committed}
 * is backed by memory and {@code used} holds objects:
 * <ul>
 * <li>{@code heap_objects}: the JVM has no cheap count of live objects (only a heap walk gives
 *     one), so <b>0</b>.</li>
 * <li>{@code heap_in_use_bytes}: heap {@code used} ({@link MemoryMXBean#getHeapMemoryUsage}).</li>
 * <li>{@code heap_idle_bytes}: reservation − {@code used}, which includes the released part as
 *     Go's does.</li>
 * <li>{@code heap_released_bytes}: reservation − {@code committed}: address space not backed by
 *     memory, whether the GC uncommitted it or never committed it.</li>
 * <li>{@code gc_pause_usec_100/99/95}: upstream's percentiles over the last 256 stop-the-world
 *     collections, from GC notifications ({@link GarbageCollectionNotificationInfo}); the JVM
 *     reports their durations in whole milliseconds, so these are multiples of 1000. Concurrent
 *     collectors' cycle beans ({@code ZGC Cycles}, {@code Shenandoah Cycles}, {@code G1 Concurrent
 *     GC}) are not pauses and are left out; their pause beans ({@code ZGC Pauses} …) count.</li>
 * <li>{@code next_gc_bytes}: Go's heap size that triggers the next collection. Here the heap size
 *     at which the young generation is full: {@code used} + the free part of the eden pool's
 *     {@code committed}; heap {@code committed} for a collector without an eden pool.</li>
 * <li>{@code gc_total_runs}: collections so far ({@code getCollectionCount}) of every collector
 *     bean but a concurrent collector's pause bean: its cycles count instead, as Go counts GC
 *     cycles, not pauses.</li>
 * </ul>
 * {@link #sample} costs a few MXBean reads and a sort of at most 256 longs: cheap enough for every
 * /stats and statsd push. Thread-safe.
 */
public final class JvmMemorySampler implements AutoCloseable
{
    private final MemoryMXBean memory;
    private final MemoryPoolMXBean eden;
    private final List<GarbageCollectorMXBean> cycleCollectors = new ArrayList<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final GcPauseWindow pauses = new GcPauseWindow(GcPauseWindow.GO_WINDOW);
    private final NotificationListener listener = this::onNotification;

    private JvmMemorySampler()
    {
        memory = ManagementFactory.getMemoryMXBean();
        MemoryPoolMXBean edenPool = null;
        for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
        {
            if (pool.getType() == MemoryType.HEAP && pool.getName().contains("Eden"))
            {
                edenPool = pool;
            }
        }
        eden = edenPool;
        for (final GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans())
        {
            if (countsCycles(collector.getName()))
            {
                cycleCollectors.add(collector);
            }
            if (countsPauses(collector.getName()) && collector instanceof NotificationEmitter)
            {
                final NotificationEmitter emitter = (NotificationEmitter)collector;
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    /** Starts listening for GC pauses; pauses before this call are not seen. */
    public static JvmMemorySampler start()
    {
        return new JvmMemorySampler();
    }

    /** The figures now. */
    public MemoryStats sample()
    {
        final MemoryUsage heap = memory.getHeapMemoryUsage();
        final long used = heap.getUsed();
        final long committed = heap.getCommitted();
        final long reserved = Math.max(heap.getMax(), committed);
        final long[] pauseMicros = pauses.percentilesMicros();
        return new MemoryStats(
            0,
            reserved - used,
            used,
            reserved - committed,
            pauseMicros[0],
            pauseMicros[1],
            pauseMicros[2],
            nextGcBytes(used, committed),
            totalRuns());
    }

    private long nextGcBytes(final long heapUsed, final long heapCommitted)
    {
        if (eden == null)
        {
            return heapCommitted;
        }
        final MemoryUsage usage = eden.getUsage();
        return heapUsed + Math.max(0, usage.getCommitted() - usage.getUsed());
    }

    private long totalRuns()
    {
        long runs = 0;
        for (final GarbageCollectorMXBean collector : cycleCollectors)
        {
            final long count = collector.getCollectionCount();
            if (count > 0)
            {
                runs += count;
            }
        }
        return runs;
    }

    /** Runs on the JMX notification thread after each collection of a pause bean. */
    private void onNotification(final Notification notification, final Object handback)
    {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType()))
        {
            return;
        }
        final GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData)notification.getUserData());
        pauses.record(info.getGcInfo().getDuration() * 1_000_000L);
    }

    /** For tests: records a pause as a GC notification would. */
    void recordPauseNanos(final long nanos)
    {
        pauses.record(nanos);
    }

    /** Stops listening. */
    @Override
    public void close()
    {
        for (final NotificationEmitter emitter : emitters)
        {
            try
            {
                emitter.removeNotificationListener(listener);
            }
            catch (final ListenerNotFoundException ignored)
            {
                // already gone: nothing to undo
            }
        }
        emitters.clear();
    }

    /** A bean whose collections are stop-the-world pauses (not a concurrent collector's cycles). */
    static boolean countsPauses(final String collectorName)
    {
        return !collectorName.endsWith("Cycles") && !collectorName.contains("Concurrent");
    }

    /** A bean whose collection count counts GC cycles (not a concurrent collector's pause bean). */
    static boolean countsCycles(final String collectorName)
    {
        return !collectorName.endsWith("Pauses");
    }
}
