package io.ringnsq.transport.nsqd.lookupd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChannelsQueryTest
{
    @Test
    void shouldReadTheChannelsFieldAsGoUnmarshalsIt() throws IOException
    {
        assertEquals(List.of("a", "", "b"), ChannelsQuery.parseChannels(bytes("{\"x\":1,\"Channels\":[\"a\",null,\"b\"]}")));
        assertEquals(List.of(), ChannelsQuery.parseChannels(bytes("{\"channels\":null}")));
        assertThrows(IOException.class, () -> ChannelsQuery.parseChannels(bytes("{\"channels\":[1]}")));
        assertThrows(IOException.class, () -> ChannelsQuery.parseChannels(bytes("[]")));
    }

    @Test
    void shouldAnswerTheSortedUnionOfEveryLookupdAndTheErrorsOfThoseThatFailed() throws Exception
    {
        try (FakeLookupd one = new FakeLookupd(); FakeLookupd two = new FakeLookupd();
            ChannelsQuery query = new ChannelsQuery(Duration.ofSeconds(2), Duration.ofSeconds(5)))
        {
            one.channels("t", "\"b\",\"a\"");
            two.channels("t", "\"c\",\"a\"");

            final ChannelsQuery.Answer both = query.query("t", List.of(one.httpAddress(), two.httpAddress())).get();
            assertEquals(new ChannelsQuery.Answer(List.of("a", "b", "c"), null), both);

            two.channelsStatus(500);
            final ChannelsQuery.Answer partial = query.query("t", List.of(one.httpAddress(), two.httpAddress())).get();
            assertEquals(List.of("a", "b"), partial.channels());
            assertNotNull(partial.error());

            one.channelsStatus(404);
            final ChannelsQuery.Answer none = query.query("t", List.of(one.httpAddress(), two.httpAddress())).get();
            assertEquals(List.of(), none.channels());
            assertNotNull(none.error());
        }
    }

    @Test
    void shouldAnswerNothingWithoutAnyLookupd() throws Exception
    {
        try (ChannelsQuery query = new ChannelsQuery(Duration.ofSeconds(2), Duration.ofSeconds(5)))
        {
            final ChannelsQuery.Answer answer = query.query("t", List.of()).get();
            assertEquals(List.of(), answer.channels());
            assertNull(answer.error());
        }
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
