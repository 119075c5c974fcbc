package io.ringnsq.interop.support;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program with a time limit, echoing each line of its output (stdout and stderr merged) to our stdout
 * as it comes, so it lands in the Maven log, and keeping the lines for parsing. On time-out the program and
 * everything it started are killed: a hung suite must not outlive the build.
 */
public final class ExternalProcess
{
    public record Result(int exitCode, boolean timedOut, List<String> lines)
    {
    }

    private ExternalProcess()
    {
    }

    public static Result run(
        final List<String> command, final Path workingDirectory, final Map<String, String> environment, final Duration limit,
        final String logPrefix) throws IOException, InterruptedException
    {
        System.out.println(logPrefix + "$ " + String.join(" ", command) + "   (in " + workingDirectory + ")");
        final ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        final Process process = builder.start();
        process.getOutputStream().close();

        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        final Thread pump = OutputLines.pump(process, command.get(0), logPrefix, lines::add);

        final boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished)
        {
            System.out.println(logPrefix + "time limit of " + limit.toSeconds() + " s reached: killing it");
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        pump.join(TimeUnit.SECONDS.toMillis(10));
        synchronized (lines)
        {
            return new Result(finished ? process.exitValue() : -1, !finished, List.copyOf(lines));
        }
    }
}
