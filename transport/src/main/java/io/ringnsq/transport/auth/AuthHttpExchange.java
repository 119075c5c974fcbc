package io.ringnsq.transport.auth;

import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLException;

import io.ringnsq.cli.GoQuote;
import io.ringnsq.transport.http.StatusText;

/**
 * One auth server asked once, as upstream's {@code http_api.Client.GETV1} asks it: GET with
 * {@code Accept: application/vnd.nsq; version=1.0}, the body read whole, anything but 200 a failure
 * ({@code got response 500 Internal Server Error "..."}), except that a 403 to an endpoint not
 * starting with {@code https} is retried once over HTTPS at the {@code https_port} its JSON body
 * names (a 403 whose body is not such JSON fails). A 200 is decoded and validated.
 */
final class AuthHttpExchange
{
    static final String ACCEPT = "application/vnd.nsq; version=1.0";

    private final HttpClient http;
    private final Executor executor;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    AuthHttpExchange(final HttpClient http, final Executor executor, final Duration connectTimeout, final Duration requestTimeout)
    {
        this.http = http;
        this.executor = executor;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
    }

    /** The validated answer of one server, or a future failed with an {@link AuthExchangeException}. */
    CompletableFuture<AuthResponse> query(final String address, final AuthQuery query, final PendingAuth pending)
    {
        return get(AuthQuery.endpoint(address, query.encoded()), pending);
    }

    private CompletableFuture<AuthResponse> get(final String endpoint, final PendingAuth pending)
    {
        final URI uri;
        final CompletableFuture<HttpResponse<byte[]>> sent;
        try
        {
            uri = new URI(endpoint);
            final HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", ACCEPT);
            if (isPositive(requestTimeout))
            {
                // covers the exchange up to the response head; the deadline below covers the body too
                request.timeout(requestTimeout);
            }
            if (connectTimeout.isNegative())
            {
                // Go dials with a deadline already passed
                return failed(urlError(endpoint, "dial tcp " + hostPort(uri) + ": i/o timeout"));
            }
            sent = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (final URISyntaxException ex)
        {
            return failed("parse " + quote(endpoint) + ": " + ex.getReason());
        }
        catch (final IllegalArgumentException ex)
        {
            // e.g. a scheme other than http or https
            return failed(urlError(endpoint, ex.getMessage()));
        }
        pending.track(sent);
        final AtomicBoolean timedOut = new AtomicBoolean();
        if (isPositive(requestTimeout))
        {
            // Go's http.Client.Timeout bounds the whole exchange, reading the body included
            CompletableFuture.delayedExecutor(requestTimeout.toNanos(), TimeUnit.NANOSECONDS, executor).execute(() ->
            {
                if (!sent.isDone())
                {
                    timedOut.set(true);
                    sent.cancel(true);
                }
            });
        }
        return sent
            .<CompletableFuture<AuthResponse>>handleAsync((response, error) -> error == null
                ? answer(endpoint, response, pending)
                : failed(urlError(endpoint, describe(error, uri, timedOut.get()))), executor)
            .thenCompose(future -> future);
    }

    private CompletableFuture<AuthResponse> answer(final String endpoint, final HttpResponse<byte[]> response, final PendingAuth pending)
    {
        final int status = response.statusCode();
        final byte[] body = response.body();
        if (status != 200)
        {
            if (status == 403 && !endpoint.startsWith("https"))
            {
                try
                {
                    return get(httpsEndpoint(endpoint, body), pending);
                }
                catch (final AuthResponseException ex)
                {
                    return failed(ex.getMessage());
                }
            }
            return failed("got response " + (status + " " + StatusText.of(status)).trim() + " " + GoQuote.quote(body));
        }
        try
        {
            return CompletableFuture.completedFuture(AuthResponseParser.parse(body));
        }
        catch (final AuthResponseException ex)
        {
            return failed(ex.getMessage());
        }
    }

    /** Upstream's {@code httpsEndpoint}: the same URL with scheme https and the port from the 403's JSON. */
    static String httpsEndpoint(final String endpoint, final byte[] body) throws AuthResponseException
    {
        final int port = AuthResponseParser.httpsPort(body);
        final URI uri;
        try
        {
            uri = new URI(endpoint);
        }
        catch (final URISyntaxException ex)
        {
            throw new AuthResponseException("parse " + quote(endpoint) + ": " + ex.getReason());
        }
        final String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        final int at = authority.lastIndexOf('@');
        final String userInfo = authority.substring(0, at + 1);
        final String host = splitHost(authority.substring(at + 1));
        final String joined = host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
        return "https://" + userInfo + joined
            + (uri.getRawPath() == null ? "" : uri.getRawPath())
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
            + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
    }

    /** The host of Go's {@code net.SplitHostPort}, with its errors. */
    private static String splitHost(final String hostPort) throws AuthResponseException
    {
        if (hostPort.startsWith("["))
        {
            final int end = hostPort.indexOf(']');
            if (end < 0)
            {
                throw new AuthResponseException("address " + hostPort + ": missing ']' in address");
            }
            if (end + 1 == hostPort.length())
            {
                throw new AuthResponseException("address " + hostPort + ": missing port in address");
            }
            if (hostPort.charAt(end + 1) != ':')
            {
                throw new AuthResponseException("address " + hostPort + ": unexpected ']' in address");
            }
            return hostPort.substring(1, end);
        }
        final int colon = hostPort.lastIndexOf(':');
        if (colon < 0)
        {
            throw new AuthResponseException("address " + hostPort + ": missing port in address");
        }
        final String host = hostPort.substring(0, colon);
        if (host.indexOf(':') >= 0)
        {
            throw new AuthResponseException("address " + hostPort + ": too many colons in address");
        }
        return host;
    }

    /** Go's wording for what went wrong on the wire, as near as the JDK's exceptions allow. */
    private static String describe(final Throwable error, final URI uri, final boolean timedOut)
    {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null)
        {
            cause = cause.getCause();
        }
        final String message = cause.getMessage();
        if (cause instanceof HttpConnectTimeoutException)
        {
            return "dial tcp " + hostPort(uri) + ": i/o timeout";
        }
        if (timedOut || cause instanceof HttpTimeoutException)
        {
            return "context deadline exceeded (Client.Timeout exceeded while awaiting headers)";
        }
        if (cause instanceof ConnectException)
        {
            if (cause.getCause() instanceof UnresolvedAddressException)
            {
                return "dial tcp: lookup " + uri.getHost() + ": no such host";
            }
            // the JDK reports a refused connection as a ConnectException without a message
            return "dial tcp " + hostPort(uri) + ": connect: "
                + (message == null ? "connection refused" : message.toLowerCase(Locale.ROOT));
        }
        if (cause instanceof SSLException)
        {
            return "tls: " + message;
        }
        if (cause instanceof CancellationException)
        {
            return "net/http: request canceled";
        }
        return message == null ? cause.getClass().getSimpleName() : message;
    }

    private static String hostPort(final URI uri)
    {
        final int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    /** Go's {@code url.Error}: {@code Get "<url>": <err>}. */
    private static String urlError(final String endpoint, final String error)
    {
        return "Get " + quote(endpoint) + ": " + error;
    }

    private static String quote(final String text)
    {
        return GoQuote.quote(text.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isPositive(final Duration duration)
    {
        return !duration.isNegative() && !duration.isZero();
    }

    private static <T> CompletableFuture<T> failed(final String message)
    {
        return CompletableFuture.failedFuture(new AuthExchangeException(message));
    }
}
