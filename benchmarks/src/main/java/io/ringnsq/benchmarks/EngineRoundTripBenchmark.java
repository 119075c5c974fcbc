package io.ringnsq.benchmarks;

import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.EventPoller;
import io.ringnsq.core.engine.Engine;
import io.ringnsq.core.engine.EngineConfig;
import io.ringnsq.core.link.CommandEvent;
import io.ringnsq.core.link.CommandType;
import io.ringnsq.core.link.IoLink;
import io.ringnsq.core.link.OutboundEvent;
import io.ringnsq.core.link.OutboundType;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.SystemNanoClock;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One message's whole life in the engine, with no sockets: PUB into the topic ring, fan-out to the
 * channel, dispatch to a subscriber with RDY open (in-flight armed on the timer wheel, frame queued
 * on the outbound ring), then FIN. The benchmark plays the I/O agent on the same thread, as SHARED
 * threading mode does. One body is reused for every PUB, so {@code gc.alloc.rate.norm} (with
 * {@code -prof gc}) shows what the engine allocates per message beyond the body a real PUB brings.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar EngineRoundTrip -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"})
public class EngineRoundTripBenchmark implements EventPoller.Handler<OutboundEvent>
{
    private static final int BATCH = 100;
    private static final long PUBLISHER = 1;
    private static final long CONSUMER = 2;

    @Param({"200"})
    public int bodySize;

    private IoLink link;
    private Engine engine;
    private byte[] body;
    private final long[] delivered = new long[BATCH];
    private int deliveredCount;

    @Setup(Level.Trial)
    public void setUp()
    {
        link = new IoLink(0, 16 * 1024, 64 * 1024);
        engine = new Engine(new EngineConfig().memQueueSize(10_000).nodeId(1).conclude(),
            new IoLink[]{link}, SystemNanoClock.INSTANCE, new SystemEpochNanoClock());
        body = new byte[bodySize];
        command(CommandType.CONNECT, PUBLISHER).text = "127.0.0.1:1001";
        publish();
        command(CommandType.CONNECT, CONSUMER).text = "127.0.0.1:1002";
        publish();
        final CommandEvent sub = command(CommandType.SUB, CONSUMER);
        sub.topic = "bench";
        sub.channel = "ch";
        publish();
        command(CommandType.RDY, CONSUMER).number = 2500;
        publish();
        engine.doWork();
        drain();
    }

    /** PUB a batch, let the engine deliver it, FIN every message: ops = messages. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int pubDeliverFin()
    {
        for (int i = 0; i < BATCH; i++)
        {
            final CommandEvent pub = command(CommandType.PUB, PUBLISHER);
            pub.topic = "bench";
            pub.body = body;
            publish();
        }
        deliveredCount = 0;
        while (deliveredCount < BATCH)
        {
            engine.doWork();
            drain();
        }
        for (int i = 0; i < BATCH; i++)
        {
            command(CommandType.FIN, CONSUMER).messageId = delivered[i];
            publish();
        }
        engine.doWork();
        drain();
        return deliveredCount;
    }

    private long pending;

    private CommandEvent command(final int type, final long connectionId)
    {
        pending = link.claimCommand();
        final CommandEvent e = link.command(pending);
        e.type = type;
        e.connectionId = connectionId;
        return e;
    }

    private void publish()
    {
        link.publishCommand(pending);
    }

    private void drain()
    {
        link.pollOutbound(this);
    }

    @Override
    public boolean onEvent(final OutboundEvent event, final long sequence, final boolean endOfBatch)
    {
        if (event.type == OutboundType.MESSAGE)
        {
            delivered[deliveredCount++] = event.messageId;
        }
        else if (event.type == OutboundType.ERROR)
        {
            throw new IllegalStateException(new String(event.data));
        }
        event.clear();
        return true;
    }
}
