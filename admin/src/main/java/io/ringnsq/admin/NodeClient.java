package io.ringnsq.admin;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * nsqadmin's HTTP client for nsqd and nsqlookupd (upstream's {@code http_api.Client}), and graphite: the V1 Accept
 * header, the connect and request timeouts of the flags, and a failure that names the URL and why
 * (refused, timed out, an error status and its body, a body that is not JSON), so the page can say
 * which node failed.
 */
final class NodeClient
{
    private static final String ACCEPT = "application/vnd.nsq; version=1.0";

    private final HttpClient http;
    private final Duration requestTimeout;
    private final ObjectMapper json;

    NodeClient(final Duration connectTimeout, final Duration requestTimeout, final ObjectMapper json, final SSLContext tls)
    {
        // the client's own (daemon) threads complete the futures; the API's bounded pool only waits on them
        final HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER);
        this.http = (tls == null ? builder : builder.sslContext(tls)).build();
        this.requestTimeout = requestTimeout;
        this.json = json;
    }

    /** The URL for a node address ({@code host:port}, or a URL with its scheme) and a path with its query. */
    static String url(final String address, final String pathAndQuery)
    {
        final String base = address.startsWith("http://") || address.startsWith("https://") ? address : "http://" + address;
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery;
    }

    /** GET a V1 JSON document; fails with a {@link NodeException} naming the URL. */
    CompletableFuture<JsonNode> getJson(final String address, final String pathAndQuery)
    {
        return getJson(address, pathAndQuery, null);
    }

    /** The same with an {@code Authorization} header (graphite's credentials); null for none. */
    CompletableFuture<JsonNode> getJson(final String address, final String pathAndQuery, final String authorization)
    {
        final String url = url(address, pathAndQuery);
        return send("GET", url, null, authorization).thenApply(body ->
        {
            try
            {
                final JsonNode node = json.readTree(body);
                if (node == null || node.isMissingNode())
                {
                    throw new NodeException("GET " + url + ": empty body, expected JSON");
                }
                return node;
            }
            catch (final IOException ex)
            {
                throw new NodeException("GET " + url + ": invalid JSON, the body starts " + preview(body));
            }
        });
    }

    /** POST with no body (nsqd and lookupd actions take their parameters in the query). */
    CompletableFuture<byte[]> post(final String address, final String pathAndQuery)
    {
        return send("POST", url(address, pathAndQuery), null, null);
    }

    /** POST a JSON body to a full URL (the notification endpoint). */
    CompletableFuture<byte[]> postJson(final String url, final byte[] body)
    {
        return send("POST", url, body, null);
    }

    /**
     * GET a URL and take its answer as it is, whatever the status (what graphite says is passed on), the body read
     * up to {@code maxBody} bytes; fails with a {@link NodeException} naming the URL when there is no answer or a
     * larger one. {@code authorization} is null for none.
     */
    CompletableFuture<HttpResponse<byte[]>> fetch(final String url, final String authorization, final int maxBody)
    {
        return sendOnce("GET", url, null, authorization, info -> new CappedBody(maxBody));
    }

    private CompletableFuture<byte[]> send(final String method, final String url, final byte[] body, final String authorization)
    {
        final HttpResponse.BodyHandler<byte[]> whole = HttpResponse.BodyHandlers.ofByteArray();
        return sendOnce(method, url, body, authorization, whole).thenCompose(answer ->
        {
            if (answer.statusCode() == 403 && url.startsWith("http://"))
            {
                // nsqd with --tls-required answers plain HTTP with its HTTPS port: follow it, as upstream's client does
                final String https = httpsUrl(url, answer.body());
                if (https != null)
                {
                    return sendOnce(method, https, body, authorization, whole).thenApply(again -> checked(method, https, again));
                }
            }
            return CompletableFuture.completedFuture(checked(method, url, answer));
        });
    }

    /** The same URL on https and the {@code https_port} of a TLS_REQUIRED answer; null when it is not one. */
    private String httpsUrl(final String url, final byte[] body)
    {
        try
        {
            final JsonNode port = json.readTree(body).path("https_port");
            if (!port.canConvertToInt())
            {
                return null;
            }
            final URI u = URI.create(url);
            return new URI("https", null, u.getHost(), port.asInt(), u.getRawPath(), null, null)
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        }
        catch (final IOException | java.net.URISyntaxException | RuntimeException ex)
        {
            return null;
        }
    }

    private static byte[] checked(final String method, final String url, final HttpResponse<byte[]> response)
    {
        if (response.statusCode() != 200)
        {
            final String text = new String(response.body(), StandardCharsets.UTF_8);
            throw new NodeException(method + " " + url + ": got response " + response.statusCode() + " "
                + firstLine(text.length() > 200 ? text.substring(0, 200) : text));
        }
        return response.body();
    }

    private <T> CompletableFuture<HttpResponse<T>> sendOnce(final String method, final String url, final byte[] body,
        final String authorization, final HttpResponse.BodyHandler<T> handler)
    {
        final HttpRequest request;
        try
        {
            final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout).header("Accept", ACCEPT);
            if (authorization != null)
            {
                builder.header("Authorization", authorization);
            }
            if (body == null)
            {
                builder.method(method, HttpRequest.BodyPublishers.noBody());
            }
            else
            {
                builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            }
            request = builder.build();
        }
        catch (final IllegalArgumentException ex)
        {
            return CompletableFuture.failedFuture(new NodeException(method + " " + url + ": bad address - " + ex.getMessage()));
        }
        return http.sendAsync(request, handler).handle((response, failure) ->
        {
            if (failure != null)
            {
                throw new NodeException(method + " " + url + ": " + reason(failure));
            }
            return response;
        });
    }

    private static String reason(final Throwable failure)
    {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (t instanceof HttpConnectTimeoutException)
        {
            return "connect timed out";
        }
        if (t instanceof HttpTimeoutException)
        {
            return "request timed out";
        }
        for (Throwable c = t; c != null; c = c.getCause())
        {
            if (c instanceof ConnectException)
            {
                return "connection refused";
            }
        }
        while (t.getCause() != null && t.getMessage() == null)
        {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : firstLine(t.getMessage());
    }

    /** The start of a body, quoted, for a message that says what came instead of JSON. */
    private static String preview(final byte[] body)
    {
        final String text = new String(body, 0, Math.min(body.length, 40), StandardCharsets.UTF_8);
        return "\"" + text.replaceAll("\\s+", " ") + (body.length > 40 ? "...\"" : "\"");
    }

    private static String firstLine(final String text)
    {
        if (text == null)
        {
            return "";
        }
        final int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).trim();
    }

    /** The unwrapped failure of a future from this client. */
    static String message(final Throwable failure)
    {
        final Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return t instanceof NodeException ? t.getMessage() : String.valueOf(t);
    }

    /** A node's failure, worded for the operator. */
    static final class NodeException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        NodeException(final String message)
        {
            super(message, null, false, false);
        }
    }
}
