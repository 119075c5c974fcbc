package io.ringnsq.interop.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A tmpfs of a few MiB mounted on a folder, for a filesystem that really fills up. Needs root and {@code mount};
 * where they are missing, {@link #mount} skips the test (an assumption) and says why. {@link #close()} unmounts
 * (lazily if something still holds it).
 */
final class SmallTmpfs implements AutoCloseable
{
    private final Path root;

    private SmallTmpfs(final Path root)
    {
        this.root = root;
    }

    static SmallTmpfs mount(final Path folder, final int megabytes) throws IOException
    {
        Files.createDirectories(folder);
        final String output = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", folder.toString()));
        Assumptions.assumeTrue(output == null, "cannot mount a " + megabytes + " MiB tmpfs on " + folder + " (needs root and"
            + " mount): " + output);
        return new SmallTmpfs(folder);
    }

    Path root()
    {
        return root;
    }

    /** Bytes the filesystem has free for us. */
    long usable() throws IOException
    {
        return Files.getFileStore(root).getUsableSpace();
    }

    @Override
    public void close() throws IOException
    {
        if (run(List.of("umount", root.toString())) != null)
        {
            final String lazy = run(List.of("umount", "-l", root.toString()));
            if (lazy != null)
            {
                throw new IOException("cannot unmount the tmpfs on " + root + ": " + lazy);
            }
        }
    }

    /** Runs a command; null when it succeeded, else what went wrong. */
    private static String run(final List<String> command)
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes()).trim();
            if (!process.waitFor(30, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                return String.join(" ", command) + " did not finish within 30 s";
            }
            return process.exitValue() == 0 ? null : String.join(" ", command) + " exited with " + process.exitValue() + ": " + output;
        }
        catch (final IOException ex)
        {
            return String.join(" ", command) + " could not run: " + ex.getMessage();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return String.join(" ", command) + " interrupted";
        }
    }
}
