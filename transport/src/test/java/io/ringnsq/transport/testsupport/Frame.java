package io.ringnsq.transport.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One server → client frame exactly as it came off the wire: {@code [int32 size][int32 type][data]}.
 * The size is kept as read so tests can check it against {@code 4 + data.length} byte for byte.
 */
public record Frame(int size, int type, byte[] data)
{
    public static final int TYPE_RESPONSE = 0;
    public static final int TYPE_ERROR = 1;
    public static final int TYPE_MESSAGE = 2;
    /** Larger than any frame a test provokes; a bigger size means the stream is out of step. */
    private static final int MAX_SIZE = 64 * 1024 * 1024;

    /**
     * The rest of a frame whose first byte was already read (callers read it alone, to tell a close or a
     * timeout before the frame from one inside it).
     */
    public static Frame readAfter(final int first, final DataInputStream in) throws IOException
    {
        final int size = (first << 24) | (in.readUnsignedByte() << 16) | in.readUnsignedShort();
        assertTrue(size >= 4 && size <= MAX_SIZE, "implausible frame size " + size);
        final int type = in.readInt();
        final byte[] data = new byte[size - 4];
        in.readFully(data);
        return new Frame(size, type, data);
    }

    public String text()
    {
        return new String(data, StandardCharsets.ISO_8859_1);
    }

    public boolean isResponse(final String expected)
    {
        return type == TYPE_RESPONSE && text().equals(expected);
    }

    public boolean isHeartbeat()
    {
        return isResponse("_heartbeat_");
    }

    /** A message frame long enough for the message header (see {@link Message}). */
    public boolean isMessage()
    {
        return type == TYPE_MESSAGE && data.length >= Message.HEADER_LENGTH;
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
        final String shown = isMessage() ? Message.decode(this).toString() : Wire.escape(data);
        return kind + " frame (size " + size + "): " + shown;
    }
}
