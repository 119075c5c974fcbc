package io.ringnsq.core.engine;

import java.util.ArrayDeque;

import io.ringnsq.core.link.EngineResult;
import io.ringnsq.core.link.OutboundType;

/**
 * A client's replies that wait behind a publish being stored (durable mode): a client matches
 * replies to its commands in order, so nothing may overtake that publish's answer. Message frames
 * are not replies and never wait here.
 */
final class HeldReplies
{
    private final ArrayDeque<Object> queue = new ArrayDeque<>();

    boolean isEmpty()
    {
        return queue.isEmpty();
    }

    /** The answer to {@code ack} goes here, in order, once it is known. */
    void hold(final StoreAck ack)
    {
        queue.addLast(ack);
    }

    /** A reply that must wait for the ones before it. */
    void add(final int type, final byte[] data, final boolean close, final int result, final Object payload)
    {
        queue.addLast(new Reply(type, data, close, result, payload));
    }

    /**
     * Sends, in order, every reply whose turn has come, while the client's ring has room.
     *
     * @return true when nothing is left waiting for room (a publish still being stored may be).
     */
    boolean release(final Client client)
    {
        while (!queue.isEmpty())
        {
            final Object head = queue.peekFirst();
            if (head instanceof StoreAck && !((StoreAck)head).isDone())
            {
                return true;
            }
            if (!client.link.hasOutboundCapacity(1))
            {
                return false;
            }
            queue.pollFirst();
            if (head instanceof StoreAck)
            {
                answer(client, (StoreAck)head);
            }
            else
            {
                final Reply r = (Reply)head;
                if (r.type == OutboundType.RESULT)
                {
                    ClientOutput.emitResult(client, r.result, r.payload);
                }
                else
                {
                    ClientOutput.emitFrame(client, r.type, r.data, r.close);
                }
            }
        }
        return true;
    }

    private static void answer(final Client client, final StoreAck ack)
    {
        final String error = ack.error();
        if (ack.command == null)
        {
            ClientOutput.emitResult(client, error == null ? EngineResult.OK : EngineResult.QUEUE_FULL, null);
        }
        else if (error == null)
        {
            client.published(ack.topic, ack.count);
            ClientOutput.emitFrame(client, OutboundType.RESPONSE, ClientOutput.OK, false);
        }
        else
        {
            ClientOutput.emitFrame(client, OutboundType.ERROR,
                ClientOutput.text("E_" + ack.command + "_FAILED " + ack.command + " failed " + error), true);
        }
    }

    /** A reply that waits its turn. */
    private record Reply(int type, byte[] data, boolean close, int result, Object payload)
    {
    }
}
