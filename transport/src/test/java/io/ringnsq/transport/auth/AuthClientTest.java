package io.ringnsq.transport.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.ringnsq.core.time.ManualClock;

class AuthClientTest
{
    private static final String ALICE = "{\"ttl\":3600,\"identity\":\"alice\",\"identity_url\":\"http://x/alice\","
        + "\"authorizations\":[{\"topic\":\"^good\",\"channels\":[\".*\"],\"permissions\":[\"subscribe\",\"publish\"]}]}";
    private static final AuthQuery GOOD = AuthQuery.of("127.0.0.1", false, "", "good".getBytes(StandardCharsets.UTF_8));

    private final ManualClock clock = new ManualClock();
    private final SinkQueue sink = new SinkQueue();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception
    {
        for (final AutoCloseable closeable : closeables)
        {
            closeable.close();
        }
    }

    private <T extends AutoCloseable> T closing(final T closeable)
    {
        closeables.add(closeable);
        return closeable;
    }

    private AuthServerFixture server(final int status, final String body) throws IOException
    {
        return closing(AuthServerFixture.answering(status, body));
    }

    private AuthClient client(final String... addresses)
    {
        return closing(new AuthClient(AuthClientConfig.of(List.of(addresses))));
    }

    private AuthResult query(final AuthClient client) throws InterruptedException
    {
        client.query(GOOD, clock, sink, sink);
        return sink.drain();
    }

    private static String failure(final AuthResult result)
    {
        return assertInstanceOf(AuthResult.Failed.class, result).detail();
    }

    private static Authorizations granted(final AuthResult result)
    {
        return assertInstanceOf(AuthResult.Granted.class, result).authorizations();
    }

    @Test
    void shouldSendUpstreamsRequestLineAndAcceptHeaderAndNothingElseThatMatters() throws Exception
    {
        final AtomicReference<String> head = new AtomicReference<>();
        final ServerSocket listener = closing(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
        final Thread acceptor = new Thread(() ->
        {
            try (Socket socket = listener.accept())
            {
                head.set(readHead(socket.getInputStream()));
                final byte[] body = ALICE.getBytes(StandardCharsets.UTF_8);
                final OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
            catch (final IOException ex)
            {
                head.set("failed: " + ex);
            }
        });
        acceptor.start();

        granted(query(client("127.0.0.1:" + listener.getLocalPort())));
        acceptor.join(5_000);

        final List<String> lines = List.of(head.get().split("\r\n"));
        assertEquals("GET /auth?common_name=&remote_ip=127.0.0.1&secret=good&tls=false HTTP/1.1", lines.get(0));
        assertTrue(lines.contains("Accept: application/vnd.nsq; version=1.0"), head.get());
        assertTrue(lines.contains("Host: 127.0.0.1:" + listener.getLocalPort()), head.get());
        for (final String line : lines.subList(1, lines.size()))
        {
            final String name = line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT);
            // no h2c upgrade attempt, no body: a plain HTTP/1.1 GET as Go sends it
            assertFalse(List.of("upgrade", "http2-settings", "connection", "transfer-encoding", "expect").contains(name), line);
        }
    }

    private static String readHead(final InputStream in) throws IOException
    {
        final StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0)
        {
            final int b = in.read();
            if (b < 0)
            {
                break;
            }
            head.append((char)b);
        }
        return head.toString();
    }

    @Test
    void shouldGrantWhatA200AnswerHoldsStampedWithTheClockReadAtDelivery() throws Exception
    {
        final AuthServerFixture server = server(200, ALICE);
        final AuthClient client = client(server.address());
        clock.advanceMillis(1234);

        final Authorizations authorizations = granted(query(client));

        assertEquals("alice", authorizations.identity());
        assertEquals("http://x/alice", authorizations.identityUrl());
        assertEquals(3600, authorizations.ttlSeconds());
        assertEquals(1, authorizations.permissionCount());
        assertEquals(1_234_000_000L, authorizations.grantedAtNanos());
        assertTrue(authorizations.isAllowed("good", "", Permission.PUBLISH));
        assertFalse(authorizations.isAllowed("other", "", Permission.PUBLISH));
        assertEquals("GET", server.received().get(0).method());
        assertEquals(List.of("application/vnd.nsq; version=1.0"), server.received().get(0).headers().get("Accept"));
    }

    @Test
    void shouldFailWhenTheServerAnswers403WithoutAnHttpsPort() throws Exception
    {
        final AuthServerFixture server = server(403, "forbidden");

        final String detail = failure(query(client(server.address())));

        assertTrue(detail.startsWith("failed to auth against " + server.address() + " - "), detail);
        assertEquals(1, server.received().size());
    }

