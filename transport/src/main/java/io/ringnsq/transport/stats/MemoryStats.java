package io.ringnsq.transport.stats;

/**
 * The process's memory figures under upstream's names ({@code memStats} in {@code nsqd/stats.go}),
 * as /stats, /metrics and statsd report them. Go fills them from {@code runtime.MemStats};
 * {@link JvmMemorySampler} says what each means on the JVM. All are Go {@code uint64}s except
 * {@code gcTotalRuns} ({@code uint32}).
 *
 * @param heapObjects       objects on the heap
 * @param heapIdleBytes     heap bytes reserved but holding no objects
 * @param heapInUseBytes    heap bytes holding objects
 * @param heapReleasedBytes heap bytes given back to (or not yet taken from) the OS
 * @param gcPauseUsec100    the longest of the recent GC pauses, in microseconds
 * @param gcPauseUsec99     their 99th percentile
 * @param gcPauseUsec95     their 95th percentile
 * @param nextGcBytes       heap size at which the next collection is expected
 * @param gcTotalRuns       collections since start
 */
public record MemoryStats(
    long heapObjects,
    long heapIdleBytes,
    long heapInUseBytes,
    long heapReleasedBytes,
    long gcPauseUsec100,
    long gcPauseUsec99,
    long gcPauseUsec95,
    long nextGcBytes,
    long gcTotalRuns)
{
}
