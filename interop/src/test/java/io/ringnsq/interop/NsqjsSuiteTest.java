package io.ringnsq.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.ringnsq.interop.support.ExternalProcess;
import io.ringnsq.interop.support.Launcher;
import io.ringnsq.interop.support.MochaReport;
import io.ringnsq.interop.support.NodePackage;
import io.ringnsq.interop.support.WatchedProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * nsqjs 0.13.0's own test suite ({@code mocha test/*_test.js}, as its authors run it) with ringnsq's launcher as the
 * {@code nsqd} its integration tests start.
 *
 * <p>The suite has 171 tests: 152 unit tests (wire format, state machines, RDY logic, with sinon and nock, no
 * broker) and 19 that start {@code nsqd} themselves, as a child process found on PATH, with Go flag syntax
 * ({@code -tcp-address 127.0.0.1:T -http-address 127.0.0.1:H -tls-cert ./test/cert.pem -tls-key ./test/key.pem ...}),
 * wait for {@code GET /ping} under mocha's default 2 s hook timeout, and SIGKILL it after each test. PATH starts with
 * this checkout's {@code bin}, so that is {@code bin/nsqd}, which execs the JVM on {@code dist/target/ringnsq.jar}.
 * The broker tests: a Reader with deflate, snappy, TLS, TLS + snappy and TLS + deflate receiving a short and a
 * 100,000-byte message (published over HTTP), a Writer and a Reader end to end (pause, requeue, unpause), and a
 * publish that must fail after nsqd was killed.
 *
 * <p>nsqjs falls back silently when the broker declines TLS or compression, so this suite alone does not prove
 * they were negotiated: {@code io.ringnsq.transport.features} and {@link NsqJFeaturesInteropTest} do.
 *
 * <p>The package is installed from {@code interop/nsqjs/package-lock.json} ({@code npm ci} when {@code node_modules}
 * is missing). {@code prepare-suite.js} copies it into this build's target folder and patches the copy's integration
 * test: its first ports come from the environment (a free range picked here, instead of 4150/4151) and each nsqd gets
 * an HTTPS address on loopback next to its HTTP port, instead of nsqd's default 0.0.0.0:4152 that any other nsqd
 * with TLS on the machine may hold. The suite dials no address outside loopback (prepare-suite.js checks it).
 *
 * <p>When the jar is missing, {@code bin/nsqd --version} builds it once, before the suite, so no hook waits for a build
 * (see {@link Launcher} for when it is not rebuilt).
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
final class NsqjsSuiteTest
{
    /** nsqjs 0.13.0's suite: every one must run and pass, none pending. */
    private static final int EXPECTED_PASSING = 171;
    /** nsqd starts in the suite: 18 integration tests plus the 'failures' suite; the ports move +50 after each test. */
    private static final int NSQD_STARTS = 19;
    private static final int PORT_STEP = 50;
    /** Per start: TCP = base, HTTP = base + 1, HTTPS = base + 2 (see prepare-suite.js). */
    private static final int PORTS_PER_START = 3;
    private static final Duration LAUNCHER_LIMIT = Duration.ofMinutes(10);
    private static final Duration SUITE_LIMIT = Duration.ofMinutes(5);
    /** Mocha has printed its summary: it must exit within this (against upstream it exits at once). */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(30);
    private static final String LOG = "[nsqjs] ";

