package io.ringnsq.core.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The command ring counts the message bodies waiting in it, not only its slots. */
class IoLinkTest
{
    private static final int MIB = 1 << 20;

    private final IoLink link = new IoLink(0, 1024, 1024);

    @Test
    void shouldBeFullOnceTheBodiesWaitingReachTheBoundAndFreeOnceTheEngineTakesThem()
    {
        final long batches = IoLink.COMMAND_BYTES_QUEUED / (4 * MIB);
        for (int i = 0; i < batches; i++)
        {
            assertTrue(link.hasCommandCapacity(1), "room before batch " + i);
            publishMpub(4, MIB);
        }
        assertEquals(IoLink.COMMAND_BYTES_QUEUED, link.commandBytesQueued());
        assertFalse(link.hasCommandCapacity(1), "slots are left, but the bodies waiting reached the bound");

        assertEquals(batches, link.pollCommands((event, sequence, endOfBatch) ->
        {
            event.clear();
            return true;
        }));
        assertEquals(0, link.commandBytesQueued());
        assertTrue(link.hasCommandCapacity(1), "room again once the engine took them");
    }

    @Test
    void shouldCountOnlyWhatWaitsAcrossManyTurnsOfTheRing()
    {
        for (int turn = 0; turn < 1500; turn++) // 10,500 commands: ten turns of the ring
        {
            publishPubs(7);
            link.pollCommands((event, sequence, endOfBatch) ->
            {
                event.clear();
                return true;
            });
            assertEquals(0, link.commandBytesQueued(), "after turn " + turn);
        }
        publishPubs(3);
        assertEquals(300, link.commandBytesQueued(), "the three published since the last poll");
    }

    private void publishPubs(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final long sequence = link.claimCommand();
            link.command(sequence).body = new byte[100];
            link.publishCommand(sequence);
        }
    }

    private void publishMpub(final int count, final int size)
    {
        final long sequence = link.claimCommand();
        final CommandEvent e = link.command(sequence);
        final byte[][] bodies = e.bodiesFor(count);
        for (int i = 0; i < count; i++)
        {
            bodies[i] = new byte[size];
        }
        e.bodyCount = count;
        link.publishCommand(sequence);
    }
}
