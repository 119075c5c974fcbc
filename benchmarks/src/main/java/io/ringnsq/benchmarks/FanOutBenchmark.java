package io.ringnsq.benchmarks;

import java.util.Arrays;

import io.ringnsq.core.engine.EngineConfig;
import io.ringnsq.core.engine.Topic;
import io.ringnsq.core.link.CommandEvent;
import io.ringnsq.core.link.CommandType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The topic's fan-out stage alone, through a real {@link io.ringnsq.core.engine.Engine}: a topic holding
 * {@value #MESSAGES} messages (nsqd's default {@code --mem-queue-size}) hands each to its 1, 2 or 4 channels'
 * memory rings, in the engine's duty cycles (256 a cycle). The channels have no subscribers, so nothing is
 * dispatched; each cycle still reads the clock and looks at the command ring, as the engine does.
 *
 * <p>Before each invocation, outside the timing, the paused topic is filled with one MPUB (every message
 * shares one body) and the channels are emptied; the timed part unpauses it and runs duty cycles until the
 * topic is empty. An invocation takes 0.1 ms or more, so JMH's per-invocation setup costs little against it.
 * {@code gc.alloc.rate.norm} also counts what that setup allocates (nothing, per message, as measured).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar FanOut -prof gc}
 */
public class FanOutBenchmark extends ThroughputBenchmark
{
    static final int MESSAGES = 10_000;
    private static final long ADMIN = 1;
    private static final String TOPIC = "bench";

    @Param({"1", "2", "4"})
    public int channels;

    @Param({"200"})
    public int bodySize;

    private EngineHarness harness;
    private Topic topic;
    private byte[][] bodies;
    private String[] channelNames;

    @Setup(Level.Trial)
    public void setUp()
    {
        harness = new EngineHarness(new EngineConfig().memQueueSize(MESSAGES).nodeId(1), 0);
        bodies = new byte[MESSAGES][];
        Arrays.fill(bodies, new byte[bodySize]);
        harness.connect(ADMIN, "127.0.0.1:1001");
        harness.send(CommandType.TOPIC_CREATE, ADMIN, TOPIC, null);
        channelNames = new String[channels];
        for (int c = 0; c < channels; c++)
        {
            channelNames[c] = "ch" + c;
            harness.send(CommandType.CHANNEL_CREATE, ADMIN, TOPIC, channelNames[c]);
        }
        harness.runCommands();
        topic = harness.engine.topic(TOPIC);
    }

    /** The topic paused and full, its channels empty, and an unpause waiting on the command ring. */
    @Setup(Level.Invocation)
    public void fill()
    {
        harness.send(CommandType.TOPIC_PAUSE, ADMIN, TOPIC, null);
        for (final String channel : channelNames)
        {
            harness.send(CommandType.CHANNEL_EMPTY, ADMIN, TOPIC, channel);
        }
        final CommandEvent mpub = harness.command(CommandType.MPUB, ADMIN);
        mpub.topic = TOPIC;
        mpub.bodies = bodies;
        mpub.bodyCount = MESSAGES;
        harness.publish();
        harness.runCommands();
        if (topic.depth() != MESSAGES)
        {
            throw new IllegalStateException("topic holds " + topic.depth() + " messages, not " + MESSAGES);
        }
        harness.send(CommandType.TOPIC_UNPAUSE, ADMIN, TOPIC, null);
    }

    /** Unpause, then duty cycles until every message is in every channel: ops = messages taken off the topic. */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public int fanOut()
    {
        int work = 0;
        do
        {
            work += harness.cycle();
        }
        while (topic.depth() > 0);
        return work;
    }
}
