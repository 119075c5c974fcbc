package io.ringnsq.core.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class CommandEventTest
{
    @Test
    void shouldDropTheBodiesOfAnMpubAndKeepItsArrayForTheNext()
    {
        final CommandEvent slot = new CommandEvent();
        final byte[][] bodies = slot.bodiesFor(3);
        for (int i = 0; i < 3; i++)
        {
            bodies[i] = new byte[] {(byte)i};
        }
        slot.bodyCount = 3;
        slot.clear();
        for (final byte[] body : bodies)
        {
            assertNull(body, "a cleared slot keeps a body alive");
        }
        assertEquals(0, slot.bodyCount);
        assertSame(bodies, slot.bodiesFor(2), "the next MPUB allocates an array again");
    }

    @Test
    void shouldLetALargeMpubsArrayGo()
    {
        final CommandEvent slot = new CommandEvent();
        final byte[][] bodies = slot.bodiesFor(CommandEvent.KEPT_BODIES + 1);
        bodies[0] = new byte[1];
        slot.bodyCount = 1;
        slot.clear();
        assertNull(slot.bodies);
        assertNotSame(bodies, slot.bodiesFor(1));
    }
}
