package io.ringnsq.interop.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One of the npm projects of the interop module ({@code interop/nsqjs}, {@code interop/squeaky}): its folder, its
 * install from its {@code package-lock.json}, and the patched copy of a package's own test suite that its
 * {@code prepare-suite.js} makes in this build's folder.
 */
public final class NodePackage
{
    private static final Duration NPM_CI_LIMIT = Duration.ofMinutes(8);
    private static final Duration PREPARE_LIMIT = Duration.ofMinutes(1);

    private final String name;
    private final Path dir;

    private NodePackage(final String name, final Path dir)
    {
        this.name = name;
        this.dir = dir;
    }

    /** {@code interop/<name>}; the calling test is skipped (an assumption fails) when node or npm is not on PATH. */
    public static NodePackage named(final String name)
    {
        assumeTrue(Executables.onPath("node").isPresent() && Executables.onPath("npm").isPresent(),
            "node and npm are not on PATH: " + name + " cannot run here");
        return new NodePackage(name, basedir().resolve(name));
    }

    public Path dir()
    {
        return dir;
    }

    public Path nodeModules()
    {
        return dir.resolve("node_modules");
    }

    /** Runs {@code npm ci} unless every one of these packages is installed already. */
    public NodePackage install(final String... packages) throws IOException, InterruptedException
    {
        if (!Arrays.stream(packages).allMatch(p -> Files.isRegularFile(nodeModules().resolve(p).resolve("package.json"))))
        {
            final ExternalProcess.Result install = ExternalProcess.run(
                List.of("npm", "ci", "--no-audit", "--no-fund"), dir, Map.of(), NPM_CI_LIMIT, "[npm ci] ");
            assertEquals(0, install.exitCode(), "npm ci failed in " + dir + " (timed out: " + install.timedOut() + ")");
        }
        return this;
    }

    /** This build's folder for the package's runs, {@code <build folder>/<name>}: parallel builds each get their own. */
    public Path workDir() throws IOException
    {
        return Files.createDirectories(buildDir().resolve(name));
    }

    /** Runs {@code prepare-suite.js}: a fresh patched copy of the package's suite, in {@code workDir()/suite}. */
    public Path prepareSuite(final String logPrefix) throws IOException, InterruptedException
    {
        final Path suite = workDir().resolve("suite");
        final ExternalProcess.Result prepared = ExternalProcess.run(
            List.of("node", dir.resolve("prepare-suite.js").toString(), suite.toString()), dir, Map.of(), PREPARE_LIMIT, logPrefix);
        assertEquals(0, prepared.exitCode(), "prepare-suite.js could not patch " + name + "'s tests");
        return suite;
    }

    /** The interop module's folder (Maven passes it; a run from an IDE is usually in it). */
    public static Path basedir()
    {
        return Path.of(System.getProperty("ringnsq.interop.basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    private static Path buildDir()
    {
        return Path.of(System.getProperty("ringnsq.interop.buildDir", basedir().resolve("target").toString())).toAbsolutePath();
    }
}
