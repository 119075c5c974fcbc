package io.ringnsq.transport.nsqd;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ringnsq.core.engine.Engine;
import io.ringnsq.core.engine.EngineConfig;
import io.ringnsq.core.disk.DiskQueueOpener;
import io.ringnsq.core.disk.DiskQueueSettings;
import io.ringnsq.core.link.Doorbell;
import io.ringnsq.core.link.DoorbellIdleStrategy;
import io.ringnsq.core.link.IoLink;
import io.ringnsq.core.meta.MetadataFile;
import io.ringnsq.core.store.DiskAgent;
import io.ringnsq.core.store.DiskHealth;
import io.ringnsq.core.store.DiskLink;
import io.ringnsq.core.store.StoreException;
import io.ringnsq.transport.auth.AuthClient;
import io.ringnsq.transport.auth.AuthClientConfig;
import io.ringnsq.transport.auth.AuthQuery;
import io.ringnsq.transport.http.HttpHandler;
import io.ringnsq.transport.http.HttpService;
import io.ringnsq.transport.http.HttpServerConfig;
import io.ringnsq.transport.nio.IoAgent;
import io.ringnsq.transport.nio.SelectorIdleStrategy;
import io.ringnsq.transport.nsqd.lookupd.LookupdRegistration;
import io.ringnsq.transport.nsqd.lookupd.LookupdSettings;
import io.ringnsq.transport.nsqd.lookupd.RegistrationEvents;
import io.ringnsq.transport.stats.JvmMemorySampler;
import io.ringnsq.transport.stats.StatsdOptions;
import io.ringnsq.transport.stats.StatsdPusher;
import io.ringnsq.transport.stats.StatsdSender;
import io.ringnsq.transport.tls.TlsConfigException;
import io.ringnsq.transport.tls.TlsOnAccept;
import io.ringnsq.transport.tls.TlsSettings;
import io.ringnsq.transport.v2.V2Features;
import io.ringnsq.transport.v2.V2Handler;
import io.ringnsq.transport.v2.V2Limits;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
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
    private final ServerSocketChannel httpListener;
    private final ServerSocketChannel httpsListener;
    private final AuthClient authClient;
    private final Engine engine;
    private final DiskAgent diskAgent;
    private final DiskLink diskLink;
    private final DiskHealth diskHealth = new DiskHealth();
    /** Wakes the engine's thread when it waits for work: rung by everything that hands it work. */
    private final Doorbell engineBell = new Doorbell();
    private final NsqdConfigValues configValues;
    private final JvmMemorySampler memory;
    private final LookupdRegistration lookupd;
    private final List<AgentRunner> runners = new ArrayList<>();
    private volatile boolean closed;

    private Nsqd(
        final NsqdContext context,
        final DataPathLock lock,
        final ServerSocketChannel tcpListener,
        final ServerSocketChannel httpListener,
        final ServerSocketChannel httpsListener,
        final TlsSettings tls) throws IOException
    {
        this.context = context;
        this.lock = lock;
        this.tcpListener = tcpListener;
        this.httpListener = httpListener;
        this.httpsListener = httpsListener;
        this.authClient = context.authHttpAddresses().isEmpty() ? null : new AuthClient(
            AuthClientConfig.of(context.authHttpAddresses())
                .withTimeouts(context.httpClientConnectTimeout(), context.httpClientRequestTimeout())
                .withTlsRootCaFile(context.tlsRootCaFile().isEmpty() ? null : Path.of(context.tlsRootCaFile())));
        this.configValues = new NsqdConfigValues(context);
        this.memory = JvmMemorySampler.start();

        final EngineConfig engineConfig = new EngineConfig()
            .memQueueSize(context.memQueueSize())
            .msgTimeoutNs(context.msgTimeout().toNanos())
            .maxMsgTimeoutNs(context.maxMsgTimeout().toNanos())
            .nodeId(context.nodeId())
            .e2ePercentiles(context.e2eProcessingLatencyPercentiles().stream().mapToDouble(Double::doubleValue).toArray())
            .e2eWindowNs(context.e2eProcessingLatencyWindowTime().toNanos())
            .maxChannelConsumers((int)Math.min(Integer.MAX_VALUE, context.maxChannelConsumers()))
            .syncEvery(context.syncEvery())
            .conclude();
        final boolean statsd = !context.statsdAddress().isEmpty();
        // the I/O agents' links, then statsd's when configured, then the lookupd registration's (always: a PUT may add lookupds)
        final IoLink[] links = new IoLink[context.ioAgents() + (statsd ? 1 : 0) + 1];
        final IoAgent[] ioAgents = new IoAgent[context.ioAgents()];
        for (int i = 0; i < links.length; i++)
        {
            links[i] = new IoLink(i, engineConfig.commandRingCapacity(), engineConfig.outboundRingCapacity(), engineBell);
        }
        for (int i = 0; i < ioAgents.length; i++)
        {
            ioAgents[i] = new IoAgent(i, links[i], context.nanoClock(), 16 * 1024, 32 * 1024);
        }
        diskLink = new DiskLink(engineConfig.commandRingCapacity(), engineConfig.commandRingCapacity(), engineBell);
        final MetadataFile metadata = new MetadataFile(context.dataPath());
        final DiskQueueSettings queues = new DiskQueueSettings()
            .maxBytesPerFile(context.maxBytesPerFile())
            .maxMsgSize((int)context.maxMsgSize());
        diskAgent = new DiskAgent(diskLink, new DiskQueueOpener(context.dataPath(), queues), metadata::save, context.syncEvery(),
            context.syncTimeout().toNanos(), context.nanoClock(), diskHealth);
        engine = new Engine(engineConfig, links, diskLink, context.nanoClock(), context.epochClock());
        final RegistrationEvents lookupdEvents = new RegistrationEvents();
        engine.topologyListener(lookupdEvents);
        try
        {
            engine.restore(metadata.load(), diskAgent); // every saved topic and channel exists before anything flows
        }
        catch (final StoreException ex)
        {
            diskAgent.closeAll();
            throw new IOException("failed to restore the disk queues in " + context.dataPath() + ": " + ex.getMessage(), ex);
        }
        ioAgents[0].addListener(tcpListener, V2Handler.factory(v2Limits(context), v2Features(tls)));
        final NsqdHttpApi api = new NsqdHttpApi(context, configValues, memory, context.epochClock().nanoTime(), diskHealth);
        api.ports(port(tcpListener), port(httpListener));
        final HttpServerConfig httpConfig = HttpServerConfig.defaults().dateClock(context.epochClock());
        if (httpListener != null)
        {
            // --tls-required=true closes plain HTTP too (tcp-https leaves it open)
            final HttpService plain = context.tlsRequired() == TlsRequired.YES ? new TlsRequiredHttp(port(httpsListener)) : api;
            ioAgents[0].addListener(httpListener, HttpHandler.factory(plain, httpConfig));
        }
        if (httpsListener != null)
        {
            ioAgents[0].addListener(httpsListener, new TlsOnAccept(tls, HttpHandler.factory(api, httpConfig)));
        }
        ioAgents[0].peers(ioAgents);

        // agents beside the I/O agents: statsd, when configured, shares the first I/O agent's thread
        final List<Agent> extras = new ArrayList<>();
        if (statsd)
        {
            extras.add(statsdAgent(links[context.ioAgents()], httpListener));
        }
        lookupd = new LookupdRegistration(lookupdSettings(context, port(tcpListener), port(httpListener)), links[links.length - 1],
            lookupdEvents, context.nanoClock());
        configValues.onNsqlookupdTcpAddressesChange(lookupd::addresses);

        final ErrorHandler errors = ex -> LOG.error("agent error", ex);
        if (context.threadingMode() == ThreadingMode.SHARED)
        {
            final List<Agent> all = new ArrayList<>(List.of(ioAgents));
            all.addAll(extras);
            all.add(engine);
            runners.add(new AgentRunner(sharedIdleStrategy(ioAgents), errors, null, new CompositeAgent(all)));
        }
        else
        {
            for (int i = 0; i < ioAgents.length; i++)
            {
                final Agent agent = i == 0 && !extras.isEmpty() ? composite(ioAgents[0], extras) : ioAgents[i];
                final IdleStrategy inSelector = new SelectorIdleStrategy(ioAgents[i], links[i].agentBell());
                runners.add(new AgentRunner(dedicatedIdleStrategy(inSelector), errors, null, agent));
            }
            final long maxWait = TimeUnit.MILLISECONDS.toNanos(SelectorIdleStrategy.MAX_WAIT_MILLIS);
            final IdleStrategy onBell = new DoorbellIdleStrategy(engineBell, () -> maxWait, IdleStrategies.BACKOFF);
            runners.add(new AgentRunner(dedicatedIdleStrategy(onBell), errors, null, engine));
        }
        // fsync and file I/O block for milliseconds: in every mode a thread of its own, closed after the engine's, that
        // parks when idle whatever --idle-strategy says (a spinning disk thread would take a core for nothing), until
        // the engine hands it a command or a timed sync is due
        runners.add(new AgentRunner(
            new DoorbellIdleStrategy(diskLink.agentBell(), diskAgent::nanosToNextTimedSync, "disk"), errors, null, diskAgent));
        for (final AgentRunner runner : runners)
        {
            AgentRunner.startOnThread(runner);
        }
        lookupd.start();
    }

    /**
     * The shared thread's idle strategy: {@code backoff} with one I/O agent waits in its selector rather than parking
     * (see {@link SelectorIdleStrategy}), woken through the engine's doorbell by the disk agent and the lookupd
     * registration when they hand the engine work; a thread with several selectors cannot wait in them all, so it parks.
     */
    private IdleStrategy sharedIdleStrategy(final IoAgent[] ioAgents)
    {
        if (IdleStrategies.BACKOFF.equals(context.idleStrategy()) && ioAgents.length == 1)
        {
            engineBell.wakeBy(ioAgents[0]::wakeup);
            return new SelectorIdleStrategy(ioAgents[0], engineBell);
        }
        return IdleStrategies.create(context.idleStrategy());
    }

    /**
     * An agent's own thread's idle strategy: {@code backoff} waits as the thread can be woken ({@code waiting}): an I/O
     * agent's thread in its selector, woken through its link's doorbell by the engine; the engine's thread parked on
     * the engine's doorbell, rung by everything that hands it work. Other strategies are Agrona's.
     */
    private IdleStrategy dedicatedIdleStrategy(final IdleStrategy waiting)
    {
        return IdleStrategies.BACKOFF.equals(context.idleStrategy()) ? waiting : IdleStrategies.create(context.idleStrategy());
    }

    private static LookupdSettings lookupdSettings(final NsqdContext c, final int tcpPort, final int httpPort)
    {
        // a unix socket listener has no port to register (upstream would register 0 as well)
        return new LookupdSettings(c.nsqlookupdTcpAddresses(), c.broadcastAddress(), NsqdContext.hostname(), Math.max(0, tcpPort),
            Math.max(0, httpPort), c.maxBodySize(), c.lookupdPingInterval(), c.httpClientConnectTimeout(), c.httpClientRequestTimeout());
    }

    private V2Features v2Features(final TlsSettings tls)
    {
        final AuthClient client = authClient;
        final NanoClock clock = context.nanoClock();
        return new V2Features(tls, context.tlsRequired() != TlsRequired.NO, context.deflate(), context.maxDeflateLevel(),
            context.snappy(), client == null ? null : (secret, remoteIp, tlsActive, commonName, sink, callback) ->
                client.query(AuthQuery.of(remoteIp, tlsActive, commonName, secret), clock, sink, callback));
    }

    /** The TLS configuration, checked before anything binds; null when no cert and key are set. */
    private static TlsSettings tlsSettings(final NsqdContext c) throws IOException
    {
        if (!c.tlsEnabled())
        {
            return null;
        }
        try
        {
            final String minVersion = c.tlsMinVersion().isEmpty() ? "tls1.2" : c.tlsMinVersion();
            return TlsSettings.fromFlags(c.tlsCert(), c.tlsKey(), c.tlsRootCaFile(), c.tlsClientAuthPolicy(), minVersion);
        }
        catch (final TlsConfigException ex)
        {
            throw new IOException(ex.getMessage(), ex);
        }
    }

    private static Agent composite(final Agent first, final List<Agent> more)
    {
        final List<Agent> all = new ArrayList<>();
        all.add(first);
        all.addAll(more);
        return new CompositeAgent(all);
    }

    private StatsdAgent statsdAgent(final IoLink link, final ServerSocketChannel http) throws IOException
    {
        final InetSocketAddress target = ListenAddress.hostPort(context.statsdAddress());
        final String prefix = StatsdOptions.expandPrefix(context.statsdPrefix(), context.broadcastAddress(), port(http));
        final StatsdPusher pusher = new StatsdPusher(
            new StatsdOptions(prefix, context.statsdMemStats(), context.statsdExcludeEphemeral()),
            (int)context.statsdUdpPacketSize(), context.statsdInterval().toNanos(), StatsdSender.open(target));
        return new StatsdAgent(link, pusher, context.statsdMemStats() ? memory : null, context.nanoClock(),
            context.statsdInterval().toNanos());
    }

    private static int port(final ServerSocketChannel listener)
    {
        if (listener == null)
        {
            return 0;
        }
        try
        {
            final SocketAddress address = listener.getLocalAddress();
            return address instanceof InetSocketAddress ? ((InetSocketAddress)address).getPort() : -1;
        }
        catch (final IOException ex)
        {
            return -1;
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
        final TlsSettings tls = tlsSettings(context);
        final DataPathLock lock = DataPathLock.acquire(context.dataPath());
        ServerSocketChannel tcp = null;
        ServerSocketChannel http = null;
        ServerSocketChannel https = null;
        try
        {
            tcp = ListenAddress.parse(context.tcpAddress()).bind();
            if (!context.httpAddress().isEmpty())
            {
                http = ListenAddress.parse(context.httpAddress()).bind();
            }
            if (tls != null && !context.httpsAddress().isEmpty())
            {
                https = ListenAddress.parse(context.httpsAddress()).bind();
            }
            return new Nsqd(context, lock, tcp, http, https, tls);
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.quietCloseAll(tcp, http, https);
            lock.close();
            throw ex;
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
            c.outputBufferTimeout().toNanos());
    }

    public NsqdContext context()
    {
        return context;
    }

    /** The bound TCP address (the real port when the context asked for 0); null for a unix socket. */
    public InetSocketAddress tcpAddress()
    {
        final SocketAddress address = boundAddress(tcpListener);
        return address instanceof InetSocketAddress ? (InetSocketAddress)address : null;
    }

    /** The bound TCP address as upstream prints it in {@code TCP: listening on ...}. */
    public String tcpListenAddress()
    {
        return ListenAddress.format(boundAddress(tcpListener));
    }

    /** The bound HTTPS address; null without TLS or with {@code --https-address=""}. */
    public InetSocketAddress httpsAddress()
    {
        final SocketAddress address = httpsListener == null ? null : boundAddress(httpsListener);
        return address instanceof InetSocketAddress ? (InetSocketAddress)address : null;
    }

    /** The bound HTTPS address as upstream prints it; null when off. */
    public String httpsListenAddress()
    {
        return httpsListener == null ? null : ListenAddress.format(boundAddress(httpsListener));
    }

    /** The bound HTTP address; null when HTTP is off ({@code --http-address=""}) or on a unix socket. */
    public InetSocketAddress httpAddress()
    {
        final SocketAddress address = httpListener == null ? null : boundAddress(httpListener);
        return address instanceof InetSocketAddress ? (InetSocketAddress)address : null;
    }

    /** The bound HTTP address as upstream prints it in {@code HTTP: listening on ...}; null when off. */
    public String httpListenAddress()
    {
        return httpListener == null ? null : ListenAddress.format(boundAddress(httpListener));
    }

    /** The option values /config serves, for the daemon's runtime changes (log level). */
    public NsqdConfigValues configValues()
    {
        return configValues;
    }

    private static SocketAddress boundAddress(final ServerSocketChannel listener)
    {
        try
        {
            return listener.getLocalAddress();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Clean shutdown, on this thread now that the agents have stopped: the disk agent finishes the
     * commands it was given, then every message held in memory, in flight or deferred is written to
     * disk and the metadata saved, as upstream does on SIGTERM.
     */
    private void persist()
    {
        while (diskAgent.hasCommands() || engine.settleDisk() > 0)
        {
            diskAgent.doWork();
        }
        engine.persist(diskAgent);
        diskAgent.closeAll();
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
        lookupd.close(); // first: lookupd drops this node's registrations when the connection closes
        for (final AgentRunner runner : runners)
        {
            if (runner.agent() == diskAgent)
            {
                diskLink.agentBell().close(); // the engine has stopped: nothing would wake the disk agent to see it must stop
            }
            runner.close((int)TimeUnit.SECONDS.toMillis(5), thread -> LOG.warn("{} did not stop yet", thread.getName()));
        }
        persist();
        CloseHelper.quietCloseAll(tcpListener, httpListener, httpsListener, memory, authClient);
        lock.close();
    }
}
