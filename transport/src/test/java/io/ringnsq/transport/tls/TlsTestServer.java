package io.ringnsq.transport.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.ringnsq.core.link.IoLink;
import io.ringnsq.core.time.ManualClock;
import io.ringnsq.transport.nio.ConnectionHandler;
import io.ringnsq.transport.nio.IoAgent;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.CompositeAgent;

/**
 * A listener on 127.0.0.1 served by one real {@link IoAgent} on its own thread, with handlers from a test
 * factory; no engine: the connect and disconnect commands the agent publishes are drained and dropped.
 */
final class TlsTestServer implements AutoCloseable
{
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final ServerSocketChannel server;
    private final AgentRunner runner;

    TlsTestServer(final ConnectionHandler.Factory factory) throws IOException
    {
        final IoLink link = new IoLink(0, 1024, 1024);
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        final IoAgent agent = new IoAgent(0, link, new ManualClock(), 16 * 1024, 32 * 1024);
        agent.addListener(server, factory);
        runner = new AgentRunner(
            new BackoffIdleStrategy(1, 10, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MICROSECONDS.toNanos(100)),
            errors::add, null, new CompositeAgent(agent, new CommandDrain(link)));
        AgentRunner.startOnThread(runner);
    }

    int port()
    {
        return server.socket().getLocalPort();
    }

    @Override
    public void close()
    {
        runner.close();
    }

    /** Stands in for the engine: takes the agent's commands so its ring never fills. */
    private static final class CommandDrain implements Agent
    {
        private final IoLink link;

        CommandDrain(final IoLink link)
        {
            this.link = link;
        }

        @Override
        public int doWork()
        {
            return link.pollCommands((event, sequence, endOfBatch) ->
            {
                event.clear();
                return true;
            });
        }

        @Override
        public String roleName()
        {
            return "command-drain";
        }
    }
}
