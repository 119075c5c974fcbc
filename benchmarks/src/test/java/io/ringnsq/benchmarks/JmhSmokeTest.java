package io.ringnsq.benchmarks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * CI smoke run of one JMH benchmark through JMH's Runner, in this JVM (no fork), one short warm-up and one short
 * measurement iteration, failing on any benchmark error ({@code -foe true}): the suite keeps running. No timing
 * assertion.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class JmhSmokeTest
{
    @Test
    void engineRoundTripRuns() throws Exception
    {
        // JMH takes /tmp/jmh.lock so that two benchmark runs do not skew each other; a smoke run measures nothing and
        // must not fail because another build or a benchmark runs on the machine
        System.setProperty("jmh.ignoreLock", "true");
        final Collection<RunResult> results = new Runner(new OptionsBuilder()
            .include("^" + Pattern.quote(EngineRoundTripBenchmark.class.getName()) + "\\.")
            .forks(0)
            .warmupIterations(1)
            .warmupTime(TimeValue.milliseconds(200))
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(200))
            .shouldFailOnError(true)
            .build()).run();
        assertFalse(results.isEmpty(), "no result");
        for (final RunResult result : results)
        {
            assertTrue(result.getPrimaryResult().getScore() > 0, result.getParams().getBenchmark());
        }
    }
}
