package io.ringnsq.transport.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;

import io.ringnsq.core.link.CommandType;
import io.ringnsq.core.link.IoLink;
import io.ringnsq.core.time.ManualClock;
import io.ringnsq.transport.nio.Connection;
import io.ringnsq.transport.nio.IoAgent;
import io.ringnsq.transport.testsupport.TlsFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients that do not speak TLS where it is expected, or stop speaking it halfway: the connection is closed
 * (or, for a silent client, left idle without cost) and the handler never sees a byte.
 */
class TlsFailureTest
{
    private final EchoHandler.Seen seen = new EchoHandler.Seen();
    @RegisterExtension
    final TlsServers servers = new TlsServers();
    private TlsTestServer server;
    private IoAgent agent;

    @AfterEach
    void stop()
    {
        if (agent != null)
        {
            agent.onClose();
        }
    }

    @Test
    void plaintextHttpRequestOnTheTlsPortIsClosedBeforeAnyHandlerInput() throws Exception
    {
        start();
        try (Socket socket = new Socket("127.0.0.1", server.port()))
        {
            socket.getOutputStream().write("GET /ping HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(TlsClient.closedByServer(socket));
        }
        assertEquals(List.of(), seen.sessions);
    }

    @Test
    void garbageBytesAreClosedBeforeAnyHandlerInput() throws Exception
    {
        start();
        final byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        garbage[0] = 0x16; // even looking like a handshake record at first
        try (Socket socket = new Socket("127.0.0.1", server.port()))
        {
            socket.getOutputStream().write(garbage);
            assertTrue(TlsClient.closedByServer(socket));
        }
        assertEquals(List.of(), seen.sessions);
    }

    @Test
    void recordHeaderClaimingSixtyFourKibibytesIsClosedWithoutWaitingForTheRecord() throws Exception
    {
        start();
        try (Socket socket = new Socket("127.0.0.1", server.port()))
        {
            socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, (byte)0xff, (byte)0xff, 1, 0, 0});
            assertTrue(TlsClient.closedByServer(socket), "closed on the header alone, not after 64 KiB arrive");
        }
    }

    @Test
    void tls12RenegotiationIsRefusedAsGoRefusesIt() throws Exception
    {
        start();
        try (SSLSocket socket = TlsClient.connect(TlsFixtures.anyServerNoCertificate(), server.port(), "TLSv1.2"))
        {
            final byte[] ping = "ping\n".getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(ping, TlsClient.echo(socket, ping));
            final IOException failure = assertThrows(IOException.class, () ->
            {
                socket.startHandshake(); // a second handshake on an established TLS 1.2 session
                TlsClient.echo(socket, ping);
            });
            assertFalse(failure instanceof SocketTimeoutException, failure.toString());
        }
    }

    @Test
    void clientThatStopsMidHandshakeLeavesTheAgentIdleAndTheLayerBounded() throws Exception
    {
        final IoLink link = new IoLink(0, 64, 64);
        final ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress("127.0.0.1", 0));
        final List<Connection> connections = new CopyOnWriteArrayList<>();
        final TlsOnAccept tls = new TlsOnAccept(TlsFixtures.rsaServer(), EchoHandler.factory(seen));
        agent = new IoAgent(0, link, new ManualClock(), 16 * 1024, 32 * 1024);
        agent.addListener(listener, connection ->
        {
            connections.add(connection);
            return tls.newHandler(connection);
        });
        agent.onStart();

        final byte[] hello = new MemoryClient(TlsFixtures.anyServerNoCertificate(), "TLSv1.3").produce(new byte[0]);
        try (Socket socket = new Socket("127.0.0.1", listener.socket().getLocalPort()))
        {
            final OutputStream out = socket.getOutputStream();
            out.write(Arrays.copyOf(hello, 60)); // a third of a ClientHello, then silence
            out.flush();
            final long settle = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() < settle)
            {
                agent.doWork();
                Thread.sleep(1);
            }
            assertEquals(1, connections.size());
            final TlsLayer layer = (TlsLayer)connections.get(0).layer();
            final int capacity = layer.bufferedCapacity();

            int work = 0;
            for (int i = 0; i < 5000; i++)
            {
                work += agent.doWork();
            }
            assertEquals(0, work, "no work while the client is silent: nothing spins");
            assertEquals(capacity, layer.bufferedCapacity(), "nothing grew");
            assertEquals(0, socket.getInputStream().available(), "nothing was sent on a partial hello");
            assertEquals(List.of(), seen.sessions);
        }

        // the client gives up: the connection ends and the engine is told
        final List<Integer> commands = new ArrayList<>();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!commands.contains(CommandType.DISCONNECT) && System.nanoTime() < deadline)
        {
            agent.doWork();
            link.pollCommands((event, sequence, endOfBatch) ->
            {
                commands.add(event.type);
                event.clear();
                return true;
            });
        }
        assertEquals(List.of(CommandType.CONNECT, CommandType.DISCONNECT), commands);
    }

    private void start() throws Exception
    {
        server = servers.start(new TlsOnAccept(TlsFixtures.rsaServer(), EchoHandler.factory(seen)));
    }
}
