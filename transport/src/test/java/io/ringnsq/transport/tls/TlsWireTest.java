package io.ringnsq.transport.tls;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.ringnsq.transport.testsupport.TlsFixtures;
import io.ringnsq.transport.testsupport.WireTap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What crosses the wire, seen by a recording proxy: after the handshake, nothing the peers say in plaintext. */
class TlsWireTest
{
    private static final String MARKER = "RINGNSQ-PLAINTEXT-MARKER";
    private static final byte[] DATA = (MARKER + "\n").repeat(2000).getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    final TlsServers servers = new TlsServers();
    private TlsTestServer server;

    @Test
    void markerNeverAppearsOnTheWireUnderTls13OrTls12() throws Exception
    {
        server = servers.start(new TlsOnAccept(TlsFixtures.rsaServer(), EchoHandler.factory(new EchoHandler.Seen())));
        for (final String protocol : new String[] {"TLSv1.3", "TLSv1.2"})
        {
            try (WireTap proxy = new WireTap(server.port()))
            {
                try (SSLSocket socket = TlsClient.connect(TlsFixtures.anyServerNoCertificate(), proxy.port(), protocol))
                {
                    assertArrayEquals(DATA, TlsClient.echo(socket, DATA));
                }
                final byte[] wire = proxy.bothWays();
                assertTrue(wire.length > 2 * DATA.length, "both directions were recorded: " + wire.length);
                assertFalse(contains(wire, MARKER), protocol);
            }
        }
    }

    @Test
    void markerIsVisibleThroughTheSameProxyWithoutTls() throws Exception
    {
        server = servers.start(EchoHandler.factory(new EchoHandler.Seen()));
        try (WireTap proxy = new WireTap(server.port()))
        {
            try (Socket socket = new Socket("127.0.0.1", proxy.port()))
            {
                socket.setSoTimeout(TlsClient.TIMEOUT_MILLIS);
                assertArrayEquals(DATA, TlsClient.echo(socket, DATA));
            }
            assertTrue(contains(proxy.bothWays(), MARKER), "the proxy does see plaintext when there is some");
        }
    }

    private static boolean contains(final byte[] haystack, final String needle)
    {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }
}
