package io.ringnsq.transport.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.ringnsq.core.link.IoLink;
import io.ringnsq.core.time.ManualClock;
import io.ringnsq.transport.nio.Connection;
import io.ringnsq.transport.nio.ConnectionHandler;
import io.ringnsq.transport.nio.IoAgent;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.CompositeAgent;

/**
 * An HTTP listener on 127.0.0.1 served by one real {@link IoAgent} and a {@link FakeEngine}, both on
 * one agent thread, with a {@link ManualClock} for every timer: tests talk to it over real sockets
 * and move time by hand.
 */
final class HttpTestServer implements AutoCloseable
{
    static final int INPUT_CAPACITY = 16 * 1024;

    final ManualClock clock = new ManualClock();
    final IoLink link = new IoLink(0, 1024, 1024);
    final FakeEngine engine = new FakeEngine(link);
    final List<Connection> connections = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final ServerSocketChannel server;
    private final AgentRunner runner;

    HttpTestServer(final HttpService service) throws IOException
    {
        this(service, HttpServerConfig.defaults());
    }

    HttpTestServer(final HttpService service, final HttpServerConfig config) throws IOException
    {
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        final IoAgent agent = new IoAgent(0, link, clock, INPUT_CAPACITY, 32 * 1024);
        final ConnectionHandler.Factory http = HttpHandler.factory(service, config.dateClock(clock.asEpochClock()));
        agent.addListener(server, connection ->
        {
            connections.add(connection);
            return http.newHandler(connection);
        });
        final ErrorHandler onError = errors::add;
        runner = new AgentRunner(
            new BackoffIdleStrategy(1, 10, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MICROSECONDS.toNanos(100)),
            onError, null, new CompositeAgent(agent, engine));
        AgentRunner.startOnThread(runner);
    }

    int port()
    {
        return server.socket().getLocalPort();
    }

    RawClient connect() throws IOException
    {
        return new RawClient(port());
    }

    /** The server side of the {@code index}-th accepted connection. */
    Connection connection(final int index) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (connections.size() <= index && System.nanoTime() < deadline)
        {
            Thread.sleep(1);
        }
        return connections.get(index);
    }

    void advanceSeconds(final long seconds)
    {
        clock.advance(java.time.Duration.ofSeconds(seconds));
    }

    void advanceMillis(final long millis)
    {
        clock.advanceMillis(millis);
    }

    @Override
    public void close()
    {
        runner.close();
    }
}