    @Test
    void shouldPassEveryTestOfNsqjsOwnSuiteWithItsIntegrationTestsStartingRingnsqNsqdFromPath() throws Exception
    {
        final NodePackage nsqjs = NodePackage.named("nsqjs").install("nsqjs", "mocha");
        final Path nodeModules = nsqjs.nodeModules();

        final Path repo = Launcher.repo();
        final Path bin = Launcher.bin("nsqd").getParent();
        assertTrue(Files.isExecutable(bin.resolve("nsqd")), "no launcher at " + bin.resolve("nsqd"));
        final Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", bin + File.pathSeparator + System.getenv().getOrDefault("PATH", ""));
        Launcher.environment(environment, LOG);
        final ExternalProcess.Result version = ExternalProcess.run(
            List.of(bin.resolve("nsqd").toString(), "--version"), repo, environment, LAUNCHER_LIMIT, LOG);
        assertEquals(0, version.exitCode(), "bin/nsqd --version failed: " + version.lines());
        assertTrue(version.lines().contains("nsqd v1.3.0 (built w/java17)"), "bin/nsqd --version printed " + version.lines());

        final Path suite = nsqjs.prepareSuite(LOG);

        final int base = freePortRange();
        environment.put("NSQJS_TCP_PORT", Integer.toString(base));
        environment.put("NSQJS_HTTP_PORT", Integer.toString(base + 1));
        // the copied tests and lib live outside node_modules' tree: let them find mocha's helpers and nsqjs's dependencies
        environment.put("NODE_PATH", nodeModules.toString());
        System.out.println(LOG + "nsqd ports: TCP " + base + ", HTTP " + (base + 1) + ", HTTPS " + (base + 2) + ", +" + PORT_STEP
            + " per test");
        final String loadBefore = loadAverage();
        final WatchedProcess.Result run = WatchedProcess.run(
            List.of("node", nodeModules.resolve("mocha/bin/mocha").toString(), "--reporter", "spec", "test/*_test.js"),
            suite, environment, SUITE_LIMIT, MochaReport::isSummaryLine, EXIT_GRACE, LOG);

        final MochaReport report = MochaReport.parse(run.lines());
        System.out.println(LOG + "summary: " + report.summary() + "   (upstream nsqd: 171 passing); load average before "
            + loadBefore + ", after " + loadAverage());
        final List<String> problems = new ArrayList<>(report.problems(EXPECTED_PASSING));
        if (!run.strays().isEmpty())
        {
            problems.add("processes still running after mocha ended (killed now): " + run.strays());
        }
        problems.addAll(leftoverListeners(base));
        if (report.failures().stream().anyMatch(failure -> failure.contains("\"before each\" hook")))
        {
            problems.add("(a 'before each' hook of the integration tests has 2 s to start nsqd and see GET /ping answer; its retries"
                + " come at about 0, 50, 150, 350, 750, 1550 ms, so nsqd must answer within ~1.5 s of its start)");
        }
        assertFalse(run.timedOut(), "nsqjs's suite was still running after " + SUITE_LIMIT.toMinutes() + " min; "
            + String.join("; ", problems));
        assertTrue(problems.isEmpty(), "nsqjs's suite did not pass in full:\n" + String.join("\n", problems));
        assertFalse(run.hungAfterFinish(), "mocha printed its summary but did not exit within " + EXIT_GRACE.toSeconds() + " s");
        assertEquals(0, run.exitCode(), "mocha exited with " + run.exitCode());
    }

    /**
     * A base port such that every port the suite's nsqds will use is free on 127.0.0.1 now: below the ephemeral
     * range, so outgoing connections do not take them meanwhile.
     */
    private static int freePortRange()
    {
        final int span = (NSQD_STARTS - 1) * PORT_STEP + PORTS_PER_START;
        for (int attempt = 0; attempt < 200; attempt++)
        {
            final int base = ThreadLocalRandom.current().nextInt(10_000, 32_000 - span);
            if (suitePorts(base).stream().allMatch(NsqjsSuiteTest::isFree))
            {
                return base;
            }
        }
        throw new AssertionError("no free range of ports for nsqjs's nsqds");
    }

    private static List<Integer> suitePorts(final int base)
    {
        final List<Integer> ports = new ArrayList<>();
        for (int start = 0; start < NSQD_STARTS; start++)
        {
            for (int offset = 0; offset < PORTS_PER_START; offset++)
            {
                ports.add(base + start * PORT_STEP + offset);
            }
        }
        return ports;
    }

    private static boolean isFree(final int port)
    {
        try (ServerSocket socket = new ServerSocket())
        {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /**
     * The suite SIGKILLs each nsqd it started: if the launcher did not exec the JVM (a shell left in between), the JVM
     * survives the kill and keeps its ports. Every port of the run must be free again.
     */
    private static List<String> leftoverListeners(final int base)
    {
        final List<String> taken = suitePorts(base).stream().filter(port -> !isFree(port)).map(port -> "127.0.0.1:" + port).toList();
        return taken.isEmpty() ? List.of()
            : List.of("ports still bound after the suite (an nsqd that survived SIGKILL?): " + taken);
    }

    /** The machine's 1, 5 and 15 minute load averages, for the log: the suite's 2 s hooks are sensitive to load. */
    private static String loadAverage()
    {
        try
        {
            final String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        }
        catch (final IOException | RuntimeException ex)
        {
            return "unknown";
        }
    }
}
