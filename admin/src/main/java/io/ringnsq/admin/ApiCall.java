package io.ringnsq.admin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.ringnsq.transport.http.HttpRequest;
import io.ringnsq.transport.http.QueryString;

/**
 * What the API needs of a request, copied on the I/O agent's thread: the connection reuses its request
 * object once answered, and the answer is worked out on another thread.
 */
record ApiCall(String method, String path, String query, byte[] body, String remoteAddress, String host, String userAgent,
    String aclUser, String basicAuthUser)
{
    static ApiCall of(final HttpRequest request, final String path, final String aclHeader)
    {
        final String acl = request.header(aclHeader);
        return new ApiCall(request.method(), path, request.rawQuery(), request.body().clone(), request.remoteAddress(),
            nonNull(request.header("Host")), nonNull(request.header("User-Agent")), nonNull(acl),
            basicAuthUser(request.header("Authorization")));
    }

    private static String nonNull(final String s)
    {
        return s == null ? "" : s;
    }

    /** The user of a {@code Basic} Authorization header, as Go's {@code req.BasicAuth()} gives it; "" otherwise. */
    static String basicAuthUser(final String authorization)
    {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6))
        {
            return "";
        }
        try
        {
            final String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            final int colon = decoded.indexOf(':');
            return colon < 0 ? "" : decoded.substring(0, colon);
        }
        catch (final IllegalArgumentException ex)
        {
            return "";
        }
    }

    /** A query parameter's first value, as Go's {@code url.Values.Get}; null when absent. */
    String param(final String key)
    {
        final QueryString q = new QueryString();
        final byte[] raw = query.getBytes(StandardCharsets.ISO_8859_1);
        q.parse(raw, 0, raw.length);
        return q.get(key);
    }

    /** The address without its port, for the CIDR check of /config. */
    String remoteIp()
    {
        final String a = remoteAddress == null ? "" : remoteAddress;
        final int colon = a.lastIndexOf(':');
        final String host = colon < 0 ? a : a.substring(0, colon);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
