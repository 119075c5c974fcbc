package io.ringnsq.transport.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.ringnsq.transport.nio.ConnectionHandler;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The {@link TlsTestServer}s of a test ({@code @RegisterExtension}): after the test each is closed, and the test fails
 * if its agent reported an error.
 */
final class TlsServers implements AfterEachCallback
{
    private final List<TlsTestServer> started = new ArrayList<>();

    TlsTestServer start(final ConnectionHandler.Factory factory) throws IOException
    {
        final TlsTestServer server = new TlsTestServer(factory);
        started.add(server);
        return server;
    }

    /** Closes every server started so far; fails if one of their agents reported an error. */
    void closeAll()
    {
        for (final TlsTestServer server : started)
        {
            server.close();
        }
        final List<TlsTestServer> closed = List.copyOf(started);
        started.clear();
        for (final TlsTestServer server : closed)
        {
            assertEquals(List.of(), server.errors);
        }
    }

    @Override
    public void afterEach(final ExtensionContext context)
    {
        closeAll();
    }
}
