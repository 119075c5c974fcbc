package io.ringnsq.transport.auth;

import java.util.List;

/**
 * An auth server's answer after decoding and upstream's validation, before it is given an instant:
 * {@link Authorizations#granted} stamps it on the thread that reads the agent's clock.
 */
record AuthResponse(long ttlSeconds, String identity, String identityUrl, List<Authorization> authorizations)
{
    AuthResponse
    {
        authorizations = List.copyOf(authorizations);
    }
}
