package io.ringnsq.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The small pieces: latency sums, CIDR checks, UI routes, base paths, Basic auth users. */
class AdminUnitsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private static E2eLatency node(final double... quantileValue)
    {
        final E2eLatency e = new E2eLatency();
        e.count = 10;
        e.percentiles = new java.util.ArrayList<>();
        for (int i = 0; i < quantileValue.length; i += 2)
        {
            e.percentiles.add(Map.of("quantile", quantileValue[i], "value", quantileValue[i + 1]));
        }
        return e;
    }

    @Test
    void shouldSumLatencyPercentilesPerQuantileHighestQuantileFirst() throws Exception
    {
        final E2eLatency sum = E2eLatency.aggregate("*", "t", "");
        sum.add(node(0.5, 100, 0.99, 1000));
        sum.add(node(0.99, 3000, 0.5, 300));
        assertEquals(20, sum.count);
        assertEquals("{\"count\":20,\"percentiles\":[{\"average\":2000,\"count\":2,\"max\":3000,\"min\":1000,\"quantile\":0.99,"
            + "\"value\":3000},{\"average\":200,\"count\":2,\"max\":300,\"min\":100,\"quantile\":0.5,\"value\":300}],"
            + "\"topic\":\"t\",\"channel\":\"\",\"host\":\"*\"}", JSON.writeValueAsString(sum));
    }

    @Test
    void shouldKeepPercentilesNullWhenNoNodeTracksThem()
    {
        final E2eLatency sum = E2eLatency.aggregate("*", "t", "c");
        final E2eLatency none = new E2eLatency();
        none.count = 3;
        sum.add(none);
        sum.add(null);
        assertNull(sum.percentiles);
        assertEquals(3, sum.count);
    }

    @Test
    void shouldMatchAddressesInsideTheCidrOnly()
    {
        final Cidr loopback = Cidr.parse("127.0.0.1/8");
        assertTrue(loopback.contains("127.0.0.1"));
        assertTrue(loopback.contains("127.255.1.2"));
        assertFalse(loopback.contains("10.0.0.1"));
        assertFalse(loopback.contains("::1"));
        assertFalse(loopback.contains("localhost"), "a host name is never looked up");
        assertTrue(Cidr.parse("::1/128").contains("0:0:0:0:0:0:0:1"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("127.0.0.1/33"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("example.com/8"));
    }

    @Test
    void shouldServeThePageForUpstreamsUiRoutesOnly()
    {
        for (final String page : List.of("/", "/topics", "/topics/t", "/topics/t/c", "/nodes", "/nodes/h:1", "/counter", "/lookup"))
        {
            assertTrue(AdminHttpService.isPage(page), page);
        }
        for (final String other : List.of("/topics/t/c/x", "/nodes/a/b", "/counter/x", "/other", "/topics//c", "/lookup/x"))
        {
            assertFalse(AdminHttpService.isPage(other), other);
        }
    }

    @Test
    void shouldNormaliseTheBasePathAsUpstream()
    {
        assertEquals("/", AdminContext.normalisePath("/"));
        assertEquals("/", AdminContext.normalisePath(""));
        assertEquals("/admin", AdminContext.normalisePath("admin/"));
        assertEquals("/a/b", AdminContext.normalisePath("/a/b//"));
    }

    @Test
    void shouldGzipForBrowsersThatAcceptIt()
    {
        assertTrue(StaticAssets.acceptsGzip("gzip, deflate, br"));
        assertTrue(StaticAssets.acceptsGzip("br;q=1.0, gzip;q=0.8"));
        assertFalse(StaticAssets.acceptsGzip("gzip;q=0"));
        assertFalse(StaticAssets.acceptsGzip("identity"));
        assertFalse(StaticAssets.acceptsGzip(null));
    }

    @Test
    void shouldReadTheBasicAuthUser()
    {
        assertEquals("bob", ApiCall.basicAuthUser("Basic Ym9iOnNlY3JldA=="));
        assertEquals("", ApiCall.basicAuthUser("Bearer x"));
        assertEquals("", ApiCall.basicAuthUser("Basic !!!"));
        assertEquals("", ApiCall.basicAuthUser(null));
    }
}
