package io.ringnsq.transport.httpconformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ringnsq.transport.testsupport.V2Connection;

/**
 * Spec §3.3 text format (any {@code format} but {@code json}): the fixed layout people read, compared
 * byte for byte from the Health line on. The expected lines are built with upstream's own format
 * strings ({@code printStats} and {@code ClientV2Stats.String}), which Java's formatter reads the same
 * way. The first lines carry the Go build ({@code (built w/...)}) and the start time (RFC 3339 in the
 * process time zone), which are checked by shape. A pristine broker per test with a known clock.
 */
final class StatsTextConformanceTest extends HttpConformanceTestBase
{
    static final String TOPIC_LINE = "\n%s[%-15s] depth: %-5d be-depth: %-5d msgs: %-8d e2e%%: %s\n";
    static final String CHANNEL_LINE =
        "%s[%-25s] depth: %-5d be-depth: %-5d inflt: %-4d def: %-4d re-q: %-5d timeout: %-5d msgs: %-8d e2e%%: %s\n";
    static final String CONSUMER_LINE =
        "        [%s %-21s] state: %d inflt: %-4d rdy: %-4d fin: %-8d re-q: %-8d msgs: %-8d connected: %s\n";
    static final String PRODUCER_LINE = "   [%s %-21s] msgs: %-8d topics: %s connected: %s\n";
    static final String[] MEMORY_KEYS = {"heap_objects", "heap_idle_bytes", "heap_in_use_bytes", "heap_released_bytes",
        "gc_pause_usec_100", "gc_pause_usec_99", "gc_pause_usec_95", "next_gc_bytes", "gc_total_runs"};

    @Override
    protected boolean brokerPerTest()
    {
        return true;
    }

    private String text(final String target)
    {
        final HttpResponse response = get(target);
        assertStatus(200, response);
        assertEquals(TEXT_TYPE, response.header("Content-Type"), () -> "Content-Type; the response was " + response);
        assertV1Header(response);
        return response.text();
    }

    /** Checks the three header lines and returns the rest, from the blank line before "Health:". */
    private String afterHeader(final String text, final String uptime)
    {
        final List<String> lines = Arrays.asList(text.split("\n", -1));
        assertTrue(lines.get(0).matches("nsqd v1\\.3\\.0 \\(built w/.+\\)"), () -> "version line: " + lines.get(0));
        final String start = lines.get(1);
        assertTrue(start.matches("start_time \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)"),
            () -> "start_time in RFC 3339: " + start);
        assertEquals(startEpochSeconds, OffsetDateTime.parse(start.substring("start_time ".length())).toEpochSecond());
        assertEquals("uptime " + uptime, lines.get(2));
        final int cut = lines.get(0).length() + lines.get(1).length() + lines.get(2).length() + 3;
        return text.substring(cut);
    }

    @Test
    void emptyBrokerTextIsExact()
    {
        final String text = text("/stats?include_mem=false");

        assertEquals("\nHealth: OK\n\nTopics: None\n\nProducers: None\n", afterHeader(text, "0s"));
    }

    @Test
    void uptimeIsAGoDurationOfTheClock()
    {
        clock.advanceMillis(61_500);

        final String text = text("/stats?include_mem=false");

        afterHeader(text, "1m1.5s");
        assertEquals("1m1.5s", GoText.duration(61_500_000_000L), "self-check of the Go formatter");
    }

    @Test
    void memorySectionHasNineTabbedLinesInUpstreamsOrder()
    {
        final String rest = afterHeader(text("/stats"), "0s");

        assertTrue(rest.startsWith("\nHealth: OK\n\nMemory:\n"), rest);
        final String[] lines = rest.substring("\nHealth: OK\n\nMemory:\n".length()).split("\n");
        for (int i = 0; i < MEMORY_KEYS.length; i++)
        {
            final String prefix = String.format("   %-25s\t", MEMORY_KEYS[i]);
            final String line = lines[i];
            assertTrue(line.startsWith(prefix) && line.substring(prefix.length()).matches("\\d+"),
                () -> "memory line '" + line + "' should be '" + prefix + "<integer>'");
        }
        assertEquals("", lines[MEMORY_KEYS.length], "a blank line before Topics");
        assertEquals("Topics: None", lines[MEMORY_KEYS.length + 1]);
    }

