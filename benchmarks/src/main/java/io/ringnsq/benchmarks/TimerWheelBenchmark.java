package io.ringnsq.benchmarks;

import java.util.concurrent.TimeUnit;

import io.ringnsq.core.engine.EngineConfig;
import io.ringnsq.core.engine.TimerWindow;
import io.ringnsq.core.link.CommandType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * In-flight timers, {@value #WINDOW} at a time (a full RDY 2500 window).
 *
 * <p>{@code scheduleCancel} and {@code scheduleExpire}: the engine's {@code MessageTimers} (through
 * {@link TimerWindow}); {@code perTick} says how many timers share one tick (about 1 ms), as a burst of deliveries
 * does. One op is one timer armed and then cancelled (FIN; TOUCH is a cancel and a schedule), or armed and fired
 * (the in-flight timeout), the clock moving on by whole ticks as the engine's duty cycles move it.
 *
 * <p>{@code touchInFlight}: TOUCH through a real engine, the command ring included, for every message of a full
 * window: the engine's own MessageTimers cancels and re-arms each.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TimerWheel -prof gc}
 */
public class TimerWheelBenchmark extends ThroughputBenchmark
{
    static final int WINDOW = 2500;
    static final long MSG_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);

    /** The engine's own timers with a window of messages, the clock read once per "duty cycle" as the engine reads it. */
    @State(Scope.Thread)
    public static class Wheel
    {
        @Param({"1", "100", "2500"})
        public int perTick;

        TimerWindow window;
        long now;

        @Setup(Level.Trial)
        public void setUp()
        {
            now = System.nanoTime();
            window = new TimerWindow(WINDOW, now);
        }

        @TearDown(Level.Iteration)
        public void check()
        {
            if (window.armed() != 0)
            {
                throw new IllegalStateException(window.armed() + " timers left armed");
            }
        }
    }

    /** Arm the window 60 s ahead (the default msg timeout), then cancel every timer in delivery order. */
    @Benchmark
    @OperationsPerInvocation(WINDOW)
    public int scheduleCancel(final Wheel w)
    {
        w.window.armAll(w.now + MSG_TIMEOUT_NS, w.perTick);
        final int armed = w.window.armed();
        w.window.cancelAll();
        return armed;
    }

    /** Arm the window over the next ticks, move the clock past the last deadline, fire them all. */
    @Benchmark
    @OperationsPerInvocation(WINDOW)
    public int scheduleExpire(final Wheel w)
    {
        final long ticks = (WINDOW + w.perTick - 1) / w.perTick;
        w.window.armAll(w.now + TimerWindow.tickNanos(), w.perTick);
        w.now += (ticks + 1) * TimerWindow.tickNanos();
        return w.window.expireAll(w.now);
    }

    /** A subscriber holding a full window of messages in flight on a real engine. */
    @State(Scope.Thread)
    public static class InFlight
    {
        private static final long PUBLISHER = 1;
        private static final long CONSUMER = 2;

        EngineHarness harness;

        @Setup(Level.Trial)
        public void setUp()
        {
            harness = new EngineHarness(new EngineConfig().memQueueSize(10_000).nodeId(1), WINDOW);
            harness.connect(PUBLISHER, "127.0.0.1:1001");
            harness.connect(CONSUMER, "127.0.0.1:1002");
            harness.send(CommandType.SUB, CONSUMER, "bench", "ch");
            harness.ready(CONSUMER, WINDOW);
            final byte[] body = new byte[200];
            for (int i = 0; i < WINDOW; i++)
            {
                harness.pub(PUBLISHER, "bench", body);
            }
            harness.runCommands();
            while (harness.deliveredCount() < WINDOW)
            {
                harness.cycle();
            }
        }
    }

    /** TOUCH every message in flight, through the command ring: ops = TOUCHes. */
    @Benchmark
    @OperationsPerInvocation(WINDOW)
    public int touchInFlight(final InFlight s)
    {
        final EngineHarness harness = s.harness;
        for (int i = 0; i < WINDOW; i++)
        {
            harness.command(CommandType.TOUCH, InFlight.CONSUMER).messageId = harness.delivered(i);
            harness.publish();
        }
        harness.runCommands();
        return harness.deliveredCount();
    }
}
