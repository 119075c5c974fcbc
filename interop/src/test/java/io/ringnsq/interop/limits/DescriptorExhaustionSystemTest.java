package io.ringnsq.interop.limits;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ringnsq.interop.support.DaemonProcess;
import io.ringnsq.transport.testsupport.V2Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * nsqd out of file descriptors (started under {@code prlimit --nofile}, then sent more connections than it may
 * open): accept() fails, and the listener stops accepting for a moment at a time instead of failing again on every
 * duty cycle, a busy core and a log line each; once descriptors are free again, new connections are served.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class DescriptorExhaustionSystemTest
{
    private static final String LOG = "[descriptors] ";
    private static final String PRLIMIT = "/usr/bin/prlimit";
    /** Descriptors nsqd may hold: what a JVM opens at start and a few dozen more. */
    private static final int DESCRIPTOR_LIMIT = 128;
    private static final int CONNECTIONS = 200;
    private static final String FAILURE = "temporary Accept() failure";
    /** Two seconds of failing accepts with a pause of 100 ms after each: about twenty lines, not thousands. */
    private static final long WATCH_MS = 2_000;
    private static final int MOST_FAILURE_LINES = 50;

    @TempDir
    Path dataPath;

    @Test
    void shouldPauseAcceptingWhileOutOfDescriptorsAndServeOnceSomeAreFree() throws Exception
    {
        assumeTrue(Files.isExecutable(Path.of(PRLIMIT)), PRLIMIT + " (util-linux) is not installed");
        final List<String> flags = List.of("--tcp-address=127.0.0.1:0", "--http-address=127.0.0.1:0", "--data-path=" + dataPath);
        try (DaemonProcess nsqd = DaemonProcess.start(List.of(PRLIMIT, "--nofile=" + DESCRIPTOR_LIMIT, "--"), "nsqd", flags, LOG))
        {
            final List<Socket> held = new ArrayList<>();
            try
            {
                openUpTo(held, nsqd.tcpAddress());
                System.out.println(LOG + held.size() + " connections opened");
                Thread.sleep(WATCH_MS);
                final long failures = failureLines(nsqd);
                System.out.println(LOG + failures + " accept failures logged in " + WATCH_MS + " ms");
                assertTrue(failures >= 1, "the test ran nsqd out of descriptors: " + held.size() + " connections");
                assertTrue(failures <= MOST_FAILURE_LINES, failures + " accept failures in " + WATCH_MS + " ms: it retries at once");
            }
            finally
            {
                for (final Socket socket : held)
                {
                    socket.close();
                }
            }
            try (V2Connection publisher = V2Connection.open(nsqd.tcpAddress()))
            {
                publisher.publish("descriptors", "served again"); // answered OK
            }
            assertTrue(nsqd.isAlive());
        }
    }

    /** Connects until {@link #CONNECTIONS} or until the listen backlog is full (a connect then times out). */
    private static void openUpTo(final List<Socket> held, final InetSocketAddress address)
    {
        for (int i = 0; i < CONNECTIONS; i++)
        {
            final Socket socket = new Socket();
            try
            {
                socket.connect(address, 500);
                held.add(socket);
            }
            catch (final IOException ex)
            {
                closeQuietly(socket);
                return;
            }
        }
    }

    private static void closeQuietly(final Socket socket)
    {
        try
        {
            socket.close();
        }
        catch (final IOException ignored)
        {
            // nothing was connected
        }
    }

    private static long failureLines(final DaemonProcess nsqd)
    {
        return nsqd.lines().stream().filter(line -> line.contains(FAILURE)).count();
    }
}