    @Test
    void shouldFailWhenA403NamesNoUsableHttpsPort() throws Exception
    {
        // upstream retries https://<host>:0 and fails to connect
        final AuthServerFixture server = server(403, "{\"message\":\"FORBIDDEN\"}");

        final String detail = failure(query(client(server.address())));

        assertTrue(detail.startsWith("failed to auth against " + server.address() + " - Get \"https://127.0.0.1:0/auth?"), detail);
    }

    @Test
    void shouldFailOn500WithUpstreamsErrorText() throws Exception
    {
        final AuthServerFixture server = server(500, "oops");

        final String detail = failure(query(client(server.address())));

        assertEquals("failed to auth against " + server.address() + " - got response 500 Internal Server Error \"oops\"", detail);
    }

    @Test
    void shouldFailOnA200WhoseBodyIsNotJson() throws Exception
    {
        final AuthServerFixture server = server(200, "<html>not json</html>");

        final String detail = failure(query(client(server.address())));

        assertTrue(detail.startsWith("failed to auth against " + server.address() + " - "), detail);
    }

    @Test
    void shouldFailOnAZeroTtl() throws Exception
    {
        final AuthServerFixture server = server(200, "{\"ttl\":0,\"authorizations\":[]}");

        assertEquals("failed to auth against " + server.address() + " - invalid TTL 0 (must be >0)", failure(query(client(server.address()))));
    }

    @Test
    void shouldFailOnAnUnknownPermission() throws Exception
    {
        final AuthServerFixture server = server(200,
            "{\"ttl\":60,\"authorizations\":[{\"topic\":\".*\",\"channels\":[\".*\"],\"permissions\":[\"publish\",\"admin\"]}]}");

        assertEquals("failed to auth against " + server.address() + " - unknown permission admin", failure(query(client(server.address()))));
    }

    @Test
    void shouldFailOnARegexThatDoesNotCompile() throws Exception
    {
        final AuthServerFixture server = server(200,
            "{\"ttl\":60,\"authorizations\":[{\"topic\":\"t\",\"channels\":[\"(\"],\"permissions\":[\"subscribe\"]}]}");

        assertEquals(
            "failed to auth against " + server.address() + " - unable to compile channel \"(\" error parsing regexp: missing closing ): `(`",
            failure(query(client(server.address()))));
    }

    @Test
    void shouldGrantAnEmptySetWhenTheServerSendsNoAuthorizations() throws Exception
    {
        final AuthServerFixture server = server(200, "{\"ttl\":60,\"identity\":\"bob\",\"authorizations\":[]}");

        final Authorizations authorizations = granted(query(client(server.address())));

        assertFalse(authorizations.hasAuthorizations());
        assertEquals(0, authorizations.permissionCount());
        assertEquals("bob", authorizations.identity());
    }

