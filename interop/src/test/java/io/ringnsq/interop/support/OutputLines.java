package io.ringnsq.interop.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Reads a started program's output (stdout, with stderr merged into it) line by line on a daemon thread of its own. */
final class OutputLines
{
    private OutputLines()
    {
    }

    /**
     * Starts the thread: each line is echoed to our stdout after {@code logPrefix}, so it lands in the Maven log, then
     * given to {@code onLine}.
     */
    static Thread pump(final Process process, final String name, final String logPrefix, final Consumer<String> onLine)
    {
        final Thread pump = new Thread(() -> copy(process, logPrefix, onLine), "output-of-" + name);
        pump.setDaemon(true);
        pump.start();
        return pump;
    }

    private static void copy(final Process process, final String logPrefix, final Consumer<String> onLine)
    {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                System.out.println(logPrefix + line);
                onLine.accept(line);
            }
        }
        catch (final IOException ex)
        {
            // the stream closes under us when the program exits (the JDK drains it as the process ends, and a read in
            // progress may see it closed a moment before the exit is visible); anything else is worth seeing
            if (!exitsSoon(process))
            {
                throw new UncheckedIOException(ex);
            }
        }
    }

    private static boolean exitsSoon(final Process process)
    {
        try
        {
            return process.waitFor(1, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
