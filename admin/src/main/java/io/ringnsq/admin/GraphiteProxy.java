package io.ringnsq.admin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.ringnsq.transport.http.HttpHeaders;
import io.ringnsq.transport.http.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /render?...} with {@code --proxy-graphite}, as upstream's reverse proxy: the query goes to
 * {@code <graphite-url>/render} as it came, with the credentials of the graphite URL as basic auth, and
 * graphite's status, body and content type come back, so the pages' graphs work where the browser cannot
 * reach graphite, or should not see its password. Asynchronous: no thread waits on graphite. A body past
 * {@link #MAX_BODY}, or no answer at all, is a 502 that says why.
 */
final class GraphiteProxy
{
    /** Far above a graph (a PNG of a few tens of KiB) or a day of JSON datapoints for a few series. */
    static final int MAX_BODY = 8 * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger("nsqadmin");
    /** graphite's headers worth passing on: what the body is, and how long the browser may keep it. */
    private static final String[] PASSED = {"Content-Type", "Cache-Control", "Expires", "Last-Modified"};
    /** What java.net.URI takes in a query besides letters and digits (RFC 2396 with RFC 2732's brackets), and '%'. */
    private static final String URI_QUERY_MARKS = "-_.!~*'();/?:@&=+$,[]%";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final GraphiteUrl graphite;
    private final NodeClient client;

    GraphiteProxy(final GraphiteUrl graphite, final NodeClient client)
    {
        this.graphite = graphite;
        this.client = client;
    }

    /** graphite's answer to {@code /render} with this raw query (may be ""). */
    CompletableFuture<HttpResponse> render(final String rawQuery)
    {
        final String url = graphite.address() + "/render" + (rawQuery.isEmpty() ? "" : "?" + legalQuery(rawQuery));
        return client.fetch(url, graphite.authorization(), MAX_BODY).handle((answer, failure) ->
        {
            if (failure != null)
            {
                final String why = NodeClient.message(failure);
                LOG.error("GRAPHITE: {}", why);
                return AdminApi.error(502, "GRAPHITE_ERROR: " + why);
            }
            return HttpResponse.of(answer.statusCode(), passedHeaders(answer.headers()), answer.body());
        });
    }

    /**
     * The query with what a URI may not hold percent-encoded: browsers send graphite's {@code {a,b}} globs and
     * {@code |} as they are, which Go passes on and java.net.URI refuses. Escapes already there stay.
     */
    static String legalQuery(final String rawQuery)
    {
        final StringBuilder legal = new StringBuilder(rawQuery.length());
        for (final byte b : rawQuery.getBytes(StandardCharsets.UTF_8))
        {
            final char c = (char)(b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || URI_QUERY_MARKS.indexOf(c) >= 0)
            {
                legal.append(c);
            }
            else
            {
                legal.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return legal.toString();
    }

    private static HttpHeaders passedHeaders(final java.net.http.HttpHeaders from)
    {
        final List<String> namesAndValues = new ArrayList<>();
        for (final String name : PASSED)
        {
            from.firstValue(name).ifPresent(value ->
            {
                namesAndValues.add(name);
                namesAndValues.add(value);
            });
        }
        return HttpHeaders.of(namesAndValues.toArray(new String[0]));
    }
}
