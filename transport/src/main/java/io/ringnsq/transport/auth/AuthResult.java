package io.ringnsq.transport.auth;

import java.util.Objects;

/** The outcome of an auth query: the authorizations granted, or why none could be had. */
public sealed interface AuthResult permits AuthResult.Granted, AuthResult.Failed
{
    /**
     * An auth server answered 200 with a valid document. It may still hold no authorizations,
     * which the handler answers with {@code E_UNAUTHORIZED AUTH no authorizations found}.
     */
    record Granted(Authorizations authorizations) implements AuthResult
    {
        public Granted
        {
            Objects.requireNonNull(authorizations, "authorizations");
        }
    }

    /**
     * No auth server gave a usable answer. {@code detail} is upstream's error text for every server
     * tried ({@code failed to auth against <addr> - <err>}, joined with {@code "; "}), for the log
     * only: the client gets {@code E_AUTH_FAILED AUTH failed}, as upstream never leaks it.
     */
    record Failed(String detail) implements AuthResult
    {
        public Failed
        {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
