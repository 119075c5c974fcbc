package io.ringnsq.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.ringnsq.admin.support.AdminClient;
import io.ringnsq.admin.support.TestNsqd;
import org.junit.jupiter.api.Test;

/** {@code --base-path}: every route, the API's and the pages', lives under it, and the page links to its files there. */
class AdminBasePathTest
{
    @Test
    void shouldServeEverythingUnderTheBasePathAndNothingOutsideIt() throws Exception
    {
        try (TestNsqd nsqd = TestNsqd.start())
        {
            nsqd.publish("t", "1");
            final Nsqadmin admin = Nsqadmin.start(new AdminContext().httpAddress("127.0.0.1:0").basePath("/ops/nsq/")
                .nsqdHttpAddresses(List.of(nsqd.httpAddress())));
            try
            {
                final AdminClient api = new AdminClient("http://127.0.0.1:" + admin.httpAddress().getPort());
                assertEquals("{\"topics\":[\"t\"],\"message\":\"\"}", api.get("/ops/nsq/api/topics").text());
                final String page = api.get("/ops/nsq/topics/t").text();
                assertTrue(page.contains("src=\"/ops/nsq/static/app.js\"") && page.contains("data-base=\"/ops/nsq\""), page);
                assertEquals(200, api.get("/ops/nsq/static/app.css").status());
                assertEquals(200, api.get("/ops/nsq").status());
                assertEquals("OK", api.get("/ops/nsq/ping").text());
                assertEquals(404, api.get("/api/topics").status());
                assertEquals(404, api.get("/ops/nsqx/api/topics").status());
            }
            finally
            {
                admin.close();
            }
        }
    }
}
