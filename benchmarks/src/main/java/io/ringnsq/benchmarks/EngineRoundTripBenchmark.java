package io.ringnsq.benchmarks;

import io.ringnsq.core.engine.EngineConfig;
import io.ringnsq.core.link.CommandType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One message's whole life in the engine, with no sockets: PUB into the topic ring, fan-out to the
 * channel, dispatch to a subscriber with RDY open (in-flight armed on the timer wheel, frame queued
 * on the outbound ring), then FIN. The benchmark plays the I/O agent on the same thread, as SHARED
 * threading mode does. One body is reused for every PUB, so {@code gc.alloc.rate.norm} (with
 * {@code -prof gc}) shows what the engine allocates per message beyond the body a real PUB brings.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar EngineRoundTrip -prof gc}
 */
public class EngineRoundTripBenchmark extends ThroughputBenchmark
{
    private static final int BATCH = 100;
    private static final long PUBLISHER = 1;
    private static final long CONSUMER = 2;

    @Param({"200"})
    public int bodySize;

    private EngineHarness harness;
    private byte[] body;

    @Setup(Level.Trial)
    public void setUp()
    {
        harness = new EngineHarness(new EngineConfig().memQueueSize(10_000).nodeId(1), BATCH);
        body = new byte[bodySize];
        harness.connect(PUBLISHER, "127.0.0.1:1001");
        harness.connect(CONSUMER, "127.0.0.1:1002");
        harness.send(CommandType.SUB, CONSUMER, "bench", "ch");
        harness.ready(CONSUMER, 2500);
        harness.cycle();
    }

    /** PUB a batch, let the engine deliver it, FIN every message: ops = messages. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int pubDeliverFin()
    {
        for (int i = 0; i < BATCH; i++)
        {
            harness.pub(PUBLISHER, "bench", body);
        }
        harness.resetDelivered();
        while (harness.deliveredCount() < BATCH)
        {
            harness.cycle();
        }
        for (int i = 0; i < BATCH; i++)
        {
            harness.command(CommandType.FIN, CONSUMER).messageId = harness.delivered(i);
            harness.publish();
        }
        harness.cycle();
        return harness.deliveredCount();
    }
}
