package io.ringnsq.transport.nsqd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ringnsq.transport.log.LogLevel;
import io.ringnsq.transport.log.NsqdLogging;
import io.ringnsq.transport.nsqd.NsqdConfigValues.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NsqdConfigValuesTest
{
    private final NsqdContext context = new NsqdContext()
        .tcpAddress("127.0.0.1:4150")
        .httpAddress("127.0.0.1:4151")
        .broadcastAddress("broadcast.example")
        .dataPath(Path.of("/var/lib/nsqd"))
        .nodeId(42)
        .threadingMode(ThreadingMode.SHARED);

    @AfterEach
    void restoreLogLevel()
    {
        NsqdLogging.setLevel(LogLevel.INFO);
    }

    private static Reply json(final String body)
    {
        return new Reply(200, body, true);
    }

    private static Reply text(final String body)
    {
        return new Reply(200, body, false);
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Upstream v1.3.0's answer for each option, with the context above and upstream's defaults. */
    private static Map<String, Reply> expectedDefaults()
    {
        final Map<String, Reply> expected = new LinkedHashMap<>();
        expected.put("id", json("42"));
        expected.put("log_level", json("2"));
        expected.put("log_prefix", text("[nsqd] "));
        expected.put("tcp_address", text("127.0.0.1:4150"));
        expected.put("http_address", text("127.0.0.1:4151"));
        expected.put("https_address", text("0.0.0.0:4152"));
        expected.put("broadcast_address", text("broadcast.example"));
        expected.put("broadcast_tcp_port", json("0"));
        expected.put("broadcast_http_port", json("0"));
        expected.put("nsqlookupd_tcp_addresses", json("[]"));
        expected.put("auth_http_addresses", json("[]"));
        expected.put("http_client_connect_timeout", json("2000000000"));
        expected.put("http_client_request_timeout", json("5000000000"));
        expected.put("data_path", text("/var/lib/nsqd"));
        expected.put("mem_queue_size", json("10000"));
        expected.put("max_bytes_per_file", json("104857600"));
        expected.put("sync_every", json("2500"));
        expected.put("sync_timeout", json("2000000000"));
        expected.put("queue_scan_selection_count", json("20"));
        expected.put("queue_scan_worker_pool_max", json("4"));
        expected.put("msg_timeout", json("60000000000"));
        expected.put("max_msg_timeout", json("900000000000"));
        expected.put("max_msg_size", json("1048576"));
        expected.put("max_body_size", json("5242880"));
        expected.put("max_req_timeout", json("3600000000000"));
        expected.put("max_heartbeat_interval", json("60000000000"));
        expected.put("max_rdy_count", json("2500"));
        expected.put("max_output_buffer_size", json("65536"));
        expected.put("max_output_buffer_timeout", json("30000000000"));
        expected.put("min_output_buffer_timeout", json("25000000"));
        expected.put("output_buffer_timeout", json("250000000"));
        expected.put("max_channel_consumers", json("0"));
        expected.put("statsd_address", text(""));
        expected.put("statsd_prefix", text("nsq.%s"));
        expected.put("statsd_interval", json("60000000000"));
        expected.put("statsd_mem_stats", json("true"));
        expected.put("statsd_udp_packet_size", json("508"));
        expected.put("statsd_exclude_ephemeral", json("false"));
        expected.put("e2e_processing_latency_window_time", json("600000000000"));
        expected.put("e2e_processing_latency_percentiles", json("[]"));
        expected.put("tls_cert", text(""));
        expected.put("tls_key", text(""));
        expected.put("tls_client_auth_policy", text(""));
        expected.put("tls_root_ca_file", text(""));
        expected.put("tls_required", json("0"));
        expected.put("tls_min_version", json("771")); // TLS 1.2: ringnsq's default (upstream 769, TLS 1.0; README)
        expected.put("deflate", json("true"));
        expected.put("max_deflate_level", json("6"));
        expected.put("snappy", json("true"));
        expected.put("threading_mode", text("shared"));
        expected.put("idle_strategy", text("backoff"));
        expected.put("io_agents", json("1"));
        expected.put("log_file", text(""));
        expected.put("log_file_max_size", json("104857600"));
        expected.put("log_file_max_files", json("5"));
        return expected;
    }

    @Test
    void shouldAnswerEveryOptionWithUpstreamsGoValue()
    {
        final NsqdConfigValues config = new NsqdConfigValues(context);
        final Map<String, Reply> expected = expectedDefaults();

        final List<String> wrong = new ArrayList<>();
        for (final Map.Entry<String, Reply> entry : expected.entrySet())
        {
            final Reply actual = config.get(entry.getKey());
            if (!entry.getValue().equals(actual))
            {
                wrong.add(entry.getKey() + ": expected " + entry.getValue() + " got " + actual);
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(expected.keySet(), config.names(), "every name has an expected value");
    }

    @Test
    void shouldReflectTheContextTheDaemonRunsWith()
    {
        context.memQueueSize(7).msgTimeout(Duration.ofMillis(1500)).logLevel(LogLevel.WARN).logPrefix("[x] ")
            .statsdAddress("127.0.0.1:8125").statsdMemStats(false).statsdExcludeEphemeral(true)
            .e2eProcessingLatencyPercentiles(List.of(1.0, 0.99, 0.5, 1e-7)).maxChannelConsumers(3)
            .logFile("/tmp/nsqd.log").logFileMaxFiles(9);

        final NsqdConfigValues config = new NsqdConfigValues(context);

        assertEquals(json("7"), config.get("mem_queue_size"));
        assertEquals(json("1500000000"), config.get("msg_timeout"));
        assertEquals(json("3"), config.get("log_level"));
        assertEquals(text("[x] "), config.get("log_prefix"));
        assertEquals(text("127.0.0.1:8125"), config.get("statsd_address"));
        assertEquals(json("false"), config.get("statsd_mem_stats"));
        assertEquals(json("true"), config.get("statsd_exclude_ephemeral"));
        assertEquals(json("[1,0.99,0.5,1e-7]"), config.get("e2e_processing_latency_percentiles"));
        assertEquals(json("3"), config.get("max_channel_consumers"));
        assertEquals(text("/tmp/nsqd.log"), config.get("log_file"));
        assertEquals(json("9"), config.get("log_file_max_files"));
    }

    @Test
    void shouldRefuseNamesUpstreamHasNoOptionFor()
    {
        final NsqdConfigValues config = new NsqdConfigValues(context);

        // flag names, not config names; command-line-only and deprecated flags; nonsense
        for (final String name : List.of("node_id", "lookupd_tcp_address", "e2e_processing_latency_percentile",
            "tcp-address", "version", "config", "verbose", "worker_id", "client_timeout", "", "TCP_ADDRESS"))
        {
            assertEquals(new Reply(400, "INVALID_OPTION", false), config.get(name), name);
        }
    }

    @Test
    void shouldChangeTheLogLevelFromAPutInAnyCase()
    {
        final NsqdConfigValues config = new NsqdConfigValues(context);

        assertEquals(json("1"), config.put("log_level", bytes("DEBUG")));
        assertEquals(LogLevel.DEBUG, config.logLevel());
        assertEquals(LogLevel.DEBUG, NsqdLogging.level());
        assertEquals(json("1"), config.get("log_level"));

        assertEquals(json("5"), config.put("log_level", bytes("fatal")));
        assertEquals(LogLevel.FATAL, NsqdLogging.level());
    }

    @Test
    void shouldRefuseABadLogLevelAndKeepTheOldOne()
    {
        final NsqdConfigValues config = new NsqdConfigValues(context);

        for (final String bad : List.of("bad_log_level", "debug\n", " info", "2", "\"debug\""))
        {
            assertEquals(new Reply(400, "INVALID_VALUE", false), config.put("log_level", bytes(bad)), bad);
        }
        assertEquals(json("2"), config.get("log_level"));
    }

    @Test
    void shouldStoreLookupdAddressesFromAJsonArray()
    {
        final List<List<String>> seen = new ArrayList<>();
        final NsqdConfigValues config = new NsqdConfigValues(context).onNsqlookupdTcpAddressesChange(seen::add);

        final Reply reply = config.put("nsqlookupd_tcp_addresses", bytes(" [\"127.0.0.1:4160\", \"127.0.0.1:4162\"]\n"));

        assertEquals(json("[\"127.0.0.1:4160\",\"127.0.0.1:4162\"]"), reply);
        assertEquals(reply, config.get("nsqlookupd_tcp_addresses"));
        assertEquals(List.of("127.0.0.1:4160", "127.0.0.1:4162"), config.nsqlookupdTcpAddresses());
        assertEquals(List.of(List.of("127.0.0.1:4160", "127.0.0.1:4162")), seen);
    }

    @Test
    void shouldAnswerTheFlagsLookupdAddressesUntilAPutChangesThem()
    {
        final NsqdConfigValues config = new NsqdConfigValues(new NsqdContext().nsqlookupdTcpAddresses(List.of("a:4160", "b:4160")));

        assertEquals(json("[\"a:4160\",\"b:4160\"]"), config.get("nsqlookupd_tcp_addresses"));
        assertEquals(json("[\"c:4160\"]"), config.put("nsqlookupd_tcp_addresses", bytes("[\"c:4160\"]")));
        assertEquals(List.of("c:4160"), config.nsqlookupdTcpAddresses());
    }

    @Test
    void shouldAnswerLookupdAddressesAsGoWouldAfterEmptyAndNullPuts()
    {
        final NsqdConfigValues config = new NsqdConfigValues(context);

        assertEquals(json("[]"), config.put("nsqlookupd_tcp_addresses", bytes("[]")));
        // Go's Unmarshal of null leaves a nil slice, which marshals as null
        assertEquals(json("null"), config.put("nsqlookupd_tcp_addresses", bytes("null")));
        assertEquals(List.of(), config.nsqlookupdTcpAddresses());
        // a null element is a string's zero value
        assertEquals(json("[\"\",\"a\"]"), config.put("nsqlookupd_tcp_addresses", bytes("[null,\"a\"]")));
    }

    @Test
    void shouldRefuseLookupdAddressesThatAreNotAJsonArrayOfStrings()
    {
        final NsqdConfigValues config = new NsqdConfigValues(context);
        config.put("nsqlookupd_tcp_addresses", bytes("[\"kept:4160\"]"));

        for (final String bad : List.of("127.0.0.1:4160", "\"127.0.0.1:4160\"", "[1]", "[\"a\",]", "[\"a\"] x", "[\"a\"][]",
            "{}", "[[\"a\"]]", "true", "['a']", "[\"a\" // c\n]"))
        {
            assertEquals(new Reply(400, "INVALID_VALUE", false), config.put("nsqlookupd_tcp_addresses", bytes(bad)), bad);
        }
        assertEquals(List.of("kept:4160"), config.nsqlookupdTcpAddresses());
    }

    @Test
    void shouldRefuseAnEmptyOrOversizedBodyWith413BeforeLookingAtTheName()
    {
        final NsqdConfigValues config = new NsqdConfigValues(context.maxMsgSize(9));

        assertEquals(new Reply(413, "INVALID_VALUE", false), config.put("log_level", new byte[0]));
        assertEquals(new Reply(413, "INVALID_VALUE", false), config.put("no_such_option", new byte[0]));
        assertEquals(new Reply(413, "INVALID_VALUE", false), config.put("nsqlookupd_tcp_addresses", bytes("[\"a:4160\"]")));
        assertEquals(json("[\"a:416\"]"), config.put("nsqlookupd_tcp_addresses", bytes("[\"a:416\"]")));
    }

    @Test
    void shouldRefuseToChangeAnyOtherOption()
    {
        final NsqdConfigValues config = new NsqdConfigValues(context);

        for (final String name : List.of("msg_timeout", "tcp_address", "auth_http_addresses", "no_such_option"))
        {
            assertEquals(new Reply(400, "INVALID_OPTION", false), config.put(name, bytes("1")), name);
        }
        assertEquals(json("60000000000"), config.get("msg_timeout"));
    }

    @Test
    void shouldEscapeStringsAsGoJsonDoes()
    {
        final StringBuilder out = new StringBuilder();

        NsqdConfigValues.appendGoJsonString(out, "a\"b\\c\nd\re\tf\u0001<>&\u2028\u2029\u007fé€\uD83D\uDE00\uD800");

        assertEquals("\"a\\\"b\\\\c\\nd\\re\\tf\\u0001\\u003c\\u003e\\u0026\\u2028\\u2029\u007fé€\uD83D\uDE00\uFFFD\"",
            out.toString());
        assertEquals("[\"\\u0008\\u000c\"]", NsqdConfigValues.stringArray(List.of("\b\f")));
        assertEquals("null", NsqdConfigValues.stringArray(null));
    }

    @Test
    void shouldFormatFloatsAsGoJsonDoes()
    {
        assertEquals("1", NsqdConfigValues.goJsonFloat(1.0));
        assertEquals("0.99", NsqdConfigValues.goJsonFloat(0.99));
        assertEquals("0.1", NsqdConfigValues.goJsonFloat(0.1));
        assertEquals("0.3333333333333333", NsqdConfigValues.goJsonFloat(1.0 / 3));
        assertEquals("0.000001", NsqdConfigValues.goJsonFloat(1e-6));
        assertEquals("1e-7", NsqdConfigValues.goJsonFloat(1e-7));
        assertEquals("1.5e-10", NsqdConfigValues.goJsonFloat(1.5e-10));
        assertEquals("100000000000000000000", NsqdConfigValues.goJsonFloat(1e20));
        assertEquals("1e+21", NsqdConfigValues.goJsonFloat(1e21));
        assertEquals("-2.5", NsqdConfigValues.goJsonFloat(-2.5));
        assertEquals("0", NsqdConfigValues.goJsonFloat(0.0));
    }

    @Test
    void shouldListNamesSorted()
    {
        final List<String> names = new ArrayList<>(new NsqdConfigValues(context).names());

        assertTrue(names.contains("e2e_processing_latency_percentiles"));
        assertTrue(names.contains("id"));
        assertFalse(names.contains("node_id"));
        final List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        assertEquals(sorted, names);
    }
}
