package io.ringnsq.transport.auth;

/** Receives the outcome of {@link AuthClient#query}; always run by the caller's sink, once. */
@FunctionalInterface
public interface AuthCallback
{
    /** Called on the thread that drains the sink given to the query. */
    void onResult(AuthResult result);
}
