package io.ringnsq.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.ringnsq.admin.support.Browser;
import io.ringnsq.admin.support.TestNsqd;
import org.junit.jupiter.api.Test;

/** With 1,000 topics the topics page is drawn in well under a second, and its filter narrows it down. */
class AdminManyTopicsBrowserTest
{
    private static final int TOPICS = 1000;

    @Test
    void topicsPageWithAThousandTopicsDrawsInUnderASecond() throws Exception
    {
        final Browser browser = Browser.require();
        try (TestNsqd nsqd = TestNsqd.start())
        {
            for (int i = 0; i < TOPICS; i++)
            {
                nsqd.post("/topic/create?topic=" + String.format("topic-%04d", i), "");
            }
            final Nsqadmin admin = Nsqadmin.start(new AdminContext().httpAddress("127.0.0.1:0").nsqdHttpAddresses(List.of(nsqd.httpAddress())));
            try
            {
                final Browser.Result result = browser.scenario("many-topics", "{\"admin\":\"http://127.0.0.1:" + admin.httpAddress().getPort()
                    + "\",\"count\":" + TOPICS + ",\"screenshots\":\"" + Browser.screenshots() + "\"}");
                assertEquals(0, result.exitCode(), result.output());
                assertTrue(result.output().contains("PASS many-topics"), result.output());
            }
            finally
            {
                admin.close();
            }
        }
    }
}
