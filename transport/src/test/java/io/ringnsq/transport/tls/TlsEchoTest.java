package io.ringnsq.transport.tls;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.ringnsq.transport.testsupport.TlsFixtures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JDK clients against an {@link io.ringnsq.transport.nio.IoAgent} whose connections start with a
 * {@link TlsLayer} ({@link TlsOnAccept}, as HTTPS does): TLS 1.2 and 1.3 handshakes, echo round trips small
 * and large, and the handler seeing only plaintext of an established session.
 */
class TlsEchoTest
{
    private static final byte[] SMALL = "hello over tls\n".getBytes(StandardCharsets.US_ASCII);

    private final EchoHandler.Seen seen = new EchoHandler.Seen();
    @RegisterExtension
    final TlsServers servers = new TlsServers();
    private TlsTestServer server;

    @Test
    void tls13HandshakeThenEchoesSmallAndOneMebibyteData() throws Exception
    {
        start();
        try (SSLSocket socket = TlsClient.connect(TlsFixtures.anyServerNoCertificate(), server.port(), "TLSv1.3"))
        {
            assertEquals("TLSv1.3", socket.getSession().getProtocol());
            assertArrayEquals(SMALL, TlsClient.echo(socket, SMALL));
            final byte[] large = random(1 << 20);
            assertArrayEquals(large, TlsClient.echo(socket, large));
            assertArrayEquals(SMALL, TlsClient.echo(socket, SMALL));
        }
    }

    @Test
    void tls12HandshakeThenEchoesSmallAndOneMebibyteData() throws Exception
    {
        start();
        try (SSLSocket socket = TlsClient.connect(TlsFixtures.anyServerNoCertificate(), server.port(), "TLSv1.2"))
        {
            assertEquals("TLSv1.2", socket.getSession().getProtocol());
            assertArrayEquals(SMALL, TlsClient.echo(socket, SMALL));
            final byte[] large = random(1 << 20);
            assertArrayEquals(large, TlsClient.echo(socket, large));
        }
    }

    @Test
    void handlerFirstSeesPlaintextOfAnEstablishedSessionNamedAsUpstreamDoes() throws Exception
    {
        start();
        try (SSLSocket tls13 = TlsClient.connect(TlsFixtures.anyServerNoCertificate(), server.port(), "TLSv1.3"))
        {
            TlsClient.echo(tls13, SMALL);
        }
        try (SSLSocket tls12 = TlsClient.connect(TlsFixtures.anyServerNoCertificate(), server.port(), "TLSv1.2"))
        {
            TlsClient.echo(tls12, SMALL);
        }
        assertEquals(List.of(false, false), seen.firstBytesWereTls, "no ClientHello reaches the handler");
        assertEquals(List.of(
            new TlsSessionInfo("TLS1.3", "TLS_AES_128_GCM_SHA256", "Unknown 4865", "", true, ""),
            new TlsSessionInfo("TLS1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "", true, "")),
            seen.sessions);
    }

    @Test
    void twentyClientsAtOnceAllCompleteTheirHandshakesAndEchoes() throws Exception
    {
        start();
        final SSLContext context = TlsFixtures.anyServerNoCertificate();
        final List<CompletableFuture<byte[]>> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++)
        {
            final byte[] data = ("client " + i + "\n").repeat(1000).getBytes(StandardCharsets.US_ASCII);
            final String protocol = i % 2 == 0 ? "TLSv1.3" : "TLSv1.2";
            clients.add(CompletableFuture.supplyAsync(() ->
            {
                try (SSLSocket socket = TlsClient.connect(context, server.port(), protocol))
                {
                    final byte[] back = TlsClient.echo(socket, data);
                    assertArrayEquals(data, back);
                    return back;
                }
                catch (final Exception ex)
                {
                    throw new IllegalStateException(ex);
                }
            }));
        }
        for (final CompletableFuture<byte[]> client : clients)
        {
            assertTrue(client.get(30, TimeUnit.SECONDS).length > 0);
        }
    }

    private void start() throws Exception
    {
        server = servers.start(new TlsOnAccept(TlsFixtures.rsaServer(), EchoHandler.factory(seen)));
    }

    private static byte[] random(final int length)
    {
        final byte[] bytes = new byte[length];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}