    @Test
    void shouldFailWithinTheRequestTimeoutWhenTheServerNeverAnswers() throws Exception
    {
        final ServerSocket silent = closing(new ServerSocket(0, 10, InetAddress.getLoopbackAddress()));
        final List<Socket> held = new CopyOnWriteArrayList<>();
        final Thread acceptor = new Thread(() ->
        {
            try
            {
                while (true)
                {
                    held.add(silent.accept());
                }
            }
            catch (final IOException ex)
            {
                // closed by the test
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        final AuthClient client = closing(new AuthClient(AuthClientConfig.of(List.of("127.0.0.1:" + silent.getLocalPort()))
            .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300))));

        final long start = System.nanoTime();
        final String detail = failure(query(client));
        final long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(detail.endsWith("context deadline exceeded (Client.Timeout exceeded while awaiting headers)"), detail);
        assertTrue(elapsedMillis >= 250 && elapsedMillis < 4_000, "took " + elapsedMillis + " ms");
        for (final Socket socket : held)
        {
            socket.close();
        }
    }

    @Test
    void shouldFailWhenTheConnectionIsRefused() throws Exception
    {
        final int port = AuthServerFixture.refusedPort();

        final String detail = failure(query(client("127.0.0.1:" + port)));

        assertEquals("failed to auth against 127.0.0.1:" + port + " - Get \"http://127.0.0.1:" + port
            + "/auth?common_name=&remote_ip=127.0.0.1&secret=good&tls=false\": dial tcp 127.0.0.1:" + port
            + ": connect: connection refused", detail);
    }

    @Test
    void shouldTryTheNextServerWhenTheFirstIsDown() throws Exception
    {
        final String down = "127.0.0.1:" + AuthServerFixture.refusedPort();
        final AuthServerFixture up = server(200, ALICE);
        final AuthClient client = closing(new AuthClient(AuthClientConfig.of(List.of(down, up.address())), count -> 0));

        assertEquals("alice", granted(query(client)).identity());
        assertEquals(1, up.received().size());
    }

    @Test
    void shouldStartFromThePickedServerAndReportEveryServerTriedInOrder() throws Exception
    {
        final String first = "127.0.0.1:" + AuthServerFixture.refusedPort();
        final AuthServerFixture second = server(500, "");
        final AuthClient client = closing(new AuthClient(AuthClientConfig.of(List.of(first, second.address())), count -> 1));

        final String detail = failure(query(client));

        final String[] parts = detail.split("; ");
        assertEquals(2, parts.length, detail);
        assertEquals("failed to auth against " + second.address() + " - got response 500 Internal Server Error \"\"", parts[0]);
        assertTrue(parts[1].startsWith("failed to auth against " + first + " - Get "), parts[1]);
    }

    @Test
    void shouldUseAnAddressWithSchemeAsTheWholeEndpoint() throws Exception
    {
        final AuthServerFixture server = server(200, ALICE);

        granted(query(client("http://" + server.address() + "/v2/check")));

        assertEquals("/v2/check?common_name=&remote_ip=127.0.0.1&secret=good&tls=false", server.received().get(0).uri());
    }

    @Test
    void shouldExpireAfterTheTtlOnTheInjectedClock() throws Exception
    {
        final AuthServerFixture server = server(200, "{\"ttl\":2,\"authorizations\":[{\"topic\":\".*\",\"channels\":[\".*\"],\"permissions\":[\"publish\"]}]}");
        clock.advanceMillis(500);
        final Authorizations authorizations = granted(query(client(server.address())));

        clock.advanceMillis(2_000);
        assertFalse(authorizations.isExpired(clock.nanoTime()), "expires strictly after grantedAt + ttl");
        assertEquals(2_500_000_000L, authorizations.expiresAtNanos());
        clock.advanceNanos(1);
        assertTrue(authorizations.isExpired(clock.nanoTime()));
    }

    @Test
    void shouldDeliverOnlyThroughTheSinkAndOnlyWhenTheSinkRunsIt() throws Exception
    {
        final AuthServerFixture server = server(200, ALICE);
        final AuthClient client = client(server.address());

        client.query(GOOD, clock, sink, sink);

        assertTrue(sink.awaitTask(10_000));
        assertEquals(0, sink.callbacks(), "nothing may call back before the sink runs the task");
        assertInstanceOf(AuthResult.Granted.class, sink.drain());
        assertEquals(1, sink.callbacks());
    }

    @Test
    void shouldDeliverEvenAFailureThatNeedsNoNetworkThroughTheSink() throws Exception
    {
        final AuthClient none = client();
        final AuthClient badUrl = client("http://bad host/auth");

        none.query(GOOD, clock, sink, sink);
        assertEquals(0, sink.callbacks());
        failure(sink.drain());

        badUrl.query(GOOD, clock, sink, sink);
        assertTrue(failure(sink.drain()).startsWith("failed to auth against http://bad host/auth - parse \"http://bad host/auth?"));
    }

    @Test
    void shouldNeverCallBackOnceCancelled() throws Exception
    {
        final AuthServerFixture server = server(200, ALICE);
        final AuthClient client = client(server.address());

        final PendingAuth pending = client.query(GOOD, clock, sink, sink);
        assertTrue(sink.awaitTask(10_000));
        pending.cancel();
        sink.runNext();

        assertTrue(pending.isCancelled());
        assertEquals(0, sink.callbacks());
    }

    @Test
    void shouldKeepTheSameThreadsHoweverManyQueriesRunAtOnce() throws Exception
    {
        final AuthServerFixture server = server(200, ALICE);
        final AuthClient client = closing(new AuthClient(AuthClientConfig.of(List.of(server.address())).withThreads(2)));
        final long before = authThreads();

        for (int i = 0; i < 40; i++)
        {
            client.query(GOOD, clock, sink, sink);
        }
        for (int i = 0; i < 40; i++)
        {
            granted(sink.drain());
        }

        assertTrue(authThreads() - before <= 2, "auth threads grew by " + (authThreads() - before));
    }

    private static long authThreads()
    {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("ringnsq-auth-")).count();
    }
}
