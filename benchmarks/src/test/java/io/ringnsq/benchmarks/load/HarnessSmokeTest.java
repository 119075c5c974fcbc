package io.ringnsq.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringnsq.cli.UsageException;
import io.ringnsq.transport.nsqd.Nsqd;
import io.ringnsq.transport.nsqd.NsqdContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI smoke run of every harness mode against ringnsq's nsqd started in-process on 127.0.0.1, for a second or two
 * with small counts: it checks what the harness does (every message written is read, the latency histogram holds
 * every measured message, the limit run moved messages both ways, the JSON matches), never how fast.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class HarnessSmokeTest
{
    @TempDir
    static Path dataPath;
    @TempDir
    Path output;

    private static Nsqd nsqd;
    private static String address;

    @BeforeAll
    static void startNsqd() throws IOException
    {
        nsqd = Nsqd.start(new NsqdContext()
            .tcpAddress("127.0.0.1:0")
            .httpAddress("127.0.0.1:0")
            .httpsAddress("127.0.0.1:0")
            .broadcastAddress("127.0.0.1")
            .memQueueSize(100_000) // the smoke run stays in memory: Chronicle has tests of its own
            .dataPath(dataPath)
            .conclude());
        address = "--nsqd-tcp-address=127.0.0.1:" + nsqd.tcpAddress().getPort();
    }

    @AfterAll
    static void stopNsqd()
    {
        if (nsqd != null)
        {
            nsqd.close();
        }
    }

    @Test
    void everyMessageWrittenIsRead() throws Exception
    {
        final Path json = output.resolve("writer.json");
        final Harness.Report written = Harness.run("writer", address, "--topic=smoke", "--connections=2", "--batch-size=100",
            "--size=100", "--window=2", "--count=40000", "--runfor=5s", "--json=" + json);
        assertEquals(0, written.exitCode(), written.line());
        final long messages = (Long)written.json().get("messages");
        assertEquals(40_000, messages, written.line());
        assertTrue(written.line().startsWith("writer: 40000 msgs in "), written.line());
        final JsonNode file = new ObjectMapper().readTree(json.toFile());
        assertEquals("writer", file.get("mode").asText());
        assertEquals(messages, file.get("messages").asLong());

        final Harness.Report read = Harness.run("reader", address, "--topic=smoke", "--channel=ch", "--connections=2",
            "--rdy=100", "--count=" + messages, "--runfor=20s");
        assertEquals(0, read.exitCode(), read.line());
        assertEquals(messages, read.json().get("messages"), read.line());
    }

    @Test
    void pubsubDeliversEveryAcknowledgedMessage() throws Exception
    {
        final Harness.Report report = Harness.run("pubsub", address, "--topic=smoke_pubsub", "--connections=2",
            "--batch-size=50", "--size=100", "--count=20000", "--runfor=5s", "--drain=20s", "--rdy=200");
        assertEquals(0, report.exitCode(), report.line());
        @SuppressWarnings("unchecked")
        final Map<String, Object> writer = (Map<String, Object>)report.json().get("writer");
        @SuppressWarnings("unchecked")
        final Map<String, Object> reader = (Map<String, Object>)report.json().get("reader");
        assertEquals(20_000L, writer.get("messages"), report.line());
        assertEquals(20_000L, reader.get("messages"), report.line());
        assertEquals(true, report.json().get("complete"));
        assertTrue(report.line().startsWith("pubsub: writer 20000 msgs in "), report.line());
    }

    @Test
    void latencyRecordsEveryMeasuredMessage() throws Exception
    {
        final Harness.Report report = Harness.run("latency", address, "--rate=4000", "--warmup=250ms", "--runfor=1s",
            "--size=64", "--json=" + output.resolve("latency.json"));
        assertEquals(0, report.exitCode(), report.line());
        final Map<String, Object> json = report.json();
        final long published = (Long)json.get("published");
        assertEquals(5000, published, report.line());
        assertEquals(published, json.get("acknowledged"));
        assertEquals(published, json.get("received"));
        @SuppressWarnings("unchecked")
        final Map<String, Map<String, Object>> latency = (Map<String, Map<String, Object>>)json.get("latency_us");
        final long measured = (Long)json.get("measured");
        assertEquals(4000, measured, 1, report.line()); // the messages due after the warm-up
        assertEquals(measured, latency.get("from_intended").get("count"));
        assertEquals(measured, latency.get("from_write").get("count"));
        assertTrue((Double)latency.get("from_intended").get("max") >= (Double)latency.get("from_intended").get("p50"));
        assertTrue(report.line().startsWith("latency: p50 "), report.line());
        // the stall meter ran through the run: about a wake-up a millisecond for 1.25 s (the bound leaves room for a busy machine)
        @SuppressWarnings("unchecked")
        final Map<String, Object> stalls = (Map<String, Object>)json.get("machine_stalls");
        assertTrue((Long)stalls.get("wakeups") >= 100, stalls.toString());
        assertTrue(report.line().contains("machine stalls: "), report.line());
    }

    @Test
    void latencyThroughTheRelayDeliversEveryMessage() throws Exception
    {
        final Harness.Report report = Harness.run("latency", "--relay", "--rate=4000", "--warmup=250ms", "--runfor=1s",
            "--size=64");
        assertEquals(0, report.exitCode(), report.line());
        assertEquals(5000L, report.json().get("received"), report.line());
        assertEquals(true, report.json().get("relay"));
        assertTrue(report.line().contains("one-thread relay on 127.0.0.1:"), report.line());
    }

    @Test
    void latencyOnOneThreadRecordsEveryMeasuredMessage() throws Exception
    {
        for (final String target : List.of(address, "--relay"))
        {
            final Harness.Report report = Harness.run("latency", target, "--one-thread", "--rate=4000", "--warmup=250ms",
                "--runfor=1s", "--size=64", "--topic=latency_one_thread");
            assertEquals(0, report.exitCode(), report.line());
            assertEquals(5000L, report.json().get("received"), report.line());
            assertEquals(5000L, report.json().get("acknowledged"), report.line());
            assertEquals(report.json().get("measured"), ((Map<?, ?>)((Map<?, ?>)report.json().get("latency_us"))
                .get("from_write")).get("count"), report.line());
        }
        assertEquals(UsageException.EXIT_BAD_FLAGS, assertThrows(UsageException.class,
            () -> Harness.run("latency", address, "--one-thread", "--transport=snappy")).exitCode());
    }

    @Test
    void limitRunsAgainstItsOwnEndpoint() throws Exception
    {
        final Harness.Report report = Harness.run("limit", "--runfor=1s", "--connections=1", "--size=100");
        assertEquals(0, report.exitCode(), report.line());
        @SuppressWarnings("unchecked")
        final Map<String, Object> writer = (Map<String, Object>)report.json().get("writer");
        @SuppressWarnings("unchecked")
        final Map<String, Object> reader = (Map<String, Object>)report.json().get("reader");
        @SuppressWarnings("unchecked")
        final Map<String, Object> endpoint = (Map<String, Object>)report.json().get("endpoint");
        assertTrue((Long)writer.get("messages") > 0, report.line());
        assertTrue((Long)reader.get("messages") > 0, report.line());
        assertEquals(writer.get("messages"), endpoint.get("messages_in"));
        // the FINs of the last RDY window (one connection, RDY 2500) may still be on their way when the counts are read
        assertTrue((Long)endpoint.get("finished") >= (Long)reader.get("messages") - 2500, report.line());
        assertTrue(report.line().startsWith("limit: writer "), report.line());
    }

    @Test
    void refusesWhatItShouldNotDo() throws Exception
    {
        assertEquals(UsageException.EXIT_BAD_FLAGS, assertThrows(UsageException.class,
            () -> Harness.run("writer", "--nsqd-tcp-address=192.0.2.1:4150")).exitCode());
        assertEquals(UsageException.EXIT_BAD_FLAGS, assertThrows(UsageException.class, () -> Harness.run("bench")).exitCode());
        assertEquals(UsageException.EXIT_BAD_FLAGS, assertThrows(UsageException.class,
            () -> Harness.run("latency", address, "--size=8")).exitCode());
        assertNull(Harness.run("--help"));
        assertNotNull(Harness.usage());
    }
}
