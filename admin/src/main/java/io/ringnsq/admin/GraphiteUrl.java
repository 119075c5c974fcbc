package io.ringnsq.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code --graphite-url} taken apart once: the address nsqadmin asks ({@code /render} is added to it) and the
 * basic-auth credentials written into it, which upstream passes along as an {@code Authorization} header (its
 * proxy sets it, Go's client does so for {@code /api/graphite}). The address never carries them: it is what
 * the pages and the logs may show. A value without a scheme is taken as {@code http://}, as node addresses are.
 */
final class GraphiteUrl
{
    private static final GraphiteUrl NONE = new GraphiteUrl("", null);

    private final String address;
    private final String authorization;

    private GraphiteUrl(final String address, final String authorization)
    {
        this.address = address;
        this.authorization = authorization;
    }

    /**
     * @param flag {@code --graphite-url}; "" for none
     * @throws IllegalArgumentException worded as upstream's start-up check when it is not a URL
     */
    static GraphiteUrl parse(final String flag)
    {
        if (flag == null || flag.isEmpty())
        {
            return NONE;
        }
        final URI uri;
        try
        {
            uri = new URI(NodeClient.url(flag, ""));
            if (uri.getRawAuthority() == null)
            {
                throw new URISyntaxException(flag, "no host");
            }
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalArgumentException("failed to parse --graphite-url (" + flag + ") - " + ex.getMessage(), ex);
        }
        // the authority taken apart by hand: java.net.URI finds no user info in one whose host it cannot
        // parse as a server name (an underscore in it, say), and the credentials must not stay in the address
        final String authority = uri.getRawAuthority();
        final int at = authority.lastIndexOf('@');
        final String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        final String address = uri.getScheme() + "://" + authority.substring(at + 1)
            + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        return new GraphiteUrl(address, at < 0 ? null : basicAuth(authority.substring(0, at)));
    }

    /** Go's {@code url.User}: the name and password percent-decoded, the password optional. */
    private static String basicAuth(final String rawUserInfo)
    {
        final int colon = rawUserInfo.indexOf(':');
        final String user = decode(colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon));
        final String password = colon < 0 ? "" : decode(rawUserInfo.substring(colon + 1));
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(final String text)
    {
        // URLDecoder would turn '+' into a space; in a URL's user info it is a plus
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    boolean isSet()
    {
        return !address.isEmpty();
    }

    /** Scheme, host, port and path, without credentials or a trailing slash; "" when not set. */
    String address()
    {
        return address;
    }

    /** The {@code Authorization} header for graphite, or null when the URL carries no credentials. */
    String authorization()
    {
        return authorization;
    }
}
