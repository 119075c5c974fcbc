package io.ringnsq.transport.auth;

/** Go's {@code regexp.Compile} would refuse the expression; the message mimics Go's for the log. */
final class GoRegexException extends Exception
{
    private static final long serialVersionUID = 1L;

    GoRegexException(final String code, final String fragment)
    {
        super("error parsing regexp: " + code + ": `" + fragment + "`");
    }
}
