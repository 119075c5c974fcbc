package io.ringnsq.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.ringnsq.admin.support.Browser;
import io.ringnsq.admin.support.FakeLookupd;
import io.ringnsq.admin.support.TestNsqd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The UI in lookupd mode, one lookupd answering (a stand-in naming an in-process nsqd) and one down. */
class AdminLookupdBrowserTest
{
    private static final String DOWN = "127.0.0.1:1";

    private static Browser browser;
    private static TestNsqd nsqd;
    private static FakeLookupd lookupd;
    private static Nsqadmin admin;
    private static String options;

    @BeforeAll
    static void start() throws Exception
    {
        browser = Browser.require();
        nsqd = TestNsqd.start();
        nsqd.createChannel("orders", "billing");
        lookupd = new FakeLookupd();
        lookupd.ordersAndGhost(nsqd)
            .answer("/lookup?topic=fresh", "{\"channels\":[],\"producers\":[]}");
        admin = Nsqadmin.start(new AdminContext().httpAddress("127.0.0.1:0").lookupdHttpAddresses(List.of(lookupd.httpAddress(), DOWN)));
        options = "{\"admin\":\"http://127.0.0.1:" + admin.httpAddress().getPort() + "\",\"screenshots\":\"" + Browser.screenshots()
            + "\",\"topic\":\"orders\",\"badNode\":\"" + DOWN + "\",\"inactive\":\"ghost\",\"newTopic\":\"fresh\",\"newChannel\":\"ch\"}";
    }

    @AfterAll
    static void stop() throws Exception
    {
        for (final AutoCloseable c : new AutoCloseable[] {admin, lookupd, nsqd})
        {
            if (c != null)
            {
                c.close();
            }
        }
    }

    private static void pass(final String scenario) throws Exception
    {
        final Browser.Result result = browser.scenario(scenario, options);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("PASS " + scenario), result.output());
    }

    @Test
    void pageNamesTheLookupdThatIsDownAndStillListsTopics() throws Exception
    {
        pass("bad-node-warning");
    }

    @Test
    void lookupPageCreatesATopicAndChannelInLookupd() throws Exception
    {
        pass("lookup-create");
        assertTrue(lookupd.requests().contains("POST /topic/create?topic=fresh"), lookupd.requests().toString());
        assertTrue(lookupd.requests().contains("POST /channel/create?topic=fresh&channel=ch"), lookupd.requests().toString());
    }
}
