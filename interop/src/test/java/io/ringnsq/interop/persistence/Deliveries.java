package io.ringnsq.interop.persistence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.ringnsq.transport.testsupport.Frame;
import io.ringnsq.transport.testsupport.Message;
import io.ringnsq.transport.testsupport.V2Connection;

/** Reading a subscribed {@link V2Connection} in real time: messages, with heartbeats answered on the way. */
final class Deliveries
{
    private Deliveries()
    {
    }

    /**
     * The next message, answering heartbeats with NOP; null when none comes within {@code wait}, or the connection
     * is closed (its reads then come back at once).
     */
    static Message next(final V2Connection connection, final Duration wait)
    {
        return next(connection, wait, null);
    }

    /** As {@link #next(V2Connection, Duration)}; error frames on the way are added to {@code errors}. */
    static Message next(final V2Connection connection, final Duration wait, final List<String> errors)
    {
        final long deadline = System.nanoTime() + wait.toNanos();
        while (true)
        {
            final long left = deadline - System.nanoTime();
            if (left <= 0)
            {
                return null;
            }
            final Frame frame;
            try
            {
                frame = connection.readFrame(Duration.ofNanos(Math.max(left, 1_000_000)));
            }
            catch (final AssertionError timeoutOrClosed)
            {
                return null;
            }
            if (frame.isHeartbeat())
            {
                connection.nop();
            }
            else if (frame.isMessage())
            {
                return Message.decode(frame);
            }
            else if (frame.type() == Frame.TYPE_ERROR && errors != null)
            {
                errors.add(frame.text());
            }
            else
            {
                throw new AssertionError("expected a message, got " + frame);
            }
        }
    }

    /** Exactly {@code count} messages, each within {@code wait} of the one before. */
    static List<Message> take(final V2Connection connection, final int count, final Duration wait)
    {
        final List<Message> messages = new ArrayList<>();
        while (messages.size() < count)
        {
            final Message message = next(connection, wait);
            if (message == null)
            {
                throw new AssertionError("got " + messages.size() + " of " + count + " messages; nothing more within "
                    + wait.toMillis() + " ms: " + messages);
            }
            messages.add(message);
        }
        return messages;
    }
}
