package io.ringnsq.transport.httpconformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.ringnsq.transport.nsqd.NsqdContext;

/**
 * Spec §3.2 {@code GET|PUT /config/:opt}. {@code :opt} is an option's config-file name (the flag name with
 * {@code -} → {@code _}, and the special names such as {@code id} for {@code --node-id}). GET returns the Go
 * value: durations as integer nanoseconds, {@code log_level} as an integer (1 debug … 5 fatal). Only
 * {@code log_level} (raw body, case-insensitive) and {@code nsqlookupd_tcp_addresses} (a JSON array of
 * strings) can be PUT; the body is checked (empty or above max-msg-size → 413) before the option name.
 */
final class ConfigConformanceTest extends HttpConformanceTestBase
{
    static final int MAX_MSG = 1024;

    @Override
    protected NsqdContext configure(final NsqdContext context)
    {
        return context
            .maxMsgSize(MAX_MSG)
            .msgTimeout(Duration.ofSeconds(45))
            .memQueueSize(500)
            .maxReqTimeout(Duration.ofMinutes(30));
    }

    static Stream<Arguments> options()
    {
        return Stream.of(
            Arguments.of("msg_timeout", "45000000000"),
            Arguments.of("max_msg_timeout", "900000000000"),
            Arguments.of("max_req_timeout", "1800000000000"),
            Arguments.of("max_heartbeat_interval", "60000000000"),
            Arguments.of("output_buffer_timeout", "250000000"),
            Arguments.of("max_output_buffer_timeout", "30000000000"),
            Arguments.of("min_output_buffer_timeout", "25000000"),
            Arguments.of("e2e_processing_latency_window_time", "600000000000"),
            Arguments.of("max_msg_size", "1024"),
            Arguments.of("max_body_size", "5242880"),
            Arguments.of("mem_queue_size", "500"),
            Arguments.of("max_rdy_count", "2500"),
            Arguments.of("max_output_buffer_size", "65536"),
            Arguments.of("max_deflate_level", "6"),
            Arguments.of("max_channel_consumers", "0"),
            Arguments.of("id", "7"),
            Arguments.of("log_level", "2"),
            Arguments.of("snappy", "true"),
            Arguments.of("deflate", "true"));
    }

    @ParameterizedTest(name = "GET /config/{0} -> {1}")
    @MethodSource("options")
    void getReturnsTheValueAsJson(final String option, final String json)
    {
        assertOkJson(get("/config/" + option), json);
    }

    @Test
    void getOfAStringOptionIsTheRawText()
    {
        // upstream's RespondV1 writes a string result as-is (like "OK"), so a string option is not quoted
        // and its Content-Type is the sniffed text/plain
        assertOkText(get("/config/broadcast_address"), BROADCAST_ADDRESS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope", "node_id", "max-msg-size", "MAX_MSG_SIZE"})
    void getOfAnUnknownOptionIsInvalidOption(final String option)
    {
        assertError(get("/config/" + option), 400, "INVALID_OPTION");
    }

    // ---------------------------------------------------------------- PUT log_level

    @Test
    void putLogLevelAcceptsEveryLevelCaseInsensitivelyAndReturnsItAsAnInteger()
    {
        try
        {
            assertOkJson(put("/config/log_level", "debug"), "1");
            assertOkJson(get("/config/log_level"), "1");
            assertOkJson(put("/config/log_level", "WARN"), "3");
            assertOkJson(put("/config/log_level", "Error"), "4");
            assertOkJson(put("/config/log_level", "fatal"), "5");
            assertOkJson(put("/config/log_level", "info"), "2");
        }
        finally
        {
            put("/config/log_level", "info");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"verbose", "warning", "2", "info\n", " info", "\"info\""})
    void putLogLevelWithAnUnknownLevelIsInvalidValue(final String body)
    {
        assertError(put("/config/log_level", body), 400, "INVALID_VALUE");
        assertOkJson(get("/config/log_level"), "2");
    }

    // ---------------------------------------------------------------- PUT body checks and other options

    @Test
    void putWithAnEmptyBodyIsInvalidValue413EvenForAnUnknownOption()
    {
        assertError(put("/config/log_level", ""), 413, "INVALID_VALUE");
        assertError(put("/config/nope", ""), 413, "INVALID_VALUE");
    }

    @Test
    void putWithABodyAboveMaxMsgSizeIsInvalidValue413()
    {
        assertError(put("/config/log_level", "d".repeat(MAX_MSG + 1)), 413, "INVALID_VALUE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"max_msg_size", "msg_timeout", "nope", "id", "broadcast_address"})
    void putOfAnOptionThatCannotBeSetIsInvalidOption(final String option)
    {
        assertError(put("/config/" + option, "5"), 400, "INVALID_OPTION");
    }

    @Test
    void putLookupdAddressesReturnsTheNewListAsJson() throws IOException
    {
        // a listener that never accepts: the daemon may connect to it, but no lookupd answers
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress()))
        {
            final String list = "[\"127.0.0.1:" + silent.getLocalPort() + "\"]";
            try
            {
                assertOkJson(put("/config/nsqlookupd_tcp_addresses", list), list);
                assertOkJson(get("/config/nsqlookupd_tcp_addresses"), list);
            }
            finally
            {
                assertOkJson(put("/config/nsqlookupd_tcp_addresses", "[]"), "[]");
            }
        }
        assertOkJson(get("/config/nsqlookupd_tcp_addresses"), "[]");
        assertStillServing();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "\"127.0.0.1:4160\"", "[1]", "{}", "[\"a\""})
    void putLookupdAddressesThatAreNotAJsonStringArrayIsInvalidValue(final String body)
    {
        assertError(put("/config/nsqlookupd_tcp_addresses", body), 400, "INVALID_VALUE");
    }

    @Test
    void otherMethodsOnConfigAre405()
    {
        final HttpResponse response = post("/config/log_level", "debug");

        assertError(response, 405, "METHOD_NOT_ALLOWED");
        assertEquals("GET, OPTIONS, PUT", response.header("Allow"));
    }
}
