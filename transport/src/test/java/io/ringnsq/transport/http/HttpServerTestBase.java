package io.ringnsq.transport.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh {@link HttpTestServer} around a {@link TestService} for each test. */
abstract class HttpServerTestBase
{
    protected final TestService service = new TestService();
    protected HttpTestServer server;

    @BeforeEach
    void startServer() throws Exception
    {
        server = new HttpTestServer(service);
    }

    @AfterEach
    void stopServer()
    {
        server.close();
    }
}
