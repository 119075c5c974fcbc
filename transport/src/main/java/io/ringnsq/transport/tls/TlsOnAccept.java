package io.ringnsq.transport.tls;

import java.io.IOException;

import io.ringnsq.core.link.OutboundEvent;
import io.ringnsq.transport.nio.Connection;
import io.ringnsq.transport.nio.ConnectionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handlers for a listener that speaks TLS from the first byte (HTTPS): each accepted connection gets a
 * {@link TlsLayer} before the wrapped handler is made, so that handler only ever sees plaintext, and only
 * once the handshake is complete.
 */
public final class TlsOnAccept implements ConnectionHandler.Factory
{
    private static final Logger LOG = LoggerFactory.getLogger(TlsOnAccept.class);

    private final TlsSettings settings;
    private final ConnectionHandler.Factory plaintext;

    /** Handlers from {@code plaintext}, each behind TLS set up from {@code settings}. */
    public TlsOnAccept(final TlsSettings settings, final ConnectionHandler.Factory plaintext)
    {
        this.settings = settings;
        this.plaintext = plaintext;
    }

    @Override
    public ConnectionHandler newHandler(final Connection connection)
    {
        try
        {
            connection.pushLayer(settings.layerFor(connection, null));
        }
        catch (final IOException | RuntimeException ex)
        {
            LOG.warn("{}: cannot start TLS: {}", connection, ex.toString());
            connection.close();
            return Closed.HANDLER;
        }
        return plaintext.newHandler(connection);
    }

    /** Stands in for the handler of a connection closed before it had one. */
    private enum Closed implements ConnectionHandler
    {
        HANDLER;

        @Override
        public int onInput(final Connection connection, final boolean endOfStream)
        {
            return 0;
        }

        @Override
        public void onOutbound(final Connection connection, final OutboundEvent event)
        {
        }

        @Override
        public void onTimer(final Connection connection, final long now)
        {
        }
    }
}
