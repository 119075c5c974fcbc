package io.ringnsq.transport.auth;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The query string of one AUTH: upstream's {@code url.Values} with {@code remote_ip}, {@code tls},
 * {@code secret} and {@code common_name}, encoded as {@code Values.Encode} does it: keys in
 * alphabetical order, each value through {@code url.QueryEscape} (bytes other than
 * {@code A-Z a-z 0-9 - _ . ~} as upper-case {@code %XX}, space as {@code +}).
 * For example {@code common_name=&remote_ip=127.0.0.1&secret=good&tls=false}.
 */
public final class AuthQuery
{
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String encoded;

    private AuthQuery(final String encoded)
    {
        this.encoded = encoded;
    }

    /**
     * @param remoteIp   the client's IP as Go prints it ({@link #remoteIp(SocketAddress)}), "" for a unix socket
     * @param tls        whether the connection was upgraded to TLS
     * @param commonName the CN of the client certificate, "" without one
     * @param secret     the AUTH body, bytes as sent (Go's {@code string(body)} keeps them raw)
     */
    public static AuthQuery of(final String remoteIp, final boolean tls, final String commonName, final byte[] secret)
    {
        Objects.requireNonNull(secret, "secret");
        final StringBuilder out = new StringBuilder(64 + secret.length * 3);
        out.append("common_name=");
        escape(out, commonName.getBytes(StandardCharsets.UTF_8));
        out.append("&remote_ip=");
        escape(out, remoteIp.getBytes(StandardCharsets.UTF_8));
        out.append("&secret=");
        escape(out, secret);
        out.append("&tls=").append(tls);
        return new AuthQuery(out.toString());
    }

    /**
     * Upstream's {@code remoteIP}: the host of {@code net.SplitHostPort(conn.RemoteAddr())} for TCP
     * ({@code 127.0.0.1}, {@code ::1}, {@code fe80::1%eth0}), "" for anything else (a unix socket).
     */
    public static String remoteIp(final SocketAddress address)
    {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null)
        {
            return GoIp.format(inet.getAddress());
        }
        return "";
    }

    /** The encoded query, without the '?'. */
    public String encoded()
    {
        return encoded;
    }

    /**
     * Upstream's endpoint for one {@code --auth-http-address}: the address itself when it holds
     * {@code ://}, else {@code http://<address>/auth}, then {@code ?} and the query.
     */
    static String endpoint(final String address, final String encodedQuery)
    {
        return address.contains("://")
            ? address + "?" + encodedQuery
            : "http://" + address + "/auth?" + encodedQuery;
    }

    @Override
    public String toString()
    {
        return encoded;
    }

    private static void escape(final StringBuilder out, final byte[] bytes)
    {
        for (final byte b : bytes)
        {
            final int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '_' || c == '.' || c == '~')
            {
                out.append((char)c);
            }
            else if (c == ' ')
            {
                out.append('+');
            }
            else
            {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
    }
}
