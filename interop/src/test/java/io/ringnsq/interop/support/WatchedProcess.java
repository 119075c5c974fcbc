package io.ringnsq.interop.support;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Like {@link ExternalProcess}, plus a second, shorter limit that starts when the program prints a given line:
 * a test runner that has printed its summary has finished its work, and one that then does not exit (a handle left
 * open by the suite, a child it did not reap) is killed after {@code grace} instead of holding the build until the
 * overall limit. Output (stdout and stderr merged) is echoed line by line to our stdout, so it lands in the Maven
 * log, and kept for parsing. On either limit the program and everything it started are killed. Processes it started
 * that outlive it (a child it did not reap, a grandchild that escaped its parent) are found by watching its
 * descendants while it runs, killed at the end, and reported.
 */
public final class WatchedProcess
{
    /**
     * @param exitCode the program's exit code; -1 when it was killed
     * @param timedOut the overall limit was reached before the finish line
     * @param hungAfterFinish the finish line came, the program did not exit within the grace period
     * @param strays processes the program started (seen among its descendants while it ran) that were still alive
     *     after it ended, as {@code pid command}; they have been killed
     */
    public record Result(int exitCode, boolean timedOut, boolean hungAfterFinish, List<String> lines, List<String> strays)
    {
    }

    private WatchedProcess()
    {
    }

    public static Result run(
        final List<String> command, final Path workingDirectory, final Map<String, String> environment, final Duration limit,
        final Predicate<String> finishLine, final Duration grace, final String logPrefix) throws IOException, InterruptedException
    {
        System.out.println(logPrefix + "$ " + String.join(" ", command) + "   (in " + workingDirectory + ")");
        final ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        final Process process = builder.start();
        process.getOutputStream().close();

        final List<String> lines = new ArrayList<>();
        final CountDownLatch finished = new CountDownLatch(1);
        final Thread pump = OutputLines.pump(process, command.get(0), logPrefix, line ->
        {
            synchronized (lines)
            {
                lines.add(line);
            }
            if (finishLine.test(line))
            {
                finished.countDown();
            }
        });

        final long deadline = System.nanoTime() + limit.toNanos();
        final Map<Long, ProcessHandle> seen = new LinkedHashMap<>();
        boolean exited = false;
        boolean sawFinish = false;
        while (!exited && System.nanoTime() - deadline < 0)
        {
            process.descendants().forEach(child -> seen.putIfAbsent(child.pid(), child));
            if (!sawFinish && finished.await(50, TimeUnit.MILLISECONDS))
            {
                sawFinish = true;
                final long graceEnd = System.nanoTime() + Math.min(grace.toNanos(), Math.max(0, deadline - System.nanoTime()));
                while (!exited && System.nanoTime() - graceEnd < 0)
                {
                    process.descendants().forEach(child -> seen.putIfAbsent(child.pid(), child));
                    exited = process.waitFor(50, TimeUnit.MILLISECONDS);
                }
                break;
            }
            exited = process.waitFor(50, TimeUnit.MILLISECONDS);
        }
        if (!exited)
        {
            System.out.println(logPrefix + (sawFinish
                ? "finished, but still running " + grace.toSeconds() + " s later: killing it"
                : "time limit of " + limit.toSeconds() + " s reached: killing it"));
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        pump.join(TimeUnit.SECONDS.toMillis(10));
        if (!exited)
        {
            // killed above with the program: give them a moment to be gone before looking for strays
            for (final ProcessHandle child : seen.values())
            {
                awaitExit(child);
            }
        }
        final List<String> strays = new ArrayList<>();
        for (final ProcessHandle child : seen.values())
        {
            if (child.isAlive())
            {
                strays.add(child.pid() + " " + child.info().commandLine().orElse("?"));
                child.destroyForcibly();
                awaitExit(child);
            }
        }
        if (!strays.isEmpty())
        {
            System.out.println(logPrefix + "killed " + strays.size() + " process(es) it left running: " + strays);
        }
        synchronized (lines)
        {
            return new Result(exited ? process.exitValue() : -1, !exited && !sawFinish, !exited && sawFinish, List.copyOf(lines),
                List.copyOf(strays));
        }
    }

    private static void awaitExit(final ProcessHandle process)
    {
        try
        {
            process.onExit().get(5, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            // still alive or not ours to wait for: the caller looks again
        }
    }
}
