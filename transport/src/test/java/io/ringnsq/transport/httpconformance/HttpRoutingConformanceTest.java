package io.ringnsq.transport.httpconformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spec §3.1, the rules every endpoint shares: unknown paths are 404 {@code {"message":"NOT_FOUND"}} (the
 * pre-1.0 endpoints included), a wrong method is 405 {@code {"message":"METHOD_NOT_ALLOWED"}} with an
 * {@code Allow} header, the router answers OPTIONS and redirects trailing-slash variants (httprouter
 * defaults), every V1 response carries {@code X-NSQ-Content-Type: nsq; version=1.0} and
 * {@code Accept: application/vnd.nsq; version=1.0} changes nothing.
 */
final class HttpRoutingConformanceTest extends HttpConformanceTestBase
{
    static Stream<Arguments> unknownPaths()
    {
        return Stream.of(
            Arguments.of("GET", "/"),
            Arguments.of("GET", "/nope"),
            Arguments.of("GET", "/topic"),
            Arguments.of("POST", "/topic/nope?topic=t"),
            Arguments.of("GET", "/config"),
            Arguments.of("GET", "/stats/extra"),
            Arguments.of("POST", "/channel/create/extra?topic=t&channel=c"),
            Arguments.of("OPTIONS", "/nope"),
            // removed in 1.0.0 (§3.1)
            Arguments.of("POST", "/put?topic=t"),
            Arguments.of("POST", "/mput?topic=t"),
            Arguments.of("GET", "/create_topic?topic=t"),
            Arguments.of("GET", "/delete_topic?topic=t"),
            Arguments.of("GET", "/empty_topic?topic=t"),
            Arguments.of("GET", "/create_channel?topic=t&channel=c"),
            Arguments.of("GET", "/delete_channel?topic=t&channel=c"),
            Arguments.of("GET", "/empty_channel?topic=t&channel=c"),
            Arguments.of("GET", "/pause_topic?topic=t"),
            Arguments.of("GET", "/pause_channel?topic=t&channel=c"));
    }

    @ParameterizedTest(name = "{0} {1} -> 404")
    @MethodSource("unknownPaths")
    void unknownPathsAreNotFound(final String method, final String target)
    {
        assertError(exchange(HttpRequest.of(method, target)), 404, "NOT_FOUND");
    }

    static Stream<Arguments> wrongMethods()
    {
        return Stream.of(
            Arguments.of("GET", "/pub?topic=t", "OPTIONS, POST"),
            Arguments.of("PUT", "/mpub?topic=t", "OPTIONS, POST"),
            Arguments.of("POST", "/ping", "GET, OPTIONS"),
            Arguments.of("POST", "/info", "GET, OPTIONS"),
            Arguments.of("PUT", "/stats", "GET, OPTIONS"),
            Arguments.of("GET", "/topic/create?topic=t", "OPTIONS, POST"),
            Arguments.of("GET", "/topic/pause?topic=t", "OPTIONS, POST"),
            Arguments.of("DELETE", "/channel/delete?topic=t&channel=c", "OPTIONS, POST"),
            Arguments.of("GET", "/channel/pause?topic=t&channel=c", "OPTIONS, POST"),
            Arguments.of("POST", "/config/log_level", "GET, OPTIONS, PUT"),
            Arguments.of("DELETE", "/config/anything", "GET, OPTIONS, PUT"));
    }

    @ParameterizedTest(name = "{0} {1} -> 405, Allow: {2}")
    @MethodSource("wrongMethods")
    void wrongMethodsAreMethodNotAllowedWithAnAllowHeader(final String method, final String target, final String allow)
    {
        final HttpResponse response = exchange(HttpRequest.of(method, target));

        assertError(response, 405, "METHOD_NOT_ALLOWED");
        assertEquals(allow, response.header("Allow"), () -> "Allow header; the response was " + response);
    }

    @Test
    void aWrongMethodDoesNotRunTheHandler()
    {
        final String topic = unique("t");

        exchange(HttpRequest.get("/topic/create?topic=" + topic));

        assertEquals(404, post("/topic/delete?topic=" + topic).status(), "GET /topic/create must not create the topic");
    }

