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
 * A ringnsq daemon ({@code nsqd}, {@code nsqlookupd}) as a process of its own, for the tests that kill it
 * ({@code kill -9}) or stop it (SIGTERM) and start it again, and for clusters of several.
 *
 * <p>It runs this checkout's {@code bin/<daemon>} (see {@link Launcher} for the jar it runs), with a small heap through
 * {@code RINGNSQ_JAVA_OPTS}, optionally behind a prefix such as {@code ip netns exec <ns>} (which execs too). The
 * launcher execs the JVM, so the process started is the daemon itself and {@link #kill()} is a SIGKILL of it. The
 * addresses it listens on are read from the {@code TCP: listening on} and {@code HTTP: listening on} lines it logs at
 * start (port 0 works). Output (stdout and stderr merged) is echoed to our stdout with a prefix, so it lands in the
 * Maven log.
 */
public final class DaemonProcess implements AutoCloseable
{
    /** SIGKILL, as a shell reports it: 128 + 9. */
    public static final int KILLED_EXIT_CODE = 137;
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);
    private static final Pattern LISTENING = Pattern.compile("(TCP|HTTP): listening on ([0-9.]+):(\\d+)");

    private final String name;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final CompletableFuture<InetSocketAddress> tcpAddress = new CompletableFuture<>();
    private final CompletableFuture<InetSocketAddress> httpAddress = new CompletableFuture<>();
    private Thread pump;

    private DaemonProcess(final String name, final Process process)
    {
        this.name = name;
        this.process = process;
    }

    /**
     * Starts nsqd with {@code --data-path=dataPath}, TCP and HTTP on 127.0.0.1 port 0, and {@code flags} (Go syntax,
     * {@code --name=value}); returns once both addresses are known. Fails, and leaves no process, when nsqd exits or
     * does not listen within a minute.
     */
    public static DaemonProcess nsqd(final Path dataPath, final String logPrefix, final List<String> flags)
        throws IOException, InterruptedException
    {
        final List<String> arguments = new ArrayList<>(
            List.of("--tcp-address=127.0.0.1:0", "--http-address=127.0.0.1:0", "--data-path=" + dataPath));
        arguments.addAll(flags);
        return start(List.of(), "nsqd", arguments, logPrefix);
    }

    /**
     * Starts {@code bin/<daemon>} with {@code arguments}, after {@code prefix} (a command that execs what follows, or
     * nothing); returns once its TCP and HTTP addresses are known. Fails, and leaves no process, when it exits or does
     * not listen within a minute.
     */
    public static DaemonProcess start(final List<String> prefix, final String daemon, final List<String> arguments,
        final String logPrefix) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(prefix);
        command.add(Launcher.bin(daemon).toString());
        command.addAll(arguments);
        System.out.println(logPrefix + "$ " + String.join(" ", command));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Launcher.environment(builder.environment(), logPrefix);
        builder.environment().put("RINGNSQ_JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        final Process process = builder.start();
        process.getOutputStream().close();
        final DaemonProcess started = new DaemonProcess(daemon, process);
        started.pump = OutputLines.pump(process, daemon, logPrefix, started::onLine);
        try
        {
            started.awaitListening();
            return started;
        }
        catch (final IOException | RuntimeException | Error | InterruptedException ex)
        {
            started.close();
            throw ex;
        }
    }

    private void awaitListening() throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (!(tcpAddress.isDone() && httpAddress.isDone()))
        {
            if (!process.isAlive())
            {
                pump.join(TimeUnit.SECONDS.toMillis(5));
                throw new IOException(name + " exited with " + process.exitValue() + " before listening: " + lines());
            }
            if (System.nanoTime() - deadline > 0)
            {
                throw new IOException(name + " did not listen within " + START_LIMIT.toSeconds() + " s: " + lines());
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
            (listening.group(1).equals("TCP") ? tcpAddress : httpAddress)
                .complete(new InetSocketAddress(listening.group(2), Integer.parseInt(listening.group(3))));
        }
    }

    public InetSocketAddress tcpAddress()
    {
        return tcpAddress.join();
    }

    /** {@code host:port} of its TCP listener, as flags and clients take an address. */
    public String tcpHostAndPort()
    {
        return hostAndPort(tcpAddress.join());
    }

    /** {@code host:port} of its HTTP listener. */
    public String httpHostAndPort()
    {
        return hostAndPort(httpAddress.join());
    }

    /** {@code http://HOST:PORT} of its HTTP API. */
    public String httpBase()
    {
        return "http://" + httpHostAndPort();
    }

    private static String hostAndPort(final InetSocketAddress address)
    {
        return address.getHostString() + ":" + address.getPort();
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

    /** Sends it {@code SIGSTOP} ({@code freeze}) or {@code SIGCONT}: a process that is alive but does nothing. */
    public void freeze(final boolean freeze) throws IOException, InterruptedException
    {
        final Process kill = new ProcessBuilder("kill", freeze ? "-STOP" : "-CONT", Long.toString(process.pid()))
            .redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0)
        {
            throw new IOException("kill " + (freeze ? "-STOP" : "-CONT") + " " + process.pid() + " failed");
        }
    }

    /** SIGTERM ({@link Process#destroy()} on Linux): a clean stop; returns the exit code once it is gone. */
    public int stop() throws InterruptedException
    {
        process.destroy();
        return awaitExit();
    }

    /** Waits for it to end by itself (half a minute at most, then it is killed and the test fails); returns the exit code. */
    public int awaitExit() throws InterruptedException
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
            throw new AssertionError(name + " (pid " + process.pid() + ") still running " + STOP_LIMIT.toSeconds() + " s after the"
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
