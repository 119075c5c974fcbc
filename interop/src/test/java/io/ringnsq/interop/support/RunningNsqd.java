package io.ringnsq.interop.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.ringnsq.transport.nsqd.Nsqd;
import io.ringnsq.transport.nsqd.NsqdContext;

/**
 * ringnsq's nsqd started in-process on 127.0.0.1 and an ephemeral port, with a data folder of its own that
 * {@link #close()} deletes. Everything else keeps upstream's defaults, because the peer suites were written
 * against an nsqd started with no options.
 *
 * <p>With {@code -Dringnsq.interop.nsqd=127.0.0.1:PORT} the suites run against an nsqd that is already running
 * there instead (upstream's, to compare; it must be on loopback and is left running).
 */
public final class RunningNsqd implements AutoCloseable
{
    public static final String EXTERNAL_PROPERTY = "ringnsq.interop.nsqd";

    private final Path dataPath;
    private final Nsqd nsqd;
    private final InetSocketAddress address;

    private RunningNsqd(final Path dataPath, final Nsqd nsqd, final InetSocketAddress address)
    {
        this.dataPath = dataPath;
        this.nsqd = nsqd;
        this.address = address;
    }

    public static RunningNsqd start(final String name) throws IOException
    {
        return start(name, UnaryOperator.identity());
    }

    /**
     * As {@link #start(String)}, with options changed by {@code options} (TLS, compression, ...) before start.
     * An external nsqd ({@code -Dringnsq.interop.nsqd}) is used as it is: it must have been started with them.
     */
    public static RunningNsqd start(final String name, final UnaryOperator<NsqdContext> options) throws IOException
    {
        final String external = System.getProperty(EXTERNAL_PROPERTY, "");
        if (!external.isBlank())
        {
            return new RunningNsqd(null, null, loopback(external.trim()));
        }
        final Path dataPath = Files.createTempDirectory("ringnsq-interop-" + name + "-");
        try
        {
            final NsqdContext context = new NsqdContext()
                .tcpAddress("127.0.0.1:0")
                .httpAddress("127.0.0.1:0")
                // used only with a TLS cert and key; never the default 0.0.0.0:4152
                .httpsAddress("127.0.0.1:0")
                .broadcastAddress("127.0.0.1")
                .dataPath(dataPath);
            final Nsqd nsqd = Nsqd.start(options.apply(context).conclude());
            return new RunningNsqd(dataPath, nsqd, nsqd.tcpAddress());
        }
        catch (final IOException | RuntimeException | Error ex)
        {
            deleteTree(dataPath);
            throw ex;
        }
    }

    private static InetSocketAddress loopback(final String hostAndPort)
    {
        final int colon = hostAndPort.lastIndexOf(':');
        final InetSocketAddress address = new InetSocketAddress(hostAndPort.substring(0, colon),
            Integer.parseInt(hostAndPort.substring(colon + 1)));
        if (address.getAddress() == null || !address.getAddress().isLoopbackAddress())
        {
            throw new IllegalArgumentException(EXTERNAL_PROPERTY + " must be a loopback address, not " + hostAndPort);
        }
        return address;
    }

    public InetSocketAddress tcpAddress()
    {
        return address;
    }

    /** {@code http://127.0.0.1:PORT} of the nsqd under test's HTTP API. */
    public String httpBase()
    {
        if (nsqd == null)
        {
            throw new IllegalStateException("the HTTP address of an external nsqd is not known");
        }
        return "http://127.0.0.1:" + nsqd.httpAddress().getPort();
    }

    public String host()
    {
        return address.getAddress().getHostAddress();
    }

    public int port()
    {
        return address.getPort();
    }

    /** {@code 127.0.0.1:PORT}, the form every client takes. */
    public String hostAndPort()
    {
        return host() + ":" + port();
    }

    @Override
    public void close()
    {
        if (nsqd == null)
        {
            return;
        }
        try
        {
            nsqd.close();
        }
        finally
        {
            deleteTree(dataPath);
        }
    }

    private static void deleteTree(final Path root)
    {
        if (!Files.exists(root))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(root))
        {
            // deepest first, so each folder is empty when its turn comes
            paths.sorted(Comparator.reverseOrder()).forEach(RunningNsqd::deleteOne);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not delete " + root, ex);
        }
    }

    private static void deleteOne(final Path path)
    {
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not delete " + path, ex);
        }
    }
}
