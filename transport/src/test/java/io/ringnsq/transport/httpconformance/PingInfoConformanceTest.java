package io.ringnsq.transport.httpconformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ringnsq.transport.nsqd.NsqdContext;

/**
 * Spec §3.2 {@code /ping} and §3.4 {@code /info}. The limits /info reports are set to non-default values
 * here so the test proves they come from the configuration, in nanoseconds for the durations.
 */
final class PingInfoConformanceTest extends HttpConformanceTestBase
{
    @Override
    protected NsqdContext configure(final NsqdContext context)
    {
        return context
            .maxHeartbeatInterval(Duration.ofSeconds(45))
            .maxOutputBufferSize(32_768)
            .maxOutputBufferTimeout(Duration.ofSeconds(5));
    }

    @Test
    void pingAnswersPlainTextOkWithoutTheV1Header()
    {
        final HttpResponse response = get("/ping");

        assertEquals("HTTP/1.1 200 OK", response.statusLine());
        assertEquals("OK", response.text());
        assertEquals(TEXT_TYPE, response.header("Content-Type"));
        assertEquals("2", response.header("Content-Length"));
        assertNull(response.header(X_NSQ), () -> "/ping is PlainText, not V1: no X-NSQ-Content-Type; got " + response);
    }

    @Test
    void pingIgnoresAQueryString()
    {
        final HttpResponse response = get("/ping?format=json&x=1");

        assertEquals(200, response.status());
        assertEquals("OK", response.text());
    }

    @Test
    void infoIsExactlyUpstreamsJsonWithDurationsInNanoseconds()
    {
        final HttpResponse response = get("/info");

        final String expected = "{\"version\":\"1.3.0\""
            + ",\"broadcast_address\":\"" + BROADCAST_ADDRESS + "\""
            + ",\"hostname\":\"" + NsqdContext.hostname() + "\""
            + ",\"http_port\":" + nsqd.httpAddress().getPort()
            + ",\"tcp_port\":" + nsqd.tcpAddress().getPort()
            + ",\"start_time\":" + startEpochSeconds
            + ",\"max_heartbeat_interval\":45000000000"
            + ",\"max_output_buffer_size\":32768"
            + ",\"max_output_buffer_timeout\":5000000000"
            + ",\"max_deflate_level\":6}";
        assertOkJson(response, expected);
    }

    @Test
    void infoKeysComeInUpstreamsOrder()
    {
        final Map<String, Object> info = Json.parseObject(get("/info").text());

        assertEquals(List.of("version", "broadcast_address", "hostname", "http_port", "tcp_port", "start_time",
            "max_heartbeat_interval", "max_output_buffer_size", "max_output_buffer_timeout", "max_deflate_level"),
            Json.keys(info));
    }

    @Test
    void infoReportsTheRealBoundPortsNotZero()
    {
        final Map<String, Object> info = Json.parseObject(get("/info").text());

        assertEquals(nsqd.httpAddress().getPort(), Json.integer(info, "http_port"));
        assertEquals(nsqd.tcpAddress().getPort(), Json.integer(info, "tcp_port"));
        assertTrue(Json.integer(info, "http_port") > 0);
    }

    @Test
    void infoVersionIsSemverParsableForNsqadmin()
    {
        final Map<String, Object> info = Json.parseObject(get("/info").text());

        assertTrue(((String)info.get("version")).matches("\\d+\\.\\d+\\.\\d+"), "nsqadmin parses version as semver");
    }

    @Test
    void infoStartTimeIsTheStartNotTheCurrentTime()
    {
        clock.advance(Duration.ofSeconds(7));

        final Map<String, Object> info = Json.parseObject(get("/info").text());

        assertEquals(startEpochSeconds, Json.integer(info, "start_time"));
    }

    @Test
    void infoAndStatsAgreeOnTheStartTime()
    {
        final long infoStart = Json.integer(Json.parseObject(get("/info").text()), "start_time");
        final long statsStart = Json.integer(statsJson("include_mem=false"), "start_time");

        assertEquals(infoStart, statsStart);
    }
}
