package io.ringnsq.interop.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * This checkout's {@code bin/} launchers, as the tests that start daemons as processes of their own use them.
 *
 * <p>A launcher builds the jar when it is older than the sources; a test must not start a Maven build inside Maven,
 * so when the jar exists {@link #environment} sets {@code RINGNSQ_NO_BUILD=1} (and says so when the jar is older than
 * the sources: build {@code dist} first to test the current code). In {@code mvn verify} the reactor has just built it.
 */
public final class Launcher
{
    private Launcher()
    {
    }

    /** The checkout's root folder. */
    public static Path repo()
    {
        return NodePackage.basedir().getParent();
    }

    /** {@code bin/<name>} of this checkout. */
    public static Path bin(final String name)
    {
        return repo().resolve("bin").resolve(name);
    }

    /** Adds what the launchers need to {@code environment}: no build from inside the test when a jar is there. */
    public static void environment(final Map<String, String> environment, final String logPrefix) throws IOException
    {
        final Path jar = repo().resolve("dist/target/ringnsq.jar");
        if (Files.isRegularFile(jar))
        {
            environment.put("RINGNSQ_NO_BUILD", "1");
            newerSource(repo(), Files.getLastModifiedTime(jar)).ifPresent(source -> System.out.println(logPrefix + "NOTE: "
                + jar + " is older than " + source + ": the test runs the jar as it is (build dist to test the current code)"));
        }
    }

    /** A source or pom of this checkout modified after {@code jarTime}: the launcher would rebuild. */
    private static Optional<Path> newerSource(final Path repo, final FileTime jarTime) throws IOException
    {
        final List<Path> roots = new ArrayList<>(List.of(repo.resolve("pom.xml")));
        try (Stream<Path> modules = Files.list(repo))
        {
            // as the launcher does: benchmarks/ is not in the jar
            modules.filter(Files::isDirectory).filter(module -> !module.getFileName().toString().equals("benchmarks")).forEach(module ->
            {
                roots.add(module.resolve("pom.xml"));
                roots.add(module.resolve("src/main"));
            });
        }
        for (final Path root : roots)
        {
            if (!Files.exists(root))
            {
                continue;
            }
            try (Stream<Path> files = Files.walk(root))
            {
                final Optional<Path> newer = files.filter(Files::isRegularFile).filter(file -> isNewer(file, jarTime)).findFirst();
                if (newer.isPresent())
                {
                    return newer;
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isNewer(final Path file, final FileTime than)
    {
        try
        {
            return Files.getLastModifiedTime(file).compareTo(than) > 0;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}
