package io.ringnsq.transport.httpconformance;

import java.nio.charset.StandardCharsets;

/**
 * One server → client frame exactly as it came off the wire: {@code [int32 size][int32 type][data]}.
 * The size is kept as read so tests can check it against {@code 4 + data.length} byte for byte.
 */
record Frame(int size, int type, byte[] data)
{
    static final int TYPE_RESPONSE = 0;
    static final int TYPE_ERROR = 1;
    static final int TYPE_MESSAGE = 2;

    String text()
    {
        return new String(data, StandardCharsets.ISO_8859_1);
    }

    boolean isResponse(final String expected)
    {
        return type == TYPE_RESPONSE && text().equals(expected);
    }

    boolean isHeartbeat()
    {
        return isResponse("_heartbeat_");
    }

    /** Printable form for assertion messages: type name, size and the data with control bytes escaped. */
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
        final String shown = type == TYPE_MESSAGE && data.length >= 26 ? Message.decode(this).toString() : Wire.escape(data);
        return kind + " frame (size " + size + "): " + shown;
    }
}
