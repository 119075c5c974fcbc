package io.ringnsq.transport.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.ringnsq.core.link.OutboundEvent;
import io.ringnsq.transport.nio.Connection;
import io.ringnsq.transport.nio.ConnectionHandler;

/**
 * nsqd's upgrade in miniature: plaintext until the client sends {@code STARTTLS\n}, answered {@code GO\n} in
 * plaintext (IDENTIFY's JSON); then TLS on the same socket, {@code OK\n} over TLS the moment the handshake
 * completes (from the handshake listener, as the V2 handler does), and an echo from then on.
 */
final class StartTlsHandler implements ConnectionHandler
{
    static final byte[] COMMAND = "STARTTLS\n".getBytes(StandardCharsets.US_ASCII);

    private final TlsSettings settings;
    private final List<TlsSessionInfo> sessions;
    /** Bytes that followed the command in the input buffer when TLS was pushed, one entry per upgrade. */
    private final List<Integer> handedOver;
    private final EchoHandler echo = new EchoHandler(new EchoHandler.Seen());
    private boolean upgraded;

    StartTlsHandler(final TlsSettings settings, final List<TlsSessionInfo> sessions, final List<Integer> handedOver)
    {
        this.settings = settings;
        this.sessions = sessions;
        this.handedOver = handedOver;
    }

    /**
     * @param sessions where each connection's session goes when its handshake completes.
     * @param handedOver where the count of bytes handed to TLS as pending goes, per upgrade.
     */
    static ConnectionHandler.Factory factory(
        final TlsSettings settings, final List<TlsSessionInfo> sessions, final List<Integer> handedOver)
    {
        return connection -> new StartTlsHandler(settings, sessions, handedOver);
    }

    @Override
    public int onInput(final Connection c, final boolean endOfStream)
    {
        if (upgraded)
        {
            return echo.onInput(c, endOfStream);
        }
        final ByteBuffer in = c.input();
        if (in.position() < COMMAND.length)
        {
            if (endOfStream)
            {
                c.close();
            }
            return 0;
        }
        for (int i = 0; i < COMMAND.length; i++)
        {
            if (in.get(i) != COMMAND[i])
            {
                c.close();
                return 0;
            }
        }
        // consume the command; whatever follows it (a ClientHello sent without waiting) belongs to TLS
        in.flip().position(COMMAND.length);
        in.compact();
        handedOver.add(in.position());
        try
        {
            send(c, "GO\n");
            if (!c.flushNow())
            {
                throw new IllegalStateException("plaintext reply not flushed before the upgrade");
            }
            upgraded = true;
            c.pushLayer(settings.layerFor(c, layer ->
            {
                sessions.add(layer.session());
                send(c, "OK\n");
                c.markDirty();
            }));
        }
        catch (final IOException ex)
        {
            c.close();
        }
        return COMMAND.length;
    }

    private static void send(final Connection c, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        try
        {
            final ByteBuffer out = c.output().claim(bytes.length, c.layer());
            if (out == null)
            {
                c.output().enqueue(ByteBuffer.wrap(bytes));
            }
            else
            {
                out.put(bytes);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void onOutbound(final Connection c, final OutboundEvent event)
    {
    }

    @Override
    public void onTimer(final Connection c, final long now)
    {
    }
}
