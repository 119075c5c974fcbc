package io.ringnsq.transport.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link AuthClient} needs from nsqd's options.
 *
 * @param addresses      {@code --auth-http-address}, in the order given: {@code host:port} or a full URL
 * @param connectTimeout {@code --http-client-connect-timeout} (2s); zero for none
 * @param requestTimeout {@code --http-client-request-timeout} (5s), for the whole exchange; zero or less for none
 * @param tlsRootCaFile  {@code --tls-root-ca-file}, the only roots trusted for https auth servers; null for the JVM's
 * @param threads        threads of the client's pool: a constant, never a function of the connections
 */
public record AuthClientConfig(
    List<String> addresses,
    Duration connectTimeout,
    Duration requestTimeout,
    Path tlsRootCaFile,
    int threads)
{
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_THREADS = 2;

    public AuthClientConfig
    {
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (threads < 1)
        {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
    }

    /** The given auth servers with nsqd's default timeouts, no root CA file, the default pool. */
    public static AuthClientConfig of(final List<String> addresses)
    {
        return new AuthClientConfig(addresses, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, null, DEFAULT_THREADS);
    }

    public AuthClientConfig withTimeouts(final Duration connect, final Duration request)
    {
        return new AuthClientConfig(addresses, connect, request, tlsRootCaFile, threads);
    }

    public AuthClientConfig withTlsRootCaFile(final Path file)
    {
        return new AuthClientConfig(addresses, connectTimeout, requestTimeout, file, threads);
    }

    public AuthClientConfig withThreads(final int count)
    {
        return new AuthClientConfig(addresses, connectTimeout, requestTimeout, tlsRootCaFile, count);
    }

    /** Upstream's {@code IsAuthEnabled}: at least one auth server. */
    public boolean isEnabled()
    {
        return !addresses.isEmpty();
    }
}
