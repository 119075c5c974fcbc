package io.ringnsq.admin.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringnsq.admin.AdminContext;
import io.ringnsq.admin.Nsqadmin;

/** Calls an nsqadmin's HTTP API as its UI does and reads the JSON answers. */
public final class AdminClient
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public AdminClient(final String base)
    {
        this.base = base;
    }

    /** A status and a parsed body (a JSON null when the body is not JSON). */
    public record Answer(int status, JsonNode json, String text, HttpResponse<String> raw)
    {
    }

    /** Starts an nsqadmin with {@code context} on a free loopback port, GETs {@code path} from it, and stops it. */
    public static Answer getOnce(final AdminContext context, final String path) throws IOException, InterruptedException
    {
        try (Nsqadmin admin = Nsqadmin.start(context.httpAddress("127.0.0.1:0")))
        {
            return new AdminClient("http://127.0.0.1:" + admin.httpAddress().getPort()).get(path);
        }
    }

    public Answer get(final String path) throws IOException, InterruptedException
    {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** The raw answer to a GET, its body as bytes. */
    public HttpResponse<byte[]> getBytes(final String path) throws IOException, InterruptedException
    {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The raw answer to a GET that accepts gzip (the body is left compressed). */
    public HttpResponse<byte[]> getGzipped(final String path) throws IOException, InterruptedException
    {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Encoding", "gzip").build(),
            HttpResponse.BodyHandlers.ofByteArray());
    }

    public Answer post(final String path, final String body, final String... headers) throws IOException, InterruptedException
    {
        return send(with(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)), headers));
    }

    public Answer put(final String path, final String body) throws IOException, InterruptedException
    {
        return send(HttpRequest.newBuilder(URI.create(base + path)).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Answer delete(final String path, final String body, final String... headers) throws IOException, InterruptedException
    {
        return send(with(HttpRequest.newBuilder(URI.create(base + path)).method("DELETE", HttpRequest.BodyPublishers.ofString(body)),
            headers));
    }

    private static HttpRequest.Builder with(final HttpRequest.Builder builder, final String... headers)
    {
        for (int i = 0; i + 1 < headers.length; i += 2)
        {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private Answer send(final HttpRequest.Builder builder) throws IOException, InterruptedException
    {
        final HttpResponse<String> r = http.send(builder.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json;
        try
        {
            json = JSON.readTree(r.body());
        }
        catch (final IOException ex)
        {
            json = JSON.nullNode();
        }
        return new Answer(r.statusCode(), json == null ? JSON.nullNode() : json, r.body(), r);
    }
}
