package io.ringnsq.lookup;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.TimeUnit;

import io.ringnsq.core.link.IoLink;
import io.ringnsq.transport.http.HttpHandler;
import io.ringnsq.transport.http.HttpServerConfig;
import io.ringnsq.transport.nio.CommandDrain;
import io.ringnsq.transport.nio.IoAgent;
import io.ringnsq.transport.nio.SelectorIdleStrategy;
import io.ringnsq.transport.nsqd.ListenAddress;
import io.ringnsq.transport.nsqd.NsqdContext;
import io.ringnsq.transport.v2.V2Limits;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running nsqlookupd: one I/O agent on one thread serves the V1 TCP listener and the HTTP listener, and so is
 * the single owner of the registry. {@link #start} binds both listeners before it returns, so the addresses
 * are the real ports even when the context asked for port 0.
 */
public final class Lookupd implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger("nsqlookupd");
    /** Connects and disconnects pass through it (see {@link CommandDrain}); powers of two. */
    private static final int COMMAND_RING = 1024;
    private static final int OUTBOUND_RING = 64;
    private static final int INPUT_BUFFER = V1Handler.MAX_LINE;
    private static final int OUTPUT_BUFFER = 32 * 1024;

    private final ServerSocketChannel tcpListener;
    private final ServerSocketChannel httpListener;
    /** Where the listeners are bound, read once: the ports the OS chose for port 0. */
    private final SocketAddress tcpBound;
    private final SocketAddress httpBound;
    private final AgentRunner runner;
    private volatile boolean closed;

    private Lookupd(final LookupdContext context, final ServerSocketChannel tcpListener, final ServerSocketChannel httpListener)
        throws IOException
    {
        this.tcpListener = tcpListener;
        this.httpListener = httpListener;
        this.tcpBound = tcpListener.getLocalAddress();
        this.httpBound = httpListener.getLocalAddress();
        final RegistrationDb db = new RegistrationDb(context.epochClock(), context.inactiveProducerTimeout().toNanos(),
            context.tombstoneLifetime().toNanos());
        final LookupdNode node = new LookupdNode(db, context.maxIdentifyBodySize());
        node.identifyReply(LookupdJson.identifyReply(context.broadcastAddress(), NsqdContext.hostname(), port(httpBound),
            port(tcpBound), V2Limits.VERSION));
        final IoLink link = new IoLink(0, COMMAND_RING, OUTBOUND_RING);
        final IoAgent io = new IoAgent(0, link, context.nanoClock(), INPUT_BUFFER, OUTPUT_BUFFER);
        io.addListener(tcpListener, V1Handler.factory(node));
        io.addListener(httpListener, HttpHandler.factory(new LookupdHttpApi(db),
            HttpServerConfig.defaults().dateClock(context.epochClock())));
        // idle, the thread waits in its selector (woken by its sockets and by tasks handed to it), not in parks of up
        // to a millisecond: an idle daemon then wakes a hundred times a second, not a thousand
        runner = new AgentRunner(SelectorIdleStrategy.alone(io), ex -> LOG.error("agent error", ex), null,
            new CompositeAgent(io, new CommandDrain(link, "nsqlookupd-commands")));
        AgentRunner.startOnThread(runner);
    }

    /**
     * Starts an nsqlookupd.
     *
     * @throws IOException naming the address that could not be bound.
     * @throws IllegalArgumentException for an invalid option or address.
     */
    public static Lookupd start(final LookupdContext context) throws IOException
    {
        context.conclude();
        ServerSocketChannel tcp = null;
        ServerSocketChannel http = null;
        try
        {
            tcp = ListenAddress.parse(context.tcpAddress()).bind();
            http = ListenAddress.parse(context.httpAddress()).bind();
            return new Lookupd(context, tcp, http);
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.quietCloseAll(tcp, http);
            throw ex;
        }
    }

    /** The port of a bound address; -1 on a unix socket, as upstream reports it. */
    private static int port(final SocketAddress bound)
    {
        return bound instanceof InetSocketAddress ? ((InetSocketAddress)bound).getPort() : -1;
    }

    /** The bound TCP address (the real port when the context asked for 0); null on a unix socket. */
    public InetSocketAddress tcpAddress()
    {
        return tcpBound instanceof InetSocketAddress ? (InetSocketAddress)tcpBound : null;
    }

    /** The bound HTTP address; null on a unix socket. */
    public InetSocketAddress httpAddress()
    {
        return httpBound instanceof InetSocketAddress ? (InetSocketAddress)httpBound : null;
    }

    /** The bound TCP address as upstream prints it in {@code TCP: listening on ...}. */
    public String tcpListenAddress()
    {
        return ListenAddress.format(tcpBound);
    }

    /** The bound HTTP address as upstream prints it in {@code HTTP: listening on ...}. */
    public String httpListenAddress()
    {
        return ListenAddress.format(httpBound);
    }

    /** Stops the agent, which closes every connection and both listeners. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        LOG.info("TCP: closing {}", tcpListenAddress());
        LOG.info("HTTP: closing {}", httpListenAddress());
        runner.close((int)TimeUnit.SECONDS.toMillis(5), thread -> LOG.warn("{} did not stop yet", thread.getName()));
        CloseHelper.quietCloseAll(tcpListener, httpListener);
    }
}
