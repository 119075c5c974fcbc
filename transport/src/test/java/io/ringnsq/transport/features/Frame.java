package io.ringnsq.transport.features;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One server → client frame as decoded from the top of a client's stack: {@code [int32 size][int32 type][data]}. */
record Frame(int size, int type, byte[] data)
{
    static final int TYPE_RESPONSE = 0;
    static final int TYPE_ERROR = 1;
    static final int TYPE_MESSAGE = 2;
    /** timestamp (8), attempts (2), id (16). */
    static final int MESSAGE_HEADER = 26;

    String text()
    {
        return new String(data, StandardCharsets.ISO_8859_1);
    }

    boolean isResponse(final String expected)
    {
        return type == TYPE_RESPONSE && text().equals(expected);
    }

    boolean isMessage()
    {
        return type == TYPE_MESSAGE && data.length >= MESSAGE_HEADER;
    }

    int attempts()
    {
        return Short.toUnsignedInt(ByteBuffer.wrap(data, 8, 2).getShort());
    }

    String messageId()
    {
        return new String(data, 10, 16, StandardCharsets.ISO_8859_1);
    }

    byte[] body()
    {
        return Arrays.copyOfRange(data, MESSAGE_HEADER, data.length);
    }

    String bodyText()
    {
        return new String(body(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString()
    {
        final String kind = switch (type)
        {
            case TYPE_RESPONSE -> "response";
            case TYPE_ERROR -> "error";
            case TYPE_MESSAGE -> "message";
            default -> "type " + type;
        };
        if (isMessage())
        {
            return "message frame (size " + size + "): id " + messageId() + ", attempts " + attempts() + ", body '"
                + Bytes.escape(body()) + "'";
        }
        return kind + " frame (size " + size + "): " + Bytes.escape(data);
    }
}