    @Test
    void optionsListsTheAllowedMethods()
    {
        final HttpResponse pub = exchange(HttpRequest.of("OPTIONS", "/pub"));
        assertStatus(200, pub);
        assertEquals("OPTIONS, POST", pub.header("Allow"));
        assertEquals(0, pub.body().length);

        final HttpResponse config = exchange(HttpRequest.of("OPTIONS", "/config/log_level"));
        assertStatus(200, config);
        assertEquals("GET, OPTIONS, PUT", config.header("Allow"));
    }

    @Test
    void aTrailingSlashOnAGetIsRedirectedPermanently()
    {
        final HttpResponse ping = get("/ping/");
        assertStatus(301, ping);
        assertEquals("/ping", ping.header("Location"));

        final HttpResponse stats = get("/stats/?format=json");
        assertStatus(301, stats);
        assertEquals("/stats?format=json", stats.header("Location"), "the query is kept");
    }

    @Test
    void aTrailingSlashOnAPostIsRedirectedWithTheMethodKept()
    {
        // httprouter v1.3.0 uses 307 for every method but GET (Go has no 308 in that code path); not
        // probed on the real binary (§3.1 only says "redirects trailing-slash variants")
        final HttpResponse response = post("/pub/?topic=t", "m");

        assertStatus(307, response);
        assertEquals("/pub?topic=t", response.header("Location"));
    }

    static Stream<Arguments> v1Responses()
    {
        return Stream.of(
            Arguments.of(HttpRequest.get("/info"), 200),
            Arguments.of(HttpRequest.get("/stats"), 200),
            Arguments.of(HttpRequest.get("/stats?format=json"), 200),
            Arguments.of(HttpRequest.post("/topic/create?topic=routing-v1"), 200),
            Arguments.of(HttpRequest.post("/pub?topic=routing-v1").body("m"), 200),
            Arguments.of(HttpRequest.post("/mpub?topic=routing-v1").body("m"), 200),
            Arguments.of(HttpRequest.get("/config/msg_timeout"), 200),
            Arguments.of(HttpRequest.post("/pub?topic=routing-v1"), 400),
            Arguments.of(HttpRequest.post("/topic/delete?topic=never"), 404),
            Arguments.of(HttpRequest.get("/nope"), 404),
            Arguments.of(HttpRequest.get("/pub"), 405),
            Arguments.of(HttpRequest.post("/pub?topic=routing-v1").declaredLength(1_048_577), 413));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("v1Responses")
    void everyV1ResponseCarriesTheNsqContentTypeHeaderOnce(final HttpRequest request, final int status)
    {
        try (HttpConnection connection = HttpConnection.open(httpAddress()))
        {
            final HttpResponse response = connection.exchange(request);

            assertStatus(status, response);
            assertV1Header(response);
            assertEquals(1, response.headerCount(X_NSQ), () -> "exactly one X-NSQ-Content-Type: " + response);
        }
    }

    @Test
    void theNsqHeaderIsSpelledAsGoCanonicalisesIt()
    {
        // upstream sets "X-NSQ-Content-Type"; Go's http.Header.Set canonicalises it on the wire
        assertEquals(X_NSQ, get("/info").headerNameAsSent(X_NSQ));
        assertEquals(X_NSQ, get("/nope").headerNameAsSent(X_NSQ));
    }

    @Test
    void routerAnswersHaveNoNsqHeaderWhereUpstreamsHaveNone()
    {
        assertNull(get("/ping").header(X_NSQ), "/ping is plain text");
        assertNull(exchange(HttpRequest.of("OPTIONS", "/pub")).header(X_NSQ), "OPTIONS is answered by the router itself");
    }

    @Test
    void theAcceptVersionHeaderChangesNothing()
    {
        final HttpResponse plain = get("/config/msg_timeout");
        final HttpResponse negotiated = exchange(HttpRequest.get("/config/msg_timeout")
            .header("Accept", "application/vnd.nsq; version=1.0"));

        assertEquals(plain.status(), negotiated.status());
        assertEquals(plain.text(), negotiated.text());
        assertEquals(plain.header("Content-Type"), negotiated.header("Content-Type"));
        assertEquals(plain.header(X_NSQ), negotiated.header(X_NSQ));
        assertError(exchange(HttpRequest.get("/nope").header("Accept", "application/vnd.nsq; version=1.0")), 404, "NOT_FOUND");
    }
}
