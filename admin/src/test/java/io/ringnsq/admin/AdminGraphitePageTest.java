package io.ringnsq.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ringnsq.admin.support.AdminClient;
import org.junit.jupiter.api.Test;

/**
 * What the page is handed to draw graphite graphs (upstream's GRAPH_ENABLED, GRAPHITE_URL and STATSD_* page
 * variables), how {@code --graphite-url} is taken apart, and the graphite settings {@code /config} reads.
 */
class AdminGraphitePageTest
{
    private static final Pattern BODY = Pattern.compile("<body([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile(" ([a-z-]+)=\"([^\"]*)\"");

    private static AdminContext context()
    {
        return new AdminContext().nsqdHttpAddresses(List.of("127.0.0.1:1"));
    }

    /** The body's attributes of the page at {@code path}, values as written (still escaped). */
    private static Map<String, String> pageSettings(final AdminContext context, final String path) throws Exception
    {
        final AdminClient.Answer page = AdminClient.getOnce(context, path);
        assertEquals(200, page.status());
        final Matcher body = BODY.matcher(page.text());
        assertTrue(body.find(), page.text());
        final Map<String, String> attributes = new LinkedHashMap<>();
        final Matcher attribute = ATTRIBUTE.matcher(body.group(1));
        while (attribute.find())
        {
            attributes.put(attribute.group(1), attribute.group(2));
        }
        return attributes;
    }

    @Test
    void shouldHandThePageGraphiteWithoutItsCredentialsAndTheStatsdSettings() throws Exception
    {
        final AdminContext context = context().graphiteUrl("http://reader:s3cret@graphite.example:8080/")
            .statsdPrefix("cluster.%s.nsq").statsdCounterFormat("%s.sum").statsdGaugeFormat("").statsdInterval(Duration.ofSeconds(10));
        final Map<String, String> page = pageSettings(context, "/topics");
        assertEquals("true", page.get("data-graph-enabled"));
        assertEquals("http://graphite.example:8080", page.get("data-graphite-url"));
        assertEquals("cluster.%s.nsq", page.get("data-statsd-prefix"));
        assertEquals("%s.sum", page.get("data-statsd-counter-format"));
        assertEquals("", page.get("data-statsd-gauge-format"));
        assertEquals("10", page.get("data-statsd-interval"));
        assertFalse(AdminClient.getOnce(context(), "/").text().contains("s3cret"));
    }

    @Test
    void shouldPointThePageAtNsqadminsOwnRenderBelowTheBasePathWithProxyGraphite() throws Exception
    {
        final Map<String, String> page = pageSettings(context().graphiteUrl("http://reader:s3cret@graphite.example:8080")
            .proxyGraphite(true).basePath("/admin/"), "/admin/nodes");
        assertEquals("true", page.get("data-graph-enabled"));
        assertEquals("/admin", page.get("data-graphite-url"));
        assertEquals("/admin", page.get("data-base"));
        // the root base path is "", so the pages ask "/render"
        assertEquals("", pageSettings(context().graphiteUrl("http://g:1").proxyGraphite(true), "/").get("data-graphite-url"));
    }

    @Test
    void shouldTurnGraphsOffWithoutAGraphiteUrl() throws Exception
    {
        final Map<String, String> page = pageSettings(context().proxyGraphite(true), "/");
        assertEquals("false", page.get("data-graph-enabled"));
        assertEquals("", page.get("data-graphite-url"));
        // upstream's defaults, for when a graphite URL is given
        assertEquals("nsq.%s", page.get("data-statsd-prefix"));
        assertEquals("stats.counters.%s.count", page.get("data-statsd-counter-format"));
        assertEquals("stats.gauges.%s", page.get("data-statsd-gauge-format"));
        assertEquals("60", page.get("data-statsd-interval"));
    }

    @Test
    void shouldEscapeTheSettingsItWritesIntoThePage()
    {
        final AdminContext context = context().graphiteUrl("http://g:1").statsdGaugeFormat("\"><script>x&y</script>").conclude();
        assertTrue(GraphPageSettings.attributes(context, GraphiteUrl.parse(context.graphiteUrl()))
            .contains(" data-statsd-gauge-format=\"&quot;&gt;&lt;script&gt;x&amp;y&lt;/script&gt;\""));
    }

    @Test
    void shouldTakeTheGraphiteUrlApartIntoAddressAndBasicAuth()
    {
        final GraphiteUrl withCredentials = GraphiteUrl.parse("https://us%3Aer:pa:ss@graphite_host:8443/g/");
        assertEquals("https://graphite_host:8443/g", withCredentials.address());
        assertEquals("Basic dXM6ZXI6cGE6c3M=", withCredentials.authorization()); // "us:er:pa:ss"
        final GraphiteUrl userOnly = GraphiteUrl.parse("http://user@[::1]:8080");
        assertEquals("http://[::1]:8080", userOnly.address());
        assertEquals("Basic dXNlcjo=", userOnly.authorization()); // "user:"
        final GraphiteUrl bare = GraphiteUrl.parse("graphite:8080");
        assertEquals("http://graphite:8080", bare.address());
        assertNull(bare.authorization());
        assertFalse(GraphiteUrl.parse("").isSet());
    }

    @Test
    void shouldRefuseToStartWithAGraphiteUrlThatIsNotOne()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> context().graphiteUrl("http://bad host/").proxyGraphite(true).conclude());
        assertTrue(ex.getMessage().startsWith("failed to parse --graphite-url (http://bad host/) - "), ex.getMessage());
    }

    @Test
    void shouldReadTheGraphiteFlagsAndServeThemFromConfig() throws Exception
    {
        final AdminOptions options = AdminOptions.declare();
        final AdminContext c = options.toContext(options.parse("--nsqd-http-address=127.0.0.1:1", "--graphite-url=http://g:1",
            "--proxy-graphite", "--statsd-prefix=p.%s", "--statsd-counter-format=", "--statsd-gauge-format=g.%s",
            "--statsd-interval=30s"));
        assertTrue(c.proxyGraphite());
        assertEquals("p.%s", c.statsdPrefix());
        assertEquals("", c.statsdCounterFormat());
        assertEquals("g.%s", c.statsdGaugeFormat());
        assertEquals("true", AdminClient.getOnce(c, "/config/proxy_graphite").text());
        final AdminOptions again = AdminOptions.declare();
        final AdminContext d = again.toContext(again.parse("--nsqd-http-address=127.0.0.1:1", "--statsd-interval=30s"));
        try (Nsqadmin admin = Nsqadmin.start(d.httpAddress("127.0.0.1:0")))
        {
            final AdminClient api = new AdminClient("http://127.0.0.1:" + admin.httpAddress().getPort());
            assertEquals("\"stats.counters.%s.count\"", api.get("/config/statsd_counter_format").text());
            assertEquals("\"nsq.%s\"", api.get("/config/statsd_prefix").text());
            assertEquals("30000000000", api.get("/config/statsd_interval").text());
            assertEquals("false", api.get("/config/proxy_graphite").text());
        }
    }
}
