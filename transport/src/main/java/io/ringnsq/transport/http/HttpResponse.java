package io.ringnsq.transport.http;

/**
 * A whole response built ahead of time (a fixed answer such as 413 {@code {"message":"MSG_TOO_BIG"}}
 * or 200 {@code OK}): status, the service's headers and the body. The body array is written as it
 * is and must not change afterwards.
 */
public final class HttpResponse
{
    private static final byte[] NO_BODY = new byte[0];

    private final int status;
    private final HttpHeaders headers;
    private final byte[] body;

    private HttpResponse(final int status, final HttpHeaders headers, final byte[] body)
    {
        HttpExchange.checkStatus(status);
        this.status = status;
        this.headers = headers == null ? HttpHeaders.EMPTY : headers;
        this.body = body == null ? NO_BODY : body;
    }

    public static HttpResponse of(final int status, final HttpHeaders headers, final byte[] body)
    {
        return new HttpResponse(status, headers, body);
    }

    public static HttpResponse of(final int status, final HttpHeaders headers, final String body)
    {
        return new HttpResponse(status, headers, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public int status()
    {
        return status;
    }

    public HttpHeaders headers()
    {
        return headers;
    }

    public byte[] body()
    {
        return body;
    }
}
