package io.ringnsq.admin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import io.ringnsq.admin.support.Browser;
import io.ringnsq.admin.support.FakeGraphite;
import io.ringnsq.admin.support.TestNsqd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The UI with {@code --graphite-url} (credentials in it) and {@code --proxy-graphite}, in headless Chromium: upstream's
 * graphs on the topics list and the topic, channel and node pages, their PNGs fetched through nsqadmin's
 * {@code /render} from a stand-in graphite. (AdminBrowserTest's topics list shows that none appear without it.)
 */
class AdminGraphiteBrowserTest
{
    private static final String TOPIC = "orders";
    /** What upstream's sparkline helper makes of the topics list's depth column with a 10 s statsd interval. */
    private static final String DEPTH_SRC = "/render?colorList=red&height=20&width=120&hideGrid=true&hideLegend=true&hideAxes=true"
        + "&bgcolor=ff000000&fgcolor=black&margin=0&yMin=0&lineMode=connected&drawNullAsZero=false&from=-2h&until=-1min"
        + "&target=summarize(sumSeries(stats.gauges.nsq.*.topic.orders.depth)%2C%2210sec%22%2C%22avg%22)";

    private static Browser browser;
    private static FakeGraphite graphite;
    private static TestNsqd nsqd;
    private static Nsqadmin admin;
    private static String options;

    @BeforeAll
    static void start() throws Exception
    {
        browser = Browser.require();
        graphite = new FakeGraphite();
        nsqd = TestNsqd.start();
        nsqd.createChannel(TOPIC, "billing");
        admin = Nsqadmin.start(new AdminContext().httpAddress("127.0.0.1:0").nsqdHttpAddresses(List.of(nsqd.httpAddress()))
            .graphiteUrl("http://reader:s3cret@" + graphite.httpAddress()).proxyGraphite(true).statsdInterval(Duration.ofSeconds(10)));
        // graphite's count of 123.4 over a 10 s interval
        options = "{\"admin\":\"http://127.0.0.1:" + admin.httpAddress().getPort() + "\",\"screenshots\":\"" + Browser.screenshots()
            + "\",\"topic\":\"" + TOPIC + "\",\"channel\":\"billing\",\"node\":\"" + nsqd.httpAddress() + "\",\"depthSrc\":\"" + DEPTH_SRC
            + "\",\"rate\":\"12.34/s\"}";
    }

    @AfterAll
    static void stop() throws Exception
    {
        for (final AutoCloseable c : new AutoCloseable[] {admin, nsqd, graphite})
        {
            if (c != null)
            {
                c.close();
            }
        }
    }

    @Test
    void pagesDrawUpstreamsGraphiteGraphsThroughTheRenderProxy() throws Exception
    {
        browser.pass("graphite-graphs", options);
        assertTrue(graphite.requests().contains("GET " + DEPTH_SRC), graphite.requests().toString());
        final String basic = "Basic " + Base64.getEncoder().encodeToString("reader:s3cret".getBytes(StandardCharsets.UTF_8));
        assertTrue(graphite.authorizations().stream().allMatch(basic::equals), graphite.authorizations().toString());
    }
}
