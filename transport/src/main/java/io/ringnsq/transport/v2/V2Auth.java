package io.ringnsq.transport.v2;

import io.ringnsq.transport.auth.AuthCallback;
import io.ringnsq.transport.auth.AuthQuery;
import io.ringnsq.transport.auth.AuthResult;
import io.ringnsq.transport.auth.Authorizations;
import io.ringnsq.transport.auth.Permission;
import io.ringnsq.transport.nio.Connection;

/**
 * One connection's authorization (spec §1.10): the secret it gave with AUTH, what the auth server
 * granted for it and until when, and whether a query is on its way. Queries never block the agent:
 * the answer comes back on the connection's own agent thread.
 */
final class V2Auth
{
    private final V2Features.AuthQuery query;
    private final Connection connection;
    private Authorizations authorizations;
    private byte[] secret;
    private boolean pending;

    V2Auth(final V2Features.AuthQuery query, final Connection connection)
    {
        this.query = query;
        this.connection = connection;
    }

    /** Whether nsqd has an auth server: then every publish and subscribe is checked. */
    boolean enabled()
    {
        return query != null;
    }

    /** A query is on its way: the handler decodes nothing meanwhile. */
    boolean pending()
    {
        return pending;
    }

    /** What the last successful AUTH granted; null before. */
    Authorizations authorizations()
    {
        return authorizations;
    }

    boolean isExpired()
    {
        return authorizations.isExpired(connection.now());
    }

    boolean isAllowed(final String topic, final String channel, final Permission permission)
    {
        return authorizations.isAllowed(topic, channel, permission);
    }

    /** Asks about {@code secret} (AUTH), or again about the last one (expiry). */
    void query(final byte[] newSecret, final boolean tls, final String commonName, final AuthCallback callback)
    {
        if (newSecret != null)
        {
            secret = newSecret;
        }
        pending = true;
        query.query(secret, remoteIp(), tls, commonName, connection.agentExecutor(), result ->
        {
            pending = false;
            if (result instanceof AuthResult.Granted)
            {
                authorizations = ((AuthResult.Granted)result).authorizations();
            }
            callback.onResult(result);
        });
    }

    /** The client's IP as Go prints it ({@code ::1}, not the JVM's long IPv6 form), for the auth query. */
    private String remoteIp()
    {
        try
        {
            return AuthQuery.remoteIp(connection.channel().getRemoteAddress());
        }
        catch (final java.io.IOException ex)
        {
            return "";
        }
    }
}
