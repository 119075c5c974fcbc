package io.ringnsq.interop.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ringnsq's nsqd as a process of its own, for the tests that kill it ({@code kill -9}) or stop it (SIGTERM) and start
 * it again on the same data path.
 *
 * <p>It runs this checkout's {@code bin/nsqd} (see {@link Launcher} for the jar it runs), with a small heap through
 * {@code RINGNSQ_JAVA_OPTS}. The launcher execs the JVM, so the process started is nsqd itself and {@link #kill()} is
 * a SIGKILL of nsqd. TCP and HTTP listen on
 * 127.0.0.1 port 0; the ports are read from the {@code TCP: listening on} and {@code HTTP: listening on} lines nsqd
 * logs at start. Output (stdout and stderr merged) is echoed to our stdout with a prefix, so it lands in the Maven log.
 */
public final class NsqdProcess implements AutoCloseable
{
    /** SIGKILL, as a shell reports it: 128 + 9. */
    public static final int KILLED_EXIT_CODE = 137;
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);
    private static final Pattern LISTENING = Pattern.compile("(TCP|HTTP): listening on 127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final CompletableFuture<Integer> tcpPort = new CompletableFuture<>();
    private final CompletableFuture<Integer> httpPort = new CompletableFuture<>();
    private Thread pump;

    private NsqdProcess(final Process process)
    {
        this.process = process;
    }

    /**
     * Starts nsqd with {@code --data-path=dataPath}, TCP and HTTP on 127.0.0.1 port 0, and {@code flags} (Go syntax,
     * {@code --name=value}); returns once both ports are known. Fails, and leaves no process, when nsqd exits or does
     * not listen within a minute.
     */
    public static NsqdProcess start(final Path dataPath, final String logPrefix, final List<String> flags)
        throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(Launcher.bin("nsqd").toString());
        command.addAll(List.of("--tcp-address=127.0.0.1:0", "--http-address=127.0.0.1:0", "--data-path=" + dataPath));
        command.addAll(flags);
        System.out.println(logPrefix + "$ " + String.join(" ", command));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Launcher.environment(builder.environment(), logPrefix);
        builder.environment().put("RINGNSQ_JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        final Process process = builder.start();
        process.getOutputStream().close();
        final NsqdProcess nsqd = new NsqdProcess(process);
        nsqd.pump = OutputLines.pump(process, "nsqd", logPrefix, nsqd::onLine);
        try
        {
            nsqd.awaitListening();
            return nsqd;
        }
        catch (final IOException | RuntimeException | Error | InterruptedException ex)
        {
            nsqd.close();
            throw ex;
        }
    }

    private void awaitListening() throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (!(tcpPort.isDone() && httpPort.isDone()))
        {
            if (!process.isAlive())
            {
                pump.join(TimeUnit.SECONDS.toMillis(5));
                throw new IOException("nsqd exited with " + process.exitValue() + " before listening: " + lines());
            }
            if (System.nanoTime() - deadline > 0)
            {
                throw new IOException("nsqd did not listen within " + START_LIMIT.toSeconds() + " s: " + lines());
            }
            Thread.sleep(10);
        }
    }

    private void onLine(final String line)
    {
        synchronized (lines)
        {
            lines.add(line);
        }
        final Matcher listening = LISTENING.matcher(line);
        if (listening.find())
        {
            (listening.group(1).equals("TCP") ? tcpPort : httpPort).complete(Integer.parseInt(listening.group(2)));
        }
    }

    public InetSocketAddress tcpAddress()
    {
        return new InetSocketAddress("127.0.0.1", tcpPort.join());
    }

    /** {@code http://127.0.0.1:PORT} of its HTTP API. */
    public String httpBase()
    {
        return "http://127.0.0.1:" + httpPort.join();
    }

    public long pid()
    {
        return process.pid();
    }

    public boolean isAlive()
    {
        return process.isAlive();
    }

    /** Everything it printed so far. */
    public List<String> lines()
    {
        synchronized (lines)
        {
            return List.copyOf(lines);
        }
    }

    /** {@code kill -9} ({@link Process#destroyForcibly()} is SIGKILL on Linux); returns the exit code once it is gone. */
    public int kill() throws InterruptedException
    {
        process.destroyForcibly();
        return awaitExit();
    }

    /** SIGTERM ({@link Process#destroy()} on Linux): a clean stop; returns the exit code once it is gone. */
    public int stop() throws InterruptedException
    {
        process.destroy();
        return awaitExit();
    }

    private int awaitExit() throws InterruptedException
    {
        try
        {
            final int exitCode = process.onExit().get(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS).exitValue();
            pump.join(TimeUnit.SECONDS.toMillis(5));
            return exitCode;
        }
        catch (final TimeoutException ex)
        {
            process.destroyForcibly();
            throw new AssertionError("nsqd (pid " + process.pid() + ") still running " + STOP_LIMIT.toSeconds() + " s after the"
                + " signal: killed it");
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** Kills it if it still runs. */
    @Override
    public void close()
    {
        if (process.isAlive())
        {
            process.destroyForcibly();
            try
            {
                process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
