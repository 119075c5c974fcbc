package io.ringnsq.transport.v2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.ringnsq.core.message.MessageIds;
import io.ringnsq.transport.nio.Connection;

/**
 * Writes V2 frames ({@code [size][type][data]}, spec §1.3) into a connection's output: responses,
 * errors and messages. A message body is never copied twice: it goes into the output buffer, or,
 * behind queued output or when larger than the buffer, is queued by reference.
 */
final class V2Frames
{
    static final int FRAME_RESPONSE = 0;
    static final int FRAME_ERROR = 1;
    static final int FRAME_MESSAGE = 2;
    static final byte[] OK = "OK".getBytes(StandardCharsets.US_ASCII);
    static final byte[] HEARTBEAT = "_heartbeat_".getBytes(StandardCharsets.US_ASCII);
    /** size(4) + type(4) + timestamp(8) + attempts(2) + id(16). */
    private static final int MESSAGE_HEADER = 34;

    private final byte[] idScratch = new byte[MessageIds.HEX_LENGTH];

    static void frame(final Connection c, final int frameType, final byte[] data) throws IOException
    {
        final int length = 8 + data.length;
        ByteBuffer b = c.output().claim(length, c.layer());
        final boolean queued = b == null;
        if (queued)
        {
            b = ByteBuffer.allocate(length);
        }
        b.putInt(4 + data.length).putInt(frameType).put(data);
        if (queued)
        {
            c.output().enqueue(b.flip());
        }
    }

    void message(final Connection c, final long id, final long timestamp, final int attempts, final byte[] body) throws IOException
    {
        MessageIds.writeHex(id, idScratch, 0);
        final ByteBuffer b = c.output().claim(MESSAGE_HEADER + body.length, c.layer());
        if (b != null)
        {
            messageHeader(b, timestamp, attempts, body.length).put(body);
            return;
        }
        final ByteBuffer header = messageHeader(ByteBuffer.allocate(MESSAGE_HEADER), timestamp, attempts, body.length).flip();
        c.output().enqueue(header);
        c.output().enqueue(ByteBuffer.wrap(body));
    }

    private ByteBuffer messageHeader(final ByteBuffer b, final long timestamp, final int attempts, final int bodyLength)
    {
        return b.putInt(MESSAGE_HEADER - 4 + bodyLength)
            .putInt(FRAME_MESSAGE)
            .putLong(timestamp)
            .putShort((short)attempts)
            .put(idScratch);
    }
}
