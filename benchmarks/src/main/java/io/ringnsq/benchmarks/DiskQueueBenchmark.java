package io.ringnsq.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.ringnsq.core.disk.DiskQueue;
import io.ringnsq.core.disk.DiskQueueException;
import io.ringnsq.core.disk.DiskQueueSettings;
import io.ringnsq.core.store.StoredMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One disk queue on the default filesystem ({@code java.io.tmpdir}), nsqd's defaults (100 MiB files, 1 MiB
 * max-msg-size): a million appends with a sync every 2,500 (upstream's {@code --sync-every}), and a million reads
 * consumed in batches of 2,500. Each iteration starts from a fresh queue, so the time is per message; msg/s is
 * 1 / that, MB/s that times the body size.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar DiskQueue -prof gc}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.util=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED", "-Dchronicle.analytics.disable=true",
    "-Dchronicle.announcer.disable=true", "-Ddisable.perf.info=true", "-Dchronicle.disk.monitor.disable=true"})
public class DiskQueueBenchmark
{
    static final int MESSAGES = 1_000_000;
    static final int BATCH = 2500;

    /** A fresh, empty queue each iteration. */
    @State(Scope.Thread)
    public static class Empty
    {
        @Param({"200"})
        public int bodySize;

        final QueueDir queueDir = new QueueDir();
        DiskQueue queue;
        byte[] body;

        @Setup(Level.Iteration)
        public void open() throws IOException, DiskQueueException
        {
            queue = queueDir.open();
            body = new byte[bodySize];
        }

        @TearDown(Level.Iteration)
        public void close() throws IOException
        {
            queueDir.close();
        }
    }

    /** A fresh queue holding {@link #MESSAGES} synced entries each iteration. */
    @State(Scope.Thread)
    public static class Full
    {
        @Param({"200"})
        public int bodySize;

        final QueueDir queueDir = new QueueDir();
        final StoredMessage record = new StoredMessage();
        DiskQueue queue;

        @Setup(Level.Iteration)
        public void open() throws IOException, DiskQueueException
        {
            queue = queueDir.open();
            final byte[] body = new byte[bodySize];
            for (int i = 0; i < MESSAGES; i++)
            {
                queue.append(i, i, 1, 0, body);
            }
            queue.sync();
        }

        @TearDown(Level.Iteration)
        public void close() throws IOException
        {
            queueDir.close();
        }
    }

    /** A queue in a temporary directory, removed with it. */
    static final class QueueDir
    {
        private Path dir;
        private DiskQueue queue;

        DiskQueue open() throws IOException, DiskQueueException
        {
            dir = Files.createTempDirectory("disk-queue-bench");
            queue = DiskQueue.open(dir.resolve("bench.queue"), new DiskQueueSettings());
            return queue;
        }

        void close() throws IOException
        {
            queue.close();
            try (Stream<Path> paths = Files.walk(dir))
            {
                for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
                {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long appendSyncEvery2500(final Empty state) throws DiskQueueException
    {
        final DiskQueue queue = state.queue;
        final byte[] body = state.body;
        long last = 0;
        for (int i = 1; i <= MESSAGES; i++)
        {
            last = queue.append(i, i, 1, 0, body);
            if (i % BATCH == 0)
            {
                queue.sync();
            }
        }
        return last;
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long readConsumeEvery2500(final Full state) throws DiskQueueException
    {
        final DiskQueue queue = state.queue;
        final StoredMessage record = state.record;
        long bytes = 0;
        for (int i = 1; i <= MESSAGES; i++)
        {
            queue.read(record);
            bytes += record.body.length;
            if (i % BATCH == 0)
            {
                queue.consumedThrough(record.sequence);
            }
        }
        return bytes;
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long readConsumeSyncEvery2500(final Full state) throws DiskQueueException
    {
        final DiskQueue queue = state.queue;
        final StoredMessage record = state.record;
        long bytes = 0;
        for (int i = 1; i <= MESSAGES; i++)
        {
            queue.read(record);
            bytes += record.body.length;
            if (i % BATCH == 0)
            {
                queue.consumedThrough(record.sequence);
                queue.sync();
            }
        }
        return bytes;
    }
}
