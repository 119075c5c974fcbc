package io.ringnsq.transport.testsupport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A decoded message frame: {@code [int64 timestamp ns][uint16 attempts][16 ASCII bytes id][body]}, all big-endian.
 */
public record Message(long timestamp, int attempts, String id, byte[] body)
{
    public static final int HEADER_LENGTH = 8 + 2 + 16;

    public static Message decode(final Frame frame)
    {
        if (!frame.isMessage())
        {
            throw new AssertionError("expected a message frame, got " + frame);
        }
        final ByteBuffer buffer = ByteBuffer.wrap(frame.data());
        final long timestamp = buffer.getLong();
        final int attempts = Short.toUnsignedInt(buffer.getShort());
        final byte[] id = new byte[16];
        buffer.get(id);
        final byte[] body = Arrays.copyOfRange(frame.data(), HEADER_LENGTH, frame.data().length);
        return new Message(timestamp, attempts, new String(id, StandardCharsets.ISO_8859_1), body);
    }

    public String bodyText()
    {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString()
    {
        return "Message[ts=" + timestamp + ", attempts=" + attempts + ", id='" + id + "', body='" + Wire.escape(body) + "']";
    }
}
