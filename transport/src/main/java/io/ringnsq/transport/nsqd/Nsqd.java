package io.ringnsq.transport.nsqd;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ringnsq.core.engine.Engine;
import io.ringnsq.core.engine.EngineConfig;
import io.ringnsq.core.link.IoLink;
import io.ringnsq.transport.nio.IoAgent;
import io.ringnsq.transport.v2.V2Handler;
import io.ringnsq.transport.v2.V2Limits;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running nsqd: the engine and its I/O agents on the threads its {@link ThreadingMode} gives.
 * {@link #start(NsqdContext)} checks and locks the data path and binds the listeners before it
 * returns, so {@link #tcpAddress()} is the real port even when the context asked for port 0.
 */
public final class Nsqd implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(Nsqd.class);

    private final NsqdContext context;
    private final DataPathLock lock;
    private final ServerSocketChannel tcpListener;
    private final Engine engine;
    private final List<AgentRunner> runners = new ArrayList<>();
    private volatile boolean closed;

    private Nsqd(final NsqdContext context, final DataPathLock lock, final ServerSocketChannel tcpListener)
    {
        this.context = context;
        this.lock = lock;
        this.tcpListener = tcpListener;

        final EngineConfig engineConfig = new EngineConfig()
            .memQueueSize(context.memQueueSize())
            .msgTimeoutNs(context.msgTimeout().toNanos())
            .maxMsgTimeoutNs(context.maxMsgTimeout().toNanos())
            .nodeId(context.nodeId())
            .conclude();
        final IoLink[] links = new IoLink[context.ioAgents()];
        final IoAgent[] ioAgents = new IoAgent[links.length];
        for (int i = 0; i < links.length; i++)
        {
            links[i] = new IoLink(i, engineConfig.commandRingCapacity(), engineConfig.outboundRingCapacity());
            ioAgents[i] = new IoAgent(i, links[i], context.nanoClock(), 16 * 1024, 32 * 1024);
        }
        engine = new Engine(engineConfig, links, context.nanoClock(), context.epochClock());
        ioAgents[0].addListener(tcpListener, V2Handler.factory(v2Limits(context)));
        ioAgents[0].peers(ioAgents);

        final ErrorHandler errors = ex -> LOG.error("agent error", ex);
        if (context.threadingMode() == ThreadingMode.SHARED)
        {
            final List<Agent> all = new ArrayList<>(List.of(ioAgents));
            all.add(engine);
            runners.add(new AgentRunner(IdleStrategies.create(context.idleStrategy()), errors, null, new CompositeAgent(all)));
        }
        else
        {
            for (final IoAgent io : ioAgents)
            {
                runners.add(new AgentRunner(IdleStrategies.create(context.idleStrategy()), errors, null, io));
            }
            runners.add(new AgentRunner(IdleStrategies.create(context.idleStrategy()), errors, null, engine));
        }
        for (final AgentRunner runner : runners)
        {
            AgentRunner.startOnThread(runner);
        }
    }

    /**
     * Starts an nsqd.
     *
     * @throws IOException naming the problem: the data path, or the address that could not be bound.
     * @throws IllegalArgumentException for an invalid option.
     */
    public static Nsqd start(final NsqdContext context) throws IOException
    {
        context.conclude();
        final DataPathLock lock = DataPathLock.acquire(context.dataPath());
        final ListenAddress tcpAddress;
        final ServerSocketChannel tcp;
        try
        {
            tcpAddress = ListenAddress.parse(context.tcpAddress());
            tcp = bind("TCP", tcpAddress);
        }
        catch (final IOException | RuntimeException ex)
        {
            lock.close();
            throw ex;
        }
        return new Nsqd(context, lock, tcp);
    }

    private static ServerSocketChannel bind(final String name, final ListenAddress address) throws IOException
    {
        try
        {
            return address.bind();
        }
        catch (final IOException ex)
        {
            throw new IOException("listen (" + address + ") failed - " + ex.getMessage(), ex);
        }
    }

    static V2Limits v2Limits(final NsqdContext c)
    {
        return new V2Limits(
            c.maxMsgSize(),
            c.maxBodySize(),
            c.maxRdyCount(),
            c.msgTimeout().toNanos(),
            c.maxMsgTimeout().toNanos(),
            c.maxReqTimeout().toNanos(),
            NsqdContext.CLIENT_TIMEOUT.toNanos(),
            c.maxHeartbeatInterval().toNanos(),
            c.maxOutputBufferSize(),
            c.minOutputBufferTimeout().toNanos(),
            c.maxOutputBufferTimeout().toNanos(),
            c.outputBufferTimeout().toNanos(),
            V2Limits.DEFAULT_DEFLATE_LEVEL);
    }

    public NsqdContext context()
    {
        return context;
    }

    /** The bound TCP address (the real port when the context asked for 0); null for a unix socket. */
    public InetSocketAddress tcpAddress()
    {
        final SocketAddress address = boundAddress();
        return address instanceof InetSocketAddress ? (InetSocketAddress)address : null;
    }

    /** The bound TCP address as upstream prints it in {@code TCP: listening on ...}. */
    public String tcpListenAddress()
    {
        return ListenAddress.format(boundAddress());
    }

    private SocketAddress boundAddress()
    {
        try
        {
            return tcpListener.getLocalAddress();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** Stops the agents (they close every connection and listener), then releases the data path. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        for (final AgentRunner runner : runners)
        {
            runner.close((int)TimeUnit.SECONDS.toMillis(5), thread -> LOG.warn("{} did not stop yet", thread.getName()));
        }
        CloseHelper.quietClose(tcpListener);
        lock.close();
    }
}
