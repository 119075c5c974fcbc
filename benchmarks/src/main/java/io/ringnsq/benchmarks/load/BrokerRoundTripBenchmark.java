package io.ringnsq.benchmarks.load;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.ringnsq.benchmarks.ThroughputBenchmark;
import io.ringnsq.transport.nsqd.Nsqd;
import io.ringnsq.transport.nsqd.NsqdContext;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Messages through a whole nsqd, sockets included: an in-process daemon (default settings, threading mode for this
 * machine's cores) on loopback; the benchmark thread publishes an MPUB of {@code batch} bodies on one connection,
 * receives them on a subscribed one and FINs them all in one write, then takes the MPUB's OK. Beside the rate it
 * reports what the daemon's own threads allocated per message through PUB, delivery and FIN ({@code brokerBytes} /
 * {@code messages}, from the allocation counters of the threads the daemon started), which {@code -prof gc} cannot
 * tell apart from the client's. The goal is one copy of the body (the PUB's bytes become the message).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar BrokerRoundTrip}
 */
public class BrokerRoundTripBenchmark extends ThroughputBenchmark
{
    private static final int BATCH = 100;
    private static final byte[] FIN = V2Wire.ascii("FIN ");
    private static final int FIN_LENGTH = FIN.length + V2Wire.ID_LENGTH + 1;

    @Param({"200"})
    public int bodySize;

    private final byte[] buffer = new byte[256 * 1024];
    private final byte[] fins = new byte[BATCH * FIN_LENGTH + V2Wire.NOP.length];
    private byte[] mpub;

    @Setup(Level.Trial)
    public void setUp()
    {
        mpub = V2Wire.publish("bench", BATCH, bodySize);
    }

    /** MPUB a batch, receive every message, FIN them, take the OK: ops = messages. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int mpubDeliverFin(final Broker broker, final BrokerAllocation allocation) throws IOException
    {
        final InputStream consumerIn = broker.consumerIn;
        final OutputStream consumerOut = broker.consumerOut;
        broker.publisherOut.write(mpub);
        int received = 0;
        int end = 0;
        while (received < BATCH)
        {
            final int read = consumerIn.read(buffer, end, buffer.length - end);
            if (read < 0)
            {
                throw new IOException("nsqd closed the consumer connection");
            }
            end += read;
            int at = 0;
            int replies = 0;
            while (end - at >= 4 && end - at >= 4 + V2Wire.intAt(buffer, at))
            {
                final int size = V2Wire.intAt(buffer, at);
                final int data = at + 8;
                if (V2Wire.intAt(buffer, at + 4) == V2Wire.FRAME_MESSAGE)
                {
                    System.arraycopy(FIN, 0, fins, replies, FIN.length);
                    System.arraycopy(buffer, data + V2Wire.ID_OFFSET, fins, replies + FIN.length, V2Wire.ID_LENGTH);
                    fins[replies + FIN_LENGTH - 1] = '\n';
                    replies += FIN_LENGTH;
                    received++;
                }
                else if (Arrays.equals(buffer, data, at + 4 + size, V2Wire.HEARTBEAT, 0, V2Wire.HEARTBEAT.length))
                {
                    System.arraycopy(V2Wire.NOP, 0, fins, replies, V2Wire.NOP.length);
                    replies += V2Wire.NOP.length;
                }
                at += 4 + size;
            }
            System.arraycopy(buffer, at, buffer, 0, end - at);
            end -= at;
            consumerOut.write(fins, 0, replies);
        }
        V2Wire.readResponse(broker.publisherIn, broker.publisherOut);
        allocation.messages += BATCH;
        return received;
    }

    /**
     * The daemon under load, one for the trial, and its two connections: a subscribed consumer (RDY 2500) and a
     * publisher. A state of its own so that the allocation counter sees the same daemon as the benchmark.
     */
    @State(Scope.Benchmark)
    public static class Broker
    {
        private Path dataPath;
        private Nsqd nsqd;
        private long[] threads;
        private Socket publisher;
        private Socket consumer;
        private OutputStream publisherOut;
        private DataInputStream publisherIn;
        private OutputStream consumerOut;
        private InputStream consumerIn;

        @Setup(Level.Trial)
        public void start() throws IOException
        {
            dataPath = Files.createTempDirectory("ringnsq-broker-bench");
            final Set<Long> before = threadIds();
            nsqd = Nsqd.start(new NsqdContext().tcpAddress("127.0.0.1:0").httpAddress("127.0.0.1:0").dataPath(dataPath)
                .memQueueSize(100_000));
            final Set<Long> started = threadIds();
            started.removeAll(before);
            threads = started.stream().mapToLong(Long::longValue).toArray();

            consumer = V2Wire.connect(nsqd.tcpAddress());
            consumerOut = consumer.getOutputStream();
            consumerIn = consumer.getInputStream();
            consumerOut.write(V2Wire.ascii("  V2SUB bench ch\n"));
            V2Wire.readResponse(new DataInputStream(consumerIn), consumerOut);
            consumerOut.write(V2Wire.ascii("RDY 2500\n"));
            publisher = V2Wire.connect(nsqd.tcpAddress());
            publisherOut = publisher.getOutputStream();
            publisherIn = new DataInputStream(publisher.getInputStream());
            publisherOut.write(V2Wire.ascii("  V2"));
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException
        {
            publisher.close();
            consumer.close();
            nsqd.close();
            try (Stream<Path> files = Files.walk(dataPath))
            {
                for (final Path p : files.sorted(Comparator.reverseOrder()).toList())
                {
                    Files.deleteIfExists(p);
                }
            }
        }

        /** What the daemon's threads (those its start started) have allocated so far, in bytes. */
        long allocatedBytes()
        {
            final long[] bytes = ((com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(threads);
            long sum = 0;
            for (final long b : bytes)
            {
                sum += Math.max(0, b); // -1: a thread that has ended
            }
            return sum;
        }

        private static Set<Long> threadIds()
        {
            return Arrays.stream(ManagementFactory.getThreadMXBean().getAllThreadIds()).boxed().collect(Collectors.toSet());
        }
    }

    /**
     * The daemon's allocation over each measured iteration, reported by JMH beside the score as two sums over the
     * iterations (JMH adds up event counters; it has no average of a ratio): {@code brokerBytes} / {@code messages}
     * is the daemon's allocation per message. Each iteration also prints that ratio.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class BrokerAllocation
    {
        /** Messages published, delivered and finished in this iteration. */
        public long messages;
        /**
         * Bytes the daemon's threads allocated in this iteration. Set at the iteration's end: JMH reads the counters
         * after the tear-downs, when the last iteration's daemon has already stopped.
         */
        public long brokerBytes;
        private Broker broker;
        private long allocatedAtStart;

        @Setup(Level.Iteration)
        public void start(final Broker b)
        {
            broker = b;
            messages = 0;
            brokerBytes = 0;
            allocatedAtStart = b.allocatedBytes();
        }

        @TearDown(Level.Iteration)
        public void end()
        {
            brokerBytes = broker.allocatedBytes() - allocatedAtStart;
            System.out.printf(Locale.ROOT, "(the daemon allocated %.1f B a message) ",
                messages == 0 ? 0.0 : brokerBytes / (double)messages);
        }
    }
}
