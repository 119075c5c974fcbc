package io.ringnsq.core.disk;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** Runs mount and umount for the tests that need a real filesystem condition; they skip when it cannot be had. */
final class Mounts
{
    private Mounts()
    {
    }

    /** Runs a command; returns its exit code, or -1 when it cannot be run. */
    static int run(final String... command) throws InterruptedException
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    static void assumeMounted(final int exitCode, final String reason)
    {
        Assumptions.assumeTrue(exitCode == 0, reason + " (needs root and mount; exit code " + exitCode + ")");
    }
}
