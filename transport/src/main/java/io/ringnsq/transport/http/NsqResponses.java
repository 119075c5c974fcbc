package io.ringnsq.transport.http;

import java.nio.charset.StandardCharsets;

/**
 * Responses in the shape every NSQ daemon's HTTP API gives them (upstream's {@code http_api.RespondV1}):
 * the {@code X-NSQ-Content-Type: nsq; version=1.0} header on each; a string result as raw text, no
 * result as an empty body, an object as JSON; any error as {@code {"message":"<TEXT>"}} JSON.
 */
public final class NsqResponses
{
    public static final String JSON = "application/json; charset=utf-8";
    public static final String TEXT = "text/plain; charset=utf-8";

    private static final HttpHeaders V1 = HttpHeaders.of("X-Nsq-Content-Type", "nsq; version=1.0");
    private static final HttpHeaders V1_JSON = V1.with("Content-Type", JSON);
    private static final byte[] NO_BODY = new byte[0];

    private NsqResponses()
    {
    }

    /** 200 with a text result: no Content-Type of its own, so the server sniffs one as Go does (text/plain). */
    public static HttpResponse text(final String text)
    {
        return HttpResponse.of(200, V1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** 200 with an empty body and no Content-Type. */
    public static HttpResponse empty()
    {
        return HttpResponse.of(200, V1, NO_BODY);
    }

    /** 200 with a JSON document. */
    public static HttpResponse json(final byte[] json)
    {
        return HttpResponse.of(200, V1_JSON, json);
    }

    /** 200 with a body and a Content-Type of the caller's. */
    public static HttpResponse typed(final String contentType, final byte[] body)
    {
        return HttpResponse.of(200, V1.with("Content-Type", contentType), body);
    }

    /** An error: {@code status} and {@code {"message":"<message>"}}. */
    public static HttpResponse error(final int status, final String message)
    {
        final String json = "{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        return HttpResponse.of(status, V1_JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    /** 405 with the routes' {@code Allow} list. */
    public static HttpResponse methodNotAllowed(final String allow)
    {
        final byte[] json = "{\"message\":\"METHOD_NOT_ALLOWED\"}".getBytes(StandardCharsets.UTF_8);
        return HttpResponse.of(405, V1_JSON.with("Allow", allow), json);
    }

    /** The answer to OPTIONS: 200, the {@code Allow} list, no body (httprouter's default). */
    public static HttpResponse options(final String allow)
    {
        return HttpResponse.of(200, HttpHeaders.of("Allow", allow), NO_BODY);
    }

    /**
     * What httprouter answers a request no route takes, in its order: the trailing-slash redirect when the path
     * without its last {@code /} has a route, the {@code Allow} list to OPTIONS, 405 for a path routed for other
     * methods, else 404 {@code NOT_FOUND}. For any NSQ daemon's API ({@code match} is {@code router}'s for it).
     */
    public static HttpResponse unrouted(final Router<?> router, final HttpRequest request, final Router.Match<?> match)
    {
        final String path = request.path();
        if (match.allow() == null && path.length() > 1 && path.endsWith("/") && router.hasPath(path.substring(0, path.length() - 1)))
        {
            final String query = request.rawQuery();
            return redirect(request.method(), path.substring(0, path.length() - 1) + (query.isEmpty() ? "" : "?" + query));
        }
        if ("OPTIONS".equals(request.method()) && match.allow() != null)
        {
            return options(match.allow());
        }
        if (match.methodNotAllowed())
        {
            return methodNotAllowed(match.allow());
        }
        return error(404, "NOT_FOUND");
    }

    /**
     * httprouter's trailing-slash redirect, written as Go's {@code http.Redirect} writes it: 301 for
     * GET (with a small HTML body) and 307, method kept, for the others.
     */
    public static HttpResponse redirect(final String method, final String location)
    {
        final boolean get = "GET".equals(method);
        final boolean head = "HEAD".equals(method);
        final int status = get || head ? 301 : 307;
        if (!get && !head)
        {
            return HttpResponse.of(status, HttpHeaders.of("Location", location), NO_BODY);
        }
        final String escaped = location.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\"", "&#34;").replace("'", "&#39;");
        final byte[] body = get ? ("<a href=\"" + escaped + "\">Moved Permanently</a>.\n\n").getBytes(StandardCharsets.UTF_8) : NO_BODY;
        return HttpResponse.of(status, HttpHeaders.of("Location", location, "Content-Type", "text/html; charset=utf-8"), body);
    }

    /**
     * Upstream's {@code PlainText} decorator (/ping, /debug): the text as it is, errors too, no X-NSQ
     * header and no Content-Type of its own (Go sniffs text/plain for a non-empty body).
     */
    public static HttpResponse plain(final int status, final String text)
    {
        return HttpResponse.of(status, HttpHeaders.EMPTY, text.getBytes(StandardCharsets.UTF_8));
    }
}
