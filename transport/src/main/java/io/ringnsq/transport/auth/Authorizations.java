package io.ringnsq.transport.auth;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an auth server granted one connection (upstream's {@code auth.State}): identity, TTL, the
 * instant it was granted on the caller's monotonic clock, and the authorizations. Immutable and
 * safe to share; every instant is in nanoseconds of the I/O agent's {@code NanoClock}.
 *
 * <p>Expiry follows upstream exactly: {@code Expires = now + time.Duration(ttl) * time.Second},
 * where the multiplication wraps like Go's int64 (a TTL above 9223372036 s wraps and expires at
 * once), and the state is expired once {@code Expires} is strictly before now.
 */
public final class Authorizations
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Bounds the publish memo: topic names are few, but a client must not grow it forever. */
    private static final int PUBLISH_MEMO_LIMIT = 1024;

    private final String identity;
    private final String identityUrl;
    private final long ttlSeconds;
    private final long grantedAtNanos;
    private final List<Authorization> authorizations;
    /**
     * PUB, MPUB and DPUB check the same few topics over and over; remembering the answer keeps the
     * regex matchers (which allocate) off the publish path. Observably pure: the answer for a topic
     * never changes for one instance.
     */
    private final ConcurrentHashMap<String, Boolean> publishMemo = new ConcurrentHashMap<>();

    private Authorizations(final AuthResponse response, final long grantedAtNanos)
    {
        this.identity = response.identity();
        this.identityUrl = response.identityUrl();
        this.ttlSeconds = response.ttlSeconds();
        this.grantedAtNanos = grantedAtNanos;
        this.authorizations = response.authorizations();
    }

    /**
     * Decodes and validates an auth server's 200 body as upstream does, granted at {@code nowNanos}.
     *
     * @throws AuthResponseException with upstream's error text when upstream would refuse it
     */
    public static Authorizations parse(final byte[] body, final long nowNanos) throws AuthResponseException
    {
        return granted(AuthResponseParser.parse(body), nowNanos);
    }

    static Authorizations granted(final AuthResponse response, final long nowNanos)
    {
        return new Authorizations(response, nowNanos);
    }

    /** {@code identity} from the auth server, "" when absent; shown as {@code auth_identity} in /stats. */
    public String identity()
    {
        return identity;
    }

    /** {@code identity_url} from the auth server, "" when absent; {@code auth_identity_url} in /stats. */
    public String identityUrl()
    {
        return identityUrl;
    }

    /** The TTL in seconds, always &gt; 0. */
    public long ttlSeconds()
    {
        return ttlSeconds;
    }

    /** When the answer was taken, on the caller's clock. */
    public long grantedAtNanos()
    {
        return grantedAtNanos;
    }

    /** {@code grantedAt + ttl}, with Go's wrapping of {@code ttl * time.Second}. */
    public long expiresAtNanos()
    {
        return grantedAtNanos + ttlNanos();
    }

    /** Every authorization, in the server's order. */
    public List<Authorization> authorizations()
    {
        return authorizations;
    }

    /**
     * The {@code permission_count} of the AUTH reply. Upstream counts authorizations
     * ({@code len(AuthState.Authorizations)}), not permissions.
     */
    public int permissionCount()
    {
        return authorizations.size();
    }

    /** Upstream's {@code HasAuthorizations}: what /stats shows as {@code authed}. */
    public boolean hasAuthorizations()
    {
        return !authorizations.isEmpty();
    }

    /** Upstream's {@code IsExpired}: {@code Expires.Before(now)}. */
    public boolean isExpired(final long nowNanos)
    {
        // compared as elapsed time so that neither clock origin nor a wrapped TTL can overflow
        return nowNanos - grantedAtNanos > ttlNanos();
    }

    /**
     * Upstream's {@code State.IsAllowed}: some authorization allows it. SUB asks
     * {@code (topic, channel, SUBSCRIBE)}; PUB, MPUB and DPUB ask {@code (topic, "", PUBLISH)}.
     */
    public boolean isAllowed(final String topic, final String channel, final Permission permission)
    {
        if (permission == Permission.PUBLISH && channel.isEmpty())
        {
            final Boolean known = publishMemo.get(topic);
            if (known != null)
            {
                return known;
            }
            final boolean allowed = decide(topic, channel, permission);
            if (publishMemo.size() < PUBLISH_MEMO_LIMIT)
            {
                publishMemo.put(topic, allowed);
            }
            return allowed;
        }
        return decide(topic, channel, permission);
    }

    private boolean decide(final String topic, final String channel, final Permission permission)
    {
        for (final Authorization authorization : authorizations)
        {
            if (authorization.isAllowed(topic, channel, permission))
            {
                return true;
            }
        }
        return false;
    }

    private long ttlNanos()
    {
        // Go: time.Duration(ttl) * time.Second, an int64 product that wraps
        return ttlSeconds * NANOS_PER_SECOND;
    }
}
