package io.ringnsq.transport.httpconformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spec §3.2 debug rows. {@code /debug/pprof/*} is Go's profiler: a Java clone may answer 404 or a JVM
 * equivalent, so only "not a server error" is checked. {@code /debug/setblockrate} and
 * {@code /debug/freememory} are plain-text endpoints (no X-NSQ header).
 */
final class DebugEndpointsConformanceTest extends HttpConformanceTestBase
{
    @ParameterizedTest
    @ValueSource(strings = {"/debug/pprof/", "/debug/pprof/cmdline", "/debug/pprof/heap", "/debug/pprof/goroutine"})
    void pprofEndpointsAnswer404OrAJvmEquivalent(final String target)
    {
        final HttpResponse response = get(target);

        assertTrue(response.status() == 200 || response.status() == 404, () -> target + " gave " + response);
    }

    @Test
    void setBlockRateWithoutANumberIs400PlainText()
    {
        final HttpResponse response = exchange(HttpRequest.put("/debug/setblockrate?rate=abc"));

        assertStatus(400, response);
        assertTrue(response.text().startsWith("invalid block rate : "), () -> "plain-text error: " + response);
        assertNull(response.header(X_NSQ), "PlainText endpoints carry no X-NSQ-Content-Type");
    }

    @Test
    void setBlockRateWithANumberIsAnEmpty200()
    {
        // §3.2 says "200 empty (plain)" (not probed, no ✔). Reading upstream's PlainText decorator, a nil
        // result panics and the router's panic handler would answer 500 INTERNAL_ERROR instead
        final HttpResponse response = exchange(HttpRequest.put("/debug/setblockrate?rate=1"));

        assertStatus(200, response);
        assertEquals(0, response.body().length);
    }

    @Test
    void freeMemoryIsAnEmpty200()
    {
        // same caveat as setblockrate: spec row not probed; upstream code suggests a 500
        final HttpResponse response = post("/debug/freememory");

        assertStatus(200, response);
        assertEquals(0, response.body().length);
    }

    @Test
    void debugEndpointsHaveTheirMethods()
    {
        final HttpResponse blockRate = get("/debug/setblockrate?rate=1");
        assertError(blockRate, 405, "METHOD_NOT_ALLOWED");
        assertEquals("OPTIONS, PUT", blockRate.header("Allow"));

        final HttpResponse freeMemory = get("/debug/freememory");
        assertError(freeMemory, 405, "METHOD_NOT_ALLOWED");
        assertEquals("OPTIONS, POST", freeMemory.header("Allow"));
    }
}
