package io.ringnsq.admin.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian's {@code chromium} package) driven by playwright-core from npm, which
 * {@code admin/browser} installs from its lock file on first use. A machine without chromium, node or npm
 * skips the browser tests with the reason ({@code apt-get install -y chromium} brings the browser).
 */
public final class Browser
{
    private static final long NPM_LIMIT_S = 480;
    private static final long SCENARIO_LIMIT_S = 90;

    private final Path dir;
    private final String chromium;

    private Browser(final Path dir, final String chromium)
    {
        this.dir = dir;
        this.chromium = chromium;
    }

    /** The browser, with playwright-core installed; the calling test is skipped when chromium, node or npm is missing. */
    public static Browser require() throws IOException, InterruptedException
    {
        final Optional<String> chromium = Optional.ofNullable(System.getenv("RINGNSQ_CHROMIUM")).filter(p -> new File(p).canExecute())
            .or(() -> onPath("chromium")).or(() -> onPath("chromium-browser"));
        assumeTrue(chromium.isPresent(), "no headless browser: install Debian's chromium (apt-get install -y chromium)"
            + " or set RINGNSQ_CHROMIUM to a Chromium binary to run the nsqadmin browser tests");
        assumeTrue(onPath("node").isPresent() && onPath("npm").isPresent(), "node and npm are not on PATH: the browser tests need them");
        final Path dir = folder();
        if (!Files.isRegularFile(dir.resolve("node_modules/playwright-core/package.json")))
        {
            final Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), dir, NPM_LIMIT_S);
            if (install.exitCode != 0)
            {
                throw new IOException("npm ci failed in " + dir + ":\n" + install.output);
            }
        }
        return new Browser(dir, chromium.get());
    }

    /** {@code admin/browser}: the scripts and their npm lock file. */
    static Path folder()
    {
        return Path.of(System.getProperty("ringnsq.admin.basedir", System.getProperty("user.dir"))).resolve("browser");
    }

    /** Where screenshots go: {@code <build folder>/screenshots}. */
    public static Path screenshots() throws IOException
    {
        final Path build = Path.of(System.getProperty("ringnsq.admin.buildDir",
            Path.of(System.getProperty("user.dir"), "target").toString()));
        return Files.createDirectories(build.resolve("screenshots"));
    }

    /** Runs one scenario of {@code ui-test.js}; the options are a JSON object, chromium's path added. */
    public Result scenario(final String name, final String optionsJson) throws IOException, InterruptedException
    {
        final String options = optionsJson.substring(0, optionsJson.length() - 1) + ",\"chromium\":\"" + chromium + "\"}";
        return run(List.of("node", dir.resolve("ui-test.js").toString(), name, options), dir, SCENARIO_LIMIT_S);
    }

    /** Runs a scenario and fails the test unless it passes. */
    public void pass(final String name, final String optionsJson) throws IOException, InterruptedException
    {
        final Result result = scenario(name, optionsJson);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("PASS " + name), result.output());
    }

    /** A finished process: its exit code and its output (stdout and stderr). */
    public record Result(int exitCode, String output)
    {
    }

    /** Runs a command in {@code dir}, killed after {@code limitSeconds}; its output is echoed to the test log. */
    static Result run(final List<String> command, final Path dir, final long limitSeconds)
        throws IOException, InterruptedException
    {
        final Path log = Files.createTempFile("admin-browser", ".log");
        try
        {
            final Process process = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
            if (!process.waitFor(limitSeconds, TimeUnit.SECONDS))
            {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                return new Result(-1, Files.readString(log, StandardCharsets.UTF_8) + "\n(timed out after " + limitSeconds + " s)");
            }
            final String output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.print(output);
            return new Result(process.exitValue(), output);
        }
        finally
        {
            Files.deleteIfExists(log);
        }
    }

    static Optional<String> onPath(final String name)
    {
        for (final String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        {
            final File candidate = new File(folder, name);
            if (candidate.canExecute())
            {
                return Optional.of(candidate.getAbsolutePath());
            }
        }
        return Optional.empty();
    }
}
