package io.ringnsq.transport.tls;

/**
 * TLS cannot be set up from the flags given: a certificate or key file is missing, unreadable, garbled, or the
 * key does not match the certificate. The message is one line, fit for the daemon to print before it exits.
 */
public final class TlsConfigException extends Exception
{
    private static final long serialVersionUID = 1L;

    public TlsConfigException(final String message)
    {
        super(message);
    }

    public TlsConfigException(final String message, final Throwable cause)
    {
        super(message, cause);
    }

    /** A JDK exception's message without the class names the JDK puts in front when it wraps one exception in another. */
    static String reason(final Throwable cause)
    {
        final String message = String.valueOf(cause.getMessage());
        return message.replaceAll("(?:[a-z]+\\.)+[A-Za-z]+(?:Exception|Error): ", "").replace("\n", " ");
    }
}
