/**
 * nsqd's AUTH: the client for the auth servers of {@code --auth-http-address}, and the
 * authorization model they answer with.
 *
 * <pre>
 *  I/O agent thread                      auth threads (fixed pool)            auth server
 *  AUTH / expired check
 *    AuthClient.query(q, clock, sink, cb) --&gt; AuthAttempts: servers in turn --&gt; GET /auth?common_name=..
 *                                             parse + validate (Go's rules)  &lt;-- 200 {"ttl":..}
 *    sink drained in the duty cycle  &lt;------- sink.execute(deliver)
 *    cb.onResult(Granted(Authorizations) | Failed(detail))
 *  PUB / SUB: Authorizations.isAllowed(topic, channel, permission), isExpired(now)
 * </pre>
 *
 * <p>Nothing here blocks the caller: the HTTP exchange, the JSON decoding and the regex compiling
 * run on the client's own small pool, and the result comes back only through the caller's sink.
 * {@link io.ringnsq.transport.auth.AuthReplies} builds the texts the protocol handler sends.
 */
package io.ringnsq.transport.auth;
