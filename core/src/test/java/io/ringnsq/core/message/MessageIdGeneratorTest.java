package io.ringnsq.core.message;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageIdGeneratorTest
{
    private static final long NOW = 1_795_319_223_331_522_120L;

    @Test
    void shouldLayOutTimestampNodeAndSequenceAsUpstream()
    {
        final long id = new MessageIdGenerator(7).next(NOW);
        assertEquals((NOW >> 20) - MessageIdGenerator.TWITTER_EPOCH, id >>> 22);
        assertEquals(7, (id >> 12) & 0x3FF);
        assertEquals(0, id & 0xFFF);
    }

    @Test
    void shouldMatchUpstreamTranscriptPrefixForNode7()
    {
        // spec Appendix A: upstream, node 7, the first message at this timestamp got 18a3e208c0407000
        assertEquals("18a3e208c0407000", MessageIds.toHex(new MessageIdGenerator(7).next(NOW)));
    }

    @Test
    void shouldStayUniqueWhenSequenceRunsOutWithinOneTick()
    {
        final MessageIdGenerator ids = new MessageIdGenerator(1);
        final Set<Long> seen = new HashSet<>();
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < 20_000; i++)
        {
            final long id = ids.next(NOW);
            assertTrue(seen.add(id));
            assertTrue(id > previous);
            previous = id;
        }
    }

    @Test
    void shouldNotGoBackwardsWhenTheClockDoes()
    {
        final MessageIdGenerator ids = new MessageIdGenerator(1);
        final long first = ids.next(NOW);
        assertTrue(ids.next(NOW - 5_000_000_000L) > first);
    }

    @Test
    void shouldRoundTripLowercaseHexOnly()
    {
        final long id = 0x18a3e208c0407000L;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);
        MessageIds.writeHex(id, buffer, 0);
        assertTrue(MessageIds.isHex(buffer, 0));
        assertEquals(id, MessageIds.parseHex(buffer, 0));
        assertFalse(MessageIds.isHex(new UnsafeBuffer("18A3E208C0407000".getBytes(StandardCharsets.US_ASCII)), 0));
        assertFalse(MessageIds.isHex(new UnsafeBuffer("notamessageid!!!".getBytes(StandardCharsets.US_ASCII)), 0));
    }
}
