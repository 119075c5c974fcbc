package io.ringnsq.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ringnsq.interop.support.ExternalProcess;
import io.ringnsq.interop.support.NodePackage;
import io.ringnsq.interop.support.RunningNsqd;
import io.ringnsq.interop.support.TapReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * squeaky 2.6.0's own test suite (its {@code test/*-test.js}, run by tap as its authors do, minus the coverage
 * gate and the linter) against ringnsq's nsqd started in this JVM.
 *
 * <p>The package is installed from {@code interop/squeaky/package-lock.json} ({@code npm ci} when
 * {@code node_modules} is missing). {@code prepare-suite.js} copies it into this build's target folder and
 * patches the copy's tests so the ports they hard-code (nsqd 4150, fake lookupds 41611 and 41616) come from
 * {@code SQUEAKY_*} environment variables and the fake lookupd listens on 127.0.0.1 only; the installed
 * package stays as published. Two edits relax timing that only upstream's coarse deferred-queue scan
 * satisfies (see prepare-suite.js): 'can dpublish' defers by 100 ms instead of 1 ms, and 'can keep a message
 * alive' accepts a deferred message received 1990 ms, not strictly more than 2000 ms, after its timestamp.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
final class SqueakySuiteTest
{
    /** Tests per file in squeaky 2.6.0: every one must run and pass. */
    private static final Map<String, Integer> EXPECTED_TESTS = expectedTests();
    /**
     * Each assertion statement in the two files, run as often as the test needs it to finish: 54 + 22. Upstream
     * nsqd gives 78: listeners registered with {@code on} may fire once more (a 'disconnect' on close), so the
     * count is a floor, not an exact figure.
     */
    private static final int MIN_ASSERTIONS = 76;
    private static final Duration SUITE_LIMIT = Duration.ofMinutes(4);
    /** Per test file, enforced by tap itself, so a hung file is reported by name. */
    private static final int TAP_FILE_TIMEOUT_SECS = 90;
    private static final String LOG = "[squeaky] ";

    @Test
    void shouldPassEveryTestOfSqueakysOwnSuiteAgainstRingnsqNsqd() throws Exception
    {
        final NodePackage squeaky = NodePackage.named("squeaky").install("squeaky", "tap");
        final Path nodeModules = squeaky.nodeModules();

        final Path rawTap = squeaky.workDir().resolve("raw.tap");
        Files.deleteIfExists(rawTap);
        final Path suite = squeaky.prepareSuite(LOG);

        final ExternalProcess.Result run;
        try (RunningNsqd nsqd = RunningNsqd.start("squeaky"))
        {
            final int[] lookupPorts = freeLoopbackPorts();
            final Map<String, String> environment = new LinkedHashMap<>();
            environment.put("SQUEAKY_NSQD_PORT", Integer.toString(nsqd.port()));
            environment.put("SQUEAKY_LOOKUP_PORT_A", Integer.toString(lookupPorts[0]));
            environment.put("SQUEAKY_LOOKUP_PORT_B", Integer.toString(lookupPorts[1]));
            // the copied tests live outside node_modules' tree: let them find tap and debug
            environment.put("NODE_PATH", nodeModules.toString());
            environment.put("TAP_COLORS", "0");
            run = ExternalProcess.run(tapCommand(nodeModules, rawTap), suite, environment, SUITE_LIMIT, LOG);
        }

        assertFalse(run.timedOut(), "squeaky's suite was still running after " + SUITE_LIMIT.toMinutes() + " min");
        final TapReport report = TapReport.parse(run.lines(), Files.exists(rawTap) ? Files.readString(rawTap) : "");
        final List<String> problems = report.problems(EXPECTED_TESTS, MIN_ASSERTIONS);
        System.out.println(LOG + "assertions " + report.assertionsPassed() + "/" + report.assertionsTotal() + " (upstream nsqd: 78/78)");
        report.files().values().forEach(file -> System.out.println(LOG + file.file() + ": " + file.passed().size() + "/"
            + file.tests() + " tests passed"));
        assertTrue(problems.isEmpty(), "squeaky's suite did not pass in full:\n" + String.join("\n", problems));
        assertEquals(0, run.exitCode(), "tap exited with " + run.exitCode());
    }

    private static List<String> tapCommand(final Path nodeModules, final Path rawTap)
    {
        // -j1: one file at a time, so the log reads in order and the files do not compete for the two cores
        return List.of(
            "node", nodeModules.resolve("tap/bin/run.js").toString(),
            "--no-coverage", "-R", "classic", "--no-color", "-j1", "-t", Integer.toString(TAP_FILE_TIMEOUT_SECS),
            "-o", rawTap.toString(),
            "test/client-test.js", "test/discoverer-test.js");
    }

    private static Map<String, Integer> expectedTests()
    {
        final Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("test/client-test.js", 25);
        expected.put("test/discoverer-test.js", 9);
        return expected;
    }

    /** Two distinct free ports on 127.0.0.1 for the suite's fake lookupds (one of them is also "unreachable"). */
    private static int[] freeLoopbackPorts() throws IOException
    {
        try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        }
    }
}
