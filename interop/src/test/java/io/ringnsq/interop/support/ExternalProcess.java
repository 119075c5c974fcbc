package io.ringnsq.interop.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
        final Thread pump = new Thread(() -> copyLines(process, lines, logPrefix), "output-of-" + command.get(0));
        pump.setDaemon(true);
        pump.start();

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

    private static void copyLines(final Process process, final List<String> lines, final String logPrefix)
    {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                System.out.println(logPrefix + line);
                lines.add(line);
            }
        }
        catch (final IOException ex)
        {
            // the stream closes under us when a timed-out process is killed; anything else is worth seeing
            if (process.isAlive())
            {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
