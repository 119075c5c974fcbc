package io.ringnsq.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.ringnsq.admin.support.AdminClient;
import io.ringnsq.admin.support.Browser;
import io.ringnsq.admin.support.TestConsumer;
import io.ringnsq.admin.support.TestNsqd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web UI in headless Chromium against nsqadmin over two in-process nsqds, messages flowing to a consumer
 * throughout. Screenshots of each main page land in {@code <build folder>/screenshots/} for review.
 */
class AdminBrowserTest
{
    private static final String TOPIC = "orders";
    private static final String CHANNEL = "billing";
    /** A client field an attacker controls: it must show as text. */
    private static final String HOSTILE_AGENT = "<img src=x onerror=window.__xss=1>";

    private static Browser browser;
    private static TestNsqd a;
    private static TestNsqd b;
    private static Nsqadmin admin;
    private static TestConsumer consumer;
    private static TestConsumer hostile;
    private static Thread publisher;
    private static final AtomicBoolean publishing = new AtomicBoolean(true);
    private static String options;

    @BeforeAll
    static void start() throws Exception
    {
        browser = Browser.require();
        a = TestNsqd.start();
        b = TestNsqd.start();
        admin = Nsqadmin.start(new AdminContext().httpAddress("127.0.0.1:0").nsqdHttpAddresses(List.of(a.httpAddress(), b.httpAddress())));
        a.createChannel(TOPIC, CHANNEL);
        b.createChannel(TOPIC, CHANNEL);
        a.createChannel(TOPIC, "audit");
        consumer = new TestConsumer(a.tcpPort(), TOPIC, CHANNEL, "go-nsq/1.1.0");
        hostile = new TestConsumer(b.tcpPort(), TOPIC, CHANNEL, HOSTILE_AGENT);
        publisher = new Thread(AdminBrowserTest::publish, "admin-browser-publisher");
        publisher.setDaemon(true);
        publisher.start();
        options = "{\"admin\":\"http://127.0.0.1:" + admin.httpAddress().getPort() + "\",\"nsqd\":\"http://" + a.httpAddress()
            + "\",\"screenshots\":\"" + Browser.screenshots() + "\",\"topic\":\"" + TOPIC + "\",\"channel\":\"" + CHANNEL
            + "\",\"node\":\"" + a.httpAddress() + "\"}";
    }

    /** About 20 messages a second on each nsqd, so rates and the counter move. */
    private static void publish()
    {
        int i = 0;
        while (publishing.get())
        {
            try
            {
                (i % 2 == 0 ? a : b).publish(TOPIC, "message " + i++);
                Thread.sleep(25);
            }
            catch (final Exception ex)
            {
                return;
            }
        }
    }

    @AfterAll
    static void stop() throws Exception
    {
        publishing.set(false);
        if (publisher != null)
        {
            publisher.join(5000);
        }
        for (final AutoCloseable c : new AutoCloseable[] {consumer, hostile, admin, a, b})
        {
            if (c != null)
            {
                c.close();
            }
        }
    }

    private static void pass(final String scenario, final String scenarioOptions) throws Exception
    {
        final Browser.Result result = browser.scenario(scenario, scenarioOptions);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("PASS " + scenario), result.output());
    }

    @Test
    void topicsPageListsATopicCreatedThroughTheApi() throws Exception
    {
        final AdminClient api = new AdminClient("http://127.0.0.1:" + admin.httpAddress().getPort());
        assertEquals(200, api.post("/api/topics", "{\"topic\":\"made-by-api\"}").status());
        pass("topics-list", options.replace("\"topic\":\"" + TOPIC + "\"", "\"topic\":\"made-by-api\""));
    }

    @Test
    void pausingAChannelFromItsPagePausesItOnNsqd() throws Exception
    {
        pass("pause-channel", options);
    }

    @Test
    void cancellingTheConfirmationLeavesTheChannelRunning() throws Exception
    {
        pass("cancel-action", options);
    }

    @Test
    void counterMovesWhileMessagesFlow() throws Exception
    {
        pass("counter-moves", options);
    }

    @Test
    void clientFieldsFromTheClusterAreShownAsTextNotRunAsHtml() throws Exception
    {
        pass("escaping", options.substring(0, options.length() - 1) + ",\"userAgent\":\"" + HOSTILE_AGENT + "\"}");
    }

    @Test
    void screenshotOfEachMainPageIsWritten() throws Exception
    {
        pass("screenshots", options);
        for (final String page : List.of("topic", "channel", "nodes", "node", "lookup"))
        {
            final Path png = Browser.screenshots().resolve(page + ".png");
            assertTrue(Files.size(png) > 5_000, png + " looks empty");
        }
    }
}