    @Test
    void busyBrokerTextIsExact()
    {
        final V2Connection consumer = connectTcp();
        consumer.identifyOk("{\"hostname\":\"chost\",\"user_agent\":\"probe/1.0\"}");
        consumer.subscribe("txt", "ch");
        final V2Connection producer = connectTcp();
        producer.identifyOk("{\"hostname\":\"phost\",\"user_agent\":\"probe/1.0\"}");
        producer.publish("txt", "one");
        producer.publish("txt", "two");
        consumer.rdy(1);
        consumer.expectMessage();
        consumer.syncInFlight();
        clock.advanceMillis(3_000);

        final String rest = afterHeader(text("/stats?include_mem=false"), "3s");

        final String expected = "\nHealth: OK\n"
            + "\nTopics:"
            + String.format(TOPIC_LINE, "   ", "txt", 0, 0, 2, "")
            + String.format(CHANNEL_LINE, "      ", "ch", 1, 0, 1, 0, 0, 0, 2, "")
            + String.format(CONSUMER_LINE, "V2", "chost:" + consumer.localPort() + " probe/1.0", 3, 1, 1, 0, 0, 1, "3s")
            + "\nProducers:\n"
            + String.format(PRODUCER_LINE, "V2", "phost:" + producer.localPort() + " probe/1.0", 2, "txt=2", "3s");
        assertEquals(expected, rest);
    }

    @Test
    void pausedTopicAndChannelLinesStartWithStarP()
    {
        assertOkEmpty(post("/topic/create?topic=pz"));
        assertOkEmpty(post("/channel/create?topic=pz&channel=cz"));
        assertOkEmpty(post("/channel/create?topic=pz&channel=open"));
        assertOkEmpty(post("/topic/pause?topic=pz"));
        assertOkEmpty(post("/channel/pause?topic=pz&channel=cz"));

        final String rest = afterHeader(text("/stats?include_mem=false"), "0s");

        final String expected = "\nHealth: OK\n"
            + "\nTopics:"
            + String.format(TOPIC_LINE, "*P ", "pz", 0, 0, 0, "")
            + String.format(CHANNEL_LINE, "   *P ", "cz", 0, 0, 0, 0, 0, 0, 0, "")
            + String.format(CHANNEL_LINE, "      ", "open", 0, 0, 0, 0, 0, 0, 0, "")
            + "\nProducers: None\n";
        assertEquals(expected, rest);
    }

    @Test
    void topicsAreSeparatedByABlankLine()
    {
        assertOkEmpty(post("/topic/create?topic=aa"));
        assertOkEmpty(post("/topic/create?topic=bb"));

        final String rest = afterHeader(text("/stats?include_mem=false"), "0s");

        assertEquals("\nHealth: OK\n\nTopics:" + String.format(TOPIC_LINE, "   ", "aa", 0, 0, 0, "")
            + String.format(TOPIC_LINE, "   ", "bb", 0, 0, 0, "") + "\nProducers: None\n", rest);
    }

    @Test
    void aConsumerThatNeverIdentifiedShowsItsAddressAndAnEmptyUserAgent()
    {
        final V2Connection consumer = subscriber("t", "c");
        consumer.rdy(2);
        consumer.syncInFlight();

        final String rest = afterHeader(text("/stats?include_mem=false"), "0s");

        final String line = String.format(CONSUMER_LINE, "V2", "127.0.0.1:" + consumer.localPort() + " ", 3, 0, 2, 0, 0, 0, "0s");
        assertTrue(rest.contains(String.format(CHANNEL_LINE, "      ", "c", 0, 0, 0, 0, 0, 0, 0, "") + line), rest);
    }

    @Test
    void includeClientsFalseDropsClientLinesAndProducers()
    {
        final V2Connection consumer = subscriber("t", "c");
        consumer.publish("t", "producer too");

        final String rest = afterHeader(text("/stats?include_mem=false&include_clients=false"), "0s");

        final String expected = "\nHealth: OK\n"
            + "\nTopics:"
            + String.format(TOPIC_LINE, "   ", "t", 0, 0, 1, "")
            + String.format(CHANNEL_LINE, "      ", "c", 1, 0, 0, 0, 0, 0, 1, "")
            + "\nProducers: None\n";
        assertEquals(expected, rest);
    }

    @Test
    void anUnknownTopicFilterGivesTopicsNone()
    {
        assertOkEmpty(post("/topic/create?topic=known"));

        final String rest = afterHeader(text("/stats?include_mem=false&topic=unknown"), "0s");

        assertEquals("\nHealth: OK\n\nTopics: None\n\nProducers: None\n", rest);
    }
}
