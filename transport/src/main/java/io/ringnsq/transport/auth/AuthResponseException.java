package io.ringnsq.transport.auth;

/**
 * The auth server's answer could not be used: bad JSON, a JSON type Go would not decode, or a
 * value upstream's validation refuses. The message is upstream's error text, for the log only:
 * clients only ever see {@code E_AUTH_FAILED AUTH failed}.
 */
public final class AuthResponseException extends Exception
{
    private static final long serialVersionUID = 1L;

    AuthResponseException(final String message)
    {
        super(message);
    }
}
