package io.ringnsq.benchmarks;

import java.io.IOException;

import io.ringnsq.core.link.OutboundEvent;
import io.ringnsq.core.link.OutboundType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Message frames encoded as the I/O agent encodes what the engine queued: {@code V2Handler.onOutbound} and the
 * connection marked dirty, {@value #BATCH} frames of one body (size, type, timestamp, attempts, id in hex, the
 * body copied into the connection's direct output buffer), flushed when the client's output buffer size (16 KiB)
 * is reached and at the end, into a layer that takes every byte (no syscall). One op is one frame.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar V2Encode -prof gc}
 */
public class V2EncodeBenchmark extends ThroughputBenchmark
{
    static final int BATCH = 100;

    @Param({"200"})
    public int bodySize;

    private V2Harness v2;
    private final OutboundEvent message = new OutboundEvent();
    private long nextId;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        v2 = new V2Harness();
        message.type = OutboundType.MESSAGE;
        message.connectionId = v2.connection.id();
        message.timestamp = System.currentTimeMillis() * 1_000_000L;
        message.attempts = 1;
        message.body = new byte[bodySize];
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        v2.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long encodeMessage()
    {
        final OutboundEvent e = message;
        for (int i = 0; i < BATCH; i++)
        {
            e.messageId = ++nextId;
            v2.handler.onOutbound(v2.connection, e);
            v2.connection.markDirty();
        }
        if (!v2.connection.flushNow())
        {
            throw new IllegalStateException("output not drained");
        }
        return nextId;
    }
}
