package io.ringnsq.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The suite's settings for its throughput benchmarks, which JMH reads from a benchmark's superclass: ops/s on one
 * thread, 3 warm-up and 5 measured iterations of a second, one fork. Each subclass measures a batch and names its
 * size with {@code @OperationsPerInvocation}, so a score is per message, frame or timer, and {@code -prof gc}'s
 * {@code gc.alloc.rate.norm} is bytes allocated per one of those.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"})
public abstract class ThroughputBenchmark
{
}
