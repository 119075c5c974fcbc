package io.ringnsq.transport.http;

import static io.ringnsq.transport.http.HttpKeepAliveTest.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Many requests on a few keep-alive connections, and a real HTTP client: every request answered, correctly. */
class HttpLoadTest extends HttpServerTestBase
{
    private static final int CONNECTIONS = 4;
    private static final int REQUESTS_PER_CONNECTION = 2_500;


    @Test
    void shouldAnswerTenThousandKeepAliveRequestsOnFourConnections() throws Exception
    {
        final AtomicInteger answered = new AtomicInteger();
        final List<CompletableFuture<Void>> clients = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++)
        {
            final int connection = c;
            clients.add(CompletableFuture.runAsync(() -> run(connection, answered)));
        }
        CompletableFuture.allOf(clients.toArray(new CompletableFuture[0])).join();
        assertEquals(CONNECTIONS * REQUESTS_PER_CONNECTION, answered.get());
        assertEquals(CONNECTIONS, server.connections.size());
    }

    @Test
    void shouldServeTheJdkHttpClient() throws Exception
    {
        final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        final URI base = URI.create("http://127.0.0.1:" + server.port());
        for (int i = 0; i < 20; i++)
        {
            final java.net.http.HttpResponse<String> response = client.send(
                java.net.http.HttpRequest.newBuilder(base.resolve(i % 2 == 0 ? "/echo" : "/engine"))
                    .POST(BodyPublishers.ofString("jdk-" + i)).build(),
                BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("jdk-" + i, response.body());
            assertEquals("nsq; version=1.0", response.headers().firstValue("X-NSQ-Content-Type").orElse(null));
        }
        final java.net.http.HttpResponse<String> tooBig = client.send(
            java.net.http.HttpRequest.newBuilder(base.resolve("/echo")).POST(BodyPublishers.ofString("x".repeat(2000))).build(),
            BodyHandlers.ofString());
        assertEquals(413, tooBig.statusCode());
        assertEquals("{\"message\":\"MSG_TOO_BIG\"}", tooBig.body());
    }

    private void run(final int connection, final AtomicInteger answered)
    {
        try (RawClient client = server.connect())
        {
            for (int i = 0; i < REQUESTS_PER_CONNECTION; i++)
            {
                final String body = "c" + connection + "-" + i;
                client.send(post(i % 2 == 0 ? "/echo" : "/engine", body));
                final RawClient.Response response = client.read();
                if (response.status() == 200 && response.bodyText().equals(body))
                {
                    answered.incrementAndGet();
                }
            }
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
