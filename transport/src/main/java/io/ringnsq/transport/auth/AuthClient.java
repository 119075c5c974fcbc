package io.ringnsq.transport.auth;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

import org.agrona.concurrent.NanoClock;

/**
 * nsqd's client for its auth servers ({@code --auth-http-address}), usable from a thread that
 * must never block. A query runs on the client's own fixed pool (the JDK's {@link HttpClient}
 * with {@code sendAsync}, plus its one selector thread), tries the servers as upstream does, and
 * hands the outcome to the caller's sink; the callback runs when the sink runs it.
 *
 * <pre>{@code
 * AuthClient auth = new AuthClient(AuthClientConfig.of(List.of("127.0.0.1:4181")));
 * PendingAuth pending = auth.query(
 *     AuthQuery.of(AuthQuery.remoteIp(socket.getRemoteAddress()), false, "", secret),
 *     agentClock, agentTasks::offer, result -> onAuth(connection, result));
 * }</pre>
 *
 * Thread-safe: any number of agents may query at once.
 */
public final class AuthClient implements AutoCloseable
{
    private final List<String> addresses;
    private final ExecutorService executor;
    private final AuthHttpExchange exchange;
    private final IntUnaryOperator firstServer;

    /**
     * @throws IllegalArgumentException when {@code --tls-root-ca-file} cannot be read or holds no
     *                                  certificate (upstream refuses to start then)
     */
    public AuthClient(final AuthClientConfig config)
    {
        this(config, count -> ThreadLocalRandom.current().nextInt(count));
    }

    /** {@code firstServer} maps the number of servers to the index tried first (upstream: random). */
    AuthClient(final AuthClientConfig config, final IntUnaryOperator firstServer)
    {
        final HttpClient.Builder http = HttpClient.newBuilder()
            // HTTP/1.1 only: Go's transport with a custom dialer never speaks h2, nor tries h2c upgrades
            .version(HttpClient.Version.HTTP_1_1)
            // Go's client follows every redirect, https to http included
            .followRedirects(HttpClient.Redirect.ALWAYS);
        final Duration connect = config.connectTimeout();
        if (!connect.isZero() && !connect.isNegative())
        {
            http.connectTimeout(connect);
        }
        if (config.tlsRootCaFile() != null)
        {
            http.sslContext(RootCaTrust.fromPemFile(config.tlsRootCaFile()));
        }
        this.addresses = config.addresses();
        this.firstServer = firstServer;
        this.executor = Executors.newFixedThreadPool(config.threads(), new AuthThreads());
        this.exchange = new AuthHttpExchange(http.executor(executor).build(), executor, connect, config.requestTimeout());
    }

    /** Upstream's {@code IsAuthEnabled}. */
    public boolean isEnabled()
    {
        return !addresses.isEmpty();
    }

    /**
     * Starts an auth query and returns at once. The outcome is passed to {@code callback} by a task
     * given to {@code sink}, exactly once unless the query is {@linkplain PendingAuth#cancel()
     * cancelled}; when it is granted, the authorizations are stamped with {@code clock} read
     * inside that task. The sink must accept every task (an I/O agent's queue drained in its duty
     * cycle); it is called from the client's threads, and also from the caller's when the query
     * cannot even start.
     */
    public PendingAuth query(final AuthQuery query, final NanoClock clock, final Executor sink, final AuthCallback callback)
    {
        Objects.requireNonNull(query, "query");
        final PendingAuth pending = new PendingAuth();
        final AuthDelivery delivery = new AuthDelivery(
            pending, Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(sink, "sink"),
            Objects.requireNonNull(callback, "callback"));
        if (addresses.isEmpty())
        {
            delivery.failed("no auth server (--auth-http-address)");
            return pending;
        }
        final AuthAttempts attempts = new AuthAttempts(
            exchange, addresses, firstServer.applyAsInt(addresses.size()), query, pending, delivery);
        try
        {
            executor.execute(attempts::run);
        }
        catch (final RejectedExecutionException ex)
        {
            delivery.failed("auth client closed");
        }
        return pending;
    }

    /**
     * Stops the pool; queries in flight end without a callback. The JDK 17 HttpClient has no
     * close: its selector thread ends once the client is no longer referenced.
     */
    @Override
    public void close()
    {
        executor.shutdownNow();
    }

    /** Daemon threads named {@code ringnsq-auth-N}: they must not keep the JVM alive. */
    private static final class AuthThreads implements ThreadFactory
    {
        private static final AtomicInteger COUNT = new AtomicInteger();

        @Override
        public Thread newThread(final Runnable task)
        {
            final Thread thread = new Thread(task, "ringnsq-auth-" + COUNT.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
