package io.ringnsq.core.engine;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MessageRingTest
{
    @Test
    void shouldGrowFromSmallCapacityKeepingOrder()
    {
        final MessageRing ring = new MessageRing(10_000);
        assertEquals(MessageRing.INITIAL_CAPACITY, ring.capacity());
        for (int i = 0; i < 1000; i++)
        {
            ring.add(i, i, 0, new byte[]{(byte)i}, 0);
        }
        assertEquals(1024, ring.capacity());
        final List<Long> ids = new ArrayList<>();
        ring.poll(e ->
        {
            ids.add(e.id);
            return true;
        });
        assertEquals(1000, ids.size());
        for (int i = 0; i < 1000; i++)
        {
            assertEquals(i, ids.get(i));
        }
    }

    @Test
    void shouldGrowWhilePartlyConsumed()
    {
        final MessageRing ring = new MessageRing(1000);
        for (int i = 0; i < 200; i++)
        {
            ring.add(i, 0, 0, null, 0);
        }
        final int[] taken = {0};
        ring.poll(e -> ++taken[0] < 150);
        for (int i = 200; i < 600; i++)
        {
            ring.add(i, 0, 0, null, 0);
        }
        assertEquals(450, ring.size());
        final long[] first = {-1};
        ring.poll(e ->
        {
            first[0] = e.id;
            return false;
        });
        assertEquals(150, first[0]);
    }

    @Test
    void shouldRefuseToGrowPastTheLimitsPowerOfTwo()
    {
        final MessageRing ring = new MessageRing(3);
        for (int i = 0; i < 4; i++)
        {
            ring.add(i, 0, 0, null, 0);
        }
        assertThrows(IllegalStateException.class, () -> ring.add(9, 0, 0, null, 0));
    }

    @Test
    void shouldNotKeepBodiesOfConsumedMessages()
    {
        final MessageRing ring = new MessageRing(8);
        ring.add(1, 0, 0, new byte[10], 0);
        final MessageEvent[] seen = new MessageEvent[1];
        ring.poll(e ->
        {
            seen[0] = e;
            return true;
        });
        assertEquals(null, seen[0].body);
    }
}
