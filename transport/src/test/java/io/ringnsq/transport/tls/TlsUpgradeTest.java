package io.ringnsq.transport.tls;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.ringnsq.transport.testsupport.TlsFixtures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * TLS pushed onto a connection that started in plaintext, as nsqd does after IDENTIFY: the plaintext reply
 * first, then the handshake on the same socket, then {@code OK} over TLS sent from the handshake listener.
 */
class TlsUpgradeTest
{
    private final List<TlsSessionInfo> sessions = new CopyOnWriteArrayList<>();
    private final List<Integer> handedOver = new CopyOnWriteArrayList<>();
    @RegisterExtension
    final TlsServers servers = new TlsServers();
    private TlsTestServer server;

    @Test
    void plaintextReplyThenHandshakeOnTheSameSocketThenOkOverTls() throws Exception
    {
        server = servers.start(StartTlsHandler.factory(TlsFixtures.rsaServer(), sessions, handedOver));
        for (final String protocol : new String[] {"TLSv1.3", "TLSv1.2"})
        {
            try (Socket plain = new Socket("127.0.0.1", server.port()))
            {
                plain.setSoTimeout(TlsClient.TIMEOUT_MILLIS);
                plain.getOutputStream().write(StartTlsHandler.COMMAND);
                assertEquals("GO", TlsClient.readLine(plain.getInputStream()), "the reply before the upgrade is plaintext");

                final SSLSocket tls = (SSLSocket)TlsFixtures.anyServerNoCertificate().getSocketFactory()
                    .createSocket(plain, "127.0.0.1", server.port(), true);
                tls.setEnabledProtocols(new String[] {protocol});
                tls.startHandshake();
                assertEquals("OK", TlsClient.readLine(tls.getInputStream()), "the first frame after the handshake, over TLS");
                final byte[] data = "after the upgrade\n".repeat(5000).getBytes(StandardCharsets.US_ASCII);
                assertArrayEquals(data, TlsClient.echo(tls, data));
            }
        }
        assertEquals(List.of("TLS1.3", "TLS1.2"), sessions.stream().map(TlsSessionInfo::version).toList());
    }

    @Test
    void clientHelloSentWithTheCommandReachesTheLayerAsPendingBytes() throws Exception
    {
        server = servers.start(StartTlsHandler.factory(TlsFixtures.rsaServer(), sessions, handedOver));
        final MemoryClient client = new MemoryClient(TlsFixtures.anyServerNoCertificate(), "TLSv1.3");
        try (Socket socket = new Socket("127.0.0.1", server.port()))
        {
            socket.setSoTimeout(TlsClient.TIMEOUT_MILLIS);
            final OutputStream out = socket.getOutputStream();
            final InputStream in = socket.getInputStream();
            // the command and the ClientHello in one write: the server reads them together, and the handler
            // pushes TLS with the hello still unread in its input buffer
            final byte[] hello = client.produce(new byte[0]);
            final byte[] both = Arrays.copyOf(StartTlsHandler.COMMAND, StartTlsHandler.COMMAND.length + hello.length);
            System.arraycopy(hello, 0, both, StartTlsHandler.COMMAND.length, hello.length);
            out.write(both);
            assertEquals("GO\n", new String(TlsClient.readFully(in, 3), StandardCharsets.US_ASCII));

            final ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
            final byte[] buffer = new byte[32 * 1024];
            while (!plaintext.toString(StandardCharsets.US_ASCII).contains("OK\n"))
            {
                final int n = in.read(buffer);
                if (n < 0)
                {
                    throw new AssertionError("closed before OK");
                }
                // the server's flight may come in one read or several: answer() replies to all of it either way
                out.write(client.answer(Arrays.copyOf(buffer, n)));
                plaintext.write(client.takeReceived());
            }
            assertEquals("OK\n", plaintext.toString(StandardCharsets.US_ASCII));
            assertEquals(List.of(hello.length), handedOver, "the whole hello was read with the command");
        }
        assertEquals(1, sessions.size());
    }
}
