package io.ringnsq.transport.tls;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/** A client {@link SSLEngine} driven by hand: it turns plaintext into records and records into plaintext. */
final class MemoryClient
{
    final SSLEngine engine;
    private final ByteBuffer netIn = ByteBuffer.allocate(4 << 20);
    private final ByteBuffer appIn = ByteBuffer.allocate(64 * 1024);
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    MemoryClient(final SSLContext context, final String protocol) throws SSLException
    {
        engine = context.createSSLEngine("localhost", 4150);
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[] {protocol});
        engine.beginHandshake();
    }

    /** The records the client sends now: handshake messages it owes, then {@code plaintext} once it can. */
    byte[] produce(final byte[] plaintext) throws SSLException
    {
        final ByteBuffer src = ByteBuffer.wrap(plaintext);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        while (true)
        {
            runTasks();
            final SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
            final boolean wrap = status == SSLEngineResult.HandshakeStatus.NEED_WRAP
                || status == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING && src.hasRemaining();
            if (!wrap)
            {
                break;
            }
            net.clear();
            final SSLEngineResult result = engine.wrap(src, net);
            out.write(net.array(), 0, net.position());
            if (result.bytesProduced() == 0 && result.bytesConsumed() == 0)
            {
                break;
            }
        }
        return out.toByteArray();
    }

    /** Records from the server in; decoded plaintext goes to {@link #takeReceived()}. */
    void consume(final byte[] records) throws SSLException
    {
        netIn.put(records);
        netIn.flip();
        try
        {
            while (true)
            {
                runTasks();
                if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP || !netIn.hasRemaining())
                {
                    break;
                }
                final SSLEngineResult result = engine.unwrap(netIn, appIn);
                appIn.flip();
                received.write(appIn.array(), 0, appIn.limit());
                appIn.clear();
                if (result.getStatus() != SSLEngineResult.Status.OK || result.bytesConsumed() == 0 && result.bytesProduced() == 0)
                {
                    break;
                }
            }
        }
        finally
        {
            netIn.compact();
        }
    }

    /**
     * Records from the server in, and every record the client owes in reply. {@link #consume} stops where the
     * engine wants to send (TLS 1.3's compatibility ChangeCipherSpec, right after the ServerHello), leaving the
     * rest of the flight buffered here; TCP may have delivered that rest in the same read, and then no further
     * read brings anything until the client answers. So decoding resumes after each reply, until none is owed.
     */
    byte[] answer(final byte[] records) throws SSLException
    {
        final ByteArrayOutputStream replies = new ByteArrayOutputStream();
        consume(records);
        while (true)
        {
            final byte[] reply = produce(new byte[0]);
            if (reply.length == 0)
            {
                return replies.toByteArray();
            }
            replies.writeBytes(reply);
            consume(new byte[0]);
        }
    }

    byte[] takeReceived()
    {
        final byte[] bytes = received.toByteArray();
        received.reset();
        return bytes;
    }

    private void runTasks()
    {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null)
        {
            task.run();
        }
    }
}
