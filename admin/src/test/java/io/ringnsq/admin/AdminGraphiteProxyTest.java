package io.ringnsq.admin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.ringnsq.admin.support.AdminClient;
import io.ringnsq.admin.support.FakeGraphite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code --proxy-graphite}'s {@code /render} and the credentials of {@code --graphite-url}, against a stand-in graphite. */
class AdminGraphiteProxyTest
{
    private static final String QUERY = "target=summarize(sumSeries(stats.gauges.nsq.*.topic.orders.depth)%2C%2260sec%22%2C%22avg%22)"
        + "&from=-2h&until=-1min&width=120";

    private FakeGraphite graphite;
    private final List<Nsqadmin> admins = new ArrayList<>();

    @BeforeEach
    void startGraphite() throws Exception
    {
        graphite = new FakeGraphite();
    }

    @AfterEach
    void stop()
    {
        admins.forEach(Nsqadmin::close);
        graphite.close();
    }

    /** An nsqadmin on a free loopback port with these graphite settings (its one nsqd is never asked here). */
    private AdminClient admin(final AdminContext context) throws Exception
    {
        final Nsqadmin admin = Nsqadmin.start(context.httpAddress("127.0.0.1:0").nsqdHttpAddresses(List.of("127.0.0.1:1")));
        admins.add(admin);
        return new AdminClient("http://127.0.0.1:" + admin.httpAddress().getPort());
    }

    private AdminClient proxying(final String graphiteUrl) throws Exception
    {
        return admin(new AdminContext().graphiteUrl(graphiteUrl).proxyGraphite(true));
    }

    private static String basic(final String userAndPassword)
    {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldProxyRenderToGraphiteWithBasicAuthFromTheGraphiteUrl() throws Exception
    {
        // Go's url.User: name and password percent-decoded, the password up to the end of the user info
        final AdminClient api = proxying("http://graph%20user:p%40ss:w+rd@" + graphite.httpAddress() + "/");
        final HttpResponse<byte[]> answer = api.getBytes("/render?" + QUERY);
        assertEquals(200, answer.statusCode());
        assertEquals("image/png", answer.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(FakeGraphite.PNG, answer.body());
        assertEquals(List.of("GET /render?" + QUERY), graphite.requests());
        assertEquals(List.of(basic("graph user:p@ss:w+rd")), graphite.authorizations());
    }

    @Test
    void shouldProxyRenderBelowTheGraphiteUrlsPathWithoutAuthorizationWhenItHasNoCredentials() throws Exception
    {
        final AdminClient api = proxying("http://" + graphite.httpAddress() + "/graphite");
        assertEquals(200, api.getBytes("/render?" + QUERY).statusCode());
        assertEquals(List.of("GET /graphite/render?" + QUERY), graphite.requests());
        assertEquals(List.of(""), graphite.authorizations());
    }

    @Test
    void shouldEscapeWhatBrowsersSendRawButAUriMayNotHold()
    {
        // graphite's globs as a browser sends them; escapes already made stay as they are
        assertEquals("target=sumSeries(nsq.%7Ba,b%7D.topic.t.depth%7Cx)&from=-2h%20&title=%C3%A9%2C",
            GraphiteProxy.legalQuery("target=sumSeries(nsq.{a,b}.topic.t.depth|x)&from=-2h &title=é%2C"));
    }

    @Test
    void shouldPassGraphitesErrorStatusBodyAndContentTypeThrough() throws Exception
    {
        graphite.answer(400, "text/html; charset=utf-8", "<h1>bad target</h1>".getBytes(StandardCharsets.UTF_8));
        final AdminClient.Answer answer = proxying("http://" + graphite.httpAddress()).get("/render?target=nonsense(");
        assertEquals(400, answer.status());
        assertEquals("text/html; charset=utf-8", answer.raw().headers().firstValue("Content-Type").orElse(""));
        assertEquals("<h1>bad target</h1>", answer.text());
    }

    @Test
    void shouldServeRenderBelowTheBasePathOnly() throws Exception
    {
        final AdminClient api = admin(new AdminContext().graphiteUrl("http://" + graphite.httpAddress()).proxyGraphite(true)
            .basePath("/admin"));
        assertEquals(200, api.getBytes("/admin/render?" + QUERY).statusCode());
        assertEquals(404, api.get("/render?" + QUERY).status());
        assertEquals(List.of("GET /render?" + QUERY), graphite.requests());
    }

    @Test
    void shouldNotServeRenderWithoutProxyGraphite() throws Exception
    {
        final AdminClient api = admin(new AdminContext().graphiteUrl("http://" + graphite.httpAddress()));
        final AdminClient.Answer answer = api.get("/render?" + QUERY);
        assertEquals(404, answer.status());
        assertEquals("NOT_FOUND", answer.json().path("message").asText());
        assertTrue(graphite.requests().isEmpty(), graphite.requests().toString());
    }

    @Test
    void shouldRefuseMethodsOtherThanGetOnRender() throws Exception
    {
        assertEquals(405, proxying("http://" + graphite.httpAddress()).post("/render?" + QUERY, "").status());
        assertTrue(graphite.requests().isEmpty(), graphite.requests().toString());
    }

    @Test
    void shouldAnswer502NamingGraphiteWhenItIsDown() throws Exception
    {
        final AdminClient.Answer answer = proxying("http://user:secret@127.0.0.1:1").get("/render?" + QUERY);
        assertEquals(502, answer.status());
        final String message = answer.json().path("message").asText();
        assertTrue(message.startsWith("GRAPHITE_ERROR: GET http://127.0.0.1:1/render?") && message.endsWith("connection refused"),
            message);
        assertTrue(!answer.text().contains("secret"), "the password shows in " + answer.text());
    }

    @Test
    void shouldAnswer502WhenGraphitesAnswerIsLargerThanTheCap() throws Exception
    {
        graphite.answer(200, "application/json", new byte[GraphiteProxy.MAX_BODY + 1]);
        final AdminClient api = proxying("http://" + graphite.httpAddress());
        final AdminClient.Answer answer = api.get("/render?" + QUERY);
        assertEquals(502, answer.status());
        assertTrue(answer.json().path("message").asText().endsWith("the answer is larger than " + GraphiteProxy.MAX_BODY + " bytes"),
            answer.text());
        // exactly the cap still passes
        graphite.answer(200, "application/json", new byte[GraphiteProxy.MAX_BODY]);
        assertEquals(GraphiteProxy.MAX_BODY, api.getBytes("/render?" + QUERY).body().length);
    }

    @Test
    void shouldAskGraphiteForApiRatesWithTheGraphiteUrlsCredentials() throws Exception
    {
        final AdminClient api = admin(new AdminContext().graphiteUrl("http://reader:s3cret@" + graphite.httpAddress())
            .statsdInterval(Duration.ofSeconds(10)));
        assertEquals("{\"rate\":\"12.34\"}", api.get("/api/graphite?metric=rate&target=sumSeries(x)").text());
        assertEquals(List.of(basic("reader:s3cret")), graphite.authorizations());
    }
}
