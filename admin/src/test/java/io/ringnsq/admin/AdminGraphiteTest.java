package io.ringnsq.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import io.ringnsq.admin.support.AdminClient;
import io.ringnsq.admin.support.FakeLookupd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/graphite} against a stand-in graphite answering {@code /render} as graphite does. */
class AdminGraphiteTest
{
    private static final String RENDER = "/render?format=json&from=-20sec&target=sumSeries%28nsq.*.topic.t.message_count%29&until=-10sec";

    private FakeLookupd graphite;
    private Nsqadmin admin;
    private AdminClient api;

    @BeforeEach
    void start() throws Exception
    {
        graphite = new FakeLookupd();
        admin = Nsqadmin.start(new AdminContext().httpAddress("127.0.0.1:0").nsqdHttpAddresses(List.of("127.0.0.1:1"))
            .graphiteUrl("http://" + graphite.httpAddress()).statsdInterval(Duration.ofSeconds(10)));
        api = new AdminClient("http://127.0.0.1:" + admin.httpAddress().getPort());
    }

    @AfterEach
    void stop()
    {
        admin.close();
        graphite.close();
    }

    @Test
    void shouldDivideGraphitesCountByTheStatsdInterval() throws Exception
    {
        graphite.answer(RENDER, "[{\"target\":\"x\",\"datapoints\":[[123.4,1700000000],[null,1700000010]]}]");
        assertEquals("{\"rate\":\"12.34\"}", api.get("/api/graphite?metric=rate&target=sumSeries(nsq.*.topic.t.message_count)").text());
        assertTrue(graphite.requests().contains("GET " + RENDER), graphite.requests().toString());
    }

    @Test
    void shouldSayNotAvailableForANegativeRate() throws Exception
    {
        graphite.answer(RENDER, "[{\"target\":\"x\",\"datapoints\":[[-1,1700000000]]}]");
        assertEquals("{\"rate\":\"N/A\"}", api.get("/api/graphite?metric=rate&target=sumSeries(nsq.*.topic.t.message_count)").text());
    }

    @Test
    void shouldRefuseOtherMetricsAndAMissingTarget() throws Exception
    {
        assertEquals("{\"message\":\"INVALID_ARG_METRIC\"}", api.get("/api/graphite?metric=depth&target=x").text());
        assertEquals("{\"message\":\"INVALID_ARG_TARGET\"}", api.get("/api/graphite?metric=rate").text());
        assertEquals(500, api.get("/api/graphite?metric=rate&target=nothing").status());
    }
}
