package io.ringnsq.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;

import io.ringnsq.core.message.MessageIds;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The V2 decoder ({@code V2Handler}) on a batch of {@value #BATCH} client frames: PUBs of one body each, one
 * MPUB of {@value #BATCH} bodies, FINs, or RDYs. One op is one message (PUB, MPUB) or command (FIN, RDY), from
 * bytes in the connection's input buffer to a command on the engine's ring. PUB and MPUB allocate the copy of
 * each body the broker keeps, and MPUB an array of them: that much is expected.
 *
 * <p>{@code decode}: the batch is copied into the input buffer as socket reads fill it and decoded, with no agent
 * around it. The input buffer grows once for the MPUB (20 KiB, more than its 16 KiB) and stays grown.
 *
 * <p>{@code decodeViaAgent}: the batch through the I/O agent's read path, in its duty cycles (a non-blocking
 * select included), from a layer that replays it. The agent gives a grown input buffer back once a large frame
 * is decoded, so there every MPUB of more than 16 KiB grows it again.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar V2Decode -prof gc}
 */
public class V2DecodeBenchmark extends ThroughputBenchmark
{
    static final int BATCH = 100;

    @Param({"PUB", "MPUB", "FIN", "RDY"})
    public String command;

    @Param({"200"})
    public int bodySize;

    private V2Harness v2;
    private ByteBuffer frames;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        v2 = new V2Harness();
        frames = frames(command, bodySize);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        v2.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long decode()
    {
        return v2.decode(frames);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long decodeViaAgent() throws IOException
    {
        return v2.decodeViaAgent(frames);
    }

    /** {@value #BATCH} messages or commands of one kind, on the wire. */
    static ByteBuffer frames(final String command, final int bodySize)
    {
        final byte[] body = new byte[bodySize];
        final ByteBuffer b;
        switch (command)
        {
            case "PUB" ->
            {
                final byte[] line = V2Harness.ascii("PUB " + V2Harness.TOPIC + "\n");
                b = ByteBuffer.allocate(BATCH * (line.length + 4 + bodySize));
                for (int i = 0; i < BATCH; i++)
                {
                    b.put(line).putInt(bodySize).put(body);
                }
            }
            case "MPUB" ->
            {
                final byte[] line = V2Harness.ascii("MPUB " + V2Harness.TOPIC + "\n");
                b = ByteBuffer.allocate(line.length + 8 + BATCH * (4 + bodySize));
                b.put(line).putInt(4 + BATCH * (4 + bodySize)).putInt(BATCH);
                for (int i = 0; i < BATCH; i++)
                {
                    b.putInt(bodySize).put(body);
                }
            }
            case "FIN" ->
            {
                b = ByteBuffer.allocate(BATCH * ("FIN \n".length() + MessageIds.HEX_LENGTH));
                for (int i = 0; i < BATCH; i++)
                {
                    b.put(V2Harness.ascii("FIN " + MessageIds.toHex(0x1234_5678_9abc_0000L + i) + "\n"));
                }
            }
            case "RDY" ->
            {
                final byte[] line = V2Harness.ascii("RDY 2500\n");
                b = ByteBuffer.allocate(BATCH * line.length);
                for (int i = 0; i < BATCH; i++)
                {
                    b.put(line);
                }
            }
            default -> throw new IllegalArgumentException("no frames for " + command);
        }
        return b;
    }
}
