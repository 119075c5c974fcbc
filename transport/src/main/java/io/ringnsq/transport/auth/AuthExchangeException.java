package io.ringnsq.transport.auth;

/** One auth server gave no usable answer; the message is upstream's error text. Stackless: it is expected. */
final class AuthExchangeException extends Exception
{
    private static final long serialVersionUID = 1L;

    AuthExchangeException(final String message)
    {
        super(message, null, false, false);
    }
}
