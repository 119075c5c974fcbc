package io.ringnsq.admin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringnsq.core.link.IoLink;
import io.ringnsq.transport.http.HttpHandler;
import io.ringnsq.transport.http.HttpServerConfig;
import io.ringnsq.transport.nio.CommandDrain;
import io.ringnsq.transport.nio.IoAgent;
import io.ringnsq.transport.nio.SelectorIdleStrategy;
import io.ringnsq.transport.nsqd.ListenAddress;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running nsqadmin: one I/O agent on one thread serves the UI and the API; a small bounded pool asks
 * the cluster for the API. {@link #start} binds before it returns, so {@link #httpAddress()} is the real
 * port when the context asked for port 0.
 */
public final class Nsqadmin implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger("nsqadmin");
    private static final int COMMAND_RING = 1024;
    private static final int OUTBOUND_RING = 64;
    /** API calls waiting for a pool thread; past it the API answers 503 at once. */
    private static final int API_QUEUE = 256;

    private final ServerSocketChannel listener;
    private final SocketAddress bound;
    private final ThreadPoolExecutor pool;
    private final AgentRunner runner;
    private volatile boolean closed;

    private Nsqadmin(final AdminContext context, final ServerSocketChannel listener) throws IOException
    {
        this.listener = listener;
        this.bound = listener.getLocalAddress();
        final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        final NodeClient client = new NodeClient(context.httpClientConnectTimeout(), context.httpClientRequestTimeout(), json,
            ClientTls.sslContext(context));
        final ClusterInfo info = new ClusterInfo(client, json, context.lookupdHttpAddresses(), context.nsqdHttpAddresses());
        final GraphiteUrl graphite = GraphiteUrl.parse(context.graphiteUrl());
        final AdminApi api = new AdminApi(context, info, new ClusterActions(info, client),
            new Notifier(context.notificationHttpEndpoint(), client, json), json, new AdminConfigValues(context, info, json),
            new GraphiteRate(context, graphite, client));
        pool = new ThreadPoolExecutor(context.upstreamThreads(), context.upstreamThreads(), 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(API_QUEUE), daemonThreads());
        final StaticAssets assets = new StaticAssets(context.basePath(), info.lookupdMode(),
            GraphPageSettings.attributes(context, graphite));
        final GraphiteProxy proxy = context.proxyGraphite() ? new GraphiteProxy(graphite, client) : null;
        final IoLink link = new IoLink(0, COMMAND_RING, OUTBOUND_RING);
        final IoAgent io = new IoAgent(0, link, SystemNanoClock.INSTANCE, 16 * 1024, 64 * 1024);
        io.addListener(listener, HttpHandler.factory(new AdminHttpService(context, assets, api, pool, proxy),
            HttpServerConfig.defaults().dateClock(new SystemEpochNanoClock())));
        // idle, the thread waits in its selector (woken by its sockets and by tasks handed to it), not in parks of up
        // to a millisecond: an idle daemon then wakes a hundred times a second, not a thousand
        runner = new AgentRunner(SelectorIdleStrategy.alone(io), ex -> LOG.error("agent error", ex), null,
            new CompositeAgent(io, new CommandDrain(link, "nsqadmin-commands")));
        AgentRunner.startOnThread(runner);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads()
    {
        final AtomicInteger n = new AtomicInteger();
        return task ->
        {
            final Thread t = new Thread(task, "nsqadmin-api-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Starts nsqadmin.
     *
     * @throws IOException naming the address that could not be bound.
     * @throws IllegalArgumentException for an invalid option combination.
     */
    public static Nsqadmin start(final AdminContext context) throws IOException
    {
        context.conclude();
        final ServerSocketChannel http = ListenAddress.parse(context.httpAddress()).bind(); // names the address when it fails
        try
        {
            return new Nsqadmin(context, http);
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.quietClose(http);
            throw ex;
        }
    }

    /** The bound HTTP address; null on a unix socket. */
    public InetSocketAddress httpAddress()
    {
        return bound instanceof InetSocketAddress ? (InetSocketAddress)bound : null;
    }

    /** The bound address as upstream prints it in {@code HTTP: listening on ...}. */
    public String httpListenAddress()
    {
        return ListenAddress.format(bound);
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        runner.close((int)TimeUnit.SECONDS.toMillis(5), thread -> LOG.warn("{} did not stop yet", thread.getName()));
        pool.shutdownNow();
        CloseHelper.quietClose(listener);
    }
}
