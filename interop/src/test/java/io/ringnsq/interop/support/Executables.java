package io.ringnsq.interop.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a program the way a shell would: the first executable of that name in a PATH folder. */
public final class Executables
{
    private Executables()
    {
    }

    public static Optional<Path> onPath(final String name)
    {
        final String path = System.getenv("PATH");
        if (path == null)
        {
            return Optional.empty();
        }
        for (final String folder : path.split(File.pathSeparator))
        {
            if (folder.isEmpty())
            {
                continue;
            }
            final Path candidate = Path.of(folder, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate))
            {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
